/**
 * What the call stack panel shows at a cursor: whose stack (the selected task, else the one
 * running), its frames innermost first, as a debugger lists them, each with its line's code,
 * and the locals of the innermost frame.
 */
import type { Snapshot, TaskStatus } from '$lib/model';
import type { TraceEvent } from '$lib/trace/schema';

/** One row of the panel: a frame, innermost first. */
export interface StackRow {
	/** The coroutine's name, as Python qualifies it (`fetch_user`, `Worker.run`). */
	readonly name: string;
	/** The line the frame is on, or null when unknown. */
	readonly line: number | null;
	/** That line's code, trimmed; '' when unknown. */
	readonly code: string;
	/** A plain `def` called by the frame below it (else a coroutine). */
	readonly plain: boolean;
}

/** What the shown task was last handed back in its current step: by an await or a call. */
export interface ReturnedValue {
	/** Who handed it back: `get_user()` returned it, or the await of `gather(…)` did. */
	readonly from: string;
	/** Its short repr, as recorded (text, never markup). */
	readonly value: string;
	/** It is a coroutine object: its code has not run; it still has to be awaited. */
	readonly coroutine: boolean;
	/** The event that handed it back. */
	readonly seq: number;
}

/** The panel's content. */
export interface CallStackView {
	/** The task shown, or null when no task is selected or running. */
	readonly task: number | null;
	/** Why it is shown: the learner selected it, or it is the one running. */
	readonly reason: 'selected' | 'running' | null;
	readonly state: TaskStatus | null;
	/** The state in words: `running`, `waiting on asyncio.sleep(0.5)`, `ready to resume`. */
	readonly status: string;
	/** Innermost frame first. */
	readonly frames: readonly StackRow[];
	/** `[name, repr]` of the innermost frame's variables, as recorded (text, never markup). */
	readonly locals: readonly (readonly [string, string])[];
	/** The value it was last handed back in this step, if the trace has one. */
	readonly returned: ReturnedValue | null;
}

/** The panel at `snapshot`, for the selected task or else the running one. */
export function callStackView(
	snapshot: Pick<Snapshot, 'tasks' | 'running'> & Partial<Pick<Snapshot, 'cursor'>>,
	source: string,
	selected: number | null,
	events: readonly TraceEvent[] = []
): CallStackView {
	const task = selected ?? snapshot.running;
	const state = task === null ? undefined : snapshot.tasks[task];
	if (task === null || !state)
		return {
			task: null,
			reason: null,
			state: null,
			status: '',
			frames: [],
			locals: [],
			returned: null
		};
	const lines = source.split('\n');
	const frames = [...state.stack].reverse().map((frame) => ({
		name: frame.name,
		line: frame.line,
		code: frame.line !== null ? (lines[frame.line - 1]?.trim() ?? '') : '',
		plain: frame.plain === true
	}));
	return {
		task,
		reason: selected !== null ? 'selected' : 'running',
		state: state.state,
		status: statusWords(state.state, state.awaits?.label ?? null),
		frames,
		locals: state.stack.at(-1)?.locals ?? [],
		returned: snapshot.cursor === undefined ? null : returnedValue(events, snapshot.cursor, task)
	};
}

// How far back to look for the step's last value: a step is short, a pathological one is cut.
const LOOK_BACK = 400;

/**
 * The value `task` was last handed back up to event `cursor`, within its current step: a
 * frame's return (a directly awaited coroutine, a plain call), or what the await it resumed
 * from returned (a task's result, a gather's list). Null once it suspends again.
 */
export function returnedValue(
	events: readonly TraceEvent[],
	cursor: number,
	task: number
): ReturnedValue | null {
	const stop = Math.max(0, cursor - LOOK_BACK);
	for (let seq = Math.min(cursor, events.length - 1); seq >= stop; seq--) {
		const event = events[seq];
		if (!('task' in event) || event.task !== task) continue;
		switch (event.kind) {
			case 'coro_return':
				if (event.value === undefined) continue;
				return {
					from: `${event.coro}()`,
					value: event.value,
					coroutine: event.value.startsWith('<coroutine object '),
					seq
				};
			case 'step_start':
				if (event.cause.kind !== 'awaited' || event.cause.value === undefined) return null;
				return { from: 'the await', value: event.cause.value, coroutine: false, seq };
			case 'suspend':
			case 'task_done':
				return null;
		}
	}
	return null;
}

const STATUS: Record<TaskStatus, string> = {
	not_created: 'not created yet',
	created: 'created, not started',
	ready: 'ready to resume',
	running: 'running',
	waiting: 'waiting',
	blocked: 'blocking the loop',
	done: 'done',
	failed: 'failed',
	cancelled: 'cancelled'
};

function statusWords(state: TaskStatus, awaiting: string | null): string {
	return state === 'waiting' && awaiting ? `waiting on ${awaiting}` : STATUS[state];
}
