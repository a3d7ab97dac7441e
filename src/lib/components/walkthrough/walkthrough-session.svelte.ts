/**
 * What the two walkthrough pages (the viewer and the editor) share: a session whose Python
 * runtime starts only if a run must be recorded again, and opening a walkthrough link into it.
 * The link's captions are checked first; its run is decoded once (in a worker, as any share
 * link's), recorded again from its code when it was too long to ride along, and the steps are
 * checked against it once it is loaded.
 */
import { openPermalink } from '$lib/share/links';
import { RuntimeState } from '$lib/runtime/runtime.svelte';
import { validatedRecorder } from '$lib/session/recorder';
import { Session } from '$lib/session/session.svelte';
import {
	decodeWalkthroughLink,
	stepsBeyondRun,
	type Walkthrough
} from '$lib/share/walkthrough-link';
import type { Player } from '$lib/player/player.svelte';

/** The outcome of {@link WalkthroughSession.open}. */
export type OpenedWalkthrough =
	{ ok: true; walkthrough: Walkthrough } | { ok: false; error: string };

/** A session for a walkthrough page; call {@link dispose} when the page goes. */
export class WalkthroughSession {
	/** The run on screen and its code. */
	readonly session: Session;
	#runtime: RuntimeState | null = null;
	#recording = $state(false);
	// Bumped by every open: a link replaced while it loaded is dropped.
	#generation = 0;

	constructor() {
		this.session = new Session(
			validatedRecorder((code, filename) =>
				(this.#runtime ??= new RuntimeState()).runtime.record(code, filename)
			)
		);
	}

	/** The player of the run on screen. */
	get player(): Player {
		return this.session.player;
	}

	/** True while a run too long for its link is recorded again. */
	get recording(): boolean {
		return this.#recording;
	}

	/**
	 * Opens a walkthrough link (`location.hash`): its captions, then its run. Never rejects; a
	 * problem with the captions, the run or the steps comes back in plain words. A link opened
	 * again before this one finished wins: this one then resolves to null.
	 */
	async open(fragment: string): Promise<OpenedWalkthrough | null> {
		const generation = ++this.#generation;
		const current = () => generation === this.#generation;
		const decoded = await decodeWalkthroughLink(fragment);
		if (!current()) return null;
		if (!decoded.ok) return decoded;
		const link = await openPermalink(decoded.runFragment);
		if (!current()) return null;
		if (!link || link.code === null)
			return {
				ok: false,
				error: `The walkthrough’s captions opened, but not its run: ${link?.notice?.text ?? 'it has none.'}`
			};
		const { session, player } = this;
		// A walkthrough is read, not run: only a problem with its run is worth a word.
		session.tell(link.notice?.kind === 'error' ? link.notice : null);
		session.code = link.code;
		if (link.trace) {
			if (!(await player.open(link.trace, link.at)) || !current()) return null;
		} else {
			player.unload();
			this.#recording = true;
			try {
				await session.run();
			} finally {
				this.#recording = false;
			}
			if (!current()) return null;
		}
		const events = player.trace?.events.length;
		if (events === undefined)
			return { ok: false, error: session.notice?.text ?? 'The walkthrough’s run did not open.' };
		const beyond = stepsBeyondRun(decoded.walkthrough, events);
		return beyond === null
			? { ok: true, walkthrough: decoded.walkthrough }
			: { ok: false, error: beyond };
	}

	/** Stops playback and the Python runtime, if one was started. */
	dispose(): void {
		this.player.pause();
		this.#runtime?.dispose();
	}
}
