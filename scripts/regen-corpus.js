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
import contextlib, io, json, platform, runpy, sys, time, weakref
import asyncio, concurrent.futures  # imported before the clock starts: not the program's time
from asyncio import events
path = sys.argv[1]

# The facts the model's narration is checked against: each task of the program (its name,
# coroutine, how it ended) and the order in which the loop ran task steps. Tasks are the C
# Task through a subclass made by a task factory, steps are seen in Handle._run. The harness
# holds tasks weakly and never retrieves their exceptions: a failed task the program drops is
# freed and reported ("Task exception was never retrieved") when CPython would do it.
HOUSEKEEPING = ('BaseEventLoop.shutdown_asyncgens', 'BaseEventLoop.shutdown_default_executor')
tasks = []
steps = []
class Task(asyncio.Task):
    pass  # named as asyncio's own: CPython's reports name the class
def factory(loop, coro, **kwargs):
    task = Task(coro, loop=loop, **kwargs)
    qual = getattr(coro, '__qualname__', type(coro).__name__)
    if qual in HOUSEKEEPING:
        return task
    entry = {'name': None, 'coro': qual, 'ref': weakref.ref(task)}
    # The name is read at the end: create_task(name=...) sets it after the factory returns.
    tasks.append(entry)
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
    entry = getattr(owner, '_fact_entry', None) if isinstance(owner, Task) else None
    if entry is not None:
        entry['name'] = owner.get_name()
        steps.append(entry)
    # Held only by the program and the loop, as without the harness (no done callback, no
    # reference here while it runs): a failed task's traceback links back to this frame. A
    # task ends only inside one of its own steps, so its outcome is read here.
    ref = weakref.ref(owner) if entry is not None else None
    owner = None
    try:
        run_handle(self)
        task = ref() if ref is not None else None
        if task is not None and task.done():
            if task.cancelled():
                entry['outcome'] = 'cancelled'
            elif task._exception is not None:
                entry['outcome'] = 'exception'
                entry['error'] = type(task._exception).__name__
            else:
                entry['outcome'] = 'result'
    finally:
        self = task = None
events.Handle._run = logged_run

def name_of(entry):
    task = entry['ref']()
    return task.get_name() if task is not None else entry['name']

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
    'tasks': [{k: v for k, v in dict(entry, name=name_of(entry)).items() if k != 'ref'} for entry in tasks],
    'steps': [name_of(entry) for entry in steps],
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
