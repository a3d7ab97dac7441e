import { describe, expect, it } from 'vitest';
import { activeStep, nextStep, previousStep } from './steps';

// Steps at events 3, 7 and 12; the second is missing from this run.
const cursors = [3, null, 7, 12];

describe('lesson steps', () => {
	it('the active step is the last one at or before the cursor', () => {
		expect([0, 3, 5, 7, 11, 12, 40].map((cursor) => activeStep(cursors, cursor))).toEqual([
			-1, 0, 0, 2, 2, 3, 3
		]);
	});

	it('next goes to the first step after the cursor, skipping missing ones', () => {
		expect([0, 3, 5, 7, 12].map((cursor) => nextStep(cursors, cursor))).toEqual([0, 2, 2, 3, null]);
	});

	it('back returns to the step the cursor has moved past, then to the one before', () => {
		expect([0, 3, 5, 7, 8, 12].map((cursor) => previousStep(cursors, cursor))).toEqual([
			null,
			null,
			0,
			0,
			2,
			2
		]);
	});
});
