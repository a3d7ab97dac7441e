import { describe, expect, it } from 'vitest';
import { encodeBase64url } from '$lib/trace/base64url';
import { deflate } from '$lib/trace/deflate';
import { decodePermalink, encodePermalink } from './permalink';
import { getUsersBatchTrace } from '$lib/trace/testing/get-users-batch';
import {
	decodeWalkthroughLink,
	encodeWalkthroughLink,
	isWalkthroughFragment,
	stepsBeyondRun,
	tidyWalkthrough,
	WALKTHROUGH_LIMITS,
	type Walkthrough
} from './walkthrough-link';

const trace = getUsersBatchTrace();
const run = { code: trace.source.code, filename: 'batch.py', trace, axis: 'time' as const };
const walkthrough: Walkthrough = {
	title: 'Why gather is concurrent',
	steps: [
		{ at: 9, caption: 'All three `fetch_user` tasks are in the ready queue.' },
		{ at: 3, caption: 'Task-1 starts.', prompt: 'What runs first?' }
	]
};

async function packed(value: unknown): Promise<string> {
	return encodeBase64url(await deflate(new TextEncoder().encode(JSON.stringify(value))));
}

async function linkWith(part: unknown): Promise<string> {
	const { fragment } = await encodePermalink({ ...run, cursor: 0, task: null });
	return `#w1.${await packed(part)}~${fragment.slice(1)}`;
}

describe('walkthrough links', () => {
	it('round-trip the title, the captions, the questions and the run, steps in the run’s order', async () => {
		const { fragment, traceIncluded } = await encodeWalkthroughLink(walkthrough, run);
		expect(fragment).toMatch(/^#w1\.[\w-]+~v1\./);
		expect(traceIncluded).toBe(true);
		expect(isWalkthroughFragment(fragment)).toBe(true);
		const decoded = await decodeWalkthroughLink(fragment);
		if (!decoded.ok) throw new Error(decoded.error);
		expect(decoded.walkthrough).toEqual({
			title: 'Why gather is concurrent',
			steps: [
				{ at: 3, caption: 'Task-1 starts.', prompt: 'What runs first?' },
				{ at: 9, caption: 'All three `fetch_user` tasks are in the ready queue.' }
			]
		});
		// The run's half is handed on as it is, to be decoded once where it opens.
		expect(decoded.runFragment).toBe(`#${fragment.slice(fragment.indexOf('~') + 1)}`);
		const opened = await decodePermalink(decoded.runFragment);
		if (!opened.ok) throw new Error(opened.error);
		expect(opened.state.trace?.events.length).toBe(trace.events.length);
		expect(opened.state.filename).toBe('batch.py');
		expect(opened.state.cursor).toBe(3);
	});

	it('keep captions as text: markup arrives as the characters typed', async () => {
		const caption = '<img src=x onerror=alert(1)> & <b>bold</b>';
		const { fragment } = await encodeWalkthroughLink(
			{ title: '<script>', steps: [{ at: 1, caption }] },
			run
		);
		const decoded = await decodeWalkthroughLink(fragment);
		if (!decoded.ok) throw new Error(decoded.error);
		expect(decoded.walkthrough.title).toBe('<script>');
		expect(decoded.walkthrough.steps[0].caption).toBe(caption);
	});

	it('are tidied before sharing: one step per moment, blank questions dropped, moments clamped', () => {
		const tidy = tidyWalkthrough(
			{
				title: '  Title  ',
				steps: [
					{ at: 500, caption: ' last ' },
					{ at: 2, caption: 'first', prompt: '   ' },
					{ at: 2, caption: 'first, again' }
				]
			},
			50
		);
		expect(tidy).toEqual({
			title: 'Title',
			steps: [
				{ at: 2, caption: 'first, again' },
				{ at: 50, caption: 'last' }
			]
		});
	});

	it('refuse to encode a walkthrough with no steps', async () => {
		await expect(encodeWalkthroughLink({ title: 't', steps: [] }, run)).rejects.toThrow(/no steps/);
	});

	it.each([
		['', /no walkthrough/],
		['#v1.abc', /not a Loopscope walkthrough link/],
		['#w9.abc~v1.x', /newer Loopscope/],
		['#w1.abc', /ends before its run/],
		['#w1.@@@~v1.x', /characters a Loopscope link never has/]
	])('say what is wrong with %j', async (fragment, error) => {
		const decoded = await decodeWalkthroughLink(fragment);
		expect(decoded.ok).toBe(false);
		if (!decoded.ok) expect(decoded.error).toMatch(error);
	});

	it('refuse more text or more steps than a walkthrough holds, naming the step', async () => {
		const long = 'x'.repeat(WALKTHROUGH_LIMITS.caption + 1);
		const tooLong = await decodeWalkthroughLink(
			await linkWith({
				t: 'T',
				s: [
					[1, 'ok'],
					[2, long]
				]
			})
		);
		expect(tooLong).toEqual({ ok: false, error: expect.stringMatching(/step 2 has more text/) });
		const many = Array.from({ length: WALKTHROUGH_LIMITS.steps + 1 }, (_, i) => [i, 'c']);
		const tooMany = await decodeWalkthroughLink(await linkWith({ t: 'T', s: many }));
		expect(tooMany).toEqual({ ok: false, error: expect.stringMatching(/more than 50 steps/) });
		const html = await decodeWalkthroughLink(await linkWith({ t: 'T', s: [[1, { html: 'x' }]] }));
		expect(html).toEqual({ ok: false, error: expect.stringMatching(/step 1 is not a moment/) });
	});

	it('refuse a step beyond the end of the run, once the run is known', async () => {
		const decoded = await decodeWalkthroughLink(await linkWith({ t: 'T', s: [[100_000, 'c']] }));
		if (!decoded.ok) throw new Error(decoded.error);
		expect(stepsBeyondRun(decoded.walkthrough, trace.events.length)).toBe(
			`Step 1 of this walkthrough points at event 100000, but its run has only ${trace.events.length} events.`
		);
		expect(stepsBeyondRun(walkthrough, trace.events.length)).toBeNull();
	});

	it('check only the captions: the run inside is decoded where it opens', async () => {
		const { fragment } = await encodeWalkthroughLink(walkthrough, run);
		const cut = await decodeWalkthroughLink(fragment.slice(0, -20));
		expect(cut.ok).toBe(true);
		if (cut.ok) expect((await decodePermalink(cut.runFragment)).ok).toBe(false);
		const notARun = await decodeWalkthroughLink(`${fragment.slice(0, fragment.indexOf('~'))}~x`);
		expect(notARun).toEqual({
			ok: false,
			error: expect.stringMatching(/its run is not a Loopscope share link/)
		});
	});
});
