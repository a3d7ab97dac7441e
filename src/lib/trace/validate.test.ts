import { describe, expect, it } from 'vitest';
import { parseTrace, validateTrace } from './validate';

const minimal = {
	format: 'loopscope-trace',
	version: 1,
	source: { filename: 'main.py', code: 'print(1)\n' },
	meta: { python: '3.14.2', pyodide: '314.0.7', recorder: '1' },
	tasks: [{ id: 0, name: 'Task-1', coro: 'main', label: 'main()', parent: null, line: 3 }],
	events: [
		{ seq: 0, t: 0, kind: 'task_created', task: 0 },
		{ seq: 1, t: 0, kind: 'stdout', task: 0, text: '1\n' }
	],
	result: { status: 'ok', duration: 0 }
};

describe('validateTrace', () => {
	it('accepts a minimal trace and fills defaults', () => {
		const result = validateTrace(structuredClone(minimal));
		expect(result.ok).toBe(true);
		if (result.ok) expect(result.trace.workers).toEqual([]);
	});

	it('names the field and what was expected', () => {
		const broken = structuredClone(minimal) as Record<string, unknown>;
		(broken.tasks as Array<Record<string, unknown>>)[0].name = 7;
		const result = validateTrace(broken);
		expect(result).toMatchObject({ ok: false });
		if (!result.ok) expect(result.error).toMatch(/^tasks\[0\]\.name: .*string/i);
	});

	it('rejects references to tasks that do not exist', () => {
		const broken = structuredClone(minimal);
		broken.events[1].task = 5;
		const result = validateTrace(broken);
		expect(result).toEqual({ ok: false, error: 'events[1].task: no task has id 5' });
	});

	it('says when a trace is newer than this build', () => {
		const result = validateTrace({ ...minimal, version: 9 });
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.error).toMatch(/version 9, newer/);
	});

	it('explains text that is not JSON', () => {
		const result = parseTrace('{"format":');
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.error).toMatch(/not valid JSON/);
	});
});
