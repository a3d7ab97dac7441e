import { describe, expect, it } from 'vitest';
import { segmentAt, spansToDraw, type SpanLike } from './segments';

const seg = (state: SpanLike['state'], start: number, end: number): SpanLike => ({
	state,
	start,
	end
});

// 1 axis unit = 100 px.
const px = (v: number) => v * 100;
const invert = (p: number) => p / 100;

/** The marks drawn 600 px wide for a lane of `[state, start, end]` segments. */
const draw = (...lane: [SpanLike['state'], number, number][]) =>
	spansToDraw(
		lane.map(([state, start, end]) => seg(state, start, end)),
		px,
		invert,
		600
	);

describe('spansToDraw', () => {
	it('draws wide segments as they are and skips those out of view', () => {
		const spans = draw(['running', 0, 1], ['waiting', 1, 5], ['ready', 5, 6], ['running', 20, 21]);
		expect(spans.map((s) => [s.state, s.x0, s.x1])).toEqual([
			['running', 0, 100],
			['waiting', 100, 500],
			['ready', 500, 600]
		]);
	});

	it('merges zero-width steps into one mark of the most telling state', () => {
		const spans = draw(['waiting', 0, 2], ['ready', 2, 2], ['running', 2, 2], ['waiting', 2, 4]);
		expect(spans).toHaveLength(3);
		expect(spans[1]).toMatchObject({ state: 'running', count: 2, narrow: true, x0: 200 });
	});

	it('colours a merged mark by the state that fills most of it', () => {
		const spans = draw(
			['waiting', 0, 0.009],
			['running', 0.009, 0.009],
			['waiting', 0.009, 0.018],
			['ready', 0.018, 0.019]
		);
		expect(spans).toHaveLength(1);
		expect(spans[0]).toMatchObject({ state: 'waiting', count: 4 });
	});

	it('keeps a hundred thousand tiny segments down to about one mark per pixel', () => {
		const lane: SpanLike[] = [];
		for (let i = 0; i < 100_000; i++)
			lane.push(seg(i % 2 ? 'running' : 'ready', i / 1e4, (i + 1) / 1e4));
		const spans = spansToDraw(lane, px, invert, 1000, 2);
		expect(spans.length).toBeLessThanOrEqual(520);
		expect(spans.length).toBeGreaterThan(100);
	});

	it('handles an empty lane', () => {
		expect(spansToDraw([], px, invert, 100)).toEqual([]);
	});
});

describe('segmentAt', () => {
	const lane = [seg('waiting', 0, 2), seg('running', 2, 2), seg('waiting', 2, 4)];

	it('finds the segment containing a value', () => {
		expect(segmentAt(lane, 1)?.state).toBe('waiting');
		expect(segmentAt(lane, 3)?.start).toBe(2);
		expect(segmentAt(lane, 5)).toBeNull();
	});

	it('prefers a too-narrow-to-see segment within the tolerance', () => {
		expect(segmentAt(lane, 2.02, 0.05)?.state).toBe('running');
		expect(segmentAt(lane, 2.5, 0.05)?.state).toBe('waiting');
	});
});
