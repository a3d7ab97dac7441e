import { describe, expect, it } from 'vitest';
import {
	labelColumnWidth,
	laneAtY,
	laneIndexByTask,
	laneWindow,
	longestLabel,
	scrollToReveal
} from './layout';

describe('laneWindow', () => {
	it('covers the lanes in sight plus an overscan on both sides', () => {
		const w = laneWindow(3200, 640, 32, 1000, 8);
		// In sight: lanes 100..120.
		expect(w.first).toBeLessThanOrEqual(100);
		expect(w.last).toBeGreaterThanOrEqual(120);
		expect(w.last - w.first).toBeLessThanOrEqual(20 + 4 * 8);
	});

	it('does not move for small scrolls', () => {
		expect(laneWindow(3300, 640, 32, 1000)).toEqual(laneWindow(3310, 640, 32, 1000));
	});

	it('stays within the lanes', () => {
		expect(laneWindow(0, 640, 32, 3)).toEqual({ first: 0, last: 3 });
		expect(laneWindow(99999, 640, 32, 10)).toEqual({ first: 10, last: 10 });
		expect(laneWindow(0, 640, 32, 0)).toEqual({ first: 0, last: 0 });
	});
});

describe('laneAtY', () => {
	it('finds the lane under a y offset', () => {
		expect(laneAtY(0, 32, 5)).toBe(0);
		expect(laneAtY(63.9, 32, 5)).toBe(1);
		expect(laneAtY(160, 32, 5)).toBe(-1);
		expect(laneAtY(-1, 32, 5)).toBe(-1);
	});
});

describe('scrollToReveal', () => {
	it('leaves a lane in sight alone', () => {
		expect(scrollToReveal(5, 0, 640, 32)).toBeNull();
	});

	it('scrolls up or down with a lane of context', () => {
		expect(scrollToReveal(10, 640, 640, 32)).toBe(288);
		expect(scrollToReveal(40, 0, 640, 32)).toBe(41 * 32 + 32 - 640);
	});
});

describe('labelColumnWidth', () => {
	it('fits the longest label within bounds', () => {
		expect(labelColumnWidth(['Task-1 · main()'], 9, 160, 360)).toBe(15 * 9 + 40);
		expect(labelColumnWidth(['x'], 9, 160, 360)).toBe(160);
		expect(labelColumnWidth(['x'.repeat(200)], 9, 160, 360)).toBe(360);
	});
});

describe('laneIndexByTask', () => {
	it('maps task ids to lane positions, skipping worker lanes', () => {
		const map = laneIndexByTask([
			{ kind: 'task', id: 0 },
			{ kind: 'task', id: 1 },
			{ kind: 'worker', id: 0 }
		]);
		expect([...map]).toEqual([
			[0, 0],
			[1, 1]
		]);
	});
});

describe('longestLabel', () => {
	it('finds the label longest in characters, not in code units', () => {
		const lanes = [
			{ label: 'Task-1 · main()' },
			{ label: '🐍🐍🐍🐍🐍🐍🐍🐍' },
			{ label: 'Task-22 · main()' }
		];
		expect(longestLabel(lanes)).toBe('Task-22 · main()');
		expect(longestLabel([])).toBe('');
	});
});
