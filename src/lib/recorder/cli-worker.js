/**
 * The CLI's recording thread (a worker_threads Worker started by bin/loopscope.js): loads
 * Pyodide and the recorder, takes the host out of reach, records one program and posts its
 * trace back. The main thread stops it when the wall-clock limit runs out.
 *
 * Messages to the main thread: `{ type: 'snapshot', bytes }` with Python's memory image when
 * asked to make one (see ./snapshot-cache.js), `{ type: 'ready' }` once Python has loaded (the
 * clock starts then), `{ type: 'trace', trace }`, or `{ type: 'failure', message }`.
 *
 * The program cannot import js or pyodide (the engine hides them), and were it to reach
 * JavaScript anyway: `process`, the network and Pyodide's host-filesystem mounts are gone
 * from this thread, and the main thread has turned off eval and new Function.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadPyodide } from 'pyodide';
import { createEngine } from './engine.js';
import { removeAll } from './lockdown.js';
import { readRecorderFiles } from './node-engine.js';

/** Globals of this thread that reach the host or the network. */
const HOST_GLOBALS = [
	'process',
	'fetch',
	'Request',
	'WebSocket',
	'EventSource',
	'Worker',
	'BroadcastChannel',
	'MessageChannel',
	'navigator',
	'require',
	'module'
];

/**
 * Removes the host from reach: this thread's host globals and Pyodide's ways to mount the
 * host's files (its in-memory filesystem stays).
 * @param {{ FS?: { filesystems?: Record<string, unknown> } } & Record<string, unknown>} pyodide
 */
function lockDown(pyodide) {
	removeAll(pyodide, ['mountNodeFS', 'mountNativeFS']);
	const filesystems = pyodide.FS?.filesystems;
	if (filesystems) removeAll(filesystems, ['NODEFS', 'NODERAWFS']);
	removeAll(globalThis, HOST_GLOBALS);
}

// Held here, out of the program's reach: the only way back to the main thread.
const port = parentPort;
if (!port) throw new Error('cli-worker.js runs as a worker thread of bin/loopscope.js');
const { code, filename, limits, snapshot, makeSnapshot } = workerData;

try {
	/** @type {Parameters<typeof lockDown>[0] | null} */
	let api = null;
	/** @param {{ snapshot?: Uint8Array, makeSnapshot?: boolean }} boot */
	const start = (boot) =>
		createEngine({
			loadPyodide: async (options) => {
				const pyodide = await loadPyodide(options);
				api = /** @type {Parameters<typeof lockDown>[0]} */ (/** @type {unknown} */ (pyodide));
				return pyodide;
			},
			recorderFiles: readRecorderFiles(),
			...boot
		});
	// An image that does not fit this Pyodide costs a full load (and a fresh image), not the run.
	const engine = snapshot
		? await start({ snapshot }).catch(() => start({ makeSnapshot: true }))
		: await start({ makeSnapshot: Boolean(makeSnapshot) });
	if (!api) throw new Error('Pyodide did not load');
	lockDown(api);
	if (engine.snapshot) port.postMessage({ type: 'snapshot', bytes: engine.snapshot });
	port.postMessage({ type: 'ready' });
	port.postMessage({ type: 'trace', trace: engine.record(code, filename, limits) });
} catch (error) {
	port.postMessage({
		type: 'failure',
		message: error instanceof Error ? error.message : String(error)
	});
}
