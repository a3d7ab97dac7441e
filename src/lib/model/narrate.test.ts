import { describe, expect, it } from 'vitest';
import {
	EventSchema,
	type Awaitable,
	type EventKind,
	type RunResult,
	type Trace
} from '../trace/schema';
import { buildIndex } from './build-index';
import {
	awaitAndThread,
	blockingSleep,
	deadlock,
	failing,
	FIXTURES,
	getUsersBatch,
	TraceBuilder
} from './testing/fixtures';
import { narrate, resultSentence } from './narrate';
import { seek } from './seek';
import { corpusRuns } from './testing';

const say = (trace: Trace, cursor: number): string => narrate(buildIndex(trace), cursor);

/** Expects the narration at each cursor (a key of `expected`) to be that key's text. */
function expectNarration(
	narrationAt: (cursor: number) => string,
	expected: Record<number, string>
): void {
	for (const [cursor, text] of Object.entries(expected))
		expect(narrationAt(Number(cursor)), `the narration at ${cursor}`).toBe(text);
}

describe('narration of get_users_batch', () => {
	const index = buildIndex(getUsersBatch());
	const at = (cursor: number) => narrate(index, cursor);

	it('says why a task gives control back, and what the loop runs next', () => {
		expectNarration(at, {
			18: 'fetch_user(2) reaches `await asyncio.sleep(0.5)` on line 6, so it sets a timer for t = 0.5 s and gives control back to the event loop, which runs the next ready task, fetch_user(3).',
			23: 'fetch_user(3) reaches `await asyncio.sleep(0.5)` on line 6, so it sets a timer for t = 0.5 s and gives control back to the event loop, which has nothing else ready, so it waits for the next timer, at t = 0.5 s.',
			7: 'get_users_batch() reaches `users = await asyncio.gather(fetch_user(1), fetch_user(2), …` on line 11, so it waits for all 3 tasks it gathers to finish (fetch_user(1), fetch_user(2) and fetch_user(3)) and gives control back to the event loop, which has nothing else ready in this iteration, so it starts the next one.'
		});
	});

	it('narrates task creation, by asyncio.run and by a parent', () => {
		expectNarration(at, {
			0: 'asyncio.run creates Task-1 to run get_users_batch() on line 16 and puts it at the back of the ready queue: it starts when the event loop gets to it.',
			5: 'get_users_batch() creates Task-3 to run fetch_user(2) on line 11 and puts it at the back of the ready queue: it starts when the event loop gets to it.'
		});
	});

	it('narrates loop iterations: the ready queue, and a jump in virtual time', () => {
		expectNarration(at, {
			8: 'The event loop starts iteration 1 at t = 0 s: fetch_user(1), fetch_user(2) and fetch_user(3) are ready to start, in that order.',
			24: 'The event loop starts iteration 2: nothing was ready, so virtual time jumps ahead to t = 0.5 s, when the next timer is due. The sleep timers of fetch_user(1), fetch_user(2) and fetch_user(3) are due: their callbacks end the sleeps and queue those tasks to resume in the next iteration.',
			39: 'The event loop runs the callback `gather._done_callback`: asyncio.gather counts one more of its tasks as finished, and once all have finished it wakes the task waiting on the gather.',
			38: "The event loop starts iteration 4 at t = 0.5 s: it runs asyncio.gather's note that a task has finished (3 times)."
		});
	});

	it('narrates first steps, resumptions and their reasons', () => {
		expectNarration(at, {
			9: 'The event loop runs fetch_user(1) for the first time: Task-2 starts its coroutine on line 4, `async def fetch_user(user_id):`.',
			29: 'The event loop resumes fetch_user(1) on line 6, `await asyncio.sleep(0.5)`, because its timer for t = 0.5 s has fired.',
			43: 'The event loop resumes get_users_batch() on line 11, `users = await asyncio.gather(fetch_user(1), fetch_user(2), …`, because all 3 tasks it gathered have finished, so the gather hands back their results.'
		});
	});

	it('narrates lines, output and callbacks', () => {
		expectNarration(at, {
			10: 'fetch_user(1) runs line 5: `print(f"Fetching user {user_id}...")`.',
			11: 'fetch_user(1) prints “Fetching user 1...”.',
			25: "The event loop runs the timer callback of fetch_user(1)'s `asyncio.sleep(0.5)`: the sleep is over, so fetch_user(1) goes back on the ready queue to resume."
		});
	});

	it('narrates task ends and what they mean for the gather', () => {
		expectNarration(at, {
			31: "fetch_user(1) returns `{'id': 1, 'name': 'User 1'}` on line 7, so Task-2 is done; get_users_batch() still waits for 2 more of the tasks it gathered.",
			37: "fetch_user(3) returns `{'id': 3, 'name': 'User 3'}` on line 7, so Task-4 is done; it was the last task get_users_batch() was gathering, so get_users_batch() can resume soon."
		});
	});

	it('adds the outcome of the run at the last event, and seek carries the same text', () => {
		expect(at(47)).toMatch(
			/so Task-1 is done\. The program finishes at t = 0\.5 s of virtual time\.$/
		);
		expect(seek(index, 18).narration).toBe(at(18));
	});
});

describe('narration of other event kinds', () => {
	it('narrates a blocking call and its warning', () => {
		const trace = blockingSleep();
		expectNarration((cursor) => say(trace, cursor), {
			13: 'sleeper() calls `time.sleep(1)` on line 11, which blocks: the whole event loop freezes for 1 s, until t = 1 s, and no other task can run meanwhile.',
			14: 'Warning on line 11, in sleeper(): time.sleep() blocks the event loop. A blocking call freezes the whole event loop; await asyncio.sleep() or asyncio.to_thread() instead.'
		});
	});

	it('narrates direct coroutine calls, threads, yields and awaiting a task', () => {
		const trace = awaitAndThread();
		expectNarration((cursor) => say(trace, cursor), {
			6: 'main() reaches `result = await task` on line 15, so it waits for child() to finish and gives control back to the event loop, which has nothing else ready in this iteration, so it starts the next one.',
			10: 'child() reaches `await asyncio.sleep(0)` on line 9, so it steps to the back of the ready queue and gives control back to the event loop, which has nothing else ready in this iteration, so it starts the next one.',
			12: 'The event loop resumes child() on line 9, `await asyncio.sleep(0)`, because its turn in the ready queue has come round again.',
			14: 'child() awaits the coroutine `to_thread()` directly: it starts running on line 10 inside the same task, without a trip through the event loop.',
			15: 'child() hands `crunch(10)` to worker thread asyncio_0: it runs on that thread while the event loop stays free to run other tasks.'
		});
		expect(say(trace, 16)).toContain(
			'so it waits for worker thread asyncio_0 to finish `asyncio.to_thread(crunch, 10)`'
		);
		expectNarration((cursor) => say(trace, cursor), {
			17: 'The event loop starts iteration 3 at t = 0 s; nothing is ready, so it waits for worker thread asyncio_0 to finish `crunch(10)`.',
			18: 'Worker thread asyncio_0 finishes `crunch(10)`, so child(), which waits for it, can resume soon.',
			23: '`to_thread()` returns on line 10 to its caller, child(): it is still the same task, so the event loop is not involved.',
			24: 'child() returns `45` on line 10, so Task-2 is done; main(), which awaits it, is ready to resume.',
			26: 'The event loop resumes main() on line 15, `result = await task`, because child() has finished.'
		});
	});

	it("tells a task's own coroutine starting and returning apart from a nested call", () => {
		const b = new TraceBuilder('async def main():\n    await helper()\n');
		const main = b.task('main()', null, null);
		b.iteration([main]).start(main, 1).coroCall(main, 'main', 1).coroCall(main, 'helper', 4);
		b.coroReturn(main, 'helper', 5).coroReturn(main, 'main', 2).done(main, 2);
		const index = buildIndex(b.build());
		expectNarration((cursor) => narrate(index, cursor), {
			3: 'The coroutine `main()` begins running inside Task-1 on line 1.',
			4: 'main() awaits the coroutine `helper()` directly: it starts running on line 4 inside the same task, without a trip through the event loop.',
			5: '`helper()` returns on line 5 to its caller, main(): it is still the same task, so the event loop is not involved.',
			6: '`main()` returns on line 2: the coroutine of Task-1 has finished, so the task is about to end.'
		});
	});

	it('narrates stderr, exceptions and cancellation', () => {
		const trace = failing();
		expectNarration((cursor) => say(trace, cursor), {
			4: 'main() writes “divid” to stderr.',
			7: 'main() raises ZeroDivisionError: division by zero on line 7, so Task-1 ends with that exception. The program stops with an error on line 7: ZeroDivisionError: division by zero.'
		});
		const b = new TraceBuilder('import asyncio\n');
		const a = b.task('sleepy()', null, null);
		b.iteration([a]).start(a, null).cancel(a, null);
		expect(say(b.build(), 3)).toMatch(
			/^Task-1 \(sleepy\(\)\) is cancelled: a CancelledError stops it there\./
		);
	});

	it('narrates output and lines outside any task, and never-awaited coroutines', () => {
		const b = new TraceBuilder('print("hi")\nfetch()\n');
		b.line(null, 1)
			.print(null, '\n')
			.warn(null, 'never_awaited', "coroutine 'fetch' was never awaited", 2);
		const trace = b.build();
		expectNarration((cursor) => say(trace, cursor), {
			0: 'The program runs line 1: `print("hi")`.',
			1: 'The program prints an empty line.'
		});
		expect(say(trace, 2)).toMatch(
			/^Warning on line 2: coroutine 'fetch' was never awaited\. Calling an async function only creates a coroutine object;/
		);
	});

	it('narrates a version change with the version and the modern way', () => {
		const b = new TraceBuilder('import asyncio\nloop = asyncio.get_event_loop()\n');
		b.warn(null, 'version_change', 'asyncio.get_event_loop() raises with no loop running', 2);
		const trace = b.build();
		const plain = say(trace, 0);
		Object.assign(trace.events[0], { since: '3.14', fix: 'use `asyncio.run(main())`' });
		expect(plain).toMatch(
			/^Changed on line 2: asyncio\.get_event_loop\(\) raises with no loop running\./
		);
		expect(say(trace, 0)).toMatch(
			/^Changed in Python 3\.14 on line 2: asyncio\.get_event_loop\(\) raises with no loop running\. The modern way: use `asyncio\.run\(main\(\)\)`\./
		);
	});

	it('has a sentence for every event kind, and the fixtures and the corpus use every kind', () => {
		const kinds = new Set<EventKind>();
		const traces = [
			...Object.values(FIXTURES).map((make) => make()),
			...corpusRuns().map((run) => run.trace)
		];
		for (const trace of traces) {
			const index = buildIndex(trace);
			trace.events.forEach((event, i) => {
				kinds.add(event.kind);
				const text = narrate(index, i);
				expect(text).toMatch(/^\S.*[.]$/);
				expect(text).not.toMatch(/undefined|null|NaN|\[object/);
			});
		}
		expect([...kinds].sort()).toEqual(
			EventSchema.options.map((option) => option.shape.kind.value).sort()
		);
	});
});

describe('narration of every awaitable', () => {
	/** A task that suspends on `awaits` at line 2 and resumes at once. */
	function suspendOn(awaits: Awaitable): Trace {
		const b = new TraceBuilder('async def worker():\n    await thing\n');
		const other = b.task('helper()', null, null);
		const task = b.task('worker()', null, null);
		b.iteration([task, other]).start(task, 1).suspend(task, 2, awaits);
		b.start(other, null).done(other, null);
		b.iteration([task]).start(task, 2).done(task, 2);
		return b.build();
	}
	const cases: [Awaitable, string, string][] = [
		[
			{ kind: 'sleep', label: 'asyncio.sleep(1)', until: 1 },
			'sets a timer for t = 1 s',
			'its timer for t = 1 s has fired'
		],
		[
			{ kind: 'yield', label: 'asyncio.sleep(0)' },
			'steps to the back of the ready queue',
			'its turn in the ready queue has come round again'
		],
		[
			{ kind: 'task', label: 'helper', tasks: [0] },
			'waits for helper() to finish',
			'helper() has finished'
		],
		[
			{ kind: 'gather', label: 'gather', tasks: [0] },
			'waits for the task it gathers, helper(), to finish',
			'the task it gathered has finished, so the gather hands back its result'
		],
		[
			{ kind: 'wait', label: 'asyncio.wait', tasks: [0] },
			'waits with asyncio.wait on helper()',
			'what it waited for with asyncio.wait is done'
		],
		[
			{ kind: 'timeout', label: 'asyncio.wait_for', tasks: [0], until: 2 },
			'waits for helper(), but only until t = 2 s',
			'what it awaited finished, or its deadline at t = 2 s has passed'
		],
		[
			{ kind: 'queue_get', label: 'queue.get()' },
			'waits for an item to arrive in the queue (`queue.get()`)',
			'an item has arrived in the queue'
		],
		[
			{ kind: 'queue_put', label: 'queue.put(x)' },
			'waits for room in the full queue (`queue.put(x)`)',
			'the queue has room again'
		],
		[
			{ kind: 'lock', label: 'lock.acquire()' },
			'waits for the lock, which another task holds (`lock.acquire()`)',
			'the lock is free and now it holds it'
		],
		[
			{ kind: 'event', label: 'done.wait()' },
			'waits for the event to be set (`done.wait()`)',
			'the event it waited for has been set'
		],
		[
			{ kind: 'condition', label: 'cond.wait()' },
			'waits to be notified (`cond.wait()`)',
			'it has been notified'
		],
		[
			{ kind: 'semaphore', label: 'sem.acquire()' },
			'waits for a free slot of the semaphore (`sem.acquire()`)',
			'a slot of the semaphore has come free'
		],
		[
			{ kind: 'thread', label: 'to_thread(f)', worker: 3 },
			'waits for worker thread 3 to finish `to_thread(f)`',
			'its worker thread has finished'
		],
		[
			{ kind: 'future', label: 'fut' },
			'waits for a future to get its result (`fut`)',
			'the future it awaited has a result'
		],
		[{ kind: 'other', label: 'thing' }, 'waits on `thing`', '`thing` is done']
	];

	it('covers every kind the schema knows', () => {
		expect(new Set(cases.map(([awaits]) => awaits.kind)).size).toBe(15);
	});

	it.each(cases)('$kind: says why it waits and why it resumes', (awaits, waits, resumes) => {
		const index = buildIndex(suspendOn(awaits));
		expect(narrate(index, 4)).toBe(
			`worker() reaches \`await thing\` on line 2, so it ${waits} and gives control back to the event loop, which runs the next ready task, helper().`
		);
		expect(narrate(index, 8)).toBe(
			`The event loop resumes worker() on line 2, \`await thing\`, because ${resumes}.`
		);
	});
});

describe('the outcome of the run', () => {
	const ending = (result: Partial<RunResult>, events = 0): string => {
		const b = new TraceBuilder('x = 1\n');
		for (let i = 0; i < events; i++) b.line(null, 1);
		return resultSentence(buildIndex(b.build(result)));
	};

	it('says how long an ok run took in virtual time', () => {
		expect(ending({ duration: 1.25 })).toBe('The program finishes at t = 1.25 s of virtual time.');
	});

	it('explains a deadlock, naming what each task waits on', () => {
		expect(say(deadlock(), 6)).toBe(
			'The event loop starts iteration 1 at t = 0 s, with nothing ready and no timer set. Deadlock: every task is waiting and nothing is left that could wake any of them (main() waits on `ready.wait()`), so the program can never finish.'
		);
	});

	it('explains each limit', () => {
		expect(ending({ status: 'limit', limit: { kind: 'events' } }, 3)).toBe(
			'The run was stopped after 3 events, the most the recorder keeps (its `events` limit), so the program may not have finished.'
		);
		expect(ending({ status: 'limit', limit: { kind: 'output' } })).toBe(
			'The run was stopped because the program printed too much output.'
		);
		expect(ending({ status: 'limit', duration: 60, limit: { kind: 'time' } })).toBe(
			'The run was stopped at t = 60 s because virtual time reached its limit.'
		);
		expect(ending({ status: 'limit', limit: { kind: 'line_budget', line: 4 } })).toBe(
			'The run was stopped on line 4: one step ran too many lines without an await, so the event loop could never take back control.'
		);
	});

	it('explains an error without a line, a timeout, and words a deadlock from its fields', () => {
		expect(
			ending({
				status: 'error',
				error: { type: 'KeyError', message: "'x'", line: null, traceback: [] }
			})
		).toBe("The program stops with an error: KeyError: 'x'.");
		expect(ending({ status: 'timeout', duration: 3 })).toBe('The run timed out at t = 3 s.');
		// The recorder's message is for the console; the narration says it in its own words.
		expect(ending({ status: 'deadlock', message: 'Deadlock: all tasks are stuck.' })).toBe(
			'Deadlock: every task is waiting and nothing is left that could wake any of them, so the program can never finish.'
		);
	});
});
