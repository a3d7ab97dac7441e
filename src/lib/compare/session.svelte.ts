/**
 * The state of the Compare page: two programs, their runs, and one shared cursor in virtual
 * time. Everything shown is derived from `(traceA, traceB, position)`: the cursor of each run,
 * their snapshots, the comparison and its words.
 */
import { EXAMPLES, loadExampleTrace } from '$lib/examples';
import { isBigRun } from '$lib/player/player.svelte';
import { yieldToPage } from '$lib/model/yield';
import {
	buildIndex,
	buildIndexInSlices,
	compareFacts,
	describeComparison,
	eventTimes,
	linkTimelines,
	linkedAt,
	positionAtTime,
	positionOfCursor,
	runFacts,
	runInSlices,
	seek,
	viewSteps,
	type Comparison,
	type ComparisonText,
	type RunFacts,
	type Snapshot,
	type TraceIndex
} from '$lib/model';
import {
	decodeComparePermalink,
	encodeComparePermalink,
	type CompareShareState,
	type DecodedComparePermalink
} from '$lib/share/permalink';
import type { Notice } from '$lib/share/types';
import type { Trace } from '$lib/trace/schema';

const NO_TIMES = new Float64Array(0);

/** Which run: the upper (A) or the lower (B). */
export type SideKey = 'a' | 'b';

/** Records a program: the page's Python runtime, or a stand-in in tests. */
export type Recorder = (code: string, filename: string) => Promise<Trace>;

/** The examples the page opens with: one fetch after another, against gather. */
export const DEFAULT_PAIR = { a: 'get_users_one_by_one', b: 'get_users_batch' } as const;

/** Playback speed of the shared cursor, in positions per second. */
export const COMPARE_SPEED = 6;

/** One of the two programs and its run. */
export class CompareSide {
	/** 'A' or 'B', as the page and the summary name it. */
	readonly name: string;
	code = $state('');
	filename = $state('main.py');
	/** The example shown, or '' for code of the user's own (typed or from a link). */
	exampleId = $state('');
	running = $state(false);
	/** Why the last run or example failed to open, in plain words; null when it did not. */
	error: string | null = $state(null);
	// The run shown, its index and its facts for the summary, replaced together: a big run is
	// indexed before it is shown.
	#run: { trace: Trace; index: TraceIndex; facts: RunFacts; times: Float64Array } | null =
		$state.raw(null);
	#preparing = $state(false);
	#preparation: AbortController | null = null;

	/** The run shown, or null. */
	get trace(): Trace | null {
		return this.#run?.trace ?? null;
	}
	/** Its index, or null. */
	get index(): TraceIndex | null {
		return this.#run?.index ?? null;
	}
	/** Its facts (critical path, waits) for the comparison, or null. */
	get facts(): RunFacts | null {
		return this.#run?.facts ?? null;
	}
	/** Is a big run being indexed before it is shown? */
	get preparing(): boolean {
		return this.#preparing;
	}

	/** The virtual time of each event of the run shown (empty without one). */
	get times(): Float64Array {
		return this.#run?.times ?? NO_TIMES;
	}
	/** The run shown is of other code than the editor's: the user has typed since. */
	readonly stale: boolean = $derived(this.trace !== null && this.trace.source.code !== this.code);

	constructor(name: string) {
		this.name = name;
	}

	/**
	 * Shows `trace` (null: no run). A big run is indexed, and its lanes laid out, in slices of a
	 * few milliseconds first, as the playground does, while the run on screen stays usable.
	 * Resolves to false when a later call superseded this one.
	 */
	async show(trace: Trace | null): Promise<boolean> {
		this.#preparation?.abort();
		this.#preparation = null;
		this.#preparing = false;
		if (!trace || !isBigRun(trace)) {
			this.#run = trace
				? {
						trace,
						index: buildIndex(trace),
						facts: runFacts(trace),
						times: eventTimes(trace.events)
					}
				: null;
			return true;
		}
		const preparation = new AbortController();
		const { signal } = preparation;
		this.#preparation = preparation;
		this.#preparing = true;
		try {
			const index = await buildIndexInSlices(trace, yieldToPage, { signal });
			await runInSlices(viewSteps(index, 'time'), yieldToPage, { signal });
			// In a task of its own (tens of ms for 200,000 events), not in the one that draws.
			await yieldToPage();
			if (signal.aborted) return false;
			const facts = runFacts(trace);
			await yieldToPage();
			if (signal.aborted) return false;
			const times = eventTimes(trace.events);
			await yieldToPage();
			if (signal.aborted) return false;
			this.#run = { trace, index, facts, times };
			return true;
		} catch {
			return false;
		} finally {
			if (this.#preparation === preparation) {
				this.#preparation = null;
				this.#preparing = false;
			}
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
	/** The shared cursor: a position of `linked`. */
	position = $state(0);
	playing = $state(false);

	/** Both runs' events merged by virtual time. */
	readonly linked = $derived(linkTimelines(this.a.times, this.b.times));
	/** Each run's cursor, and the virtual time, at the shared position. */
	readonly at = $derived(linkedAt(this.linked, this.position));
	readonly last = $derived(this.linked.length - 1);
	readonly snapshotA: Snapshot | null = $derived(
		this.a.index ? seek(this.a.index, this.at.a) : null
	);
	readonly snapshotB: Snapshot | null = $derived(
		this.b.index ? seek(this.b.index, this.at.b) : null
	);
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

	#timer: ReturnType<typeof setTimeout> | null = null;

	/** A side by key. */
	side(key: SideKey): CompareSide {
		return key === 'a' ? this.a : this.b;
	}

	/**
	 * Shows a run on one side, keeping the shared cursor at the same virtual time (at the very
	 * start, when it was there).
	 */
	async setTrace(key: SideKey, trace: Trace | null): Promise<void> {
		if (!(await this.side(key).show(trace))) return;
		const atStart = this.position === 0;
		const t = this.at.t;
		this.position = atStart ? 0 : positionAtTime(this.linked, t);
	}

	/** Opens an example (code and recorded run) on one side. */
	async openExample(key: SideKey, id: string): Promise<void> {
		const side = this.side(key);
		const example = EXAMPLES.find((candidate) => candidate.id === id);
		if (!example) return;
		side.exampleId = id;
		side.code = example.code;
		side.filename = `${id}.py`;
		side.error = null;
		try {
			await this.setTrace(key, await loadExampleTrace(id));
		} catch (error) {
			side.error = error instanceof Error ? error.message : String(error);
		}
	}

	/** Records one side's code and shows the run. */
	async run(key: SideKey, record: Recorder): Promise<void> {
		const side = this.side(key);
		if (side.running) return;
		side.running = true;
		side.error = null;
		this.pause();
		try {
			await this.setTrace(key, await record(side.code, side.filename));
		} catch (error) {
			side.error = `Could not run ${side.name}: ${error instanceof Error ? error.message : String(error)}`;
		} finally {
			side.running = false;
		}
	}

	/** Records both sides, one after the other (Python runs one program at a time). */
	async runBoth(record: Recorder): Promise<void> {
		await this.run('a', record);
		await this.run('b', record);
	}

	/** Moves the shared cursor. */
	seek(position: number): void {
		this.position = Math.min(Math.max(0, Math.round(position)), this.last);
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
		this.seek(this.position + 1);
	}

	/** One step back. */
	stepBack(): void {
		this.seek(this.position - 1);
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
		if (this.position >= this.last) this.position = 0;
		this.playing = true;
		this.#tick();
	}

	#tick(): void {
		this.#timer = setTimeout(() => {
			if (!this.playing) return;
			if (this.position >= this.last) return this.pause();
			this.stepForward();
			this.#tick();
		}, 1000 / COMPARE_SPEED);
	}

	/** Stops playing. */
	pause(): void {
		this.playing = false;
		if (this.#timer !== null) clearTimeout(this.#timer);
		this.#timer = null;
	}

	/** Play when paused, pause when playing. */
	toggle(): void {
		if (this.playing) this.pause();
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
		return { a: side(this.a), b: side(this.b), position: this.position };
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
		decode: CompareLinkDecoder = decodeComparePermalink
	): Promise<Notice | null> {
		if (fragment.replace(/^#/, '').trim() === '') return null;
		const decoded = await decode(fragment);
		if ('cancelled' in decoded) return null;
		const state = decoded.ok ? decoded.state : decoded.recovered;
		if (state) {
			this.pause();
			for (const key of ['a', 'b'] as const) {
				const side = this.side(key);
				side.code = state[key].code;
				side.filename = state[key].filename ?? 'main.py';
				side.exampleId = '';
				side.error = null;
			}
			// Both runs indexed (in slices when big) before the cursor is placed on them.
			await Promise.all((['a', 'b'] as const).map((key) => this.side(key).show(state[key].trace)));
			this.seek(state.position);
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
