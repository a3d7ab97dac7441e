#!/usr/bin/env node
// The Loopscope command line: records an asyncio program's trace with the same engine as
// the browser. Plain JavaScript, so it runs right after `npm ci`, with no build step.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import v8 from 'node:v8';
import { Worker } from 'node:worker_threads';
import {
	dropSnapshot,
	readSnapshot,
	snapshotPath,
	writeSnapshot
} from '../src/lib/recorder/snapshot-cache.js';

/** Exit statuses, as --help and the README list them. */
const EXIT = { ok: 0, failed: 1, usage: 2, timeout: 3 };

const DEFAULT_TIMEOUT = 30;

const HELP = `Usage: loopscope record FILE.py [-o OUT.json] [--timeout SECONDS] [--limit NAME=VALUE]...
       loopscope record - < FILE.py

Runs FILE.py (or the program on standard input, with -) on Loopscope's virtual-time
asyncio event loop (Python in Pyodide) and prints its trace as JSON on stdout, or writes
it to OUT.json with -o. The program cannot reach the host: no js module, no processes,
no network, no files beyond Python's own in-memory filesystem.

Options:
  -o, --output FILE     write the trace to FILE instead of stdout
  --timeout SECONDS     stop the program after this much real time (default ${DEFAULT_TIMEOUT});
                        loading Python does not count
  --limit NAME=VALUE    change a recording limit: events, output, time, line_budget,
                        lines_per_step, workers, list_cap (repeatable)
  --no-cache            load Python from scratch and keep nothing (by default the first
                        run keeps an image of Python's memory, taken before any program
                        ran, in $LOOPSCOPE_CACHE_DIR or ~/.cache/loopscope, and later runs
                        start from it in under a second)
  -h, --help            show this help

Exit status:
  0  a trace was written, even when the program raised, deadlocked or hit a recording
     limit: that is in the trace's "result"
  1  no trace: Loopscope could not read the program, load Python or write the trace, or
     the run ended without one
  2  the command line was wrong
  3  the program ran past --timeout and was stopped; no trace
`;

/** Prints a one-line message and exits with `status`. */
function fail(message, status = EXIT.failed) {
	process.stderr.write(`loopscope: ${message}\n`);
	process.exit(status);
}

/** A usage error. */
function usage(message) {
	fail(`${message} (see loopscope --help)`, EXIT.usage);
}

function parseArgs(argv) {
	const args = {
		command: null,
		file: null,
		output: null,
		limits: {},
		timeout: DEFAULT_TIMEOUT,
		cache: true
	};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '-h' || arg === '--help') return { ...args, help: true };
		if (arg === '-o' || arg === '--output') {
			if (i + 1 >= argv.length) usage(`${arg} needs a file name`);
			args.output = argv[++i];
		} else if (arg === '--timeout') {
			const seconds = Number(argv[++i]);
			if (!(seconds > 0) || !Number.isFinite(seconds))
				usage(`--timeout expects a number of seconds above 0, got "${argv[i] ?? ''}"`);
			args.timeout = seconds;
		} else if (arg === '--limit') {
			const spec = argv[++i] ?? '';
			const match = /^(\w+)=(.+)$/.exec(spec);
			if (!match || !Number.isFinite(Number(match[2])))
				usage(`--limit expects NAME=NUMBER, got "${spec}"`);
			args.limits[match[1]] = Number(match[2]);
		} else if (arg === '--no-cache') {
			args.cache = false;
		} else if (arg.startsWith('-') && arg !== '-') {
			usage(`unknown option ${arg}`);
		} else if (args.command === null) {
			args.command = arg;
		} else if (args.file === null) {
			args.file = arg;
		} else {
			usage(`unexpected argument ${arg}`);
		}
	}
	return args;
}

function readProgram(file) {
	try {
		// fd 0 for `-`: the program comes from standard input, as with `python3 -`.
		return readFileSync(file === '-' ? 0 : file, 'utf8');
	} catch (error) {
		const reason =
			error.code === 'ENOENT'
				? 'no such file'
				: error.code === 'EISDIR'
					? 'is a directory'
					: error.message;
		fail(`cannot read ${file === '-' ? 'standard input' : file}: ${reason}`);
	}
}

/**
 * Records in a worker thread and resolves with the trace. The clock starts once Python has
 * loaded; when it runs out the thread is terminated, whatever it is doing. `cache`: where
 * Python's memory image is kept (null: none); the worker starts from it, or makes it.
 */
function recordInWorker(code, filename, limits, timeout, cache) {
	// No eval or new Function in the worker: a program that reached JavaScript could
	// otherwise import any Node module. Set before the worker's context is created.
	v8.setFlagsFromString('--disallow-code-generation-from-strings');
	return new Promise((resolve, reject) => {
		const snapshot = cache ? readSnapshot(cache) : null;
		const worker = new Worker(new URL('../src/lib/recorder/cli-worker.js', import.meta.url), {
			workerData: { code, filename, limits, snapshot, makeSnapshot: cache !== null },
			transferList: snapshot ? [snapshot.buffer] : []
		});
		let ready = false;
		let timer;
		let settled = false;
		const settle = (action) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			void worker.terminate();
			action();
		};
		worker.on('message', (message) => {
			if (message?.type === 'snapshot' && cache && message.bytes instanceof Uint8Array) {
				writeSnapshot(cache, message.bytes);
			} else if (message?.type === 'ready') {
				ready = true;
				timer = setTimeout(
					() =>
						settle(() =>
							reject(
								Object.assign(
									new Error(
										`stopped ${filename} after ${timeout} s of real time (--timeout): ` +
											'a long computation that never reaches an await? No trace was written.'
									),
									{ status: EXIT.timeout }
								)
							)
						),
					timeout * 1000
				);
			} else if (message?.type === 'trace' && typeof message.trace === 'string') {
				settle(() => resolve(message.trace));
			} else if (message?.type === 'failure') {
				settle(() => reject(new Error(String(message.message))));
			}
		});
		// Python failing to start from a kept image: the image goes, the next try loads afresh.
		const failed = (error) => {
			if (!ready && snapshot && cache) dropSnapshot(cache);
			return Object.assign(error, { beforeReady: !ready && snapshot !== null });
		};
		worker.on('error', (error) => settle(() => reject(failed(error))));
		worker.on('exit', (code) =>
			settle(() =>
				reject(
					failed(
						new Error(`Python stopped without a trace (its thread exited with status ${code})`)
					)
				)
			)
		);
	});
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	if (args.help) {
		process.stdout.write(HELP);
		return;
	}
	if (args.command !== 'record')
		usage(
			args.command
				? `unknown command "${args.command}"`
				: 'missing command: loopscope record FILE.py'
		);
	if (!args.file) usage('missing file: loopscope record FILE.py (or - for standard input)');
	const code = readProgram(args.file);
	const filename = args.file === '-' ? '<stdin>' : basename(args.file);
	const cache = args.cache ? snapshotPath() : null;
	const record = (from) => recordInWorker(code, filename, args.limits, args.timeout, from);
	let trace;
	try {
		trace = await record(cache).catch((error) => {
			if (error?.beforeReady) return record(cache);
			throw error;
		});
	} catch (error) {
		fail(error?.message ?? String(error), error?.status ?? EXIT.failed);
	}
	if (args.output) {
		try {
			writeFileSync(args.output, trace + '\n');
		} catch (error) {
			fail(`cannot write ${args.output}: ${error.message}`);
		}
	} else {
		process.stdout.write(trace + '\n');
	}
}

// A reader that stops early (`loopscope record x.py | head -c 10`) is not an error.
process.stdout.on('error', (error) => {
	if (error.code === 'EPIPE') process.exit(EXIT.ok);
	fail(`cannot write the trace: ${error.message}`);
});

main().catch((error) => fail(error?.message ?? String(error)));
