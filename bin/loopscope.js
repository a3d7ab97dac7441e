#!/usr/bin/env node
// The Loopscope command line: records an asyncio program's trace with the same engine as
// the browser. Plain JavaScript, so it runs right after `npm ci`, with no build step.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';

const HELP = `Usage: loopscope record FILE.py [-o OUT.json] [--limit NAME=VALUE]...

Runs FILE.py on Loopscope's virtual-time asyncio event loop (Python in Pyodide) and
prints its trace as JSON on stdout, or writes it to OUT.json with -o.

The exit status is 0 whenever a trace was produced, even when the program raised,
deadlocked or hit a limit: that is recorded in the trace's "result".

Options:
  -o, --output FILE     write the trace to FILE instead of stdout
  --limit NAME=VALUE    change a recording limit: events, output, time, line_budget,
                        lines_per_step, workers, list_cap (repeatable)
  -h, --help            show this help
`;

/** Prints a one-line message and exits with a failure status. */
function fail(message) {
	process.stderr.write(`loopscope: ${message}\n`);
	process.exit(1);
}

function parseArgs(argv) {
	const args = { command: null, file: null, output: null, limits: {} };
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '-h' || arg === '--help') return { ...args, help: true };
		if (arg === '-o' || arg === '--output') {
			if (i + 1 >= argv.length) fail(`${arg} needs a file name`);
			args.output = argv[++i];
		} else if (arg === '--limit') {
			const spec = argv[++i] ?? '';
			const match = /^(\w+)=(.+)$/.exec(spec);
			if (!match || Number.isNaN(Number(match[2])))
				fail(`--limit expects NAME=NUMBER, got "${spec}"`);
			args.limits[match[1]] = Number(match[2]);
		} else if (arg.startsWith('-')) {
			fail(`unknown option ${arg} (see loopscope --help)`);
		} else if (args.command === null) {
			args.command = arg;
		} else if (args.file === null) {
			args.file = arg;
		} else {
			fail(`unexpected argument ${arg} (see loopscope --help)`);
		}
	}
	return args;
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	if (args.help) {
		process.stdout.write(HELP);
		return;
	}
	if (args.command !== 'record')
		fail(
			args.command
				? `unknown command "${args.command}" (see loopscope --help)`
				: 'missing command: loopscope record FILE.py (see loopscope --help)'
		);
	if (!args.file) fail('missing file: loopscope record FILE.py');
	let code;
	try {
		code = readFileSync(args.file, 'utf8');
	} catch (error) {
		const reason =
			error.code === 'ENOENT'
				? 'no such file'
				: error.code === 'EISDIR'
					? 'is a directory'
					: error.message;
		fail(`cannot read ${args.file}: ${reason}`);
	}
	// Loaded only now, so that --help and bad arguments answer at once.
	const { createNodeEngine } = await import('../src/lib/recorder/node-engine.js');
	const engine = await createNodeEngine();
	const trace = engine.record(code, basename(args.file), args.limits);
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

main().catch((error) => fail(error?.message ?? String(error)));
