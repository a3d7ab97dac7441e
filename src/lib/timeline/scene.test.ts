import { describe, expect, it } from 'vitest';
import { axisEnd, buildIndex, seek, xOf, type Axis } from '$lib/model';
import { blockingSleep, getUsersBatch } from '$lib/model/testing/fixtures';
import { manyTasksTrace } from '$lib/model/testing/synthetic';
import { timelineMetrics } from './metrics';
import { timelineData, timelineScene, type SceneInput } from './scene';
import { layoutTracks, trackWindow } from './tracks';

const m = timelineMetrics();

/** The scene of `trace` at event `seq`, showing `range` (default: 0 to the end) 1000 px wide. */
function sceneOf(
	index: ReturnType<typeof buildIndex>,
	seq: number,
	over: Partial<SceneInput> & { revealUntil?: number | null } = {},
	axis: Axis = 'time'
) {
	const data = over.data ?? timelineData(index, axis, over.revealUntil ?? null);
	const layout = layoutTracks(data.tracks, m);
	const snapshot = seek(index, seq);
	const end = axisEnd(index, axis);
	return timelineScene({
		index,
		axis,
		data,
		layout,
		window: trackWindow(layout, 0, 400, 4),
		range: [0, end],
		width: 1000,
		metrics: m,
		cursor: { seq, t: snapshot.t, iteration: snapshot.iteration },
		running: snapshot.running,
		selectedTask: null,
		focusTasks: [],
		end,
		...over
	});
}

describe('timelineScene', () => {
	const index = buildIndex(getUsersBatch());

	it('draws one row per lane in sight, stacked, with the arrows of a small run', () => {
		const scene = sceneOf(index, 5);
		expect(scene.tracks.rows.map((r) => r.top)).toEqual([0, 1, 2, 3].map((i) => i * m.laneHeight));
		expect(scene.tracks.height).toBe(4 * m.laneHeight);
		// gather's spawn arrows to three children and their three collect arrows.
		expect(scene.arrows.filter((a) => a.kind === 'spawn')).toHaveLength(3);
		expect(scene.arrows.filter((a) => a.kind === 'collect')).toHaveLength(3);
		expect(scene.tracks.ticks.length).toBeGreaterThan(2);
		expect(scene.tracks.ticks.every((t) => t.x >= 0 && t.x <= 1000)).toBe(true);
	});

	it('puts the cursor at its event, shades the future, and dots the running lane', () => {
		const seq = 5;
		const scene = sceneOf(index, seq);
		const x = (xOf(index, 'time', seq) / axisEnd(index, 'time')) * 1000;
		expect(scene.cursor.x).toBeCloseTo(x);
		expect(scene.cursor.inView).toBe(true);
		expect(scene.cursor.future).toEqual({ x: Math.max(0, x), width: 1000 - Math.max(0, x) });
		expect(scene.cursor.text).toBe('0 s');
		expect(scene.cursor.dotY).toBe(m.laneHeight / 2); // Task-1 runs, in the first lane
		// No tick label under the cursor's pill.
		const pill = scene.cursor.pill!;
		for (const label of scene.cursor.labels.filter((l) => l.show)) {
			expect(label.x < pill.x || label.x > pill.x + pill.w).toBe(true);
		}
	});

	it('has no cursor, pill or shade when the cursor is out of sight', () => {
		const scene = sceneOf(index, 50, { range: [0, 0.1] });
		expect(scene.cursor.inView).toBe(false);
		expect(scene.cursor.pill).toBeNull();
		expect(scene.cursor.future).toBeNull();
		expect(scene.cursor.dotY).toBeNull();
	});

	it('follows the viewport: zoomed in, the same bar is wider', () => {
		const whole = sceneOf(index, 5).tracks.rows[1].spans;
		const half = sceneOf(index, 5, { range: [0, axisEnd(index, 'time') / 2] }).tracks.rows[1].spans;
		const width = (spans: typeof whole) =>
			spans.filter((s) => s.state === 'waiting').reduce((w, s) => w + s.x1 - s.x0, 0);
		expect(width(half)).toBeGreaterThan(width(whole) * 1.5);
	});

	it('draws nothing after `revealUntil` (predict mode)', () => {
		const scene = sceneOf(index, 3, { revealUntil: 3 });
		const cut = (xOf(index, 'time', 3) / axisEnd(index, 'time')) * 1000;
		for (const row of scene.tracks.rows)
			for (const span of row.spans) expect(span.x0).toBeLessThanOrEqual(cut + 1e-6);
		expect(scene.arrows.filter((a) => a.kind === 'collect')).toEqual([]);
	});

	it('shades the stretches where a blocking call freezes the loop', () => {
		const blocking = buildIndex(blockingSleep());
		expect(sceneOf(blocking, 0).tracks.bands.length).toBeGreaterThan(0);
		expect(sceneOf(index, 0).tracks.bands).toEqual([]);
	});

	it('renders only the lanes in sight of a 1,000-task run, and only focused arrows', () => {
		const big = buildIndex(manyTasksTrace(1000));
		const scene = sceneOf(big, 10, { focusTasks: [0] });
		expect(scene.tracks.rows.length).toBeLessThan(30);
		expect(scene.arrows.length).toBeGreaterThan(0);
		expect(scene.arrows.every((a) => a.focus)).toBe(true);
	});
});
