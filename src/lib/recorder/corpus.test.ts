/**
 * The corpus: each program under tests/corpus, recorded in Pyodide, must print what the
 * machine's python3 printed for it (tests/corpus/*.expected.json, `npm run corpus`) and
 * take the same virtual time as the real run took, within a real clock's overhead.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { record, stdoutOf } from './testing';

const corpus = new URL('../../../tests/corpus/', import.meta.url);

interface Expected {
	python: string;
	stdout: string;
	duration: number;
	error: string | null;
}

const programs = readdirSync(corpus)
	.filter((file) => file.endsWith('.py'))
	.sort();

describe('corpus', () => {
	it('has at least 25 programs, each with its expected output', () => {
		expect(programs.length).toBeGreaterThanOrEqual(25);
		for (const file of programs)
			expect(readdirSync(corpus)).toContain(file.replace(/\.py$/, '.expected.json'));
	});

	it.each(programs)('%s behaves as on CPython', async (file) => {
		const code = readFileSync(new URL(file, corpus), 'utf8');
		const expected = JSON.parse(
			readFileSync(new URL(file.replace(/\.py$/, '.expected.json'), corpus), 'utf8')
		) as Expected;
		const { trace } = await record(code, {}, file);
		expect(stdoutOf(trace)).toBe(expected.stdout);
		// The real run pays for the interpreter's own work; virtual time does not.
		expect(Math.abs(trace.result.duration - expected.duration)).toBeLessThanOrEqual(
			0.05 + 0.05 * expected.duration
		);
		if (expected.error) {
			expect(trace.result.status).toBe('error');
			expect(trace.result.error?.type).toBe(expected.error);
		} else {
			expect(trace.result.status).toBe('ok');
		}
	});
});
