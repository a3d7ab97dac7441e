/**
 * Predict mode for one player: stepping forward stops at each decision point of the run with
 * its question open and the future hidden (the timeline is drawn only up to the cursor); a key
 * reveals the answer, and the next step forward goes on. The class can pick a choice first (a
 * number key or a click), and the reveal says whether it was right. The questions come from the
 * model (`predictionPoints`); this class only keeps what has been picked, revealed and passed.
 */
import { predictionPoints, questionsAt, nextQuestionAfter, type Question } from '$lib/model';
import { SvelteMap, SvelteSet } from 'svelte/reactivity';
import type { Trace } from '$lib/trace/schema';
import type { KeyActions } from './keyboard';
import type { Player } from './player.svelte';

/** Predict mode: one per player that offers it. */
export class Predict {
	readonly #player: Player;
	#on = $state(false);
	// What was revealed and picked, by question id, in the run `#recordedFor` (a new run
	// starts afresh).
	readonly #revealed = new SvelteSet<string>();
	readonly #picked = new SvelteMap<string, number>();
	#recordedFor: Trace | null = $state.raw(null);
	// The questions passed (revealed, then stepped on from) at event `#passedAt`: moving away
	// forgets them, so that they are asked again when the cursor comes back.
	readonly #passed = new SvelteSet<string>();
	#passedAt = $state(-1);

	readonly #questions: readonly Question[] = $derived.by(() => {
		const index = this.#player.index;
		return this.#on && index ? predictionPoints(index) : [];
	});
	readonly #here: readonly Question[] = $derived.by(() => {
		const index = this.#player.index;
		return this.#on && index ? questionsAt(index, this.#player.cursor) : [];
	});
	readonly #active: Question | null = $derived.by(() => {
		const passed = this.#passedAt === this.#player.cursor ? this.#passed : null;
		return this.#here.find((question) => !passed?.has(question.id)) ?? null;
	});

	/**
	 * The player's keys with stepping forward going through predict mode (reveal first, then
	 * on), for the keymap's handler.
	 */
	readonly playerKeys: KeyActions;

	/** Predict mode for `player`, off until {@link toggle}d. */
	constructor(player: Player) {
		this.#player = player;
		// Any move but stepping forward goes as usual; moving forgets which questions were passed.
		const move = (go: () => void) => () => {
			go();
			this.#forgetPassed();
		};
		this.playerKeys = {
			toggle: () => player.toggle(),
			stepForward: () => this.forward(),
			stepBack: move(() => player.stepBack()),
			nextIteration: move(() => player.nextIteration()),
			prevIteration: move(() => player.prevIteration()),
			toStart: move(() => player.toStart()),
			toEnd: move(() => player.toEnd()),
			nextOfTask: move(() => player.nextOfTask()),
			prevOfTask: move(() => player.prevOfTask())
		};
	}

	/** Is predict mode on? */
	get on(): boolean {
		return this.#on;
	}

	/** Every question of the run (none while off). */
	get questions(): readonly Question[] {
		return this.#questions;
	}

	/** The question open at the cursor, or null. */
	get active(): Question | null {
		return this.#active;
	}

	/** Its place among the run's questions, from 1; 0 when none is open. */
	get number(): number {
		const active = this.#active;
		return active ? this.#questions.findIndex((question) => question.id === active.id) + 1 : 0;
	}

	/** Has the open question's answer been revealed? */
	get revealed(): boolean {
		const active = this.#active;
		return active !== null && this.#recordsThisRun() && this.#revealed.has(active.id);
	}

	/** The choice picked for the open question, or null. */
	get picked(): number | null {
		const active = this.#active;
		return active && this.#recordsThisRun() ? (this.#picked.get(active.id) ?? null) : null;
	}

	/**
	 * The last event the timeline may draw: the cursor while predict mode is on (the future is
	 * hidden), null (everything) while it is off.
	 */
	get revealUntil(): number | null {
		return this.#on ? this.#player.cursor : null;
	}

	/** Is the record of what was revealed and picked the run's on screen? */
	#recordsThisRun(): boolean {
		return this.#recordedFor === this.#player.trace;
	}

	/** Starts the record afresh for the run on screen. */
	#startRecord(): void {
		this.#revealed.clear();
		this.#picked.clear();
		this.#recordedFor = this.#player.trace;
	}

	/** Turns predict mode on (afresh: nothing revealed) or off. */
	toggle(): void {
		this.#on = !this.#on;
		this.#startRecord();
		this.#passed.clear();
		this.#passedAt = -1;
		this.#player.pause();
		this.#player.stopAt(this.#on ? (cursor) => this.#asksAt(cursor) : null);
	}

	#asksAt(cursor: number): boolean {
		const index = this.#player.index;
		return index !== null && questionsAt(index, cursor).length > 0;
	}

	/** Reveals the open question's answer; false when none is open or it is revealed already. */
	reveal(): boolean {
		const active = this.#active;
		if (!active || this.revealed) return false;
		if (!this.#recordsThisRun()) this.#startRecord();
		this.#revealed.add(active.id);
		return true;
	}

	/** Picks choice `choice` (from 0) of the open question, until its answer is revealed. */
	choose(choice: number): void {
		const active = this.#active;
		if (!active || this.revealed || choice < 0 || choice >= active.choices.length) return;
		if (!this.#recordsThisRun()) this.#startRecord();
		this.#picked.set(active.id, choice);
	}

	/**
	 * One step on: reveals the open question's answer; after a reveal, passes on to the next
	 * question at the same event, or moves on with `next` (one event forward by default).
	 * While predict mode is off, just `next`.
	 */
	forward(next: () => void = () => this.#player.stepForward()): void {
		const active = this.#active;
		if (this.#on && active) {
			if (this.reveal()) return;
			const cursor = this.#player.cursor;
			if (this.#passedAt !== cursor) this.#passed.clear();
			this.#passedAt = cursor;
			this.#passed.add(active.id);
			if (this.#active) return;
		}
		this.#player.pause();
		next();
		this.#forgetPassed();
	}

	/** Passed questions are passed at their event: elsewhere, they are asked again. */
	#forgetPassed(): void {
		if (this.#passedAt === this.#player.cursor) return;
		this.#passed.clear();
		this.#passedAt = -1;
	}

	/** Steps back one event (the clicker's PageUp). */
	back(): void {
		this.#player.stepBack();
		this.#forgetPassed();
	}

	/** The event of the next question after the cursor, or null. */
	get nextStop(): number | null {
		const index = this.#player.index;
		if (!this.#on || !index) return null;
		return nextQuestionAfter(index, this.#player.cursor)?.seq ?? null;
	}

	/** Moves the cursor to the next question (after revealing the open one, as `forward`). */
	nextQuestion(): void {
		const stop = this.nextStop;
		this.forward(() => {
			if (stop !== null) this.#player.seek(stop);
		});
	}
}
