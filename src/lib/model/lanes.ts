/**
 * Timeline geometry: one lane per task, then one per worker thread, as segments of state
 * on either axis. Segments are found once, in seq terms, while the index is built; an axis
 * only maps their ends to x, so both axes always agree.
 */
import { drain, type Transition, type TraceIndex } from './build-index';
import { xOf } from './geometry';
import { taskName } from './task-name';
import type { Arrow, Axis, BlockedInterval, Lane, Segment, SegmentState, TaskState } from './types';

/** The lane state a task state draws as: `created` is ready (its first step is queued). */
export function laneState(state: TaskState['state']): SegmentState | null {
	switch (state) {
		case 'created':
		case 'ready':
			return 'ready';
		case 'running':
		case 'waiting':
		case 'blocked':
			return state;
		default:
			return null;
	}
}

function memo<T>(index: TraceIndex, key: string, make: () => T): T {
	const cache = index.tables.memo;
	if (!cache.has(key)) cache.set(key, make());
	return cache.get(key) as T;
}

// Tasks handled between two chances to stop.
const STEP_TASKS = 2048;

/** The timeline's lanes on an axis: one per trace.tasks (same order), then one per worker. Computed once per axis and shared: do not mutate. */
export function lanes(index: TraceIndex, axis: Axis): readonly Lane[] {
	return memo(index, `lanes:${axis}`, () => drain(laneSteps(index, axis)));
}

/**
 * Computes, in steps that yield every few thousand tasks, what the timeline draws on `axis`
 * ({@link lanes} and {@link arrows}), so that a run of 100,000 tasks can be made ready in
 * slices (with `runInSlices`) before it is shown. Afterwards those functions answer at once.
 */
export function* viewSteps(index: TraceIndex, axis: Axis): Generator<void, void> {
	const cache = index.tables.memo;
	if (!cache.has(`lanes:${axis}`)) cache.set(`lanes:${axis}`, yield* laneSteps(index, axis));
	yield;
	if (!cache.has(`arrows:${axis}`)) cache.set(`arrows:${axis}`, yield* arrowSteps(index, axis));
}

function* laneSteps(index: TraceIndex, axis: Axis): Generator<void, Lane[]> {
	const out: Lane[] = [];
	const tasks = index.trace.tasks;
	for (let id = 0; id < tasks.length; id++) {
		if (id % STEP_TASKS === STEP_TASKS - 1) yield;
		out.push(taskLane(index, axis, id));
	}
	for (const lane of yield* workerLaneSteps(index, axis)) out.push(lane);
	return out;
}

function taskLane(index: TraceIndex, axis: Axis, id: number): Lane {
	const { transitions, createdSeq, doneSeq, blockingAt } = index.tables;
	const n = index.length;
	const list: readonly Transition[] = transitions[id] ?? [];
	const born = createdSeq[id] >= 0 ? createdSeq[id] : (list[0]?.seq ?? n);
	const end = doneSeq[id] >= 0 ? doneSeq[id] : n;
	const segments: Segment[] = [];
	for (let k = 0; k < list.length; k++) {
		const state = laneState(list[k].state);
		if (!state) continue;
		const startSeq = list[k].seq;
		const endSeq = k + 1 < list.length ? list[k + 1].seq : Math.max(end, startSeq);
		const awaits = list[k].awaits ?? undefined;
		const last = segments[segments.length - 1];
		// `created` then `ready`, or a repeated state: one stretch on screen.
		if (last && last.state === state && last.endSeq === startSeq && last.awaits === awaits) {
			segments[segments.length - 1] = { ...last, endSeq, end: xOf(index, axis, endSeq) };
			continue;
		}
		const blocking = state === 'blocked' ? blockingAt.get(startSeq) : undefined;
		segments.push({
			state,
			start: xOf(index, axis, startSeq),
			// On the time axis a blocking call lasts its duration, not until the next event.
			end: blocking && axis === 'time' ? blocking.end : xOf(index, axis, endSeq),
			startSeq,
			endSeq,
			...(awaits ? { awaits } : {}),
			...(blocking ? { label: blocking.label } : {})
		});
	}
	return {
		kind: 'task' as const,
		id,
		label: taskName(index.trace.tasks, id, 'both'),
		segments,
		createdAt: xOf(index, axis, born),
		endAt: xOf(index, axis, end)
	};
}

// Worker lanes: the declared workers, then any other worker a job ran on, in order of first
// job. One pass over the jobs, grouped by worker through a map: a filter per worker made
// 300,000 workers quadratic, and spreading them into the lane list overflowed the stack.
function* workerLaneSteps(index: TraceIndex, axis: Axis): Generator<void, Lane[]> {
	const { threadRuns } = index.tables;
	const names = new Map<number, string>();
	const segmentsOf = new Map<number, Segment[]>();
	const { workers } = index.trace;
	for (let k = 0; k < workers.length; k++) {
		if (k % STEP_TASKS === STEP_TASKS - 1) yield;
		if (names.has(workers[k].id)) continue;
		names.set(workers[k].id, workers[k].name);
		segmentsOf.set(workers[k].id, []);
	}
	for (let k = 0; k < threadRuns.length; k++) {
		if (k % STEP_TASKS === STEP_TASKS - 1) yield;
		const run = threadRuns[k];
		let segments = segmentsOf.get(run.worker);
		if (!segments) segmentsOf.set(run.worker, (segments = []));
		// A worker runs one job at a time, and the recorder never overlaps them. A hand-made
		// trace that does would draw each overlapping job across the lane (100,000 full-width
		// bars every frame): a job starts once the one before has ended, and one left with
		// nothing to draw is dropped.
		const startSeq = Math.max(run.startSeq, segments[segments.length - 1]?.endSeq ?? 0);
		if (startSeq >= run.endSeq) continue;
		segments.push({
			state: 'running',
			start: xOf(index, axis, startSeq),
			end: xOf(index, axis, run.endSeq),
			startSeq,
			endSeq: run.endSeq,
			label: run.label,
			task: run.task
		});
	}
	const out: Lane[] = [];
	for (const [id, segments] of segmentsOf) {
		if (out.length % STEP_TASKS === STEP_TASKS - 1) yield;
		out.push({
			kind: 'worker',
			id,
			label: names.get(id) ?? `Worker ${id}`,
			segments,
			createdAt: segments[0]?.start ?? 0,
			endAt: segments[segments.length - 1]?.end ?? 0
		});
	}
	return out;
}

/**
 * Arrows between task lanes: `spawn` from a parent to each child at its creation, and
 * `collect` from each finished child to the step in which the task awaiting it (a gather,
 * an await of the task, asyncio.wait, wait_for) resumed.
 */
export function arrows(index: TraceIndex, axis: Axis): readonly Arrow[] {
	return memo(index, `arrows:${axis}`, () => drain(arrowSteps(index, axis)));
}

function* arrowSteps(index: TraceIndex, axis: Axis): Generator<void, Arrow[]> {
	const { createdSeq, collects } = index.tables;
	const tasks = index.trace.tasks;
	const list: Arrow[] = [];
	for (let id = 0; id < tasks.length; id++) {
		if (id % STEP_TASKS === STEP_TASKS - 1) yield;
		const seq = createdSeq[id];
		const parent = tasks[id].parent;
		if (parent === null || seq < 0) continue;
		const x = xOf(index, axis, seq);
		list.push({
			kind: 'spawn',
			fromTask: parent,
			toTask: id,
			fromSeq: seq,
			toSeq: seq,
			x1: x,
			x2: x
		});
	}
	for (let k = 0; k < collects.length; k++) {
		if (k % STEP_TASKS === STEP_TASKS - 1) yield;
		const collect = collects[k];
		list.push({
			kind: 'collect',
			fromTask: collect.child,
			toTask: collect.waiter,
			fromSeq: collect.doneSeq,
			toSeq: collect.resumeSeq,
			x1: xOf(index, axis, collect.doneSeq),
			x2: xOf(index, axis, collect.resumeSeq),
			via: collect.via
		});
	}
	return list;
}

/** Stretches during which a blocking call (time.sleep in a coroutine) freezes the whole loop. */
export function blockedIntervals(index: TraceIndex, axis: Axis): readonly BlockedInterval[] {
	return memo(index, `blocked:${axis}`, () =>
		index.tables.blockings.map((record) => ({
			task: record.task,
			label: record.label,
			line: record.line,
			seq: record.seq,
			start: axis === 'time' ? record.start : xOf(index, axis, record.seq),
			end: axis === 'time' ? record.end : xOf(index, axis, record.seq + 1)
		}))
	);
}
