#!/usr/bin/env node
// Regenerates the *.expected.json of every program (tests/corpus, the examples and the lessons'
// programs: scripts/program-folders.js), or of those named (`npm run corpus -- queue
// src/lib/lessons`): runs each program with the machine's python3
// on CPython's own event loop and a real clock, and stores what it printed, how long it
// took and the exception (if any) that ended it. The recorder tests compare against these.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { isNamed, programs } from './program-folders.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const python = process.env.PYTHON ?? 'python3';

// Runs one program as __main__ with stdout captured, and reports on the harness's stdout.
const HARNESS = `
import contextlib, io, json, platform, runpy, sys, time
import asyncio, concurrent.futures  # imported before the clock starts: not the program's time
path = sys.argv[1]
out = io.StringIO()
error = None
start = time.perf_counter()
with contextlib.redirect_stdout(out):
    try:
        runpy.run_path(path, run_name='__main__')
    except SystemExit as exc:
        if exc.code not in (None, 0):
            error = 'SystemExit'
    except BaseException as exc:
        error = type(exc).__name__
elapsed = time.perf_counter() - start
sys.__stdout__.write(json.dumps({
    'python': platform.python_version(),
    'stdout': out.getvalue(),
    'duration': round(elapsed, 2),
    'error': error,
}))
`;

/** Lines of the program's header comment that start with "differs:" (3.11 vs 3.14 notes). */
function notes(source) {
	return source
		.split('\n')
		.filter((line) => /^#\s*differs:/i.test(line))
		.map((line) => line.replace(/^#\s*differs:\s*/i, ''));
}

const only = process.argv.slice(2);
for (const entry of programs(root).filter((entry) => isNamed(entry, only))) {
	const text = execFileSync(python, ['-c', HARNESS, entry.program], {
		encoding: 'utf8',
		timeout: 60_000
	});
	const result = JSON.parse(text);
	const note = notes(readFileSync(entry.program, 'utf8'));
	if (note.length) result.differs = note;
	writeFileSync(entry.expected, JSON.stringify(result, null, '\t') + '\n');
	console.log(`${entry.name}: ${result.duration}s${result.error ? ` (${result.error})` : ''}`);
}
