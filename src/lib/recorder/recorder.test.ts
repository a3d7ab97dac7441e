/**
 * The recorder's edges, recorded in Pyodide: ties, cancellation, what tasks wait on,
 * blocking calls, threads, warnings, errors, deadlocks, limits, determinism and re-entrancy.
 */
import { loadPyodide, type PyodideAPI } from 'pyodide';
import { describe, expect, it } from 'vitest';
import { createEngine } from './engine.js';
import { readRecorderFiles } from './node-engine.js';
import { eventsOf, program, record, recordTwiceAlike, stdoutOf, taskId } from './testing';

describe('scheduling', () => {
	it('fires timers with equal deadlines in the order they were scheduled', async () => {
		const { trace } = await record(
			program([
				'import asyncio',
				'async def main():',
				'    loop = asyncio.get_running_loop()',
				'    when = loop.time() + 0.1',
				'    for name in "zyxwvuts":',
				'        loop.call_at(when, print, name)',
				'    await asyncio.sleep(0.2)',
				'asyncio.run(main())'
			])
		);
		expect(stdoutOf(trace)).toBe('z\ny\nx\nw\nv\nu\nt\ns\n');
		expect(trace.result.duration).toBe(0.2);
	});

	it('keeps round deadlines round: 0.1 + 0.2 wakes with a 0.3 sleeper in scheduling order', async () => {
		const { trace } = await record(
			program([
				'import asyncio',
				'async def a():',
				'    await asyncio.sleep(0.1)',
				'    await asyncio.sleep(0.2)',
				'    print("a", asyncio.get_running_loop().time())',
				'async def b():',
				'    await asyncio.sleep(0.3)',
				'    print("b")',
				'async def main():',
				'    await asyncio.gather(a(), b())',
				'asyncio.run(main())'
			])
		);
		expect(stdoutOf(trace)).toBe('b\na 0.3\n');
	});

	it('records a task step by step: created, started, suspended, resumed, done', async () => {
		const { trace } = await record(
			program([
				'import asyncio',
				'async def fetch_user(user_id):',
				'    await asyncio.sleep(0.5)',
				'    return {"id": user_id}',
				'async def main():',
				'    return await asyncio.gather(fetch_user(1), fetch_user(2))',
				'asyncio.run(main())'
			])
		);
		expect(trace.tasks.map((t) => [t.name, t.label, t.parent, t.line])).toEqual([
			['Task-1', 'main()', null, 7],
			['Task-2', 'fetch_user(1)', 0, 6],
			['Task-3', 'fetch_user(2)', 0, 6]
		]);
		const fetch1 = taskId(trace, 'fetch_user(1)');
		const mine = trace.events.filter((e) => 'task' in e && e.task === fetch1).map((e) => e.kind);
		expect(mine.filter((kind) => kind !== 'line')).toEqual([
			'task_created',
			'step_start',
			'suspend',
			'step_start',
			'task_done'
		]);
		const [first, resume] = eventsOf(trace, 'step_start').filter((e) => e.task === fetch1);
		expect([first.first, resume.first, resume.line, resume.t]).toEqual([true, false, 3, 0.5]);
		const done = eventsOf(trace, 'task_done').find((e) => e.task === fetch1);
		expect(done).toMatchObject({ outcome: 'result', value: "{'id': 1}", line: 4 });
		const mainSuspend = eventsOf(trace, 'suspend').find((e) => e.task === 0);
		expect(mainSuspend?.awaits).toMatchObject({ kind: 'gather', tasks: [1, 2] });
		expect(mainSuspend?.chain).toEqual([{ coro: 'main', line: 6 }]);
	});

	it('lists the ready queue and the pending timers at each loop iteration', async () => {
		const { trace } = await record(
			program([
				'import asyncio',
				'async def nap(d):',
				'    await asyncio.sleep(d)',
				'async def main():',
				'    asyncio.create_task(nap(0.2))',
				'    asyncio.create_task(nap(0.1))',
				'    await asyncio.sleep(0)',
				'    await asyncio.sleep(0.3)',
				'asyncio.run(main())'
			])
		);
		const iterations = eventsOf(trace, 'loop_iteration');
		expect(iterations[0].ready).toEqual([{ task: 0, label: 'start main()', what: 'start' }]);
		expect(iterations[1].ready).toEqual([
			{ task: 1, label: 'start nap(0.2)', what: 'start' },
			{ task: 2, label: 'start nap(0.1)', what: 'start' },
			{ task: 0, label: 'resume main()', what: 'resume' }
		]);
		// The timer fires (its callback completes the sleep), then the task wakes up.
		expect(iterations[2]).toMatchObject({ t: 0.1, ready: [{ task: 2, what: 'sleep_done' }] });
		expect(iterations[3]).toMatchObject({ t: 0.1, ready: [{ task: 2, what: 'wakeup' }] });
		expect(iterations[2].timers).toEqual([
			{ when: 0.2, task: 1, label: 'asyncio.sleep(0.2)' },
			{ when: 0.3, task: 0, label: 'asyncio.sleep(0.3)' }
		]);
		expect(iterations.map((it) => it.iteration)).toEqual(iterations.map((_, i) => i));
	});

	it('lists only the earliest timers past the cap, in deadline then scheduling order', async () => {
		const { trace } = await record(
			program([
				'import asyncio',
				'async def nap(i):',
				'    await asyncio.sleep(3 - i % 3)',
				'async def main():',
				'    await asyncio.gather(*(nap(i) for i in range(12)))',
				'asyncio.run(main())'
			]),
			{ listCap: 4 }
		);
		// At t=1 the four 1 s naps wake; eight timers are left and the first four are listed.
		const woken = eventsOf(trace, 'loop_iteration').find((it) => it.t === 1);
		const naps = [1, 4, 7, 10].map((i) => taskId(trace, `nap(${i})`));
		expect(woken?.timerCount).toBe(8);
		expect(woken?.timers).toEqual(
			naps.map((task) => ({ when: 2, task, label: 'asyncio.sleep(2)' }))
		);
	});

	it('records the await chain down to the leaf, with each coroutine’s line', async () => {
		const { trace } = await record(
			program([
				'import asyncio',
				'async def inner():',
				'    await asyncio.sleep(1)',
				'async def outer():',
				'    await inner()',
				'async def main():',
				'    await outer()',
				'asyncio.run(main())'
			])
		);
		const suspend = eventsOf(trace, 'suspend')[0];
		expect(suspend.chain).toEqual([
			{ coro: 'main', line: 7 },
			{ coro: 'outer', line: 5 },
			{ coro: 'inner', line: 3 }
		]);
		expect(suspend.awaits).toEqual({ kind: 'sleep', label: 'asyncio.sleep(1)', until: 1 });
		expect(eventsOf(trace, 'coro_call').map((e) => e.coro)).toEqual(['outer', 'inner']);
		expect(eventsOf(trace, 'coro_return').map((e) => e.coro)).toEqual(['inner', 'outer']);
	});

	it('says what each task waits on', async () => {
		const { trace } = await record(
			program([
				'import asyncio',
				'async def waits(x, how):',
				'    await how(x)',
				'async def main():',
				'    q = asyncio.Queue(maxsize=1)',
				'    q.put_nowait(0)',
				'    empty = asyncio.Queue()',
				'    lock = asyncio.Lock()',
				'    await lock.acquire()',
				'    ev = asyncio.Event()',
				'    cond = asyncio.Condition()',
				'    sem = asyncio.Semaphore(0)',
				'    async def on_cond(c):',
				'        async with c:',
				'            await c.wait()',
				'    ts = [',
				'        asyncio.create_task(waits(empty, lambda x: x.get())),',
				'        asyncio.create_task(waits(q, lambda x: x.put(1))),',
				'        asyncio.create_task(waits(lock, lambda x: x.acquire())),',
				'        asyncio.create_task(waits(ev, lambda x: x.wait())),',
				'        asyncio.create_task(on_cond(cond)),',
				'        asyncio.create_task(waits(sem, lambda x: x.acquire())),',
				'        asyncio.create_task(asyncio.to_thread(sum, [1])),',
				'    ]',
				'    await asyncio.sleep(0)',
				'    await asyncio.wait(ts, timeout=0.5)',
				'    await asyncio.wait_for(asyncio.sleep(1), 2)',
				'    for t in ts:',
				'        t.cancel()',
				'asyncio.run(main())'
			])
		);
		expect(trace.result.status).toBe('ok');
		const kinds = eventsOf(trace, 'suspend').map((e) => [e.task, e.awaits.kind, e.awaits.label]);
		expect(kinds).toEqual(
			expect.arrayContaining([
				[0, 'yield', 'asyncio.sleep(0)'],
				[1, 'queue_get', 'x.get()'],
				[2, 'queue_put', 'x.put()'],
				[3, 'lock', 'x.acquire()'],
				[4, 'event', 'x.wait()'],
				[5, 'condition', 'c.wait()'],
				[6, 'semaphore', 'x.acquire()'],
				[7, 'thread', 'to_thread(sum, [1])'],
				[0, 'wait', 'asyncio.wait(7 tasks, ALL_COMPLETED)']
			])
		);
		// Since 3.12 wait_for awaits the coroutine in the same task: the leaf is the sleep, and
		// the deadline that guards it comes along as `timeout`.
		const guarded = eventsOf(trace, 'suspend').find(
			(e) => e.awaits.kind === 'sleep' && e.awaits.timeout !== undefined
		);
		expect(guarded?.awaits).toEqual({
			kind: 'sleep',
			label: 'asyncio.sleep(1)',
			until: 1.5,
			timeout: 2.5
		});
		const cancelled = eventsOf(trace, 'task_done').filter((e) => e.outcome === 'cancelled');
		expect(cancelled.map((e) => e.task)).toEqual([1, 2, 3, 4, 5, 6]);
	});

	it('records a cancellation and the cleanup it runs', async () => {
		const { trace } = await record(
			program([
				'import asyncio',
				'async def worker():',
				'    try:',
				'        await asyncio.sleep(10)',
				'    finally:',
				'        print("cleanup")',
				'async def main():',
				'    t = asyncio.create_task(worker())',
				'    await asyncio.sleep(0.1)',
				'    t.cancel()',
				'    await asyncio.sleep(0)',
				'    print(t.cancelled())',
				'asyncio.run(main())'
			])
		);
		expect(stdoutOf(trace)).toBe('cleanup\nTrue\n');
		const done = eventsOf(trace, 'task_done').find((e) => e.task === 1);
		expect(done).toMatchObject({ outcome: 'cancelled', t: 0.1 });
		expect(eventsOf(trace, 'stdout')[0]).toMatchObject({ task: 1, t: 0.1 });
	});
});

describe('blocking calls and threads', () => {
	it('makes time.sleep block the loop, and says so', async () => {
		const { trace } = await record(
			program([
				'import asyncio, time',
				'async def job():',
				'    time.sleep(0.5)',
				'async def main():',
				'    await asyncio.gather(job(), job())',
				'asyncio.run(main())'
			])
		);
		expect(trace.result.duration).toBe(1);
		const blocking = eventsOf(trace, 'blocking');
		expect(blocking.map((e) => [e.task, e.t, e.duration, e.line])).toEqual([
			[1, 0, 0.5, 3],
			[2, 0.5, 0.5, 3]
		]);
		const warnings = eventsOf(trace, 'warning');
		expect(warnings).toHaveLength(1);
		expect(warnings[0]).toMatchObject({ category: 'blocking', line: 3 });
	});

	it('runs to_thread work on worker lanes, concurrently with the loop', async () => {
		const { trace } = await record(
			program([
				'import asyncio, time',
				'def job(n):',
				'    print("job", n, "starts")',
				'    time.sleep(0.5)',
				'    print("job", n, "ends")',
				'    return n',
				'async def tick():',
				'    for i in range(3):',
				'        await asyncio.sleep(0.2)',
				'        print("tick", i)',
				'async def main():',
				'    print(await asyncio.gather(asyncio.to_thread(job, 1), asyncio.to_thread(job, 2), tick()))',
				'asyncio.run(main())'
			])
		);
		expect(stdoutOf(trace)).toBe(
			'job 1 starts\njob 2 starts\ntick 0\ntick 1\njob 1 ends\njob 2 ends\ntick 2\n[1, 2, None]\n'
		);
		expect(trace.result.duration).toBe(0.6);
		expect(trace.workers).toEqual([
			{ id: 0, name: 'asyncio_0' },
			{ id: 1, name: 'asyncio_1' }
		]);
		const lanes = [...eventsOf(trace, 'thread_start'), ...eventsOf(trace, 'thread_end')];
		expect(lanes.map((e) => [e.kind, e.worker, e.t])).toEqual([
			['thread_start', 0, 0],
			['thread_start', 1, 0],
			['thread_end', 0, 0.5],
			['thread_end', 1, 0.5]
		]);
		const printed = eventsOf(trace, 'stdout').find((e) => e.text === 'job 2 ends\n');
		expect(printed).toMatchObject({ worker: 1, t: 0.5 });
	});

	it('keeps the first line events of a step, not counting loop jumps or a thread’s lines', async () => {
		const { trace } = await record(
			program([
				'import asyncio',
				'def work():',
				'    total = 0',
				'    for i in range(50):',
				'        total += i',
				'    return total',
				'async def main():',
				'    loop = asyncio.get_running_loop()',
				'    fut = loop.run_in_executor(None, work)',
				'    n = 0',
				'    for i in range(3):',
				'        n += i',
				'    await fut',
				'asyncio.run(main())'
			]),
			{ maxLineEventsPerStep: 10 }
		);
		const main = taskId(trace, 'main()');
		const firstStep = trace.events.slice(
			trace.events.findIndex((e) => e.kind === 'step_start' && e.task === main),
			trace.events.findIndex((e) => e.kind === 'suspend' && e.task === main)
		);
		// main's step runs 11 lines (8 9 10 11 12 11 12 11 12 11 13): the first ten are kept.
		expect(firstStep.filter((e) => e.kind === 'line').map((e) => e.line)).toEqual([
			8, 9, 10, 11, 12, 11, 12, 11, 12, 11
		]);
		// Lines 3 to 6, work's body, ran in a thread job: counted, not recorded.
		expect(eventsOf(trace, 'line').filter((e) => e.line >= 3 && e.line <= 6)).toEqual([]);
		expect(trace.result.status).toBe('ok');
	});

	it('says plainly that a worker thread cannot run an event loop of its own', async () => {
		const { trace } = await record(
			program([
				'import asyncio',
				'async def inner():',
				'    await asyncio.sleep(0.1)',
				'async def main():',
				'    await asyncio.to_thread(asyncio.run, inner())',
				'asyncio.run(main())'
			])
		);
		// CPython would run a second loop in the thread; here the job runs inside the first
		// loop's step, so the run ends with an error that says why (not a false deadlock).
		expect(trace.result.status).toBe('error');
		expect(trace.result.error).toMatchObject({ type: 'RuntimeError', line: 5 });
		expect(trace.result.message).toMatch(/runs one event loop.*run_coroutine_threadsafe/s);
		// No task of a second loop was made.
		expect(trace.tasks.map((task) => task.coro)).toEqual(['main']);
	});

	it('says plainly that a thread job cannot wait for the loop, instead of hanging', async () => {
		const { trace } = await record(
			program([
				'import asyncio',
				'async def add(a, b):',
				'    return a + b',
				'def in_thread(loop):',
				'    return asyncio.run_coroutine_threadsafe(add(1, 2), loop).result()',
				'async def main():',
				'    print(await asyncio.to_thread(in_thread, asyncio.get_running_loop()))',
				'asyncio.run(main())'
			])
		);
		// CPython prints 3: its thread waits while the loop runs add(). Here the job runs inside
		// the loop's step, so the wait could never end (without a timeout, not even in time).
		expect(trace.result.error).toMatchObject({ type: 'RuntimeError', line: 5 });
		expect(trace.result.message).toMatch(/the job cannot wait for the loop/);
	});
});

describe('the world outside a run', () => {
	it('fails a network call as an offline machine does, saying why, and a process or signal plainly', async () => {
		const { trace } = await record(
			program([
				'import asyncio, signal',
				'async def attempt(name, coro):',
				'    try:',
				'        await coro',
				'    except Exception as e:',
				'        print(name, type(e).__name__, isinstance(e, OSError), e)',
				'async def main():',
				'    loop = asyncio.get_running_loop()',
				'    await attempt("connect", asyncio.open_connection("example.com", 80))',
				'    await attempt("lookup", loop.getaddrinfo("example.com", 443))',
				'    await attempt("process", asyncio.create_subprocess_exec("ls"))',
				'    try:',
				'        loop.add_signal_handler(signal.SIGINT, print)',
				'    except NotImplementedError as e:',
				'        print("signal", e)',
				'    await asyncio.open_connection("example.com", 80)',
				'asyncio.run(main())'
			])
		);
		const lines = stdoutOf(trace).split('\n');
		// Emscripten numbers ENETUNREACH 40, Linux 101: the number is the platform's.
		expect(lines[0]).toMatch(
			/^connect OSError True \[Errno \d+\] Loopscope has no network: example\.com:80 cannot be reached from a run\. To show a network wait, await asyncio\.sleep\(seconds\) instead\.$/
		);
		expect(lines[1]).toMatch(
			/^lookup gaierror True \[Errno -?\d+\] Loopscope has no network: the name 'example.com'/
		);
		expect(lines[2]).toMatch(
			/^process NotImplementedError False Loopscope cannot start processes: 'ls'/
		);
		expect(lines[3]).toMatch(/^signal Loopscope runs no signals/);
		// Uncaught, the run's end says the reason on its line.
		expect(trace.result.status).toBe('error');
		expect(trace.result.error).toMatchObject({ type: 'OSError', line: 16 });
		expect(trace.result.message).toMatch(/on line 16: .*Loopscope has no network/);
	});
});

describe('warnings', () => {
	it('warns about a coroutine that is never awaited, with its line', async () => {
		const { trace } = await record(
			program([
				'import asyncio',
				'async def fetch():',
				'    return 1',
				'async def main():',
				'    fetch()',
				'    await asyncio.sleep(0.1)',
				'asyncio.run(main())'
			])
		);
		const warning = eventsOf(trace, 'warning')[0];
		expect(warning).toMatchObject({ category: 'never_awaited', line: 5, task: 0 });
		expect(warning.message).toBe("coroutine 'fetch' was never awaited");
		expect(trace.result.status).toBe('ok');
	});
});

describe('bad programs', () => {
	it('reports a SyntaxError with its line and column', async () => {
		const { trace } = await record('import asyncio\n\nasync def main(:\n    pass\n');
		expect(trace.result.status).toBe('error');
		expect(trace.result.error).toMatchObject({ type: 'SyntaxError', line: 3 });
		expect(trace.result.error?.column).toBeGreaterThan(0);
		expect(trace.result.message).toMatch(/SyntaxError on line 3/);
	});

	it('reports an uncaught exception with a traceback of the user’s lines only', async () => {
		const { trace } = await record(
			program([
				'import asyncio',
				'async def fetch(n):',
				'    print("fetching", n)',
				'    raise ValueError(f"bad user {n}")',
				'async def main():',
				'    await fetch(7)',
				'asyncio.run(main())'
			])
		);
		expect(stdoutOf(trace)).toBe('fetching 7\n');
		expect(trace.result).toMatchObject({
			status: 'error',
			error: {
				type: 'ValueError',
				message: 'bad user 7',
				line: 4,
				traceback: [
					{ name: '<module>', line: 7 },
					{ name: 'main', line: 6 },
					{ name: 'fetch', line: 4 }
				]
			}
		});
		const stderr = eventsOf(trace, 'stdout').filter((e) => e.stream === 'stderr');
		expect(stderr.map((e) => e.text).join('')).toContain('ValueError: bad user 7');
		expect(eventsOf(trace, 'task_done')[0]).toMatchObject({
			outcome: 'exception',
			error: { type: 'ValueError', message: 'bad user 7' }
		});
	});

	it('reports a deadlock, naming what each task waits on', async () => {
		const { trace } = await record(
			program([
				'import asyncio',
				'async def waiter(ev):',
				'    await ev.wait()',
				'async def main():',
				'    ev = asyncio.Event()',
				'    asyncio.create_task(waiter(ev))',
				'    await asyncio.sleep(0.1)',
				'    print("waiting forever")',
				'    await asyncio.Queue().get()',
				'asyncio.run(main())'
			])
		);
		expect(stdoutOf(trace)).toBe('waiting forever\n');
		expect(trace.result.status).toBe('deadlock');
		expect(trace.result.duration).toBe(0.1);
		expect(trace.result.deadlock).toEqual([
			{ task: 0, awaits: { kind: 'queue_get', label: 'queue.get()' } },
			{ task: 1, awaits: { kind: 'event', label: 'ev.wait()' } }
		]);
		expect(trace.result.message).toMatch(/main\(\) waits on queue\.get\(\)/);
	});

	it('stops a while True without await, naming the line it spins on', async () => {
		const { trace } = await record(
			program([
				'import asyncio',
				'async def spin():',
				'    n = 0',
				'    while True:',
				'        n += 1',
				'async def main():',
				'    print("before")',
				'    await spin()',
				'asyncio.run(main())'
			]),
			{ maxLinesPerStep: 200_000 }
		);
		expect(stdoutOf(trace)).toBe('before\n');
		expect(trace.result.status).toBe('limit');
		expect(trace.result.limit?.kind).toBe('line_budget');
		expect([4, 5]).toContain(trace.result.limit?.line);
		expect(trace.result.message).toMatch(/without giving control back to the event loop/);
	});

	it('stops a one-line spin at module level within a few seconds with the default budget', async () => {
		const started = Date.now();
		const { trace } = await record('x = 0\nwhile True: x += 1\n');
		expect(Date.now() - started).toBeLessThan(10_000);
		expect(trace.result.limit).toEqual({ kind: 'line_budget', value: 1_000_000, line: 2 });
	});

	it('caps events, output and virtual time, saying which cap was hit', async () => {
		const events = await record(
			'import asyncio\nasync def main():\n    while True:\n        await asyncio.sleep(0)\nasyncio.run(main())\n',
			{ maxEvents: 5_000 }
		);
		expect(events.trace.result.limit?.kind).toBe('events');
		expect(events.trace.events).toHaveLength(5_000);

		const output = await record('while True:\n    print("spam")\n', { maxOutputChars: 1_000 });
		expect(output.trace.result.limit?.kind).toBe('output');
		expect(stdoutOf(output.trace)).toHaveLength(1_000);

		const time = await record(
			'import asyncio\nasync def main():\n    while True:\n        await asyncio.sleep(60)\nasyncio.run(main())\n',
			{ maxVirtualSeconds: 600 }
		);
		expect(time.trace.result).toMatchObject({ status: 'limit', limit: { kind: 'time' } });
		expect(time.trace.result.duration).toBeLessThanOrEqual(600);

		const blocking = await record('import time\nwhile True:\n    time.sleep(1)\n', {
			maxVirtualSeconds: 10
		});
		expect(blocking.trace.result.limit?.kind).toBe('time');
		for (const run of [events, output, time, blocking])
			expect(run.trace.result.message).toMatch(/limit/);
	});

	it('leaves nothing of a stopped program behind to warn into the next run', async () => {
		// Stopped at the time cap with its task still pending: collected during a later
		// run, it would print "Task was destroyed but it is pending!" into that trace.
		const stopped = await record(
			'import asyncio\nasync def main():\n    while True:\n        await asyncio.sleep(60)\nasyncio.run(main())\n',
			{ maxVirtualSeconds: 600 }
		);
		expect(stopped.trace.result.status).toBe('limit');
		const { trace } = await record('import gc\ngc.collect()\nprint("next")\n');
		expect(eventsOf(trace, 'stdout').map((e) => e.text)).toEqual(['next\n']);
		expect(eventsOf(trace, 'warning')).toEqual([]);
	});

	it('treats sys.exit(0) as a normal end', async () => {
		const { trace } = await record('import sys\nprint("bye")\nsys.exit(0)\nprint("no")\n');
		expect(trace.result.status).toBe('ok');
		expect(stdoutOf(trace)).toBe('bye\n');
	});

	it('ends on sys.exit(3) in a task as CPython does: exit status 3, no traceback', async () => {
		const { trace } = await record(
			program([
				'import asyncio, sys',
				'async def main():',
				'    print("a")',
				'    sys.exit(3)',
				'asyncio.run(main())'
			])
		);
		// CPython 3.11 prints "a" and exits with status 3, writing nothing to stderr.
		expect(eventsOf(trace, 'stdout').map((e) => [e.stream ?? 'stdout', e.text])).toEqual([
			['stdout', 'a\n']
		]);
		expect(trace.result).toMatchObject({
			status: 'error',
			message: 'The program ended itself with sys.exit(3) on line 4: exit status 3.',
			error: { type: 'SystemExit', message: '3', line: 4 }
		});
	});

	it('prints a sys.exit message to stderr, as CPython does, with exit status 1', async () => {
		const { trace } = await record(program(['import sys', 'sys.exit("bye now")']));
		expect(eventsOf(trace, 'stdout').map((e) => [e.stream ?? 'stdout', e.text])).toEqual([
			['stderr', 'bye now\n']
		]);
		expect(trace.result.message).toBe(
			"The program ended itself with sys.exit('bye now') on line 2: exit status 1."
		);
	});
});

describe('determinism and re-entrancy', () => {
	it('gives byte-identical traces run after run', async () => {
		const code = program([
			'import asyncio, random, time',
			'async def job(n):',
			'    await asyncio.sleep(random.random())',
			'    print(n, {"a", "b", "c", "d"}, time.time(), object())',
			'async def main():',
			'    ts = [asyncio.create_task(job(n)) for n in range(5)]',
			'    done, _ = await asyncio.wait(ts)',
			'    print(sorted(t.result() is None for t in done))',
			'    async for x in agen():',
			'        print(x)',
			'async def agen():',
			'    for c in asyncio.as_completed([job(9), job(8)]):',
			'        yield await c',
			'asyncio.run(main())'
		]);
		const first = await recordTwiceAlike(code);
		expect(first.json).not.toMatch(/0x[0-9a-f]{4,}/);
	});

	it('restores everything it patched after each run', async () => {
		let py: PyodideAPI | null = null;
		const engine = await createEngine({
			loadPyodide: async (options) => (py = await loadPyodide(options)),
			recorderFiles: readRecorderFiles()
		});
		const probe = `
import asyncio, datetime, sys, time, random
(id(time.sleep), id(time.time), id(time.monotonic), id(time.perf_counter), id(sys.stdout),
 id(time.process_time), id(time.localtime), id(time.strftime), id(datetime.datetime),
 id(sys.stderr), id(asyncio.events._get_running_loop()), id(asyncio.events._event_loop_policy),
 id(sys.modules["__main__"]), id(asyncio.run), id(asyncio.as_completed), random.getstate()[1][:3],
 sys.get_coroutine_origin_tracking_depth(),
 sys.monitoring.get_tool(4) if hasattr(sys, "monitoring") else None)
`;
		const pyodide = py as PyodideAPI | null;
		if (!pyodide) throw new Error('Pyodide did not load');
		const before = String(pyodide.runPython(probe));
		engine.record('import asyncio\nasync def main():\n    print(1)\nasyncio.run(main())\n');
		engine.record('while True: pass\n', 'main.py', { maxLinesPerStep: 1000 });
		engine.record('import time\ntime.sleep(1)\nraise KeyError(1)\n');
		expect(String(pyodide.runPython(probe))).toBe(before);
		expect(engine.pythonVersion).toMatch(/^3\.\d+\.\d+$/);
	});
});
