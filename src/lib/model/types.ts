/**
 * The shapes the model hands to the UI. Everything here is a plain, read-only value
 * derived from `(trace, cursor)`: views may keep references but must not mutate them,
 * because snapshots share unchanged parts with the index's checkpoints.
 *
 * Call stacks, for a per-task stack panel: `snapshot.tasks[id].stack` is that task's
 * frames at the cursor, OUTERMOST FIRST (the task's own coroutine, then each coroutine it
 * awaits directly); the last entry is the frame that runs or is paused.
 *
 *     stack: readonly StackFrame[]
 *     StackFrame = { name: 'fetch_user', line: 6, locals: [['user_id', '2'], ['delay', '0.5']] }
 *
 * - `name`: the coroutine's qualified name (`fetch_user`, `Worker.run`).
 * - `line`: the line the frame is on; for the running task's top frame, the line being run
 *   (the same as `TaskState.line`); null when unknown.
 * - `locals`: up to 6 `[name, short repr]` pairs (each repr at most 40 characters) of the
 *   frame's variables, recorded when the task suspends, so they show for the innermost
 *   frame of a waiting or ready task; `[]` for other frames, for the running task's frames
 *   entered since it resumed, and in traces recorded before v2. Render them as text.
 * - Empty for a task not started yet, a finished one, or one whose coroutine is not the
 *   program's own (a task wrapping asyncio.sleep, say).
 */
import type { Awaitable, CancelVia, Frame, ReadyItem, Timer, TraceEvent } from '../trace/schema';

/** The two x-axes of the timeline: virtual seconds, or loop iterations of width 1. */
export type Axis = 'time' | 'step';

/**
 * Where a task is in its life at a cursor.
 * `not_created`: its `task_created` event is still ahead; `created`: it exists and its
 * first step is queued but its coroutine has not started; `blocked`: it is running a
 * blocking call (time.sleep) that freezes the whole loop.
 */
export type TaskStatus =
	| 'not_created'
	| 'created'
	| 'ready'
	| 'running'
	| 'waiting'
	| 'blocked'
	| 'done'
	| 'failed'
	| 'cancelled';

/** One frame of a task's call stack (see the comment at the top of this file). */
export interface StackFrame {
	readonly name: string;
	readonly line: number | null;
	readonly locals: readonly (readonly [string, string])[];
	/** A plain `def` of the program called by the frame below it (absent: a coroutine). */
	readonly plain?: true;
}

/** One task's state at a cursor. */
export interface TaskState {
	readonly id: number;
	readonly state: TaskStatus;
	/**
	 * What it waits on while `waiting`; for a `ready` task, what it last waited on (now
	 * satisfied, or `yield` after asyncio.sleep(0)); null otherwise.
	 */
	readonly awaits: Awaitable | null;
	/** Virtual time (s) at which it entered this state. */
	readonly since: number;
	/** Seq of the event that put it in this state (-1 before its creation). */
	readonly sinceSeq: number;
	/** Deadline (s) of a sleep or timeout it waits on, or the end of a blocking call; else null. */
	readonly until: number | null;
	/** The line it runs, is paused on, or ended on; null before its code starts. */
	readonly line: number | null;
	/** The await chain of a waiting task, as the recorder gave it; empty otherwise. */
	readonly chain: readonly Frame[];
	/** Its call stack, outermost first (see the top of this file). */
	readonly stack: readonly StackFrame[];
	/**
	 * A cancellation asked for (task.cancel(), a timeout, a TaskGroup) and not yet handled:
	 * set from the `cancel` event through the step that receives the CancelledError, until
	 * the task suspends again or ends. `by`: the task that asked, or null (a callback).
	 */
	readonly cancelling: {
		readonly by: number | null;
		readonly via: CancelVia;
		readonly seq: number;
	} | null;
	/** repr of the result of a `done` task. */
	readonly value: string | null;
	/** The exception of a `failed` task. */
	readonly error: { readonly type: string; readonly message: string } | null;
}

/** A line of program output (one `print`, or pieces written without a newline, joined). */
export interface OutputLine {
	/** The text, without its trailing newline. */
	readonly text: string;
	/** The task that wrote it; null outside any task. */
	readonly task: number | null;
	readonly stream: 'stdout' | 'stderr';
	/** Seq of the event that started the line. */
	readonly seq: number;
}

/** Work running on a worker thread (to_thread / run_in_executor). */
export interface ActiveThread {
	readonly worker: number;
	readonly task: number | null;
	readonly label: string;
	readonly since: number;
	readonly sinceSeq: number;
}

/** A blocking call in progress at the cursor: the whole loop is frozen. */
export interface Blocking {
	readonly task: number | null;
	readonly label: string;
	readonly line: number | null;
	readonly start: number;
	readonly end: number;
	readonly seq: number;
}

/** The whole state of the world at one event. */
export interface Snapshot {
	/** The event index, clamped to 0..events.length-1. */
	readonly cursor: number;
	readonly event: TraceEvent | null;
	/** Virtual time (s) of the event. */
	readonly t: number;
	/** The `iteration` of the latest loop_iteration at or before the cursor; -1 before the loop starts. */
	readonly iteration: number;
	/** The task whose step is running, or null (the loop itself, or a plain callback). */
	readonly running: number | null;
	/** The line being run: the running task's, else that of the last event that named one. */
	readonly line: number | null;
	/** One per trace.tasks, same order. */
	readonly tasks: readonly TaskState[];
	/**
	 * The ready queue (FIFO) from the latest loop_iteration, minus what has run since, plus
	 * what the model knows was queued since (items it added carry `inferred: true`).
	 */
	readonly ready: readonly ReadyItem[];
	/** Pending timers in firing order, kept up to date the same way as `ready`. */
	readonly timers: readonly Timer[];
	/** Output printed up to and including the cursor. */
	readonly output: readonly OutputLine[];
	/** Work in flight on worker threads. */
	readonly threads: readonly ActiveThread[];
	/** The blocking call the cursor is on, if it is on one. */
	readonly blocking: Blocking | null;
	/** One sentence (two at the last event: the run's outcome) describing the event. */
	readonly narration: string;
	/** The cursor is on the last event. */
	readonly finished: boolean;
}

/** A state a lane segment can show. */
export type SegmentState = 'ready' | 'running' | 'waiting' | 'blocked';

/** A stretch of one lane in one state. `start`/`end` are in the axis' units. */
export interface Segment {
	readonly state: SegmentState;
	readonly start: number;
	readonly end: number;
	/** Seq of the event that began it. */
	readonly startSeq: number;
	/** Seq of the event that ended it; events.length if it lasts to the end of the run. */
	readonly endSeq: number;
	/** For `waiting` (and `ready` after a wake-up): what the task waits on. */
	readonly awaits?: Awaitable;
	/** Worker segments and blocked segments: what runs. */
	readonly label?: string;
	/** Worker segments: the task that handed the work over. */
	readonly task?: number | null;
}

/** One row of the timeline. */
export interface Lane {
	readonly kind: 'task' | 'worker';
	/** The task id, or the worker id. */
	readonly id: number;
	/** 'Task-2 · fetch_user(2)', or the worker's name. */
	readonly label: string;
	readonly segments: readonly Segment[];
	/** Where the lane begins (task creation, first work) in axis units. */
	readonly createdAt: number;
	/** Where it ends (task end, or the end of the run) in axis units. */
	readonly endAt: number;
}

/**
 * An arrow between lanes: `spawn` from a parent to the child it creates (same seq);
 * `collect` from a finished child to the step where the task that awaited it resumes.
 */
export interface Arrow {
	readonly kind: 'spawn' | 'collect';
	readonly fromTask: number;
	readonly toTask: number;
	readonly fromSeq: number;
	readonly toSeq: number;
	/** Axis positions of the two ends. */
	readonly x1: number;
	readonly x2: number;
	/** For `collect`: how the waiter awaited the child (gather, task, wait, timeout). */
	readonly via?: Awaitable['kind'];
}

/** A stretch during which the whole loop is frozen by a blocking call. */
export interface BlockedInterval {
	readonly task: number | null;
	readonly label: string;
	readonly line: number | null;
	readonly seq: number;
	/** Axis positions. */
	readonly start: number;
	readonly end: number;
}
