/**
 * The run at the cursor as one standalone SVG document: a header, the timeline as the learner
 * sees it (every lane, not only those scrolled into view) and the narration. It draws the same
 * scene the canvas paints (`tracksScene`, `arrowsScene`, `cursorScene`): geometry once,
 * renderers many. Pure: a string out, no DOM, so it runs in Node and in tests.
 *
 * Task labels and narration come from the learner's program, so every piece of text and every
 * attribute value goes through {@link escapeXml}.
 */
import { axisEnd, xOf, type Axis, type Lane, type Snapshot, type TaskStatus } from '$lib/model';
import type { TraceIndex } from '$lib/model';
import { inks, type Palette } from './palette';
import { labelColumnWidth, longestLabel } from './layout';
import { timelineMetrics, type TimelineMetrics } from './metrics';
import { truncate } from './outcomes';
import { formatSeconds } from '$lib/model/time-format';
import { axisDomain } from './scale';
import {
	arrowsScene,
	cursorScene,
	rangeScale,
	scopesScene,
	timelineData,
	tracksScene,
	type Frame,
	type ScopesScene
} from './scene';
import type { SpanState } from './segments';
import { layoutTracks, scopeInks, type BarRow, type ScopeInks } from './tracks';

/** More lanes than this are counted, not drawn: a 10,000-task run must not make a 100 MB file. */
export const MAX_EXPORT_LANES = 500;

/** The room either side of the run at full view: the Viewport's own (`viewport.svelte.ts`). */
const FIT_PAD = 0.012;

/** What {@link runViewSvg} draws. */
export interface RunViewSvgInput {
	readonly index: TraceIndex;
	/** The state at the cursor: its narration, time, running task. */
	readonly snapshot: Snapshot;
	readonly axis: Axis;
	/** The stretch of the axis to draw (the viewport's range); the whole run when absent. */
	readonly range?: readonly [number, number];
	/** Width of the document in CSS pixels; the height follows from the content. */
	readonly width: number;
	readonly palette: Palette;
	/** The cursor's colour (the app's `--accent`). */
	readonly accent?: string;
	readonly selectedTask?: number | null;
	/** At most this many lanes are drawn; the rest are counted in a line under them. */
	readonly maxLanes?: number;
	/** Sizes; the base sizes (17 px root) when absent. */
	readonly metrics?: TimelineMetrics;
	/**
	 * The header (the program, the step, the time) and the narration under the lanes; false
	 * where the page around the picture prints them already (the storyboard's panels).
	 */
	readonly captions?: boolean;
}

const ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;'
};

/** `text` safe inside XML text and inside a quoted attribute value. */
export function escapeXml(text: string): string {
	// Control characters other than tab, newline and return are not allowed in XML 1.0 at all.
	return (
		text
			.replace(/[&<>"']/g, (c) => ESCAPES[c])
			// eslint-disable-next-line no-control-regex
			.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
	);
}

/** Greedy word wrap to `max` characters a line; a word longer than a line is cut. */
export function wrapText(text: string, max: number): string[] {
	const limit = Math.max(1, Math.floor(max));
	const lines: string[] = [];
	for (const paragraph of text.split('\n')) {
		let line = '';
		for (const word of paragraph.split(/\s+/).filter(Boolean)) {
			let rest = [...word];
			if (line && [...line].length + 1 + rest.length <= limit) {
				line += ` ${word}`;
				continue;
			}
			if (line) lines.push(line);
			while (rest.length > limit) {
				lines.push(rest.slice(0, limit).join(''));
				rest = rest.slice(limit);
			}
			line = rest.join('');
		}
		lines.push(line);
	}
	return lines;
}

/** The narration as plain text: the backticks that mark code in the app dropped. */
function plainNarration(text: string): string {
	return text.replace(/`/g, '');
}

// Numbers in the document: two decimals are well below a pixel, and keep the file small.
function n(value: number): string {
	return String(Math.round(value * 100) / 100);
}

const SANS = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
const MONO = "ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'DejaVu Sans Mono', monospace";
// Text sizes of app.css at the 17 px root, in px.
const TEXT = { small: 13, caption: 14, body: 15, note: 16, title: 18 };
const PAD = 20;
const TILE = 8;

/** The four state patterns of StatePatterns.svelte / paint.ts, shifted to move with the bars. */
function patternDefs(p: Palette, shift: number): string {
	const ink = inks(p);
	const t = `patternTransform="translate(${n(shift)},0)"`;
	const attrs = `width="${TILE}" height="${TILE}" patternUnits="userSpaceOnUse" ${t}`;
	const c = (value: string) => escapeXml(value);
	return [
		`<pattern id="ls-running" ${attrs}><rect width="8" height="8" fill="${c(p.running)}"/></pattern>`,
		`<pattern id="ls-ready" ${attrs}><rect width="8" height="8" fill="${c(p.ready)}" fill-opacity="0.3"/>` +
			`<path d="M-8,8 L0,0 M0,8 L8,0 M8,8 L16,0" stroke="${c(p.ready)}" stroke-width="2.6"/></pattern>`,
		`<pattern id="ls-waiting" ${attrs}><rect width="8" height="8" fill="${c(p.waiting)}" fill-opacity="0.26"/>` +
			`<circle cx="4" cy="4" r="1.15" fill="${c(ink.mark.waiting)}"/></pattern>`,
		`<pattern id="ls-blocked" ${attrs}><rect width="8" height="8" fill="${c(p.blocked)}" fill-opacity="0.28"/>` +
			`<path d="M0,0 L8,8 M8,0 L0,8" stroke="${c(p.blocked)}" stroke-width="1.6"/></pattern>`
	].join('');
}

/** One lane's bars, as paint.ts paints them: patterned fills with an edge, then the marks. */
function barsSvg(row: BarRow, p: Palette, width: number): string {
	const ink = inks(p);
	const out: string[] = [];
	const y = row.barTop;
	for (const s of row.spans) {
		if (s.narrow) continue;
		const x0 = Math.max(-4, s.x0);
		const x1 = Math.min(width + 4, s.x1);
		if (x1 <= x0) continue;
		const fill = row.worker ? escapeXml(p.worker) : `url(#ls-${s.state})`;
		out.push(
			`<rect x="${n(x0)}" y="${n(y)}" width="${n(x1 - x0)}" height="${n(row.barHeight)}" fill="${fill}"/>`
		);
		// Merged runs of tiny segments get no edge, as on the canvas.
		if ((s.state !== 'running' || row.worker) && s.count === 1) {
			const edge = row.worker ? ink.edge.worker : ink.edge[s.state];
			out.push(
				`<rect x="${n(x0 + 0.75)}" y="${n(y + 0.75)}" width="${n(Math.max(0, x1 - x0 - 1.5))}" height="${n(row.barHeight - 1.5)}" fill="none" stroke="${escapeXml(edge)}" stroke-width="1.5"/>`
			);
		}
	}
	for (const s of row.spans) {
		if (!s.narrow) continue;
		const mid = (s.x0 + s.x1) / 2;
		const running = s.state === 'running';
		const mw = running ? 3 : 2;
		out.push(
			`<rect x="${n(mid - mw / 2)}" y="${n(y - (running ? 2 : 0))}" width="${mw}" height="${n(row.barHeight + (running ? 4 : 0))}" fill="${escapeXml(ink.mark[s.state])}"/>`
		);
	}
	return out.join('');
}

function laneStatus(lane: Lane, snapshot: Snapshot, busyWorkers: ReadonlySet<number>): TaskStatus {
	if (lane.kind === 'worker') return busyWorkers.has(lane.id) ? 'running' : 'not_created';
	return snapshot.tasks[lane.id]?.state ?? 'not_created';
}

/** The swatch beside a lane label (StateSwatch.svelte): the task's state at the cursor. */
function swatchSvg(status: TaskStatus, x: number, cy: number, p: Palette): string {
	const w = 20;
	const h = 14;
	const fillState: SpanState | null =
		status === 'created'
			? 'ready'
			: status === 'running' || status === 'ready' || status === 'waiting' || status === 'blocked'
				? status
				: null;
	const fg = escapeXml(p.fg);
	const mark = (glyph: string, colour: string) =>
		`<text x="${n(x + w / 2)}" y="${n(cy)}" text-anchor="middle" dominant-baseline="central" font-size="${TEXT.body}" font-weight="700" fill="${colour}">${glyph}</text>`;
	if (status === 'failed') return mark('✕', fg);
	if (status === 'cancelled') return mark('⊘', fg);
	if (fillState) {
		const edge = escapeXml(inks(p).edge[fillState]);
		return `<rect x="${n(x + 0.75)}" y="${n(cy - h / 2 + 0.75)}" width="${w - 1.5}" height="${h - 1.5}" rx="2" fill="url(#ls-${fillState})" stroke="${edge}" stroke-width="1.5"/>`;
	}
	if (status === 'done') return mark('✓', escapeXml(p.muted));
	return `<line x1="${n(x + 3)}" x2="${n(x + w - 3)}" y1="${n(cy)}" y2="${n(cy)}" stroke="${escapeXml(p.muted)}" stroke-width="1.5" stroke-dasharray="2 3"/>`;
}

/** The lane's label as the lanes show it: the task's name in bold, then `· what it runs`. */
function labelSvg(lane: Lane, x: number, cy: number, room: number, bold: boolean): string {
	const text = truncate(lane.label, room);
	const at = text.indexOf(' · ');
	const name = at < 0 ? text : text.slice(0, at);
	const rest = at < 0 ? '' : text.slice(at);
	const weight = bold ? 700 : 600;
	return (
		`<text x="${n(x)}" y="${n(cy)}" dominant-baseline="central" font-size="${TEXT.body}">` +
		`<tspan font-weight="${weight}">${escapeXml(name)}</tspan>` +
		(rest ? `<tspan>${escapeXml(rest)}</tspan>` : '') +
		`</text>`
	);
}

// The scope brackets, their deadlines and tags, and the cancellation paths, as the plot draws
// them (TimelinePlot.svelte).
function scopesSvg(scopes: ScopesScene, inks: ScopeInks, halo: string): string {
	const out: string[] = [];
	for (const b of scopes.brackets) {
		const ink = escapeXml(b.kind === 'shield' ? inks.shield : inks.bracket);
		const dash = b.kind === 'timeout' ? ' stroke-dasharray="6 3"' : '';
		const parts = [
			`<path d="${escapeXml(b.d)}" fill="none" stroke="${ink}" stroke-width="${b.kind === 'shield' ? 2.5 : 2}" stroke-linejoin="round"${dash}/>`
		];
		for (const mark of b.deadlines)
			parts.push(
				`<line x1="${n(mark.x)}" x2="${n(mark.x)}" y1="${n(b.y0 - 2)}" y2="${n(b.y1 + 2)}" stroke="${escapeXml(inks.deadline)}" stroke-width="2.5"${mark.current ? '' : ' stroke-dasharray="2 3" stroke-opacity="0.6"'}/>`
			);
		if (b.tag)
			parts.push(
				`<text x="${n(b.tagX)}" y="${n(b.tagY)}" dominant-baseline="central" font-size="${TEXT.small}" font-weight="700" ${halo} stroke-width="4">${escapeXml(b.tag)}</text>`
			);
		out.push(`<g class="scope" data-scope="${b.scope}">${parts.join('')}</g>`);
	}
	const ink = escapeXml(inks.cancel);
	for (const c of scopes.cancels) {
		const parts: string[] = [];
		if (c.ask)
			parts.push(
				`<path d="${escapeXml(c.ask)}" fill="none" stroke="${ink}" stroke-width="2.25"/>`,
				`<path d="${escapeXml(c.askHead)}" fill="${ink}"/>`
			);
		if (c.trail)
			parts.push(
				`<path d="${escapeXml(c.trail)}" fill="none" stroke="${ink}" stroke-width="3" stroke-dasharray="4 3"/>`
			);
		parts.push(
			`<text x="${n(c.landX)}" y="${n(c.landY)}" text-anchor="middle" dominant-baseline="central" font-size="17" fill="${ink}" ${halo} stroke-width="3">⚡</text>`
		);
		if (c.fateX !== null && c.fateText)
			parts.push(
				`<text x="${n(c.fateTextX)}" y="${n(c.landY)}" text-anchor="${c.fateAnchor}" dominant-baseline="central" font-size="${TEXT.small}" font-weight="700" fill="${ink}" ${halo} stroke-width="4">${escapeXml(c.fateText)}</text>`
			);
		out.push(`<g class="cancel-path" data-fate="${c.fate}">${parts.join('')}</g>`);
	}
	return out.join('');
}

/**
 * The run at the cursor as a standalone SVG document (`xmlns`, `width`, `height`, `viewBox`,
 * generic font families): header, lane labels, axis and ticks, every lane up to
 * {@link MAX_EXPORT_LANES}, bars, inline labels, end marks, blocked bands, arrows, the cursor,
 * and the narration wrapped to the width (both left out with `captions: false`).
 */
export function runViewSvg(input: RunViewSvgInput): string {
	const { index, snapshot, axis, palette: p } = input;
	const m = input.metrics ?? timelineMetrics();
	const accent = escapeXml(input.accent ?? '#3347d6');
	const fg = escapeXml(p.fg);
	const muted = escapeXml(p.muted);
	const border = escapeXml(p.border);
	const bg = escapeXml(p.bg);
	const width = Math.max(480, Math.round(input.width));
	const maxLanes = Math.max(1, Math.floor(input.maxLanes ?? MAX_EXPORT_LANES));
	const selectedTask = input.selectedTask ?? null;
	const captions = input.captions ?? true;

	const data = timelineData(index, axis);
	const layout = layoutTracks(data.tracks, m);
	const end = axisEnd(index, axis);
	const range = input.range ?? axisDomain(end, FIT_PAD);
	const laneCount = data.lanes.length;
	const drawn = Math.min(laneCount, maxLanes);
	const hidden = laneCount - drawn;

	const labelWidth = labelColumnWidth(
		[longestLabel(data.lanes)],
		m.labelChar,
		m.labelMin,
		m.labelMax,
		m.labelPad
	);
	const plotX = PAD + labelWidth;
	const plotWidth = width - plotX - PAD;
	// Every lane up to the cap, whatever was scrolled into view.
	const frame: Frame = {
		layout,
		window: { first: 0, last: drawn },
		scale: rangeScale(range, plotWidth),
		width: plotWidth,
		metrics: m
	};
	const tracks = tracksScene(frame, axis, end, data.blocked, selectedTask);
	const focusTasks = selectedTask === null ? [] : [selectedTask];
	const arrows = arrowsScene(frame, data, focusTasks);
	const scopes = scopesScene(frame, index, axis, data, tracks);
	const runningLane =
		snapshot.running === null ? -1 : (data.laneOfTask.get(snapshot.running) ?? -1);
	const cursor = cursorScene(frame, tracks, axis, {
		at: xOf(index, axis, snapshot.cursor),
		t: snapshot.t,
		iteration: snapshot.iteration,
		runningLane
	});

	// Vertical rhythm: header, axis, lanes, the "more lanes" line, the narration.
	const headerTop = PAD;
	const headerHeight = captions ? 34 : 0;
	const axisTop = headerTop + headerHeight;
	const axisHeight = m.axisHeight;
	const lanesTop = axisTop + axisHeight;
	const lanesHeight = tracks.height;
	const moreHeight = hidden > 0 ? 30 : 0;
	const boxBottom = lanesTop + lanesHeight + moreHeight;
	const narrationTop = boxBottom + 22;
	const narrationLine = Math.round(TEXT.note * 1.45);
	// A conservative average width of a proportional character, so wrapped lines never overflow.
	const narrationChars = (width - 2 * PAD) / (TEXT.note * 0.56);
	const narration = captions ? wrapText(plainNarration(snapshot.narration), narrationChars) : [];
	const height = captions
		? Math.ceil(narrationTop + narration.length * narrationLine + PAD)
		: Math.ceil(boxBottom + PAD);

	const total = index.trace.events.length;
	const filename = index.trace.source.filename || 'program.py';
	const header = `step ${snapshot.cursor + 1} of ${total}   ·   t = ${formatSeconds(snapshot.t)}`;

	const out: string[] = [];
	out.push(
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(MONO)}" fill="${fg}">`,
		`<defs>${patternDefs(p, ((tracks.origin % TILE) + TILE) % TILE)}` +
			`<clipPath id="ls-plot"><rect x="0" y="0" width="${n(plotWidth)}" height="${n(lanesHeight)}"/></clipPath>` +
			// The lanes' grounds stay inside the frame's rounded corners.
			`<clipPath id="ls-frame"><rect x="${PAD}" y="${n(axisTop - lanesTop)}" width="${width - 2 * PAD}" height="${n(boxBottom - axisTop)}" rx="10"/></clipPath></defs>`,
		`<rect width="${width}" height="${height}" fill="${bg}"/>`
	);

	// Header: the program, then where the cursor is.
	if (captions)
		out.push(
			`<g class="header">` +
				`<text x="${PAD}" y="${headerTop + 14}" dominant-baseline="central" font-size="${TEXT.title}" font-weight="700">${escapeXml(filename)}</text>` +
				`<text x="${width - PAD}" y="${headerTop + 14}" dominant-baseline="central" text-anchor="end" font-size="${TEXT.body}" fill="${muted}">${escapeXml(header)}</text>` +
				`</g>`
		);

	// The timeline's frame, and the axis row with its corner.
	out.push(
		`<rect x="${PAD - 0.5}" y="${axisTop - 0.5}" width="${width - 2 * PAD + 1}" height="${n(boxBottom - axisTop + 1)}" rx="10" fill="none" stroke="${border}"/>`,
		`<g class="corner" font-size="${TEXT.caption}">` +
			`<text x="${PAD + 15}" y="${n(axisTop + axisHeight - 12)}" fill="${muted}">${laneCount === 1 ? '1 lane' : `${laneCount} lanes`}</text>` +
			`<text x="${n(plotX - 15)}" y="${n(axisTop + axisHeight - 12)}" text-anchor="end" font-weight="600">${axis === 'time' ? 'time →' : 'loop step →'}</text>` +
			`</g>`,
		`<line x1="${PAD}" x2="${width - PAD}" y1="${n(lanesTop - 0.5)}" y2="${n(lanesTop - 0.5)}" stroke="${border}"/>`,
		`<line x1="${n(plotX - 0.5)}" x2="${n(plotX - 0.5)}" y1="${axisTop}" y2="${n(lanesTop + lanesHeight)}" stroke="${border}"/>`
	);

	const axisParts: string[] = [];
	for (const band of tracks.bands) {
		axisParts.push(
			`<rect x="${n(band.x0)}" y="${n(axisHeight - 8)}" width="${n(Math.max(2, band.x1 - band.x0))}" height="8" fill="${escapeXml(p.blocked)}" fill-opacity="0.55"/>`
		);
	}
	for (const tick of cursor.labels) {
		axisParts.push(
			`<line x1="${n(tick.x)}" x2="${n(tick.x)}" y1="${n(axisHeight - m.tickLength)}" y2="${n(axisHeight)}" stroke="${muted}"/>`
		);
		if (tick.show) {
			axisParts.push(
				`<text x="${n(tick.x)}" y="${n(axisHeight - m.tickLabelRise)}" text-anchor="${tick.anchor}" font-size="${TEXT.caption}">${escapeXml(tick.label)}</text>`
			);
		}
	}
	if (cursor.pill) {
		axisParts.push(
			`<rect x="${n(cursor.pill.x)}" y="${n(axisHeight - m.pillRise)}" width="${n(cursor.pill.w)}" height="${n(m.pillHeight)}" rx="${n(m.pillHeight / 2)}" fill="${accent}"/>`,
			`<text x="${n(cursor.pill.x + cursor.pill.w / 2)}" y="${n(axisHeight - m.pillTextRise)}" text-anchor="middle" dominant-baseline="central" font-size="${TEXT.small}" font-weight="700" fill="${bg}">${escapeXml(cursor.text)}</text>`,
			`<path d="M${n(cursor.x - m.cursorHead)},${n(axisHeight - 9)}L${n(cursor.x + m.cursorHead)},${n(axisHeight - 9)}L${n(cursor.x)},${n(axisHeight)}Z" fill="${accent}"/>`
		);
	}
	out.push(
		`<g class="axis" transform="translate(${n(plotX)},${n(axisTop)})">${axisParts.join('')}</g>`
	);

	// The lanes: one group each, its ground, label and bars.
	const busyWorkers = new Set(snapshot.threads.map((thread) => thread.worker));
	const textX = PAD + 16;
	const labelX = (lane: Lane) => textX + (lane.kind === 'task' ? 28 : 58);
	// The label's room: the column, less the swatch before it and a little air after it.
	const labelRoom = (lane: Lane) =>
		Math.max(4, Math.floor((labelWidth - (labelX(lane) - PAD) - 8) / m.labelChar));
	out.push(`<g class="lanes" transform="translate(0,${n(lanesTop)})" clip-path="url(#ls-frame)">`);
	for (let i = 0; i < tracks.rows.length; i++) {
		const row = tracks.rows[i];
		const lane = data.lanes[i];
		const cy = row.top + row.height / 2;
		const status = laneStatus(lane, snapshot, busyWorkers);
		const parts: string[] = [];
		if (row.ground !== 'plain') {
			const opacity = row.ground === 'raised' ? '' : ' fill-opacity="0.85"';
			parts.push(
				`<rect x="${PAD}" y="${n(row.top)}" width="${width - 2 * PAD}" height="${n(row.height)}" fill="${escapeXml(p.raised)}"${opacity}/>`
			);
		}
		if (i === runningLane) {
			parts.push(
				`<rect x="${PAD}" y="${n(row.top)}" width="4" height="${n(row.height)}" fill="${escapeXml(p.running)}"/>`
			);
		}
		if (lane.kind === 'task' && lane.id === selectedTask) {
			parts.push(
				`<rect x="${PAD + 1}" y="${n(row.top + 1)}" width="${labelWidth - 2}" height="${n(row.height - 2)}" fill="${accent}" fill-opacity="0.14" stroke="${accent}" stroke-width="2"/>`
			);
		}
		if (lane.kind === 'task') {
			parts.push(swatchSvg(status, textX, cy, p));
		} else {
			parts.push(
				`<rect x="${textX}" y="${n(cy - 8)}" width="50" height="16" rx="4" fill="none" stroke="${muted}" stroke-width="1.5"/>` +
					`<text x="${textX + 25}" y="${n(cy)}" text-anchor="middle" dominant-baseline="central" font-size="11" font-weight="700" fill="${muted}">THREAD</text>`
			);
		}
		const unborn = lane.kind === 'task' && status === 'not_created';
		parts.push(
			`<g${unborn ? ` fill="${muted}"` : ''}>${labelSvg(lane, labelX(lane), cy, labelRoom(lane), i === runningLane)}</g>`
		);
		parts.push(
			`<g transform="translate(${n(plotX)},0)" clip-path="url(#ls-plot)">${barsSvg(row, p, plotWidth)}</g>`
		);
		out.push(`<g class="lane" data-lane="${i}" data-kind="${lane.kind}">${parts.join('')}</g>`);
	}

	// Over the bars, in the plot's coordinates: grid, blocked stretches, the future's shade,
	// the selection, arrows, inline labels, end marks and the cursor, in the app's order.
	const over: string[] = [];
	for (const tick of tracks.ticks) {
		const x = Math.round(tick.x) + 0.5;
		over.push(
			`<line x1="${x}" x2="${x}" y1="0" y2="${n(lanesHeight)}" stroke="${border}" stroke-opacity="0.7"/>`
		);
	}
	for (const { x0, x1 } of tracks.bands) {
		const a = Math.max(-2, x0);
		const b = Math.min(plotWidth + 2, Math.max(x1, x0 + 2));
		over.push(
			`<rect x="${n(a)}" y="0" width="${n(b - a)}" height="${n(lanesHeight)}" fill="${escapeXml(p.blocked)}" fill-opacity="0.1"/>`
		);
	}
	if (cursor.future) {
		over.push(
			`<rect x="${n(cursor.future.x)}" y="0" width="${n(cursor.future.width)}" height="${n(lanesHeight)}" fill="${bg}" fill-opacity="0.32"/>`
		);
	}
	for (const o of tracks.outlines) {
		over.push(
			`<rect x="${n(o.x)}" y="${n(o.y)}" width="${n(o.width)}" height="${n(o.height)}" rx="3" fill="none" stroke="${accent}" stroke-width="2"/>`
		);
	}
	for (const arrow of arrows) {
		const colour = arrow.focus ? fg : muted;
		const dash = arrow.kind === 'collect' ? ' stroke-dasharray="5 3"' : '';
		over.push(
			`<g class="arrow">` +
				`<path d="${escapeXml(arrow.d)}" fill="none" stroke="${colour}" stroke-width="${arrow.focus ? 2.25 : 1.5}" stroke-opacity="${arrow.focus ? 1 : 0.75}"${dash}/>` +
				`<path d="${escapeXml(arrow.head)}" fill="${colour}" fill-opacity="${arrow.focus ? 1 : 0.85}"/>` +
				`</g>`
		);
	}
	const halo = `paint-order="stroke" stroke="${bg}" stroke-linejoin="round"`;
	over.push(scopesSvg(scopes, scopeInks(p), halo));
	for (const label of scopes.labels) {
		over.push(
			`<text x="${n(label.x)}" y="${n(label.y)}" dominant-baseline="central" font-size="${TEXT.small}" font-weight="600" ${halo} stroke-width="3.5">${escapeXml(label.text)}</text>`
		);
	}
	for (const mark of tracks.marks) {
		over.push(
			`<text x="${n(mark.x)}" y="${n(mark.y)}" dominant-baseline="central" font-size="17" font-weight="800" ${halo} stroke-width="4">${mark.mark}</text>`
		);
	}
	if (cursor.inView) {
		over.push(
			`<line x1="${n(cursor.x)}" x2="${n(cursor.x)}" y1="0" y2="${n(lanesHeight)}" stroke="${accent}" stroke-width="2.5"/>`
		);
		if (cursor.dotY !== null) {
			over.push(
				`<circle cx="${n(cursor.x)}" cy="${n(cursor.dotY)}" r="${n(m.cursorDot)}" fill="${accent}" stroke="${bg}" stroke-width="2"/>`
			);
		}
	}
	out.push(
		`<g class="overlay" transform="translate(${n(plotX)},0)" clip-path="url(#ls-plot)">${over.join('')}</g>`,
		`</g>`
	);

	if (hidden > 0) {
		out.push(
			`<text class="more-lanes" x="${PAD + 16}" y="${n(lanesTop + lanesHeight + moreHeight / 2)}" dominant-baseline="central" font-size="${TEXT.caption}" fill="${muted}">+${hidden} more lanes (the picture draws the first ${drawn})</text>`
		);
	}

	// The narration at the cursor, plain text.
	const lines = narration
		.map(
			(line, k) =>
				`<tspan x="${PAD}" y="${n(narrationTop + k * narrationLine + narrationLine / 2)}">${escapeXml(line)}</tspan>`
		)
		.join('');
	if (captions)
		out.push(
			`<text class="narration" font-family="${escapeXml(SANS)}" font-size="${TEXT.note}" dominant-baseline="central">${lines}</text>`
		);
	out.push(`</svg>`);
	return out.join('\n');
}
