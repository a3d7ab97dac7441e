/**
 * The recorder bounds the program's own text as it bounds output: a task's name, its
 * coroutine's name, a thread job's label and an exception's message are clipped with
 * `…(N more characters)` to the lengths Loopscope opens. Recorded on CPython (the package is
 * standard-library Python), so no browser or Pyodide is needed.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_CHARS, MAX_NAME_CHARS } from '../trace/limits';
import { validateTrace } from '../trace/validate';

const python = process.env.PYTHON ?? 'python3';

const HARNESS = `
import sys
sys.dont_write_bytecode = True
sys.path.insert(0, sys.argv[1])
import loopscope_recorder
sys.__stdout__.write(loopscope_recorder.record(sys.stdin.read(), "main.py"))
`;

function record(code: string): Record<string, unknown> & {
	tasks: { name: string; coro: string }[];
	events: Record<string, unknown>[];
	result: { error?: { message: string } };
} {
	const out = execFileSync(python, ['-c', HARNESS, import.meta.dirname], {
		input: code,
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024
	});
	return JSON.parse(out);
}

const clipped = /^x+\u2026\([\d,]+ more characters\)$/;

describe('the recorder clips the text a program makes', () => {
	it('clips a task named with 50 MB, keeping the trace one Loopscope opens', () => {
		const trace = record(
			[
				'import asyncio',
				'async def c():',
				'    pass',
				'async def main():',
				// The loop's own create_task names the task as it makes it, on every Python.
				"    await asyncio.get_running_loop().create_task(c(), name='x' * 50_000_000)",
				'asyncio.run(main())'
			].join('\n')
		);
		const name = trace.tasks[1].name;
		expect(name.length).toBeLessThanOrEqual(MAX_NAME_CHARS);
		expect(name).toMatch(clipped);
		expect(name).toContain('more characters)');
		expect(Number(name.replace(/.*\u2026\(([\d,]+) more.*/, '$1').replace(/,/g, ''))).toBe(
			50_000_000 - name.indexOf('\u2026')
		);
		expect(validateTrace(trace).ok).toBe(true);
	});

	it('clips an exception message of 50 MB, in the result and where a task fails', () => {
		const trace = record(
			[
				'import asyncio',
				'async def boom():',
				"    raise ValueError('x' * 50_000_000)",
				'async def main():',
				'    await asyncio.create_task(boom())',
				'asyncio.run(main())'
			].join('\n')
		);
		const message = trace.result.error?.message ?? '';
		expect(message.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
		expect(message).toMatch(/^x+\u2026\([\d,]+ more characters\)$/);
		const failed = trace.events.find((event) => event.kind === 'task_done') as
			{ error?: { message: string } } | undefined;
		expect(failed?.error?.message.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
		expect(validateTrace(trace).ok).toBe(true);
	});

	it('clips the label of a thread job with a long argument list', () => {
		const trace = record(
			[
				'import asyncio',
				'def work(*args):',
				'    return len(args)',
				'async def main():',
				'    await asyncio.to_thread(work, *range(100_000))',
				'asyncio.run(main())'
			].join('\n')
		);
		const start = trace.events.find((event) => event.kind === 'thread_start') as
			{ label: string } | undefined;
		expect(start?.label.length).toBeLessThanOrEqual(MAX_NAME_CHARS);
		expect(start?.label).toMatch(/\u2026\([\d,]+ more characters\)$/);
		expect(validateTrace(trace).ok).toBe(true);
	});
});
