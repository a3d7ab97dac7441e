import { describe, expect, it } from 'vitest';
import { arrowInView, arrowPath } from './arrows';

describe('arrowPath', () => {
	it('drops straight down from the bottom of the parent bar to the top of the child bar', () => {
		const a = arrowPath(0, 2, 100, 100, 32, 20);
		expect(a.d).toBe('M100,26V70');
		expect([a.headX, a.headY]).toEqual([100, 70]);
	});

	it('curves between different x, upwards when the target lane is above', () => {
		const a = arrowPath(3, 1, 300, 100, 32, 20, 1);
		expect(a.d.startsWith('M300,70C')).toBe(true);
		expect([a.headX, a.headY]).toEqual([100, 26]);
	});
});

describe('arrowInView', () => {
	it('keeps arrows crossing the lanes in view', () => {
		expect(arrowInView(0, 500, 10, 10, 100, 120, 800)).toBe(true);
		expect(arrowInView(0, 50, 10, 10, 100, 120, 800)).toBe(false);
		expect(arrowInView(100, 101, -50, -10, 100, 120, 800)).toBe(false);
	});
});
