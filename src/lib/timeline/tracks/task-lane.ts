/**
 * A task's lane: its segments by state, what it waits on written inside the bars, a ✕ or ⊘
 * where it failed or was cancelled, and an outline when it is the selected task.
 */
import type { Lane } from '$lib/model';
import { endMark, type Outcome } from '../outcomes';
import type { TimelineMetrics } from '../metrics';
import { renderLaneRow, segmentAtPx } from './lane-row';
import type { RenderContext, Track, TrackGeometry, TrackHit } from './track';

// How near (px) the pointer must be to an end mark to point at it.
const END_SLACK = 10;

/** The row of one task. */
export class TaskLaneTrack implements Track {
	readonly key: string;
	readonly lane: Lane;
	readonly #mark: '✕' | '⊘' | null;

	/** `outcome`: how the task ended, if it did (from taskOutcomes). */
	constructor(lane: Lane, outcome?: Outcome) {
		this.lane = lane;
		this.key = `task${lane.id}`;
		this.#mark = endMark(outcome?.outcome);
	}

	/** A lane's row. */
	height(metrics: TimelineMetrics): number {
		return metrics.laneHeight;
	}

	/** The bars, their labels, the end mark and the selection outline. */
	render(ctx: RenderContext, g: TrackGeometry): void {
		const h = this.height(g.metrics);
		renderLaneRow(
			ctx,
			g,
			{ key: this.key, height: h, ground: g.row % 2 === 1 ? 'zebra' : 'plain', worker: false },
			this.lane.segments
		);
		if (this.#mark) {
			const x = g.scale(this.lane.endAt);
			if (x >= -20 && x <= g.width + 20) {
				// Just after the end, or just before it when that would run off the plot.
				const at = x + 20 > g.width ? x - 18 : x + 3;
				ctx.out.marks.push({ key: this.key, x: at, y: g.top + h / 2, mark: this.#mark });
			}
		}
		if (ctx.selectedTask === this.lane.id) {
			ctx.out.outlines.push({
				key: this.key,
				x: 1,
				y: g.top + 1.5,
				width: Math.max(0, g.width - 2),
				height: h - 3
			});
		}
	}

	/** The segment or the end mark under the pointer; a click anywhere selects the task. */
	hitTest(x: number, y: number, g: TrackGeometry): TrackHit | null {
		if (y < 0 || y >= this.height(g.metrics)) return null;
		const segment = segmentAtPx(this.lane.segments, x, g);
		const atEnd = !!this.#mark && Math.abs(g.scale(this.lane.endAt) - x) <= END_SLACK;
		return { lane: this.lane, segment, atEnd, task: this.lane.id };
	}
}
