/**
 * The blocked band: while a blocking call (`time.sleep`) freezes the loop every lane is stuck,
 * so the stretch is shaded across all tracks and marked on the axis. It spans the stack rather
 * than taking a row of its own.
 */
import type { ScaleLinear } from 'd3';
import type { BlockedInterval } from '$lib/model';
import type { Band } from './track';

// Slack (px) either side, so a band at the very edge still shows.
const EDGE = 2;

/** The stretches of `intervals` in sight, in pixels. */
export function blockedBands(
	intervals: readonly BlockedInterval[],
	scale: ScaleLinear<number, number>,
	width: number
): Band[] {
	const out: Band[] = [];
	for (const b of intervals) {
		const x0 = scale(b.start);
		const x1 = scale(b.end);
		if (x1 >= -EDGE && x0 <= width + EDGE) out.push({ x0, x1, label: b.label });
	}
	return out;
}
