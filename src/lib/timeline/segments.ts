/**
 * Which parts of a lane to draw at the current zoom, and which segment the pointer is on.
 * Segments of a lane are sorted and do not overlap; lanes can hold tens of thousands of them,
 * so both questions are answered by bisection, and stretches narrower than a pixel are merged.
 */
import { bisector } from 'd3';

/** The four states a segment can show. */
export type SpanState = 'ready' | 'running' | 'waiting' | 'blocked';

/** The part of a segment these helpers read. */
export interface SpanLike {
	readonly state: SpanState;
	readonly start: number;
	readonly end: number;
}

/** One rectangle to paint, in pixels. */
export interface DrawSpan<S extends SpanLike> {
	readonly x0: number;
	readonly x1: number;
	readonly state: SpanState;
	/** The segment it stands for (the first, when narrow segments were merged). */
	readonly segment: S;
	/** How many segments it stands for (1 unless merged). */
	readonly count: number;
	/** Narrower than `minPx`: drawn as a mark of `minPx` centred on its stretch, above the rest. */
	readonly narrow: boolean;
}

/**
 * Which state wins when several are squeezed into one pixel: a step that ran is the news,
 * then a blocked loop, then a queued task, then waiting.
 */
export const STATE_PRIORITY: Readonly<Record<SpanState, number>> = {
	running: 3,
	blocked: 2,
	ready: 1,
	waiting: 0
};

const byEnd = bisector((s: SpanLike) => s.end).left;

/** Index of the first segment that ends at or after `value` (segments.length if none). */
export function firstEndingAfter(segments: readonly SpanLike[], value: number): number {
	return byEnd(segments, value);
}

/**
 * The rectangles to paint for one lane between pixels 0 and `width`.
 * `px` maps axis values to pixels. Runs of segments narrower than `minPx` are merged into
 * marks about `minPx` wide, each showing the state that fills most of it; when none of them
 * takes any room (steps that take no virtual time), the most telling state (STATE_PRIORITY).
 */
export function spansToDraw<S extends SpanLike>(
	segments: readonly S[],
	px: (value: number) => number,
	invert: (pixel: number) => number,
	width: number,
	minPx = 2
): DrawSpan<S>[] {
	const out: DrawSpan<S>[] = [];
	if (segments.length === 0 || width <= 0) return out;
	const v0 = invert(-minPx);
	const v1 = invert(width + minPx);
	let group: S[] = [];
	let gx0 = 0;
	let gx1 = 0;
	const flush = () => {
		if (group.length === 0) return;
		const weight: Record<SpanState, number> = { running: 0, blocked: 0, ready: 0, waiting: 0 };
		for (const s of group) weight[s.state] += px(s.end) - px(s.start);
		let best = group[0];
		for (const s of group) {
			const dw = weight[s.state] - weight[best.state];
			if (
				dw > 1e-9 ||
				(Math.abs(dw) <= 1e-9 && STATE_PRIORITY[s.state] > STATE_PRIORITY[best.state])
			)
				best = s;
		}
		out.push({
			x0: gx0,
			x1: gx1,
			state: best.state,
			segment: best,
			count: group.length,
			narrow: gx1 - gx0 < minPx
		});
		group = [];
	};
	for (let i = firstEndingAfter(segments, v0); i < segments.length; i++) {
		const s = segments[i];
		if (s.start > v1) break;
		const x0 = px(s.start);
		const x1 = px(s.end);
		if (x1 - x0 >= minPx) {
			flush();
			out.push({ x0, x1, state: s.state, segment: s, count: 1, narrow: false });
			continue;
		}
		if (group.length > 0 && x0 - gx1 <= minPx / 2 && gx1 - gx0 < minPx) {
			group.push(s);
			gx1 = Math.max(gx1, x1);
		} else {
			flush();
			group = [s];
			gx0 = x0;
			gx1 = x1;
		}
	}
	flush();
	return out;
}

/**
 * The segment under axis value `value`. Within `tolerance` axis units, a segment too narrow to
 * see wins over the one containing the value (by STATE_PRIORITY), so the running marks that
 * take no virtual time on the time axis can be pointed at.
 */
export function segmentAt<S extends SpanLike>(
	segments: readonly S[],
	value: number,
	tolerance = 0
): S | null {
	let containing: S | null = null;
	let narrow: S | null = null;
	for (let i = firstEndingAfter(segments, value - tolerance); i < segments.length; i++) {
		const s = segments[i];
		if (s.start > value + tolerance) break;
		if (s.end - s.start <= 2 * tolerance) {
			if (!narrow || STATE_PRIORITY[s.state] > STATE_PRIORITY[narrow.state]) narrow = s;
		}
		if (s.start <= value && value <= s.end && !containing) containing = s;
	}
	return narrow ?? containing;
}
