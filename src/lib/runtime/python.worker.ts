/// <reference lib="webworker" />
/**
 * The Python worker: loads Pyodide once (from the app's own origin) and answers
 * requests one at a time. It never touches the DOM; the page can terminate it at
 * any moment (a runaway program) and start a fresh one.
 */
import type { PyodideAPI } from 'pyodide';
import type { FromWorker, ToWorker } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

let pyodide: Promise<PyodideAPI> | null = null;

function post(message: FromWorker): void {
	self.postMessage(message);
}

async function load(indexURL: string): Promise<PyodideAPI> {
	post({ type: 'status', stage: 'download', message: 'Downloading Python (about 13 MB)…' });
	// Loaded at run time from our own static files: the bundle stays small and Pyodide
	// finds its wasm and standard library next to the module it came from.
	const module = (await import(/* @vite-ignore */ `${indexURL}pyodide.mjs`)) as {
		loadPyodide: (options: {
			indexURL: string;
			stdout?: (text: string) => void;
		}) => Promise<PyodideAPI>;
	};
	post({ type: 'status', stage: 'start', message: 'Starting Python…' });
	const instance = await module.loadPyodide({ indexURL });
	post({ type: 'status', stage: 'ready', message: 'Python is ready.' });
	return instance;
}

async function exec(py: PyodideAPI, code: string): Promise<string> {
	let stdout = '';
	py.setStdout({ batched: (text: string) => (stdout += `${text}\n`) });
	try {
		await py.runPythonAsync(code);
	} finally {
		py.setStdout();
	}
	return stdout;
}

async function handle(message: ToWorker): Promise<void> {
	switch (message.type) {
		case 'init': {
			pyodide ??= load(message.indexURL);
			const py = await pyodide;
			post({
				type: 'ready',
				id: message.id,
				python: py.runPython('import sys; sys.version.split()[0]') as string,
				pyodide: py.version
			});
			return;
		}
		case 'exec': {
			if (!pyodide) throw new Error('Python is not loaded yet.');
			post({
				type: 'exec-result',
				id: message.id,
				stdout: await exec(await pyodide, message.code)
			});
			return;
		}
		case 'record': {
			throw new Error('Recording is not available yet.');
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
