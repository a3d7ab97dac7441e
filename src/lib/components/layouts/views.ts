/**
 * What a run layout places: each view of one run, drawn by RunView behind its own error
 * boundary. A layout decides where each goes and which variant of it fits there; it never
 * restyles a panel from outside (a panel takes a variant instead).
 */
import type { Snippet } from 'svelte';

/** The event loop panel: `column` (a side column) or `band` (three columns under the lanes). */
export type LoopVariant = 'column' | 'band';

/** The event loop in one band; see LoopStrip's `variant`. */
export type StripVariant = 'wide' | 'frame' | 'narrow';

/** The narration row's size; see Narration's `variant`. */
export type CaptionVariant = 'panel' | 'compact' | 'caption';

/** The views of one run on screen. */
export interface RunViews {
	/** The lanes (with their toolbar, axis and legend). */
	timeline: Snippet;
	/** The event loop panel. */
	loop: Snippet<[LoopVariant]>;
	/** The event loop in one band (the clock and the running task unless `narrow`). */
	strip: Snippet<[StripVariant]>;
	/** What the program printed. */
	output: Snippet;
	/** The selected task's call stack. */
	stack: Snippet;
	/** The narration, a lesson's steps, or an open predict question. */
	caption: Snippet<[CaptionVariant]>;
	/** The playback controls under the run (with the seek slider and its speed). */
	controls: Snippet;
	/** The embed's one-row playback bar. */
	bar: Snippet;
	/** The playground's hint when the whole run happens at t = 0 (else nothing). */
	axisHint: Snippet;
	/** The coaching note at the cursor, on a gotcha of the run (else nothing). */
	coach: Snippet;
}
