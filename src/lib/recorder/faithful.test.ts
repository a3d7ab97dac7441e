/**
 * A program cannot tell it is recorded (issue 17), recorded in Pyodide (CPython 3.14): every
 * clock reads the one virtual clock, odd delays behave as on CPython. Each expectation was
 * checked against the machine's python3 (3.11), except where a comment says why it differs.
 */
import { describe, expect, it } from 'vitest';
import { eventsOf, program, record, stdoutOf } from './testing';

describe('clocks', () => {
	it('moves every clock of time and datetime with virtual time', async () => {
		const { trace } = await record(
			program([
				'import asyncio, time',
				'from datetime import datetime, date, timezone',
				'async def main():',
				'    d0, t0, n0 = datetime.now(), time.time(), time.time_ns()',
				'    m0, mn0 = time.monotonic(), time.monotonic_ns()',
				'    p0, pn0 = time.perf_counter(), time.perf_counter_ns()',
				'    u0, a0 = datetime.now(timezone.utc), datetime.utcnow()',
				'    l0 = asyncio.get_running_loop().time()',
				'    await asyncio.sleep(2)',
				'    time.sleep(0.5)',
				'    print((datetime.now() - d0).total_seconds(), time.time() - t0,',
				'          (time.time_ns() - n0) / 1e9, time.monotonic() - m0,',
				'          (time.monotonic_ns() - mn0) / 1e9, time.perf_counter() - p0,',
				'          (time.perf_counter_ns() - pn0) / 1e9,',
				'          (datetime.now(timezone.utc) - u0).total_seconds(),',
				'          (datetime.utcnow() - a0).total_seconds(),',
				'          asyncio.get_running_loop().time() - l0)',
				'    print(datetime.today() == datetime.now(), date.today() == datetime.now().date())',
				'asyncio.run(main())'
			])
		);
		expect(stdoutOf(trace)).toBe('2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5 2.5\nTrue True\n');
	});

	it('reads the clock in localtime, gmtime, ctime, asctime and strftime without a time', async () => {
		const { trace } = await record(
			program([
				'import asyncio, time',
				'def now():',
				'    return [time.localtime().tm_sec, time.gmtime().tm_sec, time.ctime()[17:19],',
				'            time.asctime()[17:19], time.strftime("%S")]',
				'async def main():',
				'    print(now())',
				'    await asyncio.sleep(3)',
				'    print(now(), time.strftime("%S", time.gmtime(0)))',
				'asyncio.run(main())'
			])
		);
		// The epoch of virtual time is 1,700,000,000 (2023-11-14 22:13:20 UTC).
		expect(stdoutOf(trace)).toBe("[20, 20, '20', '20', '20']\n[23, 23, '23', '23', '23'] 00\n");
	});

	it('keeps process_time still: sleeping, blocking or not, costs no CPU time', async () => {
		const { trace } = await record(
			program([
				'import asyncio, time',
				'async def main():',
				'    c0, w0 = time.process_time(), time.perf_counter()',
				'    await asyncio.sleep(1)',
				'    time.sleep(1)',
				'    print(time.process_time() - c0, time.process_time_ns(), time.perf_counter() - w0)',
				'asyncio.run(main())'
			])
		);
		expect(stdoutOf(trace)).toBe('0.0 0 2.0\n');
	});

	it('passes its datetime off as the C type', async () => {
		const { trace } = await record(
			program([
				'import datetime, pickle, time',
				'D = datetime.datetime',
				'now = D.now()',
				'print(type(now), type(now) is D, isinstance(now, datetime.date))',
				'print(repr(D(2020, 1, 2)), D.__name__, D.__qualname__, D.__module__)',
				'print(isinstance(D.fromtimestamp(0), D), pickle.loads(pickle.dumps(now)) == now)',
				'print(time.time.__name__, time.time.__module__)',
				'try:',
				'    now - 1',
				'except TypeError as e:',
				'    print(e)'
			])
		);
		expect(stdoutOf(trace)).toBe(
			[
				"<class 'datetime.datetime'> True True",
				'datetime.datetime(2020, 1, 2, 0, 0) datetime datetime datetime',
				'True True',
				'time time',
				"unsupported operand type(s) for -: 'datetime.datetime' and 'int'",
				''
			].join('\n')
		);
	});
});

describe('odd delays', () => {
	it('times out infinite sleeps under wait_for and timeout, as CPython does', async () => {
		const { trace } = await record(
			program([
				'import asyncio',
				'async def main():',
				'    try:',
				"        await asyncio.wait_for(asyncio.sleep(float('inf')), timeout=1)",
				'    except TimeoutError:',
				'        print("wait_for", asyncio.get_running_loop().time())',
				'    try:',
				'        async with asyncio.timeout(2):',
				"            await asyncio.sleep(float('inf'))",
				'    except TimeoutError:',
				'        print("timeout", asyncio.get_running_loop().time())',
				"    async with asyncio.timeout(float('inf')):",
				'        await asyncio.sleep(1)',
				'asyncio.run(main())'
			])
		);
		expect(trace.result.status).toBe('ok');
		expect(stdoutOf(trace)).toBe('wait_for 1.0\ntimeout 3.0\n');
		expect(trace.result.duration).toBe(4);
	});

	it('runs negative, past and NaN delays as CPython 3.14 does', async () => {
		const { trace } = await record(
			program([
				'import asyncio',
				'async def main():',
				'    loop = asyncio.get_running_loop()',
				'    await asyncio.sleep(-1)',
				'    loop.call_at(loop.time() - 5, print, "call_at in the past")',
				'    loop.call_later(-3, print, "negative call_later")',
				'    await asyncio.sleep(0)',
				'    try:',
				'        async with asyncio.timeout_at(loop.time() - 1):',
				'            await asyncio.sleep(1)',
				'    except TimeoutError:',
				'        print("past deadline")',
				'    try:',
				'        await asyncio.wait_for(asyncio.sleep(1), timeout=-1)',
				'    except TimeoutError:',
				'        print("negative wait_for")',
				'    try:',
				"        await asyncio.wait_for(asyncio.sleep(1), timeout=float('nan'))",
				'    except TimeoutError:',
				'        print("NaN wait_for")',
				'    try:',
				"        await asyncio.sleep(float('nan'))",
				'    except ValueError as e:',
				'        print(e)',
				'    print(loop.time())',
				'asyncio.run(main())'
			])
		);
		// 3.13 made asyncio.sleep(nan) a ValueError; 3.11 returns at once.
		expect(stdoutOf(trace)).toBe(
			[
				'call_at in the past',
				'negative call_later',
				'past deadline',
				'negative wait_for',
				'NaN wait_for',
				'Invalid delay: NaN (not a number)',
				'0.0',
				''
			].join('\n')
		);
	});

	it('calls a lone sleep(inf) a wait that never ends, not a crash', async () => {
		const { trace } = await record(
			program([
				'import asyncio',
				'async def main():',
				"    await asyncio.sleep(float('inf'))",
				'asyncio.run(main())'
			])
		);
		expect(trace.result.status).toBe('deadlock');
		expect(trace.result.message).toContain('due at infinity');
	});
});

describe('the recorder out of sight', () => {
	it("makes asyncio's own Task, as the program sees it", async () => {
		const { trace } = await record(
			program([
				'import asyncio',
				'async def child(n):',
				'    await asyncio.sleep(0.1)',
				'    return n',
				'async def main():',
				'    a = asyncio.create_task(child(1), name="x")',
				'    b = asyncio.create_task(child(2))',
				'    c = asyncio.Task(child(3))',
				'    me = asyncio.current_task()',
				'    print(type(me) is asyncio.Task, type(b).__name__, asyncio.Task, repr(b)[:27])',
				'    print(a.get_name(), b.get_name(), c.get_name(), await asyncio.gather(a, b, c))',
				'    asyncio.get_running_loop().set_task_factory(asyncio.eager_task_factory)',
				'    d = asyncio.create_task(child(4))',
				'    print(type(d) is asyncio.Task, await d)',
				'asyncio.run(main())'
			])
		);
		// 3.13 stopped giving a named task a number: 3.11 prints Task-3 and Task-4.
		expect(stdoutOf(trace)).toBe(
			[
				"True Task <class '_asyncio.Task'> <Task pending name='Task-2'",
				'x Task-2 Task-3 [1, 2, 3]',
				'True 4',
				''
			].join('\n')
		);
		expect(trace.tasks.map((task) => task.label)).toEqual([
			'main()',
			'child(1)',
			'child(2)',
			'child(3)',
			'child(4)'
		]);
	});

	it('leaves its own frames out of the tracebacks a program prints', async () => {
		const { trace } = await record(
			program([
				'import asyncio, time, traceback',
				'async def main():',
				'    try:',
				'        time.sleep(-1)',
				'    except ValueError:',
				'        traceback.print_exc()',
				'    traceback.print_stack()',
				'asyncio.run(main())'
			])
		);
		const stderr = eventsOf(trace, 'stdout')
			.map((event) => event.text)
			.join('');
		expect(stderr).toContain('ValueError: sleep length must be non-negative');
		expect(stderr).toContain('asyncio/events.py');
		expect(stderr).not.toMatch(/loopscope_recorder/);
	});

	it('names the limit it stopped at, and how to raise it', async () => {
		const { trace } = await record(
			program([
				'import asyncio',
				'async def main():',
				'    while True:',
				'        await asyncio.sleep(0)',
				'asyncio.run(main())'
			]),
			{ maxEvents: 1000 }
		);
		expect(trace.result.limit).toMatchObject({ kind: 'events', value: 1000 });
		expect(trace.result.message).toContain('event limit (1,000 events)');
		expect(trace.result.message).toContain('`npx loopscope record main.py --limit events=2000`');
	});
});

describe('version notes', () => {
	/** The version_change warnings of a trace: [since, line, the message's first words]. */
	function notes(trace: Awaited<ReturnType<typeof record>>['trace']) {
		return eventsOf(trace, 'warning')
			.filter((event) => event.category === 'version_change')
			.map((event) => [event.since, event.line, event.message.slice(0, 24)]);
	}

	it('explains a module-level get_event_loop(), beside the error it raises', async () => {
		const { trace } = await record(
			program([
				'import asyncio',
				'async def main():',
				'    print("hi")',
				'loop = asyncio.get_event_loop()',
				'loop.run_until_complete(main())'
			])
		);
		// 3.11 prints hi: it made a loop.
		expect(trace.result.error).toMatchObject({ type: 'RuntimeError', line: 4 });
		expect(trace.result.message).toContain('raises RuntimeError since Python 3.14');
		expect(trace.result.message).toContain('asyncio.run(main())');
		expect(notes(trace)).toEqual([['3.14', 4, 'asyncio.get_event_loop()']]);
	});

	it('notes wait_for on a coroutine, the policy system and eager tasks, once a line', async () => {
		const { trace } = await record(
			program([
				'import asyncio',
				'async def who():',
				'    return asyncio.current_task().get_name()',
				'async def main():',
				'    for _ in range(2):',
				'        print(await asyncio.wait_for(who(), timeout=1))',
				'    print(type(asyncio.get_event_loop_policy()).__name__)',
				'    asyncio.get_running_loop().set_task_factory(asyncio.eager_task_factory)',
				'    print(await asyncio.create_task(who()))',
				'asyncio.set_event_loop_policy(None)',
				'asyncio.run(main())'
			])
		);
		// 3.11 prints Task-2, Task-3 (wait_for made a task) and has no eager_task_factory.
		expect(stdoutOf(trace)).toBe('Task-1\nTask-1\n_UnixDefaultEventLoopPolicy\nTask-2\n');
		expect(notes(trace)).toEqual([
			['3.14', 10, 'The event loop policy sy'],
			['3.12', 6, 'asyncio.wait_for() await'],
			['3.14', 7, 'The event loop policy sy'],
			['3.12', 8, 'Eager tasks are new in P']
		]);
	});

	// Each error of an older tutorial's idiom, with the change behind it named in the run's
	// message (3.11 raises the same errors, but a learner's tutorial says it works).
	it.each([
		{
			idiom: 'asyncio.wait on coroutines',
			body: ['    await asyncio.wait([asyncio.sleep(1), asyncio.sleep(2)])'],
			error: 'TypeError',
			note: ['3.11', 'asyncio.wait() takes tas', 'make each a task first']
		},
		{
			idiom: 'loop= on a function',
			body: ['    await asyncio.sleep(1, loop=asyncio.get_running_loop())'],
			error: 'TypeError',
			note: ['3.10', 'The `loop` argument of a', 'leave `loop=...` out']
		},
		{
			idiom: 'loop= on a class',
			body: ['    asyncio.Queue(loop=asyncio.get_running_loop())'],
			error: 'TypeError',
			note: ['3.10', 'The `loop` argument of a', 'leave `loop=...` out']
		},
		{
			idiom: '@asyncio.coroutine',
			body: ['    @asyncio.coroutine', '    def old():', '        yield from asyncio.sleep(1)'],
			error: 'AttributeError',
			note: ['3.11', 'The @asyncio.coroutine d', 'write `async def`']
		}
	])('names the change behind an error of $idiom', async ({ body, error, note }) => {
		const { trace } = await record(
			program(['import asyncio', 'async def main():', ...body, 'asyncio.run(main())'])
		);
		const [since, start, fix] = note;
		expect(trace.result.error).toMatchObject({ type: error, line: 3 });
		expect(trace.result.message).toContain(`The fix: ${fix}`);
		expect(notes(trace)).toEqual([[since, 3, start]]);
	});

	it('notes asyncio.iscoroutinefunction, deprecated in 3.14', async () => {
		const { trace } = await record(
			program([
				'import asyncio',
				'async def f():',
				'    pass',
				'print(asyncio.iscoroutinefunction(f))'
			])
		);
		expect(stdoutOf(trace)).toBe('True\n');
		expect(notes(trace)).toEqual([['3.14', 4, 'asyncio.iscoroutinefunct']]);
	});

	it('gives no note for an error that only looks alike', async () => {
		const { trace } = await record(
			program([
				'def f(**kwargs):',
				'    raise TypeError("bad option " + ", ".join(kwargs))',
				'f(loop=1)'
			])
		);
		expect(trace.result.error).toMatchObject({ type: 'TypeError' });
		expect(notes(trace)).toEqual([]);
	});
});

describe('source encoding (PEP 263)', () => {
	const bytes = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

	it('decodes a file by its coding declaration', async () => {
		const { trace } = await record(bytes('# -*- coding: latin-1 -*-\nprint("caf\xe9")\n'));
		expect(stdoutOf(trace)).toBe('café\n');
		expect(trace.source.code).toBe('# -*- coding: latin-1 -*-\nprint("café")\n');
	});

	it('takes UTF-8 bytes without a declaration, as text', async () => {
		const { trace } = await record(new TextEncoder().encode('print("café")\n'));
		expect(stdoutOf(trace)).toBe('café\n');
	});

	it('stops on invalid UTF-8 without a declaration with the SyntaxError of python3', async () => {
		const { trace } = await record(bytes('x = 1\nprint("caf\xe9")\n'), {}, 'prog.py');
		expect(trace.result.error).toMatchObject({ type: 'SyntaxError', line: 2 });
		expect(trace.result.error?.message).toBe(
			"Non-UTF-8 code starting with '\\xe9' in file prog.py on line 2, but no encoding declared; see https://peps.python.org/pep-0263/ for details"
		);
	});

	it('names an unknown encoding as python3 does', async () => {
		const { trace } = await record(bytes('# coding: klingon\nprint(1)\n'));
		expect(trace.result.error?.message).toBe('encoding problem: klingon');
	});
});
