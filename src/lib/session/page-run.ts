/**
 * How a page that shows one recorded run and never runs code (presenter mode, the storyboard,
 * the embed) finds the run to open: a run handed over in this tab, else the link in the
 * address, else an example. One function, so the three pages say the same about a broken link,
 * a link with code only or an unknown example.
 */
import {
	DEFAULT_EXAMPLE,
	EXAMPLES,
	defaultTrace,
	loadExampleTrace,
	type Example
} from '$lib/examples';
import type { OpenAt } from '$lib/player/player.svelte';
import { takeHandedRun, type HandedRun } from '$lib/share/handoff';
import { openPermalink, type OpenedLink } from '$lib/share/links';
import type { Notice } from '$lib/share/types';
import type { Trace } from '$lib/trace/schema';

/** What to open, and where from. */
export interface PageRunRequest {
	/** The address's fragment (`location.hash`): a permalink, or ''. */
	fragment: string;
	/** The example asked for (`?example=…`), or null for the default one. */
	example: string | null;
	/** Take a run another page of this tab handed over (see `$lib/share/handoff`). */
	handoff: boolean;
	/**
	 * When the link gives nothing usable, show an example and say so (a screen is never empty);
	 * false: only say so (a printed handout must not show another program's run).
	 */
	fallback: boolean;
}

/** Where a run came from. */
export type PageRunSource = 'handoff' | 'link' | 'example';

/** The run a page opens. */
export interface PageRun {
	/** The run to show, or null: a link with code only, a broken link without fallback, a failed example. */
	trace: Trace | null;
	/** The moment to open it at (a link's or a handed run's). */
	at: OpenAt;
	from: PageRunSource;
	/** The example shown, when `from` is 'example'. */
	example: Example | null;
	/** What to tell the reader, or null. */
	notice: Notice | null;
}

/** Where the run comes from: injected by tests. */
export interface PageRunSources {
	takeHandedRun: () => HandedRun | null;
	openPermalink: (fragment: string) => Promise<OpenedLink | null>;
	loadExampleTrace: (id: string) => Promise<Trace>;
}

const BROWSER: PageRunSources = { takeHandedRun, openPermalink, loadExampleTrace };

/** Finds the run to open (see the module's comment). Never rejects. */
export async function openPageRun(
	request: PageRunRequest,
	sources: PageRunSources = BROWSER
): Promise<PageRun> {
	const handed = request.handoff ? sources.takeHandedRun() : null;
	if (handed)
		return { trace: handed.trace, at: handed.at, from: 'handoff', example: null, notice: null };
	const link = await sources.openPermalink(request.fragment);
	let broken = '';
	if (link) {
		const error = link.notice?.kind === 'error' ? link.notice : null;
		if (link.trace)
			return { trace: link.trace, at: link.at, from: 'link', example: null, notice: error };
		if (link.code !== null)
			return {
				trace: null,
				at: link.at,
				from: 'link',
				example: null,
				notice: {
					kind: 'info',
					text: `${error ? `${error.text} ` : ''}This link shares code without a recorded run: open it in Loopscope and press Run first.`
				}
			};
		broken = link.notice?.text ?? 'This link could not be read.';
		if (!request.fallback)
			return {
				trace: null,
				at: {},
				from: 'link',
				example: null,
				notice: { kind: 'error', text: broken }
			};
	}
	const id = request.example ?? DEFAULT_EXAMPLE.id;
	const found = EXAMPLES.find((candidate) => candidate.id === id);
	const example = found ?? DEFAULT_EXAMPLE;
	// A link with nothing usable in it, or an unknown example: say so, and show one we have.
	const problems = [broken, found ? '' : `There is no example called “${id}”.`].filter(Boolean);
	let notice: Notice | null = problems.length
		? { kind: 'error', text: `${problems.join(' ')} Showing “${example.title}” instead.` }
		: null;
	let trace: Trace | null = null;
	try {
		trace =
			example.id === DEFAULT_EXAMPLE.id
				? defaultTrace()
				: await sources.loadExampleTrace(example.id);
	} catch (error) {
		notice = { kind: 'error', text: error instanceof Error ? error.message : String(error) };
	}
	return { trace, at: {}, from: 'example', example, notice };
}
