/**
 * Values, sync primitives, plain-def frames and the await graph, recorded in Pyodide (3.14):
 * the await graph the model draws at a step is the one `asyncio.capture_call_graph()` reports
 * when the program asks for it at that step.
 */
import { describe, expect, it } from 'vitest';
import { awaitGraph } from '../model/await-graph';
import { buildIndex } from '../model/build-index';
import { seek } from '../model/seek';
import { eventsOf, record } from './testing';

// Each `graph` line: a task, then the names of the tasks awaiting it (its awaited_by).
const GRAPH_PROGRAM = `
import asyncio

def show(task):
    graph = asyncio.capture_call_graph(task)
    names = sorted(g.future.get_name() for g in graph.awaited_by)
    print("graph", task.get_name(), ",".join(names) or "-")

async def leaf(delay):
    await asyncio.sleep(delay)
    return delay

async def middle():
    inner = asyncio.create_task(leaf(0.3), name="inner")
    await asyncio.sleep(0.05)
    show(inner)
    return await inner

async def main():
    a = asyncio.create_task(leaf(0.1), name="a")
    b = asyncio.create_task(middle(), name="b")
    await asyncio.sleep(0)
    show(a)
    results = asyncio.gather(a, b)
    await asyncio.sleep(0)
    await asyncio.sleep(0.01)
    spy = asyncio.create_task(spy_on(a, b), name="spy")
    print(await results)
    await spy

async def spy_on(a, b):
    show(a)
    show(b)
    await asyncio.sleep(0.2)
    show(b)
    show(next(t for t in asyncio.all_tasks() if t.get_name() == "inner"))

asyncio.run(main(), debug=False)
`;

describe('the await graph', () => {
	it('agrees with asyncio.capture_call_graph at every point the program asks', async () => {
		const { trace } = await record(GRAPH_PROGRAM);
		expect(trace.result.status).toBe('ok');
		const index = buildIndex(trace);
		const asked = eventsOf(trace, 'stdout').filter((event) => event.text.startsWith('graph '));
		expect(asked.length).toBe(6);
		const byName = new Map(trace.tasks.map((task) => [task.name, task.id]));
		for (const event of asked) {
			const [, name, by] = event.text.trim().split(' ');
			const graph = awaitGraph(seek(index, event.seq).tasks);
			const node = graph.nodes.find((entry) => entry.task === byName.get(name));
			const names = (node?.awaitedBy ?? []).map((id) => trace.tasks[id].name).sort();
			expect(names.join(',') || '-', event.text).toBe(by);
		}
		// The points asked cover no waiter, a task awaited directly, and a gather's children.
		expect(asked.map((event) => event.text.trim())).toEqual([
			'graph a -',
			'graph a Task-1',
			'graph b Task-1',
			'graph inner -',
			'graph b Task-1',
			'graph inner b'
		]);
	});
});

describe('primitives', () => {
	it('follows a lock from its first holder to the next, and stops at 20 primitives', async () => {
		const { trace } = await record(`
import asyncio
locks = [asyncio.Lock() for _ in range(25)]
gate = asyncio.Lock()

async def hold(n):
    async with gate:
        await asyncio.sleep(0.1)

async def main():
    await asyncio.gather(hold(1), hold(2))

asyncio.run(main())
`);
		expect(trace.primitives).toHaveLength(20);
		// The list comprehension's locks come first; the 21st, gate, is not tracked.
		expect(trace.primitives?.every((p) => p.kind === 'lock' && p.line === 3)).toBe(true);
	});

	it('names each primitive by its variable and records a lock holder as the task whose step took it', async () => {
		const { trace } = await record(`
import asyncio

async def hold(lock, name):
    async with lock:
        await asyncio.sleep(0.1)

async def main():
    lock = asyncio.Lock()
    queue = asyncio.Queue(maxsize=3)
    for word in ("a", "bb", "c" * 40):
        queue.put_nowait(word)
    await asyncio.gather(hold(lock, "x"), hold(lock, "y"))

asyncio.run(main())
`);
		expect(trace.primitives).toEqual([
			{ id: 0, kind: 'lock', name: 'lock', line: 9 },
			{ id: 1, kind: 'queue', name: 'queue', line: 10, maxsize: 3 }
		]);
		const syncs = trace.events.flatMap((event) =>
			(event.kind === 'suspend' || event.kind === 'task_done') && event.sync
				? event.sync.map((state) => ({ task: event.task, state }))
				: []
		);
		const queue = syncs.find((entry) => entry.state.id === 1)?.state;
		expect(queue?.items).toEqual(["'a'", "'bb'", "'cccccccccccccccccccccc…"]);
		expect(queue?.size).toBe(3);
		const holders = syncs
			.filter((entry) => entry.state.id === 0 && entry.state.locked)
			.map((entry) => [entry.task, entry.state.holder]);
		expect(holders).toEqual([
			[1, 1],
			[2, 1],
			[2, 2]
		]);
	});
});

describe('values and plain frames', () => {
	it('says what a frame returns, a coroutine object as one, and plain calls as frames', async () => {
		const { trace } = await record(`
import asyncio

def double(n):
    return n * 2

async def fetch():
    await asyncio.sleep(0.1)
    return {"n": double(21)}

async def get():
    return fetch()

async def main():
    coro = await get()
    print(await coro)

asyncio.run(main())
`);
		const returns = eventsOf(trace, 'coro_return').map((event) => [
			event.coro,
			event.value,
			event.plain ?? false
		]);
		expect(returns).toEqual([
			['get', '<coroutine object fetch>', false],
			['double', '42', true],
			['fetch', "{'n': 42}", false]
		]);
		const calls = eventsOf(trace, 'coro_call').map((event) => [event.coro, event.plain ?? false]);
		expect(calls).toEqual([
			['get', false],
			['fetch', false],
			['double', true]
		]);
		const index = buildIndex(trace);
		const inDouble = eventsOf(trace, 'line').find((event) => event.line === 5)!;
		const stack = seek(index, inDouble.seq).tasks[0].stack.map((frame) => frame.name);
		expect(stack).toEqual(['main', 'fetch', 'double']);
		expect(seek(index, inDouble.seq).narration).toContain('`double()` (called by `fetch()` in');
	});
});
