/**
 * The timeline as tracks (Perfetto UI's `Track`): each kind of row knows its height, how it
 * renders into a scene and what the pointer is on. The timeline only stacks tracks
 * ({@link layoutTracks}) over one time window; a new view is a new track, not a new branch.
 * Rendering here means producing renderer-free shapes: the canvas painter, the SVG overlay and
 * later an SVG or PNG export all draw the same ones.
 */
import type { ScaleLinear } from 'd3';
import type { Lane, Segment } from '$lib/model';
import type { DrawSpan } from '../segments';
import type { TimelineMetrics } from '../metrics';

/** A lane's ground on the canvas: nothing, the zebra stripe, or a worker thread's raised one. */
export type Ground = 'plain' | 'zebra' | 'raised';

/** One row of bars for the canvas. */
export interface BarRow {
	/** Stable key: the track's key. */
	readonly key: string;
	/** Top and height of the row, in pixels from the top of the drawn window. */
	readonly top: number;
	readonly height: number;
	readonly ground: Ground;
	/** Top and height of the bars inside the row. */
	readonly barTop: number;
	readonly barHeight: number;
	/** Bars in one colour (a worker thread's work) rather than by state. */
	readonly worker: boolean;
	readonly spans: readonly DrawSpan<Segment>[];
}

/** Text inside a bar wide enough to hold it. */
export interface InlineLabel {
	readonly key: string;
	readonly x: number;
	readonly y: number;
	readonly text: string;
}

/** ✕ or ⊘ where a task ended by failing or being cancelled. */
export interface EndMarkShape {
	readonly key: string;
	readonly x: number;
	readonly y: number;
	readonly mark: '✕' | '⊘';
}

/** A rounded outline around a row (the selected task). */
export interface Outline {
	readonly key: string;
	readonly x: number;
	readonly y: number;
	readonly width: number;
	readonly height: number;
}

/** A stretch during which the whole loop is blocked, in pixels. */
export interface Band {
	readonly x0: number;
	readonly x1: number;
	readonly label: string;
}

/** Where tracks put their shapes: filled by {@link Track.render}, read by the renderers. */
export interface SceneParts {
	readonly rows: BarRow[];
	readonly labels: InlineLabel[];
	readonly marks: EndMarkShape[];
	readonly outlines: Outline[];
}

/** What rendering needs besides geometry: the sink and the selection. */
export interface RenderContext {
	readonly out: SceneParts;
	/** The highlighted task, or null. */
	readonly selectedTask: number | null;
}

/** Where a track is drawn, and the one time window every track shares. */
export interface TrackGeometry {
	/** Position of the track in the stack (zebra striping, keys). */
	readonly row: number;
	/** Top of the track in pixels, from the top of the drawn window. */
	readonly top: number;
	readonly width: number;
	/** Axis value → pixel across `[0, width]`; `invert` goes back. */
	readonly scale: ScaleLinear<number, number>;
	readonly metrics: TimelineMetrics;
}

/** What the pointer is on in a lane. */
export interface TrackHit {
	readonly lane: Lane;
	/** The segment under the pointer, or null between segments. */
	readonly segment: Segment | null;
	/** On the lane's end mark. */
	readonly atEnd: boolean;
	/** The task a click here selects, or null. */
	readonly task: number | null;
	/** On a scope bracket: its id (scope-brackets.ts). */
	readonly scope?: number;
	/** On a cancellation path: its index in the run's paths (cancel-paths.ts). */
	readonly cancel?: number;
}

/** One row of the timeline. */
export interface Track {
	/** Unique among the tracks of a timeline. */
	readonly key: string;
	/** The lane the track draws (every row kind today is a lane of the model). */
	readonly lane: Lane;
	/** Its height in pixels under `metrics`. */
	height(metrics: TimelineMetrics): number;
	/** Puts the track's shapes into `ctx.out`. */
	render(ctx: RenderContext, geometry: TrackGeometry): void;
	/** What is at `(x, y)`, y from the track's top; null when nothing there answers. */
	hitTest(x: number, y: number, geometry: TrackGeometry): TrackHit | null;
}

/** An empty scene sink. */
export function sceneParts(): SceneParts {
	return { rows: [], labels: [], marks: [], outlines: [] };
}
