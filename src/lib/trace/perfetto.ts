/**
 * Export to the Chrome Trace Event Format (JSON object form), which ui.perfetto.dev and
 * chrome://tracing open, so a run can be explored with a professional profiler's tools.
 *
 * Layout (all in pid 1, named after the program):
 * - one track per task: tid = task id + 1, named `Task-2 fetch_user(1)`;
 * - each step (step_start → suspend / task_done) is a complete slice (`ph: 'X'`, cat `step`);
 *   waiting (suspend → next step) optionally a slice too (cat `wait`, named after what it awaits);
 *   a blocking call is a slice nested in its step (cat `blocking`);
 * - an "event loop" track for what belongs to no task (callbacks, loop-level output), and one
 *   track per worker lane for thread work (thread_start → thread_end);
 * - flow arrows (`ph: 's'` / `'f'`, `bp: 'e'`): creator's step → the new task's first step,
 *   each awaited task's last step → the awaiting task's resume, a task's step → its thread work;
 * - stdout, warnings and callbacks as instant events (`ph: 'i'`, thread scope).
 *
 * Time: `ts`/`dur` are whole microseconds. Virtual time stands still while a step runs, so steps would
 * all be zero-width; on the `time` axis (default) each event is placed at its virtual time but at
 * least 1 µs after the previous one (the drift is caught up at the next sleep), which keeps every
 * slice visible and ordered while leaving the true virtual time in `args.t`. On the `step` axis
 * every event takes 1 ms, like the app's step axis.
 */
import { downloadName, type TraceFile } from './file';
import type { Trace, TraceEvent } from './schema';

/** Metadata event: names or orders the process and its tracks. */
export interface ChromeMetadataEvent {
	ph: 'M';
	name: 'process_name' | 'thread_name' | 'process_sort_index' | 'thread_sort_index';
	pid: number;
	tid: number;
	ts: number;
	args: { name: string } | { sort_index: number };
}

/** Complete event: a slice with a start and a duration. */
export interface ChromeCompleteEvent {
	ph: 'X';
	name: string;
	cat: string;
	pid: number;
	tid: number;
	ts: number;
	dur: number;
	args?: Record<string, unknown>;
}

/** Instant event, thread-scoped. */
export interface ChromeInstantEvent {
	ph: 'i';
	name: string;
	cat: string;
	pid: number;
	tid: number;
	ts: number;
	s: 't';
	args?: Record<string, unknown>;
}

/** Flow event: start (`s`) or finish (`f`) of an arrow between the slices enclosing them. */
export interface ChromeFlowEvent {
	ph: 's' | 'f';
	name: string;
	cat: string;
	pid: number;
	tid: number;
	ts: number;
	id: number;
	/** `e`: bind to the enclosing slice (a finish would otherwise bind to the next slice). */
	bp?: 'e';
}

/** One event of a Chrome trace, as this exporter writes them. */
export type ChromeTraceEvent =
	ChromeMetadataEvent | ChromeCompleteEvent | ChromeInstantEvent | ChromeFlowEvent;

/** A Chrome Trace Event Format document (the JSON object form). */
export interface ChromeTrace {
	traceEvents: ChromeTraceEvent[];
	displayTimeUnit: 'ms';
	/** Shown by the viewers as trace metadata. */
	otherData: Record<string, string | number | null>;
}

/** Options for {@link traceToChromeTrace}. */
export interface ChromeTraceOptions {
	/** `time` (default): virtual time; `step`: one millisecond per event. */
	axis?: 'time' | 'step';
	/** Draw waiting intervals as slices too (default true). */
	waits?: boolean;
}

/** The process all tracks belong to. */
export const CHROME_PID = 1;

const MIN_GAP_US = 1; // the smallest spacing between consecutive events on the time axis
const STEP_US = 1_000; // one event per millisecond on the step axis
const NAME_LENGTH = 60;

// Whole microseconds: exact integer arithmetic (slices meet exactly where they should), and
// finer than any lesson needs. A time too large for that (t = 1e308 is a valid trace time)
// is drawn at the last exact microsecond, about 285 years; its args keep the true `t`.
// Left alone it would be Infinity, which JSON writes as null.
const micros = (seconds: number): number =>
	Math.min(Math.round(seconds * 1e6), Number.MAX_SAFE_INTEGER);

function shorten(text: string): string {
	const line = text.replace(/\s+/g, ' ').trim();
	return line.length > NAME_LENGTH ? `${line.slice(0, NAME_LENGTH - 1)}…` : line || '(empty)';
}

interface Slice {
	tid: number;
	name: string;
	cat: string;
	start: number;
	end: number | null;
	args: Record<string, unknown>;
}

interface Flow {
	name: string;
	cat: string;
	from: Slice;
	// Where the arrow leaves `from`; its midpoint when null.
	fromTs: number | null;
	to: Slice;
}

const midpoint = (slice: Slice): number =>
	Math.floor((slice.start + (slice.end ?? slice.start)) / 2);

/** Converts a trace to the Chrome Trace Event Format; see the module comment for the layout. */
export function traceToChromeTrace(trace: Trace, options: ChromeTraceOptions = {}): ChromeTrace {
	const axis = options.axis ?? 'time';
	const showWaits = options.waits ?? true;
	const taskCount = trace.tasks.length;
	const loopTid = taskCount + 1;
	const workerTid = (worker: number): number => taskCount + 2 + worker;
	const taskTid = (task: number): number => task + 1;

	const slices: Slice[] = [];
	const instants: ChromeInstantEvent[] = [];
	const flows: Flow[] = [];
	const usedTids = new Set<number>();
	const workerNames = new Map<number, string>(trace.workers.map((w) => [w.id, w.name]));

	const openSteps = new Map<number, Slice>();
	const openWaits = new Map<number, Slice>();
	const openThreads = new Map<number, Slice>();
	// Per task, the step that ended with task_done: where "this task finished" arrows leave from.
	const doneStep = new Map<number, Slice>();
	const pendingCreation = new Map<number, { from: Slice; fromTs: number }>();
	const pendingAwaits = new Map<number, number[]>(); // task → tasks it waits on

	const open = (tid: number, name: string, cat: string, start: number, args = {}): Slice => {
		const slice: Slice = { tid, name, cat, start, end: null, args };
		slices.push(slice);
		usedTids.add(tid);
		return slice;
	};
	const close = (
		slice: Slice | undefined,
		end: number,
		args: Record<string, unknown> = {}
	): void => {
		if (!slice || slice.end !== null) return;
		slice.end = end;
		Object.assign(slice.args, args);
	};
	const instant = (
		tid: number,
		name: string,
		cat: string,
		ts: number,
		args: Record<string, unknown>
	): void => {
		usedTids.add(tid);
		instants.push({ ph: 'i', name, cat, pid: CHROME_PID, tid, ts, s: 't', args });
	};
	// Where an event that may belong to a task goes: inside its running step, else the loop.
	const trackOf = (task: number | null): number =>
		task !== null && openSteps.has(task) ? taskTid(task) : loopTid;

	let floor = 0;
	let ts = 0;
	trace.events.forEach((event: TraceEvent, index) => {
		if (axis === 'time') {
			ts = Math.max(micros(event.t), floor);
			floor = ts + MIN_GAP_US;
		} else {
			ts = index * STEP_US;
		}
		const at = { seq: event.seq, t: event.t };
		switch (event.kind) {
			case 'task_created': {
				const parent = trace.tasks[event.task]?.parent ?? null;
				const from = parent !== null ? openSteps.get(parent) : undefined;
				if (from) pendingCreation.set(event.task, { from, fromTs: ts });
				break;
			}
			case 'step_start': {
				const task = trace.tasks[event.task];
				close(openSteps.get(event.task), ts, { interrupted: true });
				close(openWaits.get(event.task), ts);
				openWaits.delete(event.task);
				const step = open(taskTid(event.task), task.label, 'step', ts, {
					...at,
					first: event.first,
					line: event.line
				});
				openSteps.set(event.task, step);
				const creation = pendingCreation.get(event.task);
				if (creation) {
					flows.push({ name: 'creates', cat: 'create', ...creation, to: step });
					pendingCreation.delete(event.task);
				}
				for (const awaited of pendingAwaits.get(event.task) ?? []) {
					const done = doneStep.get(awaited);
					if (done) flows.push({ name: 'wakes', cat: 'await', from: done, fromTs: null, to: step });
				}
				pendingAwaits.delete(event.task);
				break;
			}
			case 'suspend': {
				const step = openSteps.get(event.task);
				close(step, ts, { then: `awaits ${event.awaits.label}`, endLine: event.line });
				openSteps.delete(event.task);
				if (showWaits) {
					close(openWaits.get(event.task), ts);
					openWaits.set(
						event.task,
						open(taskTid(event.task), `await ${event.awaits.label}`, 'wait', ts, {
							...at,
							awaits: event.awaits.kind,
							tasks: event.awaits.tasks ?? null,
							until: event.awaits.until ?? null
						})
					);
				}
				// Tasks already done by now did not wake this one: only later finishers count.
				const awaited = (event.awaits.tasks ?? []).filter((task) => !doneStep.has(task));
				if (awaited.length > 0) pendingAwaits.set(event.task, awaited);
				break;
			}
			case 'task_done': {
				const step = openSteps.get(event.task);
				close(step, ts, { then: event.outcome, value: event.value ?? null });
				openSteps.delete(event.task);
				if (step) doneStep.set(event.task, step);
				close(openWaits.get(event.task), ts, { then: event.outcome });
				openWaits.delete(event.task);
				break;
			}
			case 'blocking': {
				const tid = trackOf(event.task);
				const duration =
					axis === 'time' ? Math.max(micros(event.duration), MIN_GAP_US) : STEP_US / 2;
				const slice = open(tid, event.label, 'blocking', ts, { ...at, duration: event.duration });
				close(slice, ts + duration);
				if (axis === 'time') floor = Math.max(floor, ts + duration + MIN_GAP_US);
				break;
			}
			case 'thread_start': {
				const tid = workerTid(event.worker);
				close(openThreads.get(event.worker), ts, { interrupted: true });
				const slice = open(tid, event.label, 'thread', ts, { ...at, task: event.task });
				openThreads.set(event.worker, slice);
				const from = event.task !== null ? openSteps.get(event.task) : undefined;
				if (from)
					flows.push({ name: 'runs in thread', cat: 'thread', from, fromTs: ts, to: slice });
				break;
			}
			case 'thread_end':
				close(openThreads.get(event.worker), ts);
				openThreads.delete(event.worker);
				break;
			case 'stdout':
				instant(trackOf(event.task), shorten(event.text), 'stdout', ts, {
					...at,
					text: event.text,
					stream: event.stream ?? 'stdout'
				});
				break;
			case 'warning':
				instant(trackOf(event.task), shorten(event.message), 'warning', ts, {
					...at,
					category: event.category,
					line: event.line
				});
				break;
			case 'callback':
				instant(loopTid, shorten(event.label), 'callback', ts, { ...at, line: event.line });
				break;
			default:
				// loop_iteration, line, coro_call/coro_return: the step slices already summarise them.
				break;
		}
	});

	// A run cut short (limit, deadlock, error) leaves slices open: end them with the run.
	const end = axis === 'time' ? floor : trace.events.length * STEP_US;
	for (const slice of slices) close(slice, end, { unfinished: true });

	const events: ChromeTraceEvent[] = [];
	for (const slice of slices) {
		const { tid, name, cat, start, args } = slice;
		const dur = (slice.end ?? start) - start;
		events.push({ ph: 'X', name, cat, pid: CHROME_PID, tid, ts: start, dur, args });
	}
	events.push(...instants);
	flows.forEach((flow, id) => {
		const common = { name: flow.name, cat: flow.cat, pid: CHROME_PID, id: id + 1 };
		events.push({ ph: 's', ...common, tid: flow.from.tid, ts: flow.fromTs ?? midpoint(flow.from) });
		events.push({ ph: 'f', ...common, tid: flow.to.tid, ts: midpoint(flow.to), bp: 'e' });
	});
	// Sorted by time (stable, so a slice precedes what it encloses): every track reads in order.
	events.sort((a, b) => a.ts - b.ts);

	const metadata: ChromeMetadataEvent[] = [
		{
			ph: 'M',
			name: 'process_name',
			pid: CHROME_PID,
			tid: 0,
			ts: 0,
			args: { name: `Loopscope: ${trace.source.filename}` }
		}
	];
	const nameTrack = (tid: number, name: string, order: number): void => {
		metadata.push(
			{ ph: 'M', name: 'thread_name', pid: CHROME_PID, tid, ts: 0, args: { name } },
			{
				ph: 'M',
				name: 'thread_sort_index',
				pid: CHROME_PID,
				tid,
				ts: 0,
				args: { sort_index: order }
			}
		);
	};
	// Every task gets its track, even one that never ran (it shows that it never ran).
	for (const task of trace.tasks)
		nameTrack(taskTid(task.id), `${task.name} ${task.label}`, task.id + 1);
	if (usedTids.has(loopTid)) nameTrack(loopTid, 'event loop', 0);
	for (const tid of [...usedTids].filter((tid) => tid > loopTid).sort((a, b) => a - b)) {
		const worker = tid - taskCount - 2;
		nameTrack(tid, `thread: ${workerNames.get(worker) ?? `worker ${worker}`}`, tid);
	}

	return {
		traceEvents: [...metadata, ...events],
		displayTimeUnit: 'ms',
		otherData: {
			program: trace.source.filename,
			status: trace.result.status,
			duration: trace.result.duration,
			python: trace.meta.python,
			pyodide: trace.meta.pyodide,
			recorder: trace.meta.recorder,
			axis
		}
	};
}

/** The Chrome trace as a download, `<program>.perfetto.json`, ready for ui.perfetto.dev. */
export function chromeTraceFile(trace: Trace, options: ChromeTraceOptions = {}): TraceFile {
	return {
		text: JSON.stringify(traceToChromeTrace(trace, options)),
		filename: downloadName(trace.source.filename, 'perfetto.json'),
		mimeType: 'application/json'
	};
}
