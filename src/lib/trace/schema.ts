/**
 * The trace contract, v2: the one source of truth for what a recorded run looks like.
 * v2 adds structured facts the model switches on (never on label text, which is display
 * only): what each ready-queue entry is (`what`), why each step starts (`cause`), who
 * cancels whom (`cancel` events), a TaskGroup's own awaitable kind, and the locals of the
 * innermost frame of a suspended task's chain. v1 traces are migrated on read (migrate.ts).
 * Types are inferred from the zod schema, so the runtime check and the compile-time
 * types cannot drift. Extra fields are allowed everywhere (`looseObject`) so that a
 * newer recorder can add detail without breaking older readers.
 */
import { z } from 'zod';
import { COACH_FACTS_MAX, PRIMITIVE_WAITERS_MAX, PRIMITIVES_MAX, QUEUE_ITEMS_MAX } from './limits';

/** The value of `format` in every trace. */
export const TRACE_FORMAT = 'loopscope-trace';
/** The schema version this build reads and writes. */
export const TRACE_VERSION = 2;

const taskId = z.number().int().nonnegative();
const line = z.number().int().nonnegative();
const seconds = z.number().finite().nonnegative();

/** One frame of an await chain: a coroutine and the line it is paused on. */
export const FrameSchema = z.looseObject({
	coro: z.string(),
	line: line.nullable(),
	// v2, innermost frame of a suspend's chain only: a few of its local variables as
	// [name, short repr] pairs, in the frame's order (pairs, so any name is safe as data).
	locals: z.array(z.tuple([z.string(), z.string()])).optional()
});

/**
 * The kinds of thing a suspended task can wait on. Their order is part of link format v1
 * (`compact.ts` writes a kind as its index): append only.
 */
export const AWAITABLE_KINDS = [
	'sleep', // asyncio.sleep(d > 0): `until` is its deadline
	'yield', // asyncio.sleep(0) or a bare yield: back of the ready queue at once
	'task', // another task: `tasks` = [that task]
	'gather', // asyncio.gather: `tasks` = its children, in argument order
	'wait', // asyncio.wait / as_completed: `tasks`
	'timeout', // asyncio.timeout / wait_for: `until`, and the task(s) it guards
	'queue_get',
	'queue_put',
	'lock',
	'event',
	'condition',
	'semaphore',
	'thread', // asyncio.to_thread / run_in_executor: `worker` lane
	'future', // a plain asyncio.Future
	'other',
	'taskgroup' // v2: the end of an `async with asyncio.TaskGroup()`: `tasks` = its children
] as const;

/**
 * What a suspended task waits on, down to the leaf.
 * `label` is always a short human text (`asyncio.sleep(0.5)`, `queue.get()`, `lock.acquire()`).
 */
export const AwaitableSchema = z.looseObject({
	kind: z.enum(AWAITABLE_KINDS),
	label: z.string(),
	tasks: z.array(taskId).optional(),
	until: seconds.optional(),
	worker: z.number().int().nonnegative().optional(),
	// The deadline of an enclosing asyncio.timeout / wait_for, when the leaf is something else.
	timeout: seconds.optional()
});

/**
 * What a ready-queue entry is (v2). A task's step: `start` (its first), `resume` (queued
 * directly: after asyncio.sleep(0) or a bare yield, or to throw in a cancellation) or
 * `wakeup` (what it awaited is done). A callback: `sleep_done` (a sleep's timer fired: it
 * completes the sleep of `task`), `timeout` (an asyncio.timeout / wait_for deadline of
 * `task` passed), `child_done` (a task `child` finished and `via` — gather, wait,
 * as_completed, taskgroup, shield — takes note), `thread_done` (a worker thread's result
 * arrives), `stop` (asyncio.run's main task is done: the loop stops), `callback` (anything
 * else: call_soon / call_later / a future's done-callback).
 */
export const READY_WHAT = [
	'start',
	'resume',
	'wakeup',
	'sleep_done',
	'timeout',
	'child_done',
	'thread_done',
	'stop',
	'callback'
] as const;

/** What notices a finished child through a `child_done` callback. */
export const CHILD_DONE_VIA = ['gather', 'wait', 'as_completed', 'taskgroup', 'shield'] as const;

/**
 * An entry of the loop's ready queue. `task` names the task the entry concerns: for a step,
 * the task that runs; for `sleep_done` / `timeout`, the task it will wake or cancel.
 * `label` is display text only.
 */
export const ReadyItemSchema = z.looseObject({
	task: taskId.nullable(),
	label: z.string(),
	what: z.enum(READY_WHAT),
	child: taskId.optional(), // child_done: the task that finished
	via: z.enum(CHILD_DONE_VIA).optional() // child_done: who takes note
});

/** How a task's pending cancellation was requested (v2 `cancel` events, `cancel` causes). */
export const CANCEL_VIA = [
	'call', // the program called task.cancel()
	'timeout', // an asyncio.timeout / wait_for deadline passed
	'taskgroup', // a TaskGroup cancels its body and its other children after a failure
	'gather', // a cancelled gather cancels its children
	'propagate', // the task awaiting it was cancelled, and the cancellation passes down
	'shutdown', // asyncio.run cancels the tasks still running when main returns
	'other'
] as const;

/** What an await hands back: a value, an exception raised, or a CancelledError. */
export const OUTCOMES = ['result', 'exception', 'cancelled'] as const;

const ErrorSchema = z.looseObject({ type: z.string(), message: z.string() });

/**
 * Why a task's step starts (v2, on every step_start):
 * - `start`: its coroutine's first step;
 * - `yield`: its step was queued directly (asyncio.sleep(0), a bare yield);
 * - `awaited`: what it awaited is done, and the await now `outcome`s: returns (`result`,
 *   `value` a short repr when it is a task's or a gather's), raises `error`
 *   (`exception`), or raises CancelledError because the awaited thing was cancelled
 *   (`cancelled`). `task`: the task whose end delivers it (the awaited task; for a gather
 *   that raises, the child whose exception it is);
 * - `cancel`: a cancellation requested by `by` (a task, or null: a callback) through `via`
 *   is thrown into it as CancelledError.
 */
export const CauseSchema = z.looseObject({
	kind: z.enum(['start', 'yield', 'awaited', 'cancel']),
	outcome: z.enum(OUTCOMES).optional(),
	task: taskId.optional(),
	value: z.string().optional(),
	error: ErrorSchema.optional(),
	by: taskId.nullable().optional(),
	via: z.enum(CANCEL_VIA).optional()
});

/** A scheduled timer: a sleeping task's wake-up, or a `call_later` callback. */
export const TimerSchema = z.looseObject({
	when: seconds,
	task: taskId.nullable(),
	label: z.string()
});

const base = { seq: z.number().int().nonnegative(), t: seconds };

// ---- Values, sync primitives and plain-def frames (recorder 2.2, issue 20) ----
// All optional: traces recorded before carry none of them and stay valid. The bounds are the
// recorder's (./limits.json, shared with loopscope_recorder/primitives.py): a trace from a
// link holding more is refused.

/** The kinds of sync primitive the recorder follows. */
export const PRIMITIVE_KINDS = ['queue', 'lock', 'semaphore', 'event', 'condition'] as const;

// A primitive's index in the trace's `primitives`.
const primitiveId = z
	.number()
	.int()
	.nonnegative()
	.max(PRIMITIVES_MAX - 1);

/** A queue, lock, semaphore, event or condition the program made; `id` is its index. */
export const PrimitiveSchema = z.looseObject({
	id: primitiveId,
	kind: z.enum(PRIMITIVE_KINDS),
	name: z.string(), // the variable the program keeps it in (`queue`, `self.lock`)
	line: line.nullable(), // where it was made
	maxsize: z.number().int().nonnegative().optional(), // a queue's; 0: unbounded
	bounded: z.boolean().optional() // a semaphore: a BoundedSemaphore
});

const waiters = z.array(taskId).max(PRIMITIVE_WAITERS_MAX);

/**
 * A primitive's whole state after a step that changed it. `waiters`: the tasks waiting on it,
 * in the order they will be woken (a queue's getters; a condition's wait()ers). A queue:
 * its first `items` (short reprs, front first), `size` in all, `putters` blocked on a full
 * queue. A lock or a condition's lock: `locked` and its `holder` (the task whose step took
 * it); a condition's `acquiring`: tasks waiting for its lock. A semaphore: its `value`. An
 * event: whether it is `set`.
 */
export const PrimitiveStateSchema = z.looseObject({
	id: primitiveId,
	waiters,
	items: z.array(z.string()).max(QUEUE_ITEMS_MAX).optional(),
	size: z.number().int().nonnegative().optional(),
	putters: waiters.optional(),
	locked: z.boolean().optional(),
	holder: taskId.nullable().optional(),
	acquiring: waiters.optional(),
	value: z.number().int().optional(),
	set: z.boolean().optional()
});

// On the event that ends a step (suspend, task_done): the primitives whose state it changed.
const syncField = { sync: z.array(PrimitiveStateSchema).max(PRIMITIVES_MAX).optional() };
// On coro_call / coro_return: `plain`, a plain `def` of the program called by the task's code
// (its frame is on the task's stack like an awaited coroutine's). On coro_return: `value`,
// the short repr of what the frame returns (a coroutine object reads `<coroutine object f>`).
const callFields = { plain: z.boolean().optional() };
const returnFields = { plain: z.boolean().optional(), value: z.string().optional() };

// ---- end of issue 20's block ----

// ---- Scopes and cancellation (issue #20): TaskGroups, timeouts, shield; what becomes of a
// CancelledError. Additive: traces without these events stay valid. ----

/** What kind of scope a `scope` event concerns. */
export const SCOPE_KINDS = ['taskgroup', 'timeout', 'shield'] as const;
/**
 * What happens to a scope: `enter` (the owner task enters `async with`, or awaits a shield),
 * `add` (it now covers task `child` too: a TaskGroup's create_task, a shield's inner task),
 * `deadline` (a timeout is rescheduled), `exit` (it is left).
 */
export const SCOPE_OPS = ['enter', 'add', 'deadline', 'exit'] as const;
/** What an `except` of the user's code did with a CancelledError. */
export const CAUGHT_OPS = ['caught', 'reraised'] as const;

const scopeId = z.number().int().nonnegative();
const cancelCount = z.number().int().nonnegative();

/** The scope events; ids (`scope`, `child`) are checked by validate.ts. */
const SCOPE_EVENTS = [
	// A scope of `task`: see SCOPE_OPS. On exit, `body` names what the block raised into it,
	// `error` what leaves it (TimeoutError, an ExceptionGroup, ...), `expired` whether a
	// timeout's deadline passed, `cancelling` the owner's cancelling() count afterwards.
	z.looseObject({
		...base,
		kind: z.literal('scope'),
		op: z.enum(SCOPE_OPS),
		task: taskId,
		scope: scopeId,
		scope_kind: z.enum(SCOPE_KINDS).optional(),
		label: z.string().optional(),
		// Loop time; below 0 for a deadline already past when set (asyncio.timeout_at(-1)).
		deadline: z.number().finite().nullable().optional(),
		child: taskId.optional(),
		body: z.string().optional(),
		error: ErrorSchema.optional(),
		expired: z.boolean().optional(),
		cancelling: cancelCount.nullable().optional(),
		line: line.nullable()
	}),
	// An `except` on `line` took a CancelledError (`caught`), or the handler raised it again
	// (`reraised`, `line` the raise); `cancelling`: the task's count then.
	z.looseObject({
		...base,
		kind: z.literal('cancel_caught'),
		task: taskId,
		op: z.enum(CAUGHT_OPS),
		line: line.nullable(),
		cancelling: cancelCount.nullable()
	}),
	// task.uncancel() (by the program, a timeout or a TaskGroup, running in `by`) left
	// `cancelling` requests.
	z.looseObject({
		...base,
		kind: z.literal('uncancel'),
		task: taskId,
		by: taskId.nullable(),
		cancelling: cancelCount,
		line: line.nullable()
	})
] as const;

/** Every event kind, discriminated by `kind`. */
export const EventSchema = z.discriminatedUnion('kind', [
	// A task was created (by `parent`, on `line` of the parent's code).
	z.looseObject({
		...base,
		kind: z.literal('task_created'),
		task: taskId,
		parent: taskId.nullable().optional(), // as in `tasks`, repeated for readers of the stream
		line: line.nullable().optional()
	}),
	// The loop starts an iteration: what is ready (FIFO) and which timers are pending.
	z.looseObject({
		...base,
		kind: z.literal('loop_iteration'),
		iteration: z.number().int().nonnegative(),
		ready: z.array(ReadyItemSchema),
		timers: z.array(TimerSchema),
		// Set when the lists were cut short (the recorder lists the first `listCap` of limits.json): the full sizes.
		readyCount: z.number().int().nonnegative().optional(),
		timerCount: z.number().int().nonnegative().optional()
	}),
	// The loop runs one step of a task. `first`: the coroutine starts rather than resumes.
	z.looseObject({
		...base,
		kind: z.literal('step_start'),
		task: taskId,
		first: z.boolean(),
		line: line.nullable(),
		cause: CauseSchema
	}),
	// The task's step ended because it awaits something that is not done yet.
	z.looseObject({
		...base,
		kind: z.literal('suspend'),
		task: taskId,
		line: line.nullable(),
		awaits: AwaitableSchema,
		chain: z.array(FrameSchema),
		...syncField
	}),
	// The task finished: returned, raised or was cancelled.
	z.looseObject({
		...base,
		kind: z.literal('task_done'),
		task: taskId,
		outcome: z.enum(['result', 'exception', 'cancelled']),
		value: z.string().optional(), // repr of the result, shortened
		error: ErrorSchema.optional(),
		line: line.nullable(),
		...syncField
	}),
	// v2: `task` is asked to cancel (task.cancel() on a task not yet done), by the task `by`
	// (null: a callback, such as a timeout's timer) through `via`, on `line` of the user's code.
	z.looseObject({
		...base,
		kind: z.literal('cancel'),
		task: taskId,
		by: taskId.nullable(),
		via: z.enum(CANCEL_VIA),
		line: line.nullable(),
		scope: scopeId.optional() // the TaskGroup or timeout that asks (a `scope` event's id)
	}),
	// A user coroutine awaits another coroutine directly (no new task) / a frame returns.
	z.looseObject({
		...base,
		kind: z.literal('coro_call'),
		task: taskId.nullable(),
		coro: z.string(),
		line: line.nullable(),
		...callFields
	}),
	z.looseObject({
		...base,
		kind: z.literal('coro_return'),
		task: taskId.nullable(),
		coro: z.string(),
		line: line.nullable(),
		// v2: the frame was left by this exception (its type) propagating, not by a return.
		raises: z.string().optional(),
		...returnFields
	}),
	// A line of user code starts to run.
	z.looseObject({ ...base, kind: z.literal('line'), task: taskId.nullable(), line }),
	// Text written to stdout/stderr, and who wrote it (null: outside any task).
	z.looseObject({
		...base,
		kind: z.literal('stdout'),
		task: taskId.nullable(),
		text: z.string(),
		stream: z.enum(['stdout', 'stderr']).optional(),
		// Printed by a to_thread / run_in_executor function on this worker lane (`task` handed it off).
		worker: z.number().int().nonnegative().optional()
	}),
	// A blocking call (time.sleep, a busy loop): the whole loop is stuck for `duration`.
	z.looseObject({
		...base,
		kind: z.literal('blocking'),
		task: taskId.nullable(),
		duration: seconds,
		label: z.string(),
		line: line.nullable()
	}),
	// A plain callback (call_soon / call_later / a future's done-callback) ran.
	z.looseObject({
		...base,
		kind: z.literal('callback'),
		label: z.string(),
		line: line.nullable()
	}),
	// Work handed to a thread (to_thread / run_in_executor) on worker lane `worker`.
	z.looseObject({
		...base,
		kind: z.literal('thread_start'),
		worker: z.number().int().nonnegative(),
		task: taskId.nullable(),
		label: z.string()
	}),
	z.looseObject({
		...base,
		kind: z.literal('thread_end'),
		worker: z.number().int().nonnegative(),
		task: taskId.nullable(),
		label: z.string()
	}),
	// Something the learner should know: a coroutine never awaited, a blocking call, a
	// behaviour that changed between the tutorials' Python and the one that ran the program
	// (version_change, recorder 2.1: `since` is that version, `fix` the modern way).
	z.looseObject({
		...base,
		kind: z.literal('warning'),
		task: taskId.nullable(),
		category: z.enum(['never_awaited', 'blocking', 'version_change', 'other']),
		message: z.string(),
		line: line.nullable(),
		since: z.string().optional(),
		fix: z.string().optional()
	}),
	...SCOPE_EVENTS
]);

/** One task of the run; `id` is its index in `tasks`. */
export const TaskSchema = z.looseObject({
	id: taskId,
	name: z.string(), // as asyncio names it: Task-1, Task-2, or the user's name=
	coro: z.string(), // the coroutine's qualified name: fetch_user
	label: z.string(), // the call as a learner reads it: fetch_user(2)
	parent: taskId.nullable(),
	line: line.nullable() // where it was created
});

/** A line of the user's traceback. */
export const TracebackFrameSchema = z.looseObject({ name: z.string(), line });

/** How the run ended. */
export const ResultSchema = z.looseObject({
	status: z.enum(['ok', 'error', 'limit', 'deadlock', 'timeout']),
	duration: seconds,
	message: z.string().optional(), // a plain-English sentence for every status but ok
	error: z
		.looseObject({
			type: z.string(),
			message: z.string(),
			line: line.nullable(),
			column: z.number().int().nullable().optional(), // 1-based, as Python counts
			traceback: z.array(TracebackFrameSchema),
			// The sub-exceptions of an ExceptionGroup (a TaskGroup's failures).
			exceptions: z.array(z.looseObject({ type: z.string(), message: z.string() })).optional()
		})
		.optional(),
	limit: z
		.looseObject({
			kind: z.enum(['events', 'output', 'time', 'line_budget']),
			line: line.nullable().optional()
		})
		.optional(),
	deadlock: z.array(z.looseObject({ task: taskId, awaits: AwaitableSchema.nullable() })).optional()
});

/** A worker lane for to_thread / run_in_executor work. */
export const WorkerSchema = z.looseObject({ id: z.number().int().nonnegative(), name: z.string() });

// --- Coaching (issue #20) ------------------------------------------------------------------

/**
 * What the recorder's parser (`coaching.py`, Python's `ast`) says of the program's shape, for
 * the coaching notes: an `await` in a plain `def` (`def`: that function), an `async def` with no
 * await of its own (`name`), a call of a coroutine function not awaited where it is made
 * (`name`, `use`, `scope`), `asyncio.create_task(...)` as a statement on its own (`call`),
 * `asyncio.run(...)` inside a function (`arg`: its argument's columns),
 * `asyncio.get_event_loop()` and `time.sleep(...)` (`scope`: `async`, `def` or `module`). Columns are 0-based characters of `line`; `end` only when the
 * node ends on that line. `kind` is a plain string so that a newer recorder's kinds still read.
 */
export const CoachFactSchema = z.looseObject({
	kind: z.string(),
	line: line.min(1),
	col: z.number().int().nonnegative().nullable().optional(),
	end: z.number().int().nonnegative().nullable().optional(),
	name: z.string().optional(),
	use: z.string().optional(),
	scope: z.string().optional(),
	call: z.string().optional(),
	arg: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]).optional(),
	def: z
		.looseObject({
			name: z.string(),
			line: line.min(1),
			col: z.number().int().nonnegative().nullable().optional()
		})
		.optional()
});

/** One coach fact of a trace. */
export type CoachFact = z.infer<typeof CoachFactSchema>;

// --- end of Coaching ------------------------------------------------------------------------

/** A whole recorded run. */
export const TraceSchema = z.looseObject({
	format: z.literal(TRACE_FORMAT),
	version: z.literal(TRACE_VERSION),
	source: z.looseObject({ filename: z.string(), code: z.string() }),
	meta: z.looseObject({ python: z.string(), pyodide: z.string().nullable(), recorder: z.string() }),
	tasks: z.array(TaskSchema),
	workers: z.array(WorkerSchema).default([]),
	events: z.array(EventSchema),
	result: ResultSchema,
	primitives: z.array(PrimitiveSchema).max(PRIMITIVES_MAX).optional(),
	coach: z.array(CoachFactSchema).max(COACH_FACTS_MAX).optional() // issue #20: the parser's facts (coaching.py)
});

/** A recorded run. */
export type Trace = z.infer<typeof TraceSchema>;
/** One event of a trace. */
export type TraceEvent = z.infer<typeof EventSchema>;
/** The kinds of event. */
export type EventKind = TraceEvent['kind'];
/** An event of one kind. */
export type EventOf<K extends EventKind> = Extract<TraceEvent, { kind: K }>;
/** A task of a trace. */
export type TraceTask = z.infer<typeof TaskSchema>;
/** Which Python (and Pyodide, or null under CPython) and which recorder made the trace. */
export type TraceMeta = Trace['meta'];
/** What a suspended task waits on. */
export type Awaitable = z.infer<typeof AwaitableSchema>;
/** A ready-queue entry. */
export type ReadyItem = z.infer<typeof ReadyItemSchema>;
/** A pending timer. */
export type Timer = z.infer<typeof TimerSchema>;
/** How a run ended. */
export type RunResult = z.infer<typeof ResultSchema>;
/** An await-chain frame. */
export type Frame = z.infer<typeof FrameSchema>;
/** Why a step starts. */
export type Cause = z.infer<typeof CauseSchema>;
/** What a ready-queue entry is. */
export type ReadyWhat = (typeof READY_WHAT)[number];
/** How a cancellation was requested. */
export type CancelVia = (typeof CANCEL_VIA)[number];
/** A sync primitive of the run. */
export type Primitive = z.infer<typeof PrimitiveSchema>;
/** A primitive's state after a step that changed it. */
export type PrimitiveState = z.infer<typeof PrimitiveStateSchema>;
/** The kinds of sync primitive. */
export type PrimitiveKind = (typeof PRIMITIVE_KINDS)[number];

/** What kind of scope. */
export type ScopeKind = (typeof SCOPE_KINDS)[number];
