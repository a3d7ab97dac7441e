import { describe, expect, it } from 'vitest';
import { MAX_CANVAS_PIXELS, pictureFilename, pngScale, svgSize } from './export-image';

describe('pictureFilename', () => {
	it('names the picture after the program and the step', () => {
		expect(pictureFilename('get_users_batch.py', 12, 'png')).toBe('get_users_batch-step-12.png');
		expect(pictureFilename('get_users_batch.py', 3, 'svg')).toBe('get_users_batch-step-3.svg');
	});

	it('keeps only safe characters of a name that came from a link', () => {
		expect(pictureFilename('../../etc/<script>é "x".py', 1, 'svg')).toBe('script_x-step-1.svg');
		expect(pictureFilename('..', 2, 'png')).toBe('loopscope-step-2.png');
		expect(pictureFilename(undefined, 2, 'png')).toBe('loopscope-step-2.png');
		expect(pictureFilename(`${'a'.repeat(300)}.py`, 2, 'png')).toBe(`${'a'.repeat(80)}-step-2.png`);
	});
});

describe('svgSize and pngScale', () => {
	it('reads the size an SVG declares on its root', () => {
		expect(svgSize('<svg xmlns="x" width="1200" height="337" viewBox="0 0 1200 337">')).toEqual({
			width: 1200,
			height: 337
		});
		expect(() => svgSize('<svg>')).toThrow();
	});

	it('draws at twice the size unless the canvas would be too big', () => {
		expect(pngScale(1200, 337)).toBe(2);
		const scale = pngScale(1200, 16_216);
		expect(scale).toBeLessThan(1);
		expect(1200 * scale * 16_216 * scale).toBeLessThanOrEqual(MAX_CANVAS_PIXELS + 1e-6);
	});
});
