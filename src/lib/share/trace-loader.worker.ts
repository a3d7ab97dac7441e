/// <reference lib="webworker" />
/**
 * The trace-loader worker: opens files, links and recorded runs off the page's thread, so a
 * 50 MB file or a 200,000-event run never freezes the page. See `./trace-loader-protocol.ts`.
 */
import { parseTraceFile } from '$lib/trace/file';
import { checkFileSize } from '$lib/trace/limits';
import { decodeComparePermalink, decodePermalink } from './permalink';
import type { Trace } from '$lib/trace/schema';
import { parseTrace } from '$lib/trace/validate';
import type { FromLoader, ToLoader } from './trace-loader-protocol';
import { packTrace, transferablesOf, type PackedTrace } from './trace-transfer';

const scope = self as unknown as DedicatedWorkerGlobalScope;

function reply(message: FromLoader, transfer: Transferable[] = []): void {
	scope.postMessage(message, transfer);
}

function replyTrace(id: number, trace: Trace): void {
	const packed = packTrace(trace);
	reply({ type: 'trace', id, trace: packed }, transferablesOf(packed));
}

async function openFile(id: number, file: Blob): Promise<void> {
	// Before reading a byte: the size is known from the File itself.
	const tooLarge = checkFileSize(file.size);
	if (tooLarge) return reply({ type: 'rejected', id, error: tooLarge });
	let bytes: ArrayBuffer;
	try {
		bytes = await file.arrayBuffer();
	} catch {
		return reply({ type: 'rejected', id, error: 'This file could not be read.' });
	}
	const result = parseTraceFile(bytes);
	if (!result.ok) return reply({ type: 'rejected', id, error: result.error });
	replyTrace(id, result.trace);
}

async function openLink(id: number, fragment: string): Promise<void> {
	const decoded = await decodePermalink(fragment);
	let trace: Trace | null = null;
	if (decoded.ok) {
		trace = decoded.state.trace;
		decoded.state.trace = null;
	} else if (decoded.recovered?.trace) {
		trace = decoded.recovered.trace;
		decoded.recovered.trace = null;
	}
	const packed = trace ? packTrace(trace) : null;
	reply({ type: 'link', id, decoded, trace: packed }, packed ? transferablesOf(packed) : []);
}

// A comparison link: decoded, and both runs checked against every limit, before the page
// sees them (on the page, a 661 kB link of two hostile runs took 125 s and 2.77 GB).
async function openCompareLink(id: number, fragment: string): Promise<void> {
	const decoded = await decodeComparePermalink(fragment);
	const state = decoded.ok ? decoded.state : decoded.recovered;
	const traces = (['a', 'b'] as const).map((key) => {
		const trace = state?.[key].trace ?? null;
		if (state) state[key].trace = null;
		return trace ? packTrace(trace) : null;
	});
	const packed: [PackedTrace | null, PackedTrace | null] = [traces[0], traces[1]];
	const transfer = packed.flatMap((trace) => (trace ? transferablesOf(trace) : []));
	reply({ type: 'compare-link', id, decoded, traces: packed }, transfer);
}

function openText(id: number, text: string): void {
	const result = parseTrace(text);
	if (!result.ok) return reply({ type: 'rejected', id, error: result.error });
	replyTrace(id, result.trace);
}

scope.onmessage = (event: MessageEvent<ToLoader>) => {
	const message = event.data;
	switch (message.type) {
		case 'file':
			void openFile(message.id, message.file);
			break;
		case 'link':
			void openLink(message.id, message.fragment);
			break;
		case 'compare-link':
			void openCompareLink(message.id, message.fragment);
			break;
		case 'text':
			openText(message.id, message.text);
			break;
	}
};
