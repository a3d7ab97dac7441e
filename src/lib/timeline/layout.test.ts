import { describe, expect, it } from 'vitest';
import { labelColumnWidth, laneIndexByTask, longestLabel, scrollToReveal } from './layout';

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
