import { describe, expect, it } from 'vitest';
import { manyTasksTrace } from '$lib/model/testing/synthetic';
import { getUsersBatchTrace } from '$lib/trace/testing/get-users-batch';
import { packTrace, transferablesOf, unpackTrace } from './trace-transfer';

describe('packTrace / unpackTrace', () => {
	it('gives back the same trace, read one chunk per turn', async () => {
		const trace = manyTasksTrace(3_000);
		const packed = packTrace(trace, 64 * 1024);
		expect(packed.events).toBe(trace.events.length);
		// Each chunk is a bounded slice of JSON, so parsing one is a short task.
		expect(packed.chunks.length).toBeGreaterThan(10);
		// So are the tasks: a run of many tasks lists them all before its first event.
		expect(packed.taskChunks.length).toBeGreaterThan(2);
		for (const chunk of [...packed.chunks, ...packed.taskChunks])
			expect(chunk.byteLength).toBeLessThan(64 * 1024 + 4_096);
		expect(packed.head.byteLength).toBeLessThan(4_096);
		let turns = 0;
		const unpacked = await unpackTrace(packed, async () => {
			turns++;
		});
		expect(turns).toBe(packed.chunks.length + packed.taskChunks.length);
		expect(unpacked).toEqual(trace);
	});

	it('transfers every buffer, and handles a run without events', async () => {
		const trace = { ...getUsersBatchTrace(), events: [] };
		const packed = packTrace(trace);
		expect(packed.chunks).toEqual([]);
		expect(transferablesOf(packed)).toEqual([packed.head, ...packed.taskChunks]);
		expect(await unpackTrace(packed, async () => {})).toEqual(trace);
	});
});
