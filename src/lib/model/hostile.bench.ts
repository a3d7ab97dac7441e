/**
 * `npm run bench`: the model's cost on the hostile shapes of issue 16 that Loopscope opens:
 * 100,000 jobs on one worker, none finished (the replay copied the threads at work per event),
 * and a job on each of 150,000 workers (lanes were quadratic, then overflowed the stack).
 * Prints the time to validate (in the trace-loader worker), to index and to lay out the lanes,
 * and the longest step between two chances to stop: what one slice on the page can cost.
 */
import { bench, describe } from 'vitest';
import { validateTrace } from '../trace/validate';
import { buildIndex, buildIndexInSlices, runInSlices, viewSteps } from './index';
import { threadJobsTrace } from './testing/synthetic';

// Runs sliced work one step per slice, timing each: the total and the longest step.
async function stepped<T>(
	run: (yieldToPage: () => Promise<void>) => Promise<T>
): Promise<{ value: T; total: number; longest: number }> {
	let longest = 0;
	const begin = performance.now();
	let at = begin;
	const value = await run(async () => {
		const now = performance.now();
		longest = Math.max(longest, now - at);
		at = now;
	});
	const end = performance.now();
	return { value, total: end - begin, longest: Math.max(longest, end - at) };
}

const shapes = [
	['100,000 jobs on one worker', threadJobsTrace(100_000)],
	['a job on each of 150,000 workers', threadJobsTrace(150_000, 150_000)]
] as const;

for (const [name, trace] of shapes) {
	const copy = JSON.parse(JSON.stringify(trace)) as unknown;
	const started = performance.now();
	const valid = validateTrace(copy);
	const validateMs = performance.now() - started;
	if (!valid.ok) throw new Error(valid.error);
	const index = await stepped((y) => buildIndexInSlices(trace, y, { sliceMs: 0 }));
	const layout = await stepped((y) =>
		runInSlices(viewSteps(index.value, 'time'), y, { sliceMs: 0 })
	);
	const ms = (value: number): string => `${value.toFixed(0)} ms`;
	console.log(
		`model: ${name}: validate ${ms(validateMs)}; index ${ms(index.total)} (longest step ${ms(index.longest)}); lanes and arrows ${ms(layout.total)} (longest step ${ms(layout.longest)})`
	);
}

describe('hostile shapes', () => {
	bench('buildIndex: 100,000 jobs on one worker', () => {
		buildIndex(shapes[0][1]);
	});
});
