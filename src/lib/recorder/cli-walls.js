/**
 * The Node options of the CLI's recording process (src/lib/recorder/cli-child.js): the
 * platform's walls. bin/loopscope.js starts the child with them; the tests start probes with
 * the same ones, to check what they hold.
 */
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** Pyodide's package folder: the recording process reads its files. */
export const PYODIDE_DIR = dirname(require.resolve('pyodide/package.json'));

/** The recording process's entry. */
export const CHILD = fileURLToPath(new URL('./cli-child.js', import.meta.url));

/** The files the recording process may read: Pyodide's, and its own four modules. */
export const CHILD_READS = [
	PYODIDE_DIR,
	...['cli-child.js', 'host-gate.js', 'engine.js', 'lockdown.js'].map((name) =>
		resolve(dirname(CHILD), name)
	)
];

/**
 * Node's options for the recording process.
 * @param {number} memoryMB its V8 heap bound (the parent also watches its resident memory)
 * @param {readonly string[]} [reads] files it may read, besides CHILD_READS (tests only)
 * @returns {string[]}
 */
export function childNodeOptions(memoryMB, reads = []) {
	const has = (/** @type {string} */ flag) => process.allowedNodeEnvironmentFlags.has(flag);
	return [
		// Node 20 has --experimental-permission; Node 22 on call it --permission.
		has('--permission') ? '--permission' : '--experimental-permission',
		// No --allow-fs-write, --allow-child-process, --allow-worker, --allow-addons,
		// --allow-wasi; and where Node has --allow-net (25 on), no --allow-net either: the
		// network is then refused by the platform too, not only by host-gate.js.
		...[...CHILD_READS, ...reads].map((path) => `--allow-fs-read=${path}`),
		'--disallow-code-generation-from-strings',
		`--max-old-space-size=${memoryMB}`,
		...(has('--disable-warning') ? ['--disable-warning=ExperimentalWarning'] : [])
	];
}
