/// <reference lib="webworker" />
/**
 * Reads and validates a trace file off the main thread, so a 50 MB file never freezes the page.
 * See `./trace-file-protocol.ts` for why the reply is a transferred buffer of JSON.
 */
import { parseTraceFile } from '$lib/trace/file';
import type { FromFileWorker, ToFileWorker } from './trace-file-protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

function reply(message: FromFileWorker, transfer: Transferable[] = []): void {
	scope.postMessage(message, transfer);
}

async function parse(id: number, file: Blob): Promise<void> {
	let bytes: ArrayBuffer;
	try {
		bytes = await file.arrayBuffer();
	} catch {
		reply({ type: 'rejected', id, error: 'This file could not be read.' });
		return;
	}
	const result = parseTraceFile(bytes);
	if (!result.ok) {
		reply({ type: 'rejected', id, error: result.error });
		return;
	}
	// The validated trace, not the file's text: validation fills in defaults.
	const json = new TextEncoder().encode(JSON.stringify(result.trace)).buffer as ArrayBuffer;
	reply({ type: 'parsed', id, json, events: result.trace.events.length }, [json]);
}

scope.onmessage = (event: MessageEvent<ToFileWorker>) => {
	const message = event.data;
	switch (message.type) {
		case 'parse':
			void parse(message.id, message.file);
			break;
	}
};
