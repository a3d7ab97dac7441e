/**
 * Where a run's time goes. In virtual time, running Python costs nothing: a run lasts as long
 * as its waits (sleeps, threads, queues, …) and its blocking calls (time.sleep) make it last.
 * This module lists those spans from the trace's structured events (suspend / step_start /
 * task_done / blocking), never from label text.
 */
import type { Awaitable, Trace } from '../trace/schema';

/** What a span of time was spent on: an awaitable's kind, or a blocking call. */
export type DelayKind = Awaitable['kind'] | 'blocking';

/** One stretch during which a task waited (or blocked the whole loop). */
export interface Delay {
	readonly task: number;
	readonly kind: DelayKind;
	/** What it waited on, as the recorder names it (`asyncio.sleep(0.5)`): for display only. */
	readonly label: string;
	/** Virtual seconds. */
	readonly start: number;
	readonly end: number;
	/** Seq of the suspend (or blocking) event that began it. */
	readonly startSeq: number;
	/** Seq of the step that resumed the task; for a blocking call, its own seq; events.length if never. */
	readonly endSeq: number;
	/** For a wait: the awaitable itself (its operand tasks, its deadline). */
	readonly awaits: Awaitable | null;
}

/**
 * Kinds that wait on other tasks rather than on time passing: how long they last is how long
 * those tasks take. The rest (sleep, thread, queue, lock, …) are leaves.
 */
const COMBINATORS: ReadonlySet<DelayKind> = new Set([
	'task',
	'gather',
	'wait',
	'timeout',
	'taskgroup'
]);

/** Does this delay wait on other tasks (its length is theirs), rather than on time itself? */
export function waitsOnTasks(delay: Delay): boolean {
	return COMBINATORS.has(delay.kind) && (delay.awaits?.tasks?.length ?? 0) > 0;
}

/** Every delay of every task, per task, in order: waits from suspend to resume, and blocking calls. */
export function delaysByTask(trace: Trace): Delay[][] {
	const byTask: Delay[][] = trace.tasks.map(() => []);
	const open = new Map<number, { seq: number; t: number; awaits: Awaitable }>();
	const close = (task: number, seq: number, t: number): void => {
		const wait = open.get(task);
		if (!wait) return;
		open.delete(task);
		byTask[task]?.push({
			task,
			kind: wait.awaits.kind,
			label: wait.awaits.label,
			start: wait.t,
			end: Math.max(wait.t, t),
			startSeq: wait.seq,
			endSeq: seq,
			awaits: wait.awaits
		});
	};
	for (const event of trace.events) {
		switch (event.kind) {
			case 'suspend':
				close(event.task, event.seq, event.t);
				open.set(event.task, { seq: event.seq, t: event.t, awaits: event.awaits });
				break;
			case 'step_start':
			case 'task_done':
				close(event.task, event.seq, event.t);
				break;
			case 'blocking':
				if (event.task !== null)
					byTask[event.task]?.push({
						task: event.task,
						kind: 'blocking',
						label: event.label,
						start: event.t,
						end: event.t + event.duration,
						startSeq: event.seq,
						endSeq: event.seq,
						awaits: null
					});
				break;
			default:
				break;
		}
	}
	// Waits still open when the run stopped (a deadlock, a limit) last to its end.
	const end = runEnd(trace);
	for (const task of [...open.keys()]) close(task, trace.events.length, end);
	return byTask;
}

/** When the run ends in virtual time: its duration, or its last event or blocking call if later. */
export function runEnd(trace: Trace): number {
	let end = trace.result.duration;
	for (const event of trace.events) {
		const until = event.kind === 'blocking' ? event.t + event.duration : event.t;
		if (until > end) end = until;
	}
	return end;
}

/** The total length of a set of intervals, overlaps counted once. */
export function unionLength(spans: readonly { start: number; end: number }[]): number {
	const sorted = [...spans].sort((x, y) => x.start - y.start);
	let total = 0;
	let from = -Infinity;
	let to = -Infinity;
	for (const { start, end } of sorted) {
		if (start > to) {
			if (to > from) total += to - from;
			from = start;
			to = end;
		} else if (end > to) to = end;
	}
	if (to > from) total += to - from;
	return total;
}

/** The most intervals that overlap at one instant (touching ends do not overlap). */
export function maxOverlap(spans: readonly { start: number; end: number }[]): number {
	const edges: [number, number][] = [];
	for (const { start, end } of spans) {
		if (end <= start) continue;
		edges.push([start, 1], [end, -1]);
	}
	// At equal times, ends come first: one wait ending as the next begins is not two at once.
	edges.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
	let now = 0;
	let most = 0;
	for (const [, step] of edges) {
		now += step;
		if (now > most) most = now;
	}
	return most;
}
