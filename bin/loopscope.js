#!/usr/bin/env node
// The Loopscope command line: records an asyncio program's trace with the same engine as
// the browser. Plain JavaScript, so it runs right after `npm ci`, with no build step.
//
// This process alone touches files: it reads the program, the recorder's Python files and
// the memory image, and writes the trace and the image. The program runs in a child process
// (src/lib/recorder/cli-child.js) that Node's permission model forbids to write files, read
// any but Pyodide's, spawn processes or start workers; a gate in the child closes the network
// and signals; this process watches its time and memory and kills it when they run out.
import { closeSync, openSync, readSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import {
	EXIT,
	monitoringNote,
	recordInChild,
	recordInCPython
} from '../src/lib/recorder/cli-session.js';
import { snapshotPath } from '../src/lib/recorder/snapshot-cache.js';

const DEFAULT_TIMEOUT = 30;
// Node's timers hold at most 2^31 - 1 ms; a longer delay fires at once.
const MAX_TIMEOUT = Math.floor((2 ** 31 - 1) / 1000);
const DEFAULT_MEMORY_MB = 2048;
const MIN_MEMORY_MB = 256;
/** Bytes of program the CLI reads at most (Python would take a bigger one as a MemoryError). */
const MAX_SOURCE_BYTES = 10 * 1024 * 1024;

/** The limits --limit takes; `time` is in (virtual) seconds and may be fractional. */
const LIMIT_NAMES = [
	'events',
	'output',
	'time',
	'line_budget',
	'lines_per_step',
	'workers',
	'list_cap'
];

const HELP = `Usage: loopscope record FILE.py [-o OUT.json] [--timeout SECONDS] [--memory MB]
                       [--limit NAME=VALUE]... [--python PYTHON]
       loopscope record - < FILE.py

Runs FILE.py (or the program on standard input, with -) on Loopscope's virtual-time
asyncio event loop (Python in Pyodide) and prints its trace as JSON on stdout, or writes
it to OUT.json with -o. The program runs in a separate Node process that may not write
files, read any but Pyodide's, start processes, reach the network or signal other
processes; Python's own in-memory filesystem is all it has.

Options:
  -o, --output FILE     write the trace to FILE instead of stdout
  --timeout SECONDS     stop the program after this much real time (default ${DEFAULT_TIMEOUT}, at most
                        ${MAX_TIMEOUT}); loading Python does not count
  --memory MB           stop the program when its process uses more memory than this
                        (default ${DEFAULT_MEMORY_MB}, at least ${MIN_MEMORY_MB})
  --limit NAME=VALUE    change a recording limit, a whole number above 0 (time: seconds,
                        may be fractional): ${LIMIT_NAMES.join(', ')}
                        (repeatable)
  --python PYTHON       record with your own CPython (3.11 or later, e.g. python3.11)
                        instead of Pyodide: this runs the program on your machine as
                        \`PYTHON FILE.py\` would, with none of the walls above; lines and
                        scopes (TaskGroup, timeout, shield) are recorded on 3.12 or later
  --no-cache            load Python from scratch and keep nothing (by default the first
                        run keeps an image of Python's memory, taken before any program
                        ran, in $LOOPSCOPE_CACHE_DIR or ~/.cache/loopscope, and later runs
                        start from it in under a second)
  -h, --help            show this help

Exit status:
  0  a trace was written, even when the program raised, deadlocked or hit a recording
     limit: that is in the trace's "result"
  1  no trace: Loopscope could not read the program (or it is over 10 MB), load Python
     or write the trace, or the run ended without one
  2  the command line was wrong
  3  the program ran past --timeout and was stopped; no trace
  4  the program used more than --memory and was stopped; no trace
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

/** The value after option `arg`, or a usage error. */
function valueOf(argv, i, arg, what) {
	if (i + 1 >= argv.length) usage(`${arg} needs ${what}`);
	return argv[i + 1];
}

function parseLimit(spec) {
	const match = /^(\w+)=(.+)$/.exec(spec);
	if (!match) usage(`--limit expects NAME=NUMBER, got "${spec}"`);
	const [, name, text] = match;
	if (!LIMIT_NAMES.includes(name))
		usage(`unknown limit "${name}": the limits are ${LIMIT_NAMES.join(', ')}`);
	const value = Number(text);
	const valid = name === 'time' ? value > 0 && Number.isFinite(value) : Number.isSafeInteger(value);
	if (!valid || value <= 0)
		usage(
			`--limit ${name} expects ${name === 'time' ? 'a number of seconds' : 'a whole number'} above 0, got "${text}"`
		);
	return [name, value];
}

function parseArgs(argv) {
	const args = {
		command: null,
		file: null,
		output: null,
		limits: {},
		timeout: DEFAULT_TIMEOUT,
		memory: DEFAULT_MEMORY_MB,
		python: null,
		cache: true
	};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '-h' || arg === '--help') return { ...args, help: true };
		if (arg === '-o' || arg === '--output') {
			args.output = valueOf(argv, i++, arg, 'a file name');
			if (args.output === '') usage(`${arg} needs a file name, got ""`);
		} else if (arg === '--timeout') {
			const text = valueOf(argv, i++, arg, 'a number of seconds');
			const seconds = Number(text);
			if (!(seconds > 0) || !Number.isFinite(seconds))
				usage(`--timeout expects a number of seconds above 0, got "${text}"`);
			if (seconds > MAX_TIMEOUT)
				usage(`--timeout is at most ${MAX_TIMEOUT} seconds (24 days), got "${text}"`);
			args.timeout = seconds;
		} else if (arg === '--memory') {
			const text = valueOf(argv, i++, arg, 'a number of megabytes');
			const mb = Number(text);
			if (!Number.isSafeInteger(mb) || mb < MIN_MEMORY_MB)
				usage(
					`--memory expects a whole number of megabytes, at least ${MIN_MEMORY_MB}, got "${text}"`
				);
			args.memory = mb;
		} else if (arg === '--limit') {
			const [name, value] = parseLimit(valueOf(argv, i++, arg, 'NAME=NUMBER'));
			args.limits[name] = value;
		} else if (arg === '--python') {
			args.python = valueOf(argv, i++, arg, 'a Python command, e.g. python3.11');
			if (args.python === '') usage('--python needs a Python command, got ""');
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

/** Reads at most MAX_SOURCE_BYTES + 1 bytes of `fd`. */
function readBounded(fd) {
	const chunks = [];
	let total = 0;
	for (;;) {
		const chunk = Buffer.alloc(Math.min(1 << 20, MAX_SOURCE_BYTES + 1 - total));
		let n;
		try {
			n = readSync(fd, chunk, 0, chunk.length, null);
		} catch (error) {
			if (error.code === 'EAGAIN') continue;
			if (error.code === 'EOF') break;
			throw error;
		}
		if (n === 0) break;
		chunks.push(chunk.subarray(0, n));
		total += n;
		if (total > MAX_SOURCE_BYTES) break;
	}
	return Buffer.concat(chunks, total);
}

function readProgram(file) {
	const name = file === '-' ? 'standard input' : file;
	let bytes;
	try {
		// fd 0 for `-`: the program comes from standard input, as with `python3 -`.
		const fd = file === '-' ? 0 : openSync(file, 'r');
		try {
			bytes = readBounded(fd);
		} finally {
			if (fd !== 0) closeSync(fd);
		}
	} catch (error) {
		const reason =
			error.code === 'ENOENT'
				? 'no such file'
				: error.code === 'EISDIR'
					? 'is a directory'
					: error.message;
		fail(`cannot read ${name}: ${reason}`);
	}
	if (bytes.length > MAX_SOURCE_BYTES)
		fail(`${name} is over ${MAX_SOURCE_BYTES / 1024 / 1024} MB: too big a program to record`);
	// The bytes as they are: Python decodes them as python3 would (PEP 263: a coding line, else
	// UTF-8, and a SyntaxError for bytes that are neither).
	return bytes;
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
	let trace;
	try {
		if (args.python) {
			const programDir = args.file === '-' ? process.cwd() : dirname(resolve(args.file));
			trace = await recordInCPython(code, filename, programDir, args);
			const note = monitoringNote(trace);
			if (note) process.stderr.write(`loopscope: ${note}\n`);
		} else {
			const cache = args.cache ? snapshotPath() : null;
			const record = (from) => recordInChild(code, filename, args, from);
			trace = await record(cache).catch((error) => {
				if (error?.beforeReady) return record(cache);
				throw error;
			});
		}
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
