/**
 * What the timeline draws, as pure geometry: a function of (index, cursor, viewport, size,
 * metrics) with no renderer in it. The canvas painter and the SVG overlay draw it; an SVG or
 * PNG export can draw the same. It comes in parts that change at different rates (the bars
 * move with zoom and scroll, the arrows with hover, the cursor with every step), so a view
 * can recompute, and repaint, only the part that changed; {@link timelineScene} is the whole.
 */
import { scaleLinear, type ScaleLinear } from 'd3';
import {
	arrows,
	arrowsUntil,
	blockedIntervals,
	blockedUntil,
	lanes,
	lanesUntil,
	xOf,
	type Arrow,
	type Axis,
	type BlockedInterval,
	type Lane,
	type TraceIndex
} from '$lib/model';
import { laneIndexByTask } from './layout';
import type { TimelineMetrics } from './metrics';
import { taskOutcomes, type Outcome } from './outcomes';
import { formatSeconds } from '$lib/model/time-format';
import { axisTicks, type Tick } from './ticks';
import {
	arrowShapes,
	blockedBands,
	cancelShapes,
	plotTextBoxes,
	labelsClearOfFates,
	sceneParts,
	scopeShapes,
	type CancelShape,
	type InlineLabel,
	type ScopeShape,
	TaskLaneTrack,
	ThreadLaneTrack,
	type ArrowShape,
	type Band,
	type PlotText,
	type SceneParts,
	type Track,
	type TrackLayout,
	type TrackWindow
} from './tracks';

/** What a run gives the timeline, cut at `revealUntil`: made once per run, axis and cut. */
export interface TimelineData {
	readonly lanes: readonly Lane[];
	readonly tracks: readonly Track[];
	readonly arrows: readonly Arrow[];
	readonly blocked: readonly BlockedInterval[];
	readonly outcomes: ReadonlyMap<number, Outcome>;
	readonly laneOfTask: ReadonlyMap<number, number>;
}

/**
 * The run's lanes as tracks, with its arrows, blocked stretches and outcomes; with
 * `revealUntil`, only what happened up to that event (predict mode hides the future).
 */
export function timelineData(
	index: TraceIndex,
	axis: Axis,
	revealUntil: number | null = null
): TimelineData {
	const cutX = revealUntil === null ? null : xOf(index, axis, revealUntil);
	const all = lanes(index, axis);
	const laneList = revealUntil === null || cutX === null ? all : lanesUntil(all, revealUntil, cutX);
	const allOutcomes = taskOutcomes(index.trace);
	const outcomes =
		revealUntil === null
			? allOutcomes
			: new Map([...allOutcomes].filter(([, outcome]) => outcome.seq <= revealUntil));
	const tracks = laneList.map((lane) =>
		lane.kind === 'task'
			? new TaskLaneTrack(lane, outcomes.get(lane.id))
			: new ThreadLaneTrack(lane)
	);
	return {
		lanes: laneList,
		tracks,
		arrows:
			revealUntil === null ? arrows(index, axis) : arrowsUntil(arrows(index, axis), revealUntil),
		blocked:
			revealUntil === null || cutX === null
				? blockedIntervals(index, axis)
				: blockedUntil(blockedIntervals(index, axis), revealUntil, cutX),
		outcomes,
		laneOfTask: laneIndexByTask(laneList)
	};
}

/** The pixel scale of a viewport's range across `width`. */
export function rangeScale(
	range: readonly [number, number],
	width: number
): ScaleLinear<number, number> {
	return scaleLinear().domain(range).range([0, width]);
}

/** Where the tracks are drawn: the stack, the tracks in sight and the time window. */
export interface Frame {
	readonly layout: TrackLayout;
	readonly window: TrackWindow;
	readonly scale: ScaleLinear<number, number>;
	readonly width: number;
	readonly metrics: TimelineMetrics;
}

/** The tracks' part: bars, inline labels, end marks, the selection, grid and blocked bands. */
export interface TracksScene extends SceneParts {
	/** Top of the drawn window in the stack, and its height. */
	readonly top: number;
	readonly height: number;
	readonly ticks: readonly Tick[];
	readonly bands: readonly Band[];
	/** Pixel x of axis value 0, so patterns move with the content while panning. */
	readonly origin: number;
}

/** The tracks in sight, rendered; `end` is where the run ends (no tick past it). */
export function tracksScene(
	frame: Frame,
	axis: Axis,
	end: number,
	blocked: readonly BlockedInterval[],
	selectedTask: number | null
): TracksScene {
	const { layout, window: win, scale, width, metrics } = frame;
	const out = sceneParts();
	const top = layout.tops[win.first] ?? 0;
	for (let i = win.first; i < win.last; i++) {
		const geometry = { row: i, top: layout.tops[i] - top, width, scale, metrics };
		layout.tracks[i].render({ out, selectedTask }, geometry);
	}
	const bottom = win.last < layout.tracks.length ? layout.tops[win.last] : layout.height;
	return {
		...out,
		top,
		height: Math.max(0, bottom - top),
		ticks: axisTicks(scale, axis, width).filter((t) => t.value >= 0 && t.value <= end * (1 + 1e-9)),
		bands: blockedBands(blocked, scale, width),
		origin: scale(0)
	};
}

/** The arrows in sight, for the focused tasks (all of them in a small run). */
export function arrowsScene(
	frame: Frame,
	data: TimelineData,
	focusTasks: readonly number[]
): ArrowShape[] {
	return arrowShapes({
		arrows: data.arrows,
		laneOfTask: data.laneOfTask,
		laneCount: data.lanes.length,
		first: frame.window.first,
		last: frame.window.last,
		focusTasks,
		scale: frame.scale,
		width: frame.width,
		metrics: frame.metrics
	});
}

/**
 * The scopes' part: brackets over the lanes each covers, the cancellation paths, and the lanes'
 * inline labels as drawn (each giving way to a fate's words on its row).
 */
export interface ScopesScene {
	readonly brackets: readonly ScopeShape[];
	readonly cancels: readonly CancelShape[];
	readonly labels: readonly InlineLabel[];
}

/**
 * The scope brackets and cancellation paths in sight, the brackets' tags clear of the text the
 * `tracks` and the paths write; with `revealUntil`, only up to it.
 */
export function scopesScene(
	frame: Frame,
	index: TraceIndex,
	axis: Axis,
	data: TimelineData,
	tracks: PlotText,
	revealUntil: number | null = null
): ScopesScene {
	const input = {
		index,
		axis,
		laneOfTask: data.laneOfTask,
		first: frame.window.first,
		last: frame.window.last,
		scale: frame.scale,
		width: frame.width,
		metrics: frame.metrics,
		revealUntil
	};
	const cancels = cancelShapes(input);
	const around = plotTextBoxes(tracks, cancels, frame.metrics);
	return {
		brackets: scopeShapes(input, around),
		cancels,
		labels: labelsClearOfFates(tracks.labels, cancels, frame.metrics)
	};
}

/** Where the cursor is: its axis value and what the axis pill says. */
export interface CursorInput {
	/** Axis value of the cursor. */
	readonly at: number;
	/** Virtual time and loop iteration at the cursor. */
	readonly t: number;
	readonly iteration: number;
	/** The running task's lane, or -1. */
	readonly runningLane: number;
}

/** A tick label placed on the axis: anchored inside the plot, hidden under the cursor's pill. */
export interface AxisLabel extends Tick {
	readonly anchor: 'start' | 'middle' | 'end';
	readonly show: boolean;
}

/** The cursor's part: the line, the dot on the running lane, the shade over the future, the axis. */
export interface CursorScene {
	readonly x: number;
	/** In sight (a pixel of slack at either edge). */
	readonly inView: boolean;
	/** y of the dot on the running task's lane, when that lane is drawn. */
	readonly dotY: number | null;
	/** The shade over what is still to come, or null. */
	readonly future: { readonly x: number; readonly width: number } | null;
	readonly text: string;
	readonly pill: { readonly x: number; readonly w: number } | null;
	readonly labels: readonly AxisLabel[];
}

/** The cursor over `tracks` (whose ticks it labels around its pill). */
export function cursorScene(
	frame: Frame,
	tracks: Pick<TracksScene, 'ticks' | 'top'>,
	axis: Axis,
	cursor: CursorInput
): CursorScene {
	const { scale, width, metrics: m, layout, window: win } = frame;
	const x = scale(cursor.at);
	const inView = x >= -1 && x <= width + 1;
	const text = axis === 'time' ? formatSeconds(cursor.t) : `step ${Math.max(0, cursor.iteration)}`;
	const w = text.length * m.axisChar + 18;
	const pill = inView ? { x: Math.min(Math.max(x - w / 2, 0), width - w), w } : null;
	const lane = cursor.runningLane;
	const dotY =
		inView && lane >= win.first && lane < win.last
			? layout.tops[lane] - tracks.top + layout.tracks[lane].height(m) / 2
			: null;
	const labels = tracks.ticks.map((tick) => {
		const tw = tick.label.length * m.axisChar;
		const anchor: AxisLabel['anchor'] =
			tick.x < tw / 2 + 2 ? 'start' : tick.x > width - tw / 2 - 2 ? 'end' : 'middle';
		const left = anchor === 'start' ? tick.x : anchor === 'end' ? tick.x - tw : tick.x - tw / 2;
		const show = !pill || left + tw + 6 < pill.x || left - 6 > pill.x + pill.w;
		return { ...tick, anchor, show };
	});
	const future = inView && x < width ? { x: Math.max(0, x), width: width - Math.max(0, x) } : null;
	return { x, inView, dotY, future, text, pill, labels };
}

/** Everything the timeline draws for one frame. */
export interface TimelineScene {
	readonly tracks: TracksScene;
	readonly arrows: readonly ArrowShape[];
	readonly scopes: ScopesScene;
	readonly cursor: CursorScene;
}

/** What {@link timelineScene} draws from. */
export interface SceneInput {
	readonly index: TraceIndex;
	readonly axis: Axis;
	readonly data: TimelineData;
	readonly layout: TrackLayout;
	readonly window: TrackWindow;
	/** The viewport's range `[from, to]` in axis units. */
	readonly range: readonly [number, number];
	readonly width: number;
	readonly metrics: TimelineMetrics;
	/** The cursor's event, and what is running and selected there. */
	readonly cursor: { readonly seq: number; readonly t: number; readonly iteration: number };
	readonly running: number | null;
	readonly selectedTask: number | null;
	readonly focusTasks: readonly number[];
	/** Where the run ends on the axis. */
	readonly end: number;
}

/** The frame {@link SceneInput} describes. */
export function frameOf(input: Omit<SceneInput, 'index' | 'axis' | 'data' | 'cursor'>): Frame {
	return {
		layout: input.layout,
		window: input.window,
		scale: rangeScale(input.range, input.width),
		width: input.width,
		metrics: input.metrics
	};
}

/** The whole scene: tracks, arrows and cursor. */
export function timelineScene(input: SceneInput): TimelineScene {
	const frame = frameOf(input);
	const tracks = tracksScene(frame, input.axis, input.end, input.data.blocked, input.selectedTask);
	const runningLane =
		input.running === null ? -1 : (input.data.laneOfTask.get(input.running) ?? -1);
	return {
		tracks,
		arrows: arrowsScene(frame, input.data, input.focusTasks),
		scopes: scopesScene(frame, input.index, input.axis, input.data, tracks),
		cursor: cursorScene(frame, tracks, input.axis, {
			at: xOf(input.index, input.axis, input.cursor.seq),
			t: input.cursor.t,
			iteration: input.cursor.iteration,
			runningLane
		})
	};
}
