import { expect, type Locator } from '@playwright/test';

/** How strictly "not covered" is checked. */
export interface ShownOptions {
	/** Also near the corners, not only at the centre (a token mid-glide may touch a neighbour). */
	corners?: boolean;
}

/**
 * Why `locator`'s element is not wholly shown, or null when it is: its box must lie inside the
 * window and inside every ancestor that clips (a scrolling panel), and the topmost element at its
 * centre (and, with `corners`, near its corners) must be itself or inside it.
 */
export async function hiddenPart(
	locator: Locator,
	{ corners = true }: ShownOptions = {}
): Promise<string | null> {
	return locator.evaluate((element, corners) => {
		const box = element.getBoundingClientRect();
		const name = `${element.tagName.toLowerCase()} “${(element.textContent ?? '').trim().slice(0, 40)}”`;
		if (box.width === 0 || box.height === 0) return `${name} has no size`;
		const slack = 0.5;
		const inside = (outer: { left: number; top: number; right: number; bottom: number }) =>
			box.left >= outer.left - slack &&
			box.top >= outer.top - slack &&
			box.right <= outer.right + slack &&
			box.bottom <= outer.bottom + slack;
		if (!inside({ left: 0, top: 0, right: innerWidth, bottom: innerHeight }))
			return `${name} is outside the window: ${JSON.stringify(box)}`;
		for (let up = element.parentElement; up && up !== document.body; up = up.parentElement) {
			const style = getComputedStyle(up);
			if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
			const clip = up.getBoundingClientRect();
			// The scrolling area is the padding box: the borders are not part of it.
			const area = {
				left: clip.left + up.clientLeft,
				top: clip.top + up.clientTop,
				right: clip.left + up.clientLeft + up.clientWidth,
				bottom: clip.top + up.clientTop + up.clientHeight
			};
			if (!inside(area)) return `${name} is cut off by ${up.tagName.toLowerCase()}.${up.className}`;
		}
		const inset = Math.min(3, box.width / 4, box.height / 4);
		const centre = [box.left + box.width / 2, box.top + box.height / 2];
		const points = corners
			? [
					centre,
					[box.left + inset, box.top + inset],
					[box.right - inset, box.top + inset],
					[box.left + inset, box.bottom - inset],
					[box.right - inset, box.bottom - inset]
				]
			: [centre];
		for (const [x, y] of points) {
			const top = document.elementFromPoint(x, y);
			if (!top || !(element.contains(top) || top.contains(element)))
				return `${name} is covered at (${Math.round(x)}, ${Math.round(y)}) by ${top?.tagName.toLowerCase()}.${top?.className}`;
		}
		return null;
	}, corners);
}

/** Every element `locator` matches is wholly shown (see hiddenPart). */
export async function expectAllShown(
	locator: Locator,
	what: string,
	options: ShownOptions = {}
): Promise<void> {
	for (const one of await locator.all()) expect(await hiddenPart(one, options), what).toBeNull();
}
