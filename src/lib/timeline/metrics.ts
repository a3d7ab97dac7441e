/**
 * The timeline's sizes, in one object: lane and bar heights, the axis row, the widths of a
 * monospace character in each text role, and the marks on the axis. They are drawn at the app's
 * root font size of 17 px and scale with it, so a larger root (presenter mode, browser zoom of
 * the root size) makes the whole timeline larger, the canvas included.
 */

/** The root font size (px) the sizes below were drawn at: app.css's `html { font-size }`. */
export const BASE_FONT_PX = 17;

/** The timeline's sizes at the base font size, in CSS pixels. */
const AT_BASE = {
	/** One lane's row. */
	laneHeight: 32,
	/** The bar inside a lane. */
	barHeight: 20,
	/** The axis row above the lanes. */
	axisHeight: 44,
	/** One character of a lane label (monospace, --text-body). */
	labelChar: 9.05,
	/** One character of a label inside a bar (monospace, --text-small). */
	inlineChar: 7.9,
	/** One character of an axis label (monospace, --text-caption). */
	axisChar: 8.5,
	/** The label column's narrowest and widest, and its room for the swatch and padding. */
	labelMin: 200,
	labelMax: 400,
	labelPad: 62,
	/** Pointer tolerance for marks narrower than this. */
	hitSlack: 4,
	/** Tick marks under the axis labels, and the labels' distance from the bottom. */
	tickLength: 8,
	tickLabelRise: 15,
	/** The cursor's pill on the axis: its height, its top from the bottom, its text's baseline. */
	pillHeight: 22,
	pillRise: 32,
	pillTextRise: 21,
	/** Half the width of the cursor's arrow head on the axis. */
	cursorHead: 6,
	/** The running task's dot on the cursor line. */
	cursorDot: 5.5
} as const;

/**
 * What a short screen (a projector's 720 or 768 px) changes: the lanes shrink so that four of them,
 * the event loop and the output fit under one header. The lane label (15 px) and a bar's label
 * (13 px) still have a pixel or more of air; below this, they would not read.
 */
const COMPACT: Partial<Record<keyof typeof AT_BASE, number>> = {
	laneHeight: 26,
	barHeight: 18
};

/** The timeline's sizes at some root font size, in CSS pixels. */
export type TimelineMetrics = { readonly [K in keyof typeof AT_BASE]: number };

/** How tightly the lanes are packed: `compact` on a short screen. */
export type LaneDensity = 'regular' | 'compact';

/** The timeline's sizes when the root font size is `rootFontPx` (17 gives the base sizes). */
export function timelineMetrics(
	rootFontPx: number = BASE_FONT_PX,
	density: LaneDensity = 'regular'
): TimelineMetrics {
	const scale = rootFontPx > 0 && Number.isFinite(rootFontPx) ? rootFontPx / BASE_FONT_PX : 1;
	const sizes = density === 'compact' ? { ...AT_BASE, ...COMPACT } : AT_BASE;
	const out: Record<string, number> = {};
	for (const [key, value] of Object.entries(sizes)) out[key] = value * scale;
	return out as TimelineMetrics;
}
