/**
 * `npm run bench`: index build time and seek time on a synthetic 100,000-event trace, and
 * build time, seek time and index memory on a run of 40,000 tasks (200,000 events, the
 * recorder's limit). Targets: build under 300 ms, any seek under 1 ms on the first; memory
 * that grows with events, not tasks × events, on the second. Timings on a shared machine are
 * noisy, so besides the plain max the report gives the worst cursor measured robustly
 * (each cursor's best of three runs), which is what the algorithm costs.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { bench, describe } from 'vitest';
import { validateTrace } from '../trace/validate';
import { buildIndex, lanes, seek } from './index';
import { manyTasksTrace, syntheticTrace } from './testing/synthetic';

const EVENTS = 100_000;
const SEEKS = 5_000;

const trace = syntheticTrace({ events: EVENTS });
const valid = validateTrace(trace);
if (!valid.ok) throw new Error(`synthetic trace is invalid: ${valid.error}`);

function time<T>(run: () => T): [T, number] {
	const start = performance.now();
	const value = run();
	return [value, performance.now() - start];
}

const us = (ms: number): string => `${(ms * 1000).toFixed(0)} µs`;
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1];

// The first build runs cold, as in the app; later ones show the steady cost.
const [index, coldMs] = time(() => buildIndex(trace));
const builds = Array.from({ length: 7 }, () => time(() => buildIndex(trace))[1]);
let seed = 7;
const cursors = Array.from({ length: SEEKS }, () => {
	seed = (seed * 1103515245 + 12345) % 2147483648;
	return seed % EVENTS;
});
for (const cursor of cursors.slice(0, 500)) seek(index, cursor);
const seeks = cursors.map((cursor) => time(() => seek(index, cursor))[1]);
const mean = seeks.reduce((sum, ms) => sum + ms, 0) / seeks.length;
const sorted = [...seeks].sort((a, b) => a - b);
// The costliest cursors are the last before a checkpoint: they replay the most events.
const k = index.tables.checkpointEvery;
const { checkpointSeqs } = index.tables;
const worst = Array.from({ length: 1_000 }, (_, n) => {
	const cursor = Math.max(0, checkpointSeqs[1 + ((n * 97) % (checkpointSeqs.length - 1))] - 1);
	return Math.min(...[0, 1, 2].map(() => time(() => seek(index, cursor))[1]));
});
const [, lanesMs] = time(() => lanes(index, 'step'));
console.log(
	[
		`model: ${EVENTS} events, ${trace.tasks.length} tasks, ${index.iterations} iterations, ${index.endTime.toFixed(2)} s virtual, checkpoint every ${k} events`,
		`  buildIndex: first (cold) ${coldMs.toFixed(1)} ms, then median ${median(builds).toFixed(1)} ms, best ${Math.min(...builds).toFixed(1)} ms (target < 300 ms)`,
		`  seek, ${SEEKS} random cursors: mean ${us(mean)}, median ${us(median(seeks))}, p99 ${us(sorted[Math.floor(SEEKS * 0.99)])}, max ${us(sorted[SEEKS - 1])} (target < 1 ms)`,
		`  seek, 1000 worst-case cursors (K - 1 events to replay), best of 3 each: max ${us(Math.max(...worst))}, median ${us(median(worst))}`,
		`  lanes(step), first call: ${lanesMs.toFixed(1)} ms`
	].join('\n')
);

// Many tasks: the index used to copy every task state at every checkpoint.
// A full collection before each reading, so the difference is what the index keeps alive.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const heap = (): number => (gc(), process.memoryUsage().heapUsed);
const many = manyTasksTrace(40_000);
const heapBefore = heap();
const [manyIndex, manyMs] = time(() => buildIndex(many));
const indexMb = (heap() - heapBefore) / 1024 / 1024;
const manySeeks = Array.from({ length: 200 }, (_, n) => {
	const cursor = (n * 7919) % many.events.length;
	return time(() => seek(manyIndex, cursor))[1];
}).sort((a, b) => a - b);
console.log(
	[
		`model: ${many.events.length} events, ${many.tasks.length} tasks, ${manyIndex.tables.checkpoints.length} checkpoints`,
		`  buildIndex: ${manyMs.toFixed(0)} ms; index memory ${indexMb.toFixed(0)} MB`,
		`  seek, 200 cursors: median ${manySeeks[100].toFixed(2)} ms, max ${manySeeks[199].toFixed(2)} ms (O(tasks): each snapshot lists every task)`
	].join('\n')
);

describe('model on 100,000 events', () => {
	bench('buildIndex', () => {
		buildIndex(trace);
	});
	bench('seek (random cursor)', () => {
		seek(index, Math.floor(Math.random() * EVENTS));
	});
});
