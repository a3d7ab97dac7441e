/**
 * The coaching notes of the run a player shows, the one at its cursor, and the ones the learner
 * dismissed. One per player ({@link coachingOf}), so the page's session (which marks the note's
 * line in the editor) and the run's view (which shows the note) agree without a prop between
 * them.
 */
import { coachNotes, noteAt, type CoachKind, type CoachNote } from '$lib/model/coaching';
import type { Trace } from '$lib/trace/schema';
import type { Player } from './player.svelte';

/** The coaching of one player's runs. */
export class Coaching {
	readonly #player: Player;
	// Dismissed kinds belong to the run they were dismissed in: the next run coaches afresh.
	#dismissed: { trace: Trace | null; kinds: readonly CoachKind[] } = $state.raw({
		trace: null,
		kinds: []
	});
	readonly #notes: CoachNote[] = $derived.by(() => {
		const trace = this.#player.trace;
		return trace ? coachNotes(trace) : [];
	});
	readonly #shown: CoachNote[] = $derived.by(() => {
		const { trace, kinds } = this.#dismissed;
		if (trace !== this.#player.trace || kinds.length === 0) return this.#notes;
		return this.#notes.filter((note) => !kinds.includes(note.kind));
	});

	constructor(player: Player) {
		this.#player = player;
	}

	/** Every note of the run, in step order (dismissed ones included). */
	get notes(): readonly CoachNote[] {
		return this.#notes;
	}

	/** The note to show at the cursor: the latest one reached and not dismissed, or null. */
	get current(): CoachNote | null {
		return noteAt(this.#shown, this.#player.cursor);
	}

	/** Hides the notes of `kind` for the rest of this run. */
	dismiss(kind: CoachKind): void {
		const trace = this.#player.trace;
		const kinds = this.#dismissed.trace === trace ? this.#dismissed.kinds : [];
		this.#dismissed = { trace, kinds: [...kinds, kind] };
	}
}

const byPlayer = new WeakMap<Player, Coaching>();

/** The coaching of `player`'s runs (made on first use, then the same one). */
export function coachingOf(player: Player): Coaching {
	let coaching = byPlayer.get(player);
	if (!coaching) {
		coaching = new Coaching(player);
		byPlayer.set(player, coaching);
	}
	return coaching;
}
