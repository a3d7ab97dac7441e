import { describe, expect, it } from 'vitest';
import { recordedTrace as load } from '../trace/testing/recorded';
import {
	cursorAt,
	eventTimes,
	linkTimelines,
	linkedAt,
	momentOf,
	positionAtTime,
	positionOfCursor
} from './linked-cursors';

describe('moments and cursors', () => {
	const times = [0, 0, 0, 0, 0.5, 0.5, 1];

	it('a moment is the time and how far through that instant the event is', () => {
		expect(momentOf(times, 0)).toEqual({ t: 0, fraction: 0.25 });
		expect(momentOf(times, 3)).toEqual({ t: 0, fraction: 1 });
		expect(momentOf(times, 5)).toEqual({ t: 0.5, fraction: 1 });
		expect(momentOf(times, 6)).toEqual({ t: 1, fraction: 1 });
		expect(momentOf(times, 99)).toEqual({ t: 1, fraction: 1 });
	});

	it('every cursor maps back to itself', () => {
		for (let i = 0; i < times.length; i++) expect(cursorAt(times, momentOf(times, i))).toBe(i);
	});

	it('between instants, the cursor is the last event before', () => {
		expect(cursorAt(times, { t: 0.75, fraction: 0.5 })).toBe(5);
		expect(cursorAt(times, { t: 9, fraction: 0.1 })).toBe(6);
	});

	it('at a shared instant, the cursor goes the same fraction of the way through it', () => {
		expect(cursorAt(times, { t: 0, fraction: 0.5 })).toBe(1);
		expect(cursorAt(times, { t: 0, fraction: 0.1 })).toBe(0); // not started: the first event
		expect(cursorAt(times, { t: 0.5, fraction: 0.5 })).toBe(4);
		expect(cursorAt(times, { t: 0.5, fraction: 0.49 })).toBe(3); // the end of t = 0
		expect(cursorAt(times, { t: 0.1 + 0.2 + 0.2, fraction: 1 })).toBe(5); // float sums
	});

	it('an empty run has one cursor, 0', () => {
		expect(cursorAt([], { t: 1, fraction: 1 })).toBe(0);
		expect(momentOf([], 3)).toEqual({ t: 0, fraction: 1 });
	});
});

describe('two runs on one clock', () => {
	const a = eventTimes(load('get_users_one_by_one').events);
	const b = eventTimes(load('get_users_batch').events);
	const linked = linkTimelines(a, b);

	it('visits every event of both runs, in time order, each cursor never going back', () => {
		expect(new Set(linked.a).size).toBe(a.length);
		expect(new Set(linked.b).size).toBe(b.length);
		expect(linked.length).toBeLessThanOrEqual(a.length + b.length);
		for (let p = 1; p < linked.length; p++) {
			expect(linked.t[p]).toBeGreaterThanOrEqual(linked.t[p - 1]);
			expect(linked.a[p]).toBeGreaterThanOrEqual(linked.a[p - 1]);
			expect(linked.b[p]).toBeGreaterThanOrEqual(linked.b[p - 1]);
			// One step moves at least one run by exactly one event, and neither by more.
			const moved = [linked.a[p] - linked.a[p - 1], linked.b[p] - linked.b[p - 1]];
			expect(Math.max(...moved)).toBe(1);
		}
	});

	it('at every position, each cursor is the last event at or before the other one’s moment', () => {
		for (let p = 0; p < linked.length; p++) {
			const at = linkedAt(linked, p);
			expect(a[at.a]).toBeLessThanOrEqual(at.t + 1e-9);
			expect(b[at.b]).toBeLessThanOrEqual(at.t + 1e-9);
			// Both sit at the position's time, or the run has nothing at that time yet.
			expect(at.t).toBe(Math.max(a[at.a], b[at.b]));
		}
	});

	it('at 0.5 s, the gather run is done while the one-by-one run has just woken once', () => {
		const at = linkedAt(linked, positionAtTime(linked, 0.5));
		expect(at.b).toBe(b.length - 1);
		expect(a[at.a]).toBe(0.5);
		expect(a[at.a + 1]).toBeGreaterThan(0.5);
		expect(linkedAt(linked, positionAtTime(linked, 0.75)).a).toBe(at.a);
	});

	it('the position of a cursor moves that run to it and the other to the same moment', () => {
		// Position 0 is both runs' first event, whatever their moments.
		expect(linkedAt(linked, positionOfCursor(linked, 'a', 0))).toMatchObject({ a: 0, b: 0 });
		for (let cursor = 1; cursor < a.length; cursor++) {
			const at = linkedAt(linked, positionOfCursor(linked, 'a', cursor));
			expect(at.a).toBe(cursor);
			expect(at.b).toBe(cursorAt(b, momentOf(a, cursor)));
		}
	});

	it('positions are clamped', () => {
		expect(linkedAt(linked, -5)).toEqual(linkedAt(linked, 0));
		expect(linkedAt(linked, 1e9)).toEqual({ a: a.length - 1, b: b.length - 1, t: 1.5 });
		expect(linkedAt(linked, Number.NaN)).toEqual(linkedAt(linked, 0));
	});

	it('two empty runs still have one position', () => {
		expect(linkTimelines([], [])).toMatchObject({ length: 1 });
	});
});

describe('linking runs in one sweep', () => {
	// Times with bursts at one instant and sums that differ by float error (0.1 + 0.2 vs 0.3).
	const times = (seed: number, n: number): Float64Array => {
		let t = 0;
		let state = seed;
		return Float64Array.from({ length: n }, () => {
			state = (state * 1103515245 + 12345) % 2147483648;
			if (state % 3 === 0) t += state % 2 ? 0.1 + 0.2 : 0.3;
			return t;
		});
	};

	it('merges by the same moments momentOf gives, event by event', () => {
		const [timesA, timesB] = [times(1, 400), times(2, 300)];
		const linked = linkTimelines(timesA, timesB);
		for (let p = 1; p < linked.length; p++) {
			const [a, b] = [linked.a[p], linked.b[p]];
			// Each step moves one run, or both when their events share a moment.
			expect(a - linked.a[p - 1] + (b - linked.b[p - 1])).toBeGreaterThan(0);
			if (a > linked.a[p - 1] && b > linked.b[p - 1]) {
				const [x, y] = [momentOf(timesA, a), momentOf(timesB, b)];
				expect(Math.abs(x.t - y.t)).toBeLessThanOrEqual(1e-9);
				expect(x.fraction).toBeCloseTo(y.fraction, 12);
			}
		}
		expect([linked.a[linked.length - 1], linked.b[linked.length - 1]]).toEqual([399, 299]);
	});

	it('gives the positions a merge by momentOf at each step gives', () => {
		const [timesA, timesB] = [times(3, 500), times(4, 500)];
		// The merge as it was written first: a moment, with two binary searches, per step.
		const reference: [number, number][] = [[0, 0]];
		for (let i = 1, j = 1; i < 500 || j < 500;) {
			const [x, y] = [momentOf(timesA, i), momentOf(timesB, j)];
			const order =
				i >= 500
					? 1
					: j >= 500
						? -1
						: Math.abs(x.t - y.t) > 1e-9
							? x.t - y.t
							: Math.abs(x.fraction - y.fraction) < 1e-12
								? 0
								: x.fraction - y.fraction;
			if (order <= 0) i++;
			if (order >= 0) j++;
			reference.push([i - 1, j - 1]);
		}
		const linked = linkTimelines(timesA, timesB);
		expect(Array.from(linked.a, (a, p) => [a, linked.b[p]])).toEqual(reference);
	});
});
