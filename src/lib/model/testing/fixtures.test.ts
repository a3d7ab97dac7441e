import { describe, expect, it } from 'vitest';
import { validateTrace } from '../../trace/validate';
import { FIXTURES } from './fixtures';
import { syntheticTrace } from './synthetic';

describe('fixtures', () => {
	it.each(Object.entries(FIXTURES))('%s is a valid v1 trace', (_, make) => {
		expect(validateTrace(make())).toMatchObject({ ok: true });
	});

	it('synthetic traces are valid, exactly as long as asked, and repeat exactly', () => {
		const trace = syntheticTrace({ events: 5_000, workers: 8, seed: 3 });
		expect(validateTrace(trace)).toMatchObject({ ok: true });
		expect(trace.events).toHaveLength(5_000);
		expect(trace.result).toMatchObject({ status: 'limit', limit: { kind: 'events' } });
		expect(syntheticTrace({ events: 5_000, workers: 8, seed: 3 })).toEqual(trace);
	});

	it('a short synthetic run finishes with main done', () => {
		const trace = syntheticTrace({ events: 100_000, workers: 3, rounds: 10, seed: 1 });
		expect(trace.events.length).toBeLessThan(100_000);
		expect(trace.result.status).toBe('ok');
		expect(trace.events.at(-1)).toMatchObject({ kind: 'task_done', task: 0 });
	});
});
