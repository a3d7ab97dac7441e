/**
 * What the editor marks for a run at a cursor: the line being run, the lines where waiting
 * tasks are paused (with their names), and, at the end of a failed run, the line of the error.
 */
import type { Snapshot } from '$lib/model';
import type { Trace } from '$lib/trace/schema';
import type { CodeMarks } from './code-marks';

/** No marks: for code that is not the code of the run on screen. */
export const NO_MARKS: CodeMarks = { current: null, paused: [], error: null };

/** The marks for `trace` at `snapshot`; `atEnd` says whether the cursor is on the last event. */
export function marksAt(trace: Trace, snapshot: Snapshot, atEnd: boolean): CodeMarks {
	const paused = snapshot.tasks
		.filter((task) => task.state === 'waiting' && task.line !== null)
		.map((task) => ({ line: task.line!, names: [trace.tasks[task.id].name] }));
	return {
		current: snapshot.running !== null ? snapshot.line : null,
		paused,
		error: atEnd ? (trace.result.error?.line ?? trace.result.limit?.line ?? null) : null
	};
}
