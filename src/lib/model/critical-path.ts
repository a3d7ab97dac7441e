/**
 * The critical path of a run: the chain of waits that, one after another, make up its length.
 *
 * Walk back from the end of the main task (of the last one, when the program runs several).
 * Each of its waits is either a leaf (a sleep, a
 * thread, a queue: time itself passing) and lies on the path, or a wait on other tasks (await
 * a task, gather, wait, a timeout guarding tasks), whose length is that of the task that
 * finished last, so the walk goes on inside that task. When a task's own waits run out, the
 * walk climbs back to where it was created, in its parent. Waits that overlapped the path
 * (the other children of a gather) are not on it: they did not make the run longer.
 *
 * A blocking call (time.sleep) is different: it freezes the whole loop, whichever task makes
 * it, so nothing else can move meanwhile. Every blocking call is on the path, and the waits
 * the walk found are cut where a blocking call covers them (a sleep that could not end on time).
 */
import type { Awaitable, Trace } from '../trace/schema';
import { delaysByTask, waitsOnTasks, type Delay } from './waits';

/** How the walk reached a task: through a wait of `waiter` on `tasks` tasks (a gather …). */
export interface Via {
	readonly waiter: number;
	readonly kind: Awaitable['kind'];
	readonly label: string;
	/** How many tasks that wait was on. */
	readonly tasks: number;
}

/** One wait on the critical path, and how the walk got to its task. */
export interface PathStep extends Delay {
	/** The wait on tasks that led to this task; null on the main task itself. */
	readonly via: Via | null;
}

/**
 * The critical path of a run, in time order: disjoint waits and blocking calls. Zero-length
 * waits (sleep(0)) are left out.
 */
export function criticalPath(trace: Trace, delays: Delay[][] = delaysByTask(trace)): PathStep[] {
	const created = new Int32Array(trace.tasks.length).fill(-1);
	const done = new Int32Array(trace.tasks.length).fill(-1);
	for (const event of trace.events) {
		if (event.kind === 'task_created' && created[event.task] < 0) created[event.task] = event.seq;
		if (event.kind === 'task_done' && done[event.task] < 0) done[event.task] = event.seq;
	}
	// Per task, how many of its delays the walk may still look at: the walk only goes back in
	// seq, so each task's delays are scanned once, from the end.
	const left = delays.map((list) => list.length);
	// Tasks without a parent: asyncio.run's main task, or one per run_until_complete / Runner.run.
	const roots = trace.tasks.filter((info) => info.parent === null).map((info) => info.id);
	// The root that ended last before `seq` (still running counts as ending at the end; among
	// roots ending together, the first). Found by binary search over the roots in order of
	// their ends: a scan of every root at each climb made a run of 20,000 roots (a hand-made
	// link) cost seconds on the Compare page.
	const byEnd = roots
		.map((root) => ({ root, end: done[root] < 0 ? trace.events.length : done[root] }))
		.sort((a, b) => a.end - b.end || b.root - a.root);
	const lastRootBefore = (seq: number): number | null => {
		let [lo, hi] = [0, byEnd.length];
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (byEnd[mid].end <= seq) lo = mid + 1;
			else hi = mid;
		}
		// Only a hand-made trace ends a root before creating it: those are passed over.
		for (let k = lo - 1; k >= 0; k--) if (created[byEnd[k].root] < seq) return byEnd[k].root;
		return null;
	};
	const viaOf = new Map<number, Via | null>();
	const path: PathStep[] = [];
	const first = lastRootBefore(trace.events.length);
	if (first === null) return [];
	let task = first;
	// Delays of `task` that ended at or before this seq are still ahead of the walk.
	let bound = trace.events.length;
	// Each turn takes a delay or climbs to a parent; a trace from a link may give tasks a parent
	// cycle, so the walk also stops after as many turns as an honest trace can need.
	let turns = delays.reduce((sum, list) => sum + 2 * list.length, 2 * trace.tasks.length + 2);
	while (turns-- > 0) {
		const list = delays[task] ?? [];
		while (left[task] > 0 && list[left[task] - 1].endSeq > bound) left[task]--;
		if (left[task] === 0) {
			if (created[task] < 0) break;
			bound = created[task];
			// Back to where this task was made: in its parent, or in the run before it.
			const parent = trace.tasks[task]?.parent ?? lastRootBefore(bound);
			if (parent === null) break;
			task = parent;
			continue;
		}
		const delay = list[--left[task]];
		const via = viaOf.get(task) ?? null;
		const child = waitsOnTasks(delay) ? lastToFinish(delay, done) : null;
		if (child !== null) {
			viaOf.set(child, {
				waiter: task,
				kind: delay.kind as Awaitable['kind'],
				label: delay.label,
				tasks: delay.awaits?.tasks?.length ?? 0
			});
			task = child;
			bound = done[child];
			continue;
		}
		if (delay.end > delay.start && delay.kind !== 'blocking') path.push({ ...delay, via });
		bound = delay.startSeq - 1;
	}
	const blocks: PathStep[] = delays
		.flat()
		.filter((delay) => delay.kind === 'blocking' && delay.end > delay.start)
		.map((delay) => ({ ...delay, via: viaOf.get(delay.task) ?? null }))
		.sort((x, y) => x.start - y.start || x.startSeq - y.startSeq);
	return [...cutOut(path.reverse(), blocks), ...blocks].sort(
		(x, y) => x.start - y.start || x.startSeq - y.startSeq
	);
}

// The parts of `steps` (in time order, disjoint) outside every one of `blocks` (likewise).
function cutOut(steps: readonly PathStep[], blocks: readonly PathStep[]): PathStep[] {
	const out: PathStep[] = [];
	let first = 0; // the first block that may still overlap a step
	for (const step of steps) {
		while (first < blocks.length && blocks[first].end <= step.start) first++;
		let from = step.start;
		for (let k = first; k < blocks.length && blocks[k].start < step.end; k++) {
			if (blocks[k].start > from) out.push({ ...step, start: from, end: blocks[k].start });
			from = Math.max(from, blocks[k].end);
		}
		if (step.end > from) out.push({ ...step, start: from, end: step.end });
	}
	return out;
}

// The operand task whose end let the wait finish: the last to finish while it waited.
function lastToFinish(delay: Delay, done: Int32Array): number | null {
	let best: number | null = null;
	for (const task of delay.awaits?.tasks ?? []) {
		const seq = done[task] ?? -1;
		if (seq <= delay.startSeq || seq > delay.endSeq) continue;
		if (best === null || seq > done[best]) best = task;
	}
	return best;
}
