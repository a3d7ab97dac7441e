/**
 * The event loop drawn as a machine: which place each task's token sits in at a cursor. The
 * places are asyncio's own machinery: the running slot (one task's step, or the loop itself),
 * the ready queue in FIFO order, the timers in firing order, the tasks waiting (grouped by what
 * they wait on), the worker threads, and the finished tasks set aside.
 *
 * Pure: it reads the Snapshot's structured facts (task states and what they await, the ready
 * entries' `what`, the timers' tasks, the threads) and, given them, the program's queues and
 * locks at the cursor (`primitivesAt`); never label text. A view keys each
 * token by its task id and lets it travel between places as the cursor moves.
 */
import type { Awaitable, ReadyItem, Timer } from '../trace/schema';
import { awaitGraph } from './await-graph';
import { primitiveWaitedOn, type PrimitiveView } from './primitives';
import { isStepItem } from './queues';
import type { ActiveThread, Snapshot, TaskState, TaskStatus } from './types';

/** How the loop panel shows the loop: its lists, or this machine. */
export type LoopView = 'list' | 'machine';

/** A place in the machine. */
export type MachinePlace = 'running' | 'ready' | 'timers' | 'waiting' | 'threads' | 'finished';

/** Every place, in the order the machine shows them. */
export const MACHINE_PLACES: readonly MachinePlace[] = [
	'running',
	'ready',
	'timers',
	'waiting',
	'threads',
	'finished'
];

/**
 * Where the loop is in its turn: `start` (before its first iteration), `poll` (an iteration
 * begins: it polled, advanced virtual time, moved the timers due to the ready queue), `run`
 * (it runs what was ready), `end` (the run is over).
 */
export type MachinePhase = 'start' | 'poll' | 'run' | 'end';

/** One task's token: the place it is in, and its position there. */
export interface MachineToken {
	readonly task: number;
	readonly place: MachinePlace;
	/**
	 * Its entry in the place: the index into `ready`, `timers`, `threads` or `finished`, or into
	 * its group's `tasks` for `waiting`; 0 for `running`; -1 when that entry is past the cap (the
	 * place says how many more it holds).
	 */
	readonly slot: number;
	/** For `waiting`: the index of its group. */
	readonly group: number;
	readonly state: TaskStatus;
}

/** A ready-queue entry, and the task whose token rides on it (its step, or a callback that will wake it). */
export interface MachineReadyEntry {
	readonly item: ReadyItem;
	/** A task's step: the task; a callback: the waiting task it wakes or cancels, if any. */
	readonly rider: number | null;
	readonly step: boolean;
}

/** A pending timer, and the sleeping task whose token waits on it. */
export interface MachineTimerEntry {
	readonly timer: Timer;
	readonly rider: number | null;
	/** Seconds from now until it fires. */
	readonly in: number;
}

/** Tasks waiting on one thing: a task, a gather, a TaskGroup, a queue, a lock … */
export interface MachineWaitGroup {
	readonly key: string;
	readonly kind: Awaitable['kind'];
	/** What the first of them awaits (for its kind, its operand tasks and its label). */
	readonly awaits: Awaitable;
	/** The waiting tasks, in task order, capped (see `more`). */
	readonly tasks: readonly number[];
	readonly more: number;
	/**
	 * The unfinished tasks they await, as `asyncio.capture_call_graph()` links them (the await
	 * graph's edges from this group), in the order they are named; [] for a leaf (a sleep, a lock).
	 */
	readonly awaited: readonly number[];
	/** The queue, lock, event, semaphore or condition they wait on, with its state; or null. */
	readonly primitive: PrimitiveView | null;
}

/** Work on a worker thread, and the task that awaits it. */
export interface MachineThreadEntry {
	readonly thread: ActiveThread;
	readonly rider: number | null;
}

/** The machine at one cursor. */
export interface Machine {
	readonly iteration: number;
	readonly t: number;
	readonly phase: MachinePhase;
	/** The task in the running slot, or null: the loop itself (or a plain callback). */
	readonly running: number | null;
	/** The running task is inside a blocking call: the whole loop is frozen. */
	readonly blocked: boolean;
	readonly ready: readonly MachineReadyEntry[];
	readonly readyMore: number;
	readonly timers: readonly MachineTimerEntry[];
	readonly timersMore: number;
	readonly waiting: readonly MachineWaitGroup[];
	readonly waitingMore: number;
	readonly threads: readonly MachineThreadEntry[];
	readonly threadsMore: number;
	/** Finished tasks, most recently finished last, capped to the latest (see `finishedMore`). */
	readonly finished: readonly number[];
	readonly finishedMore: number;
	/**
	 * The primitives the program has used that no waiting group shows (a queue holding items
	 * while nobody waits on it, a lock held without waiters), in the order the program made them.
	 */
	readonly values: readonly PrimitiveView[];
	/** One per task that exists at the cursor (created, live or finished), in task order. */
	readonly tokens: readonly MachineToken[];
}

/** How many entries each place shows before it says "and n more". */
export interface MachineCaps {
	readonly ready: number;
	readonly timers: number;
	readonly groups: number;
	readonly perGroup: number;
	readonly threads: number;
	readonly finished: number;
}

/** Enough for every example and lesson; a run of thousands of tasks shows the first few. */
export const DEFAULT_CAPS: MachineCaps = {
	ready: 12,
	timers: 12,
	groups: 8,
	perGroup: 8,
	threads: 6,
	finished: 12
};

// Callbacks that complete a waiting task's wait: its token rides them through the ready queue.
const WAKES: ReadonlySet<ReadyItem['what']> = new Set(['sleep_done', 'timeout', 'thread_done']);
const FINISHED: ReadonlySet<TaskStatus> = new Set(['done', 'failed', 'cancelled']);
// Awaitables that wait on one of the program's queues, locks, events, semaphores, conditions.
const PRIMITIVE_WAITS: ReadonlySet<Awaitable['kind']> = new Set([
	'queue_get',
	'queue_put',
	'lock',
	'event',
	'condition',
	'semaphore'
]);
// Awaitables whose operands are tasks: tasks waiting on the same ones wait together.
const ON_TASKS: ReadonlySet<Awaitable['kind']> = new Set([
	'task',
	'gather',
	'wait',
	'timeout',
	'taskgroup'
]);

function phaseOf(snapshot: Snapshot): MachinePhase {
	if (snapshot.iteration < 0) return 'start';
	if (snapshot.finished) return 'end';
	return snapshot.event?.kind === 'loop_iteration' ? 'poll' : 'run';
}

function groupKey(awaits: Awaitable, primitive: PrimitiveView | null): string {
	if (ON_TASKS.has(awaits.kind) && awaits.tasks?.length)
		return `${awaits.kind}:${awaits.tasks.join(',')}`;
	if (awaits.kind === 'thread' && awaits.worker !== undefined) return `thread:${awaits.worker}`;
	// Tasks waiting on two different locks wait apart.
	if (primitive) return `${awaits.kind}:${primitive.primitive.id}`;
	return awaits.kind;
}

/** The places a task rides an entry of: a ready-queue item, a timer, a worker's job. */
type RiddenPlace = 'ready' | 'timers' | 'threads';

/**
 * Seats each entry's task (`taskOf`) on it when it `fits` there and has no place yet, and says
 * which task rides each of the first `cap` entries. A task whose entry is past the cap still
 * sits in the place, at slot -1.
 */
function seat<T>(
	place: RiddenPlace,
	entries: readonly T[],
	cap: number,
	taskOf: (entry: T) => number | null,
	fits: (state: TaskState, entry: T) => boolean,
	states: readonly TaskState[],
	placed: Map<number, MachineToken>
): (number | null)[] {
	const riders: (number | null)[] = [];
	entries.forEach((entry, index) => {
		const task = taskOf(entry);
		const state = task === null ? undefined : states[task];
		let rider: number | null = null;
		if (state && !placed.has(state.id) && fits(state, entry)) {
			rider = state.id;
			placed.set(rider, {
				task: rider,
				place,
				slot: index < cap ? index : -1,
				group: -1,
				state: state.state
			});
		}
		if (index < cap) riders.push(rider);
	});
	return riders;
}

/**
 * The machine at `snapshot`: every place's entries and every task's token; with `primitives`
 * (the run's queues and locks at the same cursor), what each waiting group waits on.
 */
export function machineOf(
	snapshot: Snapshot,
	caps: MachineCaps = DEFAULT_CAPS,
	primitives: readonly PrimitiveView[] = []
): Machine {
	const states = snapshot.tasks;
	const tokens: MachineToken[] = [];
	const placed = new Map<number, MachineToken>();
	const put = (token: MachineToken): void => {
		placed.set(token.task, token);
	};

	// Running: the task whose step runs (or blocks the loop).
	let running: number | null = null;
	for (const state of states)
		if (state.state === 'running' || state.state === 'blocked') {
			running = state.id;
			put({ task: state.id, place: 'running', slot: 0, group: -1, state: state.state });
		}
	if (running === null && snapshot.running !== null) running = snapshot.running;

	// Ready: a ready task rides its step; a waiting task rides the callback that will wake it.
	// The model counts a sleeper ready once its timer has fired (the callback is queued), while
	// the loop still holds that callback rather than the task's step.
	const readyRiders = seat(
		'ready',
		snapshot.ready,
		caps.ready,
		(item) => item.task,
		(state, item) =>
			isStepItem(item)
				? state.state === 'ready' || state.state === 'created'
				: WAKES.has(item.what) && (state.state === 'waiting' || state.state === 'ready'),
		states,
		placed
	);
	const ready: MachineReadyEntry[] = readyRiders.map((rider, index) => {
		const item = snapshot.ready[index];
		return { item, rider, step: isStepItem(item) };
	});
	// A ready task whose step is past the recorder's list (cut at 50) is still in the queue.
	for (const state of states)
		if ((state.state === 'ready' || state.state === 'created') && !placed.has(state.id))
			put({ task: state.id, place: 'ready', slot: -1, group: -1, state: state.state });

	// Timers: a task asleep rides its timer, in firing order.
	const timerRiders = seat(
		'timers',
		snapshot.timers,
		caps.timers,
		(timer) => timer.task,
		(state) => state.state === 'waiting' && state.awaits?.kind === 'sleep',
		states,
		placed
	);
	const timers: MachineTimerEntry[] = timerRiders.map((rider, index) => {
		const timer = snapshot.timers[index];
		const wait = Math.max(timer.when - snapshot.t, 0);
		return { timer, rider, in: wait };
	});

	// Threads: a task awaiting to_thread / run_in_executor rides its worker's job.
	const threads: MachineThreadEntry[] = seat(
		'threads',
		snapshot.threads,
		caps.threads,
		(thread) => thread.task,
		(state) => state.state === 'waiting' && state.awaits?.kind === 'thread',
		states,
		placed
	).map((rider, index) => ({ thread: snapshot.threads[index], rider }));

	// Waiting: the rest of the waiting tasks, grouped by what they wait on.
	const groups = new Map<
		string,
		{ awaits: Awaitable; tasks: number[]; primitive: PrimitiveView | null }
	>();
	for (const state of states) {
		if (state.state !== 'waiting' || placed.has(state.id)) continue;
		const awaits: Awaitable = state.awaits ?? { kind: 'other', label: 'something' };
		const primitive = PRIMITIVE_WAITS.has(awaits.kind)
			? primitiveWaitedOn(primitives, state.id)
			: null;
		const key = groupKey(awaits, primitive);
		const group = groups.get(key);
		if (group) group.tasks.push(state.id);
		else groups.set(key, { awaits, tasks: [state.id], primitive });
	}
	const edges = groups.size ? awaitGraph(states).edges : [];
	const waiting: MachineWaitGroup[] = [];
	let waitingMore = 0;
	[...groups].forEach(([key, group], g) => {
		const shownGroup = g < caps.groups;
		group.tasks.forEach((task, k) =>
			put({
				task,
				place: 'waiting',
				slot: shownGroup && k < caps.perGroup ? k : -1,
				group: shownGroup ? g : -1,
				state: 'waiting'
			})
		);
		if (shownGroup)
			waiting.push({
				key,
				kind: group.awaits.kind,
				awaits: group.awaits,
				tasks: group.tasks.slice(0, caps.perGroup),
				more: Math.max(group.tasks.length - caps.perGroup, 0),
				awaited: [
					...new Set(
						edges.filter((edge) => group.tasks.includes(edge.waiter)).map((edge) => edge.task)
					)
				],
				primitive: group.primitive
			});
		else waitingMore += group.tasks.length;
	});
	const named = new Set(waiting.map((group) => group.primitive?.primitive.id));
	const values = primitives.filter((view) => view.state && !named.has(view.primitive.id));

	// Finished: set aside in the order they ended, the latest kept in view.
	const ended = states
		.filter((state) => FINISHED.has(state.state))
		.sort((a, b) => a.sinceSeq - b.sinceSeq || a.id - b.id);
	const finishedFrom = Math.max(ended.length - caps.finished, 0);
	ended.forEach((state, k) =>
		put({
			task: state.id,
			place: 'finished',
			slot: k >= finishedFrom ? k - finishedFrom : -1,
			group: -1,
			state: state.state
		})
	);

	for (const state of states) {
		const token = placed.get(state.id);
		if (token) tokens.push(token);
	}

	return {
		iteration: snapshot.iteration,
		t: snapshot.t,
		phase: phaseOf(snapshot),
		running,
		blocked: snapshot.blocking !== null,
		ready,
		readyMore: Math.max(snapshot.ready.length - caps.ready, 0),
		timers,
		timersMore: Math.max(snapshot.timers.length - caps.timers, 0),
		waiting,
		waitingMore,
		threads,
		threadsMore: Math.max(snapshot.threads.length - caps.threads, 0),
		finished: ended.slice(finishedFrom).map((state) => state.id),
		finishedMore: finishedFrom,
		values,
		tokens
	};
}
