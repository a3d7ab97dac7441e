import { describe, expect, it } from 'vitest';
import { buildIndex, seek } from '$lib/model';
import { getUsersBatchTrace } from '$lib/trace/testing/get-users-batch';
import { validateTrace } from '$lib/trace/validate';
import recorded from '../../../traces/get_users_batch.json';
import { callStackView, returnedValue } from './call-stack';

function batch() {
	const parsed = validateTrace(recorded);
	if (!parsed.ok) throw new Error(parsed.error);
	return { trace: parsed.trace, index: buildIndex(parsed.trace) };
}

describe('callStackView', () => {
	it('shows a sleeping fetch_user: its frame, line and code, and its variables', () => {
		const { trace, index } = batch();
		const task = trace.tasks.findIndex((t) => t.label === 'fetch_user(2)');
		let cursor = 0;
		while (seek(index, cursor).tasks[task].state !== 'waiting') cursor++;
		const view = callStackView(seek(index, cursor), trace.source.code, task);
		expect(view.reason).toBe('selected');
		expect(view.status).toBe('waiting on asyncio.sleep(0.5)');
		expect(view.frames[0]).toMatchObject({ name: 'fetch_user', line: 6 });
		expect(view.frames[0].code).toMatch(/^await asyncio\.sleep\(0\.5\)/);
		expect(view.locals).toContainEqual(['user_id', '2']);
	});

	it('lists frames innermost first', () => {
		const { trace, index } = batch();
		const snap = seek(index, 30);
		const main = 0;
		const view = callStackView(snap, trace.source.code, main);
		const names = snap.tasks[main].stack.map((frame) => frame.name);
		expect(view.frames.map((frame) => frame.name)).toEqual([...names].reverse());
	});

	it('follows the running task when none is selected, and shows nothing when none runs', () => {
		const { trace, index } = batch();
		let cursor = 0;
		while (seek(index, cursor).running === null) cursor++;
		const running = seek(index, cursor);
		expect(callStackView(running, trace.source.code, null)).toMatchObject({
			task: running.running,
			reason: 'running'
		});
		expect(callStackView(seek(index, 0), trace.source.code, null).task).toBeNull();
	});

	it('has no frames for a task not created yet (v1 traces too)', () => {
		const trace = getUsersBatchTrace();
		const index = buildIndex(trace);
		const view = callStackView(seek(index, 0), trace.source.code, 2);
		expect(view.state).toBe('not_created');
		expect(view.frames).toEqual([]);
	});
});

describe('returnedValue', () => {
	it('is what the last call or await of the step handed back, until the task suspends', async () => {
		const { readFileSync } = await import('node:fs');
		const parsed = validateTrace(
			JSON.parse(readFileSync('tests/corpus/returned_coroutine.trace.json', 'utf8'))
		);
		if (!parsed.ok) throw new Error(parsed.error);
		const { events } = parsed.trace;
		const back = events.find((event) => event.kind === 'coro_return' && event.coro === 'get_user')!;
		expect(returnedValue(events, back.seq, 0)).toEqual({
			from: 'get_user()',
			value: '<coroutine object fetch_user>',
			coroutine: true,
			seq: back.seq
		});
		expect(returnedValue(events, back.seq + 1, 0)?.seq).toBe(back.seq);
		expect(returnedValue(events, back.seq - 1, 0)).toBeNull();
		const suspend = events.find((event) => event.kind === 'suspend' && event.seq > back.seq)!;
		expect(returnedValue(events, suspend.seq, 0)).toBeNull();
		const view = callStackView(
			seek(buildIndex(parsed.trace), back.seq),
			parsed.trace.source.code,
			null,
			events
		);
		expect(view.returned?.value).toBe('<coroutine object fetch_user>');
	});
});
