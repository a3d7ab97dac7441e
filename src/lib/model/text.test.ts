import { describe, expect, it } from 'vitest';
import { groupDigits } from './text';

describe('groupDigits', () => {
	it('groups thousands as en-US does', () => {
		for (const n of [0, 7, 999, 1000, 12_345, 100_000, 1_234_567, -4321, 1234.5])
			expect(groupDigits(n)).toBe(n.toLocaleString('en-US', { maximumFractionDigits: 20 }));
	});
});
