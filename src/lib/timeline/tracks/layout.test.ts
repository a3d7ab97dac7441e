import { describe, expect, it } from 'vitest';
import { timelineMetrics, type TimelineMetrics } from '../metrics';
import { layoutTracks, trackAtY, trackWindow } from './layout';
import type { Track } from './track';

const m = timelineMetrics();

/** A track of a fixed height that draws nothing. */
function track(height: number | ((metrics: TimelineMetrics) => number)): Track {
	return {
		key: String(Math.random()),
		lane: { kind: 'task', id: 0, label: '', segments: [], createdAt: 0, endAt: 0 },
		height: (metrics) => (typeof height === 'number' ? height : height(metrics)),
		render: () => {},
		hitTest: () => null
	};
}

describe('layoutTracks', () => {
	it('stacks tracks each as tall as it says', () => {
		const layout = layoutTracks([track(10), track(30), track((x) => x.laneHeight)], m);
		expect(layout.tops).toEqual([0, 10, 40]);
		expect(layout.height).toBe(40 + m.laneHeight);
	});

	it('finds the track under a y, and none outside the stack', () => {
		const layout = layoutTracks([track(10), track(30), track(5)], m);
		expect([0, 9.9, 10, 39, 40, 44.9].map((y) => trackAtY(layout, y))).toEqual([0, 0, 1, 1, 2, 2]);
		expect(trackAtY(layout, 45)).toBe(-1);
		expect(trackAtY(layout, -1)).toBe(-1);
		expect(trackAtY(layout, Number.NaN)).toBe(-1);
	});
});

describe('trackWindow', () => {
	const lanes = (count: number) =>
		layoutTracks(
			Array.from({ length: count }, () => track(32)),
			m
		);

	it('covers the tracks in sight plus an overscan on both sides', () => {
		const w = trackWindow(lanes(1000), 3200, 640, 8);
		// In sight: tracks 100..120.
		expect(w.first).toBeLessThanOrEqual(100);
		expect(w.last).toBeGreaterThanOrEqual(120);
		expect(w.last - w.first).toBeLessThanOrEqual(20 + 4 * 8);
	});

	it('does not move for small scrolls', () => {
		expect(trackWindow(lanes(1000), 3300, 640)).toEqual(trackWindow(lanes(1000), 3310, 640));
	});

	it('stays within the tracks', () => {
		expect(trackWindow(lanes(3), 0, 640)).toEqual({ first: 0, last: 3 });
		expect(trackWindow(lanes(10), 99999, 640).last).toBe(10);
		expect(trackWindow(lanes(0), 0, 640)).toEqual({ first: 0, last: 0 });
	});

	it('finds the tracks in sight among tracks of different heights', () => {
		const layout = layoutTracks([track(100), track(10), track(10), track(100), track(10)], m);
		// Pixels 105–125 are tracks 1 to 3; with an overscan of 1, one more each side.
		expect(trackWindow(layout, 105, 20, 1)).toEqual({ first: 0, last: 5 });
		expect(trackWindow(layout, 0, 50, 1)).toEqual({ first: 0, last: 2 });
		expect(trackWindow(layoutTracks([], m), 0, 100)).toEqual({ first: 0, last: 0 });
	});
});
