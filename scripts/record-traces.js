#!/usr/bin/env node
// Re-records the checked-in traces, exactly as the recorder writes them (scripts/program-folders.js):
// - every tests/corpus/*.py becomes tests/corpus/<name>.trace.json (the model's fixtures: the
//   model tests check facts against these real runs);
// - every src/lib/examples/*.py becomes traces/<name>.json (the playground's examples);
// - every src/lib/lessons/programs/*.py becomes traces/lessons/<name>.json (the lessons).
// Unit tests fail when a checked-in trace drifts. `npm run traces [name...]` re-records only
// the programs whose file name (or path) starts with one of the names.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createNodeEngine } from '../src/lib/recorder/node-engine.js';
import { isNamed, programs } from './program-folders.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2);

const engine = await createNodeEngine();
for (const entry of programs(root).filter((entry) => isNamed(entry, only))) {
	// The file's bytes, as python3 reads them: a coding declaration is honoured.
	const json = engine.record(readFileSync(entry.program), entry.file);
	mkdirSync(dirname(entry.trace), { recursive: true });
	writeFileSync(entry.trace, `${json}\n`);
	const { result, events } = JSON.parse(json);
	console.log(
		`${relative(root, entry.trace)}: ${events.length} events, ${result.status}, ${result.duration} s`
	);
}
