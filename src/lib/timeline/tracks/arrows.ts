/**
 * The arrows between lanes: from a parent to each task it creates, from a finished child to
 * the task that collects it. An overlay over the stacked tracks; a big run draws only the
 * arrows of the focused (selected or hovered) tasks.
 */
import type { ScaleLinear } from 'd3';
import type { Arrow } from '$lib/model';
import { arrowInView, arrowPath, arrowsTouching } from '../arrows';
import type { TimelineMetrics } from '../metrics';

/** Above this many lanes, arrows are drawn only for the selected or hovered task. */
export const ALL_ARROWS_UP_TO = 60;

/** One arrow to draw, in pixels from the top of the drawn window. */
export interface ArrowShape {
	/** The arrow's place in the list: stable, and unique whatever the ends. */
	readonly key: string;
	readonly kind: Arrow['kind'];
	/** Touches a focused task: drawn heavier, and on top. */
	readonly focus: boolean;
	/** SVG path data of the line and of the head. */
	readonly d: string;
	readonly head: string;
}

/** What the arrows are drawn over. */
export interface ArrowInput {
	readonly arrows: readonly Arrow[];
	/** Lane index of each task. */
	readonly laneOfTask: ReadonlyMap<number, number>;
	readonly laneCount: number;
	/** The lanes drawn, `[first, last)`. */
	readonly first: number;
	readonly last: number;
	readonly focusTasks: readonly number[];
	readonly scale: ScaleLinear<number, number>;
	readonly width: number;
	readonly metrics: TimelineMetrics;
}

/** The arrows in sight, focused ones last (so they sit on top). */
export function arrowShapes(input: ArrowInput): ArrowShape[] {
	const { arrows, laneOfTask, focusTasks, scale, width, first, last, metrics: m } = input;
	const showAll = input.laneCount <= ALL_ARROWS_UP_TO;
	const out: ArrowShape[] = [];
	// A big run draws only the focused tasks' arrows: look those up, not every arrow.
	for (const n of showAll ? arrows.keys() : arrowsTouching(arrows, focusTasks)) {
		const arrow = arrows[n];
		const from = laneOfTask.get(arrow.fromTask);
		const to = laneOfTask.get(arrow.toTask);
		if (from === undefined || to === undefined || from === to) continue;
		const focus = focusTasks.includes(arrow.fromTask) || focusTasks.includes(arrow.toTask);
		if (!showAll && !focus) continue;
		const x1 = scale(arrow.x1);
		const x2 = scale(arrow.x2);
		if (!arrowInView(from, to, x1, x2, first, last, width)) continue;
		// Every lane is one laneHeight tall today; taller tracks would pass their tops here.
		const path = arrowPath(from, to, x1, x2, m.laneHeight, m.barHeight, first);
		const dir = to >= from ? -1 : 1;
		const { headX: hx, headY: hy } = path;
		out.push({
			key: `${arrow.kind}:${n}`,
			kind: arrow.kind,
			focus,
			d: path.d,
			head: `M${hx - 4.5},${hy + dir * 8}L${hx},${hy}L${hx + 4.5},${hy + dir * 8}Z`
		});
	}
	return out.sort((a, b) => Number(a.focus) - Number(b.focus));
}
