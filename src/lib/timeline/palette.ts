/**
 * The timeline's colours: the palette read from the page's CSS (or its fallback) and the inks
 * derived from it, shared by the canvas painter and the SVG export (geometry and colours once,
 * renderers many).
 */
import { color } from 'd3';
import { luminance } from './contrast';
import type { SpanState } from './segments';

/** The colours the canvas paints with, read from the CSS custom properties. */
export interface Palette {
	readonly running: string;
	readonly ready: string;
	readonly waiting: string;
	readonly blocked: string;
	/** Work on a worker thread (to_thread), distinct from the loop's own running. */
	readonly worker: string;
	readonly fg: string;
	readonly muted: string;
	readonly bg: string;
	readonly raised: string;
	readonly border: string;
}

/** Fallbacks when app.css does not define a property (its light theme's Okabe–Ito states). */
export const FALLBACK: Palette = {
	running: '#008f6b',
	ready: '#b87800',
	waiting: '#3389c7',
	blocked: '#d55e00',
	worker: '#b9679a',
	fg: '#1b1d24',
	muted: '#545a69',
	bg: '#f7f7f4',
	raised: '#ffffff',
	border: '#d5d6d0'
};

/** The custom property each colour of the palette is read from. */
export const PALETTE_PROPERTIES: Record<keyof Palette, string> = {
	running: '--state-running',
	ready: '--state-ready',
	waiting: '--state-waiting',
	blocked: '--state-blocked',
	worker: '--state-worker',
	fg: '--fg',
	muted: '--fg-muted',
	bg: '--bg',
	raised: '--bg-raised',
	border: '--border'
};

/** `c` at opacity `alpha`. */
export function withAlpha(c: string, alpha: number): string {
	const parsed = color(c);
	if (!parsed) return c;
	parsed.opacity = alpha;
	return parsed.formatRgb();
}

function darker(c: string, k: number): string {
	return color(c)?.darker(k).formatRgb() ?? c;
}

function brighter(c: string, k: number): string {
	return color(c)?.brighter(k).formatRgb() ?? c;
}

/** The strokes that outline and mark the lanes' bars, for one palette. */
export interface Inks {
	/** The outline of a bar in each state, and of a worker thread's bar. */
	readonly edge: Record<SpanState | 'worker', string>;
	/** The solid mark of a step that takes no time. */
	readonly mark: Record<SpanState, string>;
}

/**
 * The palette's inks: each state's colour pushed away from the ground (darker on a light page,
 * brighter on a dark one), so that an outline stands out from the lane at 3:1 or more (WCAG
 * 1.4.11) while the bar inside keeps its pale, patterned fill.
 */
export function inks(p: Palette): Inks {
	const deepen = luminance(p.bg) > 0.18 ? darker : brighter;
	return {
		edge: {
			running: deepen(p.running, 0.7),
			ready: deepen(p.ready, 0.5),
			waiting: deepen(p.waiting, 0.7),
			blocked: deepen(p.blocked, 0.3),
			worker: deepen(p.worker, 0.8)
		},
		mark: {
			running: p.running,
			ready: deepen(p.ready, 0.2),
			waiting: deepen(p.waiting, 0.7),
			blocked: p.blocked
		}
	};
}
