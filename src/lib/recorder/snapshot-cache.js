/**
 * The CLI's cache of Python's memory image: taken by the first run right after Pyodide loaded
 * (before the recorder or any program ran, as in the browser), kept in the user's cache folder,
 * and given to later runs, which start from it in well under a second instead of a full load
 * of several seconds. Best effort: a cache that cannot be read or written costs a full load,
 * never a run.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * Where the image for this Pyodide is kept: `$LOOPSCOPE_CACHE_DIR`, else
 * `$XDG_CACHE_HOME/loopscope`, else `~/.cache/loopscope`. Named by Pyodide's version, since an
 * image fits only the build that made it.
 * @param {Record<string, string | undefined>} env
 * @returns {string}
 */
export function snapshotPath(env = process.env) {
	const version = createRequire(import.meta.url)('pyodide/package.json').version;
	const folder =
		env.LOOPSCOPE_CACHE_DIR || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'loopscope');
	return join(folder, `pyodide-${version}.snapshot`);
}

/**
 * The kept image, or null when there is none (or it cannot be read).
 * @param {string} path
 * @returns {Uint8Array | null}
 */
export function readSnapshot(path) {
	try {
		const bytes = readFileSync(path);
		return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	} catch {
		return null;
	}
}

/**
 * Keeps `bytes` at `path`, whole or not at all: written beside it, then renamed over it, so a
 * run that reads it meanwhile sees the old image or the new one, never half of one.
 * @param {string} path
 * @param {Uint8Array} bytes
 */
export function writeSnapshot(path, bytes) {
	const partial = `${path}.${process.pid}.partial`;
	try {
		mkdirSync(dirname(path), { recursive: true });
		writeFileSync(partial, bytes);
		renameSync(partial, path);
	} catch {
		rmSync(partial, { force: true });
	}
}

/**
 * Forgets a kept image that did not load.
 * @param {string} path
 */
export function dropSnapshot(path) {
	rmSync(path, { force: true });
}
