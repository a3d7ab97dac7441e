#!/usr/bin/env node
// Regenerates the *.expected.json of every program (tests/corpus, the examples and the lessons'
// programs: scripts/program-folders.js), or of those named (`npm run corpus -- queue
// src/lib/lessons`): runs each program with the machine's python3
// on CPython's own event loop and a real clock, and stores what it printed, how long it
// took, the exception (if any) that ended it, each task's name, coroutine and outcome, and
// the order in which task steps ran. The recorder and model tests compare against these.
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
from asyncio import events
path = sys.argv[1]

# The facts the model's narration is checked against: each task of the program (its name,
# coroutine, how it ended) and the order in which the loop ran task steps. Tasks are the C
# Task through a subclass made by a task factory, steps are seen in Handle._run.
HOUSEKEEPING = ('BaseEventLoop.shutdown_asyncgens', 'BaseEventLoop.shutdown_default_executor')
tasks = []
steps = []
class FactTask(asyncio.Task):
    pass
def factory(loop, coro, **kwargs):
    task = FactTask(coro, loop=loop, **kwargs)
    qual = getattr(coro, '__qualname__', type(coro).__name__)
    if qual in HOUSEKEEPING:
        return task
    entry = {'name': None, 'coro': qual}
    # The name is read at the end: create_task(name=...) sets it after the factory returns.
    tasks.append((task, entry))
    def done(t):
        if t.cancelled():
            entry['outcome'] = 'cancelled'
        elif t.exception() is not None:
            entry['outcome'] = 'exception'
            entry['error'] = type(t.exception()).__name__
        else:
            entry['outcome'] = 'result'
    task.add_done_callback(done)
    task._fact_entry = entry
    return task
new_loop = events.new_event_loop
def fact_loop():
    loop = new_loop()
    loop.set_task_factory(factory)
    return loop
events.new_event_loop = asyncio.new_event_loop = fact_loop
run_handle = events.Handle._run
def logged_run(self):
    owner = getattr(self._callback, '__self__', None)
    entry = getattr(owner, '_fact_entry', None) if isinstance(owner, FactTask) else None
    if entry is not None:
        steps.append(owner)
    return run_handle(self)
events.Handle._run = logged_run

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
    'tasks': [dict(entry, name=task.get_name()) for task, entry in tasks],
    'steps': [task.get_name() for task in steps],
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
