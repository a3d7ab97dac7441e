#!/usr/bin/env node
// Re-records the recorded traces, exactly as the recorder writes them:
// - every src/lib/examples/*.py becomes traces/<name>.json (the gallery's examples);
// - every tests/corpus/*.py becomes tests/corpus/<name>.trace.json (the model's fixtures:
//   the model tests check facts against these real runs).
// Unit tests fail when a checked-in trace drifts. `npm run traces [name...]` re-records only
// the programs whose file name starts with one of the names.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createNodeEngine } from '../src/lib/recorder/node-engine.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sets = [
	{ from: join(root, 'src', 'lib', 'examples'), to: join(root, 'traces'), suffix: '.json' },
	{ from: join(root, 'tests', 'corpus'), to: join(root, 'tests', 'corpus'), suffix: '.trace.json' }
];
const only = process.argv.slice(2);

const engine = await createNodeEngine();
for (const { from, to, suffix } of sets)
	for (const file of readdirSync(from)
		.filter((name) => name.endsWith('.py'))
		.filter((name) => !only.length || only.some((prefix) => name.startsWith(prefix)))
		.sort()) {
		const code = readFileSync(join(from, file), 'utf8');
		const json = engine.record(code, file);
		writeFileSync(join(to, `${basename(file, '.py')}${suffix}`), `${json}\n`);
		const { result, events } = JSON.parse(json);
		console.log(`${file}: ${events.length} events, ${result.status}, ${result.duration} s`);
	}
