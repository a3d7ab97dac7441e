/**
 * The timeline as it stood at an event: lanes, arrows and blocked stretches cut at event
 * `seq`, so that nothing after it can be seen (predict mode hides the future). What ends
 * after `seq` ends at `x`, the axis position of `seq`; what starts after it is gone.
 */
import type { Arrow, BlockedInterval, Lane, Segment } from './types';

/** The lanes with every segment cut at event `seq` (axis position `x`). */
export function lanesUntil(lanes: readonly Lane[], seq: number, x: number): Lane[] {
	return lanes.map((lane) => {
		const segments: Segment[] = [];
		for (const segment of lane.segments) {
			if (segment.startSeq > seq) continue;
			segments.push(
				segment.endSeq > seq ? { ...segment, end: Math.min(segment.end, x), endSeq: seq } : segment
			);
		}
		return { ...lane, segments, endAt: Math.min(lane.endAt, x) };
	});
}

/** The arrows whose both ends are at or before event `seq`. */
export function arrowsUntil(arrows: readonly Arrow[], seq: number): Arrow[] {
	return arrows.filter((arrow) => arrow.fromSeq <= seq && arrow.toSeq <= seq);
}

/** The blocked stretches begun by event `seq`, cut at its axis position `x`. */
export function blockedUntil(
	intervals: readonly BlockedInterval[],
	seq: number,
	x: number
): BlockedInterval[] {
	return intervals
		.filter((interval) => interval.seq <= seq)
		.map((interval) =>
			interval.end > x ? { ...interval, end: Math.max(interval.start, x) } : interval
		);
}
