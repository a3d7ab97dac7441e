/**
 * Recorder benchmarks (`npm run bench`): for a program with 1,000 tasks and one with about
 * 100,000 events, prints the recording time, events per second, trace size, and the ratio
 * of recording to running on the same virtual loop without instrumentation.
 * Targets: under 3x overhead, 100,000 events in under 2 s in Node.
 */
import { bench, describe } from 'vitest';
import type { Engine } from './engine.js';
import { createNodeEngine } from './node-engine.js';

const THOUSAND_TASKS = `
import asyncio

async def job(i):
    await asyncio.sleep(0.001 * (i % 10))
    return i

async def main():
    results = await asyncio.gather(*(job(i) for i in range(1000)))
    print(sum(results))

asyncio.run(main())
`;

// Four tasks taking turns through sleep(0): each turn is a step, a suspension, a line and
// a share of a loop iteration.
const HUNDRED_THOUSAND_EVENTS = `
import asyncio

async def player(n):
    for _ in range(5900):
        await asyncio.sleep(0)

async def main():
    await asyncio.gather(*(player(n) for n in range(4)))

asyncio.run(main())
`;

const engine: Engine = await createNodeEngine();
const limits = { maxEvents: 10_000_000 };

function time(run: () => void, repeat = 3): number {
	let best = Infinity;
	for (let i = 0; i < repeat; i++) {
		const started = performance.now();
		run();
		best = Math.min(best, performance.now() - started);
	}
	return best;
}

function report(name: string, code: string): void {
	let json = '';
	const recording = time(() => (json = engine.record(code, 'bench.py', limits)));
	const plain = time(() => engine.record(code, 'bench.py', { ...limits, instrument: false }));
	const trace = JSON.parse(json) as { events: unknown[]; tasks: unknown[] };
	const events = trace.events.length;
	console.log(
		[
			`${name}:`,
			`  tasks ${trace.tasks.length}, events ${events.toLocaleString('en')}`,
			`  recording ${recording.toFixed(0)} ms (best of 3), ${Math.round((events / recording) * 1000).toLocaleString('en')} events/s`,
			`  trace ${(json.length / 1024 / 1024).toFixed(2)} MB`,
			`  uninstrumented ${plain.toFixed(0)} ms on the same loop: overhead ${(recording / plain).toFixed(2)}x`
		].join('\n')
	);
}

report('1,000 tasks', THOUSAND_TASKS);
report('100,000 events', HUNDRED_THOUSAND_EVENTS);

describe('recorder', () => {
	bench('record 1,000 tasks', () => void engine.record(THOUSAND_TASKS, 'bench.py', limits), {
		iterations: 3,
		time: 0
	});
	bench(
		'record 100,000 events',
		() => void engine.record(HUNDRED_THOUSAND_EVENTS, 'bench.py', limits),
		{ iterations: 3, time: 0 }
	);
});
