import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../trace/schema';
import { endMark, taskOutcomes, truncate } from './outcomes';

describe('taskOutcomes', () => {
	it('collects each task’s first end', () => {
		const events: TraceEvent[] = [
			{ seq: 0, t: 0, kind: 'task_created', task: 0 },
			{ seq: 1, t: 1, kind: 'task_done', task: 1, outcome: 'cancelled', line: null },
			{
				seq: 2,
				t: 1,
				kind: 'task_done',
				task: 2,
				outcome: 'exception',
				error: { type: 'ValueError', message: 'bad id' },
				line: 4
			},
			{ seq: 3, t: 2, kind: 'task_done', task: 0, outcome: 'result', value: "'ok'", line: 9 },
			{ seq: 4, t: 2, kind: 'task_done', task: 0, outcome: 'exception', line: 9 }
		];
		const out = taskOutcomes({ events });
		expect(out.get(0)).toEqual({ outcome: 'result', seq: 3, value: "'ok'" });
		expect(out.get(1)).toEqual({ outcome: 'cancelled', seq: 1 });
		expect(out.get(2)?.error).toEqual({ type: 'ValueError', message: 'bad id' });
		expect(out.has(3)).toBe(false);
	});
});

describe('endMark', () => {
	it('marks failures and cancellations only', () => {
		expect(endMark('exception')).toBe('✕');
		expect(endMark('cancelled')).toBe('⊘');
		expect(endMark('result')).toBeNull();
		expect(endMark(undefined)).toBeNull();
	});
});

describe('truncate', () => {
	it('keeps short text and ellipsises long text', () => {
		expect(truncate('asyncio.sleep(0.5)', 40)).toBe('asyncio.sleep(0.5)');
		expect(truncate('asyncio.sleep(0.5)', 8)).toBe('asyncio…');
		expect(truncate('abc', 1)).toBe('…');
		expect(truncate('abc', 0)).toBe('');
	});
});
