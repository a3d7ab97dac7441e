/**
 * Two runs on one clock: which event of run B matches a cursor in run A, and a shared cursor
 * that steps through both runs' events in virtual-time order.
 *
 * Virtual time stands still through most events (everything at t = 0 happens "at once"), so
 * time alone cannot link two cursors. A cursor's *moment* adds where it sits among the events
 * that share its time: the k-th of m events at t is at fraction k/m. Run B's cursor for a
 * moment is its last event at or before it: before t, or among B's own events at t, the ones
 * up to the same fraction. So the bursts at one instant advance side by side, and each run
 * reaches the end of an instant (fraction 1) together.
 */
import { firstAfter, lastAtOrBefore } from './geometry';

// Virtual times of two runs that differ by less than this are the same instant: the recorder
// adds up floats, so 0.1 + 0.2 in one run and 0.3 in another are one moment.
const SAME_INSTANT = 1e-9;

/** A point in a run's virtual time: `t` seconds, `fraction` (0, 1] of the way through its events. */
export interface Moment {
	readonly t: number;
	readonly fraction: number;
}

/** The virtual time of every event of a run, ascending (as events are). */
export type EventTimes = ArrayLike<number>;

/** The event times of a trace's events, for the functions here. */
export function eventTimes(events: readonly { t: number }[]): Float64Array {
	return Float64Array.from(events, (event) => event.t);
}

// The events within SAME_INSTANT of t: [first, last], or first > last when there are none.
function instant(times: EventTimes, t: number): { first: number; last: number } {
	return {
		first: firstAfter(times, t - SAME_INSTANT),
		last: lastAtOrBefore(times, t + SAME_INSTANT)
	};
}

/** The moment of event `cursor` (clamped to the run); the start of time for an empty run. */
export function momentOf(times: EventTimes, cursor: number): Moment {
	if (times.length === 0) return { t: 0, fraction: 1 };
	const at = Math.min(Math.max(0, Math.floor(cursor)), times.length - 1);
	const { first, last } = instant(times, times[at]);
	return { t: times[at], fraction: (at - first + 1) / (last - first + 1) };
}

/**
 * The cursor of a run at a moment: its last event at or before it (0 when the moment comes
 * before the run's first event, so a cursor always names an event).
 */
export function cursorAt(times: EventTimes, moment: Moment): number {
	if (times.length === 0) return 0;
	const { first, last } = instant(times, moment.t);
	if (first > last) return Math.max(0, lastAtOrBefore(times, moment.t));
	const count = last - first + 1;
	// The events up to the fraction (a hair of tolerance: k/m · m must give back k).
	const upTo = Math.floor(moment.fraction * count + 1e-9);
	return Math.max(0, Math.min(last, first + upTo - 1));
}

/** Where two linked runs stand: one cursor each, and the virtual time they share. */
export interface LinkedPosition {
	readonly a: number;
	readonly b: number;
	readonly t: number;
}

/**
 * The shared cursor of two runs: every event of both, merged by moment. Position p names a
 * cursor in each run; the positions go forward one event at a time in either run (both at once
 * where both runs have an event at the same moment), so stepping it never skips an event.
 */
export interface LinkedTimeline {
	/** Number of positions (at least 1). */
	readonly length: number;
	/** Run A's cursor at each position. */
	readonly a: Int32Array;
	/** Run B's cursor at each position. */
	readonly b: Int32Array;
	/** The virtual time at each position, ascending. */
	readonly t: Float64Array;
}

// Every event's fraction through its instant (as momentOf gives it), in one sweep: the
// instant's first and last events only move forward. A binary search and a Moment per event
// cost ~300 ms for two runs of 100,000 events, in the task that opens Compare.
function fractionsOf(times: EventTimes): Float64Array {
	const n = times.length;
	const out = new Float64Array(n);
	let first = 0;
	let last = 0;
	for (let k = 0; k < n; k++) {
		const t = times[k];
		while (first < n && times[first] <= t - SAME_INSTANT) first++;
		if (last < k) last = k;
		while (last + 1 < n && times[last + 1] <= t + SAME_INSTANT) last++;
		out[k] = (k - first + 1) / (last - first + 1);
	}
	return out;
}

/** Links two runs by virtual time, from their event times. O(events of both). */
export function linkTimelines(timesA: EventTimes, timesB: EventTimes): LinkedTimeline {
	const fractionA = fractionsOf(timesA);
	const fractionB = fractionsOf(timesB);
	// Orders event i of A and event j of B by moment: by time, then by fraction.
	const order = (i: number, j: number): number => {
		const dt = timesA[i] - timesB[j];
		if (Math.abs(dt) > SAME_INSTANT) return dt;
		const df = fractionA[i] - fractionB[j];
		return Math.abs(df) < 1e-12 ? 0 : df;
	};
	// Both runs open on their first event (a cursor always names one), so position 0 is
	// both first events and the merge goes on from the second.
	const a: number[] = [0];
	const b: number[] = [0];
	const t: number[] = [Math.max(timesA[0] ?? 0, timesB[0] ?? 0)];
	let i = Math.min(1, timesA.length); // the next event of A to merge
	let j = Math.min(1, timesB.length);
	const nA = timesA.length;
	const nB = timesB.length;
	while (i < nA || j < nB) {
		const next = i >= nA ? 1 : j >= nB ? -1 : order(i, j);
		if (next <= 0) i++;
		if (next >= 0) j++;
		a.push(Math.max(0, i - 1));
		b.push(Math.max(0, j - 1));
		t.push(Math.max(timesA[Math.max(0, i - 1)] ?? 0, timesB[Math.max(0, j - 1)] ?? 0));
	}
	return {
		length: t.length,
		a: Int32Array.from(a),
		b: Int32Array.from(b),
		t: Float64Array.from(t)
	};
}

/** Clamps a position to the timeline. */
export function clampPosition(linked: LinkedTimeline, position: number): number {
	if (Number.isNaN(position)) return 0;
	return Math.min(Math.max(0, Math.floor(position)), linked.length - 1);
}

/** Both cursors and the time at a position (clamped). */
export function linkedAt(linked: LinkedTimeline, position: number): LinkedPosition {
	const p = clampPosition(linked, position);
	return { a: linked.a[p], b: linked.b[p], t: linked.t[p] };
}

/**
 * The position where run `run` reaches event `cursor`: the first position with that cursor,
 * so the other run stands where it was at that event's moment.
 */
export function positionOfCursor(linked: LinkedTimeline, run: 'a' | 'b', cursor: number): number {
	const cursors = linked[run];
	// Cursors are non-decreasing along the positions: the first position at or past `cursor`.
	let lo = 0;
	let hi = linked.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (cursors[mid] < cursor) lo = mid + 1;
		else hi = mid;
	}
	return Math.min(lo, linked.length - 1);
}

/**
 * The position at virtual time `t`: the last one at or before it, where both runs have done
 * everything they do by then (the first position when `t` comes before everything).
 */
export function positionAtTime(linked: LinkedTimeline, t: number): number {
	return Math.max(0, lastAtOrBefore(linked.t, t + SAME_INSTANT));
}
