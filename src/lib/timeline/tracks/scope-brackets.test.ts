import { scaleLinear } from 'd3';
import { describe, expect, it } from 'vitest';
import { axisEnd, buildIndex, lanes, seek, type Axis } from '$lib/model';
import { corpusRun } from '$lib/model/testing';
import { FALLBACK } from '$lib/components/timeline/paint';
import { runViewSvg } from '../export-svg';
import { laneIndexByTask } from '../layout';
import { timelineMetrics } from '../metrics';
import { cancelAt, cancelShapes } from './cancel-paths';
import { scopeAt, scopeInks, scopeShapes } from './scope-brackets';
import { cancelTip, scopeTip } from './scope-tips';

const m = timelineMetrics();
const WIDTH = 1000;

function input(name: string, axis: Axis = 'time', revealUntil: number | null = null) {
	const index = buildIndex(corpusRun(name).trace);
	const laneList = lanes(index, axis);
	return {
		index,
		axis,
		laneOfTask: laneIndexByTask(laneList),
		first: 0,
		last: laneList.length,
		scale: scaleLinear()
			.domain([0, axisEnd(index, axis)])
			.range([0, WIDTH]),
		width: WIDTH,
		metrics: m,
		revealUntil
	};
}

describe('scope brackets', () => {
	it('span the lanes each TaskGroup covers, the nested one inset inside the other', () => {
		const shapes = scopeShapes(input('taskgroup_nested'));
		expect(shapes.map((s) => [s.scope, s.kind, s.depth])).toEqual([
			[0, 'taskgroup', 0],
			[1, 'taskgroup', 1]
		]);
		const [outer, inner] = shapes;
		// Lanes 0–3 (main and its three tasks) and 2–5 (inner_group and its two).
		expect(outer.y0).toBe(2);
		expect(outer.y1).toBe(4 * m.laneHeight - 2);
		expect(inner.y0).toBe(2 * m.laneHeight + 6);
		expect(inner.y1).toBe(6 * m.laneHeight - 6);
		expect(inner.x0).toBeGreaterThan(outer.x0);
		expect(inner.x1).toBeLessThan(outer.x1);
		expect(outer.open).toBe(false);
		// Both are left at t = 0.2 s, the end of the run.
		expect(outer.x1).toBeCloseTo(WIDTH, 5);
		expect(outer.d).toMatch(/^M/);
	});

	it('mark a timeout’s deadline where the time axis has it, and skip one past the run', () => {
		const time = scopeShapes(input('cancel_uncancel'));
		expect(time).toHaveLength(1);
		expect(time[0].kind).toBe('timeout');
		// 1.6 s is past the end of the run (0.85 s): only the deadline it moved to is drawn.
		expect(time[0].deadlines).toEqual([{ x: WIDTH, current: true, at: 0.85 }]);
		const step = scopeShapes(input('cancel_uncancel', 'step'));
		expect(step[0].deadlines.map((d) => d.at)).toEqual([0.85]);
	});

	it('draw only what has happened, in predict mode', () => {
		const all = input('taskgroup_nested');
		const enter = all.index.trace.events.find((e) => e.kind === 'scope' && e.scope === 1)!.seq;
		expect(scopeShapes({ ...all, revealUntil: enter - 1 }).map((s) => s.scope)).toEqual([0]);
		const open = scopeShapes({ ...all, revealUntil: enter });
		expect(open.map((s) => [s.scope, s.open])).toEqual([
			[0, true],
			[1, true]
		]);
		// Open: no closing edge.
		expect(open[1].d.match(/M/g)).toHaveLength(2);
	});

	it('cover a TaskGroup’s task from create_task on, while the owner still runs its block', () => {
		const all = input('taskgroup_body');
		const adds = all.index.trace.events.filter(
			(e) => e.kind === 'scope' && e.op === 'add' && e.scope === 0
		);
		expect(adds).toHaveLength(2);
		const lh = m.laneHeight;
		// Lanes: main (0), a.txt (1), b.txt (2), c.txt (3). Before b.txt is made, main and a.txt.
		const first = scopeShapes({ ...all, revealUntil: adds[1].seq - 1 }).find((s) => s.scope === 0)!;
		expect([first.y0, first.y1]).toEqual([2, 2 * lh - 2]);
		const second = scopeShapes({ ...all, revealUntil: adds[1].seq }).find((s) => s.scope === 0)!;
		expect(second.y1).toBe(3 * lh - 2);
	});

	it('answer the pointer on an edge or a deadline, the inner one first; not inside', () => {
		const shapes = scopeShapes(input('taskgroup_nested', 'step'));
		const [outer, inner] = shapes;
		expect(scopeAt(shapes, outer.x0, outer.y0 + 10)?.scope).toBe(0);
		expect(scopeAt(shapes, inner.x0 + 1, inner.y1 - 3)?.scope).toBe(1);
		expect(scopeAt(shapes, (inner.x0 + inner.x1) / 2, (inner.y0 + inner.y1) / 2)).toBeNull();
		expect(scopeAt(shapes, outer.x1 + 40, outer.y0)).toBeNull();
	});

	it('have tooltips that name the scope, what it covers and how it ended', () => {
		const index = input('taskgroup_nested').index;
		expect(scopeTip(index, 0)).toEqual({
			title: 'TaskGroup · line 25',
			lines: [
				{ kind: 'text', text: 'asyncio.TaskGroup() in main()' },
				{ kind: 'text', text: "covers worker('a', 0.1), inner_group(), failing()" },
				{ kind: 'text', text: 'raises ExceptionGroup' },
				{ kind: 'muted', text: '0 s → 0.2 s' }
			]
		});
		expect(scopeTip(index, 99)).toBeNull();
		// wait_for is a timeout scope only since 3.12: the tooltip says how 3.11 differs.
		const shield = input('shield').index;
		const waitFor = scopeTip(shield, 1);
		expect(waitFor?.title).toBe('wait_for(0.1) · line 15');
		expect(waitFor?.lines.at(-1)?.text).toMatch(
			/^Python 3\.12\+ runs wait_for as an asyncio\.timeout/
		);
		expect(scopeTip(shield, 0)?.lines[1].text).toBe('shields save()');
	});

	it('have inks that stand out on a light and on a dark ground', () => {
		expect(scopeInks(FALLBACK).cancel).toBe('#b0124f');
		expect(scopeInks({ ...FALLBACK, bg: '#111318', fg: '#eeeeee' }).cancel).toBe('#ff7fb0');
	});
});

describe('cancellation paths', () => {
	it('go from the task that failed to where CancelledError lands, and end at its fate', () => {
		const shapes = cancelShapes(input('taskgroup_nested', 'step'));
		const main = shapes.find((s) => s.fate === 'group');
		expect(main).toBeDefined();
		expect(main!.fateText).toBe('ExceptionGroup');
		expect(main!.landY).toBe(0.5 * m.laneHeight);
		// From failing()'s lane (3) up to main's (0): a curve with a head.
		expect(main!.ask).toMatch(/^M[\d.]+,[\d.]+C/);
		expect(main!.askHead).toMatch(/Z$/);
		expect(cancelAt(shapes, main!.landX, main!.landY)?.path).toBe(main!.path);
		expect(cancelAt(shapes, main!.landX, main!.landY + m.laneHeight * 3)).not.toBe(main);
		// A task that ends cancelled shows ⊘ already: no words.
		expect(shapes.filter((s) => s.fate === 'cancelled').map((s) => s.fateText)).toEqual(['', '']);
	});

	it('put the fate’s words before the mark at the plot’s right edge', () => {
		const shapes = cancelShapes(input('taskgroup_nested'));
		const main = shapes.find((s) => s.fate === 'group')!;
		expect(main.fateAnchor).toBe('end');
		expect(main.fateTextX).toBeLessThan(main.fateX!);
	});

	it('have a tooltip from the asker to the fate', () => {
		const index = input('cancel_uncancel').index;
		expect(cancelTip(index, 0)).toEqual({
			title: 'Cancellation of stubborn()',
			lines: [
				{ kind: 'text', text: 'main() cancels stubborn() (line 28)' },
				{ kind: 'text', text: 'CancelledError lands on line 7; cancelling() = 1' },
				{ kind: 'text', text: 'caught on line 8' },
				{ kind: 'text', text: 'caught: the task goes on' }
			]
		});
	});
});

describe('the SVG export', () => {
	it('draws the brackets, their tags and the cancellation paths too', () => {
		const index = buildIndex(corpusRun('taskgroup_nested').trace);
		const svg = runViewSvg({
			index,
			snapshot: seek(index, index.length - 1),
			axis: 'step',
			width: 1280,
			palette: FALLBACK
		});
		expect(svg.match(/<g class="scope" data-scope="\d"/g)).toHaveLength(2);
		expect(svg).toContain('TaskGroup · line 25');
		expect(svg).toContain('<g class="cancel-path" data-fate="group">');
		expect(svg).toContain('>ExceptionGroup</text>');
	});
});
