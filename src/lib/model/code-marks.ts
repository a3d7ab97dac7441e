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
	/** One entry per line (from {@link marksAt}), the tasks paused there in task order. */
	paused: Array<{ line: number; names: string[] }>;
	error: number | null;
	/** The line of the coaching note shown (`model/coaching.ts`), or null / absent. */
	coach?: number | null;
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
	// One mark per line, its tasks in the snapshot's order: a run can pause hundreds of tasks on
	// one line, and the editor draws one badge per line.
	const byLine = new Map<number, string[]>();
	for (const task of snapshot.tasks) {
		if (task.state !== 'waiting' || task.line === null) continue;
		const name = taskName(trace.tasks, task.id, 'asyncio');
		const names = byLine.get(task.line);
		if (names) names.push(name);
		else byLine.set(task.line, [name]);
	}
	const paused = [...byLine].map(([line, names]) => ({ line, names }));
	return {
		current: snapshot.running !== null ? snapshot.line : null,
		paused,
		error: atEnd ? (trace.result.error?.line ?? trace.result.limit?.line ?? null) : null
	};
}

/**
 * Whether two sets of marks mark the same lines with the same names: a seek that lands on the
 * same marks need not touch the editor (each editor update reads the DOM selection, which forces
 * a layout of the whole page).
 */
export function sameMarks(a: CodeMarks, b: CodeMarks): boolean {
	if (a === b) return true;
	if (a.current !== b.current || a.error !== b.error || a.paused.length !== b.paused.length)
		return false;
	if ((a.coach ?? null) !== (b.coach ?? null)) return false;
	return a.paused.every((mark, i) => {
		const other = b.paused[i];
		return (
			mark.line === other.line &&
			mark.names.length === other.names.length &&
			mark.names.every((name, j) => name === other.names[j])
		);
	});
}
