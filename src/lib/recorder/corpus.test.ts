/**
 * The corpus: each program under tests/corpus, recorded in Pyodide, must print what the
 * machine's python3 printed for it (tests/corpus/*.expected.json, `npm run corpus`) and
 * take the same virtual time as the real run took, within a real clock's overhead. Its
 * recorded trace is checked in (tests/corpus/*.trace.json, `npm run traces`): the model's
 * tests check their facts against those real runs, so they must be fresh.
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
	it('has at least 30 programs, each with its expected output and its recorded trace', () => {
		expect(programs.length).toBeGreaterThanOrEqual(30);
		for (const file of programs) {
			expect(readdirSync(corpus)).toContain(file.replace(/\.py$/, '.expected.json'));
			expect(readdirSync(corpus)).toContain(file.replace(/\.py$/, '.trace.json'));
		}
	});

	it.each(programs)('%s behaves as on CPython', async (file) => {
		const code = readFileSync(new URL(file, corpus), 'utf8');
		const expected = JSON.parse(
			readFileSync(new URL(file.replace(/\.py$/, '.expected.json'), corpus), 'utf8')
		) as Expected;
		const { trace, json } = await record(code, {}, file);
		const stored = readFileSync(new URL(file.replace(/\.py$/, '.trace.json'), corpus), 'utf8');
		expect(stored, 'run `npm run traces` to update it').toBe(`${json}\n`);
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
