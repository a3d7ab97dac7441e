import { describe, expect, it } from 'vitest';
import type { Trace } from '../trace/schema';
import { buildIndex } from './build-index';
import {
	awaitAndThread,
	blockingSleep,
	deadlock,
	FIXTURES,
	getUsersBatch
} from './testing/fixtures';
import { axisEnd, seqAt, xOf } from './geometry';
import { arrows, blockedIntervals, lanes, laneState, viewSteps } from './lanes';
import { seek } from './seek';
import { syntheticTrace, threadJobsTrace } from './testing/synthetic';
import type { Axis } from './types';
import { corpusRun } from './testing';

const pick = (segments: readonly { state: string; start: number; end: number }[]) =>
	segments.map(({ state, start, end }) => [state, start, end]);

describe('get_users_batch on the step axis', () => {
	const index = buildIndex(getUsersBatch());

	it('gives each of the 6 loop iterations width 1, events spread evenly inside', () => {
		expect(index.iterations).toBe(6);
		expect(axisEnd(index, 'step')).toBe(6);
		// Iteration 0 holds events 0..7 (asyncio.run's task creation comes before it).
		expect([0, 4, 7].map((seq) => xOf(index, 'step', seq))).toEqual([0, 0.5, 0.875]);
		// Iteration 1 holds events 8..23, 16 of them.
		expect([8, 9, 13].map((seq) => xOf(index, 'step', seq))).toEqual([1, 1.0625, 1.3125]);
		expect(xOf(index, 'step', 28)).toBe(3);
		expect(xOf(index, 'step', index.length)).toBe(6);
	});

	it('draws fetch_user(1) queued, running, sleeping, queued again, running', () => {
		const lane = lanes(index, 'step')[1];
		expect(lane).toMatchObject({
			kind: 'task',
			id: 1,
			label: 'Task-2 · fetch_user(1)',
			createdAt: 0.5,
			endAt: 3.3
		});
		expect(pick(lane.segments)).toEqual([
			['ready', 0.5, 1.0625],
			['running', 1.0625, 1.3125],
			// Its timer is due at iteration 2 (event 24), whose callback queues its wake-up.
			['waiting', 1.3125, 2],
			['ready', 2, 3.1],
			['running', 3.1, 3.3]
		]);
		expect(lane.segments[2]).toMatchObject({
			startSeq: 13,
			endSeq: 24,
			awaits: { kind: 'sleep', until: 0.5 }
		});
	});

	it('draws main waiting on the gather from its suspension to iteration 5', () => {
		const lane = lanes(index, 'step')[0];
		expect(
			lane.segments.map((segment) => [segment.state, segment.startSeq, segment.endSeq])
		).toEqual([
			['ready', 0, 2],
			['running', 2, 7],
			['waiting', 7, 42],
			['ready', 42, 43],
			['running', 43, 47]
		]);
		expect(lane.segments[2].end).toBe(5);
	});

	it('maps a click back to the event under it', () => {
		for (let seq = 0; seq < index.length; seq++)
			expect(seqAt(index, 'step', xOf(index, 'step', seq))).toBe(seq);
		expect(seqAt(index, 'step', 2.5)).toBe(26);
		expect(seqAt(index, 'step', -3)).toBe(0);
		expect(seqAt(index, 'step', 99)).toBe(47);
	});
});

describe('get_users_batch on the time axis', () => {
	const index = buildIndex(getUsersBatch());

	it('puts events at their virtual time: the sleep is the only wide stretch', () => {
		expect(axisEnd(index, 'time')).toBe(0.5);
		const lane = lanes(index, 'time')[2];
		expect(pick(lane.segments)).toEqual([
			['ready', 0, 0],
			['running', 0, 0],
			['waiting', 0, 0.5],
			['ready', 0.5, 0.5],
			['running', 0.5, 0.5]
		]);
		expect([lane.createdAt, lane.endAt]).toEqual([0, 0.5]);
	});

	it('maps a time to the last event at or before it', () => {
		expect(seqAt(index, 'time', 0)).toBe(23);
		expect(seqAt(index, 'time', 0.25)).toBe(23);
		expect(seqAt(index, 'time', 0.5)).toBe(47);
		expect(seqAt(index, 'time', -1)).toBe(0);
		expect(xOf(index, 'time', 30)).toBe(0.5);
	});
});

describe('arrows', () => {
	it('go from main to each child it creates, and from each child back to the gather', () => {
		const index = buildIndex(getUsersBatch());
		const list = arrows(index, 'step');
		expect(list.filter((arrow) => arrow.kind === 'spawn')).toEqual(
			[4, 5, 6].map((seq, k) => ({
				kind: 'spawn',
				fromTask: 0,
				toTask: k + 1,
				fromSeq: seq,
				toSeq: seq,
				x1: seq / 8,
				x2: seq / 8
			}))
		);
		expect(
			list
				.filter((arrow) => arrow.kind === 'collect')
				.map((arrow) => [arrow.fromTask, arrow.toTask, arrow.fromSeq, arrow.toSeq, arrow.via])
		).toEqual([
			[1, 0, 31, 43, 'gather'],
			[2, 0, 34, 43, 'gather'],
			[3, 0, 37, 43, 'gather']
		]);
		expect(arrows(index, 'time').find((arrow) => arrow.kind === 'collect')).toMatchObject({
			x1: 0.5,
			x2: 0.5
		});
	});

	it('collect each child once, when its waiter first resumes after it finished', () => {
		// The TaskGroup's body wakes once per failing child; asyncio.wait is called again on
		// tasks of which one had finished. Each child still reaches its waiter once.
		for (const [name, expected] of [
			[
				'taskgroup_fail',
				[
					[1, 0, 52, 62],
					[3, 0, 61, 62]
				]
			],
			['wait_modes', [[5, 0, 55, 58]]]
		] as const) {
			const collects = arrows(buildIndex(corpusRun(name).trace), 'step')
				.filter((arrow) => arrow.kind === 'collect')
				.map((arrow) => [arrow.fromTask, arrow.toTask, arrow.fromSeq, arrow.toSeq]);
			for (const arrow of expected) expect(collects).toContainEqual(arrow);
			const pairs = collects.map(([child, waiter]) => `${child}:${waiter}`);
			expect(new Set(pairs).size, name).toBe(pairs.length);
		}
	});

	it('collect a task awaited directly', () => {
		const index = buildIndex(awaitAndThread());
		expect(arrows(index, 'step').filter((arrow) => arrow.kind === 'collect')).toEqual([
			expect.objectContaining({ fromTask: 1, toTask: 0, fromSeq: 24, toSeq: 26, via: 'task' })
		]);
	});
});

describe('blocking, workers and unfinished runs', () => {
	it('keeps a task blocked through events stamped during the call (the recorder warns at its start)', () => {
		const trace = blockingSleep();
		// As the recorder writes it: the warning about time.sleep carries the call's start time.
		const events = trace.events.map((event) =>
			event.kind === 'warning' ? { ...event, t: 0 } : event
		);
		const index = buildIndex({ ...trace, events });
		const segments = lanes(index, 'time')[2].segments;
		const blocked = segments.find((segment) => segment.state === 'blocked');
		expect(blocked).toMatchObject({ start: 0, end: 1, startSeq: 13, endSeq: 15 });
		// Nothing drawn as running over the blocked stretch.
		expect(segments.filter((s) => s.state === 'running' && s.start < 1 && s.end > 0)).toEqual([]);
	});

	it('shows time.sleep as a blocked stretch lasting its duration on the time axis', () => {
		const index = buildIndex(blockingSleep());
		expect(axisEnd(index, 'time')).toBe(1);
		const sleeper = lanes(index, 'time')[2];
		expect(sleeper.segments.find((segment) => segment.state === 'blocked')).toEqual({
			state: 'blocked',
			start: 0,
			end: 1,
			startSeq: 13,
			endSeq: 14,
			label: 'time.sleep(1)'
		});
		expect(blockedIntervals(index, 'time')).toEqual([
			{ task: 2, label: 'time.sleep(1)', line: 11, seq: 13, start: 0, end: 1 }
		]);
		const [interval] = blockedIntervals(index, 'step');
		expect([interval.start, interval.end]).toEqual([
			xOf(index, 'step', 13),
			xOf(index, 'step', 14)
		]);
		// The ticker's 0.1 s sleep lasts until the loop is free again, at 1 s.
		expect(
			lanes(index, 'time')[1].segments.find((segment) => segment.state === 'waiting')
		).toMatchObject({ start: 0, end: 1 });
	});

	it('adds a lane per worker thread after the task lanes', () => {
		const index = buildIndex(awaitAndThread());
		const all = lanes(index, 'step');
		expect(all.map((lane) => lane.kind)).toEqual(['task', 'task', 'worker']);
		expect(all[2]).toMatchObject({ id: 0, label: 'asyncio_0' });
		expect(all[2].segments).toEqual([
			{
				state: 'running',
				start: xOf(index, 'step', 15),
				end: xOf(index, 'step', 18),
				startSeq: 15,
				endSeq: 18,
				label: 'crunch(10)',
				task: 1
			}
		]);
	});

	it('lets a task that never finishes wait until the end of the run', () => {
		const index = buildIndex(deadlock());
		const lane = lanes(index, 'step')[0];
		expect(lane.segments.at(-1)).toMatchObject({
			state: 'waiting',
			endSeq: index.length,
			end: axisEnd(index, 'step')
		});
		expect(lane.endAt).toBe(axisEnd(index, 'step'));
	});
});

describe('lanes agree with seek', () => {
	const traces: [string, Trace][] = [
		...Object.entries(FIXTURES).map(([name, make]): [string, Trace] => [name, make()]),
		['synthetic', syntheticTrace({ events: 4_000, workers: 10, seed: 9 })]
	];
	const axes: Axis[] = ['time', 'step'];

	it.each(traces)(
		'%s: segments tile each lane and match the task state at every event',
		(_, trace) => {
			const index = buildIndex(trace);
			for (const axis of axes) {
				for (const lane of lanes(index, axis).filter((lane) => lane.kind === 'task')) {
					lane.segments.forEach((segment, k) => {
						expect(segment.startSeq).toBeLessThan(segment.endSeq);
						expect(segment.start).toBeLessThanOrEqual(segment.end);
						if (k > 0) expect(segment.startSeq).toBe(lane.segments[k - 1].endSeq);
						expect(segment.start).toBeGreaterThanOrEqual(lane.createdAt);
						expect(segment.end).toBeLessThanOrEqual(lane.endAt);
					});
				}
			}
			const taskLanes = lanes(index, 'step');
			for (let seq = 0; seq < index.length; seq++) {
				const snapshot = seek(index, seq);
				for (const task of snapshot.tasks) {
					const segment = taskLanes[task.id].segments.find(
						(s) => s.startSeq <= seq && seq < s.endSeq
					);
					expect(segment?.state ?? null).toBe(laneState(task.state));
				}
			}
		}
	);
});

describe('worker lanes of a run with very many workers', () => {
	// A job on each of 150,000 workers: lanes were found by a filter per worker (quadratic) and
	// spread into the lane list (the 300,000-worker link: "Maximum call stack size exceeded").
	const workers = 150_000;
	const index = buildIndex(threadJobsTrace(workers, workers));

	it('lays out one lane per worker, in order, each with its own job', () => {
		const list = lanes(index, 'time');
		expect(list).toHaveLength(1 + workers);
		const last = list[list.length - 1];
		expect(last).toMatchObject({
			kind: 'worker',
			id: workers - 1,
			label: `asyncio_${workers - 1}`
		});
		expect(last.segments).toHaveLength(1);
		expect(last.segments[0]).toMatchObject({ state: 'running', startSeq: workers + 2 });
	});

	it('is laid out in steps that each handle a bounded number of lanes', () => {
		let stops = 0;
		const steps = viewSteps(index, 'step');
		while (!steps.next().done) stops++;
		// One stop per 2,048 jobs and per 2,048 lanes at least.
		expect(stops).toBeGreaterThanOrEqual((2 * workers) / 2048);
		expect(lanes(index, 'step')).toHaveLength(1 + workers);
	});
});

describe('worker lanes of a hand-made run whose jobs overlap on one worker', () => {
	it('draws one job at a time: the overlapping ones start when the one before ends', () => {
		// 10,000 jobs started on worker 0 and none ended: the recorder never writes this.
		const index = buildIndex(threadJobsTrace(10_000));
		const worker = lanes(index, 'time').find((lane) => lane.kind === 'worker');
		expect(worker?.segments).toHaveLength(1);
		expect(worker?.segments[0]).toMatchObject({ startSeq: 3, endSeq: index.length });
	});
});
