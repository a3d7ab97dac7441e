/**
 * What the timeline's tooltip says about a point of a lane: the task's state there, what it
 * awaited, when, and which events; at a lane's end, how the task ended.
 */
import {
	xOf,
	type Axis,
	type Lane,
	type Segment,
	type TaskStatus,
	type TraceIndex
} from '../model';
import type { Outcome } from './outcomes';
import { taskName } from '../model/task-name';
import { formatDuration, formatSeconds } from '../model/time-format';

/** One line of a tooltip; a `state` line is drawn with that state's swatch. */
export interface TipLine {
	readonly kind: 'state' | 'text' | 'muted';
	readonly text: string;
	readonly state?: TaskStatus;
}

/** A tooltip: the lane's label as its title, then its lines. */
export interface Tip {
	readonly title: string;
	readonly lines: readonly TipLine[];
}

/** Where the pointer is: a lane, the segment under it if any, and whether it is at the end. */
export interface LanePoint {
	readonly lane: Lane;
	readonly segment: Segment | null;
	readonly atEnd: boolean;
}

/** The tooltip for `point`, on `axis`; `outcomes` from taskOutcomes. */
export function tooltipFor(
	index: TraceIndex,
	axis: Axis,
	point: LanePoint,
	outcomes: ReadonlyMap<number, Outcome>
): Tip {
	const { lane, segment } = point;
	const lines: TipLine[] = [];
	if (segment) {
		const worker = lane.kind === 'worker';
		lines.push({
			kind: 'state',
			state: segment.state,
			text: worker ? 'running on a worker thread' : segment.state
		});
		if (segment.awaits) {
			const verb = segment.state === 'waiting' ? 'awaits' : 'woken from';
			lines.push({ kind: 'text', text: `${verb} ${segment.awaits.label}` });
		}
		if (segment.label) lines.push({ kind: 'text', text: segment.label });
		if (worker && segment.task !== undefined && segment.task !== null) {
			if (index.trace.tasks[segment.task])
				lines.push({
					kind: 'muted',
					text: `for ${taskName(index.trace.tasks, segment.task, 'both')}`
				});
		}
		const t0 = xOf(index, 'time', segment.startSeq);
		// A blocking call's segment ends when the blocking does, not at its next event.
		const t1 =
			segment.state === 'blocked' && axis === 'time'
				? segment.end
				: xOf(index, 'time', segment.endSeq);
		lines.push({
			kind: 'muted',
			text:
				t1 > t0
					? `${formatSeconds(t0)} → ${formatSeconds(t1)}  (${formatDuration(t1 - t0)})`
					: `at ${formatSeconds(t0)}, taking no virtual time`
		});
		const last = Math.min(segment.endSeq, index.length) - 1;
		lines.push({
			kind: 'muted',
			text:
				last > segment.startSeq ? `events ${segment.startSeq}–${last}` : `event ${segment.startSeq}`
		});
	}
	if (point.atEnd && lane.kind === 'task') {
		const end = outcomes.get(lane.id);
		if (end?.outcome === 'exception') {
			const what = end.error ? `${end.error.type}: ${end.error.message}` : 'an exception';
			lines.push({ kind: 'state', state: 'failed', text: `raised ${what}` });
		} else if (end?.outcome === 'cancelled') {
			lines.push({ kind: 'state', state: 'cancelled', text: 'cancelled' });
		}
	}
	return { title: lane.label, lines };
}
