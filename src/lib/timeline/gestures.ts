/**
 * Zoom and pan gestures as state (LayerChart's `states/transform.svelte.ts`): wheel, drag,
 * pinch, keys and buttons all write the one {@link Viewport}; nothing mirrors it. Pixels come
 * in, axis ranges go out, so every gesture can be tested without a browser.
 */
import type { Viewport } from './viewport.svelte';

/** A wheel event's part that gestures read. */
export interface WheelLike {
	readonly deltaX: number;
	readonly deltaY: number;
	/** 0: pixels, 1: lines, 2: pages. */
	readonly deltaMode: number;
	readonly ctrlKey: boolean;
	readonly metaKey: boolean;
	readonly shiftKey: boolean;
}

/** What gestures need from their timeline, as getters. */
export interface GestureHost {
	/** The viewport written to (shared by stacked timelines). */
	viewport(): Viewport;
	/** The plot's width in pixels. */
	width(): number;
	/** Where keys and buttons zoom around, in axis units (the cursor when in sight). */
	anchor(): number;
	/** Do the lanes scroll vertically (then a plain wheel scrolls them)? */
	lanesScroll(): boolean;
	/** Is reduced motion asked for (then nothing animates)? */
	reducedMotion?(): boolean;
}

/** Length of a key or button step's animation, in ms. */
export const STEP_MS = 220;
/** A pointer moving less than this (px) between press and release clicks rather than drags. */
export const CLICK_DISTANCE = 4;

type Range = readonly [number, number];

function easeCubicInOut(t: number): number {
	return ((t *= 2) <= 1 ? t * t * t : (t -= 2) * t * t + 2) / 2;
}

/** Zoom and pan of one timeline's plot. */
export class Gestures {
	#host: GestureHost;
	/** Where an animated step is heading, so a second key press steps from there. */
	#target: Range | null = null;
	#frame = 0;
	/** Pointers down on the plot: where each is now, and the range and place a drag began at. */
	#pointers = new Map<number, number>();
	#drag: { range: Range; px: number; span: number } | null = null;
	#pinch: { range: Range; mid: number; distance: number } | null = null;
	#moved = 0;

	constructor(host: GestureHost) {
		this.#host = host;
	}

	get #vp(): Viewport {
		return this.#host.viewport();
	}

	/** The axis value under pixel `px` of the viewport's range. */
	valueAt(px: number, range: Range = this.#vp.range): number {
		const w = this.#host.width();
		const [from, to] = range;
		return from + (to - from) * (w > 0 ? px / w : 0.5);
	}

	/**
	 * A wheel over the plot at pixel `px`: Ctrl/⌘ (a trackpad's pinch) zooms finely, a
	 * sideways or Shift wheel pans, a plain wheel zooms unless the lanes scroll. Returns
	 * whether it was taken (the caller then prevents the page's own scroll).
	 */
	wheel(event: WheelLike, px: number): boolean {
		const w = this.#host.width();
		const unit = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? w : 1;
		const dx = event.deltaX * unit;
		const dy = event.deltaY * unit;
		this.#stop();
		if (event.ctrlKey || event.metaKey) {
			this.#vp.zoom(2 ** (-dy * 0.01), this.valueAt(px));
		} else if (event.shiftKey || Math.abs(dx) > Math.abs(dy)) {
			this.#vp.pan((dx || dy) / Math.max(1, w));
		} else if (this.#host.lanesScroll()) {
			return false;
		} else {
			this.#vp.zoom(2 ** (-dy * 0.002), this.valueAt(px));
		}
		return true;
	}

	/** A primary button, pen or finger went down at pixel `px` (Ctrl + click is not a drag). */
	pointerDown(id: number, px: number): void {
		this.#stop();
		this.#pointers.set(id, px);
		if (this.#pointers.size === 1) this.#moved = 0;
		this.#begin();
	}

	/** A pointer that is down moved to `px`; returns whether it moves the view. */
	pointerMove(id: number, px: number): boolean {
		if (!this.#pointers.has(id)) return false;
		const before = this.#pointers.get(id) ?? px;
		this.#pointers.set(id, px);
		this.#moved = Math.max(this.#moved, Math.abs(px - (this.#drag?.px ?? before)));
		if (this.#pinch) {
			const [a, b] = [...this.#pointers.values()];
			const distance = Math.max(1, Math.abs(a - b));
			const { range, mid, distance: d0 } = this.#pinch;
			// The axis value first under the fingers' middle stays under their middle.
			const span = ((range[1] - range[0]) * d0) / distance;
			const at = this.valueAt(mid, range);
			const w = Math.max(1, this.#host.width());
			const from = at - ((a + b) / 2 / w) * span;
			this.#vp.show(from, from + span);
			return true;
		}
		if (!this.#drag || this.#moved < CLICK_DISTANCE) return false;
		const { range, px: px0, span } = this.#drag;
		const shift = ((px0 - px) / Math.max(1, this.#host.width())) * span;
		this.#vp.show(range[0] + shift, range[1] + shift);
		return true;
	}

	/** A pointer went up or was cancelled; returns whether it dragged (its click is not a seek). */
	pointerUp(id: number): boolean {
		if (!this.#pointers.delete(id)) return false;
		this.#begin();
		return this.#moved >= CLICK_DISTANCE;
	}

	/** Is a drag or pinch under way? */
	get dragging(): boolean {
		return this.#pointers.size > 0 && this.#moved >= CLICK_DISTANCE;
	}

	/** Zooms by `factor` (> 1: in) around the anchor, animated. */
	zoomBy(factor: number): void {
		const [from, to] = this.#from();
		const span = to - from;
		const next = span / factor;
		const around = this.#host.anchor();
		const at = span > 0 ? (around - from) / span : 0.5;
		const start = around - at * next;
		this.#go([start, start + next]);
	}

	/** Pans by `fraction` of the stretch in sight (positive: later), animated. */
	panBy(fraction: number): void {
		const [from, to] = this.#from();
		const shift = fraction * (to - from);
		this.#go([from + shift, to + shift]);
	}

	/** Shows the whole run, animated. */
	fit(): void {
		this.#go(this.#vp.domain);
	}

	/**
	 * Keeps axis value `at` (the cursor, as it moves) in sight with a margin of up to 80 px,
	 * without undoing a pan that still shows it.
	 */
	follow(at: number): void {
		const w = this.#host.width();
		const vp = this.#vp;
		if (w <= 0 || !vp.zoomed || this.#target) return;
		const [from, to] = vp.range;
		vp.reveal(at, (Math.min(80, w * 0.1) * (to - from)) / w);
	}

	/** Stops an animation under way (the component going away). */
	destroy(): void {
		this.#stop();
		this.#pointers.clear();
	}

	#begin(): void {
		const points = [...this.#pointers.values()];
		const range = this.#vp.range;
		this.#drag = points.length === 1 ? { range, px: points[0], span: range[1] - range[0] } : null;
		this.#pinch =
			points.length === 2
				? {
						range,
						mid: (points[0] + points[1]) / 2,
						distance: Math.max(1, Math.abs(points[0] - points[1]))
					}
				: null;
		if (this.#pinch) this.#moved = CLICK_DISTANCE;
	}

	/** Where a step starts: the end of the animation under way, else what is shown. */
	#from(): Range {
		return this.#target ?? this.#vp.range;
	}

	#go(to: Range): void {
		const vp = this.#vp;
		const target = vp.clamp(to[0], to[1]);
		const start = vp.range;
		this.#stop();
		const instant =
			this.#host.reducedMotion?.() || typeof requestAnimationFrame !== 'function' || STEP_MS <= 0;
		if (instant) {
			vp.show(target[0], target[1]);
			return;
		}
		this.#target = target;
		const began = performance.now();
		// The span moves geometrically and the middle linearly, so a zoom feels even.
		const s0 = Math.max(start[1] - start[0], Number.MIN_VALUE);
		const s1 = Math.max(target[1] - target[0], Number.MIN_VALUE);
		const c0 = (start[0] + start[1]) / 2;
		const c1 = (target[0] + target[1]) / 2;
		const tick = (now: number) => {
			const t = Math.min(1, (now - began) / STEP_MS);
			if (t >= 1) {
				this.#frame = 0;
				this.#target = null;
				vp.show(target[0], target[1]);
				return;
			}
			const e = easeCubicInOut(t);
			const span = s0 * (s1 / s0) ** e;
			const mid = c0 + (c1 - c0) * e;
			vp.show(mid - span / 2, mid + span / 2);
			this.#frame = requestAnimationFrame(tick);
		};
		this.#frame = requestAnimationFrame(tick);
	}

	#stop(): void {
		if (this.#frame) cancelAnimationFrame(this.#frame);
		this.#frame = 0;
		this.#target = null;
	}
}
