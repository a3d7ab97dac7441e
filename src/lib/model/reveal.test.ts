import { describe, expect, it } from 'vitest';
import { buildIndex } from './build-index';
import { xOf } from './geometry';
import { arrows, blockedIntervals, lanes } from './lanes';
import { arrowsUntil, blockedUntil, lanesUntil } from './reveal';
import { corpusRun } from './testing';
import type { Axis } from './types';

describe('the timeline cut at an event', () => {
	const axes: Axis[] = ['time', 'step'];
	it.each(axes)('draws nothing after the cut, and everything before it (%s axis)', (axis) => {
		const index = buildIndex(corpusRun('get_users_batch').trace);
		const all = lanes(index, axis);
		for (const seq of [0, 15, 21, 31, 40]) {
			const x = xOf(index, axis, seq);
			const cut = lanesUntil(all, seq, x);
			expect(cut.map((lane) => lane.id)).toEqual(all.map((lane) => lane.id));
			cut.forEach((lane, k) => {
				for (const segment of lane.segments) {
					expect(segment.startSeq).toBeLessThanOrEqual(seq);
					expect(segment.endSeq).toBeLessThanOrEqual(seq);
					expect(segment.end).toBeLessThanOrEqual(x);
				}
				// Every segment that had begun by the cut is there, whole if it had ended.
				const begun = all[k].segments.filter((segment) => segment.startSeq <= seq);
				expect(lane.segments.length).toBe(begun.length);
				begun.forEach((segment, j) => {
					if (segment.endSeq <= seq) expect(lane.segments[j]).toBe(segment);
				});
			});
			for (const arrow of arrowsUntil(arrows(index, axis), seq))
				expect(Math.max(arrow.fromSeq, arrow.toSeq)).toBeLessThanOrEqual(seq);
		}
		// At the last event, nothing is hidden.
		const last = index.length - 1;
		expect(arrowsUntil(arrows(index, axis), last)).toEqual(arrows(index, axis));
	});

	it('cuts a blocking call in progress at the cursor', () => {
		const index = buildIndex(corpusRun('blocking_sleep').trace);
		const [first] = blockedIntervals(index, 'time');
		expect(first.end).toBeGreaterThan(first.start);
		const x = xOf(index, 'time', first.seq);
		const [cut] = blockedUntil(blockedIntervals(index, 'time'), first.seq, x);
		expect(cut.end).toBe(Math.max(first.start, x));
		expect(blockedUntil(blockedIntervals(index, 'time'), first.seq - 1, x)).toEqual([]);
	});
});
