/**
 * Moving through a lesson's steps. A step is an event (its cursor), or null when the run on
 * screen does not have that moment. These are pure functions of the steps' cursors and the
 * player's cursor, so the step shown always agrees with the player, however the cursor moved.
 */

/** The step the cursor is at or past: the last one at or before it; -1 before the first. */
export function activeStep(cursors: readonly (number | null)[], cursor: number): number {
	let active = -1;
	cursors.forEach((at, step) => {
		if (at !== null && at <= cursor) active = step;
	});
	return active;
}

/** The next step after the cursor's (its index), or null at the last. */
export function nextStep(cursors: readonly (number | null)[], cursor: number): number | null {
	const step = cursors.findIndex((at) => at !== null && at > cursor);
	return step < 0 ? null : step;
}

/**
 * The step to go back to: the cursor's own when the cursor has moved past its moment, else the
 * one before it; null before the first.
 */
export function previousStep(cursors: readonly (number | null)[], cursor: number): number | null {
	for (let step = cursors.length - 1; step >= 0; step--) {
		const at = cursors[step];
		if (at !== null && at < cursor) return step;
	}
	return null;
}
