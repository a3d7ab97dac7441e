/**
 * The index: everything about a trace that does not depend on the cursor, computed once.
 * A pre-pass collects per-event tables (who wakes whom, output lines, geometry), then the
 * reducer runs over every event, keeping a checkpoint every K events so that a seek
 * replays at most K - 1 events.
 */
import type { Awaitable, Trace } from '../trace/schema';
import { apply, cloneWorld, emptyWorld, eventTask, type ReplayContext, type World } from './replay';
import { taskName } from './task-name';
import type { OutputLine, TaskState } from './types';

/**
 * Default least distance between checkpoints for a trace with `tasks` tasks: 32 for a
 * handful of tasks, 64 for fifty, 256 at most. A seek replays fewer events than the distance.
 */
export function defaultCheckpointEvery(tasks: number): number {
	return Math.min(256, Math.max(32, 8 * Math.ceil(Math.sqrt(tasks))));
}

/**
 * Whether to keep a checkpoint now, `since` events after the previous one, in a world of
 * `size` (tasks plus queued entries and threads at work). A checkpoint copies the world, so it waits until the
 * events since the last one outnumber an eighth of that copy: all checkpoints together hold
 * at most eight slots per event, O(events + tasks) instead of O(events × tasks), and a seek
 * replays at most max(K, size / 8) events after copying a world of `size`: O(K + size), the
 * order of the snapshot it returns anyway.
 */
export function checkpointDue(since: number, every: number, size: number): boolean {
	return since >= every && since * 8 >= size;
}

/** A line of output with the pieces (events) that wrote it, so a cursor can cut it short. */
export interface OutputRecord {
	/** The whole line, as snapshots show it once it is complete. */
	readonly line: OutputLine;
	/** For each piece: its seq and the length of the text once it is written. */
	readonly pieceSeqs: readonly number[];
	readonly pieceEnds: readonly number[];
}

type MutableOutput = {
	text: string;
	task: number | null;
	stream: 'stdout' | 'stderr';
	seq: number;
	pieceSeqs: number[];
	pieceEnds: number[];
};

/** A finished child and the step in which its waiter resumed and collected it. */
export interface Collect {
	readonly child: number;
	readonly waiter: number;
	readonly doneSeq: number;
	readonly resumeSeq: number;
	readonly via: Awaitable['kind'];
}

/** A blocking call: it freezes the loop from `start` to `end` (virtual seconds). */
export interface BlockingRecord {
	readonly seq: number;
	readonly task: number | null;
	readonly label: string;
	readonly line: number | null;
	readonly start: number;
	readonly end: number;
}

/** One piece of work on a worker thread, from thread_start to thread_end (or the end: `events.length`). */
export interface ThreadRun {
	readonly worker: number;
	readonly task: number | null;
	readonly label: string;
	readonly startSeq: number;
	readonly endSeq: number;
}

/** A task entering a lane state at `seq`. */
export interface Transition {
	readonly seq: number;
	readonly state: TaskState['state'];
	readonly awaits: Awaitable | null;
}

/** Tables the model's functions read. Internal: their shape may change. */
export interface IndexTables {
	readonly ctx: ReplayContext;
	/** Least number of events between checkpoints. */
	readonly checkpointEvery: number;
	/** Worlds after some events, ascending (see {@link checkpointDue}); the first is after event 0. */
	readonly checkpoints: readonly World[];
	/** checkpointSeqs[c] = checkpoints[c].seq. */
	readonly checkpointSeqs: Int32Array;
	readonly iterationSeqs: Int32Array;
	/** First seq of each step-axis block: 0, then every loop_iteration after the first. */
	readonly blockStarts: Int32Array;
	readonly stepX: Float64Array;
	readonly timeX: Float64Array;
	readonly endTime: number;
	/** Seqs of each task's events, ascending. */
	readonly taskEvents: readonly Int32Array[];
	readonly createdSeq: Int32Array;
	readonly doneSeq: Int32Array;
	/** The next step_start, callback or loop_iteration after each event; -1 if none. */
	readonly nextRun: Int32Array;
	/** coro_call / coro_return events of a task's own coroutine (its start and its return). */
	readonly ownCoro: ReadonlySet<number>;
	/** For a resuming step_start: what the task had been waiting on. */
	readonly resumedFrom: ReadonlyMap<number, Awaitable>;
	readonly collects: readonly Collect[];
	readonly output: readonly OutputRecord[];
	/** The same lines, complete, for snapshots to slice. */
	readonly outputLines: readonly OutputLine[];
	readonly outputStarts: Int32Array;
	readonly blockings: readonly BlockingRecord[];
	readonly blockingAt: ReadonlyMap<number, BlockingRecord>;
	readonly threadRuns: readonly ThreadRun[];
	readonly transitions: readonly (readonly Transition[])[];
	/** What narration calls each task: its label, with its name if the label is shared. */
	readonly names: readonly string[];
	readonly codeLines: readonly string[];
	/** Results computed lazily per axis (lanes, arrows, blocked intervals). */
	readonly memo: Map<string, unknown>;
}

/** A trace prepared for seeking and drawing. Build it once per trace with {@link buildIndex}. */
export interface TraceIndex {
	readonly trace: Trace;
	/** Number of events. */
	readonly length: number;
	/** Number of step-axis blocks (loop iterations; at least 1): the step axis spans [0, iterations]. */
	readonly iterations: number;
	/** Where the time axis ends: the run's duration (s). */
	readonly endTime: number;
	/** @internal */
	readonly tables: IndexTables;
}

/** Options of {@link buildIndex}. */
export interface IndexOptions {
	/** Least number of events between checkpoints (see {@link checkpointDue}). */
	checkpointEvery?: number;
}

/** Builds the index of a trace (validated against the schema). O(events + tasks) time and memory. */
export function buildIndex(trace: Trace, options: IndexOptions = {}): TraceIndex {
	return drain(indexSteps(trace, options));
}

/** Runs work written as steps (a generator that yields wherever it may stop) all at once. */
export function drain<T>(steps: Generator<void, T>): T {
	for (;;) {
		const next = steps.next();
		if (next.done) return next.value;
	}
}

/** Lets the page breathe: resolves once the browser has had a chance to handle input. */
export type Yield = () => Promise<void>;

/** Options of {@link runInSlices}. */
export interface SliceOptions {
	/** How long one slice may run, in ms (8 by default: half a frame). */
	sliceMs?: number;
	/** Stops the work between slices (the promise rejects with an `AbortError`). */
	signal?: AbortSignal;
}

/**
 * Drives `steps` (a generator that yields wherever it may stop) in slices of about `sliceMs`
 * milliseconds, awaiting `yieldToPage` between them, and resolves to what it returns.
 */
export async function runInSlices<T>(
	steps: Generator<void, T>,
	yieldToPage: Yield,
	options: SliceOptions = {}
): Promise<T> {
	const sliceMs = options.sliceMs ?? 8;
	for (;;) {
		const until = performance.now() + sliceMs;
		for (;;) {
			const next = steps.next();
			if (next.done) return next.value;
			if (performance.now() >= until) break;
		}
		await yieldToPage();
		options.signal?.throwIfAborted();
	}
}

/**
 * {@link buildIndex} in slices (see {@link runInSlices}), so that indexing a 200,000-event
 * run never blocks the page for long.
 */
export function buildIndexInSlices(
	trace: Trace,
	yieldToPage: Yield,
	options: IndexOptions & SliceOptions = {}
): Promise<TraceIndex> {
	return runInSlices(indexSteps(trace, options), yieldToPage, options);
}

// Events, and tasks, handled between two chances to stop.
const STEP_EVENTS = 1024;
const STEP_TASKS = 2048;

// The index, built in steps: the generator yields every STEP_EVENTS events or so.
function* indexSteps(trace: Trace, options: IndexOptions): Generator<void, TraceIndex> {
	const events = trace.events;
	const n = events.length;
	const taskCount = trace.tasks.length;
	const checkpointEvery = Math.max(
		1,
		Math.floor(options.checkpointEvery ?? defaultCheckpointEvery(taskCount))
	);

	const taskEventLists: number[][] = Array.from({ length: taskCount }, () => []);
	const createdSeq = new Int32Array(taskCount).fill(-1);
	const doneSeq = new Int32Array(taskCount).fill(-1);
	const iterationSeqs: number[] = [];
	const timeX = new Float64Array(n);
	const resumedFrom = new Map<number, Awaitable>();
	const ownCoro = new Set<number>();
	const coroDepth = new Map<number | null, number>();
	const wakes = new Map<number, number[]>();
	const collects: Collect[] = [];
	const output: OutputRecord[] = [];
	const blockings: BlockingRecord[] = [];
	const threadRuns: ThreadRun[] = [];
	const openThreads = new Map<number, number[]>(); // worker -> indexes into threadRuns
	let endTime = trace.result.duration;

	// Who is suspended on what, to know whom a finishing task wakes and collects.
	const awaiting = new Map<number, Awaitable>();
	const waitersOf = new Map<number, Set<number>>();
	const pending = new Map<number, Omit<Collect, 'resumeSeq'>[]>();
	const collected = new Set<string>();
	const unregister = (waiter: number): void => {
		for (const awaited of awaiting.get(waiter)?.tasks ?? []) waitersOf.get(awaited)?.delete(waiter);
		awaiting.delete(waiter);
	};

	// Output: the open (unterminated) line, continued by the same task on the same stream.
	let open: MutableOutput | null = null;
	const closeLine = (): void => {
		if (open) {
			const { text, task, stream, seq, pieceSeqs, pieceEnds } = open;
			output.push({ line: { text, task, stream, seq }, pieceSeqs, pieceEnds });
		}
		open = null;
	};

	for (let i = 0; i < n; i++) {
		if (i % STEP_EVENTS === STEP_EVENTS - 1) yield;
		const event = events[i];
		timeX[i] = event.t;
		if (event.t > endTime) endTime = event.t;
		const task = eventTask(event);
		if (task !== null && task < taskCount) taskEventLists[task].push(i);
		switch (event.kind) {
			case 'loop_iteration':
				iterationSeqs.push(i);
				break;
			case 'coro_call':
			case 'coro_return': {
				// The recorder reports the task's own coroutine starting and returning too; it is
				// the outermost frame and carries the task's coroutine name.
				const before = coroDepth.get(event.task) ?? 0;
				const after = Math.max(0, before + (event.kind === 'coro_call' ? 1 : -1));
				coroDepth.set(event.task, after);
				const own = event.task !== null && trace.tasks[event.task]?.coro === event.coro;
				if (own && (event.kind === 'coro_call' ? before : after) === 0) ownCoro.add(i);
				break;
			}
			case 'task_created':
				if (createdSeq[event.task] < 0) createdSeq[event.task] = i;
				break;
			case 'step_start': {
				const was = awaiting.get(event.task);
				if (was) resumedFrom.set(i, was);
				unregister(event.task);
				for (const collect of pending.get(event.task) ?? []) {
					// A waiter collects a child once: waiting again on a group that holds it (a
					// TaskGroup's body woken per failure, asyncio.wait on the same tasks) does not.
					const key = `${collect.waiter}:${collect.child}`;
					if (collected.has(key)) continue;
					collected.add(key);
					collects.push({ ...collect, resumeSeq: i });
				}
				pending.delete(event.task);
				break;
			}
			case 'suspend': {
				unregister(event.task);
				awaiting.set(event.task, event.awaits);
				for (const awaited of event.awaits.tasks ?? []) {
					if (awaited < taskCount && doneSeq[awaited] >= 0) {
						// Already finished: the waiter collects it when it resumes.
						addPending(pending, event.task, {
							child: awaited,
							waiter: event.task,
							doneSeq: doneSeq[awaited],
							via: event.awaits.kind
						});
						continue;
					}
					let set = waitersOf.get(awaited);
					if (!set) waitersOf.set(awaited, (set = new Set()));
					set.add(event.task);
				}
				break;
			}
			case 'task_done': {
				if (doneSeq[event.task] < 0) doneSeq[event.task] = i;
				unregister(event.task);
				pending.delete(event.task);
				const woken: number[] = [];
				for (const waiter of waitersOf.get(event.task) ?? []) {
					const how = awaiting.get(waiter);
					if (!how) continue;
					addPending(pending, waiter, { child: event.task, waiter, doneSeq: i, via: how.kind });
					if (how.kind === 'task') woken.push(waiter);
				}
				if (woken.length) wakes.set(i, woken);
				waitersOf.delete(event.task);
				break;
			}
			case 'stdout': {
				const stream = event.stream ?? 'stdout';
				const parts = event.text.split('\n');
				for (let k = 0; k < parts.length; k++) {
					const part = parts[k];
					if (open && (open.task !== event.task || open.stream !== stream)) closeLine();
					if (!open) {
						// A lone trailing newline closes the line; it does not start an empty one.
						if (k === parts.length - 1 && part === '') break;
						open = { text: '', task: event.task, stream, seq: i, pieceSeqs: [], pieceEnds: [] };
					}
					open.text += part;
					open.pieceSeqs.push(i);
					open.pieceEnds.push(open.text.length);
					if (k < parts.length - 1) closeLine();
				}
				break;
			}
			case 'blocking': {
				const record: BlockingRecord = {
					seq: i,
					task: event.task,
					label: event.label,
					line: event.line,
					start: event.t,
					end: event.t + event.duration
				};
				blockings.push(record);
				if (record.end > endTime) endTime = record.end;
				break;
			}
			case 'thread_start': {
				const list = openThreads.get(event.worker) ?? [];
				list.push(threadRuns.length);
				openThreads.set(event.worker, list);
				threadRuns.push({
					worker: event.worker,
					task: event.task,
					label: event.label,
					startSeq: i,
					endSeq: n
				});
				break;
			}
			case 'thread_end': {
				const at = openThreads.get(event.worker)?.shift();
				if (at !== undefined) threadRuns[at] = { ...threadRuns[at], endSeq: i };
				break;
			}
			default:
				break;
		}
	}
	closeLine();

	yield;
	const nextRun = new Int32Array(n);
	for (let i = n - 1, next = -1; i >= 0; i--) {
		nextRun[i] = next;
		const kind = events[i].kind;
		if (kind === 'step_start' || kind === 'callback' || kind === 'loop_iteration') next = i;
	}

	// Step axis: each block is one loop iteration of width 1; the events before the first
	// iteration (asyncio.run creating the main task) share the first block.
	const blockStarts = Int32Array.from([0, ...iterationSeqs.slice(1)]);
	const stepX = new Float64Array(n);
	for (let b = 0; b < blockStarts.length; b++) {
		const start = blockStarts[b];
		const end = b + 1 < blockStarts.length ? blockStarts[b + 1] : n;
		for (let i = start; i < end; i++) stepX[i] = b + (i - start) / (end - start);
	}

	yield;
	const ctx: ReplayContext = { tasks: trace.tasks, wakes };
	const transitions: Transition[][] = Array.from({ length: taskCount }, () => []);
	const world = emptyWorld(taskCount);
	const checkpoints: World[] = [];
	const checkpointSeqs: number[] = [];
	const record = (id: number, next: TaskState, seq: number): void => {
		const list = transitions[id];
		const last = list[list.length - 1];
		if (last && last.state === next.state && last.awaits === next.awaits) return;
		const entry = { seq, state: next.state, awaits: next.awaits };
		// Several changes in one event (blocked → running → waiting): the last one counts.
		if (last && last.seq === seq) list[list.length - 1] = entry;
		else list.push(entry);
	};
	for (let i = 0, last = -Infinity; i < n; i++) {
		if (i % STEP_EVENTS === STEP_EVENTS - 1) yield;
		apply(world, events[i], ctx, record);
		const size = taskCount + world.ready.length + world.timers.length + world.threads.length;
		if (i === 0 || checkpointDue(i - last, checkpointEvery, size)) {
			checkpoints.push(cloneWorld(world));
			checkpointSeqs.push(i);
			last = i;
		}
	}

	yield;
	const names: string[] = [];
	const taskEvents: Int32Array[] = [];
	for (let id = 0; id < taskCount; id++) {
		if (id % STEP_TASKS === STEP_TASKS - 1) yield;
		names.push(taskName(trace.tasks, id));
		taskEvents.push(Int32Array.from(taskEventLists[id]));
	}
	yield;

	return {
		trace,
		length: n,
		iterations: blockStarts.length,
		endTime,
		tables: {
			ctx,
			checkpointEvery,
			checkpoints,
			checkpointSeqs: Int32Array.from(checkpointSeqs),
			iterationSeqs: Int32Array.from(iterationSeqs),
			blockStarts,
			stepX,
			timeX,
			endTime,
			taskEvents,
			createdSeq,
			doneSeq,
			nextRun,
			resumedFrom,
			ownCoro,
			collects,
			output,
			outputStarts: Int32Array.from(output, (record) => record.line.seq),
			outputLines: output.map((record) => record.line),
			blockings,
			blockingAt: new Map(blockings.map((record) => [record.seq, record])),
			threadRuns,
			transitions,
			names,
			codeLines: trace.source.code.split(/\r?\n/),
			memo: new Map()
		}
	};
}

function addPending(
	pending: Map<number, Omit<Collect, 'resumeSeq'>[]>,
	waiter: number,
	collect: Omit<Collect, 'resumeSeq'>
): void {
	const list = pending.get(waiter);
	if (list) list.push(collect);
	else pending.set(waiter, [collect]);
}
