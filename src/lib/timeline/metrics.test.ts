import { describe, expect, it } from 'vitest';
import { BASE_FONT_PX, timelineMetrics } from './metrics';

describe('timelineMetrics', () => {
	it('gives the base sizes at the base font size', () => {
		const m = timelineMetrics(BASE_FONT_PX);
		expect(m.laneHeight).toBe(32);
		expect(m.barHeight).toBe(20);
		expect(m.axisHeight).toBe(44);
	});

	it('scales every size with the root font size', () => {
		const base = timelineMetrics();
		const big = timelineMetrics(BASE_FONT_PX * 1.5);
		for (const key of Object.keys(base) as (keyof typeof base)[])
			expect(big[key]).toBeCloseTo(base[key] * 1.5, 9);
	});

	it('packs the lanes tighter when compact, scaled the same, and changes nothing else', () => {
		const regular = timelineMetrics(BASE_FONT_PX * 2);
		const compact = timelineMetrics(BASE_FONT_PX * 2, 'compact');
		expect(compact.laneHeight).toBe(52);
		expect(compact.barHeight).toBe(36);
		// Still room around a bar for the lane's stripes and the selection ring.
		expect(compact.laneHeight - compact.barHeight).toBeGreaterThanOrEqual(8 * 2);
		for (const key of Object.keys(regular) as (keyof typeof regular)[])
			if (key !== 'laneHeight' && key !== 'barHeight') expect(compact[key]).toBe(regular[key]);
	});

	it('falls back to the base sizes for a size it cannot use', () => {
		expect(timelineMetrics(0).laneHeight).toBe(32);
		expect(timelineMetrics(Number.NaN).laneHeight).toBe(32);
	});
});
