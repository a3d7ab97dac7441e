/**
 * From a cursor to the replay state: start at the nearest checkpoint at or before it and
 * apply the few events in between.
 */
import type { TraceIndex } from './build-index';
import { lastAtOrBefore } from './geometry';
import { apply, cloneWorld, emptyWorld, type World } from './replay';

/** Clamps a cursor to 0..events.length-1 (0 for an empty trace). */
export function clampCursor(index: TraceIndex, cursor: number): number {
	const last = Math.max(0, index.length - 1);
	if (Number.isNaN(cursor)) return 0;
	return Math.min(Math.max(0, Math.floor(cursor)), last);
}

/** The replay state after event `cursor` (clamped): a private copy the caller may keep. */
export function worldAt(index: TraceIndex, cursor: number): World {
	const { checkpoints, checkpointSeqs, ctx } = index.tables;
	if (index.length === 0) return emptyWorld(index.trace.tasks.length);
	const at = clampCursor(index, cursor);
	const world = cloneWorld(checkpoints[lastAtOrBefore(checkpointSeqs, at)]);
	const events = index.trace.events;
	for (let i = world.seq + 1; i <= at; i++) apply(world, events[i], ctx);
	return world;
}
