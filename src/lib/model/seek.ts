/**
 * Seeking: the state of the world at any event, replayed from the nearest checkpoint.
 */
import type { TraceIndex } from './build-index';
import { firstAfter, lastAtOrBefore } from './geometry';
import { narrateWorld } from './narrate';
import { clampCursor, worldAt } from './cursor';
import { taskStates } from './replay';
import type { Blocking, OutputLine, Snapshot } from './types';

/** The output printed up to and including event `cursor`. O(lines) for the copy, but only references. */
export function outputAt(index: TraceIndex, cursor: number): OutputLine[] {
	const { output, outputLines, outputStarts } = index.tables;
	const count = firstAfter(outputStarts, cursor);
	const lines = outputLines.slice(0, count);
	// Only the newest line can still be growing at this cursor (pieces written without a newline).
	const record = output[count - 1];
	if (record && record.pieceSeqs[record.pieceSeqs.length - 1] > cursor) {
		const end = record.pieceEnds[lastAtOrBefore(record.pieceSeqs, cursor)];
		lines[count - 1] = { ...record.line, text: record.line.text.slice(0, end) };
	}
	return lines;
}

/** The whole state of the world at event `cursor` (clamped to 0..events.length-1). O(checkpointEvery + tasks). */
export function seek(index: TraceIndex, cursor: number): Snapshot {
	const at = clampCursor(index, cursor);
	const world = worldAt(index, at);
	const event = index.trace.events[at] ?? null;
	const record = index.tables.blockingAt.get(at);
	const blocking: Blocking | null = record
		? {
				task: record.task,
				label: record.label,
				line: record.line,
				start: record.start,
				end: record.end,
				seq: record.seq
			}
		: null;
	const tasks = taskStates(world);
	return {
		cursor: at,
		event,
		t: event?.t ?? 0,
		iteration: world.iteration,
		running: world.running,
		line: world.line,
		tasks,
		ready: world.ready.items(),
		timers: world.timers.items(),
		output: outputAt(index, at),
		threads: world.threads.items(),
		blocking,
		narration: narrateWorld(index, at, world),
		finished: at >= index.length - 1
	};
}
