#!/usr/bin/env node
// Re-records the example traces: every src/lib/examples/*.py becomes traces/<name>.json,
// exactly as the recorder writes it. A unit test fails when a checked-in trace drifts.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createNodeEngine } from '../src/lib/recorder/node-engine.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const examples = join(root, 'src', 'lib', 'examples');
const traces = join(root, 'traces');

const engine = await createNodeEngine();
for (const file of readdirSync(examples)
	.filter((name) => name.endsWith('.py'))
	.sort()) {
	const code = readFileSync(join(examples, file), 'utf8');
	const json = engine.record(code, file);
	const target = join(traces, `${basename(file, '.py')}.json`);
	writeFileSync(target, `${json}\n`);
	const { result, events } = JSON.parse(json);
	console.log(`${file}: ${events.length} events, ${result.status}, ${result.duration} s`);
}
