import { describe, expect, it } from 'vitest';
import { buildIndex } from './build-index';
import { getUsersBatch } from './testing/fixtures';
import { nextEventOfTask, nextIteration, prevEventOfTask, prevIteration } from './navigate';

// Loop iterations of get_users_batch start at events 1, 8, 24, 28, 38 and 42 (of 48).
const index = buildIndex(getUsersBatch());

describe('navigation', () => {
	it('steps to the next loop iteration, or to the end after the last', () => {
		expect(nextIteration(index, 0)).toBe(1);
		expect(nextIteration(index, 1)).toBe(8);
		expect(nextIteration(index, 30)).toBe(38);
		expect(nextIteration(index, 45)).toBe(47);
	});

	it('steps back to the start of this iteration, or of the previous one when already there', () => {
		expect(prevIteration(index, 10)).toBe(8);
		expect(prevIteration(index, 8)).toBe(1);
		expect(prevIteration(index, 1)).toBe(0);
		expect(prevIteration(index, 0)).toBe(0);
		expect(prevIteration(index, 1e6)).toBe(42);
	});

	it("follows one task's events, and stays put when there are no more", () => {
		expect(nextEventOfTask(index, 0, 1)).toBe(4);
		expect(nextEventOfTask(index, 13, 1)).toBe(29);
		expect(prevEventOfTask(index, 29, 1)).toBe(13);
		expect(prevEventOfTask(index, 4, 1)).toBe(4);
		expect(nextEventOfTask(index, 31, 1)).toBe(31);
		expect(nextEventOfTask(index, 5, 99)).toBe(5);
	});
});
