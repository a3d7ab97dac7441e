/**
 * Which lines of the program to mark at a moment of a run: the line being run, the lines where
 * waiting coroutines are paused (with the tasks' names), and a line with an error. Pure, so the
 * session and presenter mode compute marks without an editor; the editor draws them
 * (`components/code-marks.ts`).
 */
import type { Trace } from '../trace/schema';
import { taskName } from './task-name';
import type { Snapshot } from './types';

/** What to mark. Lines are 1-based; lines outside the document are ignored. */
export interface CodeMarks {
	current: number | null;
	paused: Array<{ line: number; names: string[] }>;
	error: number | null;
}

/** No marks at all. */
export const NO_MARKS: CodeMarks = { current: null, paused: [], error: null };

/**
 * The marks for a moment of a run: the line running, the lines where waiting tasks are paused
 * (named), and at the end the line of the error or limit that stopped the run.
 */
export function marksAt(
	snapshot: Pick<Snapshot, 'tasks' | 'running' | 'line'>,
	trace: Pick<Trace, 'tasks' | 'result'>,
	atEnd: boolean
): CodeMarks {
	const paused = snapshot.tasks
		.filter((task) => task.state === 'waiting' && task.line !== null)
		.map((task) => ({
			line: task.line as number,
			names: [taskName(trace.tasks, task.id, 'asyncio')]
		}));
	return {
		current: snapshot.running !== null ? snapshot.line : null,
		paused,
		error: atEnd ? (trace.result.error?.line ?? trace.result.limit?.line ?? null) : null
	};
}
