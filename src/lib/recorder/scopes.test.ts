/**
 * The scope facts the recorder writes (scopes.py, issue #20): each TaskGroup, timeout and
 * shield entered and left, the tasks it covers, a rescheduled deadline, where an except takes
 * a CancelledError or raises it again, and uncancel(). Each on a small real program, in Pyodide.
 */
import { describe, expect, it } from 'vitest';
import { awaitGraph } from '../model/await-graph';
import { buildIndex } from '../model/build-index';
import { collectScopes, groupLinksAt } from '../model/scopes';
import { seek } from '../model/seek';
import { eventsOf, program, record, recordTwiceAlike, stdoutOf } from './testing';

// A scope event without the fields every event has.
function plain<T extends { seq: number; t: number }>(event: T): Partial<T> {
	const rest: Partial<T> = { ...event };
	delete rest.seq;
	delete rest.t;
	return rest;
}

describe('scopes', () => {
	it('a TaskGroup: entered, each task it makes, and left with the ExceptionGroup', async () => {
		const { trace } = await record(
			program([
				'import asyncio',
				'async def ok():',
				'    await asyncio.sleep(0.1)',
				'async def bad():',
				'    raise ValueError("no")',
				'async def main():',
				'    try:',
				'        async with asyncio.TaskGroup() as tg:',
				'            tg.create_task(ok())',
				'            tg.create_task(bad())',
				'    except* ValueError:',
				'        print("caught")',
				'asyncio.run(main())'
			])
		);
		expect(stdoutOf(trace)).toBe('caught\n');
		expect(eventsOf(trace, 'scope').map(plain)).toEqual([
			{
				kind: 'scope',
				op: 'enter',
				task: 0,
				scope: 0,
				scope_kind: 'taskgroup',
				label: 'asyncio.TaskGroup()',
				deadline: null,
				line: 8
			},
			{ kind: 'scope', op: 'add', task: 0, scope: 0, child: 1, line: 9 },
			{ kind: 'scope', op: 'add', task: 0, scope: 0, child: 2, line: 10 },
			{
				kind: 'scope',
				op: 'exit',
				task: 0,
				scope: 0,
				line: 8,
				error: {
					type: 'ExceptionGroup',
					message: 'unhandled errors in a TaskGroup (1 sub-exception)'
				},
				cancelling: 0
			}
		]);
		// The group's cancels, of the other task and of main's body, name it.
		expect(eventsOf(trace, 'cancel').map((e) => [e.task, e.via, e.scope])).toEqual([
			[1, 'taskgroup', 0],
			[0, 'taskgroup', 0]
		]);
	});

	it('a timeout: its deadline, a reschedule, and TimeoutError from the CancelledError', async () => {
		const { trace } = await record(
			program([
				'import asyncio',
				'async def main():',
				'    try:',
				'        async with asyncio.timeout(1) as cm:',
				'            cm.reschedule(asyncio.get_running_loop().time() + 0.25)',
				'            await asyncio.sleep(5)',
				'    except TimeoutError:',
				'        print("late")',
				'asyncio.run(main())'
			])
		);
		const scopes = eventsOf(trace, 'scope');
		expect(scopes.map((e) => [e.op, e.deadline ?? null])).toEqual([
			['enter', 1],
			['deadline', 0.25],
			['exit', null]
		]);
		expect(scopes[0].label).toBe('asyncio.timeout(1)');
		expect(plain(scopes[2])).toMatchObject({
			body: 'CancelledError',
			error: { type: 'TimeoutError' },
			expired: true,
			cancelling: 0
		});
		expect(scopes[2].t).toBe(0.25);
		expect(eventsOf(trace, 'uncancel').map((e) => [e.task, e.cancelling])).toEqual([[0, 0]]);
	});

	it('an except that takes a CancelledError, one that raises it again, and uncancel()', async () => {
		const { trace } = await record(
			program([
				'import asyncio',
				'async def keeps_going():',
				'    try:',
				'        await asyncio.sleep(1)',
				'    except asyncio.CancelledError:',
				'        asyncio.current_task().uncancel()',
				'    return 1',
				'async def cleans_up():',
				'    try:',
				'        await asyncio.sleep(1)',
				'    except asyncio.CancelledError:',
				'        raise',
				'async def passes_through():',
				'    try:',
				'        await asyncio.sleep(1)',
				'    finally:',
				'        pass',
				'async def main():',
				'    tasks = [asyncio.create_task(f()) for f in (keeps_going, cleans_up, passes_through)]',
				'    await asyncio.sleep(0)',
				'    for task in tasks:',
				'        task.cancel()',
				'    results = await asyncio.gather(*tasks, return_exceptions=True)',
				'    print([type(r).__name__ for r in results])',
				'asyncio.run(main())'
			])
		);
		expect(stdoutOf(trace)).toBe("['int', 'CancelledError', 'CancelledError']\n");
		expect(eventsOf(trace, 'cancel_caught').map(plain)).toEqual([
			{ kind: 'cancel_caught', task: 1, op: 'caught', line: 5, cancelling: 1 },
			{ kind: 'cancel_caught', task: 2, op: 'caught', line: 11, cancelling: 1 },
			{ kind: 'cancel_caught', task: 2, op: 'reraised', line: 12, cancelling: 1 }
		]);
		// A finally is not an except: it takes nothing.
		expect(eventsOf(trace, 'cancel_caught').some((e) => e.task === 3)).toBe(false);
		expect(eventsOf(trace, 'uncancel').map((e) => [e.task, e.by, e.cancelling, e.line])).toEqual([
			[1, 1, 0, 6]
		]);
	});

	it('a shield: over the awaiting task and the shielded one, until the shielded one ends', async () => {
		const { trace } = await record(
			program([
				'import asyncio',
				'async def save():',
				'    await asyncio.sleep(0.3)',
				'async def main():',
				'    inner = asyncio.create_task(save())',
				'    try:',
				'        await asyncio.wait_for(asyncio.shield(inner), 0.1)',
				'    except TimeoutError:',
				'        print("gave up")',
				'    await inner',
				'asyncio.run(main())'
			])
		);
		const scopes = eventsOf(trace, 'scope');
		expect(scopes.map((e) => [e.op, e.scope, e.scope_kind ?? null, e.t])).toEqual([
			['enter', 0, 'shield', 0],
			['add', 0, null, 0],
			['enter', 1, 'timeout', 0],
			['exit', 1, null, 0.1],
			['exit', 0, null, 0.3]
		]);
		expect(scopes[2].label).toBe('asyncio.wait_for(0.1)');
	});

	it('puts asyncio back after the run, and records the same run the same way twice', async () => {
		const code = program([
			'import asyncio',
			'async def main():',
			'    async with asyncio.TaskGroup() as tg:',
			'        tg.create_task(asyncio.sleep(0.1))',
			'    print(asyncio.TaskGroup.__aenter__.__qualname__, asyncio.shield.__module__)',
			'asyncio.run(main())'
		]);
		const first = await recordTwiceAlike(code);
		// The program sees asyncio's own names through the recorder's plain wrappers.
		expect(stdoutOf(first.trace)).toBe('TaskGroup.__aenter__ asyncio.tasks\n');
		const check = await record(
			program([
				'import asyncio, asyncio.taskgroups as g',
				'print(asyncio.TaskGroup.__aenter__ is g.TaskGroup.__dict__["__aenter__"])'
			])
		);
		expect(stdoutOf(check.trace)).toBe('True\n');
	});

	it('links a TaskGroup’s task to its owner from create_task on, as capture_call_graph does', async () => {
		// Each `graph` line: a task, then the names of the tasks awaiting it (its awaited_by), asked
		// inside the body of the `async with`, before the owner waits at its end.
		const { trace } = await record(
			program([
				'import asyncio',
				'def show(task):',
				'    graph = asyncio.capture_call_graph(task)',
				'    names = sorted(g.future.get_name() for g in graph.awaited_by)',
				'    print("graph", task.get_name(), ",".join(names) or "-")',
				'async def leaf(delay):',
				'    await asyncio.sleep(delay)',
				'async def sub():',
				'    async with asyncio.TaskGroup() as inner:',
				'        c = inner.create_task(leaf(0.2), name="c")',
				'        show(c)',
				'        await asyncio.sleep(0.01)',
				'        show(c)',
				'        show(asyncio.current_task())',
				'async def main():',
				'    async with asyncio.TaskGroup() as tg:',
				'        a = tg.create_task(leaf(0.01), name="a")',
				'        show(a)',
				'        b = tg.create_task(sub(), name="b")',
				'        await asyncio.sleep(0)',
				'        show(a)',
				'        show(b)',
				'        await asyncio.sleep(0.05)',
				'        show(a)',
				'        show(b)',
				'    show(b)',
				'asyncio.run(main())'
			])
		);
		expect(trace.result.status).toBe('ok');
		const index = buildIndex(trace);
		const facts = collectScopes(trace.events);
		const asked = eventsOf(trace, 'stdout').filter((event) => event.text.startsWith('graph '));
		expect(asked.map((event) => event.text.trim())).toEqual([
			'graph a Task-1',
			'graph c b',
			'graph a Task-1',
			'graph b Task-1',
			'graph c b',
			'graph b Task-1',
			'graph a -',
			'graph b Task-1',
			'graph b -'
		]);
		const byName = new Map(trace.tasks.map((task) => [task.name, task.id]));
		for (const event of asked) {
			const [, name, by] = event.text.trim().split(' ');
			const graph = awaitGraph(seek(index, event.seq).tasks, groupLinksAt(facts, event.seq));
			const node = graph.nodes.find((entry) => entry.task === byName.get(name));
			const names = (node?.awaitedBy ?? []).map((id) => trace.tasks[id].name).sort();
			expect(names.join(',') || '-', event.text).toBe(by);
		}
	});
});
