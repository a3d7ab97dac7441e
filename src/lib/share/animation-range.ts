/**
 * The plan of an animation of a run, before anything is drawn: which steps become frames, how
 * long each is shown, and what the file is called. Pure, so the dialog and the encoder agree.
 */
import { fileStem } from './export-image';

/** The most frames one animation holds: a few minutes of steps, a file a slide can carry. */
export const MAX_ANIMATION_FRAMES = 300;

/** How long each step is shown unless the learner says otherwise, in milliseconds. */
export const DEFAULT_FRAME_DELAY_MS = 500;

/** The last frame stays this long (at least), so a looping GIF rests on the end of the run. */
export const LAST_FRAME_HOLD_MS = 2000;

/** GIF delays count hundredths of a second, and browsers slow anything under 20 ms down. */
export const MIN_FRAME_DELAY_MS = 20;

/** A minute per step is already a slide show; past it, a typo. */
export const MAX_FRAME_DELAY_MS = 60_000;

/** What the animation is saved as: an animated GIF, or a WebM video. */
export type AnimationFormat = 'gif' | 'webm';

/** A stretch of steps, 1-based and inclusive, as the learner counts them. */
export interface StepRange {
	readonly from: number;
	readonly to: number;
}

function whole(value: number, fallback: number): number {
	return Number.isFinite(value) ? Math.round(value) : fallback;
}

/** The whole run, or its first {@link MAX_ANIMATION_FRAMES} steps when it is longer. */
export function defaultRange(stepCount: number): StepRange {
	return { from: 1, to: Math.max(1, Math.min(stepCount, MAX_ANIMATION_FRAMES)) };
}

/**
 * The range the learner asked for, made valid: whole steps inside `1..stepCount`, `to` no
 * earlier than `from`, and at most {@link MAX_ANIMATION_FRAMES} steps (the end moves, not the
 * start the learner chose). A value that is not a number falls back to the run's edge.
 */
export function clampRange(from: number, to: number, stepCount: number): StepRange {
	const last = Math.max(1, Math.floor(stepCount));
	const start = Math.min(last, Math.max(1, whole(from, 1)));
	const end = Math.min(last, Math.max(start, whole(to, last)));
	return { from: start, to: Math.min(end, start + MAX_ANIMATION_FRAMES - 1) };
}

/** The frame delay asked for, whole milliseconds within the bounds; the default if not a number. */
export function clampDelay(ms: number): number {
	const value = whole(ms, DEFAULT_FRAME_DELAY_MS);
	return Math.min(MAX_FRAME_DELAY_MS, Math.max(MIN_FRAME_DELAY_MS, value));
}

/** The cursors (0-based event indices) of the frames of `range`, one per step, in order. */
export function frameCursors(range: StepRange): number[] {
	return Array.from({ length: range.to - range.from + 1 }, (_, i) => range.from - 1 + i);
}

/** How long each of `count` frames is shown: `delayMs` each, the last held at least 2 s. */
export function frameDelays(count: number, delayMs: number): number[] {
	return Array.from({ length: count }, (_, i) =>
		i === count - 1 ? Math.max(delayMs, LAST_FRAME_HOLD_MS) : delayMs
	);
}

/**
 * The file's name: the program's stem, then the steps. `get_users_batch.py` from step 1 to 5 as
 * a GIF gives `get_users_batch-steps-1-5.gif`.
 */
export function animationFilename(
	programFilename: string | undefined,
	range: StepRange,
	format: AnimationFormat
): string {
	return `${fileStem(programFilename)}-steps-${range.from}-${range.to}.${format}`;
}
