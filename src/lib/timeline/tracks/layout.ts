/**
 * Stacks tracks top to bottom and finds which of them a scroll position shows, so that only
 * those render: 1,000 lanes cost what 30 do.
 */
import { bisector } from 'd3';
import type { TimelineMetrics } from '../metrics';
import type { Track } from './track';

/** Tracks stacked: where each one starts, and the height of the whole stack. */
export interface TrackLayout {
	readonly tracks: readonly Track[];
	/** `tops[i]`: the top of track i in pixels from the top of the stack. */
	readonly tops: readonly number[];
	readonly height: number;
}

/** Stacks `tracks` in order, each as tall as it says under `metrics`. */
export function layoutTracks(tracks: readonly Track[], metrics: TimelineMetrics): TrackLayout {
	const tops = new Array<number>(tracks.length);
	let y = 0;
	for (let i = 0; i < tracks.length; i++) {
		tops[i] = y;
		y += tracks[i].height(metrics);
	}
	return { tracks, tops, height: y };
}

const byTop = bisector((top: number) => top).right;

/** The track at `y` from the top of the stack, or -1 outside every track. */
export function trackAtY(layout: TrackLayout, y: number): number {
	if (!(y >= 0) || y >= layout.height) return -1;
	return byTop(layout.tops, y) - 1;
}

/** A half-open range of track indices `[first, last)`. */
export interface TrackWindow {
	readonly first: number;
	readonly last: number;
}

/**
 * The tracks to render for a scroll position: those in sight plus `overscan` on each side,
 * aligned to multiples of `overscan` so small scrolls do not re-render anything.
 */
export function trackWindow(
	layout: TrackLayout,
	scrollTop: number,
	viewportHeight: number,
	overscan = 8
): TrackWindow {
	const count = layout.tracks.length;
	if (count === 0 || layout.height <= 0) return { first: 0, last: 0 };
	const step = Math.max(1, overscan);
	const topY = Math.max(0, scrollTop);
	const top = Math.max(0, byTop(layout.tops, topY) - 1);
	// How many tracks begin above the bottom edge.
	const bottom = bisector((t: number) => t).left(layout.tops, topY + Math.max(0, viewportHeight));
	const first = Math.max(0, Math.floor(top / step) * step - step);
	const last = Math.min(count, Math.ceil(bottom / step) * step + step);
	return { first: Math.min(first, last), last };
}
