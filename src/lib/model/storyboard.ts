/**
 * A run as a storyboard, for a printed handout: one frame per step, or one per key step (what a
 * teacher would stop at: a task starts, suspends on something new, ends; output; warnings and
 * errors; the run's outcome). Each frame is the model's snapshot at its step, the lines printed
 * since the frame before, and the code marks there (the running line, each paused line with
 * its tasks). Long runs keep their first {@link STORYBOARD_FRAMES} frames; the page says how
 * many it left out.
 */
import { seek } from './seek';
import type { TraceIndex } from './build-index';
import { marksAt, type CodeMarks } from './code-marks';
import type { OutputLine, Snapshot } from './types';
import type { Trace, TraceEvent } from '../trace/schema';

/** The most frames a storyboard prints (a handout of ~25 pages at most). */
export const STORYBOARD_FRAMES = 200;

/** The most key steps a handout prints: a few pages, whatever the run. */
export const KEY_STEP_FRAMES = 40;

/** Every step, or only the key ones. */
export type StoryboardMode = 'key' | 'every';

/** One step of the storyboard. */
export interface StoryboardFrame {
	snapshot: Snapshot;
	/** The output lines printed since the frame before (in every-step mode: at this step). */
	printed: OutputLine[];
	/** The lines to mark in the program at this step. */
	marks: CodeMarks;
}

/** A storyboard: its frames, and how many of the steps it would show were left out. */
export interface Storyboard {
	frames: StoryboardFrame[];
	left: number;
}

/** The frames of `index`'s run, from its first step; `left` is how many steps were left out. */
export function storyboard(
	index: TraceIndex,
	limit = STORYBOARD_FRAMES,
	mode: StoryboardMode = 'every'
): Storyboard {
	const steps = index.trace.events.length;
	const cursors =
		mode === 'key' ? keySteps(index.trace) : Array.from({ length: steps }, (_, i) => i);
	const frames: StoryboardFrame[] = [];
	let after = -1;
	for (const cursor of cursors.slice(0, limit)) {
		const snapshot = seek(index, cursor);
		const since = after;
		frames.push({
			snapshot,
			printed: snapshot.output.filter((line) => line.seq > since && line.seq <= cursor),
			marks: marksAt(snapshot, index.trace, cursor === steps - 1)
		});
		after = cursor;
	}
	return { frames, left: Math.max(0, cursors.length - limit) };
}

// Events that matter wherever they happen: a warning (a coroutine never awaited, a blocking
// call), a cancellation, a blocking call, and output.
function notable(event: TraceEvent): boolean {
	return (
		event.kind === 'warning' ||
		event.kind === 'cancel' ||
		event.kind === 'blocking' ||
		event.kind === 'stdout'
	);
}

/**
 * The key steps of a run, as cursors in order. A task's step (from its `step_start` to the
 * `suspend` or `task_done` that ends it) is key when it is the task's first, when it is the
 * first resumption after a new wait, when it suspends on something the task did not wait on the
 * step before, when it ends the task, or when something notable happens in it (output, a
 * warning, a cancellation, a blocking call); the frame is the step's last event, where its
 * effects (timers set, tasks created, lines printed) show. A notable event outside any task's
 * step is key itself, and so is the run's last event (its outcome). A loop that waits on the
 * same thing round after round is shown for its first round only.
 */
export function keySteps(trace: Pick<Trace, 'events'>): number[] {
	const keys: number[] = [];
	const lastWait = new Map<number, string>();
	// Tasks whose last wait was a new one: their next resumption is worth a frame.
	const newWait = new Set<number>();
	let open: { task: number; key: boolean } | null = null;
	for (const event of trace.events) {
		if (event.kind === 'step_start') {
			open = { task: event.task, key: event.first || newWait.has(event.task) };
			newWait.delete(event.task);
			continue;
		}
		if (open && (event.kind === 'suspend' || event.kind === 'task_done')) {
			if (event.task !== open.task) continue;
			let key = open.key;
			if (event.kind === 'suspend') {
				const wait = `${event.awaits.kind}:${event.awaits.label}`;
				if (lastWait.get(event.task) !== wait) {
					key = true;
					newWait.add(event.task);
				}
				lastWait.set(event.task, wait);
			} else key = true;
			if (key) keys.push(event.seq);
			open = null;
			continue;
		}
		if (!notable(event)) continue;
		if (open) open.key = true;
		else keys.push(event.seq);
	}
	const last = trace.events.length - 1;
	if (last >= 0 && keys.at(-1) !== last) keys.push(last);
	return keys;
}

/** One line of a frame's code excerpt, with its mark. */
export interface ExcerptLine {
	/** 1-based. */
	number: number;
	text: string;
	/** The strongest mark on the line: the error's, the running line's, a paused one's. */
	mark: 'error' | 'current' | 'paused' | null;
	/** The tasks paused on the line, in task order (empty when none). */
	paused: string[];
	running: boolean;
	error: boolean;
}

/** A stretch of the program around marked lines, and the line it starts at. */
export interface ExcerptPart {
	from: number;
	lines: ExcerptLine[];
}

/**
 * The program's lines worth printing beside a frame: each marked line (the running one, the
 * paused ones, the error's) with `context` lines either side, stretches that touch merged.
 * No marks: no lines.
 */
export function codeExcerpt(marks: CodeMarks, code: readonly string[], context = 1): ExcerptPart[] {
	const paused = new Map(marks.paused.map((mark) => [mark.line, mark.names]));
	const marked = [...paused.keys(), marks.current, marks.error].filter(
		(line): line is number => line !== null && line >= 1 && line <= code.length
	);
	const ranges: Array<{ from: number; to: number }> = [];
	for (const line of [...new Set(marked)].sort((a, b) => a - b)) {
		const from = Math.max(1, line - context);
		const to = Math.min(code.length, line + context);
		const previous = ranges.at(-1);
		if (previous && from <= previous.to + 1) previous.to = Math.max(previous.to, to);
		else ranges.push({ from, to });
	}
	return ranges.map(({ from, to }) => ({
		from,
		lines: Array.from({ length: to - from + 1 }, (_, i) => {
			const number = from + i;
			const names = paused.get(number) ?? [];
			const running = number === marks.current;
			const error = number === marks.error;
			const mark = error ? 'error' : running ? 'current' : names.length > 0 ? 'paused' : null;
			return { number, text: code[number - 1], mark, paused: names, running, error };
		})
	}));
}
