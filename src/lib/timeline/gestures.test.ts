import { afterEach, describe, expect, it, vi } from 'vitest';
import { CLICK_DISTANCE, Gestures, type GestureHost, type WheelLike } from './gestures';
import { Viewport, type ViewportSource } from './viewport.svelte';

/** A 10 s run on the time axis. */
const source: ViewportSource = {
	axis: 'time',
	end: 10,
	key: 'run',
	convert: (range) => [range[0], range[1]]
};

const WIDTH = 1000;

function setup(host: Partial<GestureHost> = {}) {
	const vp = new Viewport(source);
	const gestures = new Gestures({
		viewport: () => vp,
		width: () => WIDTH,
		anchor: () => (vp.range[0] + vp.range[1]) / 2,
		lanesScroll: () => false,
		...host
	});
	return { vp, gestures };
}

const wheel = (over: Partial<WheelLike>): WheelLike => ({
	deltaX: 0,
	deltaY: 0,
	deltaMode: 0,
	ctrlKey: false,
	metaKey: false,
	shiftKey: false,
	...over
});

const span = (vp: Viewport) => vp.range[1] - vp.range[0];

afterEach(() => {
	vi.unstubAllGlobals();
});

describe('Gestures', () => {
	it('zooms with the wheel around the value under the pointer', () => {
		const { vp, gestures } = setup();
		const before = gestures.valueAt(250);
		expect(gestures.wheel(wheel({ deltaY: -500 }), 250)).toBe(true);
		expect(span(vp)).toBeLessThan(10.24 / 1.9);
		expect(gestures.valueAt(250)).toBeCloseTo(before, 9);
		// A trackpad's pinch (ctrl + wheel) zooms five times as fast per unit.
		const s = span(vp);
		gestures.wheel(wheel({ deltaY: -10, ctrlKey: true }), 600);
		expect(span(vp)).toBeCloseTo(s / 2 ** 0.1, 9);
	});

	it('leaves a plain wheel to the lanes when they scroll, and pans with a sideways one', () => {
		let scrolls = true;
		const { vp, gestures } = setup({ lanesScroll: () => scrolls });
		expect(gestures.wheel(wheel({ deltaY: 100 }), 500)).toBe(false);
		expect(vp.zoomed).toBe(false);
		scrolls = false;
		gestures.wheel(wheel({ deltaY: -1000 }), 0);
		const [from] = vp.range;
		gestures.wheel(wheel({ deltaX: 100 }), 500);
		expect(vp.range[0]).toBeCloseTo(from + 0.1 * span(vp), 9);
	});

	it('pans by drag, clamped at both ends of the run, and a drag is not a click', () => {
		const { vp, gestures } = setup();
		gestures.fit();
		gestures.wheel(wheel({ deltaY: -1000 }), 500); // 4x, in the middle
		const s = span(vp);
		const grabbed = gestures.valueAt(500);
		gestures.pointerDown(1, 500);
		expect(gestures.pointerMove(1, 500 + CLICK_DISTANCE - 1)).toBe(false);
		expect(gestures.pointerMove(1, 600)).toBe(true);
		// The content follows the pointer: what was grabbed is under it still.
		expect(gestures.valueAt(600)).toBeCloseTo(grabbed, 9);
		gestures.pointerMove(1, 1e6);
		expect(vp.range[0]).toBeCloseTo(vp.domain[0], 9);
		expect(span(vp)).toBeCloseTo(s, 9);
		gestures.pointerMove(1, -1e6);
		expect(vp.range[1]).toBeCloseTo(vp.domain[1], 9);
		expect(gestures.pointerUp(1)).toBe(true);

		gestures.pointerDown(2, 300);
		gestures.pointerMove(2, 302);
		expect(gestures.pointerUp(2)).toBe(false);
	});

	it('pinches with two pointers around their middle', () => {
		const { vp, gestures } = setup();
		const at = gestures.valueAt(500);
		gestures.pointerDown(1, 400);
		gestures.pointerDown(2, 600);
		expect(gestures.pointerMove(2, 800)).toBe(true); // fingers twice as far apart
		expect(span(vp)).toBeCloseTo(10.24 / 2, 9);
		// What was under the fingers' middle (500) is under their new middle (600).
		expect(gestures.valueAt(600)).toBeCloseTo(at, 9);
	});

	it('never zooms in past the minimum span, nor out past the whole run; fit shows it all', () => {
		const { vp, gestures } = setup();
		for (let i = 0; i < 40; i++) gestures.zoomBy(2);
		expect(span(vp)).toBeCloseTo(vp.minSpan, 12);
		expect(vp.atMostZoom).toBe(true);
		gestures.fit();
		expect(vp.range).toEqual(vp.domain);
		gestures.zoomBy(0.5);
		expect(vp.range).toEqual(vp.domain);
		gestures.panBy(-1);
		expect(vp.range).toEqual(vp.domain);
	});

	it('animates key steps, and a second step starts from where the first is heading', () => {
		const frames: FrameRequestCallback[] = [];
		vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
		vi.stubGlobal('cancelAnimationFrame', () => {});
		const { vp, gestures } = setup();
		gestures.zoomBy(2);
		expect(vp.zoomed).toBe(false); // nothing moves before the first frame
		gestures.zoomBy(2);
		const now = performance.now();
		frames.at(-1)?.(now + 110);
		const mid = span(vp);
		expect(mid).toBeLessThan(10.24);
		expect(mid).toBeGreaterThan(10.24 / 4);
		frames.at(-1)?.(now + 1000);
		expect(span(vp)).toBeCloseTo(10.24 / 4, 9);
	});

	it('keeps the moving cursor in sight without undoing a pan that still shows it', () => {
		const { vp, gestures } = setup();
		gestures.follow(9); // the whole run is in sight: nothing to do
		expect(vp.zoomed).toBe(false);
		gestures.wheel(wheel({ deltaY: -1000 }), 0); // 4x at the start
		const range = vp.range;
		gestures.follow(range[0] + span(vp) / 2);
		expect(vp.range).toEqual(range);
		gestures.follow(9);
		expect(vp.range[1]).toBeGreaterThan(9);
		expect(vp.range[0]).toBeLessThan(9);
	});
});
