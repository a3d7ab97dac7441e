/**
 * The state of the Compare page: two programs, their runs, and one shared cursor in virtual
 * time. Each side holds its run through a {@link Player}, as every page does (a big run indexed
 * in slices first); one {@link PlayClock} moves the shared cursor, and each side's player
 * follows it to its own event. Everything shown is derived from `(traceA, traceB, position)`.
 */
import { NO_MARKS, marksAt, type CodeMarks } from '$lib/model/code-marks';
import { EXAMPLES, loadExampleTrace } from '$lib/examples';
import { PlayClock, Player, isBigRun } from '$lib/player/player.svelte';
import { yieldToPage } from '$lib/model/yield';
import {
	compareFacts,
	describeComparison,
	eventTimes,
	linkTimelines,
	linkedAt,
	positionAtTime,
	positionOfCursor,
	runFacts,
	taskName,
	type Comparison,
	type ComparisonText,
	type RunFacts,
	type Snapshot,
	type TraceIndex
} from '$lib/model';
import { RecordingSuperseded, type Recorder } from '$lib/runtime/client';
import { traceLoader } from '$lib/share/trace-loader';
import {
	encodeComparePermalink,
	type CompareShareState,
	type DecodedComparePermalink
} from '$lib/share/permalink';
import type { Notice } from '$lib/share/types';
import type { Trace } from '$lib/trace/schema';

export type { Recorder };

const NO_TIMES = new Float64Array(0);

/** Which run: the upper (A) or the lower (B). */
export type SideKey = 'a' | 'b';

/** The examples the page opens with: one fetch after another, against gather. */
export const DEFAULT_PAIR = { a: 'get_users_one_by_one', b: 'get_users_batch' } as const;

/** Playback speed of the shared cursor, in positions per second. */
export const COMPARE_SPEED = 6;

/** What Compare derives from a run besides its index: its facts and its events' times. */
interface RunExtras {
	trace: Trace;
	facts: RunFacts;
	times: Float64Array;
}

/** A run indexed by {@link CompareSide.prepare}, for {@link CompareSide.show} to put on screen. */
export interface PreparedRun {
	readonly extras: RunExtras | null;
	readonly generation: number;
}

/** One of the two programs and its run. */
export class CompareSide {
	/** 'A' or 'B', as the page and the summary name it. */
	readonly name: string;
	/**
	 * The run shown and its index. Its cursor follows the page's shared cursor; it never plays
	 * on its own (the page has one clock).
	 */
	readonly player = new Player();
	#code = $state('');
	#filename = $state('main.py');
	#exampleId = $state('');
	#running = $state(false);
	#error: string | null = $state(null);
	// Replaced together with the player's run; a big run's are computed in slices first.
	#extras: RunExtras | null = $state.raw(null);
	#preparing = $state(false);
	// Bumped by every prepare: a preparation that finishes after a newer one began is dropped.
	#generation = 0;

	readonly #stale: boolean = $derived(
		this.player.trace !== null && this.player.trace.source.code !== this.#code
	);
	readonly #marks: CodeMarks = $derived.by(() => {
		const { snapshot, trace } = this.player;
		if (!snapshot || !trace || this.#stale) return NO_MARKS;
		return marksAt(snapshot, trace, this.player.atEnd);
	});

	constructor(name: string) {
		this.name = name;
	}

	/** The program in the editor. */
	get code(): string {
		return this.#code;
	}
	/** The user typed: the run shown stays (marked stale) until the next Run. */
	set code(code: string) {
		this.#code = code;
	}
	/** The program's filename. */
	get filename(): string {
		return this.#filename;
	}
	/** The example shown, or '' for code of the user's own (typed or from a link). */
	get exampleId(): string {
		return this.#exampleId;
	}
	/** Is this side's program being recorded? */
	get running(): boolean {
		return this.#running;
	}
	/** Why the last run or example failed to open, in plain words; null when it did not. */
	get error(): string | null {
		return this.#error;
	}
	/** The run shown, or null. */
	get trace(): Trace | null {
		return this.player.trace;
	}
	/** Its index, or null. */
	get index(): TraceIndex | null {
		return this.player.index;
	}
	/** This run at the shared cursor, or null. */
	get snapshot(): Snapshot | null {
		return this.player.snapshot;
	}
	/** Its facts (critical path, waits) for the comparison, or null. */
	get facts(): RunFacts | null {
		return this.#extras?.facts ?? null;
	}
	/** The virtual time of each event of the run shown (empty without one). */
	get times(): Float64Array {
		return this.#extras?.times ?? NO_TIMES;
	}
	/** Is a big run being indexed before it is shown? */
	get preparing(): boolean {
		return this.#preparing;
	}
	/** The run shown is of other code than the editor's: the user has typed since. */
	get stale(): boolean {
		return this.#stale;
	}
	/** The editor's marks at the shared cursor (none while stale). */
	get marks(): CodeMarks {
		return this.#marks;
	}

	/** A task of the run shown, as the comparison names it. */
	nameOf(task: number): string {
		return this.player.trace ? taskName(this.player.trace.tasks, task) : `task ${task}`;
	}

	/** Puts a program in the editor (an example's, a link's), with no error left over. */
	setProgram(code: string, filename: string, exampleId: string): void {
		this.#code = code;
		this.#filename = filename;
		this.#exampleId = exampleId;
		this.#error = null;
	}

	/** Says why a run or an example failed (null: clears it). */
	fail(error: string | null): void {
		this.#error = error;
	}

	/**
	 * Gets `trace` ready to show (null: no run): a big run is indexed, its lanes laid out and its
	 * facts found in slices of a few milliseconds, as on every page, while the run on screen
	 * stays usable. Resolves to null when a later call superseded this one.
	 */
	async prepare(trace: Trace | null): Promise<PreparedRun | null> {
		const generation = ++this.#generation;
		this.#preparing = false;
		if (!trace) return { extras: null, generation };
		if (!isBigRun(trace)) {
			// Cancels the indexing of a big run this one replaces; a small one is indexed on show.
			this.player.prepare(trace, 'time');
			return {
				extras: { trace, facts: runFacts(trace), times: eventTimes(trace.events) },
				generation
			};
		}
		this.#preparing = true;
		const current = () => generation === this.#generation;
		try {
			if (!(await this.player.prepare(trace, 'time')) || !current()) return null;
			// Each in a task of its own (tens of ms for 200,000 events), not in the one that draws.
			await yieldToPage();
			if (!current()) return null;
			const facts = runFacts(trace);
			await yieldToPage();
			if (!current()) return null;
			const times = eventTimes(trace.events);
			await yieldToPage();
			return current() ? { extras: { trace, facts, times }, generation } : null;
		} finally {
			if (current()) this.#preparing = false;
		}
	}

	/** Shows a prepared run, at its start; false when a newer {@link prepare} replaced it. */
	show(prepared: PreparedRun): boolean {
		if (prepared.generation !== this.#generation) return false;
		this.#extras = prepared.extras;
		// The task picked in the timeline stays picked in the new run, as it does in the editor.
		const task = this.player.selectedTask;
		if (prepared.extras) this.player.load(prepared.extras.trace, { axis: 'time', task });
		else this.player.unload();
		return true;
	}

	/** Records this side's program with `record`: its trace, or null (said in {@link error}). */
	async record(record: Recorder): Promise<Trace | null> {
		if (this.#running) return null;
		this.#running = true;
		this.#error = null;
		try {
			return await record(this.#code, this.#filename);
		} catch (error) {
			if (!(error instanceof RecordingSuperseded))
				this.#error = `Could not run ${this.name}: ${error instanceof Error ? error.message : String(error)}`;
			return null;
		} finally {
			this.#running = false;
		}
	}
}

/** Decodes a comparison link: on the page by default, in the trace-loader worker in the app. */
export type CompareLinkDecoder = (
	fragment: string
) => Promise<DecodedComparePermalink | { cancelled: true }>;

/** The Compare page's state: both sides and the shared cursor. */
export class CompareSession {
	readonly a = new CompareSide('A');
	readonly b = new CompareSide('B');
	#recorder: Recorder;
	// The shared cursor: a position of `linked`.
	#position = $state(0);
	// The page's one clock: both runs move on it together.
	readonly #clock = new PlayClock(() => {
		if (this.#position >= this.last) return false;
		this.stepForward();
		return true;
	}, COMPARE_SPEED);

	/** Both runs' events merged by virtual time. */
	readonly linked = $derived(linkTimelines(this.a.times, this.b.times));
	/** Each run's cursor, and the virtual time, at the shared position. */
	readonly at = $derived(linkedAt(this.linked, this.#position));
	readonly last = $derived(this.linked.length - 1);
	/** Both runs as a pair: a new object whenever either run changes. */
	readonly runs: { readonly a: TraceIndex | null; readonly b: TraceIndex | null } = $derived({
		a: this.a.index,
		b: this.b.index
	});
	/** The end of the shared time axis: the longer run's end. */
	readonly end: number = $derived(Math.max(this.a.index?.endTime ?? 0, this.b.index?.endTime ?? 0));
	readonly comparison: Comparison | null = $derived(
		this.a.facts && this.b.facts ? compareFacts(this.a.facts, this.b.facts) : null
	);
	readonly text: ComparisonText | null = $derived(
		this.comparison && this.a.trace && this.b.trace
			? describeComparison(
					this.comparison,
					{ name: this.a.name, trace: this.a.trace },
					{ name: this.b.name, trace: this.b.trace }
				)
			: null
	);

	/** `recorder` records a side's program: the page's Python runtime, or a stand-in in tests. */
	constructor(recorder: Recorder) {
		this.#recorder = recorder;
	}

	/** The shared cursor: a position of {@link linked}. */
	get position(): number {
		return this.#position;
	}
	/** Is the shared cursor playing? */
	get playing(): boolean {
		return this.#clock.playing;
	}
	/** Run A at the shared cursor, or null. */
	get snapshotA(): Snapshot | null {
		return this.a.snapshot;
	}
	/** Run B at the shared cursor, or null. */
	get snapshotB(): Snapshot | null {
		return this.b.snapshot;
	}

	/** A side by key. */
	side(key: SideKey): CompareSide {
		return key === 'a' ? this.a : this.b;
	}

	/**
	 * Shows a run on one side, keeping the shared cursor at the same virtual time (at the very
	 * start, when it was there).
	 */
	async setTrace(key: SideKey, trace: Trace | null): Promise<void> {
		const side = this.side(key);
		const prepared = await side.prepare(trace);
		if (!prepared) return;
		const atStart = this.#position === 0;
		const t = this.at.t;
		if (!side.show(prepared)) return;
		this.#place(atStart ? 0 : positionAtTime(this.linked, t));
	}

	/** Opens an example (code and recorded run) on one side. */
	async openExample(key: SideKey, id: string): Promise<void> {
		const side = this.side(key);
		const example = EXAMPLES.find((candidate) => candidate.id === id);
		if (!example) return;
		side.setProgram(example.code, `${id}.py`, id);
		try {
			await this.setTrace(key, await loadExampleTrace(id));
		} catch (error) {
			side.fail(error instanceof Error ? error.message : String(error));
		}
	}

	/** Records one side's code and shows the run. */
	async run(key: SideKey): Promise<void> {
		const side = this.side(key);
		if (side.running) return;
		this.pause();
		const trace = await side.record(this.#recorder);
		if (trace) await this.setTrace(key, trace);
	}

	/** Records both sides, one after the other (Python runs one program at a time). */
	async runBoth(): Promise<void> {
		await this.run('a');
		await this.run('b');
	}

	// The shared cursor, and each side's player at its own event of that moment.
	#place(position: number): void {
		this.#position = Math.min(Math.max(0, Math.round(position)), this.last);
		const at = this.at;
		this.a.player.seek(at.a);
		this.b.player.seek(at.b);
	}

	/** Moves the shared cursor. */
	seek(position: number): void {
		this.#place(position);
	}

	/** Moves the shared cursor to event `cursor` of one run (the other follows by virtual time). */
	seekRun(key: SideKey, cursor: number): void {
		this.seek(positionOfCursor(this.linked, key, cursor));
	}

	/** Moves the shared cursor to virtual time `t`: everything both runs do by then. */
	seekTime(t: number): void {
		this.seek(positionAtTime(this.linked, t));
	}

	/** One step forward: the next event of either run. */
	stepForward(): void {
		this.seek(this.#position + 1);
	}

	/** One step back. */
	stepBack(): void {
		this.seek(this.#position - 1);
	}

	/** To the start of both runs. */
	toStart(): void {
		this.seek(0);
	}

	/** To the end of both runs. */
	toEnd(): void {
		this.pause();
		this.seek(this.last);
	}

	/** Plays the shared cursor forward (from the start when at the end). */
	play(): void {
		if (this.#position >= this.last) this.#place(0);
		this.#clock.start();
	}

	/** Stops playing. */
	pause(): void {
		this.#clock.stop();
	}

	/** Play when paused, pause when playing. */
	toggle(): void {
		if (this.#clock.playing) this.pause();
		else this.play();
	}

	/** What a link to this comparison carries. */
	shareState(): CompareShareState {
		const side = (s: CompareSide) => ({
			code: s.code,
			filename: s.filename,
			// A run of other code than the editor's would reopen as a lie: leave it out.
			trace: s.stale ? null : s.trace
		});
		return { a: side(this.a), b: side(this.b), position: this.#position };
	}

	/** The fragment (`#v1.…`) of a link to this comparison. */
	async link(): Promise<string> {
		return (await encodeComparePermalink(this.shareState())).fragment;
	}

	/**
	 * Opens a comparison link. Resolves to what to tell the reader (null: nothing to say, or no
	 * link); never rejects, and never runs anything: the reader presses Run.
	 */
	async openLink(
		fragment: string,
		decode: CompareLinkDecoder = (link) => traceLoader().decodeCompareLink(link)
	): Promise<Notice | null> {
		if (fragment.replace(/^#/, '').trim() === '') return null;
		const decoded = await decode(fragment);
		if ('cancelled' in decoded) return null;
		const state = decoded.ok ? decoded.state : decoded.recovered;
		if (state) {
			this.pause();
			for (const key of ['a', 'b'] as const)
				this.side(key).setProgram(state[key].code, state[key].filename ?? 'main.py', '');
			// Both runs indexed (in slices when big) before either is shown and the cursor placed.
			const [a, b] = await Promise.all([
				this.a.prepare(state.a.trace),
				this.b.prepare(state.b.trace)
			]);
			if (a && b && this.a.show(a) && this.b.show(b)) this.#place(state.position);
		}
		if (!decoded.ok)
			return {
				kind: 'error',
				text: state ? decoded.error : `${decoded.error} The page opened with the examples instead.`
			};
		const missing = (['a', 'b'] as const).filter((key) => !state?.[key].trace);
		return missing.length
			? {
					kind: 'info',
					text: `This shared comparison carries the code of ${missing.map((key) => this.side(key).name).join(' and ')} without its run. Press Run to record it.`
				}
			: {
					kind: 'info',
					text: 'This is a shared comparison, replayed as it was recorded: nothing has been executed. Press Run to run the code yourself.'
				};
	}
}
