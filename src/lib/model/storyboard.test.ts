import { describe, expect, it } from 'vitest';
import { getUsersBatchTrace } from '$lib/trace/testing/get-users-batch';
import { buildIndex } from './build-index';
import { codeExcerpt, keySteps, storyboard } from './storyboard';
import type { TraceEvent } from '$lib/trace/schema';

/** The lines get_users_batch prints, in order. */
const BATCH_PRINTS = [
	'Fetching user 1...',
	'Fetching user 2...',
	'Fetching user 3...',
	'Got 3 users'
];

/** Every line the frames say was printed, in order. */
const printedIn = (frames: ReturnType<typeof storyboard>['frames']): string[] =>
	frames.flatMap((frame) => frame.printed.map((line) => line.text));

describe('storyboard', () => {
	it('has a frame per step, each the model at that step, with the lines it printed', () => {
		const index = buildIndex(getUsersBatchTrace());
		const { frames, left } = storyboard(index);
		expect(frames).toHaveLength(index.trace.events.length);
		expect(left).toBe(0);
		expect(frames.map((frame) => frame.snapshot.cursor)).toEqual(frames.map((_, i) => i));
		expect(printedIn(frames)).toEqual(BATCH_PRINTS);
		expect(frames.some((frame) => frame.snapshot.timers.length === 3)).toBe(true);
	});

	it('keeps the first steps of a long run and counts the rest', () => {
		const index = buildIndex(getUsersBatchTrace());
		const { frames, left } = storyboard(index, 10);
		expect(frames).toHaveLength(10);
		expect(left).toBe(index.trace.events.length - 10);
	});
});

describe('keySteps', () => {
	it('stops where a task starts and suspends, ends, prints, and at the outcome', () => {
		const trace = getUsersBatchTrace();
		// main suspends on the gather; each fetch_user prints and sleeps; each ends; main prints
		// and ends; the run's last event.
		const keys = keySteps(trace);
		const kinds = keys.map((seq) => trace.events[seq].kind);
		expect(kinds.filter((kind) => kind === 'suspend')).toHaveLength(4);
		expect(kinds.filter((kind) => kind === 'task_done')).toHaveLength(4);
		expect(keys.at(-1)).toBe(trace.events.length - 1);
		expect(keys).toHaveLength(9);
		expect([...keys].sort((a, b) => a - b)).toEqual(keys);
	});

	it('shows the first round of a loop that waits on the same thing, and a round that prints', () => {
		const events = [
			{ seq: 0, t: 0, kind: 'step_start', task: 0, first: true, line: 1, cause: { kind: 'start' } },
			{ seq: 1, t: 0, kind: 'suspend', task: 0, line: 2, awaits: sleep, chain: [] },
			{
				seq: 2,
				t: 1,
				kind: 'step_start',
				task: 0,
				first: false,
				line: 2,
				cause: { kind: 'yield' }
			},
			{ seq: 3, t: 1, kind: 'suspend', task: 0, line: 2, awaits: sleep, chain: [] },
			{
				seq: 4,
				t: 2,
				kind: 'step_start',
				task: 0,
				first: false,
				line: 2,
				cause: { kind: 'yield' }
			},
			{ seq: 5, t: 2, kind: 'stdout', task: 0, text: 'tick\n' },
			{ seq: 6, t: 2, kind: 'suspend', task: 0, line: 2, awaits: sleep, chain: [] },
			{
				seq: 7,
				t: 3,
				kind: 'step_start',
				task: 0,
				first: false,
				line: 2,
				cause: { kind: 'yield' }
			},
			{ seq: 8, t: 3, kind: 'suspend', task: 0, line: 3, awaits: other, chain: [] },
			{ seq: 9, t: 3, kind: 'loop_iteration', iteration: 1, ready: [], timers: [] }
		] as TraceEvent[];
		// Its first wait; the first round after it (a new wait); the round that prints; the new wait.
		expect(keySteps({ events })).toEqual([1, 3, 6, 8, 9]);
	});
});

const sleep = { kind: 'sleep', label: 'asyncio.sleep(1)', until: 1 } as const;
const other = { kind: 'event', label: 'event.wait()' } as const;

describe('storyboard of key steps', () => {
	it('has a frame per key step, with what was printed since the frame before and the marks', () => {
		const index = buildIndex(getUsersBatchTrace());
		const { frames, left } = storyboard(index, 200, 'key');
		expect(left).toBe(0);
		expect(frames.map((frame) => frame.snapshot.cursor)).toEqual(keySteps(index.trace));
		expect(printedIn(frames)).toEqual(BATCH_PRINTS);
		// After the third fetch_user sleeps, the three of them are paused on one line, named.
		const third = frames[3];
		expect(third.marks.paused.map((mark) => mark.names.length).sort()).toEqual([1, 3]);
		expect(third.marks.paused.find((mark) => mark.names.length === 3)?.names).toEqual([
			'Task-2',
			'Task-3',
			'Task-4'
		]);
	});
});

describe('codeExcerpt', () => {
	const code = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`);

	it('keeps each marked line with its neighbours, stretches that touch merged', () => {
		const marks = {
			current: 12,
			paused: [
				{ line: 5, names: ['Task-2', 'Task-3'] },
				{ line: 6, names: ['Task-1'] },
				{ line: 40, names: ['Task-9'] }
			],
			error: null
		};
		const parts = codeExcerpt(marks, code);
		expect(parts.map((part) => part.lines.map((line) => line.number))).toEqual([
			[4, 5, 6, 7],
			[11, 12, 13]
		]);
		expect(parts[0].lines[1]).toEqual({
			number: 5,
			text: 'line 5',
			mark: 'paused',
			paused: ['Task-2', 'Task-3'],
			running: false,
			error: false
		});
		expect(parts[1].lines.map((line) => line.mark)).toEqual([null, 'current', null]);
	});

	it('marks the error over the running line, and gives nothing without marks', () => {
		const [part] = codeExcerpt({ current: 1, paused: [], error: 1 }, code);
		expect(part.lines[0]).toMatchObject({ mark: 'error', running: true, error: true });
		expect(part.lines.map((line) => line.number)).toEqual([1, 2]);
		expect(codeExcerpt({ current: null, paused: [], error: null }, code)).toEqual([]);
	});
});
