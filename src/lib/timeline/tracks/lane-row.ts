/**
 * What the two lane tracks share: the bars of a lane at the current zoom, and the text that
 * fits inside them.
 */
import type { Segment } from '$lib/model';
import { truncate } from '../outcomes';
import { segmentAt, spansToDraw, type DrawSpan } from '../segments';
import type { Ground, InlineLabel, RenderContext, TrackGeometry } from './track';

/** The bars to draw for `segments` across the geometry's width. */
export function laneSpans(segments: readonly Segment[], g: TrackGeometry): DrawSpan<Segment>[] {
	return spansToDraw(segments, g.scale, (px) => g.scale.invert(px), g.width);
}

/**
 * Draws a lane's row of `height`: its ground, the bars of `segments` and the labels that fit
 * inside them. The worker threads' rows take the worker colour.
 */
export function renderLaneRow(
	ctx: RenderContext,
	g: TrackGeometry,
	row: { key: string; height: number; ground: Ground; worker: boolean },
	segments: readonly Segment[]
): void {
	const spans = laneSpans(segments, g);
	ctx.out.rows.push({
		key: row.key,
		top: g.top,
		height: row.height,
		ground: row.ground,
		barTop: g.top + (row.height - g.metrics.barHeight) / 2,
		barHeight: g.metrics.barHeight,
		worker: row.worker,
		spans
	});
	ctx.out.labels.push(...inlineLabels(spans, g, row.height));
}

/** Text inside a segment wide enough to hold it: what a task waits on, what blocks. */
export function inlineText(segment: Segment): string | null {
	if (segment.state === 'waiting') return segment.awaits?.label ?? null;
	if (segment.state === 'blocked') return segment.label ?? null;
	return segment.label || null;
}

/**
 * An inline label cut to `room` characters, or null where so little would be left that it is
 * noise (a stub like "asy…"): a label shows whole, or at least a telling part.
 */
export function fitLabel(text: string, room: number): string | null {
	return room < Math.min([...text].length, 12) ? null : truncate(text, room);
}

/** The labels that fit inside `spans`, centred on the row of `g`. */
export function inlineLabels(
	spans: readonly DrawSpan<Segment>[],
	g: TrackGeometry,
	height: number
): InlineLabel[] {
	const out: InlineLabel[] = [];
	for (const s of spans) {
		if (s.narrow) continue;
		const text = inlineText(s.segment);
		if (!text) continue;
		const x0 = Math.max(0, s.x0);
		const x1 = Math.min(g.width, s.x1);
		const fitted = fitLabel(text, Math.floor((x1 - x0 - 14) / g.metrics.inlineChar));
		if (fitted === null) continue;
		out.push({
			key: `${g.row}:${s.segment.startSeq}`,
			x: x0 + 7,
			y: g.top + height / 2,
			text: fitted
		});
	}
	return out;
}

/** The segment at pixel `x`, with the metrics' slack for marks too narrow to see. */
export function segmentAtPx(
	segments: readonly Segment[],
	x: number,
	g: TrackGeometry
): Segment | null {
	const value = g.scale.invert(x);
	const tolerance = Math.abs(g.scale.invert(x + g.metrics.hitSlack) - value);
	return segmentAt(segments, value, tolerance);
}
