/**
 * The command line, as authors and CI run it: `loopscope record FILE.py [-o OUT]`.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseTrace } from '../trace/validate';

const cli = fileURLToPath(new URL('../../../bin/loopscope.js', import.meta.url));
const corpus = fileURLToPath(new URL('../../../tests/corpus/', import.meta.url));

interface Run {
	code: number;
	stdout: string;
	stderr: string;
}

function loopscope(...args: string[]): Promise<Run> {
	return new Promise((resolve) => {
		execFile('node', [cli, ...args], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
			resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
		});
	});
}

describe('loopscope CLI', () => {
	it('prints a valid trace on stdout', async () => {
		const run = await loopscope('record', join(corpus, 'get_users_batch.py'));
		expect(run.code).toBe(0);
		const parsed = parseTrace(run.stdout);
		if (!parsed.ok) throw new Error(parsed.error);
		expect(parsed.trace.source.filename).toBe('get_users_batch.py');
		expect(parsed.trace.result).toMatchObject({ status: 'ok', duration: 0.5 });
	});

	it('writes the trace with -o, and exits 0 for a program that raised', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'loopscope-'));
		const program = join(dir, 'boom.py');
		writeFileSync(program, 'import asyncio\nasync def main():\n    1 / 0\nasyncio.run(main())\n');
		const out = join(dir, 'trace.json');
		const run = await loopscope('record', program, '-o', out);
		expect(run.code).toBe(0);
		expect(run.stdout).toBe('');
		const parsed = parseTrace(readFileSync(out, 'utf8'));
		if (!parsed.ok) throw new Error(parsed.error);
		expect(parsed.trace.result.error).toMatchObject({ type: 'ZeroDivisionError', line: 3 });
	});

	it('fails with a one-line message for a missing file', async () => {
		const run = await loopscope('record', 'no/such/file.py');
		expect(run.code).not.toBe(0);
		expect(run.stderr.trim().split('\n')).toHaveLength(1);
		expect(run.stderr).toMatch(/cannot read no\/such\/file\.py: no such file/);
		expect(run.stdout).toBe('');
	});

	it('explains itself with --help', async () => {
		const run = await loopscope('--help');
		expect(run.code).toBe(0);
		expect(run.stdout).toMatch(/^Usage: loopscope record FILE\.py/);
	});
});
