import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { recordedTrace as load } from '../trace/testing/recorded';
import { record } from '../recorder/testing';
import type { Trace } from '../trace/schema';
import { parseTrace } from '../trace/validate';
import { compareRuns, runFacts } from './compare';
import { describeComparison, describeRun } from './compare-text';
import { criticalPath } from './critical-path';
import { FIXTURES } from './testing/fixtures';
import { maxOverlap, unionLength } from './waits';

const labelOf = (trace: Trace, task: number) => trace.tasks[task].label;

// Every recorded trace there is: the examples' and the recorder corpus'.
const corpus = new URL('../../../tests/corpus/', import.meta.url);
const shipped: [string, Trace][] = [
	...readdirSync(new URL('../../../traces/', import.meta.url))
		.filter((name) => name.endsWith('.json'))
		.map((name): [string, Trace] => [name, load(name.replace(/\.json$/, ''))]),
	...readdirSync(corpus)
		.filter((name) => name.endsWith('.trace.json'))
		.map((name): [string, Trace] => {
			const parsed = parseTrace(readFileSync(new URL(name, corpus), 'utf8'));
			if (!parsed.ok) throw new Error(`${name}: ${parsed.error}`);
			return [name, parsed.trace];
		})
];

describe('union and overlap of intervals', () => {
	it('counts overlapping time once and touching intervals as one after another', () => {
		const spans = [
			{ start: 0, end: 0.5 },
			{ start: 0.5, end: 1 },
			{ start: 0.25, end: 0.75 },
			{ start: 2, end: 3 }
		];
		expect(unionLength(spans)).toBeCloseTo(2, 12);
		expect(maxOverlap(spans)).toBe(2);
		expect(maxOverlap([spans[0], spans[1]])).toBe(1);
		expect(unionLength([])).toBe(0);
		expect(maxOverlap([{ start: 1, end: 1 }])).toBe(0);
	});
});

describe('the facts of one run', () => {
	it('one by one: the main task sleeps three times in a row, nothing overlaps', () => {
		const trace = load('get_users_one_by_one');
		const facts = runFacts(trace);
		expect(facts.duration).toBeCloseTo(1.5, 9);
		expect(facts.tasks).toBe(1);
		expect(facts.path.map((step) => [step.task, step.kind, step.start, step.end])).toEqual([
			[0, 'sleep', 0, 0.5],
			[0, 'sleep', 0.5, 1],
			[0, 'sleep', 1, 1.5]
		]);
		expect(facts.path.every((step) => step.via === null && step.alongside === 0)).toBe(true);
		expect(facts.pathTime).toBeCloseTo(1.5, 9);
		expect(facts.waits).toMatchObject({ count: 3, maxAtOnce: 1 });
		expect(facts.waits.total).toBeCloseTo(1.5, 9);
		expect(facts.waits.union).toBeCloseTo(1.5, 9);
		expect(facts.sleeps.count).toBe(3);
		expect(facts.sleeps.requested).toBeCloseTo(1.5, 9);
		expect(facts.blocking).toEqual({ count: 0, total: 0 });
	});

	it('gather: three sleeps at once; the path runs through the fetch that finished last', () => {
		const trace = load('get_users_batch');
		const facts = runFacts(trace);
		expect(facts.duration).toBeCloseTo(0.5, 9);
		expect(facts.tasks).toBe(4);
		expect(facts.path).toHaveLength(1);
		const [step] = facts.path;
		expect(labelOf(trace, step.task)).toBe('fetch_user(3)');
		expect([step.kind, step.start, step.end]).toEqual(['sleep', 0, 0.5]);
		expect(step.via).toMatchObject({ waiter: 0, kind: 'gather', tasks: 3 });
		expect(step.alongside).toBe(2); // the other two fetches' sleeps
		expect(facts.waits).toMatchObject({ count: 3, maxAtOnce: 3 });
		expect(facts.waits.total).toBeCloseTo(1.5, 9);
		expect(facts.waits.union).toBeCloseTo(0.5, 9);
		expect(facts.sleeps.requested).toBeCloseTo(1.5, 9);
	});

	it('sequential then gather in one program: four steps on the path, the last under gather', () => {
		const facts = runFacts(load('sequential_vs_gather'));
		expect(facts.duration).toBeCloseTo(2, 9);
		expect(facts.path.map((step) => [step.start, step.end, step.via?.kind ?? null])).toEqual([
			[0, 0.5, null],
			[0.5, 1, null],
			[1, 1.5, null],
			[1.5, 2, 'gather']
		]);
		expect(facts.pathTime).toBeCloseTo(facts.duration, 9);
		expect(facts.waits.total).toBeCloseTo(3, 9);
		expect(facts.waits.union).toBeCloseTo(2, 9);
		expect(facts.waits.maxAtOnce).toBe(3);
	});

	it.each(shipped)(
		'%s: the critical path is ordered, disjoint, and explains the whole run',
		(_, trace) => {
			const facts = runFacts(trace);
			for (let k = 1; k < facts.path.length; k++)
				expect(facts.path[k].start).toBeGreaterThanOrEqual(facts.path[k - 1].end - 1e-9);
			expect(facts.pathTime).toBeCloseTo(facts.duration, 9);
			expect(facts.waits.union).toBeLessThanOrEqual(facts.waits.total + 1e-9);
			expect(facts.waits.union).toBeLessThanOrEqual(facts.duration + 1e-9);
		}
	);

	it('a program that runs several main tasks: the path goes through each of them', () => {
		const runner = shipped.find(([name]) => name === 'runner.trace.json')?.[1];
		if (!runner) throw new Error('tests/corpus/runner.trace.json is missing');
		const roots = runner.tasks.filter((task) => task.parent === null).map((task) => task.id);
		expect(roots.length).toBeGreaterThan(1);
		const onPath = new Set(criticalPath(runner).map((step) => step.task));
		for (const root of roots) expect(onPath.has(root)).toBe(true);
	});

	it('a blocking time.sleep is on the path and counted as blocking, not as a wait', () => {
		const facts = runFacts(FIXTURES.blockingSleep());
		expect(facts.blocking).toEqual({ count: 1, total: 1 });
		expect(facts.path.map((step) => step.kind)).toContain('blocking');
	});

	it('a task created early and awaited late: the path follows the task, not the overlapped sleep', async () => {
		const { trace } = await record(`import asyncio


async def slow():
    await asyncio.sleep(2)


async def main():
    task = asyncio.create_task(slow())
    await asyncio.sleep(1)
    await task


asyncio.run(main())
`);
		const path = criticalPath(trace);
		expect(path.map((step) => [labelOf(trace, step.task), step.start, step.end])).toEqual([
			['slow()', 0, 2]
		]);
		expect(path[0].via).toMatchObject({ waiter: 0, kind: 'task', tasks: 1 });
		const facts = runFacts(trace);
		expect(facts.waits.total).toBeCloseTo(3, 9);
		expect(facts.waits.union).toBeCloseTo(2, 9);
		expect(facts.waits.maxAtOnce).toBe(2);
	});

	it('a parent cycle from a tampered trace ends the walk instead of looping', () => {
		const trace = FIXTURES.getUsersBatch();
		const tampered: Trace = {
			...trace,
			tasks: trace.tasks.map((task) => ({ ...task, parent: task.id === 0 ? 1 : 0 }))
		};
		expect(Array.isArray(criticalPath(tampered))).toBe(true);
	});
});

describe('comparing two runs', () => {
	it('one by one vs gather: the same 1.5 s of sleeping, overlapped under gather: 1.0 s faster', () => {
		const comparison = compareRuns(load('get_users_one_by_one'), load('get_users_batch'));
		expect(comparison.faster).toBe('b');
		expect(comparison.difference).toBeCloseTo(-1, 9);
		expect(comparison.ratio).toBeCloseTo(3, 9);
		expect(comparison.cause.kind).toBe('overlap');
		if (comparison.cause.kind === 'overlap') {
			expect(comparison.cause.faster).toBe('b');
			expect(comparison.cause.overlapped).toBeCloseTo(1, 9);
		}
	});

	it('the other way round names run A as the faster', () => {
		const comparison = compareRuns(load('get_users_batch'), load('get_users_one_by_one'));
		expect(comparison.faster).toBe('a');
		expect(comparison.difference).toBeCloseTo(1, 9);
		expect(comparison.cause).toMatchObject({ kind: 'overlap', faster: 'a' });
	});

	it('a run against itself: the same', () => {
		const trace = load('get_users_batch');
		expect(compareRuns(trace, trace)).toMatchObject({
			faster: null,
			difference: 0,
			ratio: 1,
			cause: { kind: 'same' }
		});
	});

	it('fewer sleeps: one fetch vs three one by one is less waiting, not overlap', () => {
		const comparison = compareRuns(load('fetch_user'), load('get_users_one_by_one'));
		expect(comparison.faster).toBe('a');
		expect(comparison.cause.kind).toBe('less-waiting');
		if (comparison.cause.kind === 'less-waiting') expect(comparison.cause.less).toBeCloseTo(1, 9);
	});

	it('time.sleep instead of asyncio.sleep under gather: the blocking calls are the cause', async () => {
		const program = (sleep: string) => `import asyncio
import time


async def fetch(n):
    ${sleep}


async def main():
    await asyncio.gather(fetch(1), fetch(2), fetch(3))


asyncio.run(main())
`;
		const good = (await record(program('await asyncio.sleep(0.5)'))).trace;
		const bad = (await record(program('time.sleep(0.5)'))).trace;
		const comparison = compareRuns(good, bad);
		expect(comparison.faster).toBe('a');
		expect(comparison.b.duration).toBeCloseTo(1.5, 9);
		expect(comparison.b.blocking).toMatchObject({ count: 3 });
		expect(comparison.cause).toMatchObject({ kind: 'blocking', slower: 'b' });
		if (comparison.cause.kind === 'blocking') expect(comparison.cause.blocked).toBeCloseTo(1.5, 9);
		expect(comparison.b.path.map((step) => step.kind)).toEqual([
			'blocking',
			'blocking',
			'blocking'
		]);
	});
});

describe('the words of a comparison', () => {
	const a = load('get_users_one_by_one');
	const b = load('get_users_batch');
	const text = describeComparison(
		compareRuns(a, b),
		{ name: 'A', trace: a },
		{ name: 'B', trace: b }
	);

	it('say the difference, each run’s path and the cause, from the facts', () => {
		expect(text.headline).toBe('B is 1 s faster: 0.5 s instead of 1.5 s (3× as fast).');
		expect(text.a).toBe(
			'A: `get_users_one_by_one()` waits on `asyncio.sleep(0.5)` 3 times, one after another (1.5 s).'
		);
		expect(text.b).toContain('a gather of 3 tasks');
		expect(text.b).toContain('`fetch_user(3)`, which waits on `asyncio.sleep(0.5)` (0.5 s)');
		expect(text.because).toBe(
			'Both wait about as long in all (1.5 s each), but A waits on one thing at a time, while B waits on up to 3 at once: 1 s of waiting overlaps.'
		);
	});

	it('equal runs take the same time', () => {
		const same = describeComparison(
			compareRuns(b, b),
			{ name: 'A', trace: b },
			{ name: 'B', trace: b }
		);
		expect(same.headline).toBe('A and B take the same time: 0.5 s.');
	});

	it('a run that never waits says so', () => {
		const trace: Trace = { ...b, events: [], result: { status: 'ok', duration: 0 } };
		expect(describeRun(runFacts(trace), { name: 'A', trace })).toBe(
			'A never waits: it takes 0 s of virtual time.'
		);
	});
});

describe('the words when blocking calls are involved', () => {
	it('time.sleep under gather takes as long as one after another, and the words say why', async () => {
		const blocking = (
			await record(`import asyncio
import time


async def fetch(n):
    time.sleep(0.5)


async def main():
    await asyncio.gather(fetch(1), fetch(2), fetch(3))


asyncio.run(main())
`)
		).trace;
		const oneByOne = load('get_users_one_by_one');
		const comparison = compareRuns(oneByOne, blocking);
		expect(comparison).toMatchObject({ faster: null, cause: { kind: 'same' } });
		const text = describeComparison(
			comparison,
			{ name: 'A', trace: oneByOne },
			{ name: 'B', trace: blocking }
		);
		expect(text.headline).toBe('A and B take the same time: 1.5 s.');
		expect(text.because).toBe(
			'Both take as long: A waits on one thing at a time; B blocks the event loop for 1.5 s (3 blocking calls, such as time.sleep): no other task can move meanwhile.'
		);
		expect(text.b).toContain('blocks the whole loop with `time.sleep(0.5)`');
	});
});
