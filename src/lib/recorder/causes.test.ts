/**
 * The v2 facts the recorder writes: why each step starts (`cause`), who cancels whom
 * (`cancel` events), what each ready entry is (`what`), a TaskGroup's own awaitable, and
 * the locals of a suspended frame. Each checked on a small real program.
 */
import { describe, expect, it } from 'vitest';
import type { Trace } from '../trace/schema';
import { eventsOf, program, record, taskId } from './testing';

/** The causes of `task`'s steps, in order. */
function causes(trace: Trace, task: number) {
	return eventsOf(trace, 'step_start')
		.filter((event) => event.task === task)
		.map((event) => event.cause);
}

/** The head of a program whose slow() sleeps 5 s: long enough to be cancelled first. */
const SLOW = ['import asyncio', 'async def slow():', '    await asyncio.sleep(5)'];

describe('step causes', () => {
	it('start, a sleep(0) yield, and a sleep whose timer completed it', async () => {
		const { trace } = await record(
			program([
				'import asyncio',
				'async def main():',
				'    await asyncio.sleep(0)',
				'    await asyncio.sleep(0.1)',
				'asyncio.run(main())'
			])
		);
		expect(causes(trace, 0)).toEqual([
			{ kind: 'start' },
			{ kind: 'yield' },
			{ kind: 'awaited', outcome: 'result' }
		]);
	});

	it('an awaited task: its result, or the exception raised into the awaiting task', async () => {
		const { trace } = await record(
			program([
				'import asyncio',
				'async def ok():',
				'    return 42',
				'async def bad():',
				'    raise KeyError("k")',
				'async def main():',
				'    await asyncio.create_task(ok())',
				'    try:',
				'        await asyncio.create_task(bad())',
				'    except KeyError:',
				'        pass',
				'asyncio.run(main())'
			])
		);
		const [, first, second] = causes(trace, 0);
		expect(first).toEqual({
			kind: 'awaited',
			task: taskId(trace, 'ok()'),
			outcome: 'result',
			value: '42'
		});
		expect(second).toEqual({
			kind: 'awaited',
			task: taskId(trace, 'bad()'),
			outcome: 'exception',
			error: { type: 'KeyError', message: "'k'" }
		});
	});

	it('gather: a failing child raises into the caller at once; return_exceptions hands it back as a value', async () => {
		const { trace } = await record(
			program([
				'import asyncio',
				'async def job(n, fail):',
				'    await asyncio.sleep(n / 10)',
				'    if fail:',
				'        raise ValueError(n)',
				'    return n',
				'async def main():',
				'    await asyncio.gather(job(1, True), job(2, False), return_exceptions=True)',
				'    try:',
				'        await asyncio.gather(job(3, True), job(4, False))',
				'    except ValueError:',
				'        pass',
				'asyncio.run(main())'
			])
		);
		const [, kept, raised] = causes(trace, 0);
		expect(kept).toEqual({ kind: 'awaited', outcome: 'result', value: '[ValueError(1), 2]' });
		expect(raised).toMatchObject({
			kind: 'awaited',
			outcome: 'exception',
			task: taskId(trace, 'job(3, True)'),
			error: { type: 'ValueError' }
		});
		// job(4) still sleeps when main resumes: gather does not cancel it.
		const resumed = eventsOf(trace, 'step_start').filter((event) => event.task === 0)[2].seq;
		const job4 = taskId(trace, 'job(4, False)');
		const job4Done = eventsOf(trace, 'task_done').find((event) => event.task === job4);
		expect(job4Done?.seq).toBeGreaterThan(resumed);
	});

	it('a wait_for timeout cancels the waiting task from a timer callback', async () => {
		const { trace } = await record(
			program([
				...SLOW,
				'async def main():',
				'    try:',
				'        await asyncio.wait_for(slow(), 0.5)',
				'    except TimeoutError:',
				'        print("timed out")',
				'asyncio.run(main())'
			])
		);
		expect(eventsOf(trace, 'cancel')).toMatchObject([
			{ task: 0, by: null, via: 'timeout', t: 0.5 }
		]);
		expect(causes(trace, 0).at(-1)).toEqual({ kind: 'cancel', by: null, via: 'timeout' });
		const iterations = eventsOf(trace, 'loop_iteration');
		expect(
			iterations.some((it) => it.ready.some((item) => item.what === 'timeout' && item.task === 0))
		).toBe(true);
	});

	it('task.cancel(): who cancelled whom and on which line; the awaiting task gets CancelledError', async () => {
		const { trace } = await record(
			program([
				...SLOW,
				'async def main():',
				'    t = asyncio.create_task(slow())',
				'    await asyncio.sleep(0.1)',
				'    t.cancel()',
				'    try:',
				'        await t',
				'    except asyncio.CancelledError:',
				'        pass',
				'asyncio.run(main())'
			])
		);
		const slow = taskId(trace, 'slow()');
		expect(eventsOf(trace, 'cancel')).toMatchObject([{ task: slow, by: 0, via: 'call', line: 7 }]);
		expect(causes(trace, slow).at(-1)).toEqual({ kind: 'cancel', by: 0, via: 'call' });
		expect(causes(trace, 0).at(-1)).toEqual({ kind: 'awaited', task: slow, outcome: 'cancelled' });
	});

	it('a TaskGroup: its own awaitable kind, and a failing child cancels its siblings and the body', async () => {
		const { trace } = await record(
			program([
				'import asyncio',
				'async def job(n, fail):',
				'    await asyncio.sleep(n)',
				'    if fail:',
				'        raise ValueError(n)',
				'async def main():',
				'    try:',
				'        async with asyncio.TaskGroup() as tg:',
				'            tg.create_task(job(1, True))',
				'            tg.create_task(job(5, False))',
				'    except* ValueError:',
				'        pass',
				'asyncio.run(main())'
			])
		);
		const failing = taskId(trace, 'job(1, True)');
		const sibling = taskId(trace, 'job(5, False)');
		expect(eventsOf(trace, 'suspend').find((event) => event.task === 0)?.awaits).toMatchObject({
			kind: 'taskgroup',
			tasks: [failing, sibling]
		});
		expect(eventsOf(trace, 'cancel')).toMatchObject([
			{ task: sibling, by: failing, via: 'taskgroup' },
			{ task: 0, by: failing, via: 'taskgroup' }
		]);
		expect(eventsOf(trace, 'task_done').find((event) => event.task === sibling)?.outcome).toBe(
			'cancelled'
		);
	});
});

describe('call stacks', () => {
	it('the innermost frame of a suspended chain carries a few locals, shortened', async () => {
		const { trace } = await record(
			program([
				'import asyncio',
				'async def fetch(user_id, _hidden=1):',
				'    name = "x" * 100',
				'    await asyncio.sleep(0.1)',
				'async def main():',
				'    await fetch(7)',
				'asyncio.run(main())'
			])
		);
		const suspend = eventsOf(trace, 'suspend')[0];
		expect(suspend.chain.map((frame) => [frame.coro, frame.line])).toEqual([
			['main', 6],
			['fetch', 4]
		]);
		expect(suspend.chain[0].locals).toBeUndefined();
		const locals = suspend.chain[1].locals ?? [];
		expect(locals.map(([name]) => name)).toEqual(['user_id', 'name']);
		expect(locals[0][1]).toBe('7');
		expect(locals[1][1].length).toBeLessThanOrEqual(40);
	});
});
