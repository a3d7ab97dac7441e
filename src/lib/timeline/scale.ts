/**
 * Zoom and pan maths for the timeline's x axis, kept free of the DOM so it can be tested.
 * A view is d3-zoom's transform restricted to x: screen x = data-to-pixel(x) * k + x.
 * The whole run always fits the plot at k = 1, and the view never pans past either end.
 */
import { scaleLinear, type ScaleLinear } from 'd3';

/** The x part of a d3-zoom transform: `px = base(value) * k + x`. */
export interface XView {
	readonly k: number;
	readonly x: number;
}

/** The view that shows the whole run. */
export const FIT: XView = { k: 1, x: 0 };

/**
 * The data domain of an axis: from 0 to the end of the run (never empty), widened by `pad`
 * (a fraction of the run) on both sides so marks at the very start and end are not cut.
 */
export function axisDomain(end: number, pad = 0): [number, number] {
	const e = end > 0 && Number.isFinite(end) ? end : 1;
	const m = e * Math.max(0, pad);
	return [m === 0 ? 0 : -m, e + m];
}

/**
 * The most one can zoom in: until `minSpan` axis units fill the plot.
 * Time axis: a microsecond; step axis: a few loop iterations.
 */
export function maxZoom(domain: readonly [number, number], minSpan: number): number {
	const span = domain[1] - domain[0];
	return Math.max(1, span / minSpan);
}

/** Keeps a view inside the run: k in [1, kMax], no blank space on either side. */
export function constrainView(view: XView, width: number, kMax = Infinity): XView {
	const k = Math.min(Math.max(view.k, 1), Math.max(1, kMax));
	const lo = width - width * k;
	const x = Math.min(0, Math.max(lo, view.x));
	return { k, x: x === 0 ? 0 : x };
}

/** The pixel scale of an axis under a view: d3's scaleLinear, rescaled like `transform.rescaleX`. */
export function viewScale(
	domain: readonly [number, number],
	width: number,
	view: XView
): ScaleLinear<number, number> {
	const base = scaleLinear().domain(domain).range([0, width]);
	const lo = base.invert((0 - view.x) / view.k);
	const hi = base.invert((width - view.x) / view.k);
	return scaleLinear().domain([lo, hi]).range([0, width]);
}

/** Zooms by `factor` (>1: in) keeping the value under pixel `px` where it is. */
export function zoomAt(
	view: XView,
	factor: number,
	px: number,
	width: number,
	kMax = Infinity
): XView {
	const k = Math.min(Math.max(view.k * factor, 1), Math.max(1, kMax));
	// The base-pixel under px stays under px: (px - x) / k is invariant.
	const basePx = (px - view.x) / view.k;
	return constrainView({ k, x: px - basePx * k }, width, kMax);
}

/** Pans by `dx` screen pixels (positive: the content moves right, showing earlier times). */
export function panBy(view: XView, dx: number, width: number): XView {
	return constrainView({ k: view.k, x: view.x + dx }, width);
}

/** The view that shows `[from, to]` across the whole plot (clamped to the run and to kMax). */
export function viewForRange(
	domain: readonly [number, number],
	width: number,
	from: number,
	to: number,
	kMax = Infinity
): XView {
	const span = domain[1] - domain[0];
	const lo = Math.max(domain[0], Math.min(from, to));
	const hi = Math.min(domain[1], Math.max(from, to));
	if (!(hi > lo) || width <= 0) return FIT;
	const k = Math.min(Math.max(span / (hi - lo), 1), Math.max(1, kMax));
	const x = -((lo - domain[0]) / span) * width * k;
	return constrainView({ k, x }, width, kMax);
}

/** The axis values at the plot's left and right edges. */
export function visibleRange(
	domain: readonly [number, number],
	width: number,
	view: XView
): [number, number] {
	const d = viewScale(domain, width, view).domain();
	return [d[0], d[1]];
}

/**
 * The view that brings `value` back into sight with `margin` pixels to spare, or null when
 * it is already in sight (so a learner's own pan is left alone while the cursor stays visible).
 */
export function revealValue(
	domain: readonly [number, number],
	width: number,
	view: XView,
	value: number,
	margin: number
): XView | null {
	const px = viewScale(domain, width, view)(value);
	if (px >= margin && px <= width - margin) return null;
	const m = Math.min(margin, width / 2);
	const target = px < m ? m : width - m;
	return panBy(view, target - px, width);
}
