/**
 * zlib-format deflate and inflate through the platform's `CompressionStream` /
 * `DecompressionStream` (browsers, workers and Node 20 all have them), so the app ships no
 * compression library. The zlib format, not raw deflate, because its Adler-32 checksum turns a
 * damaged or edited link into a clear error instead of quietly different data.
 */

/** Thrown by {@link inflate} when the output would pass its size limit. */
export class InflateLimitError extends Error {
	constructor(readonly limit: number) {
		super(`unpacks to more than ${limit} bytes`);
		this.name = 'InflateLimitError';
	}
}

async function collect(
	stream: ReadableStream<Uint8Array>,
	limit: number = Number.POSITIVE_INFINITY
): Promise<Uint8Array> {
	const reader = stream.getReader();
	const chunks: Uint8Array[] = [];
	let total = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		total += value.length;
		if (total > limit) {
			// A few kilobytes of link can unpack to gigabytes: stop reading instead.
			await reader.cancel().catch(() => undefined);
			throw new InflateLimitError(limit);
		}
		chunks.push(value);
	}
	const out = new Uint8Array(total);
	let offset = 0;
	for (const chunk of chunks) {
		out.set(chunk, offset);
		offset += chunk.length;
	}
	return out;
}

function streamOf(bytes: Uint8Array): ReadableStream<BufferSource> {
	// Copying gives a plain ArrayBuffer-backed array, which is what Blob accepts; the stream is
	// typed as BufferSource because that is what (De)CompressionStream's writable side takes.
	return new Blob([new Uint8Array(bytes)]).stream();
}

/** Compresses bytes (zlib format). */
export function deflate(bytes: Uint8Array): Promise<Uint8Array> {
	return collect(streamOf(bytes).pipeThrough(new CompressionStream('deflate')));
}

/**
 * Decompresses zlib-format bytes. Rejects when the data is not deflate, is cut short, fails its
 * checksum, or would unpack to more than `limit` bytes ({@link InflateLimitError}).
 */
export function inflate(bytes: Uint8Array, limit?: number): Promise<Uint8Array> {
	return collect(streamOf(bytes).pipeThrough(new DecompressionStream('deflate')), limit);
}
