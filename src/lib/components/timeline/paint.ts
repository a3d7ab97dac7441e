/**
 * Paints the tracks' part of the timeline's scene (lane grounds, grid lines, blocked-loop
 * stretches, bars) on a canvas, from the same geometry the SVG layers draw (Perfetto-style: thousands of rectangles at 60 fps
 * on the canvas, everything a learner reads in SVG and HTML).
 */
import {
	FALLBACK,
	PALETTE_PROPERTIES,
	inks,
	withAlpha,
	type Inks,
	type Palette
} from '$lib/timeline/palette';
import type { SpanState } from '$lib/timeline/segments';
import type { Band, BarRow } from '$lib/timeline/tracks';

/** Reads the palette from the CSS custom properties in force on `element`. */
export function readPalette(element: Element): Palette {
	const style = getComputedStyle(element);
	const entries = Object.entries(PALETTE_PROPERTIES).map(([key, prop]) => {
		const value = style.getPropertyValue(prop).trim();
		return [key, value || FALLBACK[key as keyof Palette]];
	});
	return Object.fromEntries(entries) as unknown as Palette;
}

/**
 * Reads the palette now and again whenever the colour scheme or the page's theme changes
 * (reading computed styles on every frame would cost a style recalculation). Returns the
 * function that stops watching.
 */
export function watchPalette(element: Element, onchange: (palette: Palette) => void): () => void {
	const reread = () => onchange(readPalette(element));
	reread();
	const media = matchMedia('(prefers-color-scheme: dark)');
	media.addEventListener('change', reread);
	// A theme switch by class, data attribute or inline style on <html> or <body>.
	const observer = new MutationObserver(reread);
	for (const node of [document.documentElement, document.body]) {
		observer.observe(node, { attributes: true, attributeFilter: ['class', 'style', 'data-theme'] });
	}
	return () => {
		media.removeEventListener('change', reread);
		observer.disconnect();
	};
}

/** Size of a pattern tile, in CSS pixels. */
const TILE = 8;

interface Fills extends Inks {
	readonly key: string;
	readonly fill: Record<SpanState, CanvasPattern | string>;
}

let cache: Fills | null = null;

function tile(dpr: number, draw: (ctx: CanvasRenderingContext2D) => void): HTMLCanvasElement {
	const canvas = document.createElement('canvas');
	canvas.width = canvas.height = Math.round(TILE * dpr);
	const ctx = canvas.getContext('2d');
	if (ctx) {
		ctx.scale(dpr, dpr);
		draw(ctx);
	}
	return canvas;
}

function fills(ctx: CanvasRenderingContext2D, p: Palette, dpr: number): Fills {
	const key = `${Object.values(p).join()}@${dpr}`;
	if (cache && cache.key === key) return cache;
	const pattern = (draw: (c: CanvasRenderingContext2D) => void) =>
		ctx.createPattern(tile(dpr, draw), 'repeat') ?? p.fg;
	// Ready: amber diagonal stripes on a pale amber ground.
	const ready = pattern((c) => {
		c.fillStyle = withAlpha(p.ready, 0.3);
		c.fillRect(0, 0, TILE, TILE);
		c.strokeStyle = p.ready;
		c.lineWidth = 2.6;
		c.beginPath();
		for (const o of [-TILE, 0, TILE]) {
			c.moveTo(o, TILE);
			c.lineTo(o + TILE, 0);
		}
		c.stroke();
	});
	// Waiting: a light sky-blue fill with sparse dots (outlined when drawn).
	const waiting = pattern((c) => {
		c.fillStyle = withAlpha(p.waiting, 0.26);
		c.fillRect(0, 0, TILE, TILE);
		c.fillStyle = inks(p).mark.waiting;
		c.beginPath();
		c.arc(TILE / 2, TILE / 2, 1.15, 0, Math.PI * 2);
		c.fill();
	});
	// Blocked: a vermilion cross-hatch.
	const blocked = pattern((c) => {
		c.fillStyle = withAlpha(p.blocked, 0.28);
		c.fillRect(0, 0, TILE, TILE);
		c.strokeStyle = p.blocked;
		c.lineWidth = 1.6;
		c.beginPath();
		c.moveTo(0, 0);
		c.lineTo(TILE, TILE);
		c.moveTo(TILE, 0);
		c.lineTo(0, TILE);
		c.stroke();
	});
	cache = { key, fill: { running: p.running, ready, waiting, blocked }, ...inks(p) };
	return cache;
}

/** What one frame of the canvas shows: the tracks' part of the scene, and the palette. */
export interface PaintInput {
	readonly width: number;
	/** Height of the drawn window. */
	readonly height: number;
	/** The tracks' rows, from the scene. */
	readonly rows: readonly BarRow[];
	/** Pixel x of the grid lines. */
	readonly grid: readonly number[];
	/** Pixel ranges during which the whole loop is blocked. */
	readonly blocked: readonly Band[];
	/** Pixel x of axis value 0, so patterns move with the content while panning. */
	readonly origin: number;
	readonly palette: Palette;
}

/** Paints one frame. Sizes the canvas for the device pixel ratio. */
export function paintTimeline(canvas: HTMLCanvasElement, input: PaintInput): void {
	const ctx = canvas.getContext('2d');
	if (!ctx) return;
	const dpr = window.devicePixelRatio || 1;
	const { width, height, palette: p } = input;
	const w = Math.max(1, Math.round(width * dpr));
	const h = Math.max(1, Math.round(height * dpr));
	if (canvas.width !== w) canvas.width = w;
	if (canvas.height !== h) canvas.height = h;
	ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
	ctx.clearRect(0, 0, width, height);

	// Lane grounds: zebra for tasks, a raised ground for worker threads.
	for (const row of input.rows) {
		if (row.ground === 'plain') continue;
		ctx.fillStyle = row.ground === 'raised' ? p.raised : withAlpha(p.raised, 0.85);
		ctx.fillRect(0, row.top, width, row.height);
	}

	ctx.strokeStyle = p.border;
	ctx.lineWidth = 1;
	ctx.beginPath();
	for (const x of input.grid) {
		const cx = Math.round(x) + 0.5;
		ctx.moveTo(cx, 0);
		ctx.lineTo(cx, height);
	}
	ctx.stroke();

	// The loop is frozen by a blocking call: every lane is stuck, so shade them all.
	for (const { x0, x1 } of input.blocked) {
		const a = Math.max(-2, x0);
		const b = Math.min(width + 2, Math.max(x1, x0 + 2));
		ctx.fillStyle = withAlpha(p.blocked, 0.1);
		ctx.fillRect(a, 0, b - a, height);
	}

	const f = fills(ctx, p, dpr);
	const shift = ((input.origin % TILE) + TILE) % TILE;
	const matrix = new DOMMatrix().translateSelf(shift, 0).scaleSelf(1 / dpr, 1 / dpr);
	for (const fill of Object.values(f.fill)) if (typeof fill !== 'string') fill.setTransform(matrix);

	for (const row of input.rows) {
		const { barTop: y, barHeight, worker, spans } = row;
		for (const s of spans) {
			if (s.narrow) continue;
			const x0 = Math.max(-4, s.x0);
			const x1 = Math.min(width + 4, s.x1);
			if (x1 <= x0) continue;
			ctx.fillStyle = worker ? p.worker : f.fill[s.state];
			ctx.fillRect(x0, y, x1 - x0, barHeight);
			// Merged runs of tiny segments get no edge: the edges would be all one sees.
			if ((s.state !== 'running' || worker) && s.count === 1) {
				ctx.strokeStyle = worker ? f.edge.worker : f.edge[s.state];
				ctx.lineWidth = 1.5;
				ctx.strokeRect(x0 + 0.75, y + 0.75, Math.max(0, x1 - x0 - 1.5), barHeight - 1.5);
			}
		}
		// Steps that take no virtual time: solid marks on top, so a run is never invisible.
		for (const s of spans) {
			if (!s.narrow) continue;
			const mid = (s.x0 + s.x1) / 2;
			const mw = s.state === 'running' ? 3 : 2;
			ctx.fillStyle = f.mark[s.state];
			ctx.fillRect(
				mid - mw / 2,
				y - (s.state === 'running' ? 2 : 0),
				mw,
				barHeight + (s.state === 'running' ? 4 : 0)
			);
		}
	}
}

export { FALLBACK, PALETTE_PROPERTIES, inks, type Inks, type Palette } from '$lib/timeline/palette';
