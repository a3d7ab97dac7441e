import { describe, expect, it } from 'vitest';
import {
	FIT,
	axisDomain,
	constrainView,
	maxZoom,
	panBy,
	revealValue,
	viewForRange,
	viewScale,
	visibleRange,
	zoomAt
} from './scale';

const domain: [number, number] = [0, 10];
const width = 1000;

describe('axisDomain', () => {
	it('spans from 0 to the end of the run, never empty', () => {
		expect(axisDomain(2.5)).toEqual([0, 2.5]);
		expect(axisDomain(0)).toEqual([0, 1]);
		expect(axisDomain(Number.NaN)).toEqual([0, 1]);
		expect(axisDomain(2, 0.05)).toEqual([-0.1, 2.1]);
	});
});

describe('viewScale', () => {
	it('fits the whole run at k = 1', () => {
		const s = viewScale(domain, width, FIT);
		expect(s(0)).toBe(0);
		expect(s(10)).toBe(1000);
		expect(s.invert(500)).toBe(5);
	});

	it('matches d3-zoom rescaleX under a transform', () => {
		// k = 2, x = -500: the base pixel 250 (value 2.5) lands at 0, value 7.5 at 1000.
		const s = viewScale(domain, width, { k: 2, x: -500 });
		expect(s(2.5)).toBeCloseTo(0);
		expect(s(7.5)).toBeCloseTo(1000);
	});
});

describe('constrainView', () => {
	it('keeps k at least 1 and at most kMax', () => {
		expect(constrainView({ k: 0.5, x: 0 }, width).k).toBe(1);
		expect(constrainView({ k: 50, x: 0 }, width, 20).k).toBe(20);
	});

	it('never pans past either end of the run', () => {
		expect(constrainView({ k: 2, x: 100 }, width)).toEqual({ k: 2, x: 0 });
		expect(constrainView({ k: 2, x: -5000 }, width)).toEqual({ k: 2, x: -1000 });
		expect(constrainView({ k: 1, x: -10 }, width)).toEqual({ k: 1, x: 0 });
	});
});

describe('zoomAt', () => {
	it('keeps the value under the pointer in place', () => {
		const v = zoomAt(FIT, 4, 300, width);
		expect(v.k).toBe(4);
		expect(viewScale(domain, width, v)(3)).toBeCloseTo(300);
	});

	it('zooming out past the fit returns to the fit', () => {
		const v = zoomAt({ k: 2, x: -300 }, 0.1, 500, width);
		expect(v).toEqual(FIT);
	});

	it('respects kMax', () => {
		expect(zoomAt(FIT, 1000, 0, width, 50).k).toBe(50);
	});
});

describe('panBy', () => {
	it('moves the content and stops at the ends', () => {
		const v = { k: 4, x: -1000 };
		expect(panBy(v, 200, width).x).toBe(-800);
		expect(panBy(v, 5000, width).x).toBe(0);
		expect(panBy(v, -1e6, width).x).toBe(-3000);
	});
});

describe('viewForRange and visibleRange', () => {
	it('shows exactly the asked range', () => {
		const v = viewForRange(domain, width, 2, 4);
		const [a, b] = visibleRange(domain, width, v);
		expect(a).toBeCloseTo(2);
		expect(b).toBeCloseTo(4);
	});

	it('clamps to the run and to kMax, and falls back to the fit on an empty range', () => {
		const [a, b] = visibleRange(domain, width, viewForRange(domain, width, -5, 20));
		expect([a, b]).toEqual([0, 10]);
		expect(viewForRange(domain, width, 5, 5.000001, 100).k).toBe(100);
		expect(viewForRange(domain, width, 3, 3)).toEqual(FIT);
	});
});

describe('maxZoom', () => {
	it('lets minSpan fill the plot, and never less than the fit', () => {
		expect(maxZoom([0, 2], 1e-6)).toBeCloseTo(2e6);
		expect(maxZoom([0, 2], 10)).toBe(1);
	});
});

describe('revealValue', () => {
	it('leaves the view alone when the value is in sight', () => {
		expect(revealValue(domain, width, FIT, 5, 40)).toBeNull();
	});

	it('pans just enough to bring the value back with a margin', () => {
		const v = { k: 4, x: 0 }; // shows 0..2.5
		const next = revealValue(domain, width, v, 5, 40);
		expect(next).not.toBeNull();
		expect(viewScale(domain, width, next!)(5)).toBeCloseTo(960);
		const back = revealValue(domain, width, { k: 4, x: -3000 }, 1, 40);
		expect(viewScale(domain, width, back!)(1)).toBeCloseTo(40);
	});
});
