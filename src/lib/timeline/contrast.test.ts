import { describe, expect, it } from 'vitest';
import { contrastRatio, luminance } from './contrast';

describe('contrastRatio', () => {
	it('gives WCAG’s figures: 21 for black on white, 1 for a colour on itself', () => {
		expect(contrastRatio('#000', '#fff')).toBeCloseTo(21, 5);
		expect(contrastRatio('#fff', '#000')).toBeCloseTo(21, 5);
		expect(contrastRatio('#3347d6', '#3347d6')).toBe(1);
	});

	it('matches known pairs (WebAIM’s checker)', () => {
		expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
		expect(contrastRatio('#009e73', '#ffffff')).toBeCloseTo(3.42, 2);
	});

	it('reads any CSS colour d3 reads, and says NaN for what it cannot', () => {
		expect(luminance('rgb(255, 255, 255)')).toBe(1);
		expect(luminance('not a colour')).toBeNaN();
	});
});
