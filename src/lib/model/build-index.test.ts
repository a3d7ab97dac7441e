import { describe, expect, it } from 'vitest';
import { buildIndex, checkpointDue } from './build-index';
import { seek } from './seek';
import { manyTasksTrace } from './synthetic';
import { expectModelInvariants } from './testing';

// What the checkpoints hold: every task state, ready entry and timer of every copy.
const storedSlots = (index: ReturnType<typeof buildIndex>): number =>
	index.tables.checkpoints.reduce(
		(sum, world) => sum + world.tasks.length + world.ready.length + world.timers.length,
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

describe('checkpointDue', () => {
	it('waits for at least K events, and for an eighth of the world size', () => {
		expect(checkpointDue(31, 32, 10)).toBe(false);
		expect(checkpointDue(32, 32, 10)).toBe(true);
		expect(checkpointDue(32, 32, 80_000)).toBe(false);
		expect(checkpointDue(10_000, 32, 80_000)).toBe(true);
	});
});
