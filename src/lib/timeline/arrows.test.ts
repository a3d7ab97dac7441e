import { describe, expect, it } from 'vitest';
import { arrowInView, arrowPath, arrowsTouching } from './arrows';

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

describe('arrowsTouching', () => {
	const arrow = (fromTask: number, toTask: number) => ({ fromTask, toTask, x1: 0, x2: 1 });
	const list = [arrow(0, 1), arrow(0, 2), arrow(1, 0), arrow(2, 3), arrow(3, 3)];

	it('finds the arrows from or to the tasks, in list order, each once', () => {
		expect(arrowsTouching(list, [1])).toEqual([0, 2]);
		expect(arrowsTouching(list, [3, 1])).toEqual([0, 2, 3, 4]);
		expect(arrowsTouching(list, [0, 1])).toEqual([0, 1, 2]);
	});
	it('finds none for no task or a task without arrows', () => {
		expect(arrowsTouching(list, [])).toEqual([]);
		expect(arrowsTouching(list, [9])).toEqual([]);
	});
});
