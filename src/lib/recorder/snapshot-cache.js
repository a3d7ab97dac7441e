/**
 * The CLI's cache of Python's memory image: taken by the first run right after Pyodide loaded
 * (before the recorder or any program ran, as in the browser), kept in the user's cache folder,
 * and given to later runs, which start from it in well under a second instead of a full load
 * of several seconds. Best effort: a cache that cannot be read or written costs a full load,
 * never a run.
 *
 * Only bin/loopscope.js reads and writes it: the recording process cannot write files, and the
 * CLI keeps an image only from a process that has not yet been sent a program. The image's
 * SHA-256 is kept apart, in `<image>.sha256`; an image whose bytes do not match it is never
 * loaded, and is dropped (the run then makes a fresh one).
 */
import { createHash } from 'node:crypto';
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
 * Where the image's hash is kept.
 * @param {string} path
 */
export function hashPath(path) {
	return `${path}.sha256`;
}

/**
 * The SHA-256 of `bytes`, in hex.
 * @param {Uint8Array} bytes
 */
function sha256(bytes) {
	return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The kept image, or null when there is none, it cannot be read, or its bytes do not match the
 * hash kept beside it (such an image is dropped).
 * @param {string} path
 * @returns {Uint8Array | null}
 */
export function readSnapshot(path) {
	let bytes;
	let hash;
	try {
		bytes = readFileSync(path);
	} catch {
		return null;
	}
	try {
		hash = readFileSync(hashPath(path), 'utf8').trim();
	} catch {
		hash = null;
	}
	if (hash !== sha256(bytes)) {
		dropSnapshot(path);
		return null;
	}
	return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Writes `data` at `path` whole or not at all: beside it, then renamed over it.
 * @param {string} path
 * @param {Uint8Array | string} data
 */
function writeWhole(path, data) {
	const partial = `${path}.${process.pid}.partial`;
	try {
		writeFileSync(partial, data);
		renameSync(partial, path);
	} catch (error) {
		rmSync(partial, { force: true });
		throw error;
	}
}

/**
 * Keeps `bytes` at `path` and their hash beside it. A run that reads meanwhile sees an image
 * that matches its hash (and loads it) or one that does not (and loads afresh), never half of
 * one.
 * @param {string} path
 * @param {Uint8Array} bytes
 */
export function writeSnapshot(path, bytes) {
	try {
		mkdirSync(dirname(path), { recursive: true });
		writeWhole(path, bytes);
		writeWhole(hashPath(path), `${sha256(bytes)}\n`);
	} catch {
		dropSnapshot(path);
	}
}

/**
 * Forgets a kept image (and its hash).
 * @param {string} path
 */
export function dropSnapshot(path) {
	rmSync(path, { force: true });
	rmSync(hashPath(path), { force: true });
}
