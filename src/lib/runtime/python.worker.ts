/// <reference lib="webworker" />
/**
 * The Python worker: loads Pyodide and the recorder once (from the app's own origin)
 * and records programs on request, one at a time. It never touches the DOM; the page
 * terminates it when a program runs away and starts a fresh one.
 */
import {
	createEngine,
	type Engine,
	type LoadOptions,
	type PyodideLike
} from '../recorder/engine.js';
import recorderSource from '../recorder/recorder.py?raw';
import type { FromWorker, LoadStage, ToWorker } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

let engine: Promise<Engine> | null = null;

function post(message: FromWorker): void {
	self.postMessage(message);
}

function status(stage: LoadStage, message: string): void {
	post({ type: 'status', stage, message });
}

async function load(indexURL: string): Promise<Engine> {
	status('download', 'Downloading Python (about 13 MB)…');
	// Loaded at run time from our own static files: the bundle stays small, and Pyodide
	// finds its wasm and standard library next to the module it came from.
	const module = (await import(/* @vite-ignore */ `${indexURL}pyodide.mjs`)) as {
		loadPyodide: (options: LoadOptions) => Promise<PyodideLike>;
	};
	status('start', 'Starting Python…');
	return createEngine({
		loadPyodide: module.loadPyodide,
		indexURL,
		recorderSource,
		onStatus: (message) => {
			if (message.startsWith('Loading the recorder')) status('recorder', message);
		}
	});
}

async function handle(message: ToWorker): Promise<void> {
	switch (message.type) {
		case 'init': {
			engine ??= load(message.indexURL);
			const ready = await engine;
			post({
				type: 'ready',
				id: message.id,
				python: ready.pythonVersion,
				pyodide: ready.pyodideVersion
			});
			return;
		}
		case 'record': {
			if (!engine) throw new Error('Python is not loaded yet.');
			const ready = await engine;
			post({
				type: 'record-result',
				id: message.id,
				trace: ready.record(message.code, message.filename, message.limits)
			});
			return;
		}
	}
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
	handle(event.data).catch((error: unknown) => {
		post({
			type: 'failure',
			id: event.data.id,
			message: error instanceof Error ? error.message : String(error)
		});
	});
};
