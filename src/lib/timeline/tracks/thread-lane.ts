/**
 * A worker thread's lane (`to_thread`, executors): its jobs in the worker colour on a raised
 * ground. A click on a job selects the task that handed it over.
 */
import type { Lane } from '$lib/model';
import type { TimelineMetrics } from '../metrics';
import { renderLaneRow, segmentAtPx } from './lane-row';
import type { RenderContext, Track, TrackGeometry, TrackHit } from './track';

/** The row of one worker thread. */
export class ThreadLaneTrack implements Track {
	readonly key: string;
	readonly lane: Lane;

	constructor(lane: Lane) {
		this.lane = lane;
		this.key = `worker${lane.id}`;
	}

	/** A lane's row. */
	height(metrics: TimelineMetrics): number {
		return metrics.laneHeight;
	}

	/** The jobs and their labels. */
	render(ctx: RenderContext, g: TrackGeometry): void {
		const h = this.height(g.metrics);
		renderLaneRow(
			ctx,
			g,
			{ key: this.key, height: h, ground: 'raised', worker: true },
			this.lane.segments
		);
	}

	/** The job under the pointer and the task it works for. */
	hitTest(x: number, y: number, g: TrackGeometry): TrackHit | null {
		if (y < 0 || y >= this.height(g.metrics)) return null;
		const segment = segmentAtPx(this.lane.segments, x, g);
		return { lane: this.lane, segment, atEnd: false, task: segment?.task ?? null };
	}
}
