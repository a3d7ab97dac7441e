/**
 * Handing a validated trace from a worker to the page without a long pause on the page.
 *
 * A posted object is deserialised all at once on the receiving thread (~0.5–1 s for a 46 MB
 * trace), and so is one big JSON string. So the worker sends the trace as UTF-8 JSON split
 * into transferred buffers (no copy): the trace without its tasks and events, then the tasks
 * and the events in chunks of about 256 kB, each parsed by the page in its own short task (a
 * run of 100,000 tasks lists 10 MB of them before its first event).
 */
import type { Trace, TraceEvent, TraceTask } from '$lib/trace/schema';

/** A trace as the worker sends it. */
export interface PackedTrace {
	/** The trace with `tasks: []` and `events: []`, as UTF-8 JSON. */
	head: ArrayBuffer;
	/** The tasks in order, each buffer a UTF-8 JSON array of some of them. */
	taskChunks: ArrayBuffer[];
	/** The events in order, likewise. */
	chunks: ArrayBuffer[];
	/** Number of events in all. */
	events: number;
}

/** Bytes of JSON per chunk: parsing one takes a few milliseconds. */
export const CHUNK_BYTES = 256 * 1024;

const encode = (text: string): ArrayBuffer => new TextEncoder().encode(text).buffer as ArrayBuffer;

/** `items` as JSON arrays of about `chunkBytes` each. */
function packItems(items: readonly unknown[], chunkBytes: number): ArrayBuffer[] {
	const chunks: ArrayBuffer[] = [];
	let parts: string[] = [];
	let size = 0;
	for (const item of items) {
		const json = JSON.stringify(item);
		parts.push(json);
		size += json.length;
		if (size >= chunkBytes) {
			chunks.push(encode(`[${parts.join(',')}]`));
			parts = [];
			size = 0;
		}
	}
	if (parts.length) chunks.push(encode(`[${parts.join(',')}]`));
	return chunks;
}

/** Packs a trace for {@link unpackTrace}; send it with {@link transferablesOf}. */
export function packTrace(trace: Trace, chunkBytes = CHUNK_BYTES): PackedTrace {
	return {
		head: encode(JSON.stringify({ ...trace, tasks: [], events: [] })),
		taskChunks: packItems(trace.tasks, chunkBytes),
		chunks: packItems(trace.events, chunkBytes),
		events: trace.events.length
	};
}

/** The buffers to transfer with a packed trace (they move, they are not copied). */
export function transferablesOf(packed: PackedTrace): ArrayBuffer[] {
	return [packed.head, ...packed.taskChunks, ...packed.chunks];
}

/**
 * Unpacks {@link packTrace}'s output, one chunk per task: awaits `yieldToPage` before each.
 * The worker validated the trace; this is the same data, read back.
 */
export async function unpackTrace(
	packed: PackedTrace,
	yieldToPage: () => Promise<void>
): Promise<Trace> {
	const decoder = new TextDecoder();
	const unpack = async <T>(chunks: readonly ArrayBuffer[]): Promise<T[]> => {
		const items: T[] = [];
		for (const chunk of chunks) {
			await yieldToPage();
			for (const item of JSON.parse(decoder.decode(chunk)) as T[]) items.push(item);
		}
		return items;
	};
	const trace = JSON.parse(decoder.decode(packed.head)) as Trace;
	const tasks = await unpack<TraceTask>(packed.taskChunks);
	const events = await unpack<TraceEvent>(packed.chunks);
	return { ...trace, tasks, events };
}
