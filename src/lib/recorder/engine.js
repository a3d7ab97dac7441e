/**
 * The recorder engine: Pyodide plus the recorder's Python package (loopscope_recorder/),
 * shared by the browser worker and the Node CLI. Plain ES module with JSDoc types, so Node runs it without a build and Vite
 * bundles it as is.
 *
 * API:
 *
 *   const engine = await createEngine({ loadPyodide, indexURL?, recorderFiles, onStatus? });
 *   const json = engine.record(code, filename = 'main.py', limits = {});  // synchronous
 *   engine.pythonVersion; engine.pyodideVersion;
 *
 * - `loadPyodide`: the function from the `pyodide` package (the caller imports it, so this
 *   file works with whatever loader the environment needs).
 * - `indexURL`: where Pyodide's files are served (the browser: `/pyodide/`); Node finds them
 *   in the package when it is left out.
 * - `recorderFiles`: the package's files, file name → text (the worker has them bundled by
 *   Vite, see package-files.ts; Node reads the folder, see node-engine.js). They are written
 *   into Python's in-memory filesystem and imported from there.
 * - `record` returns the trace as JSON text (parse it with `parseTrace`). It never throws
 *   for a bad program: syntax errors, exceptions, deadlocks and limits are in the trace's
 *   `result`. It blocks the thread while the program runs (the limits bound how long); run
 *   it in a worker in the browser.
 * - `limits` (all optional; the names of `RunLimits` in src/lib/runtime/protocol.ts):
 *   `maxEvents` (200000), `maxOutputChars` (1000000), `maxVirtualSeconds` (3600),
 *   `maxLinesPerStep`: lines run in one step without an await before the run is stopped as
 *   a runaway loop (1000000), `maxLineEventsPerStep`: line events kept per step (2000),
 *   `workers`: default-executor threads (8), `listCap`: ready/timer entries listed per loop
 *   iteration (50), `instrument` (true; false runs on the same virtual loop without
 *   recording, for benchmarks). The recorder also takes its own snake_case names
 *   (`DEFAULT_LIMITS` in loopscope_recorder/limits.py).
 */

/**
 * The part of Pyodide's API the engine uses (method syntax, so that Pyodide's own, more
 * precise signatures fit).
 * @typedef {{
 *   version: string,
 *   runPython(code: string, options?: { globals?: object }): unknown,
 *   toPy(value: object): unknown,
 *   makeMemorySnapshot?(): Uint8Array
 * }} PyodideLike
 */

/**
 * Options passed to `loadPyodide`.
 * @typedef {object} LoadOptions
 * @property {string} [indexURL]
 * @property {(message: string) => void} [stdout]
 * @property {(message: string) => void} [stderr]
 * @property {Record<string, string>} [env]
 * @property {boolean} [_makeSnapshot] Load so that a memory snapshot can be taken.
 * @property {Uint8Array | Promise<Uint8Array>} [_loadSnapshot] Start from a memory snapshot
 *   instead of from scratch.
 */

/**
 * @typedef {object} EngineOptions
 * @property {(options: LoadOptions) => Promise<PyodideLike>} loadPyodide Pyodide's loader.
 * @property {string} [indexURL] Where Pyodide's files are served from.
 * @property {Record<string, string>} recorderFiles The recorder package's files: file name → text.
 * @property {(status: string) => void} [onStatus] Progress messages while loading.
 * @property {Uint8Array | Promise<Uint8Array>} [snapshot] Python's memory just after a load
 *   (from `makeSnapshot` or `recorderSnapshot`): starting from it skips most of the load. A
 *   promise lets it download beside Pyodide's own files. An image that hands Python any
 *   JavaScript object back is refused (see {@link imageHandles}).
 * @property {boolean} [makeSnapshot] Take that snapshot (before any program or the recorder
 *   runs) and return it as the engine's `snapshot`.
 * @property {boolean} [recorderSnapshot] Take the snapshot after the recorder is installed,
 *   before any program runs (the image the build serves with the app): a Python started from
 *   it skips the recorder's install too. Such an image fits only the recorder files it was made
 *   with; given others, `createEngine` rejects.
 */

/**
 * Recording limits; see the top of this file for the defaults.
 * @typedef {object} RecordLimits
 * @property {number} [maxEvents]
 * @property {number} [maxOutputChars]
 * @property {number} [maxVirtualSeconds]
 * @property {number} [maxLinesPerStep]
 * @property {number} [maxLineEventsPerStep]
 * @property {number} [workers]
 * @property {number} [listCap]
 * @property {boolean} [instrument]
 */

/**
 * A loaded engine.
 * @typedef {object} Engine
 * @property {(code: string | Uint8Array, filename?: string, limits?: RecordLimits) => string} record
 *   Runs `code` and returns its trace as JSON text. Text runs as it is; a file's bytes are
 *   decoded as CPython decodes a file (PEP 263: its `# -*- coding: … -*-` line, else UTF-8,
 *   and invalid UTF-8 without a declaration is a SyntaxError).
 * @property {string} pythonVersion For example `3.14.2`.
 * @property {string} pyodideVersion For example `0.29.0`.
 * @property {Uint8Array} [snapshot] Python's memory just after it loaded, if asked for.
 */

// Imports the recorder's package from Python's in-memory filesystem: its files are written
// under a folder of their own (so that its frames are never mistaken for the user's),
// imported (every module at once: the package imports them all), then removed with the
// folder. A program finds no trace of them on disk, and nothing to import them again from.
const INSTALL = `
import asyncio, importlib, json, os, shutil, sys, types

ROOT = "/loopscope"
PACKAGE = "loopscope_recorder"
STASH = "_loopscope_engine"


def digest(files_json):
    """The recorder's files, whatever their order, as one text: an image fits only them.
    (The text itself, not a hash of it: hashlib is not loaded, and a program would see it.)"""
    return json.dumps(sorted(json.loads(files_json).items()))


def install(files_json, keep=False):
    folder = os.path.join(ROOT, PACKAGE)
    os.makedirs(folder)
    dont_write_bytecode = sys.dont_write_bytecode
    try:
        for name, text in json.loads(files_json).items():
            if "/" in name or not name.endswith(".py"):
                raise ValueError(f"not a file of the recorder's package: {name!r}")
            with open(os.path.join(folder, name), "w", encoding="utf-8") as file:
                file.write(text)
        sys.dont_write_bytecode = True
        sys.path.insert(0, ROOT)
        module = importlib.import_module(PACKAGE)
    finally:
        if ROOT in sys.path:
            sys.path.remove(ROOT)
        sys.path_importer_cache.pop(ROOT, None)
        sys.dont_write_bytecode = dont_write_bytecode
        shutil.rmtree(ROOT)
    record = without_bridges(module.record)
    if keep:
        # For a memory image taken next: the one place a Python started from it finds the
        # recorder (a handle from JavaScript does not survive the image). Taken out again by
        # restore(), before any program runs.
        stash = types.ModuleType(STASH)
        stash.record, stash.digest = record, digest(files_json)
        sys.modules[STASH] = stash
    return record


def restore(files_json):
    """The recorder kept in the image this Python started from, or None if there is none."""
    stash = sys.modules.pop(STASH, None)
    if stash is None:
        return None
    if stash.digest != digest(files_json):
        raise ValueError("the memory image holds another version of the recorder")
    return stash.record

version = "%d.%d.%d" % sys.version_info[:3]

# The modules that bridge to JavaScript (and through it to the page, the network or, in
# Node, the host). A user's program never needs them. Hiding them is defence in depth:
# the real walls are the worker's removed globals, its CSP and a fresh worker per run.
BRIDGES = ("js", "pyodide_js", "pyodide", "_pyodide", "_pyodide_core", "micropip")


def is_bridge(name):
    return name.partition(".")[0] in BRIDGES


def is_hidden(name):
    """A bridge, or a module of the recorder's own package: a program gets neither by name
    (it runs as if the recorder were not there; the recorder's state and limits are no
    business of the program)."""
    return is_bridge(name) or name.partition(".")[0] == PACKAGE


class RefuseBridges:
    """A finder, first on sys.meta_path during a run, that refuses the hidden modules."""

    @staticmethod
    def find_spec(name, path=None, target=None):
        if is_bridge(name):
            raise ModuleNotFoundError(
                f"No module named {name!r}: Loopscope runs your program without access to "
                "JavaScript or the host",
                name=name,
            )
        if is_hidden(name):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None


def without_bridges(record):
    """record, run with the bridges and the recorder's package out of reach of the program:
    out of sys.modules and behind RefuseBridges, with Pyodide's own finder (which makes
    import js work) removed."""

    def guarded(*args):
        # Pyodide wraps asyncio.run in a function that imports pyodide_js: the program
        # gets the standard library's own (the recorder runs it on its virtual loop).
        run = asyncio.run
        code = getattr(run, "__code__", None)
        if code is not None and "/pyodide/" in code.co_filename:
            asyncio.run = getattr(run, "__wrapped__", run)
        hidden = {name: sys.modules.pop(name) for name in list(sys.modules) if is_hidden(name)}
        finders = list(sys.meta_path)
        sys.meta_path[:] = [RefuseBridges] + [
            f for f in finders if not is_bridge(type(f).__module__)
        ]
        try:
            return record(*args)
        finally:
            sys.meta_path[:] = finders
            for name in [name for name in sys.modules if is_hidden(name)]:
                del sys.modules[name]
            sys.modules.update(hidden)
            asyncio.run = run

    return guarded
`;

/** Characters of stray output (see createEngine) passed to the console per run. */
const STRAY_LIMIT = 10_000;

/**
 * Loads Pyodide and the recorder.
 * @param {EngineOptions} options
 * @returns {Promise<Engine>}
 */
export async function createEngine({
	loadPyodide,
	indexURL,
	recorderFiles,
	onStatus,
	snapshot,
	makeSnapshot,
	recorderSnapshot
}) {
	onStatus?.('Loading Python…');
	// Output that bypassed the recorder (sys.__stdout__, Pyodide's own notes) goes to the
	// console, bounded per run: a program cannot flood it past the recorder's output limit.
	let strayChars = 0;
	/** @param {string} message */
	const stray = (message) => {
		if (strayChars > STRAY_LIMIT) return;
		strayChars += message.length;
		console.warn(
			strayChars > STRAY_LIMIT ? '[python] (more output dropped)' : `[python] ${message}`
		);
	};
	const pyodide = await loadPyodide({
		...(indexURL ? { indexURL } : {}),
		// The recorder captures the program's output itself; anything else is a stray.
		stdout: stray,
		stderr: stray,
		// A fixed hash seed: sets of strings iterate in the same order on every run.
		env: { PYTHONHASHSEED: '0' },
		...(snapshot
			? { _loadSnapshot: Promise.resolve(snapshot).then(withoutHandles) }
			: makeSnapshot || recorderSnapshot
				? { _makeSnapshot: true }
				: {})
	});
	// Taken before the recorder or any program runs: every Python started from it is pristine.
	const made = makeSnapshot && !snapshot ? pyodide.makeMemorySnapshot?.() : undefined;
	onStatus?.('Loading the recorder…');
	const namespace = /** @type {{ get(key: string): unknown }} */ (pyodide.toPy({}));
	pyodide.runPython(INSTALL, { globals: namespace });
	const filesJson = JSON.stringify(recorderFiles);
	// An image taken after the install (recorderSnapshot) already holds the recorder.
	const restore = /** @type {(filesJson: string) => PyRecord | undefined} */ (
		namespace.get('restore')
	);
	const kept = snapshot ? restore(filesJson) : undefined;
	const install = /** @type {(filesJson: string, keep: boolean) => PyRecord} */ (
		namespace.get('install')
	);
	const pyRecord = kept ?? install(filesJson, Boolean(recorderSnapshot && !snapshot));
	// Taken after the install and before any program: every Python started from it is the
	// recorder, loaded and untouched.
	const taken = recorderSnapshot && !snapshot ? pyodide.makeMemorySnapshot?.() : made;
	const image = taken && withoutHandles(taken);
	const pythonVersion = String(namespace.get('version'));
	onStatus?.('Ready');
	return {
		record(code, filename = 'main.py', limits = {}) {
			strayChars = 0;
			// Pyodide takes a plain Uint8Array, not a subclass such as Node's Buffer.
			const source =
				typeof code === 'string'
					? code
					: new Uint8Array(code.buffer, code.byteOffset, code.byteLength);
			return String(pyRecord(source, filename, JSON.stringify(limits)));
		},
		pythonVersion,
		pyodideVersion: pyodide.version,
		...(image ? { snapshot: image } : {})
	};
}

/** @typedef {(code: string | Uint8Array, filename: string, limits: string) => unknown} PyRecord */

// The layout of Pyodide's memory image (its src/js/snapshot.ts): a magic number, the offset
// of the memory, the length of a JSON header, then the header at this offset.
const IMAGE_MAGIC = 0x706e7300;
const IMAGE_HEADER = 48;

/**
 * The JavaScript objects a memory image hands back to Python when it is restored: the header's
 * non-empty `hiwireKeys`, each re-read from the worker's globals *before* its lockdown (a path
 * such as `["fetch"]` would give the program a handle the lockdown cannot take back).
 * @param {Uint8Array} image
 * @returns {unknown[]}
 */
export function imageHandles(image) {
	const words = new DataView(image.buffer, image.byteOffset, image.byteLength);
	if (image.byteLength < IMAGE_HEADER || words.getUint32(0, true) !== IMAGE_MAGIC) {
		throw new Error('not a Pyodide memory image');
	}
	const length = words.getUint32(8, true);
	const header = JSON.parse(
		new TextDecoder().decode(image.subarray(IMAGE_HEADER, IMAGE_HEADER + length))
	);
	return (header.hiwireKeys ?? []).filter((/** @type {unknown} */ key) => key !== null);
}

/**
 * `image`, if it hands Python no JavaScript object back (see {@link imageHandles}): what a
 * program may reach is then decided by the lockdown after the restore, as after a full load.
 * @param {Uint8Array} image
 * @returns {Uint8Array}
 */
function withoutHandles(image) {
	const handles = imageHandles(image);
	if (handles.length > 0) {
		throw new Error(`the memory image holds JavaScript objects: ${JSON.stringify(handles)}`);
	}
	return image;
}
