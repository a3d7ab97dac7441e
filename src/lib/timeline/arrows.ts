/**
 * Geometry of the arrows between lanes: a parent to the task it creates, a finished child to
 * the task that collects it. Pure: lanes are given by index, positions in pixels.
 */

/** The part of the model's Arrow these helpers read. */
export interface ArrowLike {
	readonly fromTask: number;
	readonly toTask: number;
	readonly x1: number;
	readonly x2: number;
}

/** An arrow laid out in pixels, relative to the top of lane `top`. */
export interface ArrowPath {
	/** SVG path data. */
	readonly d: string;
	/** Where the head is. */
	readonly headX: number;
	readonly headY: number;
}

function r(n: number): string {
	return (Math.round(n * 10) / 10).toString();
}

/**
 * A path from the bar edge of lane `fromLane` at `x1` to the bar edge of lane `toLane` at `x2`,
 * facing each other, with y measured from the top of lane `top`. A gentle S-curve when the
 * ends are apart horizontally, a straight drop when they are not.
 */
export function arrowPath(
	fromLane: number,
	toLane: number,
	x1: number,
	x2: number,
	laneHeight: number,
	barHeight: number,
	top = 0
): ArrowPath {
	const down = toLane >= fromLane;
	const half = barHeight / 2;
	const mid = (lane: number) => (lane - top) * laneHeight + laneHeight / 2;
	const y1 = mid(fromLane) + (down ? half : -half);
	const y2 = mid(toLane) + (down ? -half : half);
	if (Math.abs(x2 - x1) < 1) {
		return { d: `M${r(x1)},${r(y1)}V${r(y2)}`, headX: x2, headY: y2 };
	}
	const ym = (y1 + y2) / 2;
	return {
		d: `M${r(x1)},${r(y1)}C${r(x1)},${r(ym)} ${r(x2)},${r(ym)} ${r(x2)},${r(y2)}`,
		headX: x2,
		headY: y2
	};
}

/**
 * Whether an arrow touches the lanes `[first, last)` and the pixel range `[0, width]`
 * (given its ends in pixels), so off-screen arrows are not drawn.
 */
export function arrowInView(
	fromLane: number,
	toLane: number,
	px1: number,
	px2: number,
	first: number,
	last: number,
	width: number
): boolean {
	const lo = Math.min(fromLane, toLane);
	const hi = Math.max(fromLane, toLane);
	if (hi < first || lo >= last) return false;
	return Math.max(px1, px2) >= 0 && Math.min(px1, px2) <= width;
}

// Per arrow list (made once per run and axis, never changed): each task's arrows.
const byTask = new WeakMap<object, ReadonlyMap<number, readonly number[]>>();

/**
 * Where in `arrows` the arrows from or to any of `tasks` are, in list order: what the timeline
 * draws of a big run (only the selected or hovered task's arrows) without walking every arrow.
 */
export function arrowsTouching(arrows: readonly ArrowLike[], tasks: readonly number[]): number[] {
	if (tasks.length === 0) return [];
	let map = byTask.get(arrows);
	if (!map) {
		const made = new Map<number, number[]>();
		const add = (task: number, n: number) => {
			const list = made.get(task);
			if (!list) made.set(task, [n]);
			else if (list[list.length - 1] !== n) list.push(n);
		};
		arrows.forEach((arrow, n) => {
			add(arrow.fromTask, n);
			add(arrow.toTask, n);
		});
		byTask.set(arrows, (map = made));
	}
	const found = new Set<number>();
	for (const task of tasks) for (const n of map.get(task) ?? []) found.add(n);
	return [...found].sort((a, b) => a - b);
}
