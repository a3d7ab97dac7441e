import { describe, expect, it } from 'vitest';
import { buildIndex, checkpointDue } from './build-index';
import { apply, emptyWorld } from './replay';
import { seek } from './seek';
import { manyTasksTrace, threadJobsTrace } from './testing/synthetic';
import { expectModelInvariants } from './testing';

// What the checkpoints hold: every task state, ready entry and timer of every copy.
const storedSlots = (index: ReturnType<typeof buildIndex>): number =>
	index.tables.checkpoints.reduce(
		(sum, world) =>
			sum + world.tasks.length + world.ready.length + world.timers.length + world.threads.length,
		0
	);

describe('buildIndex on runs with many tasks', () => {
	it('passes the model invariants with long ready queues and timer lists', () => {
		expectModelInvariants(manyTasksTrace(80));
	});

	it('keeps checkpoints that grow with the events, not with tasks × events', () => {
		const trace = manyTasksTrace(20_000);
		const index = buildIndex(trace);
		const events = trace.events.length;
		// A copy of 20,000 task states every 256 events would be 7.8 million slots.
		expect(storedSlots(index)).toBeLessThanOrEqual(8 * events + 2 * trace.tasks.length);
		expect(index.tables.checkpoints.length).toBeGreaterThan(1);
	});

	it('seeks to the same state whatever the checkpoints', () => {
		const trace = manyTasksTrace(2_000);
		const sparse = buildIndex(trace);
		const dense = buildIndex(trace, { checkpointEvery: 7 });
		for (const cursor of [0, 1, 2_500, 4_001, 6_000, trace.events.length - 1]) {
			const a = seek(sparse, cursor);
			const b = seek(dense, cursor);
			expect([a.tasks, a.ready, a.timers]).toEqual([b.tasks, b.ready, b.timers]);
		}
	});
});

describe('buildIndex on runs with many threads at work', () => {
	it('changes the threads at work in place: no copy of them per event', () => {
		const trace = threadJobsTrace(50);
		const world = emptyWorld(trace.tasks.length);
		const threads = world.threads;
		const ctx = { tasks: trace.tasks, wakes: new Map() };
		for (const event of trace.events) apply(world, event, ctx);
		expect(world.threads).toBe(threads);
		expect(world.threads.length).toBe(50);
	});

	it('keeps checkpoints that grow with the events, not with threads × events', () => {
		// 100,000 jobs on one worker, none finished: the 330 kB link that took 35 s and 933 MB.
		const trace = threadJobsTrace(100_000);
		const index = buildIndex(trace);
		const events = trace.events.length;
		expect(storedSlots(index)).toBeLessThanOrEqual(8 * events + 2 * trace.tasks.length);
		expect(seek(index, events - 1).threads).toHaveLength(100_000);
		expect(seek(index, 2).threads).toHaveLength(0);
	});

	it('ends the oldest job of a worker first, wherever the checkpoints fall', () => {
		const trace = threadJobsTrace(40, 4);
		const sparse = buildIndex(trace);
		const dense = buildIndex(trace, { checkpointEvery: 3 });
		for (const cursor of [0, 5, 17, trace.events.length - 1])
			expect(seek(sparse, cursor).threads).toEqual(seek(dense, cursor).threads);
		expectModelInvariants(trace);
	});
});

describe('checkpointDue', () => {
	it('waits for at least K events, and for an eighth of the world size', () => {
		expect(checkpointDue(31, 32, 10)).toBe(false);
		expect(checkpointDue(32, 32, 10)).toBe(true);
		expect(checkpointDue(32, 32, 80_000)).toBe(false);
		expect(checkpointDue(10_000, 32, 80_000)).toBe(true);
	});
});
