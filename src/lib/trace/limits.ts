/**
 * The largest traces Loopscope opens: no bigger than its recorder can produce, with headroom
 * for the text around them. Anything beyond is refused with a plain sentence before any work
 * is spent on it (a file by its size before it is read, a link by its length and while it
 * unpacks, a trace by its counts before it is validated), so a hostile file or link cannot
 * freeze or crash the page.
 *
 * The limits the recorder shares (events, output, the longest name and message, the lists it
 * cuts short, the primitives and coach facts it keeps) come from one source with it, `./limits.json`; the recorder's package gets them as a generated module
 * (`npm run limits`, checked by src/lib/recorder/shared-limits.test.ts).
 */
import shared from './limits.json' with { type: 'json' };

/** The most events in a trace: the recorder's own `events` limit. */
export const MAX_TRACE_EVENTS: number = shared.events;

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

/**
 * The deepest nesting of objects and arrays in a trace. The recorder's deepest is under ten
 * levels; a value nested 100,000 deep (an extra field is free-form) would later break
 * `JSON.stringify`, and with it "Download trace", with no word said.
 */
export const MAX_TRACE_DEPTH = 100;

/**
 * The longest name or label (a task's name, a coroutine's, a ready entry's label, a worker's
 * name, an exception's type, the meta fields): the recorder clips its own to this length
 * (`NAME_CHARS` in the recorder). Lanes, menus and narration draw these on
 * every frame and every key, so one 15 MB name froze the page for seconds per key.
 */
export const MAX_NAME_CHARS: number = shared.nameChars;

/**
 * The longest message or other free text besides output (an exception's message, a result's
 * repr, a local's repr, any extra field): the recorder clips its own to this length
 * (`MESSAGE_CHARS` in the recorder).
 */
export const MAX_MESSAGE_CHARS: number = shared.messageChars;

/**
 * The most characters of output in a run, in one `stdout` event or all of them together: the
 * recorder's own `output` limit.
 */
export const MAX_OUTPUT_CHARS: number = shared.output;

/**
 * The most ready-queue entries and timers one loop iteration lists (the rest are counted): the
 * recorder's `list_cap`, and what the loop's panels list.
 */
export const MAX_LOOP_LIST: number = shared.listCap;

/** The most primitives a trace tracks (the program's first ones). */
export const PRIMITIVES_MAX: number = shared.primitives;

/** The most queue items a primitive's state lists (`size` counts them all). */
export const QUEUE_ITEMS_MAX: number = shared.queueItems;

/** The most tasks listed as waiting on one primitive. */
export const PRIMITIVE_WAITERS_MAX: number = shared.primitiveWaiters;

/** The most coach facts a trace carries (the recorder's parser keeps the first ones). */
export const COACH_FACTS_MAX: number = shared.coachFacts;

/** The longest program a trace carries (about 20,000 lines). */
export const MAX_SOURCE_CHARS = 1_000_000;

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
export function checkTraceCounts(events: number, tasks: number, workers = 0): string | null {
	if (events > MAX_TRACE_EVENTS)
		return `This run has ${count(events)} events; Loopscope opens runs of up to ${count(MAX_TRACE_EVENTS)} events, the most its recorder writes.`;
	if (tasks > events)
		return `This run lists ${count(tasks)} tasks but has only ${count(events)} event${events === 1 ? '' : 's'}: the recorder writes an event for every task it creates, so it did not make this run.`;
	// The recorder declares a worker lane only to hand it a job, which is an event.
	if (workers > events)
		return `This run declares ${count(workers)} worker threads but has only ${count(events)} event${events === 1 ? '' : 's'}: the recorder writes an event for every worker it starts, so it did not make this run.`;
	return null;
}

/** Whether a file of `bytes` bytes is too large to open; if so, the sentence that says so. */
export function checkFileSize(bytes: number): string | null {
	return bytes > MAX_TRACE_FILE_BYTES
		? `This file is ${(bytes / 1024 / 1024).toFixed(1)} MB; Loopscope opens trace files up to ${megabytes(MAX_TRACE_FILE_BYTES)}.`
		: null;
}

type Json = unknown;

// Children of a JSON value, with the key or index each is found under.
function childrenOf(value: Json): [string | number, Json][] {
	if (Array.isArray(value)) return value.map((child, index) => [index, child]);
	if (typeof value === 'object' && value !== null) return Object.entries(value);
	return [];
}

// Where a value nested deeper than `limit` starts: `events[3].detail`, the first three steps
// into the trace that lead there, then the rest as `…`.
function pathTooDeep(value: Json, limit: number): string {
	let path = '';
	let at = value;
	for (let depth = 0; depth < 3; depth++) {
		// Follow a child that is itself deep enough; the first found will do.
		const next = childrenOf(at).find(([, child]) => depthOf(child, limit - depth) >= limit - depth);
		if (!next) break;
		const [key, child] = next;
		path += typeof key === 'number' ? `[${key}]` : path ? `.${key}` : key;
		at = child;
	}
	return `${path}…`;
}

// How deep `value` nests, counting up to `limit` at most (without recursion).
function depthOf(value: Json, limit: number): number {
	let deepest = 0;
	const stack: Json[] = [value];
	const depths: number[] = [0];
	while (stack.length) {
		const at = stack.pop();
		const depth = depths.pop() ?? 0;
		if (typeof at !== 'object' || at === null) continue;
		if (depth + 1 > deepest) deepest = depth + 1;
		if (deepest > limit) return deepest;
		const children = Array.isArray(at) ? at : Object.values(at);
		for (const child of children)
			if (typeof child === 'object' && child !== null) {
				stack.push(child);
				depths.push(depth + 1);
			}
	}
	return deepest;
}

/**
 * Whether a parsed trace nests objects and arrays deeper than {@link MAX_TRACE_DEPTH}; if so,
 * the sentence that names where. O(size), without recursion.
 */
export function checkTraceDepth(value: Json): string | null {
	if (depthOf(value, MAX_TRACE_DEPTH) <= MAX_TRACE_DEPTH) return null;
	const where = pathTooDeep(value, MAX_TRACE_DEPTH) || 'the trace';
	return `${where}: nested more than ${MAX_TRACE_DEPTH} levels deep; the recorder never nests its data that deep, so Loopscope does not open it.`;
}
