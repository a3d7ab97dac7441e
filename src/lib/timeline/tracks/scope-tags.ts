/**
 * Where a scope bracket's tag (`TaskGroup · line 14`) is written: on its top lane, in the
 * bracket's span, never over a lane's inline label, an end mark, a cancellation's marks and
 * words, a deadline or another tag. The owner's own label (`TaskGroup: waiting for 3 tasks`)
 * sits on that row from the bracket's start, so the tag usually lands just after it. Where no
 * place on the row holds the whole tag, its short form (`TaskGroup`) is tried, and then none
 * is written: the tooltip still names the scope. Text is measured as the scene lays it out:
 * a monospace character of `metrics.inlineChar` for the small type, 1rem for the marks.
 */
import type { TimelineMetrics } from '../metrics';
import type { CancelShape } from './cancel-paths';
import type { ScopeShape } from './scope-brackets';
import { fitLabel } from './lane-row';
import type { EndMarkShape, InlineLabel } from './track';

/** A box of text on the plot, in pixels from the top of the drawn window. */
export interface TextBox {
	readonly x0: number;
	readonly x1: number;
	readonly y0: number;
	readonly y1: number;
}

// The small type (--text-small: 13 px at the 17 px root, where a character is 7.9 px wide) and
// the marks' 1rem, as multiples of a small character; every text on the plot has a halo of
// 2 px (its stroke of 4 px, half of it outside the glyphs).
const SMALL_EM = 13 / 7.9;
const MARK_EM = 17 / 7.9;
const HALO = 2;
// Air (px) between a tag and the text beside it, and between a tag and the bracket's arms.
const GAP = 4;
const ARM_CLEAR = 10;

/** The box of `text` in the plot's small type, anchored at `x`, centred on `y`. */
export function smallTextBox(
	text: string,
	x: number,
	y: number,
	m: TimelineMetrics,
	anchor: 'start' | 'end' | 'middle' = 'start'
): TextBox {
	const w = [...text].length * m.inlineChar;
	const x0 = anchor === 'start' ? x : anchor === 'end' ? x - w : x - w / 2;
	const half = (SMALL_EM * m.inlineChar) / 2 + HALO;
	return { x0: x0 - HALO, x1: x0 + w + HALO, y0: y - half, y1: y + half };
}

// A mark in 1rem type (✕, ⊘, ⚡): a square of one em, halo included.
function markBox(x: number, y: number, m: TimelineMetrics, anchor: 'start' | 'middle'): TextBox {
	const em = MARK_EM * m.inlineChar;
	const x0 = anchor === 'start' ? x : x - em / 2;
	return { x0: x0 - HALO, x1: x0 + em + HALO, y0: y - em / 2 - HALO, y1: y + em / 2 + HALO };
}

/** What is written on the plot under the brackets: the lanes' labels and end marks. */
export interface PlotText {
	readonly labels: readonly InlineLabel[];
	readonly marks: readonly EndMarkShape[];
}

/** The boxes of the text a tag must keep clear of: labels, end marks, cancellations' marks. */
export function plotTextBoxes(
	text: PlotText,
	cancels: readonly CancelShape[],
	m: TimelineMetrics
): TextBox[] {
	const out: TextBox[] = [];
	for (const label of text.labels) out.push(smallTextBox(label.text, label.x, label.y, m));
	for (const mark of text.marks) out.push(markBox(mark.x, mark.y, m, 'start'));
	for (const c of cancels) {
		out.push(markBox(c.landX, c.landY, m, 'middle'));
		if (c.fateX !== null && c.fateText)
			out.push(smallTextBox(c.fateText, c.fateTextX, c.landY, m, c.fateAnchor));
	}
	return out;
}

/** The box of a placed tag (none when the bracket has no tag). */
export function tagBox(shape: ScopeShape, m: TimelineMetrics): TextBox | null {
	return shape.tag ? smallTextBox(shape.tag, shape.tagX, shape.tagY, m) : null;
}

// The tag without its line (`TaskGroup · line 14` → `TaskGroup`).
function shortForm(tag: string): string {
	const at = tag.lastIndexOf(' · line ');
	return at < 0 ? '' : tag.slice(0, at);
}

// The x in `[from, to]` nearest `want` where `w` pixels of text (halo included) meet none of
// `closed` (x ranges, sorted by start), or null.
function freeX(
	want: number,
	w: number,
	from: number,
	to: number,
	closed: readonly (readonly [number, number])[]
): number | null {
	let best: number | null = null;
	const consider = (g0: number, g1: number): void => {
		const lo = g0 + HALO;
		const hi = g1 - HALO - w;
		if (hi < lo) return;
		const x = Math.min(Math.max(want, lo), hi);
		if (best === null || Math.abs(x - want) < Math.abs(best - want)) best = x;
	};
	let at = from;
	for (const [a, b] of closed) {
		if (a > at) consider(at, Math.min(a, to));
		at = Math.max(at, b);
		if (at >= to) break;
	}
	if (at < to) consider(at, to);
	return best;
}

/**
 * The brackets (each with its whole tag) with their tags placed clear of `around`, of the
 * deadlines and of each other: outer brackets (first in `shapes`) choose first. Each tag goes
 * as near the middle of its bracket's visible top as a free place allows.
 */
export function placeTags(
	shapes: readonly ScopeShape[],
	around: readonly TextBox[],
	m: TimelineMetrics,
	width: number
): ScopeShape[] {
	const taken: TextBox[] = [...around];
	for (const s of shapes)
		for (const d of s.deadlines)
			taken.push({ x0: d.x - 2, x1: d.x + 2, y0: s.y0 - 2, y1: s.y1 + 2 });
	return shapes.map((s) => {
		const full = s.tag;
		const from = Math.max(s.x0, 0) + ARM_CLEAR;
		const to = Math.min(s.x1, width) - ARM_CLEAR;
		const row = smallTextBox('', 0, s.tagY, m);
		const closed = taken
			.filter((b) => b.y0 < row.y1 && b.y1 > row.y0 && b.x1 > from && b.x0 < to)
			.map((b) => [b.x0 - GAP, b.x1 + GAP] as const)
			.sort((a, b) => a[0] - b[0]);
		for (const text of [full, shortForm(full)]) {
			if (!text) continue;
			const w = [...text].length * m.inlineChar;
			const x = freeX((from + to) / 2 - w / 2, w, from, to, closed);
			if (x === null) continue;
			const placed = { ...s, tag: text, tagX: x };
			taken.push(smallTextBox(text, x, s.tagY, m));
			return placed;
		}
		return { ...s, tag: '' };
	});
}

const meets = (a: TextBox, b: TextBox): boolean =>
	a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/**
 * The lanes' inline labels, each giving way to a cancellation's fate words (`ExceptionGroup`)
 * written on its row: a label that reaches the words is cut short before them (`TaskGroup:
 * waiting for 1…`), or left out when too little of it would be left; the bar and its tooltip
 * still tell it. The fate is the step's news; the label repeats what the bar shows.
 */
export function labelsClearOfFates(
	labels: readonly InlineLabel[],
	cancels: readonly CancelShape[],
	m: TimelineMetrics
): readonly InlineLabel[] {
	const words = cancels
		.filter((c) => c.fateX !== null && c.fateText)
		.map((c) => smallTextBox(c.fateText, c.fateTextX, c.landY, m, c.fateAnchor));
	if (!words.length) return labels;
	const out: InlineLabel[] = [];
	for (const label of labels) {
		const box = smallTextBox(label.text, label.x, label.y, m);
		const hit = words.filter((w) => meets(box, w));
		if (!hit.length) {
			out.push(label);
			continue;
		}
		const end = Math.min(...hit.map((w) => w.x0)) - GAP - HALO;
		const text = fitLabel(label.text, Math.floor((end - label.x) / m.inlineChar));
		if (text !== null) out.push({ ...label, text });
	}
	return out;
}
