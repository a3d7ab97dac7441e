import { scaleLinear } from 'd3';
import { describe, expect, it } from 'vitest';
import { axisTicks, formatDuration, formatSeconds, formatSecondsTick } from './ticks';

describe('formatSecondsTick', () => {
	it('uses seconds for coarse steps with just enough decimals', () => {
		expect(formatSecondsTick(0, 0.5)).toBe('0.0 s');
		expect(formatSecondsTick(1.5, 0.5)).toBe('1.5 s');
		expect(formatSecondsTick(2, 1)).toBe('2 s');
		expect(formatSecondsTick(0.25, 0.05, 1)).toBe('0.25 s');
	});

	it('switches to ms and µs as the ticks get closer', () => {
		expect(formatSecondsTick(0.012, 0.002, 0.02)).toBe('12 ms');
		expect(formatSecondsTick(0.0125, 0.0005, 0.02)).toBe('12.5 ms');
		expect(formatSecondsTick(0.00004, 0.00001, 0.0001)).toBe('40 µs');
		expect(formatSecondsTick(1.21, 0.01, 1.25)).toBe('1.21 s');
	});

	it('never prints -0', () => {
		expect(formatSecondsTick(-1e-17, 0.1, 1)).toBe('0.0 s');
	});
});

describe('formatSeconds', () => {
	it('gives a precise, short time', () => {
		expect(formatSeconds(0)).toBe('0 s');
		expect(formatSeconds(1.5)).toBe('1.5 s');
		expect(formatSeconds(0.1 + 0.2)).toBe('0.3 s');
		expect(formatSeconds(0.0125)).toBe('12.5 ms');
		expect(formatSeconds(0.00002)).toBe('20 µs');
		expect(formatDuration(-1)).toBe('0 s');
	});
});

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
