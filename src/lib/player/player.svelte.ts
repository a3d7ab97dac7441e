/**
 * Playback state for one trace: the cursor, play/pause and speed, the selected
 * task and the axis. Everything drawn is derived from `(trace, cursor)`; this class
 * only decides which cursor it is. Its state is private: it changes through the methods
 * below, so every change goes through the same clamping and timer rules.
 */
import {
	buildIndex,
	buildIndexInSlices,
	runInSlices,
	viewSteps,
	nextEventOfTask,
	nextIteration,
	prevEventOfTask,
	prevIteration,
	seek,
	type Axis,
	type Snapshot,
	type TraceIndex
} from '$lib/model';
import type { Trace } from '$lib/trace/schema';
import { yieldToPage } from '$lib/model/yield';
import type { LoopView } from '$lib/model/machine';

export type { Axis };

/** Playback speeds offered, in events per second. */
export const SPEEDS = [1, 2, 4, 8, 16, 32] as const;

/** Where to open a trace. */
export interface OpenAt {
	cursor?: number;
	task?: number | null;
	axis?: Axis;
	/** The loop panel's view (lists or the machine); absent: keep the current one. */
	loopView?: LoopView;
}

/**
 * Runs with more events than this are indexed in slices by {@link Player.prepare}, between
 * which the page handles input; smaller ones (every example and lesson, most runs) are indexed
 * at once, in a few milliseconds. Above it, indexing at once would share one task with showing
 * the run (the editor taking its code, the first paint): a 2,000-task link cost ~200 ms so.
 */
export const INDEX_AT_ONCE_EVENTS = 4_000;

/**
 * Whether a run is indexed in slices rather than at once (see {@link INDEX_AT_ONCE_EVENTS}).
 * Each task and worker costs a lane besides its events: a run of few events and many tasks is
 * big too.
 */
export const isBigRun = (trace: Trace): boolean =>
	trace.events.length + trace.tasks.length + trace.workers.length > INDEX_AT_ONCE_EVENTS;
const isBig = isBigRun;

/**
 * The play clock: while playing, it calls `advance` once per tick, `speed` ticks a second, until
 * `advance` says there is nothing more to play. Every page's playback runs on one: a player's,
 * and Compare's one clock for both runs.
 */
export class PlayClock {
	#playing = $state(false);
	#speed: number = $state(4);
	#timer: ReturnType<typeof setTimeout> | null = null;
	readonly #advance: () => boolean;

	/** `advance` takes one step and says whether to go on (false: the clock stops). */
	constructor(advance: () => boolean, speed = 4) {
		this.#advance = advance;
		this.#speed = speed;
	}

	/** Is it playing? */
	get playing(): boolean {
		return this.#playing;
	}
	/** Ticks per second. */
	get speed(): number {
		return this.#speed;
	}

	/** Sets the ticks per second (ignored unless a positive number). */
	setSpeed(speed: number): void {
		if (speed > 0 && Number.isFinite(speed)) this.#speed = speed;
	}

	/** Starts ticking (the first step comes one tick from now). */
	start(): void {
		this.#playing = true;
		this.#tick();
	}

	/** Stops ticking. */
	stop(): void {
		this.#playing = false;
		if (this.#timer !== null) clearTimeout(this.#timer);
		this.#timer = null;
	}

	#tick(): void {
		if (this.#timer !== null) clearTimeout(this.#timer);
		this.#timer = setTimeout(() => {
			this.#timer = null;
			if (!this.#playing) return;
			if (!this.#advance()) return this.stop();
			this.#tick();
		}, 1000 / this.#speed);
	}
}

/** The player: one per view. */
export class Player {
	#trace: Trace | null = $state.raw(null);
	#cursor = $state(0);
	#axis: Axis = $state('time');
	#loopView: LoopView = $state('list');
	#selectedTask: number | null = $state(null);
	// At the end, or at a stop predict mode asked for, playback ends.
	readonly #clock = new PlayClock(() => {
		if (this.atEnd) return false;
		this.stepForward();
		return !this.#stops?.(this.#cursor);
	});
	#stops: ((cursor: number) => boolean) | null = null;
	#preparing = $state(false);
	#preparation: AbortController | null = null;
	#axisChange: AbortController | null = null;
	// The index prepare() built. Not reactive on purpose: preparing the next trace must not
	// make the index of the one on screen be computed again.
	#prepared: { trace: Trace; index: TraceIndex } | null = null;

	readonly #index: TraceIndex | null = $derived.by(() => {
		const trace = this.#trace;
		if (!trace) return null;
		if (this.#prepared?.trace === trace) return this.#prepared.index;
		return buildIndex(trace);
	});
	readonly #snapshot: Snapshot | null = $derived(
		this.#index ? seek(this.#index, this.#cursor) : null
	);
	readonly #last: number = $derived(Math.max(0, (this.#trace?.events.length ?? 1) - 1));

	/** The trace shown, or null. */
	get trace(): Trace | null {
		return this.#trace;
	}
	/** The trace's index (from buildIndex), or null. */
	get index(): TraceIndex | null {
		return this.#index;
	}
	/** The state at the cursor, or null when there is no trace. */
	get snapshot(): Snapshot | null {
		return this.#snapshot;
	}
	/** The event the cursor is on (0-based). */
	get cursor(): number {
		return this.#cursor;
	}
	/** The last event's index. */
	get last(): number {
		return this.#last;
	}
	/** Is the cursor on the last event? */
	get atEnd(): boolean {
		return this.#cursor >= this.#last;
	}
	/** Is it playing? */
	get playing(): boolean {
		return this.#clock.playing;
	}
	/** Playback speed, in events per second. */
	get speed(): number {
		return this.#clock.speed;
	}
	/** The timeline's x axis: virtual time or loop steps. */
	get axis(): Axis {
		return this.#axis;
	}
	/** How the loop panel draws the loop: as lists, or as a machine. */
	get loopView(): LoopView {
		return this.#loopView;
	}
	/** Shows the loop panel as lists or as a machine. */
	setLoopView(view: LoopView): void {
		this.#loopView = view;
	}
	/** The selected task, or null. */
	get selectedTask(): number | null {
		return this.#selectedTask;
	}
	/** Is a big run being indexed by {@link prepare}? */
	get preparing(): boolean {
		return this.#preparing;
	}

	/**
	 * Gets a trace ready for {@link load} to show at once: a big one (over
	 * {@link INDEX_AT_ONCE_EVENTS} events, or as many tasks) is indexed, and its lanes on `axis`
	 * laid out, in slices of a few milliseconds while the run on screen stays usable. `true` at
	 * once for a small trace; else resolves to true when ready, or false when a later `prepare`,
	 * `load` or `unload` cancelled it.
	 */
	prepare(trace: Trace, axis: Axis = this.#axis): true | Promise<boolean> {
		this.#cancelPreparation();
		if (!isBig(trace) || this.#prepared?.trace === trace) return true;
		const preparation = new AbortController();
		this.#preparation = preparation;
		this.#preparing = true;
		const { signal } = preparation;
		return buildIndexInSlices(trace, yieldToPage, { signal })
			.then((index) =>
				runInSlices(viewSteps(index, axis), yieldToPage, { signal }).then(() => index)
			)
			.then(
				(index) => {
					if (signal.aborted) return false;
					this.#prepared = { trace, index };
					this.#preparation = null;
					this.#preparing = false;
					return true;
				},
				() => false
			);
	}

	#cancelPreparation(): void {
		this.#preparation?.abort();
		this.#preparation = null;
		this.#axisChange?.abort();
		this.#axisChange = null;
		this.#preparing = false;
	}

	/**
	 * Shows a new trace, at its start unless told otherwise. Call {@link prepare} first for a
	 * big one; unprepared, it is indexed here, at once.
	 */
	load(trace: Trace, at: OpenAt = {}): void {
		this.pause();
		this.#cancelPreparation();
		this.#trace = trace;
		this.#cursor = this.#clamp(at.cursor ?? 0);
		this.#selectedTask = at.task ?? null;
		if (at.axis) this.#axis = at.axis;
		if (at.loopView) this.#loopView = at.loopView;
	}

	/**
	 * {@link prepare}, then {@link load}: how a page opens a run (a big one indexed in slices
	 * first). Resolves to false, showing nothing new, when a later call replaced it.
	 */
	async open(trace: Trace, at: OpenAt = {}): Promise<boolean> {
		const ready = this.prepare(trace, at.axis);
		if (ready !== true && !(await ready)) return false;
		this.load(trace, at);
		return true;
	}

	/** Shows no run at all (rather than a run of other code). */
	unload(): void {
		this.pause();
		this.#cancelPreparation();
		this.#trace = null;
		this.#cursor = 0;
		this.#selectedTask = null;
	}

	#clamp(cursor: number): number {
		return Math.min(Math.max(0, Math.round(cursor)), this.#last);
	}

	/** Moves the cursor to an event. */
	seek(cursor: number): void {
		this.#cursor = this.#clamp(cursor);
	}

	/** Selects a task (or none). */
	select(task: number | null): void {
		this.#selectedTask = task;
	}

	/**
	 * Sets the timeline's x axis. For a big run the lanes on the new axis are laid out in
	 * slices first (the old axis stays on screen meanwhile; {@link preparing} is true).
	 */
	setAxis(axis: Axis): void {
		this.#axisChange?.abort();
		this.#axisChange = null;
		const index = this.#index;
		if (!index || !isBig(index.trace) || axis === this.#axis) {
			this.#axis = axis;
			return;
		}
		const change = new AbortController();
		this.#axisChange = change;
		this.#preparing = true;
		void runInSlices(viewSteps(index, axis), yieldToPage, { signal: change.signal }).then(
			() => {
				if (change.signal.aborted || this.#index !== index) return;
				this.#axis = axis;
				this.#axisChange = null;
				this.#preparing = this.#preparation !== null;
			},
			() => {}
		);
	}

	/** Sets the playback speed in events per second (ignored unless a positive number). */
	setSpeed(speed: number): void {
		this.#clock.setSpeed(speed);
	}

	/** One event forward. */
	stepForward(): void {
		this.seek(this.#cursor + 1);
	}

	/** One event back. */
	stepBack(): void {
		this.seek(this.#cursor - 1);
	}

	/** To the start of the next loop iteration. */
	nextIteration(): void {
		if (this.#index) this.seek(nextIteration(this.#index, this.#cursor));
	}

	/** To the start of the current (or previous) loop iteration. */
	prevIteration(): void {
		if (this.#index) this.seek(prevIteration(this.#index, this.#cursor));
	}

	/** To the selected task's next event. */
	nextOfTask(): void {
		if (this.#index && this.#selectedTask !== null)
			this.seek(nextEventOfTask(this.#index, this.#cursor, this.#selectedTask));
	}

	/** To the selected task's previous event. */
	prevOfTask(): void {
		if (this.#index && this.#selectedTask !== null)
			this.seek(prevEventOfTask(this.#index, this.#cursor, this.#selectedTask));
	}

	/** To the first event. */
	toStart(): void {
		this.seek(0);
	}

	/** To the last event. */
	toEnd(): void {
		this.pause();
		this.seek(this.#last);
	}

	/** Starts playing from the cursor (from the start when at the end). */
	play(): void {
		if (!this.#trace) return;
		if (this.atEnd) this.#cursor = 0;
		this.#clock.start();
	}

	/** Stops playing. */
	pause(): void {
		this.#clock.stop();
	}

	/**
	 * Makes playback pause at every event for which `stops` says true (predict mode stops at
	 * its questions); null: play through.
	 */
	stopAt(stops: ((cursor: number) => boolean) | null): void {
		this.#stops = stops;
	}

	/** Play when paused, pause when playing. */
	toggle(): void {
		if (this.#clock.playing) this.pause();
		else this.play();
	}
}
