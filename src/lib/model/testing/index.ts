/**
 * Checks every trace must pass, whatever produced it (fixtures, the recorder's example
 * traces): seek agrees with a plain replay, lanes agree with seek, narration is readable.
 * Test-only: imports vitest.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { Trace } from '../../trace/schema';
import { parseTrace } from '../../trace/validate';
import { buildIndex, type TraceIndex } from '../build-index';
import { lanes, laneState } from '../lanes';
import { narrate } from '../narrate';
import { apply, emptyWorld, taskStates } from '../replay';
import { seek } from '../seek';
import type { Axis } from '../types';

/** Asserts that seek, at every cursor, equals a plain replay of events 0..cursor. */
export function expectSeekMatchesReplay(index: TraceIndex): void {
	const { trace } = index;
	const world = emptyWorld(trace.tasks.length);
	for (let i = 0; i < trace.events.length; i++) {
		apply(world, trace.events[i], index.tables.ctx);
		const s = seek(index, i);
		expect(s.tasks).toEqual(taskStates(world));
		expect(s.ready).toEqual(world.ready.items());
		expect(s.timers).toEqual(world.timers.items());
		expect([s.running, s.line, s.iteration]).toEqual([world.running, world.line, world.iteration]);
	}
}

/** Asserts the model's invariants on every event of `trace`. */
export function expectModelInvariants(trace: Trace): void {
	const index = buildIndex(trace, { checkpointEvery: 11 });
	expectSeekMatchesReplay(index);
	const stepLanes = lanes(index, 'step');
	for (let i = 0; i < trace.events.length; i++) {
		const s = seek(index, i);
		for (const task of s.tasks) {
			const segment = stepLanes[task.id].segments.find((g) => g.startSeq <= i && i < g.endSeq);
			expect(segment?.state ?? null).toBe(laneState(task.state));
		}
		const text = narrate(index, i);
		expect(text).toMatch(/^\S.*[.]$/s);
		expect(text).not.toMatch(/undefined|NaN|\[object/);
	}
	const axes: Axis[] = ['time', 'step'];
	for (const axis of axes)
		for (const lane of lanes(index, axis))
			lane.segments.forEach((segment, k) => {
				expect(segment.start).toBeLessThanOrEqual(segment.end);
				if (lane.kind === 'task' && k > 0)
					expect(segment.startSeq).toBe(lane.segments[k - 1].endSeq);
			});
}

const CORPUS = new URL('../../../../tests/corpus/', import.meta.url);

/** A program of tests/corpus and its recorded trace (tests/corpus/<name>.trace.json). */
export interface CorpusRun {
	readonly name: string;
	readonly trace: Trace;
	/** What CPython 3.11 did with it (tests/corpus/<name>.expected.json). */
	readonly expected: { readonly stdout: string; readonly duration: number } & Record<
		string,
		unknown
	>;
}

/** Every corpus program's recorded run, by name. */
export function corpusRuns(): CorpusRun[] {
	return readdirSync(CORPUS)
		.filter((file) => file.endsWith('.trace.json'))
		.sort()
		.map((file) => {
			const name = file.replace(/\.trace\.json$/, '');
			const parsed = parseTrace(readFileSync(new URL(file, CORPUS), 'utf8'));
			if (!parsed.ok) throw new Error(`${file}: ${parsed.error}`);
			const expected = JSON.parse(
				readFileSync(new URL(`${name}.expected.json`, CORPUS), 'utf8')
			) as CorpusRun['expected'];
			return { name, trace: parsed.trace, expected };
		});
}

/** One corpus program's recorded run. */
export function corpusRun(name: string): CorpusRun {
	const run = corpusRuns().find((entry) => entry.name === name);
	if (!run) throw new Error(`no corpus program ${name}`);
	return run;
}
