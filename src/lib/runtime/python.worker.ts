/// <reference lib="webworker" />
/**
 * A Python worker: loads Pyodide and the recorder (from the app's own origin), empties its
 * global scope down to what a recording needs, and records one program. The page terminates
 * it after that one run, so nothing a program does reaches the next.
 *
 * Replies go over the MessagePort that came with `init`, held in this module's closure, through
 * a `postMessage` bound before any program ran: a program that patches `MessagePort.prototype`
 * does not see them. It can still forge its own trace (it runs in the interpreter that records
 * it), which is why the page validates every trace, as it does one from a link.
 */
import {
	createEngine,
	type Engine,
	type EngineOptions,
	type LoadOptions,
	type PyodideLike
} from '../recorder/engine.js';
import { recorderFiles } from '../recorder/package-files';
import { IMAGE_FILE } from './image';
import { lockDown } from './lockdown';
import type { FromWorker, InitMessage, LoadStage, ToWorker } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

type Boot = Pick<InitMessage, 'snapshot' | 'makeSnapshot'>;

/** A loaded engine, and the image for the page when it asked for one (ours to hand over). */
interface Loaded {
	engine: Engine;
	image?: Uint8Array;
}

async function load(
	indexURL: string,
	boot: Boot,
	status: (stage: LoadStage, message: string) => void
): Promise<Loaded> {
	status('download', 'Downloading Python (about 13 MB)…');
	// The app's own image (Python with the recorder already loaded), asked for first: it is the
	// largest download and must be unpacked before Python can start from it. The first worker
	// hands it to the page for the next ones.
	const fetched = boot.snapshot ? null : fetchImage(`${indexURL}${IMAGE_FILE}`);
	fetched?.catch(() => {}); // its failure is handled below, by a full load
	// Loaded at run time from our own static files: the bundle stays small, and Pyodide
	// finds its wasm and standard library next to the module it came from.
	const module = (await import(/* @vite-ignore */ `${indexURL}pyodide.mjs`)) as {
		loadPyodide: (options: LoadOptions) => Promise<PyodideLike>;
	};
	status('start', 'Starting Python…');
	const start = (from: Pick<EngineOptions, 'snapshot' | 'makeSnapshot'>) =>
		createEngine({
			loadPyodide: module.loadPyodide,
			indexURL,
			recorderFiles,
			...from,
			onStatus: (message) => {
				if (message.startsWith('Loading the recorder')) status('recorder', message);
			}
		});
	// A later worker starts from the page's copy; one that does not fit this Pyodide costs a
	// full load, not the run.
	if (!fetched) {
		const engine = await start({ snapshot: boot.snapshot }).catch(() => start({}));
		return { engine };
	}
	try {
		const engine = await start({ snapshot: fetched });
		return boot.makeSnapshot ? { engine, image: await fetched } : { engine };
	} catch {
		// No image, or one this build cannot use: a full load, as before there was one.
		const engine = await start(boot);
		// A copy of its own, to hand over whole (the engine's may be a view on Python's memory).
		return { engine, image: engine.snapshot?.slice() };
	}
}

/**
 * The app's memory image, unpacked as it downloads rather than after (a host may already have
 * undone the gzip in transit: its first two bytes say which).
 */
async function fetchImage(url: string): Promise<Uint8Array> {
	const response = await fetch(url);
	if (!response.ok || !response.body) throw new Error(`${url}: ${response.status}`);
	const reader = response.body.getReader();
	const head: Uint8Array<ArrayBuffer>[] = [];
	let seen = 0;
	let done = false;
	while (seen < 2 && !done) {
		const chunk = await reader.read();
		done = chunk.done;
		if (chunk.value) {
			head.push(chunk.value);
			seen += chunk.value.length;
		}
	}
	const [b0, b1] = firstBytes(head, 2);
	const gzipped = b0 === 0x1f && b1 === 0x8b;
	// The bytes already read, then the rest of the response.
	const body = new ReadableStream<Uint8Array<ArrayBuffer>>({
		start(controller) {
			for (const chunk of head) controller.enqueue(chunk);
			if (done) controller.close();
		},
		async pull(controller) {
			const chunk = await reader.read();
			if (chunk.done) controller.close();
			else controller.enqueue(chunk.value);
		},
		cancel: (reason) => reader.cancel(reason)
	});
	const stream = gzipped ? body.pipeThrough(new DecompressionStream('gzip')) : body;
	return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The first `n` bytes of `chunks` (fewer when they hold fewer). */
function firstBytes(chunks: Uint8Array[], n: number): number[] {
	const bytes: number[] = [];
	for (const chunk of chunks) {
		for (let i = 0; i < chunk.length && bytes.length < n; i++) bytes.push(chunk[i]);
	}
	return bytes;
}

function errorText(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

async function serve({ indexURL, port, snapshot, makeSnapshot }: InitMessage): Promise<void> {
	const send = port.postMessage.bind(port);
	const post = (message: FromWorker, transfer: Transferable[] = []) => send(message, transfer);
	let engine: Engine;
	let made: Uint8Array | undefined;
	try {
		const boot: Boot = snapshot instanceof Uint8Array ? { snapshot } : { makeSnapshot };
		({ engine, image: made } = await load(indexURL, boot, (stage, message) =>
			post({ type: 'status', stage, message })
		));
		lockDown(self);
	} catch (error) {
		post({ type: 'failure', id: null, message: errorText(error) });
		return;
	}
	let used = false;
	port.onmessage = (event: MessageEvent<ToWorker>) => {
		const request = event.data;
		if (request?.type !== 'record') return;
		if (used) {
			post({ type: 'failure', id: request.id, message: 'This worker has already run a program.' });
			return;
		}
		used = true;
		try {
			const trace = engine.record(request.code, request.filename, request.limits);
			post({ type: 'record-result', id: request.id, trace });
		} catch (error) {
			post({ type: 'failure', id: request.id, message: errorText(error) });
		}
	};
	post(
		{
			type: 'ready',
			python: engine.pythonVersion,
			pyodide: engine.pyodideVersion,
			...(made ? { snapshot: made } : {})
		},
		made ? [made.buffer] : []
	);
}

self.onmessage = (event: MessageEvent<InitMessage>) => {
	const message = event.data;
	if (message?.type !== 'init' || !(message.port instanceof MessagePort)) return;
	// One init per worker: later messages to the worker itself are ignored.
	self.onmessage = null;
	void serve(message);
};
