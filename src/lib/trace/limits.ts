/**
 * The largest traces Loopscope opens: no bigger than its recorder can produce, with headroom
 * for the text around them. Anything beyond is refused with a plain sentence before any work
 * is spent on it (a file by its size before it is read, a link by its length and while it
 * unpacks, a trace by its counts before it is validated), so a hostile file or link cannot
 * freeze or crash the page.
 */

/** The most events in a trace: the recorder's own `events` limit (`DEFAULT_LIMITS` in recorder.py). */
export const MAX_TRACE_EVENTS = 200_000;

/**
 * The largest trace file read. A run at the event limit is 20–60 MB of pretty-printed JSON
 * (more when every loop iteration lists its 50 ready entries and 50 timers).
 */
export const MAX_TRACE_FILE_BYTES = 100 * 1024 * 1024;

/** The longest link opened: about what a browser's address bar keeps (Chromium: 2 MB). */
export const MAX_LINK_CHARS = 2 * 1024 * 1024;

/**
 * The most bytes one part of a link unpacks to. A link with a run is at most a few thousand
 * characters and unpacks to a few hundred kilobytes; a code-only link holds the program.
 */
export const MAX_LINK_PART_BYTES = 16 * 1024 * 1024;

const count = (n: number): string => n.toLocaleString('en-US');

/** A size in MB for a sentence: `95 MB`, `0.4 MB`. */
export function megabytes(bytes: number): string {
	const mb = bytes / 1024 / 1024;
	return `${mb >= 10 ? Math.round(mb) : Number(mb.toFixed(1))} MB`;
}

/**
 * Whether a trace of `events` events and `tasks` tasks could come from the recorder; if not,
 * what is wrong in plain words. Cheap: call it before parsing the events themselves.
 */
export function checkTraceCounts(events: number, tasks: number): string | null {
	if (events > MAX_TRACE_EVENTS)
		return `This run has ${count(events)} events; Loopscope opens runs of up to ${count(MAX_TRACE_EVENTS)} events, the most its recorder writes.`;
	if (tasks > events)
		return `This run lists ${count(tasks)} tasks but has only ${count(events)} event${events === 1 ? '' : 's'}: the recorder writes an event for every task it creates, so it did not make this run.`;
	return null;
}

/** Whether a file of `bytes` bytes is too large to open; if so, the sentence that says so. */
export function checkFileSize(bytes: number): string | null {
	return bytes > MAX_TRACE_FILE_BYTES
		? `This file is ${megabytes(bytes)}; Loopscope opens trace files up to ${megabytes(MAX_TRACE_FILE_BYTES)}.`
		: null;
}
