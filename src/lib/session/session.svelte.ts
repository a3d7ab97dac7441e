/**
 * The playground's session: the program in the editor and the run on screen, and the four ways
 * to change them: run the code, open an example, open a link, open a trace file. Each puts the
 * code and its run on screen as one unit (never the code of one and the run of another), drops a
 * result that arrives after the learner has moved on, and always ends a run's busy state.
 */
import { NO_MARKS, marksAt, type CodeMarks } from '$lib/model/code-marks';
import { DEFAULT_EXAMPLE, EXAMPLES, defaultTrace, loadExampleTrace } from '$lib/examples';
import { coachingOf } from '$lib/player/coaching.svelte';
import { Player, type OpenAt } from '$lib/player/player.svelte';
import {
	InvalidRecording,
	RecordingSuperseded,
	RuntimeTimeout,
	type Recorder
} from '$lib/runtime/client';
import { openPermalink } from '$lib/share/links';
import type { Notice } from '$lib/share/types';
import type { Trace } from '$lib/trace/schema';

export type { Recorder };

/** The playground's state: code, run, example, notice. */
export class Session {
	/** The player of the run on screen. */
	readonly player: Player;
	/**
	 * Called when an example, a link or a file is about to replace the editor's code (the page
	 * keeps the learner's draft aside, so nothing typed is lost silently).
	 */
	onreplace: ((previous: string, incoming: string) => void) | null = null;

	#recorder: Recorder;
	#code = $state(DEFAULT_EXAMPLE.code);
	#exampleId = $state(DEFAULT_EXAMPLE.id);
	#running = $state(false);
	#notice: Notice | null = $state(null);
	// A link whose run must be recorded again: its moment applies to that run (same code).
	#linkMoment: { code: string; at: OpenAt } | null = null;
	// Bumped by every change of program: a run or a load that finishes later is dropped.
	#generation = 0;

	readonly #stale: boolean;
	readonly #marks: CodeMarks;

	constructor(recorder: Recorder, player: Player = new Player()) {
		this.#recorder = recorder;
		this.player = player;
		this.#stale = $derived(
			this.player.trace !== null && this.player.trace.source.code !== this.#code
		);
		this.#marks = $derived.by(() => {
			const { snapshot, trace } = this.player;
			if (!snapshot || !trace || this.#stale) return NO_MARKS;
			const marks = marksAt(snapshot, trace, this.player.atEnd);
			const coach = coachingOf(this.player).current?.line ?? null;
			return coach === null ? marks : { ...marks, coach };
		});
	}

	/** The program in the editor. */
	get code(): string {
		return this.#code;
	}
	/** The learner typed: the run on screen stays (marked stale) until the next Run. */
	set code(code: string) {
		this.#code = code;
	}
	/** The example shown, or '' for a program from a link, a file or the learner. */
	get exampleId(): string {
		return this.#exampleId;
	}
	/** Is a run being recorded? */
	get running(): boolean {
		return this.#running;
	}
	/** What the notice bar says, or null. */
	get notice(): Notice | null {
		return this.#notice;
	}
	/** Is the run on screen of other code than the editor's (the learner typed since)? */
	get stale(): boolean {
		return this.#stale;
	}
	/** The editor's marks for the moment on screen (none while stale). */
	get marks(): CodeMarks {
		return this.#marks;
	}

	/** Puts a message in the notice bar (null clears it). */
	tell(notice: Notice | null): void {
		this.#notice = notice;
	}

	/** Shows the built-in example's recorded run, as on first paint. */
	showDefault(): void {
		this.#show(DEFAULT_EXAMPLE.code, defaultTrace(), {}, DEFAULT_EXAMPLE.id);
	}

	/** Records the editor's code and shows its run. */
	async run(): Promise<void> {
		if (this.#running) return;
		const code = this.#code;
		const generation = this.#generation;
		this.#running = true;
		this.#notice = null;
		this.player.pause();
		try {
			// Checked (in a worker when big) by the recorder; indexed in slices here when big.
			const trace = await this.#recorder(code, 'main.py');
			if (generation !== this.#generation) return;
			const ready = this.#prepare(trace, generation);
			if (ready !== true && !(await ready)) return;
			const moment =
				this.#linkMoment?.code === code ? this.#linkMoment.at : { axis: this.player.axis };
			this.#linkMoment = null;
			// The editor keeps what the learner typed meanwhile; the run is then marked stale.
			this.#show(this.#code, trace, moment, this.#exampleId);
		} catch (error) {
			if (generation !== this.#generation || error instanceof RecordingSuperseded) return;
			this.#notice = {
				kind: 'error',
				text:
					error instanceof RuntimeTimeout || error instanceof InvalidRecording
						? error.message
						: `Could not run the program: ${error instanceof Error ? error.message : String(error)}`
			};
		} finally {
			this.#running = false;
		}
	}

	/** Shows an example: its code and its recorded run. */
	async openExample(id: string): Promise<void> {
		const example = EXAMPLES.find((candidate) => candidate.id === id);
		if (!example) return;
		const generation = ++this.#generation;
		this.#notice = null;
		try {
			const trace = await loadExampleTrace(id);
			if (generation !== this.#generation) return;
			this.onreplace?.(this.#code, example.code);
			this.#show(example.code, trace, { axis: this.player.axis }, id);
		} catch (error) {
			if (generation !== this.#generation) return;
			// The code still changes, with no run rather than another program's run.
			this.onreplace?.(this.#code, example.code);
			this.#show(example.code, null, {}, id);
			this.#notice = {
				kind: 'error',
				text: error instanceof Error ? error.message : String(error)
			};
		}
	}

	/** Opens a permalink fragment (`location.hash`); nothing when there is none. */
	async openLink(fragment: string): Promise<void> {
		const generation = ++this.#generation;
		const link = await openPermalink(fragment);
		if (!link || generation !== this.#generation) return;
		const ready = link.trace ? this.#prepare(link.trace, generation) : true;
		if (ready !== true && !(await ready)) return;
		if (link.code === null) {
			// Nothing usable in the link: the example already on screen stays.
			this.#notice = link.notice && {
				...link.notice,
				text: `${link.notice.text} The playground opened with an example instead.`
			};
			return;
		}
		this.#notice = link.notice;
		this.onreplace?.(this.#code, link.code);
		this.#show(link.code, link.trace, link.at, '');
		this.#linkMoment = link.rerun ? { code: link.code, at: link.at } : null;
	}

	/** Shows a trace opened from a file: its own code with it (at once, unless it is big). */
	openTrace(trace: Trace): void {
		const generation = ++this.#generation;
		const show = (): void => {
			this.onreplace?.(this.#code, trace.source.code);
			this.#show(trace.source.code, trace, { axis: this.player.axis }, '');
		};
		const ready = this.#prepare(trace, generation);
		if (ready === true) show();
		else void ready.then((ok) => ok && show());
	}

	// `true` when `trace` can be shown at once (small traces: without waiting a turn); else
	// resolves to whether it is ready and still wanted (no later change of program).
	#prepare(trace: Trace, generation: number): true | Promise<boolean> {
		const ready = this.player.prepare(trace);
		if (ready === true) return true;
		return ready.then((ok) => ok && generation === this.#generation);
	}

	// Code, example and run change together, in one synchronous step.
	#show(code: string, trace: Trace | null, at: OpenAt, exampleId: string): void {
		this.#code = code;
		this.#exampleId = exampleId;
		this.#linkMoment = null;
		if (trace) this.player.load(trace, at);
		else this.player.unload();
	}
}
