/**
 * The CLI's side of a recording (bin/loopscope.js): it starts the process that runs the
 * program, talks to it, watches its time and memory, and checks what comes back. This side
 * alone touches files: the recorder's Python files and the memory image are read here and
 * sent over; an image is kept only from a child that has not yet been sent a program.
 */
import { execFile, fork, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CHILD, childNodeOptions, PYODIDE_DIR } from './cli-walls.js';
import { readRecorderFiles, RECORDER_PACKAGE } from './node-engine.js';
import { dropSnapshot, readSnapshot, writeSnapshot } from './snapshot-cache.js';

/** Exit statuses, as --help and the README list them. */
export const EXIT = { ok: 0, failed: 1, usage: 2, timeout: 3, memory: 4 };

/** Python's load, from an image or not, before the clock of --timeout starts. */
const LOAD_TIMEOUT_MS = 120_000;
// How often the child's memory is read: /proc is cheap; `ps` (elsewhere) is a process each time.
const POLL_MS = process.platform === 'linux' ? 50 : 500;
/** Characters of the recording process's stderr passed on. */
const STDERR_LIMIT = 16_000;

/**
 * What a recording needs from the command line.
 * @typedef {{ timeout: number, memory: number, limits: Record<string, number>, python?: string | null }} RunOptions
 */

/**
 * A message from the recording process (or from a program that reached its channel).
 * @typedef {{ type?: unknown, bytes?: unknown, trace?: unknown, message?: unknown } | null | undefined} FromChild
 */

/** @typedef {Error & { status?: number, beforeReady?: boolean }} RunError */

/**
 * Checks that `text`, which came from the recording process, is one trace: a JSON object in
 * Loopscope's trace format. A program that reached JavaScript can forge it (it can write to
 * the IPC channel, or under --python to the trace's pipe), so this is no proof of anything:
 * a forged trace is no worse than a link, and the app validates every trace it opens. This
 * only keeps the CLI from writing something that is not a trace at all.
 * @param {unknown} text
 * @returns {string}
 */
function checkTrace(text) {
	let trace;
	try {
		trace = typeof text === 'string' ? JSON.parse(text) : null;
	} catch {
		trace = null;
	}
	const isObject = (/** @type {unknown} */ value) =>
		typeof value === 'object' && value !== null && !Array.isArray(value);
	if (
		!isObject(trace) ||
		trace.format !== 'loopscope-trace' ||
		!isObject(trace.source) ||
		!isObject(trace.meta) ||
		!Array.isArray(trace.events) ||
		!isObject(trace.result)
	)
		throw new Error('the recording ended without a valid trace');
	return /** @type {string} */ (text);
}

/**
 * An error carrying the exit status it should end the CLI with.
 * @param {string} message
 * @param {number} status
 * @returns {RunError}
 */
function stopped(message, status) {
	return Object.assign(new Error(message), { status });
}

/**
 * The resident memory of process `pid` in bytes, or null when it cannot be read.
 * @param {number | undefined} pid
 */
function residentBytes(pid) {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
		return kb ? Number(kb[1]) * 1024 : null;
	} catch {
		return null;
	}
}

/**
 * Watches `child`: SIGKILLs it when its resident memory goes over `memoryMB` (polled from
 * /proc on Linux; elsewhere from `ps`, best effort) or when `timeout` seconds pass after
 * `start()` is called, and calls `onStop` with why. Returns `{ start, stop }`.
 * @param {import('node:child_process').ChildProcess} child
 * @param {string} filename
 * @param {RunOptions} options
 * @param {(error: RunError) => void} onStop
 */
function watchdog(child, filename, { timeout, memory: memoryMB }, onStop) {
	const bound = memoryMB * 1024 * 1024;
	/** @type {ReturnType<typeof setTimeout> | undefined} */
	let timer;
	let busy = false;
	const kill = (/** @type {RunError} */ error) => {
		stop();
		child.kill('SIGKILL');
		onStop(error);
	};
	const overMemory = (/** @type {number | null} */ bytes) => {
		if (bytes !== null && bytes > bound)
			kill(
				stopped(
					`stopped ${filename}: it used more than ${memoryMB} MB of memory (--memory ${memoryMB}; ` +
						'raise it with --memory MB). No trace was written.',
					EXIT.memory
				)
			);
	};
	const poll = setInterval(() => {
		if (process.platform === 'linux') return overMemory(residentBytes(child.pid));
		if (busy) return;
		busy = true;
		execFile('ps', ['-o', 'rss=', '-p', String(child.pid)], (error, out) => {
			busy = false;
			if (!error && /^\s*\d+\s*$/.test(out)) overMemory(Number(out) * 1024);
		});
	}, POLL_MS);
	const loadTimer = setTimeout(
		() => kill(new Error(`Python did not load within ${LOAD_TIMEOUT_MS / 1000} s`)),
		LOAD_TIMEOUT_MS
	);
	function start() {
		clearTimeout(loadTimer);
		timer = setTimeout(
			() =>
				kill(
					stopped(
						`stopped ${filename} after ${timeout} s of real time (--timeout): ` +
							'a long computation that never reaches an await? No trace was written.',
						EXIT.timeout
					)
				),
			timeout * 1000
		);
	}
	function stop() {
		clearInterval(poll);
		clearTimeout(loadTimer);
		clearTimeout(timer);
	}
	return { start, stop };
}

/**
 * Passes on at most STDERR_LIMIT characters of a child's stderr.
 * @param {import('node:stream').Readable | null} stream
 */
function forwardStderr(stream) {
	let passed = 0;
	stream?.setEncoding('utf8');
	stream?.on('data', (/** @type {string} */ text) => {
		for (const line of text.split(/(?<=\n)/)) {
			if (passed > STDERR_LIMIT) return;
			passed += line.length;
			process.stderr.write(passed > STDERR_LIMIT ? '[python] (more output dropped)\n' : line);
		}
	});
}

/**
 * One ending for a recording process: the first outcome (a trace, a failure, the watchdog)
 * settles it, stops the watchdog and kills the process; any later one is ignored.
 * @param {import('node:child_process').ChildProcess} child
 * @param {string} filename
 * @param {RunOptions} args
 * @param {(error: Error) => void} reject
 */
function settleOnce(child, filename, args, reject) {
	let settled = false;
	const settle = (/** @type {() => void} */ action) => {
		if (settled) return;
		settled = true;
		guard.stop();
		child.kill('SIGKILL');
		action();
	};
	const guard = watchdog(child, filename, args, (error) => settle(() => reject(error)));
	return { settle, guard };
}

/**
 * Records in a child process and resolves with the trace. `cache`: where Python's memory image
 * is kept (null: none); the child starts from it, or makes it and sends it before it is given
 * the program. `spec`: the script to run and its Node options (tests only: by default the
 * recording process under its walls).
 * @param {string} code
 * @param {string} filename
 * @param {RunOptions} args
 * @param {string | null} cache
 * @param {{ script: string, execArgv: string[] | null, args: string[] }} [spec]
 * @returns {Promise<string>}
 */
export function recordInChild(
	code,
	filename,
	args,
	cache,
	spec = { script: CHILD, execArgv: null, args: [] }
) {
	return new Promise((resolvePromise, reject) => {
		const snapshot = cache ? readSnapshot(cache) : null;
		const child = fork(spec.script, spec.args, {
			execArgv: spec.execArgv ?? childNodeOptions(args.memory),
			// Nothing of the user's environment: no secrets, no NODE_OPTIONS.
			env: {},
			cwd: PYODIDE_DIR,
			serialization: 'advanced',
			stdio: ['ignore', 'ignore', 'pipe', 'ipc']
		});
		forwardStderr(child.stderr);
		let programSent = false;
		let ready = false;
		const { settle, guard } = settleOnce(child, filename, args, reject);
		child.on('message', (/** @type {FromChild} */ message) => {
			if (message?.type === 'snapshot') {
				// Only an image from a child that has not been given a program: taken before any
				// program ran. After that, anything that says it is an image is the program's.
				if (!programSent && cache && message.bytes instanceof Uint8Array)
					writeSnapshot(cache, message.bytes);
			} else if (message?.type === 'ready' && !ready) {
				ready = true;
				guard.start();
				programSent = true;
				child.send({ type: 'record', code, filename, limits: args.limits });
			} else if (message?.type === 'trace' && programSent) {
				settle(() => {
					try {
						resolvePromise(checkTrace(message.trace));
					} catch (error) {
						reject(error);
					}
				});
			} else if (message?.type === 'failure') {
				settle(() => reject(new Error(String(message.message).split('\n')[0])));
			}
		});
		// Python failing to start from a kept image: the image goes, the next try loads afresh.
		const failed = (/** @type {RunError} */ error) => {
			if (!ready && snapshot && cache) dropSnapshot(cache);
			return Object.assign(error, { beforeReady: !ready && snapshot !== null });
		};
		child.on('error', (error) => settle(() => reject(failed(error))));
		child.on('exit', (status, signal) =>
			settle(() =>
				reject(
					failed(
						new Error(
							`Python stopped without a trace (its process exited with ${signal ?? `status ${status}`})`
						)
					)
				)
			)
		);
		child.send({
			type: 'load',
			recorderFiles: readRecorderFiles(),
			...(snapshot ? { snapshot } : {}),
			makeSnapshot: cache !== null
		});
	});
}

// Records the program named on the command line (its source on standard input) with the
// recorder package, and writes the trace on file descriptor 3.
const CPYTHON_HARNESS = `
import os, sys
if sys.version_info < (3, 11):
    os.write(3, ("too old: Python %d.%d.%d" % sys.version_info[:3]).encode())
    sys.exit(9)
sys.path.insert(0, sys.argv[1])
import loopscope_recorder
sys.path.remove(sys.argv[1])
sys.path.insert(0, sys.argv[2])
out = os.fdopen(3, "w", encoding="utf-8")
source = sys.stdin.buffer.read()  # bytes: the recorder decodes them as python3 does (PEP 263)
trace = loopscope_recorder.record(source, sys.argv[3], sys.argv[4])
out.write(trace)
out.close()
`;

/**
 * What a trace recorded by CPython older than 3.12 lacks, in one sentence, or null. Line
 * events and scopes are learnt through sys.monitoring (new in 3.12): without it the recorder
 * still writes tasks, steps, awaits, output and cancel requests, but no line of a step, no
 * TaskGroup / timeout / shield and no except catching a CancelledError. Said plainly rather
 * than left for the learner to miss.
 * @param {string} trace the trace as JSON text
 * @returns {string | null}
 */
export function monitoringNote(trace) {
	const python = /** @type {{ meta?: { python?: unknown } }} */ (JSON.parse(trace)).meta?.python;
	const m = typeof python === 'string' ? /^(\d+)\.(\d+)/.exec(python) : null;
	if (!m || Number(m[1]) > 3 || (Number(m[1]) === 3 && Number(m[2]) >= 12)) return null;
	return (
		`note: Python ${python} has no sys.monitoring (new in 3.12), so this trace has no ` +
		'line-by-line events and no scopes (TaskGroup, asyncio.timeout, wait_for and shield ' +
		'brackets, an except catching CancelledError); record without --python (Python 3.14 ' +
		'in Pyodide) or with Python 3.12 or later to see them'
	);
}

/**
 * Records with the user's own CPython (--python): the program runs on this machine, as
 * `python3 prog.py` would, under the same --timeout and --memory.
 * @param {string} code
 * @param {string} filename
 * @param {string} programDir the folder put first on the program's sys.path
 * @param {RunOptions & { python: string }} args
 * @returns {Promise<string>}
 */
export function recordInCPython(code, filename, programDir, args) {
	return new Promise((resolvePromise, reject) => {
		/** @type {import('node:child_process').ChildProcess} */
		let child;
		try {
			child = spawn(
				args.python,
				[
					'-B',
					'-c',
					CPYTHON_HARNESS,
					fileURLToPath(new URL('..', RECORDER_PACKAGE)),
					programDir,
					filename,
					JSON.stringify(args.limits)
				],
				{ stdio: ['pipe', 'ignore', 'pipe', 'pipe'] }
			);
		} catch (error) {
			reject(new Error(`cannot run ${args.python}: ${String(error)}`));
			return;
		}
		// The trace's own pipe: the program's stdout and stderr stay its own.
		const tracePipe = /** @type {import('node:stream').Readable} */ (child.stdio[3]);
		let trace = '';
		const { settle, guard } = settleOnce(child, filename, args, reject);
		guard.start();
		tracePipe.setEncoding('utf8');
		tracePipe.on('data', (/** @type {string} */ text) => (trace += text));
		forwardStderr(child.stderr);
		child.stdin?.on('error', () => {});
		child.stdin?.end(code);
		child.on('error', (/** @type {NodeJS.ErrnoException} */ error) =>
			settle(() =>
				reject(
					new Error(
						`cannot run ${args.python}: ${error.code === 'ENOENT' ? 'no such command' : error.message}`
					)
				)
			)
		);
		child.on('close', (status, signal) =>
			settle(() => {
				const old = /^too old: (Python \d+\.\d+\.\d+)$/.exec(trace);
				if (status === 9 && old)
					return reject(
						stopped(`--python needs CPython 3.11 or later; ${args.python} is ${old[1]}`, EXIT.usage)
					);
				try {
					resolvePromise(checkTrace(trace));
				} catch {
					reject(
						new Error(
							`${args.python} stopped without a trace (${signal ?? `exit status ${status}`})`
						)
					);
				}
			})
		);
	});
}
