import { describe, expect, it } from 'vitest';
import { taskName } from './task-name';

const tasks = [
	{ name: 'Task-1', label: 'main()' },
	{ name: 'Task-2', label: 'fetch_user(1)' },
	{ name: 'Task-3', label: 'worker()' },
	{ name: 'Task-4', label: 'worker()' },
	{ name: 'Task-5', label: '' }
];

describe('taskName', () => {
	it("names a task by what it runs, with asyncio's name where labels are shared", () => {
		expect(taskName(tasks, 1)).toBe('fetch_user(1)');
		expect(taskName(tasks, 2)).toBe('worker() (Task-3)');
		expect(taskName(tasks, 3)).toBe('worker() (Task-4)');
		expect(taskName(tasks, 4)).toBe('Task-5');
	});

	it("gives asyncio's name, or both", () => {
		expect(taskName(tasks, 1, 'asyncio')).toBe('Task-2');
		expect(taskName(tasks, 1, 'both')).toBe('Task-2 · fetch_user(1)');
	});

	it('says which task a trace lacks rather than throwing', () => {
		expect(taskName(tasks, 9)).toBe('task 9');
		expect(taskName(tasks, 9, 'both')).toBe('task 9');
	});
});
