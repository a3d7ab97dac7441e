/**
 * Vertical layout of the lanes: fixed-height rows in a scrolling body, of which only the rows
 * in sight (plus a margin) are drawn, so 1,000 lanes cost what 30 do.
 */

/** A half-open range of lane indices `[first, last)`. */
export interface LaneWindow {
	readonly first: number;
	readonly last: number;
}

/**
 * The lanes to draw for a scroll position: those in sight plus `overscan` lanes on each side,
 * aligned to multiples of `overscan` so small scrolls do not re-render anything.
 */
export function laneWindow(
	scrollTop: number,
	viewportHeight: number,
	laneHeight: number,
	count: number,
	overscan = 8
): LaneWindow {
	if (count <= 0 || laneHeight <= 0) return { first: 0, last: 0 };
	const step = Math.max(1, overscan);
	const top = Math.max(0, Math.floor(scrollTop / laneHeight));
	const bottom = Math.ceil((Math.max(0, scrollTop) + Math.max(0, viewportHeight)) / laneHeight);
	const first = Math.max(0, Math.floor(top / step) * step - step);
	const last = Math.min(count, Math.ceil(bottom / step) * step + step);
	return { first: Math.min(first, last), last };
}

/** The lane under a y offset within the lane body, or -1 outside every lane. */
export function laneAtY(y: number, laneHeight: number, count: number): number {
	if (!(y >= 0)) return -1;
	const i = Math.floor(y / laneHeight);
	return i < count ? i : -1;
}

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
