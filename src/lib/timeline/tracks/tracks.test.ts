import { scaleLinear } from 'd3';
import { describe, expect, it } from 'vitest';
import { blockedIntervals, buildIndex, lanes, type Lane } from '$lib/model';
import { awaitAndThread, blockingSleep, getUsersBatch } from '$lib/model/testing/fixtures';
import { timelineMetrics } from '../metrics';
import { arrowShapes } from './arrows';
import { blockedBands } from './blocked-band';
import { TaskLaneTrack } from './task-lane';
import { ThreadLaneTrack } from './thread-lane';
import { sceneParts, type TrackGeometry } from './track';

const m = timelineMetrics();
const width = 1000;

/** A track's geometry showing `[from, to]` across the plot, at stack position `row`. */
function geometry(from: number, to: number, row = 0, top = 0): TrackGeometry {
	return { row, top, width, scale: scaleLinear().domain([from, to]).range([0, width]), metrics: m };
}

const batch = buildIndex(getUsersBatch());
const batchLanes = lanes(batch, 'time');
const fetch1 = batchLanes[1]; // Task-2 · fetch_user(1): sleeps 0 → 0.5 s

describe('TaskLaneTrack', () => {
	it('renders its bars in its row, zebra on odd rows, with what it waits on inside', () => {
		const track = new TaskLaneTrack(fetch1);
		const out = sceneParts();
		track.render({ out, selectedTask: null }, geometry(0, 0.5, 1, 32));
		expect(out.rows).toHaveLength(1);
		const row = out.rows[0];
		expect(row).toMatchObject({ top: 32, height: m.laneHeight, ground: 'zebra', worker: false });
		expect(row.barTop).toBe(32 + (m.laneHeight - m.barHeight) / 2);
		const wait = row.spans.find((s) => s.state === 'waiting' && !s.narrow);
		expect(wait?.x1).toBeCloseTo(1000);
		expect(out.labels.map((l) => l.text)).toContain('asyncio.sleep(0.5)');
		expect(out.labels[0].y).toBe(32 + m.laneHeight / 2);
		expect(out.marks).toEqual([]);
		expect(out.outlines).toEqual([]);
	});

	it('draws the selection outline and the end mark of a failed task', () => {
		const track = new TaskLaneTrack(fetch1, { outcome: 'exception', seq: 40 });
		const out = sceneParts();
		track.render({ out, selectedTask: fetch1.id }, geometry(0, 1, 0));
		expect(out.rows[0].ground).toBe('plain');
		expect(out.outlines).toHaveLength(1);
		expect(out.marks).toHaveLength(1);
		expect(out.marks[0].mark).toBe('✕');
		// Just after where the lane ends.
		expect(out.marks[0].x).toBeCloseTo(width * fetch1.endAt + 3);
	});

	it('leaves the label out when the bar is too narrow to hold it', () => {
		const out = sceneParts();
		new TaskLaneTrack(fetch1).render({ out, selectedTask: null }, geometry(0, 500));
		expect(out.labels).toEqual([]);
	});

	it('hit-tests the segment under the pointer, the end mark, and selects its task', () => {
		const track = new TaskLaneTrack(fetch1, { outcome: 'cancelled', seq: 40 });
		const g = geometry(0, 1);
		const hit = track.hitTest(250, 10, g);
		expect(hit?.segment?.state).toBe('waiting');
		expect(hit?.task).toBe(fetch1.id);
		expect(hit?.atEnd).toBe(false);
		expect(track.hitTest(width * fetch1.endAt + 5, 10, g)?.atEnd).toBe(true);
		expect(track.hitTest(250, m.laneHeight + 1, g)).toBeNull();
		expect(track.hitTest(250, -1, g)).toBeNull();
	});
});

describe('ThreadLaneTrack', () => {
	const index = buildIndex(awaitAndThread());
	const worker = lanes(index, 'step').find((lane) => lane.kind === 'worker') as Lane;

	it('renders its jobs in the worker colour on a raised ground', () => {
		const out = sceneParts();
		new ThreadLaneTrack(worker).render({ out, selectedTask: null }, geometry(0, 10, 2));
		expect(out.rows[0]).toMatchObject({ ground: 'raised', worker: true });
		expect(out.rows[0].spans.length).toBeGreaterThan(0);
		expect(out.outlines).toEqual([]);
	});

	it('a hit on a job selects the task that handed it over; between jobs, nothing', () => {
		const track = new ThreadLaneTrack(worker);
		const job = worker.segments[0];
		const g = geometry(0, 10);
		const mid = g.scale((job.start + job.end) / 2);
		const hit = track.hitTest(mid, 5, g);
		expect(hit?.segment).toBe(job);
		expect(hit?.task).toBe(job.task);
		expect(hit?.atEnd).toBe(false);
		const empty = track.hitTest(g.scale(job.end) + 200, 5, g);
		expect(empty?.segment).toBeNull();
		expect(empty?.task).toBeNull();
	});
});

describe('blockedBands', () => {
	const index = buildIndex(blockingSleep());
	const intervals = blockedIntervals(index, 'time');

	it('places the stretches in sight in pixels, and leaves out those outside', () => {
		expect(intervals.length).toBeGreaterThan(0);
		const b = intervals[0];
		const scale = scaleLinear().domain([b.start, b.end]).range([0, width]);
		expect(blockedBands(intervals, scale, width)[0]).toMatchObject({ x0: 0, x1: width });
		const later = scaleLinear()
			.domain([b.end + 1, b.end + 2])
			.range([0, width]);
		expect(blockedBands(intervals, later, width)).toEqual([]);
	});
});

describe('arrowShapes', () => {
	const arrows = [
		{ kind: 'spawn' as const, fromTask: 0, toTask: 1, fromSeq: 0, toSeq: 1, x1: 1, x2: 1 },
		{ kind: 'collect' as const, fromTask: 2, toTask: 0, fromSeq: 2, toSeq: 3, x1: 5, x2: 6 }
	];
	const laneOfTask = new Map([
		[0, 0],
		[1, 1],
		[2, 2]
	]);
	const base = {
		arrows,
		laneOfTask,
		first: 0,
		last: 3,
		scale: scaleLinear().domain([0, 10]).range([0, width]),
		width,
		metrics: m
	};

	it('draws every arrow of a small run, the focused ones last', () => {
		const shapes = arrowShapes({ ...base, laneCount: 3, focusTasks: [1] });
		expect(shapes.map((s) => [s.key, s.focus])).toEqual([
			['collect:1', false],
			['spawn:0', true]
		]);
		expect(shapes[1].d.startsWith('M100,')).toBe(true);
	});

	it('draws only the focused tasks’ arrows of a big run, and none out of sight', () => {
		expect(arrowShapes({ ...base, laneCount: 1000, focusTasks: [2] }).map((s) => s.key)).toEqual([
			'collect:1'
		]);
		expect(arrowShapes({ ...base, laneCount: 1000, focusTasks: [] })).toEqual([]);
		expect(arrowShapes({ ...base, laneCount: 3, focusTasks: [], first: 3, last: 6 })).toEqual([]);
	});
});
