/**
 * The timeline's viewport: which stretch of the run is in sight (zoom and pan), kept apart from
 * any one `Timeline` so that two timelines can share it (compare mode: two runs, one time axis).
 * It holds the range in axis units, not pixels, so timelines of different widths that share it
 * show the same stretch, and a resize keeps what was in sight.
 */
import { axisEnd, seqAt, xOf, type Axis, type TraceIndex } from '$lib/model';
import { axisDomain } from './scale';

/** What a viewport shows: read through getters, so it follows its owner's state. */
export interface ViewportSource {
	/** The axis in use. */
	readonly axis: Axis;
	/** Where the run (or the longest of the runs) ends on that axis. */
	readonly end: number;
	/** What is shown; when it changes (a new run), the viewport shows the whole run again. */
	readonly key: unknown;
	/** The same stretch on another axis (an axis switch), or null to show the whole run. */
	convert(range: readonly [number, number], from: Axis, to: Axis): [number, number] | null;
}

/** The source for one run: its index and the axis, as getters. */
export function runSource(index: () => TraceIndex, axis: () => Axis): ViewportSource {
	return {
		get axis() {
			return axis();
		},
		get end() {
			return axisEnd(index(), axis());
		},
		get key() {
			return index();
		},
		convert([from, to], fromAxis, toAxis) {
			const idx = index();
			return [
				xOf(idx, toAxis, seqAt(idx, fromAxis, from)),
				xOf(idx, toAxis, Math.min(idx.length, seqAt(idx, fromAxis, to) + 1))
			];
		}
	};
}

// A little room either side, so marks at t = 0 and at the end are not on the border.
const PAD = 0.012;
// A view this close to the whole run is the whole run.
const FIT_SLACK = 1e-4;

/** Zoom and pan state of one or more timelines. */
export class Viewport {
	#source: ViewportSource;
	#shown: { key: unknown; axis: Axis; from: number; to: number } | null = $state.raw(null);

	/** The axis values from the plot's left edge to its right edge at full view. */
	readonly domain: readonly [number, number];
	/** The narrowest stretch one can zoom to: a microsecond, or half a loop iteration. */
	readonly minSpan: number;
	/** The stretch in sight, `[from, to]` in axis units. */
	readonly range: readonly [number, number];

	constructor(source: ViewportSource) {
		this.#source = source;
		this.domain = $derived(axisDomain(source.end, PAD));
		this.minSpan = $derived(source.axis === 'time' ? 1e-6 : 0.5);
		this.range = $derived.by(() => {
			const shown = this.#shown;
			if (!shown || shown.key !== source.key) return this.domain;
			let range: readonly [number, number] | null = [shown.from, shown.to];
			if (shown.axis !== source.axis) range = source.convert(range, shown.axis, source.axis);
			return range ? this.clamp(range[0], range[1]) : this.domain;
		});
	}

	/** Is less than the whole run in sight? */
	get zoomed(): boolean {
		return this.#span(this.range) < this.#span(this.domain) * (1 - FIT_SLACK);
	}

	/** Is it zoomed in as far as it goes? */
	get atMostZoom(): boolean {
		return this.#span(this.range) <= this.minSpan * (1 + 1e-6);
	}

	/** Shows `[from, to]`, kept inside the run and no narrower than {@link minSpan}. */
	show(from: number, to: number): void {
		const [lo, hi] = this.clamp(from, to);
		const whole = hi - lo >= this.#span(this.domain) * (1 - FIT_SLACK);
		this.#shown = whole
			? null
			: { key: this.#source.key, axis: this.#source.axis, from: lo, to: hi };
	}

	/** Shows the whole run. */
	fit(): void {
		this.show(this.domain[0], this.domain[1]);
	}

	/** Zooms by `factor` (> 1: in), keeping `around` where it is on screen. */
	zoom(factor: number, around: number): void {
		const [from, to] = this.range;
		const span = to - from;
		const next = span / factor;
		const at = span > 0 ? (around - from) / span : 0.5;
		const start = around - at * next;
		this.show(start, start + next);
	}

	/** Pans by `fraction` of the stretch in sight (positive: later). */
	pan(fraction: number): void {
		const [from, to] = this.range;
		const shift = fraction * (to - from);
		this.show(from + shift, to + shift);
	}

	/** Brings `value` into sight with `margin` (axis units) to spare; no move if it is in sight. */
	reveal(value: number, margin: number): void {
		const [from, to] = this.range;
		const span = to - from;
		const m = Math.min(Math.max(0, margin), span / 2);
		if (value < from + m) this.show(value - m, value - m + span);
		else if (value > to - m) this.show(value + m - span, value + m);
	}

	#span(range: readonly [number, number]): number {
		return range[1] - range[0];
	}

	/** `[from, to]` as {@link show} would show it: inside the run, no narrower than minSpan. */
	clamp(from: number, to: number): [number, number] {
		const [d0, d1] = this.domain;
		const span = Math.min(Math.max(Math.abs(to - from), this.minSpan), d1 - d0);
		const start = Math.min(Math.max(Math.min(from, to), d0), d1 - span);
		return [start, start + span];
	}
}
