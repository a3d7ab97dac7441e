/**
 * What the call stack panel shows at a cursor: whose stack (the selected task, else the one
 * running), its frames innermost first, as a debugger lists them, each with its line's code,
 * and the locals of the innermost frame.
 */
import type { Snapshot, TaskStatus } from '$lib/model';

/** One row of the panel: a frame, innermost first. */
export interface StackRow {
	/** The coroutine's name, as Python qualifies it (`fetch_user`, `Worker.run`). */
	readonly name: string;
	/** The line the frame is on, or null when unknown. */
	readonly line: number | null;
	/** That line's code, trimmed; '' when unknown. */
	readonly code: string;
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
}

/** The panel at `snapshot`, for the selected task or else the running one. */
export function callStackView(
	snapshot: Pick<Snapshot, 'tasks' | 'running'>,
	source: string,
	selected: number | null
): CallStackView {
	const task = selected ?? snapshot.running;
	const state = task === null ? undefined : snapshot.tasks[task];
	if (task === null || !state)
		return { task: null, reason: null, state: null, status: '', frames: [], locals: [] };
	const lines = source.split('\n');
	const frames = [...state.stack].reverse().map((frame) => ({
		name: frame.name,
		line: frame.line,
		code: frame.line !== null ? (lines[frame.line - 1]?.trim() ?? '') : ''
	}));
	return {
		task,
		reason: selected !== null ? 'selected' : 'running',
		state: state.state,
		status: statusWords(state.state, state.awaits?.label ?? null),
		frames,
		locals: state.stack.at(-1)?.locals ?? []
	};
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
