import { describe, expect, it } from 'vitest';
import { DEFAULT_EXAMPLE } from '$lib/examples';
import { getUsersBatchTrace } from '$lib/trace/testing/get-users-batch';
import { validatedRecorder } from './recorder';
import { Session } from './session.svelte';

/** A recorder whose runs (their JSON, validated as the page's are) the test settles by hand. */
function manualRecorder() {
	const pending: { code: string; resolve: (text: string) => void; reject: (e: Error) => void }[] =
		[];
	const recorder = validatedRecorder(
		(code) => new Promise((resolve, reject) => pending.push({ code, resolve, reject }))
	);
	return { recorder, pending };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('Session', () => {
	it('starts on the default example, its code and its run together', () => {
		const session = new Session(manualRecorder().recorder);
		session.showDefault();
		expect(session.code).toBe(DEFAULT_EXAMPLE.code);
		expect(session.player.trace?.source.code).toBe(DEFAULT_EXAMPLE.code);
		expect(session.stale).toBe(false);
	});

	it('runs the code and shows its run; Run is ready again afterwards', async () => {
		const { recorder, pending } = manualRecorder();
		const session = new Session(recorder);
		const trace = getUsersBatchTrace([7, 8]);
		session.code = trace.source.code;
		const done = session.run();
		expect(session.running).toBe(true);
		expect(pending[0].code).toBe(trace.source.code);
		pending[0].resolve(JSON.stringify(trace));
		await done;
		expect(session.running).toBe(false);
		expect(session.player.trace?.tasks.length).toBe(3);
		expect(session.notice).toBeNull();
	});

	it('ends the busy state and says why when the run fails or its trace is broken', async () => {
		const { recorder, pending } = manualRecorder();
		const session = new Session(recorder);
		session.showDefault();
		let done = session.run();
		pending[0].reject(new Error('the worker died'));
		await done;
		expect(session.running).toBe(false);
		expect(session.notice?.text).toContain('the worker died');

		done = session.run();
		pending[1].resolve('{"format": "nope"}');
		await done;
		expect(session.running).toBe(false);
		expect(session.notice?.text).toContain('invalid trace');
		// The run on screen is still the example's, with its own code.
		expect(session.player.trace?.source.code).toBe(DEFAULT_EXAMPLE.code);
	});

	it('drops a run that finishes after another program was opened', async () => {
		const { recorder, pending } = manualRecorder();
		const session = new Session(recorder);
		session.showDefault();
		const done = session.run();
		const opened = getUsersBatchTrace([4, 5, 6, 7]);
		session.openTrace(opened);
		pending[0].resolve(JSON.stringify(getUsersBatchTrace([1])));
		await done;
		expect(session.running).toBe(false);
		expect(session.player.trace).toBe(opened);
		expect(session.code).toBe(opened.source.code);
	});

	it('opens a file as one unit: its code, its run, no example, no stale mark', () => {
		const session = new Session(manualRecorder().recorder);
		session.showDefault();
		session.code = 'print("typed")';
		expect(session.stale).toBe(true);
		const opened = getUsersBatchTrace([9]);
		session.openTrace(opened);
		expect(session.code).toBe(opened.source.code);
		expect(session.player.trace).toBe(opened);
		expect(session.exampleId).toBe('');
		expect(session.stale).toBe(false);
	});

	it('marks nothing in the editor while the run is of other code', () => {
		const session = new Session(manualRecorder().recorder);
		session.showDefault();
		session.player.seek(20);
		expect(session.marks.current).not.toBeNull();
		session.code = `${session.code}\n# edited`;
		expect(session.marks).toEqual({ current: null, paused: [], error: null });
	});

	it('opens an example with its own recorded run', async () => {
		const session = new Session(manualRecorder().recorder);
		session.showDefault();
		await session.openExample('simple_async');
		await tick();
		expect(session.exampleId).toBe('simple_async');
		expect(session.player.trace?.source.code).toBe(session.code);
	});

	it('tells the page what an example, a link or a file replaces, and not what a run keeps', async () => {
		const { recorder, pending } = manualRecorder();
		const session = new Session(recorder);
		session.showDefault();
		const replaced: [string, string][] = [];
		session.onreplace = (previous, incoming) => replaced.push([previous, incoming]);

		session.code = 'print("mine")';
		const done = session.run();
		pending[0].resolve(JSON.stringify(getUsersBatchTrace([1])));
		await done;
		expect(replaced).toEqual([]);

		await session.openExample('simple_async');
		expect(replaced).toEqual([['print("mine")', session.code]]);

		const file = getUsersBatchTrace([5]);
		session.openTrace(file);
		expect(replaced[1]).toEqual([replaced[0][1], file.source.code]);
	});
});
