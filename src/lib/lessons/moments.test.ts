import { describe, expect, it } from 'vitest';
import { recordedTrace } from '../trace/testing/recorded';
import { resolveMoments } from './moments';

const batch = recordedTrace('get_users_batch');
const at = (seq: number | null) => (seq === null ? null : batch.events[seq]);

describe('resolveMoments', () => {
	it('finds an event by kind, task label or name, and what it awaits', () => {
		const [created, suspended, byName] = resolveMoments(batch, [
			{ kind: 'task_created', task: 'fetch_user(2)' },
			{ kind: 'suspend', awaits: 'sleep' },
			{ kind: 'task_done', task: 'Task-4' }
		]);
		expect(at(created)).toMatchObject({ kind: 'task_created', task: 2 });
		expect(at(suspended)).toMatchObject({ kind: 'suspend', task: 1, awaits: { kind: 'sleep' } });
		expect(at(byName)).toMatchObject({ kind: 'task_done', task: 3 });
	});

	it('searches each moment after the one before it', () => {
		const [first, second] = resolveMoments(batch, [{ kind: 'suspend' }, { kind: 'suspend' }]);
		expect(at(first)).toMatchObject({ task: 0, awaits: { kind: 'gather' } });
		expect(at(second)).toMatchObject({ task: 1, awaits: { kind: 'sleep' } });
	});

	it('matches source text, printed text, first steps, outcomes and time', () => {
		const [line, printed, resumed, done, late] = resolveMoments(batch, [
			{ kind: 'line', line: 'await asyncio.sleep(0.5)' },
			{ kind: 'stdout', prints: 'user 2' },
			{ kind: 'step_start', first: false },
			{ kind: 'task_done', outcome: 'result' },
			{ from: 0.5, kind: 'stdout' }
		]);
		expect(at(line)).toMatchObject({ kind: 'line', line: 6 });
		expect(at(printed)).toMatchObject({ kind: 'stdout', text: 'Fetching user 2...\n' });
		expect(at(resumed)).toMatchObject({ kind: 'step_start', first: false, t: 0.5 });
		expect(at(done)).toMatchObject({ kind: 'task_done', outcome: 'result' });
		expect(at(late)).toMatchObject({ kind: 'stdout', text: 'Got 3 users\n' });
	});

	it('gives the last event for the end, and null for what is not there', () => {
		const [missing, end, afterEnd] = resolveMoments(batch, [
			{ kind: 'warning' },
			{ end: true },
			{ kind: 'stdout' }
		]);
		expect(missing).toBeNull();
		expect(end).toBe(batch.events.length - 1);
		expect(afterEnd).toBeNull();
	});

	it('does not match an event that lacks the field asked for', () => {
		// A task that does not exist, and a line that the source does not have.
		expect(resolveMoments(batch, [{ task: 'fetch_user(9)' }, { line: 'no such text' }])).toEqual([
			null,
			null
		]);
		// `prints` only matches stdout; `first` only step_start.
		expect(at(resolveMoments(batch, [{ prints: 'Got' }])[0])).toMatchObject({ kind: 'stdout' });
		expect(at(resolveMoments(batch, [{ first: true }])[0])).toMatchObject({ kind: 'step_start' });
	});
});
