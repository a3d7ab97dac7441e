import { describe, expect, it } from 'vitest';
import type { Trace } from '../trace/schema';
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
import { seek } from './seek';
import { syntheticTrace } from './testing/synthetic';
import { expectSeekMatchesReplay } from './testing';

const states = (trace: Trace, cursor: number): string[] =>
	seek(buildIndex(trace), cursor).tasks.map((task) => task.state);

describe('seek on get_users_batch', () => {
	const index = buildIndex(getUsersBatch());
	const at = (cursor: number) => seek(index, cursor);

	it('starts with main created and queued, before the loop runs', () => {
		const s = at(0);
		expect(s.event?.kind).toBe('task_created');
		expect(s.iteration).toBe(-1);
		expect(s.running).toBeNull();
		expect(s.tasks.map((task) => task.state)).toEqual([
			'created',
			'not_created',
			'not_created',
			'not_created'
		]);
		expect(s.ready).toEqual([expect.objectContaining({ task: 0, inferred: true })]);
		expect(s.output).toEqual([]);
	});

	it('runs main, which gathers three new tasks and waits on the gather', () => {
		expect(at(3)).toMatchObject({ running: 0, line: 11, iteration: 0 });
		expect(at(3).tasks[0]).toMatchObject({ state: 'running', line: 11, since: 0, sinceSeq: 2 });
		const s = at(7);
		expect(s.running).toBeNull();
		expect(s.tasks.map((task) => task.state)).toEqual(['waiting', 'created', 'created', 'created']);
		expect(s.tasks[0]).toMatchObject({
			awaits: { kind: 'gather', tasks: [1, 2, 3] },
			line: 11,
			chain: [{ coro: 'get_users_batch', line: 11 }],
			until: null
		});
		// The gather's children were queued by their creation, in order.
		expect(s.ready.map((item) => item.task)).toEqual([1, 2, 3]);
	});

	it('takes each fetch off the front of the queue, and sets a timer when it sleeps', () => {
		const s = at(13);
		expect(s.iteration).toBe(1);
		expect(s.tasks[1]).toMatchObject({
			state: 'waiting',
			awaits: { kind: 'sleep', until: 0.5 },
			since: 0,
			until: 0.5,
			line: 6
		});
		expect(s.ready.map((item) => item.task)).toEqual([2, 3]);
		expect(s.timers).toEqual([expect.objectContaining({ when: 0.5, task: 1 })]);
		expect(s.output).toEqual([{ text: 'Fetching user 1...', task: 1, stream: 'stdout', seq: 11 }]);
		expect(at(10)).toMatchObject({ running: 1, line: 5 });
		expect(at(10).tasks[1]).toMatchObject({ state: 'running', line: 5 });
	});

	it('has every task waiting and three timers in the order they were set', () => {
		const s = at(23);
		expect(s.tasks.map((task) => task.state)).toEqual(['waiting', 'waiting', 'waiting', 'waiting']);
		expect(s.ready).toEqual([]);
		expect(s.timers.map((timer) => timer.task)).toEqual([1, 2, 3]);
		expect(s.output.map((line) => line.text)).toEqual(
			[1, 2, 3].map((n) => `Fetching user ${n}...`)
		);
	});

	it('jumps to t = 0.5; each timer is due, and its callback queues the fetch wake-up', () => {
		expect(at(24)).toMatchObject({ t: 0.5, iteration: 2, timers: [] });
		// The timer callbacks concern the sleepers, but they are not the sleepers' steps.
		expect(at(24).ready.map((item) => [item.task, item.what])).toEqual(
			[1, 2, 3].map((task) => [task, 'sleep_done'])
		);
		// A sleeper whose timer is due is ready from the iteration that runs its callback.
		expect(at(24).tasks.map((task) => task.state)).toEqual(['waiting', 'ready', 'ready', 'ready']);
		expect(at(25).ready.map((item) => [item.task, item.what])).toEqual([
			[2, 'sleep_done'],
			[3, 'sleep_done'],
			[1, 'wakeup']
		]);
		const s = at(28);
		expect(s.tasks.slice(1).map((task) => task.state)).toEqual(['ready', 'ready', 'ready']);
		expect(s.tasks[1]).toMatchObject({ since: 0.5, sinceSeq: 24, awaits: { kind: 'sleep' } });
		expect(s.ready.map((item) => [item.task, item.what])).toEqual([
			[1, 'wakeup'],
			[2, 'wakeup'],
			[3, 'wakeup']
		]);
	});

	it('marks children done, and wakes main last', () => {
		const s = at(34);
		expect(s.tasks.map((task) => task.state)).toEqual(['waiting', 'done', 'done', 'ready']);
		expect(s.tasks[1].value).toBe("{'id': 1, 'name': 'User 1'}");
		expect(at(41).tasks[0].state).toBe('waiting');
		expect(at(42).tasks[0].state).toBe('ready');
		expect(at(43)).toMatchObject({ running: 0, line: 11 });
	});

	it('ends with everything done, the output complete and the run finished', () => {
		const s = at(47);
		expect(s.finished).toBe(true);
		expect(s.tasks.every((task) => task.state === 'done')).toBe(true);
		expect(s.output.map((line) => line.text)).toEqual([
			'Fetching user 1...',
			'Fetching user 2...',
			'Fetching user 3...',
			'Got 3 users'
		]);
	});

	it('clamps the cursor', () => {
		expect(at(-5).cursor).toBe(0);
		expect(at(1e9).cursor).toBe(47);
		expect(at(Number.NaN).cursor).toBe(0);
		expect(at(3.7).cursor).toBe(3);
	});
});

describe('seek on other programs', () => {
	it('shows a blocking call as blocked, until the next event', () => {
		const index = buildIndex(blockingSleep());
		const s = seek(index, 13);
		expect(s.tasks[2]).toMatchObject({ state: 'blocked', since: 0, until: 1, line: 11 });
		expect(s.blocking).toMatchObject({ task: 2, label: 'time.sleep(1)', start: 0, end: 1 });
		expect(s.running).toBe(2);
		expect(seek(index, 14).tasks[2]).toMatchObject({ state: 'running', since: 1 });
		expect(seek(index, 14).blocking).toBeNull();
	});

	it('wakes a task that awaits another task as soon as it ends, and tracks yields and threads', () => {
		const index = buildIndex(awaitAndThread());
		expect(seek(index, 6).tasks[0]).toMatchObject({
			state: 'waiting',
			awaits: { kind: 'task', tasks: [1] }
		});
		// asyncio.sleep(0): straight back to the ready queue.
		expect(seek(index, 10).tasks[1]).toMatchObject({ state: 'ready', awaits: { kind: 'yield' } });
		expect(seek(index, 10).ready.map((item) => item.task)).toEqual([1]);
		expect(seek(index, 15).threads).toEqual([
			{ worker: 0, task: 1, label: 'crunch(10)', since: 0, sinceSeq: 15 }
		]);
		expect(seek(index, 18).threads).toEqual([]);
		const done = seek(index, 24);
		expect(done.tasks[0]).toMatchObject({ state: 'ready', sinceSeq: 24 });
		expect(done.ready).toEqual([expect.objectContaining({ task: 0, inferred: true })]);
	});

	it('leaves a deadlocked task waiting at the end', () => {
		expect(states(deadlock(), 6)).toEqual(['waiting']);
	});

	it('records a failure with its exception, and cuts an unfinished line at the cursor', () => {
		const index = buildIndex(failing());
		expect(seek(index, 4).output).toEqual([{ text: 'divid', task: 0, stream: 'stderr', seq: 4 }]);
		expect(seek(index, 5).output).toEqual([
			{ text: 'dividing', task: 0, stream: 'stderr', seq: 4 }
		]);
		expect(seek(index, 7).tasks[0]).toMatchObject({
			state: 'failed',
			line: 7,
			error: { type: 'ZeroDivisionError', message: 'division by zero' }
		});
	});

	it('marks a cancelled task and drops its pending timer', () => {
		const b = new TraceBuilder('import asyncio\n');
		const a = b.task('sleepy()', null, 1);
		b.iteration([a])
			.start(a, 1)
			.suspend(a, 1, { kind: 'sleep', label: 'asyncio.sleep(5)', until: 5 });
		expect(seek(buildIndex(b.build()), 3).timers).toHaveLength(1);
		b.iteration(['cancel']).callback('cancel').iteration([a]).start(a, 1).cancel(a, 1);
		const s = seek(buildIndex(b.build()), 8);
		expect(s.tasks[0].state).toBe('cancelled');
		expect(s.timers).toEqual([]);
	});

	it('handles an empty trace', () => {
		const s = seek(buildIndex(new TraceBuilder('').build()), 0);
		expect(s).toMatchObject({
			cursor: 0,
			event: null,
			tasks: [],
			ready: [],
			output: [],
			finished: true
		});
		expect(s.narration).toBe('The program finishes at t = 0 s of virtual time.');
	});
});

describe('seek is consistent with replaying from scratch', () => {
	const traces: [string, Trace][] = [
		...Object.entries(FIXTURES).map(([name, make]): [string, Trace] => [name, make()]),
		['synthetic', syntheticTrace({ events: 1_500, workers: 12, seed: 5 })]
	];

	it.each(traces)('%s: every cursor equals a fresh replay of events 0..cursor', (_, trace) => {
		expectSeekMatchesReplay(buildIndex(trace, { checkpointEvery: 13 }));
	});

	it.each(traces)('%s: snapshots do not depend on the checkpoint spacing', (_, trace) => {
		const scratch = buildIndex(trace, { checkpointEvery: Number.MAX_SAFE_INTEGER });
		const dense = buildIndex(trace, { checkpointEvery: 1 });
		const normal = buildIndex(trace);
		for (let i = 0; i < trace.events.length; i++) {
			const expected = seek(scratch, i);
			expect(seek(dense, i)).toEqual(expected);
			expect(seek(normal, i)).toEqual(expected);
		}
	});

	it('seeking backwards and forwards gives the same snapshot (no shared mutation)', () => {
		const index = buildIndex(getUsersBatch(), { checkpointEvery: 4 });
		const first = seek(index, 30);
		const copy = structuredClone(first);
		for (const cursor of [47, 0, 29, 31, 12]) seek(index, cursor);
		expect(seek(index, 30)).toEqual(copy);
	});
});
