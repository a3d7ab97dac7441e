/**
 * Navigation for the player. Each function returns a cursor; when there is nowhere to go
 * it returns the nearest sensible one (the start, the end, or the cursor itself).
 */
import type { TraceIndex } from './build-index';
import { clampCursor } from './cursor';
import { firstAfter, lastAtOrBefore } from './geometry';

/** The next loop_iteration after the cursor, or the last event if there is none. */
export function nextIteration(index: TraceIndex, cursor: number): number {
	const seqs = index.tables.iterationSeqs;
	const at = firstAfter(seqs, clampCursor(index, cursor));
	return at < seqs.length ? seqs[at] : Math.max(0, index.length - 1);
}

/**
 * The start of the iteration the cursor is in, or of the one before if the cursor is on
 * its start (like a player's "previous track"); 0 if there is none.
 */
export function prevIteration(index: TraceIndex, cursor: number): number {
	const seqs = index.tables.iterationSeqs;
	const at = lastAtOrBefore(seqs, clampCursor(index, cursor) - 1);
	return at >= 0 ? seqs[at] : 0;
}

/** The next event of `task` after the cursor, or the cursor itself if there is none. */
export function nextEventOfTask(index: TraceIndex, cursor: number, task: number): number {
	const at = clampCursor(index, cursor);
	const seqs = index.tables.taskEvents[task];
	if (!seqs) return at;
	const k = firstAfter(seqs, at);
	return k < seqs.length ? seqs[k] : at;
}

/** The previous event of `task` before the cursor, or the cursor itself if there is none. */
export function prevEventOfTask(index: TraceIndex, cursor: number, task: number): number {
	const at = clampCursor(index, cursor);
	const seqs = index.tables.taskEvents[task];
	if (!seqs) return at;
	const k = lastAtOrBefore(seqs, at - 1);
	return k >= 0 ? seqs[k] : at;
}
