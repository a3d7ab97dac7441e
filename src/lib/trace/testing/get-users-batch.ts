/**
 * A hand-built trace of the tutorial's `get_users_batch` example
 * (`src/lib/examples/get_users_batch.py`), shaped the way the recorder emits runs: loop
 * iterations, first steps and resumes, lines, stdout, sleeps, a gather, callbacks.
 * It stands in for `traces/get_users_batch.json` until the recorder checks real traces in;
 * tests that need "a realistic trace" (link length, Perfetto export, big files) use it.
 */
import { readFileSync } from 'node:fs';
import type { Awaitable, ReadyItem, Timer, Trace, TraceEvent } from '../schema';

const EXAMPLE = readFileSync(new URL('../../examples/get_users_batch.py', import.meta.url), 'utf8');
const CALLS = /( {8}fetch_user\(\d+\),\n)+/;
if (!CALLS.test(EXAMPLE))
	throw new Error('get_users_batch.py no longer gathers fetch_user(n) calls');

/**
 * The example program for `ids` (the tutorial's is 1, 2, 3): the example's own text with one
 * `fetch_user(id),` line per id; line numbers follow from it.
 */
export function getUsersBatchCode(ids: readonly number[] = [1, 2, 3]): string {
	return EXAMPLE.replace(CALLS, ids.map((id) => `        fetch_user(${id}),\n`).join(''));
}

/** The tutorial program. */
export const GET_USERS_BATCH_CODE = getUsersBatchCode();

// Event payloads without `seq`, which the builder numbers.
type Draft = TraceEvent extends infer E ? (E extends TraceEvent ? Omit<E, 'seq'> : never) : never;

/**
 * Builds the trace; a fresh object each call so tests may mutate it. `ids` are the users fetched;
 * more ids give a longer run of the same shape (and a matching program).
 */
export function getUsersBatchTrace(ids: readonly number[] = [1, 2, 3]): Trace {
	const events: TraceEvent[] = [];
	const push = (draft: Draft): void => {
		events.push({ seq: events.length, ...draft } as TraceEvent);
	};
	let iteration = 0;
	const loop = (t: number, ready: ReadyItem[], timers: Timer[]): void =>
		push({ t, kind: 'loop_iteration', iteration: iteration++, ready, timers });
	const name = (task: number): string => `Task-${task + 1}`;
	const step = (task: number): ReadyItem => ({
		task,
		label: `start ${name(task)}`,
		what: 'start'
	});
	const wakeup = (task: number): ReadyItem => ({
		task,
		label: `resume ${name(task)}`,
		what: 'wakeup'
	});

	// Line numbers of the program above.
	const gatherLine = 11;
	const callLine = (index: number): number => 12 + index;
	const printLine = 13 + ids.length;
	const returnLine = printLine + 1;
	const runLine = returnLine + 3;

	const fetches = ids.map((id, index) => ({ id, task: index + 1 }));
	const sleep: Awaitable = { kind: 'sleep', label: 'asyncio.sleep(0.5)', until: 0.5 };
	const gather: Awaitable = {
		kind: 'gather',
		// As the recorder labels it: the first three children, then how many there are.
		label: `asyncio.gather(${[
			...ids.slice(0, 3).map((id) => `fetch_user(${id})`),
			...(ids.length > 3 ? [`\u2026 ${ids.length} tasks`] : [])
		].join(', ')})`,
		tasks: fetches.map((fetch) => fetch.task)
	};
	const user = (id: number): string => `{'id': ${id}, 'name': 'User ${id}'}`;
	const result = `[${ids.map(user).join(', ')}]`;

	// t = 0: asyncio.run() creates Task-1, and the loop runs its first step.
	push({ t: 0, kind: 'task_created', task: 0 });
	loop(0, [step(0)], []);
	push({ t: 0, kind: 'step_start', task: 0, first: true, line: 10, cause: { kind: 'start' } });
	push({ t: 0, kind: 'line', task: 0, line: gatherLine });
	// Each fetch_user(n) call makes a coroutine; gather then wraps each in a task.
	fetches.forEach((_, index) => push({ t: 0, kind: 'line', task: 0, line: callLine(index) }));
	push({ t: 0, kind: 'line', task: 0, line: gatherLine });
	for (const fetch of fetches) push({ t: 0, kind: 'task_created', task: fetch.task });
	push({
		t: 0,
		kind: 'suspend',
		task: 0,
		line: gatherLine,
		awaits: gather,
		chain: [{ coro: 'get_users_batch', line: gatherLine }]
	});

	// The fetches start one after another, print, and all go to sleep until 0.5.
	loop(
		0,
		fetches.map((fetch) => step(fetch.task)),
		[]
	);
	for (const { id, task } of fetches) {
		push({ t: 0, kind: 'step_start', task, first: true, line: 4, cause: { kind: 'start' } });
		push({ t: 0, kind: 'coro_call', task, coro: 'fetch_user', line: 4 });
		push({ t: 0, kind: 'line', task, line: 5 });
		push({ t: 0, kind: 'stdout', task, text: `Fetching user ${id}...\n` });
		push({ t: 0, kind: 'line', task, line: 6 });
		push({
			t: 0,
			kind: 'suspend',
			task,
			line: 6,
			awaits: sleep,
			chain: [{ coro: 'fetch_user', line: 6 }]
		});
	}
	const timers: Timer[] = fetches.map((fetch) => ({
		when: 0.5,
		task: fetch.task,
		label: 'futures._set_result_unless_cancelled()'
	}));
	loop(0, [], timers);
	// Nothing is ready: the virtual clock jumps to the first deadline.
	loop(0.5, [], timers);

	// t = 0.5: the timers fire (in the order they were scheduled), waking each fetch.
	loop(
		0.5,
		timers.map((timer) => ({ task: timer.task, label: timer.label, what: 'sleep_done' as const })),
		[]
	);
	for (const timer of timers) push({ t: 0.5, kind: 'callback', label: timer.label, line: null });
	loop(
		0.5,
		fetches.map((fetch) => wakeup(fetch.task)),
		[]
	);
	for (const { id, task } of fetches) {
		push({
			t: 0.5,
			kind: 'step_start',
			task,
			first: false,
			line: 6,
			cause: { kind: 'awaited', outcome: 'result' }
		});
		push({ t: 0.5, kind: 'line', task, line: 6 });
		push({ t: 0.5, kind: 'line', task, line: 7 });
		push({ t: 0.5, kind: 'coro_return', task, coro: 'fetch_user', line: 7 });
		push({ t: 0.5, kind: 'task_done', task, outcome: 'result', value: user(id), line: 7 });
	}

	// Each finished child tells the gather; the last one completes it and wakes Task-1.
	const doneCallback = (task: number): string => `${name(task)}: _GatheringFuture._done_callback()`;
	loop(
		0.5,
		fetches.map((fetch) => ({
			task: null,
			label: doneCallback(fetch.task),
			what: 'child_done' as const,
			child: fetch.task,
			via: 'gather' as const
		})),
		[]
	);
	for (const fetch of fetches)
		push({ t: 0.5, kind: 'callback', label: doneCallback(fetch.task), line: null });
	loop(0.5, [wakeup(0)], []);
	push({
		t: 0.5,
		kind: 'step_start',
		task: 0,
		first: false,
		line: gatherLine,
		cause: { kind: 'awaited', outcome: 'result' }
	});
	push({ t: 0.5, kind: 'line', task: 0, line: gatherLine });
	push({ t: 0.5, kind: 'line', task: 0, line: printLine });
	push({ t: 0.5, kind: 'stdout', task: 0, text: `Got ${ids.length} users\n` });
	push({ t: 0.5, kind: 'line', task: 0, line: returnLine });
	push({ t: 0.5, kind: 'coro_return', task: 0, coro: 'get_users_batch', line: returnLine });
	push({
		t: 0.5,
		kind: 'task_done',
		task: 0,
		outcome: 'result',
		// The recorder shortens long reprs.
		value: result.length > 80 ? `${result.slice(0, 77)}...` : result,
		line: returnLine
	});
	loop(0.5, [{ task: null, label: 'BaseEventLoop.stop()', what: 'stop' }], []);

	return {
		format: 'loopscope-trace',
		version: 2,
		source: { filename: 'get_users_batch.py', code: getUsersBatchCode(ids) },
		meta: { python: '3.14.0', pyodide: '314.0.7', recorder: '0.1.0' },
		tasks: [
			{
				id: 0,
				name: 'Task-1',
				coro: 'get_users_batch',
				label: 'get_users_batch()',
				parent: null,
				line: runLine
			},
			...fetches.map(({ id, task }) => ({
				id: task,
				name: name(task),
				coro: 'fetch_user',
				label: `fetch_user(${id})`,
				parent: 0,
				line: callLine(task - 1)
			}))
		],
		workers: [],
		events,
		result: { status: 'ok', duration: 0.5 }
	};
}
