import { describe, expect, it } from 'vitest';
import type { Axis } from '$lib/model';
import { Viewport, type ViewportSource } from './viewport.svelte';

/** A run that ends at `end` on both axes; converting doubles values from time to step. */
function source(end = 10, axis: Axis = 'time', key: unknown = 'run') {
	const state = { end, axis, key };
	const src: ViewportSource = {
		get axis() {
			return state.axis;
		},
		get end() {
			return state.end;
		},
		get key() {
			return state.key;
		},
		convert([from, to], a, b) {
			const f = a === 'time' && b === 'step' ? 2 : a === b ? 1 : 0.5;
			return [from * f, to * f];
		}
	};
	return { state, src };
}

const span = (v: Viewport) => v.range[1] - v.range[0];

describe('Viewport', () => {
	it('shows the whole run, with a little room either side, until told otherwise', () => {
		const v = new Viewport(source(10).src);
		expect(v.range[0]).toBeLessThan(0);
		expect(v.range[1]).toBeGreaterThan(10);
		expect(v.zoomed).toBe(false);
	});

	it('zooms around a value, which keeps its place on screen', () => {
		const v = new Viewport(source(10).src);
		const [f0, t0] = v.range;
		const at = 2.5;
		const place = (at - f0) / (t0 - f0);
		v.zoom(4, at);
		expect(span(v)).toBeCloseTo((t0 - f0) / 4, 9);
		expect((at - v.range[0]) / span(v)).toBeCloseTo(place, 9);
		expect(v.zoomed).toBe(true);
	});

	it('steps from where it is heading: two zooms by 2 are one by 4', () => {
		const a = new Viewport(source(10).src);
		const b = new Viewport(source(10).src);
		a.zoom(2, 5);
		a.zoom(2, 5);
		b.zoom(4, 5);
		expect(a.range[0]).toBeCloseTo(b.range[0], 9);
		expect(a.range[1]).toBeCloseTo(b.range[1], 9);
	});

	it('never pans past either end, nor zooms out past the whole run', () => {
		const v = new Viewport(source(10).src);
		v.zoom(4, 5);
		v.pan(-100);
		expect(v.range[0]).toBeCloseTo(v.domain[0], 9);
		v.pan(100);
		expect(v.range[1]).toBeCloseTo(v.domain[1], 9);
		v.zoom(0.001, 5);
		expect(v.zoomed).toBe(false);
		expect(v.range).toEqual(v.domain);
	});

	it('zooms in no further than a microsecond of time', () => {
		const v = new Viewport(source(10).src);
		v.zoom(1e12, 5);
		expect(span(v)).toBeCloseTo(1e-6, 12);
		expect(v.atMostZoom).toBe(true);
	});

	it('brings a value back into sight with a margin, and leaves a value in sight alone', () => {
		const v = new Viewport(source(10).src);
		v.show(0, 2);
		v.reveal(1, 0.1);
		expect(v.range).toEqual([0, 2]);
		v.reveal(5, 0.2);
		expect(v.range[1]).toBeCloseTo(5.2, 9);
		expect(span(v)).toBeCloseTo(2, 9);
	});

	it('shows the whole run again for a new run, and converts the stretch on an axis switch', () => {
		const { state, src } = source(10);
		const v = new Viewport(src);
		v.show(2, 4);
		state.axis = 'step';
		expect(v.range).toEqual([4, 8]);
		state.axis = 'time';
		expect(v.range).toEqual([2, 4]);
		state.key = 'another run';
		expect(v.zoomed).toBe(false);
	});
});
