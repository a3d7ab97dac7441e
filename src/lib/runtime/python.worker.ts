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
import { compileEarly, loadWithCompiledWasm } from './compiled-wasm';
import { IMAGE_FILE } from './image';
import { isPackedImage, unpackImage } from './image-codec.js';
import { lockDown } from './lockdown';
import type { FromWorker, InitMessage, LoadStage, ToWorker } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

// User-timing marks of the load's phases, in the worker's own timeline: the startup bench reads
// them (with the worker's time origin) to tell where a first visit's wait goes.
const mark = (name: string) => performance.mark(`loopscope:${name}`);
mark('worker-module');

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
	// Asked for before anything else: the image (unless the page gave one) and Pyodide's wasm,
	// compiled as it arrives, while the rest downloads and the image unpacks.
	const fetched = boot.snapshot ? null : fetchImage(`${indexURL}${IMAGE_FILE}`);
	const wasm = compileEarly(new URL('pyodide.asm.wasm', indexURL).href);
	// Loaded at run time from our own static files: the bundle stays small, and Pyodide
	// finds its wasm and standard library next to the module it came from.
	const module = (await import(/* @vite-ignore */ `${indexURL}pyodide.mjs`)) as {
		loadPyodide: (options: LoadOptions) => Promise<PyodideLike>;
	};
	mark('pyodide-module');
	status('start', 'Starting Python…');
	const start = (from: Pick<EngineOptions, 'snapshot' | 'makeSnapshot'>) =>
		createEngine({
			loadPyodide: (options) => loadWithCompiledWasm(wasm, () => module.loadPyodide(options)),
			indexURL,
			recorderFiles,
			...from,
			onStatus: (message) => {
				mark(`engine:${message}`);
				if (message.startsWith('Loading the recorder')) status('recorder', message);
			}
		});
	// A snapshot that does not fit this Pyodide costs a full load, not the run.
	if (boot.snapshot || !fetched) {
		const engine = await start({ snapshot: boot.snapshot }).catch(() => start({}));
		return { engine };
	}
	// The app's own image, fetched while Pyodide's files download: Python with the recorder
	// already loaded. The first worker hands it to the page for the next ones.
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

/** The app's memory image, unpacked (a host may already have undone the gzip in transit). */
async function fetchImage(url: string): Promise<Uint8Array> {
	const response = await fetch(url);
	if (!response.ok) throw new Error(`${url}: ${response.status}`);
	let bytes = new Uint8Array(await response.arrayBuffer());
	mark('image-downloaded');
	if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
		const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
		bytes = new Uint8Array(await new Response(stream).arrayBuffer());
	}
	const image = isPackedImage(bytes) ? unpackImage(bytes) : bytes;
	mark('image-unpacked');
	return image;
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
		mark('engine-ready');
		lockDown(self);
		mark('locked-down');
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
	mark('init');
	void serve(message);
};
