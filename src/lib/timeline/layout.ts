/**
 * The lanes' column: bringing a lane into sight, the label column's width, and lookups kept
 * per lane list. Stacking and windowing the rows is the tracks' layout (`tracks/layout.ts`).
 */

/**
 * The scrollTop that brings lane `index` fully into sight, or null if it already is.
 * `padding` keeps a lane's worth of context above or below it.
 */
export function scrollToReveal(
	index: number,
	scrollTop: number,
	viewportHeight: number,
	laneHeight: number,
	padding = laneHeight
): number | null {
	const top = index * laneHeight;
	const bottom = top + laneHeight;
	if (top >= scrollTop && bottom <= scrollTop + viewportHeight) return null;
	if (top < scrollTop) return Math.max(0, top - padding);
	return Math.max(0, bottom + padding - viewportHeight);
}

/**
 * Width of the label column: long enough for the longest label in a monospace font of
 * `charWidth` pixels per character, within `[min, max]` (longer labels are ellipsised).
 */
export function labelColumnWidth(
	labels: Iterable<string>,
	charWidth: number,
	min: number,
	max: number,
	padding = 40
): number {
	let longest = 0;
	for (const label of labels) longest = Math.max(longest, [...label].length);
	return Math.round(Math.min(max, Math.max(min, longest * charWidth + padding)));
}

// Both answers below walk every lane; lane lists are made once per run and axis and never
// change, so they are kept per list (a run of 100,000 tasks would pay on every redraw).
const laneIndexes = new WeakMap<object, ReadonlyMap<number, number>>();
const longestLabels = new WeakMap<object, string>();

/** Where each task's lane is in the lane list (worker lanes have no task). */
export function laneIndexByTask(
	lanes: readonly { readonly kind: 'task' | 'worker'; readonly id: number }[]
): ReadonlyMap<number, number> {
	let map = laneIndexes.get(lanes);
	if (!map) {
		const made = new Map<number, number>();
		lanes.forEach((lane, i) => {
			if (lane.kind === 'task') made.set(lane.id, i);
		});
		laneIndexes.set(lanes, (map = made));
	}
	return map;
}

/** The longest of the lanes' labels, in characters (what {@link labelColumnWidth} sizes for). */
export function longestLabel(lanes: readonly { readonly label: string }[]): string {
	let longest = longestLabels.get(lanes);
	if (longest === undefined) {
		longest = '';
		let length = 0;
		for (const lane of lanes) {
			// Code units first: a label can be longer in characters only if it is in code units.
			if (lane.label.length <= length) continue;
			const characters = [...lane.label].length;
			if (characters > length) [longest, length] = [lane.label, characters];
		}
		longestLabels.set(lanes, longest);
	}
	return longest;
}
