import { describe, expect, it } from 'vitest';
import { NO_MARKS, marksAt, sameMarks } from './code-marks';
import type { Snapshot, TaskState } from './types';

type Tasks = Pick<Snapshot, 'tasks' | 'running' | 'line'>;

const task = (id: number, state: TaskState['state'], line: number | null): TaskState =>
	({ id, state, line }) as TaskState;

const trace = {
	tasks: [0, 1, 2, 3].map((id) => ({
		id,
		name: `Task-${id + 1}`,
		coro: 'worker',
		parent: null,
		line: 1
	})),
	result: { status: 'ok', duration: 1 }
} as Parameters<typeof marksAt>[1];

describe('marksAt', () => {
	it('gives one paused mark per line, its tasks in task order', () => {
		const snapshot: Tasks = {
			running: 0,
			line: 2,
			tasks: [
				task(0, 'running', 2),
				task(1, 'waiting', 5),
				task(2, 'waiting', 3),
				task(3, 'waiting', 5)
			]
		};
		expect(marksAt(snapshot, trace, false)).toEqual({
			current: 2,
			paused: [
				{ line: 5, names: ['Task-2', 'Task-4'] },
				{ line: 3, names: ['Task-3'] }
			],
			error: null
		});
	});
});

describe('sameMarks', () => {
	const marks = { current: 2, paused: [{ line: 5, names: ['Task-2', 'Task-4'] }], error: null };

	it('is true for equal marks in different objects', () => {
		expect(sameMarks(marks, structuredClone(marks))).toBe(true);
		expect(sameMarks(NO_MARKS, { current: null, paused: [], error: null })).toBe(true);
	});

	it('is false when the line, a name, a paused line or the error differs', () => {
		expect(sameMarks(marks, { ...marks, current: 3 })).toBe(false);
		expect(sameMarks(marks, { ...marks, error: 4 })).toBe(false);
		expect(sameMarks(marks, { ...marks, paused: [{ line: 5, names: ['Task-2'] }] })).toBe(false);
		expect(sameMarks(marks, { ...marks, paused: [{ line: 6, names: ['Task-2', 'Task-4'] }] })).toBe(
			false
		);
		expect(sameMarks(marks, { ...marks, paused: [] })).toBe(false);
	});

	it('compares the coaching line, a missing one as none', () => {
		expect(sameMarks(marks, { ...marks, coach: 7 })).toBe(false);
		expect(sameMarks({ ...marks, coach: 7 }, { ...marks, coach: 8 })).toBe(false);
		expect(sameMarks({ ...marks, coach: 7 }, { ...marks, coach: 7 })).toBe(true);
		expect(sameMarks(marks, { ...marks, coach: null })).toBe(true);
	});
});
