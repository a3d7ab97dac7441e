import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTrace } from '../trace/validate';
import { buildIndex } from './build-index';
import { FIXTURES } from './testing/fixtures';
import { lanes } from './lanes';
import { narrate } from './narrate';
import { seek } from './seek';
import { corpusRuns, expectModelInvariants } from './testing';

const dir = new URL('../../../traces/', import.meta.url);
const files = existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.json')) : [];
const load = (name: string) => {
	const parsed = parseTrace(readFileSync(new URL(name, dir), 'utf8'));
	if (!parsed.ok) throw new Error(`${name}: ${parsed.error}`);
	return parsed.trace;
};

describe('model invariants on the fixtures', () => {
	it.each(Object.entries(FIXTURES))('%s', (_, make) => {
		expectModelInvariants(make());
	});
});

describe('model invariants on the corpus (tests/corpus/*.trace.json)', () => {
	it.each(corpusRuns().map((run) => [run.name, run.trace] as const))('%s', (_, trace) => {
		expectModelInvariants(trace);
	});
});

describe.skipIf(files.length === 0)('recorded example traces (traces/*.json)', () => {
	it.each(files)('%s: the model holds on every event', (name) => {
		expectModelInvariants(load(name));
	});

	it.skipIf(!files.includes('get_users_batch.json'))(
		'get_users_batch.json: three fetches sleep side by side, so the run takes 0.5 s, not 1.5 s',
		() => {
			const trace = load('get_users_batch.json');
			const index = buildIndex(trace);
			const last = seek(index, index.length - 1);
			expect(trace.result.status).toBe('ok');
			expect(index.endTime).toBeCloseTo(0.5, 6);
			expect(last.tasks.every((task) => task.state === 'done')).toBe(true);
			expect(last.output.filter((line) => line.text.startsWith('Fetching user'))).toHaveLength(3);
			// Every fetch is asleep at once: waiting on a sleep until 0.5.
			const sleeping = trace.events.findIndex(
				(event, i) =>
					seek(index, i).tasks.filter(
						(task) => task.state === 'waiting' && task.awaits?.kind === 'sleep'
					).length === 3
			);
			expect(sleeping).toBeGreaterThan(0);
			const sleeps = trace.events.filter(
				(event) => event.kind === 'suspend' && event.awaits.kind === 'sleep'
			);
			for (const event of sleeps)
				expect(narrate(index, event.seq)).toContain('sets a timer for t = 0.5 s');
			const fetches = lanes(index, 'time').filter((lane) => lane.label.includes('fetch_user'));
			expect(fetches).toHaveLength(3);
			for (const lane of fetches)
				expect(
					lane.segments.some((s) => s.state === 'waiting' && s.start === 0 && s.end === 0.5)
				).toBe(true);
		}
	);
});
