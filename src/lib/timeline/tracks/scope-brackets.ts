/**
 * The scope brackets (issue #20): each TaskGroup, timeout and shield drawn from the moment it
 * is entered to the moment it is left, as a bracket over the lanes it covers (the owner's, and
 * a TaskGroup's children as they are made), a nested scope inset inside the one around it. A
 * timeout marks its deadline on the time axis (a rescheduled one, faded, where it was). Like the
 * arrows, an overlay over the stacked task tracks: pure shapes that the plot's SVG and the SVG
 * export draw alike, and a hit-test for the tooltip.
 */
import type { ScaleLinear } from 'd3';
import { xOf, type Axis, type TraceIndex } from '$lib/model';
import { scopeFacts, xAtTime, type Scope } from '$lib/model/scopes';
import type { ScopeKind } from '$lib/trace/schema';
import type { TimelineMetrics } from '../metrics';
import { luminance } from '../contrast';
import type { Palette } from '../palette';
import { placeTags, type TextBox } from './scope-tags';

/** A deadline mark of a timeout bracket. */
export interface DeadlineMark {
	readonly x: number;
	/** The deadline in force (false: one a reschedule replaced). */
	readonly current: boolean;
	readonly at: number;
}

/** One bracket, in pixels from the top of the drawn window. */
export interface ScopeShape {
	readonly key: string;
	readonly scope: number;
	readonly kind: ScopeKind;
	readonly x0: number;
	readonly x1: number;
	readonly y0: number;
	readonly y1: number;
	/** Still open where the drawing ends (no closing edge). */
	readonly open: boolean;
	/** SVG path data of the bracket: the two edges and the line across the top. */
	readonly d: string;
	/**
	 * The tag on its top line (`TaskGroup · line 24`, or `TaskGroup` where only that fits), or ''
	 * where neither fits clear of the text around it.
	 */
	readonly tag: string;
	readonly tagX: number;
	readonly tagY: number;
	readonly deadlines: readonly DeadlineMark[];
	readonly depth: number;
}

/** What the brackets are drawn over. */
export interface ScopeInput {
	readonly index: TraceIndex;
	readonly axis: Axis;
	/** Lane index of each task. */
	readonly laneOfTask: ReadonlyMap<number, number>;
	/** The lanes drawn, `[first, last)`. */
	readonly first: number;
	readonly last: number;
	readonly scale: ScaleLinear<number, number>;
	readonly width: number;
	readonly metrics: TimelineMetrics;
	/** Draw only what happened up to this event (predict mode); null: the whole run. */
	readonly revealUntil?: number | null;
}

// Width (px) of a bracket's arms, and how far each level of nesting is inset.
const ARM = 6;
const INSET = 4;
const NEST_X = 5;

/** The short name on a bracket's tag. */
export function scopeTag(scope: Scope): string {
	const what =
		scope.kind === 'taskgroup'
			? 'TaskGroup'
			: scope.kind === 'shield'
				? 'shield'
				: scope.label.replace(/^asyncio\./, '');
	return scope.line !== null ? `${what} · line ${scope.line}` : what;
}

/**
 * The brackets in sight, outermost first (inner ones are drawn on top), their tags placed clear
 * of the text `around` them (the lanes' labels and marks, the cancellations': see scope-tags.ts)
 * and of each other.
 */
export function scopeShapes(input: ScopeInput, around: readonly TextBox[] = []): ScopeShape[] {
	const { index, axis, laneOfTask, first, last, scale, width, metrics: m } = input;
	const cut = input.revealUntil ?? null;
	const lh = m.laneHeight;
	const out: ScopeShape[] = [];
	for (const scope of scopeFacts(index).scopes) {
		if (cut !== null && scope.enterSeq > cut) continue;
		let lo = Infinity;
		let hi = -Infinity;
		for (const c of scope.covers) {
			if (cut !== null && c.seq > cut) continue;
			const lane = laneOfTask.get(c.task);
			if (lane === undefined) continue;
			lo = Math.min(lo, lane);
			hi = Math.max(hi, lane);
		}
		if (lo > hi || hi < first || lo >= last) continue;
		const closed = scope.exitSeq !== null && (cut === null || scope.exitSeq <= cut);
		const endSeq = closed ? (scope.exitSeq ?? index.length) : (cut ?? index.length);
		// A nested scope is inset a little in x too, so that brackets entered or left at one
		// moment (a TaskGroup in a task it starts at once) still read as one inside the other.
		const shift = NEST_X * scope.depth;
		const x0 = scale(xOf(index, axis, scope.enterSeq)) + shift;
		// A scope entered and left at one moment still gets a bracket one can see and point at.
		const x1 = Math.max(scale(xOf(index, axis, endSeq)) - shift, x0 + 2 * ARM);
		if (x1 < -ARM || x0 > width + ARM) continue;
		const inset = 2 + INSET * scope.depth;
		const y0 = (lo - first) * lh + inset;
		const y1 = (hi - first + 1) * lh - inset;
		const left = `M${x0 + ARM},${y0}H${x0}V${y1}H${x0 + ARM}`;
		const close = closed ? `M${x1 - ARM},${y0}H${x1}V${y1}H${x1 - ARM}` : '';
		const top = `M${x0 + ARM},${y0}H${closed ? x1 - ARM : Math.min(x1, width)}`;
		const deadlines: DeadlineMark[] = [];
		const shown = scope.deadlines.filter((d) => cut === null || d.seq <= cut);
		shown.forEach((d, k) => {
			if (d.at === null) return;
			const at = xAtTime(index, axis, d.at);
			if (at === null) return;
			const x = scale(at);
			if (x < -2 || x > width + 2) return;
			deadlines.push({ x, current: k === shown.length - 1, at: d.at });
		});
		out.push({
			key: `scope${scope.id}`,
			scope: scope.id,
			kind: scope.kind,
			x0,
			x1,
			y0,
			y1,
			open: !closed,
			d: `${left}${close}${top}`,
			tag: scopeTag(scope),
			tagX: x0,
			// On the line of text of its top lane: beside the owner's label, not half a line above it.
			tagY: (lo - first + 0.5) * lh,
			deadlines,
			depth: scope.depth
		});
	}
	out.sort((a, b) => a.depth - b.depth);
	return placeTags(out, around, m, width);
}

// How near (px) the pointer must be to a bracket's edge, top, tag or deadline to point at it.
const SLACK = 5;

/** The bracket whose edge, top line, tag or deadline is under `(x, y)`; inner ones first. */
export function scopeAt(
	shapes: readonly ScopeShape[],
	x: number,
	y: number,
	tagChar = 7
): ScopeShape | null {
	for (let i = shapes.length - 1; i >= 0; i--) {
		const s = shapes[i];
		if (y < s.y0 - SLACK || y > s.y1 + SLACK || x < s.x0 - SLACK || x > s.x1 + SLACK) continue;
		const onEdge = Math.abs(x - s.x0) <= SLACK || (!s.open && Math.abs(x - s.x1) <= SLACK);
		const onTop = Math.abs(y - s.y0) <= SLACK;
		const onTag =
			s.tag !== '' &&
			x >= s.tagX - 2 &&
			x <= s.tagX + s.tag.length * tagChar &&
			Math.abs(y - s.tagY) <= 8;
		const onDeadline = s.deadlines.some((d) => Math.abs(x - d.x) <= SLACK);
		if (onEdge || onTop || onTag || onDeadline) return s;
	}
	return null;
}

/** The colours of scopes and cancellations, for one palette (the plot and the export alike). */
export interface ScopeInks {
	readonly bracket: string;
	readonly shield: string;
	readonly deadline: string;
	readonly cancel: string;
}

/** Inks that hold 4.5:1 or more on the palette's ground: darker on a light page, lighter on a dark one. */
export function scopeInks(p: Palette): ScopeInks {
	const light = luminance(p.bg) > 0.18;
	return light
		? { bracket: p.fg, shield: '#006b52', deadline: '#8f4700', cancel: '#b0124f' }
		: { bracket: p.fg, shield: '#4fd1a8', deadline: '#ffb45c', cancel: '#ff7fb0' };
}
