import { describe, expect, it } from 'vitest';
import { getUsersBatchTrace } from '$lib/trace/testing/get-users-batch';
import { buildIndex } from './build-index';
import { storyboard } from './storyboard';

describe('storyboard', () => {
	it('has a frame per step, each the model at that step, with the lines it printed', () => {
		const index = buildIndex(getUsersBatchTrace());
		const { frames, left } = storyboard(index);
		expect(frames).toHaveLength(index.trace.events.length);
		expect(left).toBe(0);
		expect(frames.map((frame) => frame.snapshot.cursor)).toEqual(frames.map((_, i) => i));
		const printed = frames.flatMap((frame) => frame.printed.map((line) => line.text));
		expect(printed).toEqual([
			'Fetching user 1...',
			'Fetching user 2...',
			'Fetching user 3...',
			'Got 3 users'
		]);
		expect(frames.some((frame) => frame.snapshot.timers.length === 3)).toBe(true);
	});

	it('keeps the first steps of a long run and counts the rest', () => {
		const index = buildIndex(getUsersBatchTrace());
		const { frames, left } = storyboard(index, 10);
		expect(frames).toHaveLength(10);
		expect(left).toBe(index.trace.events.length - 10);
	});
});
