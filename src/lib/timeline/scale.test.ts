import { describe, expect, it } from 'vitest';
import { axisDomain } from './scale';

describe('axisDomain', () => {
	it('spans from 0 to the end of the run, never empty', () => {
		expect(axisDomain(2.5)).toEqual([0, 2.5]);
		expect(axisDomain(0)).toEqual([0, 1]);
		expect(axisDomain(Number.NaN)).toEqual([0, 1]);
		expect(axisDomain(2, 0.05)).toEqual([-0.1, 2.1]);
	});
});
