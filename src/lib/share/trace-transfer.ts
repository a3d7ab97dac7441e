/**
 * Handing a validated trace from a worker to the page without a long pause on the page.
 *
 * A posted object is deserialised all at once on the receiving thread (~0.5–1 s for a 46 MB
 * trace), and so is one big JSON string. So the worker sends the trace as UTF-8 JSON split
 * into transferred buffers (no copy): the trace without its events, then the events in
 * chunks of about 256 kB, each parsed by the page in its own short task.
 */
import type { Trace, TraceEvent } from '$lib/trace/schema';

/** A trace as the worker sends it. */
export interface PackedTrace {
	/** The trace with `events: []`, as UTF-8 JSON. */
	head: ArrayBuffer;
	/** The events in order, each buffer a UTF-8 JSON array of some of them. */
	chunks: ArrayBuffer[];
	/** Number of events in all. */
	events: number;
}

/** Bytes of JSON per chunk: parsing one takes a few milliseconds. */
export const CHUNK_BYTES = 256 * 1024;

const encode = (text: string): ArrayBuffer => new TextEncoder().encode(text).buffer as ArrayBuffer;

/** Packs a trace for {@link unpackTrace}; send it with {@link transferablesOf}. */
export function packTrace(trace: Trace, chunkBytes = CHUNK_BYTES): PackedTrace {
	const chunks: ArrayBuffer[] = [];
	let parts: string[] = [];
	let size = 0;
	for (const event of trace.events) {
		const json = JSON.stringify(event);
		parts.push(json);
		size += json.length;
		if (size >= chunkBytes) {
			chunks.push(encode(`[${parts.join(',')}]`));
			parts = [];
			size = 0;
		}
	}
	if (parts.length) chunks.push(encode(`[${parts.join(',')}]`));
	return {
		head: encode(JSON.stringify({ ...trace, events: [] })),
		chunks,
		events: trace.events.length
	};
}

/** The buffers to transfer with a packed trace (they move, they are not copied). */
export function transferablesOf(packed: PackedTrace): ArrayBuffer[] {
	return [packed.head, ...packed.chunks];
}

/**
 * Unpacks {@link packTrace}'s output, one chunk per task: awaits `yieldToPage` between chunks.
 * The worker validated the trace; this is the same data, read back.
 */
export async function unpackTrace(
	packed: PackedTrace,
	yieldToPage: () => Promise<void>
): Promise<Trace> {
	const decoder = new TextDecoder();
	const trace = JSON.parse(decoder.decode(packed.head)) as Trace;
	const events: TraceEvent[] = [];
	for (const chunk of packed.chunks) {
		await yieldToPage();
		for (const event of JSON.parse(decoder.decode(chunk)) as TraceEvent[]) events.push(event);
	}
	return { ...trace, events };
}
