import { describe, expect, it } from 'vitest';
import { presenterFontPx } from './presenter';

describe('presenterFontPx', () => {
	it('is larger than the playground’s 17 px on a projector’s screen', () => {
		expect(presenterFontPx(1024, 768)).toBeGreaterThan(17);
		expect(presenterFontPx(1280, 720)).toBeGreaterThan(17);
		expect(presenterFontPx(1920, 1080)).toBeGreaterThan(presenterFontPx(1280, 720));
	});

	it('follows the tighter side, so a wide short window still fits its rows', () => {
		expect(presenterFontPx(3000, 720)).toBe(presenterFontPx(1280, 720));
	});

	it('scales with the presenter’s A− / A+, within bounds', () => {
		expect(presenterFontPx(1280, 720, 1.5)).toBeCloseTo(presenterFontPx(1280, 720) * 1.5, 0);
		expect(presenterFontPx(100, 100)).toBe(16);
		expect(presenterFontPx(10_000, 10_000)).toBe(40);
	});
});
