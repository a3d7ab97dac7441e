/**
 * A run as a storyboard: one frame per step, for a printed handout. Each frame is the model's
 * snapshot at that step, and the lines printed at that step. Long runs keep their first
 * {@link STORYBOARD_FRAMES} steps; the page says how many it left out.
 */
import { seek } from './seek';
import type { TraceIndex } from './build-index';
import type { OutputLine, Snapshot } from './types';

/** The most frames a storyboard prints (a handout of ~25 pages at most). */
export const STORYBOARD_FRAMES = 200;

/** One step of the storyboard. */
export interface StoryboardFrame {
	snapshot: Snapshot;
	/** The output lines this step began printing. */
	printed: OutputLine[];
}

/** The frames of `index`'s run, from its first step; `left` is how many steps were left out. */
export function storyboard(
	index: TraceIndex,
	limit = STORYBOARD_FRAMES
): { frames: StoryboardFrame[]; left: number } {
	const steps = index.trace.events.length;
	const frames: StoryboardFrame[] = [];
	for (let cursor = 0; cursor < Math.min(steps, limit); cursor++) {
		const snapshot = seek(index, cursor);
		frames.push({ snapshot, printed: snapshot.output.filter((line) => line.seq === cursor) });
	}
	return { frames, left: Math.max(0, steps - limit) };
}
