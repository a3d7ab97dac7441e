import { describe, expect, it } from 'vitest';
import { DEFAULT_EXAMPLE, EXAMPLES } from '$lib/examples';
import type { HandedRun } from '$lib/share/handoff';
import type { OpenedLink } from '$lib/share/links';
import { getUsersBatchTrace } from '$lib/trace/testing/get-users-batch';
import { openPageRun, type PageRunRequest, type PageRunSources } from './page-run';

const other = EXAMPLES.find((example) => example.id !== DEFAULT_EXAMPLE.id)!;
const exampleTrace = getUsersBatchTrace([2]);

function sources(
	handed: HandedRun | null,
	link: OpenedLink | null
): PageRunSources & { asked: string[] } {
	const asked: string[] = [];
	return {
		asked,
		takeHandedRun: () => handed,
		openPermalink: async (fragment) => (asked.push(fragment), link),
		loadExampleTrace: async (id) => {
			if (id !== other.id) throw new Error(`no trace for ${id}`);
			return exampleTrace;
		}
	};
}

const request = (changes: Partial<PageRunRequest> = {}): PageRunRequest => ({
	fragment: '#v1.x',
	example: null,
	handoff: true,
	fallback: true,
	...changes
});

const linkOf = (changes: Partial<OpenedLink>): OpenedLink => ({
	code: 'print(1)',
	trace: null,
	at: {},
	rerun: false,
	notice: null,
	...changes
});

describe('openPageRun', () => {
	it('takes a run handed over in this tab before the link, when the page takes one', async () => {
		const trace = getUsersBatchTrace([1]);
		const from = sources({ trace, at: { cursor: 4 } }, linkOf({ trace: exampleTrace }));
		const run = await openPageRun(request(), from);
		expect(run).toMatchObject({ trace, at: { cursor: 4 }, from: 'handoff', notice: null });
		expect(from.asked).toEqual([]);

		const embed = await openPageRun(request({ handoff: false }), from);
		expect(embed.from).toBe('link');
		expect(embed.trace).toBe(exampleTrace);
	});

	it("opens a link's run at its moment, with what was damaged in it", async () => {
		const trace = getUsersBatchTrace([3]);
		const notice = { kind: 'error', text: 'Part of it was cut.' } as const;
		const run = await openPageRun(
			request(),
			sources(null, linkOf({ trace, at: { cursor: 2, axis: 'step' }, notice }))
		);
		expect(run).toMatchObject({ trace, at: { cursor: 2, axis: 'step' }, from: 'link', notice });
	});

	it('says a link has code only, and shows no run of other code', async () => {
		const run = await openPageRun(request(), sources(null, linkOf({})));
		expect(run.trace).toBeNull();
		expect(run.notice).toEqual({
			kind: 'info',
			text: 'This link shares code without a recorded run: open it in Loopscope and press Run first.'
		});
	});

	it('shows an example instead of a broken link, or only says so without fallback', async () => {
		const broken = linkOf({ code: null, notice: { kind: 'error', text: 'Not a link.' } });
		const run = await openPageRun(request({ example: other.id }), sources(null, broken));
		expect(run).toMatchObject({ trace: exampleTrace, from: 'example', example: other });
		expect(run.notice).toEqual({
			kind: 'error',
			text: `Not a link. Showing “${other.title}” instead.`
		});

		const paper = await openPageRun(request({ fallback: false }), sources(null, broken));
		expect(paper).toMatchObject({ trace: null, from: 'link' });
		expect(paper.notice).toEqual({ kind: 'error', text: 'Not a link.' });
	});

	it('opens the example asked for, or the default one and why', async () => {
		const asked = await openPageRun(
			request({ fragment: '', example: other.id }),
			sources(null, null)
		);
		expect(asked).toMatchObject({ trace: exampleTrace, example: other, notice: null });

		const unknown = await openPageRun(
			request({ fragment: '', example: 'no_such' }),
			sources(null, null)
		);
		expect(unknown.example).toBe(DEFAULT_EXAMPLE);
		expect(unknown.trace?.source.code).toBe(DEFAULT_EXAMPLE.code);
		expect(unknown.notice?.text).toBe(
			`There is no example called “no_such”. Showing “${DEFAULT_EXAMPLE.title}” instead.`
		);
	});

	it("says why an example's run could not be loaded, never rejecting", async () => {
		const failing = sources(null, null);
		failing.loadExampleTrace = async () => {
			throw new Error('offline');
		};
		const run = await openPageRun(request({ fragment: '', example: other.id }), failing);
		expect(run.trace).toBeNull();
		expect(run.notice).toEqual({ kind: 'error', text: 'offline' });
	});
});
