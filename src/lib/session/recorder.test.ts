import { describe, expect, it } from 'vitest';
import { InvalidRecording, RecordingSuperseded } from '$lib/runtime/client';
import { getUsersBatchTrace } from '$lib/trace/testing/get-users-batch';
import { validatedRecorder } from './recorder';

describe('validatedRecorder', () => {
	it('resolves to the validated trace of the program it was given', async () => {
		const asked: [string, string][] = [];
		const record = validatedRecorder(async (code, filename) => {
			asked.push([code, filename]);
			return JSON.stringify(getUsersBatchTrace([3]));
		});
		const trace = await record('print(1)', 'a.py');
		expect(asked).toEqual([['print(1)', 'a.py']]);
		expect(trace.format).toBe('loopscope-trace');
		expect(trace.tasks.length).toBe(getUsersBatchTrace([3]).tasks.length);
	});

	it('rejects JSON that is not a trace, saying what is wrong', async () => {
		const record = validatedRecorder(async () => JSON.stringify({ format: 'nope' }));
		const failure = record('x', 'main.py');
		await expect(failure).rejects.toBeInstanceOf(InvalidRecording);
		await expect(failure).rejects.toThrow(/^The recorder produced an invalid trace: .+/);
	});

	it('rejects as superseded when a newer check cancelled this one', async () => {
		const record = validatedRecorder(
			async () => '{}',
			async () => ({ cancelled: true })
		);
		await expect(record('x', 'main.py')).rejects.toBeInstanceOf(RecordingSuperseded);
	});

	it("passes the runtime's own failure through", async () => {
		const record = validatedRecorder(async () => {
			throw new Error('the worker died');
		});
		await expect(record('x', 'main.py')).rejects.toThrow('the worker died');
	});
});
