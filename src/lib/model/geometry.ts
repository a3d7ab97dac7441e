/**
 * Positions of events on the two x-axes. `time`: x = the event's virtual time in seconds
 * (many events share one x). `step`: loop iteration k spans [k, k + 1] and its events are
 * spread evenly inside it, so the burst of steps at t = 0 is visible.
 */
import type { TraceIndex } from './build-index';
import type { Axis } from './types';

/** Where an axis ends: the run's duration (time), or the number of iterations (step). */
export function axisEnd(index: TraceIndex, axis: Axis): number {
	if (axis === 'time') return index.endTime;
	return index.length === 0 ? 0 : index.iterations;
}

/**
 * The x of event `seq` on an axis. `seq` may be `events.length`, meaning the end of the run
 * (where lanes of tasks still alive end); it is clamped to 0..events.length.
 */
export function xOf(index: TraceIndex, axis: Axis, seq: number): number {
	if (seq >= index.length) return axisEnd(index, axis);
	const at = Math.max(0, Math.floor(seq));
	return axis === 'time' ? index.tables.timeX[at] : index.tables.stepX[at];
}

/**
 * The event at x: the last event whose x is at or before it (the state of the world at
 * that point), clamped to 0..events.length-1. The inverse of {@link xOf} on the step axis;
 * on the time axis, the last of the events that share a time.
 */
export function seqAt(index: TraceIndex, axis: Axis, x: number): number {
	if (index.length === 0) return 0;
	const xs = axis === 'time' ? index.tables.timeX : index.tables.stepX;
	return Math.max(0, lastAtOrBefore(xs, x));
}

/** Index of the last element <= value in an ascending array, or -1. */
export function lastAtOrBefore(sorted: ArrayLike<number>, value: number): number {
	let lo = 0;
	let hi = sorted.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (sorted[mid] <= value) lo = mid + 1;
		else hi = mid;
	}
	return lo - 1;
}

/** Index of the first element > value in an ascending array, or the array's length. */
export function firstAfter(sorted: ArrayLike<number>, value: number): number {
	return lastAtOrBefore(sorted, value) + 1;
}
