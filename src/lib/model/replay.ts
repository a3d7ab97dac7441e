/**
 * The reducer: the state of the loop after one more event. Seeking replays it from the
 * nearest checkpoint, the index builds its checkpoints with it, and the tests replay it
 * from scratch, so there is exactly one definition of "what an event does".
 *
 * Task states are immutable objects: an event that changes a task replaces its entry in
 * `tasks`, so a checkpoint is a shallow copy of the array and snapshots share the rest.
 */
import type { Awaitable, Frame, ReadyItem, TraceEvent, TraceTask } from '../trace/schema';
import { isStepItem, ReadyQueue, ThreadList, TimerSet } from './queues';
import type { StackFrame, TaskState, TaskStatus } from './types';

/**
 * The mutable replay state. `tasks` entries are replaced, never mutated; `ready`, `timers`
 * and `threads` belong to this world and change in place (see `./queues.ts`).
 */
export interface World {
	/** Seq of the last event applied; -1 before the first. */
	seq: number;
	tasks: TaskState[];
	ready: ReadyQueue;
	timers: TimerSet;
	threads: ThreadList;
	running: number | null;
	line: number | null;
	iteration: number;
	/** The task frozen by the blocking event at `seq`, until the next event. */
	blockedTask: number | null;
	/** The ready entry the last `callback` event ran, if the queue held it. */
	callbackItem: ReadyItem | null;
}

/** What the reducer needs to know beyond the event itself. */
export interface ReplayContext {
	readonly tasks: readonly TraceTask[];
	/**
	 * For a task_done seq: the tasks that `await` that very task and are woken at once
	 * (a done task schedules its waiters' wake-ups with call_soon). Found by the index's
	 * pre-pass, so the reducer never scans every task.
	 */
	readonly wakes: ReadonlyMap<number, readonly number[]>;
}

/** Called when a task's state object is replaced (the index records lane transitions). */
export type TaskListener = (task: number, next: TaskState, seq: number) => void;

// States are replaced, never changed: every task not yet created can share one empty list (a
// run of 100,000 tasks would otherwise start with 200,000 of them).
const NONE: readonly never[] = Object.freeze([]);

/** The state of a task before its creation. */
export function unbornTask(id: number): TaskState {
	return {
		id,
		state: 'not_created',
		awaits: null,
		since: 0,
		sinceSeq: -1,
		until: null,
		line: null,
		chain: NONE,
		stack: NONE,
		cancelling: null,
		value: null,
		error: null
	};
}

/** The world before any event. */
export function emptyWorld(taskCount: number): World {
	return {
		seq: -1,
		tasks: Array.from({ length: taskCount }, (_, id) => unbornTask(id)),
		ready: new ReadyQueue(),
		timers: new TimerSet(),
		threads: new ThreadList(),
		running: null,
		line: null,
		iteration: -1,
		blockedTask: null,
		callbackItem: null
	};
}

/** A copy that later `apply` calls cannot disturb. */
export function cloneWorld(world: World): World {
	return {
		...world,
		tasks: world.tasks.slice(),
		ready: world.ready.clone(),
		timers: world.timers.clone(),
		threads: world.threads.clone()
	};
}

/** The task an event concerns, if any. */
export function eventTask(event: TraceEvent): number | null {
	switch (event.kind) {
		case 'loop_iteration':
		case 'callback':
			return null;
		default:
			return event.task;
	}
}

/** A queue entry the model adds itself: a task's step, labelled as the recorder labels it. */
function readyItemFor(
	ctx: ReplayContext,
	task: number,
	what: 'start' | 'resume' | 'wakeup'
): ReadyItem {
	const label = ctx.tasks[task]?.label ?? `task ${task}`;
	return { task, label: `${what === 'start' ? 'start' : 'resume'} ${label}`, what, inferred: true };
}

export { isStepItem };

/** A suspended task's call stack, from the await chain the recorder gave (outermost first). */
export function stackOf(chain: readonly Frame[]): readonly StackFrame[] {
	return chain.map((frame) => ({ name: frame.coro, line: frame.line, locals: frame.locals ?? [] }));
}

/** A task entering a new state at event (`t`, `seq`); one object shape for every task state. */
function moved(
	prev: TaskState,
	state: TaskStatus,
	t: number,
	seq: number,
	awaits: Awaitable | null,
	until: number | null,
	line: number | null,
	chain: readonly Frame[],
	stack: readonly StackFrame[] = prev.stack
): TaskState {
	// A cancellation stays pending through the step that receives it, until the task
	// suspends again or ends.
	const over = prev.state === 'running' && state !== 'running' && state !== 'blocked';
	return {
		id: prev.id,
		state,
		awaits,
		since: t,
		sinceSeq: seq,
		until,
		line,
		chain,
		stack,
		cancelling: over ? null : prev.cancelling,
		value: prev.value,
		error: prev.error
	};
}

/** The same task with another call stack (a coroutine called or returned inside its step). */
function withStack(prev: TaskState, stack: readonly StackFrame[]): TaskState {
	return { ...prev, stack };
}

function put(world: World, next: TaskState, seq: number, listen: TaskListener | undefined): void {
	world.tasks[next.id] = next;
	listen?.(next.id, next, seq);
}

/**
 * Applies one event to `world` in place. `event.seq` must be `world.seq + 1`.
 * `line` events do not touch task objects (they are nearly half of all events): the
 * running task's current line is `world.line`, and {@link taskStates} fills it in.
 */
export function apply(
	world: World,
	event: TraceEvent,
	ctx: ReplayContext,
	listen?: TaskListener
): void {
	const { t, seq } = event;
	const tasks = world.tasks;

	// A blocking call is a single event: the frozen task runs again from the first event
	// stamped at or after the call's end (a warning about the call is stamped at its start).
	if (world.blockedTask !== null) {
		const blocked = tasks[world.blockedTask];
		const during = blocked?.state === 'blocked' && blocked.until !== null && t < blocked.until;
		if (!during) {
			if (blocked?.state === 'blocked')
				put(world, moved(blocked, 'running', t, seq, null, null, blocked.line, []), seq, listen);
			world.blockedTask = null;
		}
	}

	switch (event.kind) {
		case 'task_created': {
			const prev = tasks[event.task];
			if (!prev) break; // an id the trace never declared: validation rejects it, be safe anyway
			put(world, moved(prev, 'created', t, seq, null, null, null, [], []), seq, listen);
			// Task.__init__ schedules the first step with call_soon.
			world.ready.push(readyItemFor(ctx, event.task, 'start'));
			break;
		}
		case 'loop_iteration': {
			const listed = new Set<number>();
			for (const item of event.ready)
				if (item.task !== null && (isStepItem(item) || item.what === 'sleep_done'))
					listed.add(item.task);
			// The loop's own list is the truth: a task the model thought ready but the loop
			// does not list goes back to waiting, and a waiting task it lists is ready.
			for (const item of world.ready.items()) {
				const prev = item.task !== null && !listed.has(item.task) ? tasks[item.task] : undefined;
				if (prev?.state === 'ready')
					put(
						world,
						moved(prev, 'waiting', t, seq, prev.awaits, prev.until, prev.line, prev.chain),
						seq,
						listen
					);
			}
			// A task whose sleep timer is due is as good as ready: the timer's callback, run
			// in this iteration, queues its wake-up for the next.
			for (const id of listed) {
				const prev = tasks[id];
				if (prev?.state === 'waiting')
					put(
						world,
						moved(prev, 'ready', t, seq, prev.awaits, null, prev.line, prev.chain),
						seq,
						listen
					);
			}
			stopRunning(world, t, seq, listen);
			world.ready = new ReadyQueue(event.ready);
			world.timers = new TimerSet(event.timers);
			world.iteration = event.iteration;
			break;
		}
		case 'step_start': {
			stopRunning(world, t, seq, listen);
			const prev = tasks[event.task];
			if (!prev) break;
			// FIFO: whatever was queued before this step has run (callbacks run silently).
			const ran: ReadyItem[] = [];
			world.ready.runThrough({ stepOf: event.task }, (item) => ran.push(item));
			for (const item of ran) ranSilently(world, item, ctx);
			// The sleep it resumes from has fired; a pending timeout stays.
			world.timers.removeOf(event.task, t);
			const line = event.line ?? prev.line;
			// A first step starts the task's own coroutine; a later one resumes the stack it
			// suspended with.
			const stack =
				event.first || prev.stack.length === 0
					? [{ name: ctx.tasks[event.task]?.coro ?? '?', line, locals: [] }]
					: prev.stack;
			put(world, moved(prev, 'running', t, seq, null, null, line, [], stack), seq, listen);
			world.running = event.task;
			world.line = line;
			break;
		}
		case 'suspend': {
			const prev = tasks[event.task];
			if (!prev) break;
			const awaits = event.awaits;
			const yields = awaits.kind === 'yield';
			const state = yields ? 'ready' : 'waiting';
			put(
				world,
				moved(
					prev,
					state,
					t,
					seq,
					awaits,
					awaits.until ?? null,
					event.line,
					event.chain,
					stackOf(event.chain)
				),
				seq,
				listen
			);
			// A bare yield puts the task's next step straight back on the ready queue.
			if (yields) world.ready.push(readyItemFor(ctx, event.task, 'resume'));
			const until = awaits.until;
			if (
				until !== undefined &&
				(awaits.kind === 'sleep' || awaits.kind === 'timeout') &&
				!world.timers.has(event.task, until)
			)
				world.timers.add({
					when: until,
					task: event.task,
					label: awaits.label,
					inferred: true
				});
			if (world.running === event.task) world.running = null;
			if (event.line !== null) world.line = event.line;
			break;
		}
		case 'task_done': {
			const prev = tasks[event.task];
			if (!prev) break;
			const state =
				event.outcome === 'result'
					? 'done'
					: event.outcome === 'exception'
						? 'failed'
						: 'cancelled';
			const line = event.line ?? (world.running === event.task ? world.line : prev.line);
			const next = moved(prev, state, t, seq, null, null, line, [], []);
			put(
				world,
				{
					...next,
					value: event.value ?? null,
					error: event.error ? { type: event.error.type, message: event.error.message } : null
				},
				seq,
				listen
			);
			if (world.running === event.task) world.running = null;
			world.ready.removeAll(event.task);
			world.timers.removeOf(event.task);
			for (const waiter of ctx.wakes.get(seq) ?? []) {
				const before = tasks[waiter];
				if (before?.state !== 'waiting') continue;
				put(
					world,
					moved(before, 'ready', t, seq, before.awaits, null, before.line, before.chain),
					seq,
					listen
				);
				world.ready.push(readyItemFor(ctx, waiter, 'wakeup'));
			}
			if (event.line !== null) world.line = event.line;
			break;
		}
		case 'line':
			world.line = event.line;
			break;
		case 'blocking': {
			const prev = event.task !== null ? tasks[event.task] : undefined;
			const line = event.line ?? world.line;
			if (prev) {
				put(world, moved(prev, 'blocked', t, seq, null, t + event.duration, line, []), seq, listen);
				world.blockedTask = prev.id;
			}
			world.line = line;
			break;
		}
		case 'callback': {
			stopRunning(world, t, seq, listen);
			// The recorder reports the program's own callbacks: the first plain callback queued.
			const ran: ReadyItem[] = [];
			world.ready.runThrough({ callback: true }, (item) => ran.push(item));
			for (const item of ran) ranSilently(world, item, ctx);
			world.callbackItem = ran.findLast((item) => !isStepItem(item)) ?? null;
			if (event.line !== null) world.line = event.line;
			break;
		}
		case 'coro_call': {
			// A coroutine awaited directly starts inside the running task: a new frame on top.
			const prev =
				event.task !== null && event.task === world.running ? tasks[event.task] : undefined;
			if (!prev) break;
			const top = prev.stack[prev.stack.length - 1];
			// The task's own coroutine starting (older traces report it too) is not a new frame.
			if (top && top.name === event.coro && prev.stack.length === 1 && top.line === event.line)
				break;
			const below = top ? [...prev.stack.slice(0, -1), { ...top, line: world.line }] : [];
			const frame: StackFrame = event.plain
				? { name: event.coro, line: event.line, locals: [], plain: true }
				: { name: event.coro, line: event.line, locals: [] };
			put(world, withStack(prev, [...below, frame]), seq, listen);
			break;
		}
		case 'coro_return': {
			const prev =
				event.task !== null && event.task === world.running ? tasks[event.task] : undefined;
			if (prev && prev.stack.length > 1) {
				const stack = prev.stack.slice(0, -1);
				put(world, withStack(prev, stack), seq, listen);
				// Back in the caller, in the middle of the line that called (no line event says so).
				world.line = stack[stack.length - 1].line ?? world.line;
			}
			break;
		}
		case 'thread_start': {
			world.threads.start({
				worker: event.worker,
				task: event.task,
				label: event.label,
				since: t,
				sinceSeq: seq
			});
			break;
		}
		case 'thread_end': {
			world.threads.end(event.worker);
			break;
		}
		case 'cancel': {
			const prev = tasks[event.task];
			if (prev && !prev.cancelling)
				put(world, { ...prev, cancelling: { by: event.by, via: event.via, seq } }, seq, listen);
			break;
		}
		case 'stdout':
		case 'warning':
			break;
	}
	world.seq = seq;
}

/** The task states to show: as stored, with the running (or blocked) task on its current line. */
export function taskStates(world: World): TaskState[] {
	const tasks = world.tasks.slice();
	const running = world.running !== null ? tasks[world.running] : undefined;
	if (
		running &&
		(running.state === 'running' || running.state === 'blocked') &&
		running.line !== world.line
	) {
		// The line being run is the top frame's.
		const stack = running.stack.slice();
		const top = stack[stack.length - 1];
		if (top) stack[stack.length - 1] = { ...top, line: world.line };
		tasks[running.id] = { ...running, line: world.line, stack };
	}
	return tasks;
}

/**
 * An entry the loop ran without an event of its own: a sleep's timer callback completes the
 * sleep, which queues the sleeping task's wake-up.
 */
function ranSilently(world: World, item: ReadyItem, ctx: ReplayContext): void {
	if (item.what !== 'sleep_done' || item.task === null) return;
	const sleeper = world.tasks[item.task];
	if (sleeper?.state === 'ready' || sleeper?.state === 'waiting')
		world.ready.push(readyItemFor(ctx, item.task, 'wakeup'));
}

/**
 * The loop only starts something new once the current step has ended; if the recorder
 * missed the end of a step, park the task as waiting on nothing rather than show two
 * running tasks.
 */
function stopRunning(world: World, t: number, seq: number, listen: TaskListener | undefined): void {
	const running = world.running;
	if (running === null) return;
	const prev = world.tasks[running];
	if (prev?.state === 'running')
		put(world, moved(prev, 'waiting', t, seq, null, null, world.line, []), seq, listen);
	world.running = null;
}
