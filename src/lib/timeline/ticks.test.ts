import { scaleLinear } from 'd3';
import { describe, expect, it } from 'vitest';
import { axisTicks } from './ticks';

describe('axisTicks', () => {
	it('gives time ticks at nice values within the view', () => {
		const s = scaleLinear().domain([0, 2]).range([0, 1200]);
		const ticks = axisTicks(s, 'time', 1200);
		expect(ticks.length).toBeGreaterThanOrEqual(5);
		expect(ticks.length).toBeLessThanOrEqual(16);
		expect(ticks[0]).toEqual({ value: 0, x: 0, label: '0.0 s' });
		expect(ticks.at(-1)?.label).toBe('2.0 s');
		for (const t of ticks) expect(t.x).toBeGreaterThanOrEqual(0);
	});

	it('gives whole-number ticks on the step axis, even zoomed far in', () => {
		const s = scaleLinear().domain([10.2, 13.7]).range([0, 1200]);
		const ticks = axisTicks(s, 'step', 1200);
		expect(ticks.map((t) => t.label)).toEqual(['11', '12', '13']);
	});

	it('groups thousands on the step axis', () => {
		const s = scaleLinear().domain([0, 100_000]).range([0, 1200]);
		expect(axisTicks(s, 'step', 1200).at(-1)?.label).toBe('100,000');
	});

	it('gives nothing for an empty domain', () => {
		const s = scaleLinear().domain([1, 1]).range([0, 100]);
		expect(axisTicks(s, 'time', 100)).toEqual([]);
	});
});
