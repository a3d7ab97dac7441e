/**
 * The CLI's recording process: a child of bin/loopscope.js, started under Node's permission
 * model (it may read Pyodide's files and its own four modules, and nothing else: no writes, no
 * processes, no workers), without eval, with a bounded heap and an empty environment. It loads
 * Pyodide, records one program and sends the trace back. It touches no file of its own: the
 * parent reads the program, the recorder's Python files and the memory image, and writes
 * whatever is kept.
 *
 * Over the IPC channel (`serialization: 'advanced'`), in this order:
 *   parent → `{ type: 'load', recorderFiles, snapshot?, makeSnapshot }`
 *   child  → `{ type: 'snapshot', bytes }` (when asked to make one), then `{ type: 'ready' }`
 *   parent → `{ type: 'record', code, filename, limits }`
 *   child  → `{ type: 'trace', trace }` or `{ type: 'failure', message }`
 * The parent stops this process (SIGKILL) when the trace is in, on timeout and over its memory
 * bound.
 *
 * The program is assumed to hold every JavaScript object Pyodide has (see README, "What a run
 * can and cannot do"): the walls that count are the platform's, below this file, and the gate
 * installed next, before Pyodide loads. What follows the gate is defence in depth.
 */
import { installHostGate } from './host-gate.js';
installHostGate();

const { createEngine } = await import('./engine.js');
const { removeAll } = await import('./lockdown.js');
const { loadPyodide } = await import('pyodide');

/** Globals of this process that reach the host, or that Pyodide left behind in Node. */
const HOST_GLOBALS = [
	'process',
	'require',
	'module',
	'Request',
	'Worker',
	'BroadcastChannel',
	'MessageChannel'
];

/**
 * Defence in depth once Pyodide has loaded: Pyodide's host-filesystem mounts and this
 * process's host globals go (Pyodide's own module-scoped copies stay: the permission model
 * and the gate are what stop them).
 * @param {{ FS?: { filesystems?: Record<string, unknown> } } & Record<string, unknown>} pyodide
 */
function lockDown(pyodide) {
	removeAll(pyodide, ['mountNodeFS', 'mountNativeFS']);
	const filesystems = pyodide.FS?.filesystems;
	if (filesystems) removeAll(filesystems, ['NODEFS', 'NODERAWFS']);
	removeAll(globalThis, HOST_GLOBALS);
}

// Held here, out of the program's reach (it can still write to the channel through the
// objects Node keeps; the parent trusts nothing it gets after sending the program).
const send = process.send?.bind(process);
if (!send) throw new Error('cli-child.js runs as a child process of bin/loopscope.js');
const channel = process;

/**
 * @param {{ recorderFiles: Record<string, string>, snapshot?: Uint8Array, makeSnapshot?: boolean }} load
 */
async function loadEngine({ recorderFiles, snapshot, makeSnapshot }) {
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
			recorderFiles,
			...boot
		});
	// An image that does not fit this Pyodide costs a full load (and a fresh image), not the run.
	// A copy of its own: the image arrives as a view into the whole IPC message, at whatever
	// offset the rest of the message left it, and Pyodide reads it as 32-bit words.
	const image = snapshot ? snapshot.slice() : null;
	const engine = image
		? await start({ snapshot: image }).catch(() => start({ makeSnapshot: true }))
		: await start({ makeSnapshot: Boolean(makeSnapshot) });
	if (!api) throw new Error('Pyodide did not load');
	lockDown(api);
	return engine;
}

/** @type {Promise<import('./engine.js').Engine> | null} */
let loading = null;

channel.on('message', async (/** @type {Record<string, unknown>} */ message) => {
	try {
		if (message?.type === 'load' && !loading) {
			loading = loadEngine(/** @type {never} */ (message));
			const engine = await loading;
			if (engine.snapshot) send({ type: 'snapshot', bytes: engine.snapshot });
			send({ type: 'ready' });
		} else if (message?.type === 'record' && loading) {
			const engine = await loading;
			const { code, filename, limits } = /** @type {Record<string, never>} */ (message);
			send({ type: 'trace', trace: engine.record(code, filename, limits) });
		}
	} catch (error) {
		send({ type: 'failure', message: error instanceof Error ? error.message : String(error) });
	}
});
