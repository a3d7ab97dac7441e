// Builds the memory image the app's first Python worker starts from: Pyodide loaded in Node
// with the recorder's package installed, taken before any program ran, packed without its runs
// of zeros (src/lib/runtime/image-codec.js) and gzipped into
// static/pyodide/ (served and precached with Pyodide's own files). Restoring it skips
// Python's start-up and the recorder's imports, most of a first visit's wait.
//
// Usage: node scripts/python-image.js [TARGET]; vite.config.ts runs it (through
// ensurePythonImage) whenever Pyodide, the engine or the recorder changed since the last one.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	renameSync,
	writeFileSync
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** The image's file name, beside pyodide.mjs (the worker's `indexURL`). */
export const IMAGE_FILE = 'recorder.snapshot.gz';

const HERE = fileURLToPath(import.meta.url);
const ROOT = dirname(dirname(HERE));
const KEY_FILE = join(ROOT, 'node_modules', '.cache', 'loopscope', 'recorder-snapshot.key');

/**
 * What the image depends on, hashed: Pyodide's runtime (an image fits only the build that made
 * it), the engine that installs the recorder, the recorder's files and this script.
 * @returns {string}
 */
function imageKey() {
	const pyodide = dirname(createRequire(import.meta.url).resolve('pyodide/package.json'));
	const recorder = join(ROOT, 'src', 'lib', 'recorder');
	const inputs = [
		join(pyodide, 'pyodide.asm.mjs'),
		join(pyodide, 'pyodide.asm.wasm'),
		join(pyodide, 'python_stdlib.zip'),
		join(recorder, 'engine.js'),
		join(ROOT, 'src', 'lib', 'runtime', 'image-codec.js'),
		HERE
	];
	const hash = createHash('sha256');
	for (const file of inputs) hash.update(readFileSync(file));
	const folder = join(recorder, 'loopscope_recorder');
	// Only the sources, as the engine gets them: a __pycache__ left by CPython is not one.
	const names = readdirSync(folder).filter((name) => name.endsWith('.py'));
	for (const name of names.sort()) hash.update(name).update(readFileSync(join(folder, name)));
	return hash.digest('hex');
}

/**
 * Writes `data` at `path` whole or not at all.
 * @param {string} path
 * @param {Uint8Array | string} data
 */
function writeWhole(path, data) {
	mkdirSync(dirname(path), { recursive: true });
	const partial = `${path}.${process.pid}.partial`;
	writeFileSync(partial, data);
	renameSync(partial, path);
}

/**
 * Makes the image in a process of its own (Pyodide's memory is not the build's), unless the one
 * in `target` was made from the same inputs.
 * @param {string} [target]
 */
export function ensurePythonImage(target = join(ROOT, 'static', 'pyodide')) {
	const key = imageKey();
	const image = join(target, IMAGE_FILE);
	if (existsSync(image) && existsSync(KEY_FILE) && readFileSync(KEY_FILE, 'utf8') === key) return;
	execFileSync(process.execPath, [HERE, target], { stdio: 'inherit' });
	writeWhole(KEY_FILE, key);
}

/** @param {string} target */
async function makeImage(target) {
	const started = performance.now();
	const { loadPyodide } = await import('pyodide');
	const { createEngine, imageHandles } = await import('../src/lib/recorder/engine.js');
	const { readRecorderFiles } = await import('../src/lib/recorder/node-engine.js');
	const { packImage } = await import('../src/lib/runtime/image-codec.js');
	const engine = await createEngine({
		loadPyodide,
		recorderFiles: readRecorderFiles(),
		recorderSnapshot: true
	});
	const image = engine.snapshot;
	if (!image) throw new Error('Pyodide made no memory image');
	// createEngine refuses such an image already; said again here, where the build would ship it.
	if (imageHandles(image).length > 0) throw new Error('the memory image holds JavaScript objects');
	// Without its runs of zeros first: the browser then unpacks half as many bytes.
	const packed = gzipSync(packImage(image), { level: 6 });
	writeWhole(join(target, IMAGE_FILE), packed);
	const mb = (/** @type {number} */ bytes) => (bytes / 1e6).toFixed(1);
	console.log(
		`Python's memory image: ${mb(image.length)} MB, ${mb(packed.length)} MB gzipped, in ${(
			(performance.now() - started) /
			1000
		).toFixed(1)} s`
	);
}

if (process.argv[1] === HERE) {
	await makeImage(process.argv[2] ?? join(ROOT, 'static', 'pyodide'));
}
