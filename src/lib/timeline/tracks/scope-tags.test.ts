import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { axisEnd, buildIndex, type Axis, type TraceIndex } from '$lib/model';
import { corpusRuns } from '$lib/model/testing';
import type { Trace } from '$lib/trace/schema';
import { parseTrace } from '$lib/trace/validate';
import { FALLBACK } from '$lib/components/timeline/paint';
import { seek } from '$lib/model';
import { runViewSvg } from '../export-svg';
import { timelineMetrics, type TimelineMetrics } from '../metrics';
import { frameOf, scopesScene, timelineData, tracksScene } from '../scene';
import { layoutTracks, trackWindow } from './layout';
import type { ScopeShape } from './scope-brackets';

// Every run with scopes: the corpus's and the lessons'.
const LESSONS = new URL('../../../../traces/lessons/', import.meta.url);
function scopedRuns(): { name: string; trace: Trace }[] {
	const lessons = readdirSync(LESSONS)
		.filter((file) => file.endsWith('.json'))
		.map((file) => {
			const parsed = parseTrace(readFileSync(new URL(file, LESSONS), 'utf8'));
			if (!parsed.ok) throw new Error(`${file}: ${parsed.error}`);
			return { name: `lesson ${file}`, trace: parsed.trace };
		});
	return [...corpusRuns(), ...lessons].filter((run) =>
		run.trace.events.some((event) => event.kind === 'scope')
	);
}

interface Rect {
	readonly x0: number;
	readonly x1: number;
	readonly y0: number;
	readonly y1: number;
	readonly what: string;
}

// Measured here on their own terms, not with scope-tags.ts's boxes: a monospace character of
// `inlineChar`, 13 px of type for 7.9 px of character, centred on the text's y.
function textRect(text: string, x: number, y: number, m: TimelineMetrics, what: string): Rect {
	const half = ((13 / 7.9) * m.inlineChar) / 2;
	return { x0: x, x1: x + [...text].length * m.inlineChar, y0: y - half, y1: y + half, what };
}

const meet = (a: Rect, b: Rect): boolean =>
	a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

function sceneOf(
	index: TraceIndex,
	axis: Axis,
	width: number,
	m: TimelineMetrics,
	range?: readonly [number, number]
) {
	const data = timelineData(index, axis);
	const layout = layoutTracks(data.tracks, m);
	const end = axisEnd(index, axis);
	const frame = frameOf({
		layout,
		window: trackWindow(layout, 0, 2000),
		range: range ?? [0, end],
		width,
		metrics: m,
		running: null,
		selectedTask: null,
		focusTasks: [],
		end
	});
	const tracks = tracksScene(frame, axis, end, data.blocked, null);
	return { tracks, scopes: scopesScene(frame, index, axis, data, tracks) };
}

function tagRects(
	brackets: readonly ScopeShape[],
	m: TimelineMetrics
): (Rect & { b: ScopeShape })[] {
	return brackets
		.filter((b) => b.tag !== '')
		.map((b) => ({ ...textRect(b.tag, b.tagX, b.tagY, m, `tag ${b.tag}`), b }));
}

describe('a fate’s words', () => {
	it('are never written over a lane’s label: the label is cut short before them, or left out', () => {
		let kept = 0;
		let cut = 0;
		for (const run of scopedRuns()) {
			const index = buildIndex(run.trace);
			for (const width of [380, 480, 640, 800, 1000]) {
				const m = timelineMetrics(17, 'compact');
				const { tracks, scopes } = sceneOf(index, 'time', width, m);
				const fates = scopes.cancels
					.filter((c) => c.fateX !== null && c.fateText)
					.map((c) => {
						const r = textRect(c.fateText, c.fateTextX, c.landY, m, c.fateText);
						const w = r.x1 - r.x0;
						return c.fateAnchor === 'end' ? { ...r, x0: r.x0 - w, x1: r.x1 - w } : r;
					});
				kept += fates.length;
				for (const label of scopes.labels) {
					const box = textRect(label.text, label.x, label.y, m, label.text);
					for (const fate of fates)
						expect(
							meet(box, fate),
							`${run.name} ${width}px: ${label.text} under ${fate.what}`
						).toBe(false);
				}
				cut += tracks.labels.filter((l) => !scopes.labels.some((d) => d.text === l.text)).length;
			}
		}
		// The fates keep their words, and some labels did give way to them.
		expect(kept).toBeGreaterThan(10);
		expect(cut).toBeGreaterThan(0);
	});
});

describe('bracket tags', () => {
	const runs = scopedRuns();

	it('never meet a lane label, a fate’s words or another tag, on any scoped run, size or zoom', () => {
		expect(runs.length).toBeGreaterThanOrEqual(8);
		let placed = 0;
		let checked = 0;
		for (const run of runs) {
			const index = buildIndex(run.trace);
			for (const axis of ['time', 'step'] as const) {
				const end = axisEnd(index, axis);
				const ranges: (readonly [number, number])[] = [
					[0, end],
					[0, end / 2],
					[end / 4, (end * 3) / 4]
				];
				for (const density of ['regular', 'compact'] as const) {
					const m = timelineMetrics(17, density);
					for (const width of [380, 480, 640, 800, 1000])
						for (const range of ranges) {
							const { tracks, scopes } = sceneOf(index, axis, width, m, range);
							const tags = tagRects(scopes.brackets, m);
							const text = [
								...tracks.labels.map((l) => textRect(l.text, l.x, l.y, m, `label ${l.text}`)),
								...scopes.cancels
									.filter((c) => c.fateX !== null && c.fateText)
									.map((c) => {
										const r = textRect(c.fateText, c.fateTextX, c.landY, m, c.fateText);
										const w = r.x1 - r.x0;
										return c.fateAnchor === 'end' ? { ...r, x0: r.x0 - w, x1: r.x1 - w } : r;
									})
							];
							const where = `${run.name} ${axis} ${density} ${width}px [${range.join(', ')}]`;
							tags.forEach((tag, k) => {
								for (const other of text)
									expect(meet(tag, other), `${where}: ${tag.what} over ${other.what}`).toBe(false);
								for (const other of tags.slice(k + 1))
									expect(meet(tag, other), `${where}: ${tag.what} over ${other.what}`).toBe(false);
								// On its bracket's top lane, inside the bracket.
								expect(tag.x0).toBeGreaterThanOrEqual(Math.max(tag.b.x0, 0));
								expect(tag.x1).toBeLessThanOrEqual(Math.min(tag.b.x1, width));
							});
							placed += tags.length;
							checked += scopes.brackets.length;
						}
				}
			}
		}
		// Many brackets keep a tag, even at 380 px and zoomed: the rule is not met by writing none.
		expect(placed / checked).toBeGreaterThan(0.4);
	});

	it('go after the owner’s label where they were written over it (the task_group lesson)', () => {
		const run = runs.find((r) => r.name === 'lesson task_group.json')!;
		const index = buildIndex(run.trace);
		// The lesson's plot at 1280×720: 473 px wide, its lanes compact.
		const m = timelineMetrics(17, 'compact');
		const { tracks, scopes } = sceneOf(index, 'time', 473, m);
		const [group] = scopes.brackets;
		const owner = tracks.labels.find((l) => l.text.startsWith('TaskGroup: waiting for 3'))!;
		const label = textRect(owner.text, owner.x, owner.y, m, 'label');
		// Centred on the bracket, as it was, the tag met the label.
		const from = Math.max(group.x0, 0);
		const to = Math.min(group.x1, 473);
		const centred = textRect(
			'TaskGroup · line 14',
			(from + to) / 2 - (19 * m.inlineChar) / 2,
			group.tagY,
			m,
			'centred'
		);
		expect(meet(centred, label)).toBe(true);
		// After it: the whole tag does not fit before the ExceptionGroup at the end, its short form does.
		expect(group.tag).toBe('TaskGroup');
		expect(group.tagX).toBeGreaterThan(label.x1);
	});

	it('fall back to the short form, then to none, as the room shrinks', () => {
		const run = runs.find((r) => r.name === 'taskgroup_nested')!;
		const index = buildIndex(run.trace);
		const m = timelineMetrics();
		const seen = new Set<string>();
		for (let width = 1000; width >= 200; width -= 20) {
			const { scopes } = sceneOf(index, 'time', width, m);
			seen.add(scopes.brackets[0].tag);
		}
		expect(seen).toContain('TaskGroup · line 25');
		expect(seen).toContain('TaskGroup');
		expect(seen).toContain('');
	});

	it('are placed the same way in the SVG export', () => {
		const m = timelineMetrics();
		for (const name of ['lesson task_group.json', 'taskgroup_nested', 'timeout_in_taskgroup'])
			for (const width of [800, 1024, 1280]) {
				const index = buildIndex(runs.find((r) => r.name === name)!.trace);
				const svg = runViewSvg({
					index,
					snapshot: seek(index, index.length - 1),
					axis: 'time',
					width,
					palette: FALLBACK
				});
				const texts = (pattern: RegExp, what: string) =>
					[...svg.matchAll(pattern)].map((t) =>
						textRect(t[3], Number(t[1]), Number(t[2]), m, `${what} ${t[3]}`)
					);
				const tags = texts(
					/<text x="([\d.-]+)" y="([\d.-]+)" dominant-baseline="central" font-size="13" font-weight="700" paint-order[^>]*>([^<]*)<\/text><\/g>/g,
					'tag'
				);
				const labels = texts(
					/<text x="([\d.-]+)" y="([\d.-]+)" dominant-baseline="central" font-size="13" font-weight="600"[^>]*>([^<]*)<\/text>/g,
					'label'
				);
				expect(labels.length, `${name} ${width}`).toBeGreaterThan(2);
				if (width === 1280) expect(tags.length, name).toBeGreaterThan(0);
				tags.forEach((tag, k) => {
					for (const other of [...labels, ...tags.slice(k + 1)])
						expect(meet(tag, other), `${name} ${width}: ${tag.what} over ${other.what}`).toBe(
							false
						);
				});
			}
	});
});
