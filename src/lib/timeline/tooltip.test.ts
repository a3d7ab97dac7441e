import { describe, expect, it } from 'vitest';
import { buildIndex } from '../model/build-index';
import { awaitAndThread, blockingSleep, failing, getUsersBatch } from '../model/testing/fixtures';
import { lanes } from '../model/lanes';
import { taskOutcomes } from './outcomes';
import { tooltipFor } from './tooltip';

describe('tooltipFor', () => {
	it('says what a sleeping task awaits, from when to when, over which events', () => {
		const index = buildIndex(getUsersBatch());
		const lane = lanes(index, 'time')[1];
		const segment = lane.segments.find((s) => s.state === 'waiting') ?? null;
		const tip = tooltipFor(index, 'time', { lane, segment, atEnd: false }, new Map());
		expect(tip.title).toBe('Task-2 · fetch_user(1)');
		expect(tip.lines[0]).toEqual({ kind: 'state', state: 'waiting', text: 'waiting' });
		expect(tip.lines[1]).toEqual({ kind: 'text', text: 'awaits asyncio.sleep(0.5)' });
		expect(tip.lines[2].text).toBe('0 s → 0.5 s  (0.5 s)');
		expect(tip.lines[3].text).toMatch(/^events \d+–\d+$/);
	});

	it('measures a blocking call to its end, not to its next event', () => {
		const index = buildIndex(blockingSleep());
		const blocked = lanes(index, 'time')
			.flatMap((lane) => lane.segments.map((segment) => ({ lane, segment })))
			.find(({ segment }) => segment.state === 'blocked');
		if (!blocked) throw new Error('no blocked segment');
		const tip = tooltipFor(index, 'time', { ...blocked, atEnd: false }, new Map());
		expect(tip.lines[0]).toMatchObject({ state: 'blocked' });
		expect(tip.lines.some((line) => line.text.includes(`→`))).toBe(true);
		expect(tip.lines.map((line) => line.text).join('\n')).toContain('time.sleep');
	});

	it('names the task a worker thread runs for', () => {
		const index = buildIndex(awaitAndThread());
		const worker = lanes(index, 'time').find((lane) => lane.kind === 'worker');
		const segment = worker?.segments.find((s) => s.state === 'running') ?? null;
		if (!worker || !segment) throw new Error('no worker lane');
		const tip = tooltipFor(index, 'time', { lane: worker, segment, atEnd: false }, new Map());
		expect(tip.lines[0]).toEqual({
			kind: 'state',
			state: 'running',
			text: 'running on a worker thread'
		});
		expect(
			tip.lines.some((line) => line.kind === 'muted' && line.text.startsWith('for Task-'))
		).toBe(true);
	});

	it('says how a task ended at the end of its lane', () => {
		const index = buildIndex(failing());
		const lane = lanes(index, 'step')[0];
		const tip = tooltipFor(
			index,
			'step',
			{ lane, segment: null, atEnd: true },
			taskOutcomes(index.trace)
		);
		expect(tip.lines).toEqual([
			{ kind: 'state', state: 'failed', text: 'raised ZeroDivisionError: division by zero' }
		]);
	});
});
