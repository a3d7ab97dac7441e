import { describe, expect, it } from 'vitest';
import { formatSeconds } from './format';

describe('formatSeconds', () => {
	it('shows virtual time as the narration says it', () => {
		expect(formatSeconds(0)).toBe('0 s');
		expect(formatSeconds(0.1 + 0.2)).toBe('0.3 s');
		expect(formatSeconds(1.25)).toBe('1.25 s');
		expect(formatSeconds(3600)).toBe('3600 s');
		expect(formatSeconds(3660.5)).toBe('3660.5 s');
	});
});
