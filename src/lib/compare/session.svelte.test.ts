import { describe, expect, it, vi } from 'vitest';
import { marksAt } from '$lib/model/code-marks';
import { loadExampleTrace } from '$lib/examples';
import { linkedAt } from '$lib/model';
import { syntheticTrace } from '$lib/model/testing/synthetic';
import { INDEX_AT_ONCE_EVENTS } from '$lib/player/player.svelte';
import { RecordingSuperseded, type Recorder } from '$lib/runtime/client';
import { validatedRecorder } from '$lib/session/recorder';
import { decodeComparePermalink } from '$lib/share/permalink';
import { getUsersBatchTrace } from '$lib/trace/testing/get-users-batch';
import { COMPARE_SPEED, CompareSession, DEFAULT_PAIR } from './session.svelte';

const noRecorder: Recorder = () => Promise.reject(new Error('no Python in this test'));

async function pair(recorder: Recorder = noRecorder): Promise<CompareSession> {
	const session = new CompareSession(recorder);
	await session.openExample('a', DEFAULT_PAIR.a);
	await session.openExample('b', DEFAULT_PAIR.b);
	return session;
}

describe('CompareSession', () => {
	it("moves each side's player to its own event of the shared moment", async () => {
		const session = await pair();
		expect(session.a.trace?.source.code).toBe(session.a.code);
		expect(session.a.exampleId).toBe(DEFAULT_PAIR.a);
		const middle = Math.floor(session.last / 2);
		session.seek(middle);
		const at = linkedAt(session.linked, middle);
		expect(session.at).toEqual(at);
		expect(session.a.player.cursor).toBe(at.a);
		expect(session.b.player.cursor).toBe(at.b);
		expect(session.snapshotA?.cursor).toBe(at.a);
		expect(session.snapshotB?.cursor).toBe(at.b);
		session.seekRun('b', 3);
		expect(session.b.player.cursor).toBe(3);
		session.seek(10_000_000);
		expect(session.position).toBe(session.last);
		expect(session.a.player.atEnd && session.b.player.atEnd).toBe(true);
	});

	it('plays both runs on one clock: the sides never play on their own', async () => {
		vi.useFakeTimers();
		try {
			const session = await pair();
			session.play();
			expect(session.playing).toBe(true);
			vi.advanceTimersByTime(1000);
			expect(session.position).toBe(COMPARE_SPEED);
			expect(session.a.player.playing || session.b.player.playing).toBe(false);
			expect(session.b.player.cursor).toBe(session.at.b);
			vi.advanceTimersByTime(60_000);
			expect(session.position).toBe(session.last);
			expect(session.playing).toBe(false);
			// Play at the end starts over.
			session.toggle();
			expect(session.position).toBe(0);
			session.toggle();
			expect(session.playing).toBe(false);
		} finally {
			vi.useRealTimers();
		}
	});

	it('marks each editor and names tasks as the shared helpers do', async () => {
		const session = await pair();
		session.seek(12);
		const { a } = session;
		expect(a.marks).toEqual(marksAt(a.snapshot!, a.trace!, a.player.atEnd));
		a.code = `${a.code}\n# edited`;
		expect(a.stale).toBe(true);
		expect(a.marks).toEqual({ current: null, paused: [], error: null });
		const task = a.trace!.tasks[0];
		expect(a.nameOf(0)).toBe(task.label || task.name);
		expect(a.nameOf(999)).toBe('task 999');
	});

	it('records a side through the one Recorder contract and keeps the moment in time', async () => {
		const asked: string[] = [];
		const recorded = getUsersBatchTrace([1, 1, 1]);
		const session = await pair(
			validatedRecorder(async (code, filename) => {
				asked.push(filename);
				return JSON.stringify(recorded);
			})
		);
		session.seek(20);
		const t = session.at.t;
		await session.run('a');
		expect(asked).toEqual([`${DEFAULT_PAIR.a}.py`]);
		expect(session.a.trace?.tasks.length).toBe(recorded.tasks.length);
		expect(session.a.running).toBe(false);
		expect(session.a.error).toBeNull();
		expect(session.at.t).toBeLessThanOrEqual(t);
		expect(session.a.player.cursor).toBe(session.at.a);
	});

	it('says why a run failed, and nothing when a newer run replaced it', async () => {
		const bad = await pair(validatedRecorder(async () => '{"format": "nope"}'));
		await bad.run('b');
		expect(bad.b.error).toMatch(/^Could not run B: The recorder produced an invalid trace: /);
		expect(bad.b.trace?.source.code).toBe(bad.b.code);

		const superseded = await pair(() => Promise.reject(new RecordingSuperseded()));
		await superseded.run('a');
		expect(superseded.a.error).toBeNull();
	});

	it('indexes a big run in slices before showing it, and drops one a newer run replaced', async () => {
		const session = await pair();
		const big = syntheticTrace({ events: INDEX_AT_ONCE_EVENTS + 2_000 });
		const opening = session.setTrace('a', big);
		expect(session.a.preparing).toBe(true);
		expect(session.a.trace).not.toBe(big);
		await opening;
		expect(session.a.preparing).toBe(false);
		expect(session.a.trace).toBe(big);
		expect(session.a.index?.length).toBe(big.events.length);
		expect(session.a.facts?.duration).toBeGreaterThan(0);
		expect(session.a.times.length).toBe(big.events.length);

		const dropped = session.setTrace('b', syntheticTrace({ events: INDEX_AT_ONCE_EVENTS + 1 }));
		const example = await loadExampleTrace(DEFAULT_PAIR.a);
		const replacing = session.setTrace('b', example);
		// The big run's indexing stops at once, not merely its result dropped later.
		expect(session.b.player.preparing).toBe(false);
		expect(session.b.preparing).toBe(false);
		await replacing;
		await dropped;
		expect(session.b.trace).toBe(example);
	});

	it('reopens a comparison from its link: both programs, both runs, the same moment', async () => {
		const session = await pair();
		session.seek(17);
		const fragment = await session.link();
		const reader = new CompareSession(noRecorder);
		const notice = await reader.openLink(fragment, decodeComparePermalink);
		expect(notice?.kind).toBe('info');
		expect(reader.a.code).toBe(session.a.code);
		expect(reader.b.trace?.events.length).toBe(session.b.trace?.events.length);
		expect(reader.position).toBe(17);
		expect(reader.a.player.cursor).toBe(session.a.player.cursor);
		expect(reader.a.exampleId).toBe('');
	});
});
