/**
 * The recorder under plain CPython (the machine's `python3`, or `$PYTHON`), without Pyodide:
 * the package is standard-library Python, so it runs there too. Every corpus, example and
 * lesson program, recorded on CPython, must print what CPython's own event loop printed for
 * it (its `.expected.json`, made by the same python3), end the same way, take the same
 * virtual time, and give a trace that meets the schema. (CPython 3.11 has no sys.monitoring:
 * its traces have no line events; the Pyodide tests check those.)
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { programs } from '../../../scripts/program-folders.js';
import { validateTrace } from '../trace/validate';
import type { Trace } from '../trace/schema';
import { stdoutOf } from './testing';

const root = join(import.meta.dirname, '..', '..', '..');
const all = programs(root);
const python = process.env.PYTHON ?? 'python3';

// Records each program named on the command line, in one interpreter (as the Node tests
// do in Pyodide), and writes their traces as one JSON list.
const HARNESS = `
import json, os, sys
sys.dont_write_bytecode = True  # leaves no __pycache__ in the source tree
sys.path.insert(0, sys.argv[1])
import loopscope_recorder
traces = []
for path in sys.argv[2:]:
    with open(path, "rb") as file:  # the bytes: record() decodes them as python3 would
        traces.append(loopscope_recorder.record(file.read(), os.path.basename(path)))
sys.__stdout__.write("[" + ",".join(traces) + "]")
`;

interface Expected {
	stdout: string;
	duration: number;
	error: string | null;
}

function recordAllOnCPython(): unknown[] {
	const out = execFileSync(
		python,
		['-c', HARNESS, import.meta.dirname, ...all.map((entry) => entry.program)],
		{ encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }
	);
	return JSON.parse(out) as unknown[];
}

describe('the recorder on CPython', () => {
	const traces = recordAllOnCPython();

	it('records every program', () => {
		expect(traces).toHaveLength(all.length);
		expect(all.length).toBeGreaterThanOrEqual(30);
	});

	it.each(all.map((entry, i) => ({ ...entry, i })))('$name behaves as on CPython', (entry) => {
		const parsed = validateTrace(traces[entry.i]);
		if (!parsed.ok) throw new Error(`invalid trace: ${parsed.error}`);
		const trace: Trace = parsed.trace;
		const expected = JSON.parse(readFileSync(entry.expected, 'utf8')) as Expected;
		expect(trace.meta.pyodide).toBeNull();
		expect(stdoutOf(trace)).toBe(expected.stdout);
		expect(Math.abs(trace.result.duration - expected.duration)).toBeLessThanOrEqual(
			0.05 + 0.05 * expected.duration
		);
		expect(trace.result.status).toBe(expected.error ? 'error' : 'ok');
		if (expected.error) expect(trace.result.error?.type).toBe(expected.error);
	});
});
