import { describe, expect, it } from 'vitest';
import type { Awaitable, Trace } from '../trace/schema';
import { buildIndex } from './build-index';
import { primitivesAt, primitiveSummary, primitiveWaitedOn } from './primitives';
import { seek } from './seek';
import { corpusRun, corpusRuns } from './testing';

// The awaits that wait on a primitive, and the list of the primitive's state that names them.
const WAITS_ON: Partial<Record<Awaitable['kind'], 'waiters' | 'putters' | 'acquiring'>> = {
	queue_get: 'waiters',
	queue_put: 'putters',
	lock: 'waiters',
	semaphore: 'waiters',
	event: 'waiters'
};

/** The seqs of the events that end a task's step: there the recorder writes what changed. */
function stepEnds(trace: Trace): number[] {
	return trace.events
		.filter((event) => event.kind === 'suspend' || event.kind === 'task_done')
		.map((event) => event.seq);
}

/** Does the first loop iteration after `seq` list `task` as woken? */
function wokenAfter(trace: Trace, seq: number, task: number): boolean {
	const next = trace.events.find((event) => event.seq > seq && event.kind === 'loop_iteration');
	return (
		next?.kind === 'loop_iteration' &&
		next.ready.some((item) => item.task === task && item.what === 'wakeup')
	);
}

describe('primitives at every step of the corpus', () => {
	const runs = corpusRuns().filter((run) => (run.trace.primitives ?? []).length > 0);

	it('finds the programs that make queues, locks, semaphores, events and conditions', () => {
		expect(runs.map((run) => run.name)).toEqual(
			expect.arrayContaining([
				'condition',
				'event',
				'lock',
				'producer_consumer',
				'queue_maxsize',
				'semaphore'
			])
		);
	});

	it.each(runs.map((run) => [run.name, run] as const))(
		'%s: a task waits on a primitive exactly when the primitive lists it',
		(_name, run) => {
			const index = buildIndex(run.trace);
			for (const seq of stepEnds(run.trace)) {
				const snapshot = seek(index, seq);
				const views = primitivesAt(run.trace, seq);
				for (const task of snapshot.tasks) {
					const field = task.awaits ? WAITS_ON[task.awaits.kind] : undefined;
					const listed = views.filter((view) =>
						(['waiters', 'putters', 'acquiring'] as const).some((key) =>
							view.state?.[key]?.includes(task.id)
						)
					);
					// Woken in this iteration (a lock released, an item put): the model learns it at the
					// next loop iteration, which lists the task as ready; the primitive, after the
					// step that woke it, already has not.
					if (task.state === 'waiting' && field && wokenAfter(run.trace, seq, task.id))
						expect(listed.length).toBeLessThanOrEqual(1);
					else if (task.state === 'waiting' && field) {
						expect(listed, `${run.name} @${seq}: task ${task.id}`).toHaveLength(1);
						expect(listed[0].state?.[field]).toContain(task.id);
						expect(primitiveWaitedOn(views, task.id)).toBe(listed[0]);
					} else if (task.state !== 'waiting' || task.awaits?.kind !== 'condition')
						expect(listed, `${run.name} @${seq}: task ${task.id}`).toEqual([]);
				}
			}
		}
	);
});

describe('a lock', () => {
	const run = corpusRun('lock');
	const index = buildIndex(run.trace);

	it('is held by the task that printed "has the lock" until it printed "released it"', () => {
		let holder: number | null = null;
		let checked = 0;
		for (const event of run.trace.events) {
			if (event.kind === 'stdout' && event.text.includes('has the lock')) holder = event.task;
			if (event.kind === 'stdout' && event.text.includes('released it')) holder = null;
			if (event.kind !== 'suspend' && event.kind !== 'task_done') continue;
			const [lock] = primitivesAt(run.trace, event.seq);
			expect(lock.primitive).toMatchObject({ kind: 'lock', name: 'lock', line: 4 });
			expect(lock.state?.holder ?? null).toBe(holder);
			expect(lock.state?.locked).toBe(holder !== null);
			checked++;
		}
		expect(checked).toBeGreaterThan(5);
	});

	it('names the holder in a few words and in the narration of a task that waits for it', () => {
		const names = (task: number) => index.tables.names[task];
		const waiting = run.trace.events.find(
			(event) => event.kind === 'suspend' && event.awaits.kind === 'lock'
		);
		expect(waiting).toBeDefined();
		const [lock] = primitivesAt(run.trace, waiting!.seq);
		expect(primitiveSummary(lock, names)).toBe("locked, held by deposit('a', 10)");
		expect(seek(index, waiting!.seq).narration).toContain(
			"waits for `lock`, which deposit('a', 10) holds"
		);
		expect(primitivesAt(run.trace, 0)[0].state).toBeNull();
		expect(primitiveSummary(primitivesAt(run.trace, 0)[0], names)).toBe('not used yet');
	});
});

describe('a bounded queue', () => {
	const run = corpusRun('queue_maxsize');

	it('holds what was put and not yet got, in order, never more than its maxsize', () => {
		const [queue] = primitivesAt(run.trace, 0);
		expect(queue.primitive).toMatchObject({ kind: 'queue', name: 'queue', maxsize: 2 });
		// What went through the queue, in order: each new last item is the next one put.
		const seen: string[] = [];
		for (const seq of stepEnds(run.trace)) {
			const state = primitivesAt(run.trace, seq)[0].state;
			if (!state) continue;
			expect(state.size).toBe(state.items?.length);
			expect(state.size).toBeLessThanOrEqual(2);
			for (const item of state.items ?? []) if (!seen.includes(item)) seen.push(item);
		}
		expect(seen).toEqual(['0', '1', '2', '3', '4', 'None']);
	});

	it('says how full it is when the producer waits for room', () => {
		const index = buildIndex(run.trace);
		const put = run.trace.events.find(
			(event) => event.kind === 'suspend' && event.awaits.kind === 'queue_put'
		)!;
		const view = primitivesAt(run.trace, put.seq)[0];
		expect(view.state?.putters).toEqual([put.kind === 'suspend' ? put.task : -1]);
		expect(primitiveSummary(view, (task) => index.tables.names[task])).toBe('2 of 2 items: 0, 1');
		expect(seek(index, put.seq).narration).toContain('it holds 2 of 2: 0, 1');
	});
});

describe('semaphores, events and conditions', () => {
	it('counts a semaphore down and up again', () => {
		const run = corpusRun('semaphore');
		const values = stepEnds(run.trace).map((seq) => primitivesAt(run.trace, seq)[0].state?.value);
		expect(values[0]).toBe(2);
		expect(Math.min(...values.map((value) => value ?? 2))).toBe(0);
		expect(values.at(-1)).toBe(2);
	});

	it('sets an event once, and its waiters are gone then', () => {
		const run = corpusRun('event');
		const states = stepEnds(run.trace).map((seq) => primitivesAt(run.trace, seq)[0].state);
		const set = states.findIndex((state) => state?.set);
		expect(set).toBeGreaterThan(0);
		expect(states[set - 1]?.waiters.length).toBeGreaterThan(0);
		expect(states[set]?.waiters).toEqual([]);
	});

	it('lists the tasks waiting on a condition', () => {
		const run = corpusRun('condition');
		const most = Math.max(
			...stepEnds(run.trace).map(
				(seq) => primitivesAt(run.trace, seq)[0].state?.waiters.length ?? 0
			)
		);
		expect(most).toBe(2);
	});

	it('has none in a program that makes none', () => {
		expect(primitivesAt(corpusRun('gather_nested').trace, 5)).toEqual([]);
	});
});
