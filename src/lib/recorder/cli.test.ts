/**
 * The command line, as authors and CI run it: `loopscope record FILE.py [-o OUT]`.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
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

const pyodideVersion = (
	JSON.parse(
		readFileSync(new URL('../../../node_modules/pyodide/package.json', import.meta.url), 'utf8')
	) as {
		version: string;
	}
).version;

// The file's runs share one cache of Python's memory image, away from the user's own.
const sharedCache = mkdtempSync(join(tmpdir(), 'loopscope-cache-'));

function loopscope(...args: string[]): Promise<Run> {
	return withInput(null, ...args);
}

/** Runs the CLI with `input` on its standard input (null: none), caching in `cache`. */
function withInput(input: string | null, ...args: string[]): Promise<Run> {
	return inCache(sharedCache, input, ...args);
}

function inCache(cache: string, input: string | null, ...args: string[]): Promise<Run> {
	return new Promise((resolve) => {
		const child = execFile(
			'node',
			[cli, ...args],
			{ maxBuffer: 64 * 1024 * 1024, env: { ...process.env, LOOPSCOPE_CACHE_DIR: cache } },
			(error, stdout, stderr) => {
				resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
			}
		);
		child.stdin?.end(input ?? '');
	});
}

/** Writes `code` to a fresh temporary file and returns its path. */
function programFile(code: string, name = 'program.py'): string {
	const path = join(mkdtempSync(join(tmpdir(), 'loopscope-')), name);
	writeFileSync(path, code);
	return path;
}

function traceOf(run: Run) {
	const parsed = parseTrace(run.stdout);
	if (!parsed.ok) throw new Error(`${parsed.error}\n${run.stderr}`);
	return parsed.trace;
}

function printed(trace: ReturnType<typeof traceOf>): string {
	return trace.events.map((event) => (event.kind === 'stdout' ? event.text : '')).join('');
}

// A run loads Python (3 s, many more on a busy machine), or starts from the cached image.
describe('loopscope CLI', { timeout: 180_000 }, () => {
	it("keeps Python's memory image and starts later runs from it, with the same trace", async () => {
		const cache = mkdtempSync(join(tmpdir(), 'loopscope-cache-'));
		const program = join(corpus, 'gather_exceptions.py');
		const first = await inCache(cache, null, 'record', program);
		expect(first.code).toBe(0);
		const [image] = readdirSync(cache);
		expect(image).toBe(`pyodide-${pyodideVersion}.snapshot`);
		const kept = statSync(join(cache, image));
		expect(kept.size).toBeGreaterThan(1_000_000);
		const second = await inCache(cache, null, 'record', program);
		expect(second.code).toBe(0);
		expect(second.stdout).toBe(first.stdout);
		// Started from it, not rewritten; its hash kept apart.
		expect(statSync(join(cache, image)).mtimeMs).toBe(kept.mtimeMs);
		expect(readdirSync(cache)).toEqual([image, `${image}.sha256`]);
	});

	it('loads Python afresh when the kept image is damaged, and keeps a good one', async () => {
		const cache = mkdtempSync(join(tmpdir(), 'loopscope-cache-'));
		const image = join(cache, `pyodide-${pyodideVersion}.snapshot`);
		writeFileSync(image, 'not an image');
		const run = await inCache(cache, null, 'record', join(corpus, 'simple_async.py'));
		expect(run.code).toBe(0);
		expect(traceOf(run).result.status).toBe('ok');
		expect(statSync(image).size).toBeGreaterThan(1_000_000);
	});

	it('keeps nothing with --no-cache', async () => {
		const cache = mkdtempSync(join(tmpdir(), 'loopscope-cache-'));
		const run = await inCache(cache, null, 'record', join(corpus, 'simple_async.py'), '--no-cache');
		expect(run.code).toBe(0);
		expect(readdirSync(cache)).toEqual([]);
	});

	it('prints a valid trace on stdout', async () => {
		const run = await loopscope('record', join(corpus, 'get_users_batch.py'));
		expect(run.code).toBe(0);
		const parsed = parseTrace(run.stdout);
		if (!parsed.ok) throw new Error(parsed.error);
		expect(parsed.trace.source.filename).toBe('get_users_batch.py');
		expect(parsed.trace.result).toMatchObject({ status: 'ok', duration: 0.5 });
	});

	it('writes the trace with -o, and exits 0 for a program that raised', async () => {
		const program = programFile(
			'import asyncio\nasync def main():\n    1 / 0\nasyncio.run(main())\n',
			'boom.py'
		);
		const out = join(dirname(program), 'trace.json');
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

	it('explains itself with --help, exit statuses included', async () => {
		const run = await loopscope('--help');
		expect(run.code).toBe(0);
		expect(run.stdout).toMatch(/^Usage: loopscope record FILE\.py/);
		expect(run.stdout).toMatch(/Exit status:\n {2}0 {2}a trace was written/);
		expect(run.stdout).toMatch(/^ {2}3 {2}the program ran past --timeout/m);
	});

	it('exits 2 for a wrong command line', async () => {
		for (const args of [['record'], ['play', 'x.py'], ['record', 'x.py', '--timeout', 'soon']]) {
			const run = await loopscope(...args);
			expect(run.code).toBe(2);
			expect(run.stderr).toMatch(/^loopscope: .*\(see loopscope --help\)\n$/);
		}
	});

	it('reads a file as python3 does: its coding line, and no other decoding (PEP 263)', async () => {
		const folder = mkdtempSync(join(tmpdir(), 'loopscope-cli-'));
		const latin = join(folder, 'latin.py');
		writeFileSync(latin, Buffer.from('# -*- coding: latin-1 -*-\nprint("caf\xe9")\n', 'latin1'));
		const run = await loopscope('record', latin);
		expect(run.code).toBe(0);
		expect(printed(traceOf(run))).toBe('café\n');
	});

	it('reads the program from standard input with -', async () => {
		const run = await withInput('print("from stdin")\n1 / 0\n', 'record', '-');
		expect(run.code).toBe(0);
		const trace = traceOf(run);
		expect(trace.source.filename).toBe('<stdin>');
		expect(printed(trace)).toMatch(/^from stdin\n/);
		expect(trace.result.error).toMatchObject({ type: 'ZeroDivisionError', line: 2 });
	});

	it('stops a program that outlives --timeout, with a message and exit status 3', async () => {
		const run = await loopscope(
			'record',
			programFile('print(sum(range(10**12)))\n'),
			'--timeout',
			'1'
		);
		expect(run.code).toBe(3);
		expect(run.stdout).toBe('');
		expect(run.stderr).toMatch(/^loopscope: stopped program\.py after 1 s of real time/);
	});

	it('gives the program no host: no js, no process, no eval, no host files', async () => {
		const run = await loopscope(
			'record',
			programFile(
				[
					'import gc, os',
					'try:',
					'    import js',
					'except ImportError as error:',
					'    print("import js:", type(error).__name__)',
					'finder = next(o for o in gc.get_objects() if type(o).__name__ == "JsFinder")',
					'js = finder.jsproxies["js"]',
					'print("process:", js.process, "fetch:", js.fetch)',
					'try:',
					'    js.Function("return process")()',
					'except Exception as error:',
					'    print("Function:", "EvalError" in str(error))',
					'print("files:", sorted(os.listdir("/")))',
					'js.process.exit(0)'
				].join('\n') + '\n'
			)
		);
		expect(run.code).toBe(0);
		const trace = traceOf(run);
		expect(printed(trace)).toMatch(
			/^import js: ModuleNotFoundError\nprocess: None fetch: None\nFunction: True\nfiles: \['dev', 'home', 'lib', 'proc', 'tmp'\]\n/
		);
		// js.process.exit(0) did not end the CLI quietly: the trace tells of the failed call.
		expect(trace.result.error).toMatchObject({ type: 'AttributeError', line: 14 });
	});

	it('counts os.write to stdout as output, under the output limit', async () => {
		const run = await loopscope(
			'record',
			programFile('import os\nos.write(1, b"raw\\n")\nos.write(1, b"x" * 10**6)\n'),
			'--limit',
			'output=100'
		);
		expect(run.code).toBe(0);
		const trace = traceOf(run);
		expect(printed(trace)).toMatch(/^raw\nx+$/);
		expect(printed(trace)).toHaveLength(100);
		expect(trace.result).toMatchObject({ status: 'limit', limit: { kind: 'output' } });
		expect(run.stderr).toBe('');
	});

	it('exits quietly when its reader goes away early (| head -c 10)', async () => {
		// More than a pipe holds, so the CLI is still writing when head leaves.
		const program = programFile('print("x" * 500_000)\n');
		const run = await new Promise<Run>((resolve) => {
			execFile(
				'bash',
				[
					'-c',
					`set -o pipefail; node "${cli}" record "${program}" | head -c 10 >/dev/null; echo "status $?"`
				],
				(error, stdout, stderr) => resolve({ code: error ? 1 : 0, stdout, stderr })
			);
		});
		expect(run.stderr).toBe('');
		expect(run.stdout).toBe('status 0\n');
	});
});
