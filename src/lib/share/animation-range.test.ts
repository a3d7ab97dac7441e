import { describe, expect, it } from 'vitest';
import {
	MAX_ANIMATION_FRAMES,
	animationFilename,
	clampDelay,
	clampRange,
	defaultRange,
	frameCursors,
	frameDelays
} from './animation-range';

describe('defaultRange', () => {
	it('is the whole run, up to the most frames an animation holds', () => {
		expect(defaultRange(51)).toEqual({ from: 1, to: 51 });
		expect(defaultRange(5000)).toEqual({ from: 1, to: MAX_ANIMATION_FRAMES });
		expect(defaultRange(0)).toEqual({ from: 1, to: 1 });
	});
});

describe('clampRange', () => {
	it('keeps a valid range as it is', () => {
		expect(clampRange(3, 9, 51)).toEqual({ from: 3, to: 9 });
		expect(clampRange(7, 7, 51)).toEqual({ from: 7, to: 7 });
	});

	it('keeps both ends inside the run, whole', () => {
		expect(clampRange(0, 99, 51)).toEqual({ from: 1, to: 51 });
		expect(clampRange(-4, 2.6, 51)).toEqual({ from: 1, to: 3 });
		expect(clampRange(80, 90, 51)).toEqual({ from: 51, to: 51 });
	});

	it('never ends before it starts', () => {
		expect(clampRange(10, 4, 51)).toEqual({ from: 10, to: 10 });
	});

	it('falls back to the run’s edges for what is not a number', () => {
		expect(clampRange(Number.NaN, Number.NaN, 51)).toEqual({ from: 1, to: 51 });
	});

	it('cuts a range too long at its end, keeping the start the learner chose', () => {
		expect(clampRange(100, 1000, 1000)).toEqual({ from: 100, to: 100 + MAX_ANIMATION_FRAMES - 1 });
	});
});

describe('clampDelay', () => {
	it('keeps whole milliseconds within bounds', () => {
		expect(clampDelay(500)).toBe(500);
		expect(clampDelay(249.6)).toBe(250);
		expect(clampDelay(1)).toBe(20);
		expect(clampDelay(1e9)).toBe(60_000);
		expect(clampDelay(Number.NaN)).toBe(500);
	});
});

describe('frames', () => {
	it('are one per step, as 0-based cursors', () => {
		expect(frameCursors({ from: 1, to: 5 })).toEqual([0, 1, 2, 3, 4]);
		expect(frameCursors({ from: 12, to: 12 })).toEqual([11]);
	});

	it('each last the delay, the last one at least 2 s', () => {
		expect(frameDelays(4, 500)).toEqual([500, 500, 500, 2000]);
		expect(frameDelays(2, 3000)).toEqual([3000, 3000]);
		expect(frameDelays(1, 100)).toEqual([2000]);
	});
});

describe('animationFilename', () => {
	it('names the file after the program and the steps', () => {
		expect(animationFilename('get_users_batch.py', { from: 1, to: 5 }, 'gif')).toBe(
			'get_users_batch-steps-1-5.gif'
		);
		expect(animationFilename('../x<y>.py', { from: 2, to: 9 }, 'webm')).toBe('x_y-steps-2-9.webm');
		expect(animationFilename(undefined, { from: 1, to: 1 }, 'gif')).toBe('loopscope-steps-1-1.gif');
	});
});
