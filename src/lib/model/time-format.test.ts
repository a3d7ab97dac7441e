import { describe, expect, it } from 'vitest';
import { formatDuration, formatSeconds, formatSecondsTick } from './time-format';

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

describe('one time format everywhere', () => {
	it('reads seconds from 0.1 s up, as the programs write them', () => {
		expect(formatSeconds(0.5)).toBe('0.5 s');
		expect(formatSeconds(0.1)).toBe('0.1 s');
		expect(formatSeconds(3600)).toBe('3600 s');
		expect(formatSeconds(3660.5)).toBe('3660.5 s');
		expect(formatSeconds(1.23456)).toBe('1.235 s');
	});

	it("keeps a short time's digits in ms or µs, where seconds rounded them away", () => {
		// The loop panel said 0.013 s where the cursor said 12.5 ms.
		expect(formatSeconds(0.0125)).toBe('12.5 ms');
		expect(formatSeconds(0.05)).toBe('50 ms');
		expect(formatSeconds(0.0001234)).toBe('0.123 ms');
		expect(formatSeconds(1.5e-7)).toBe('0.15 µs');
		expect(formatSeconds(-0.002)).toBe('-2 ms');
	});

	it('says what an endless time is rather than hiding it', () => {
		expect(formatSeconds(Infinity)).toBe('Infinity s');
		expect(formatDuration(-0.000001)).toBe('0 s');
	});
});
