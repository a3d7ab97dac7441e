/**
 * Opening and making share links in the browser: what a permalink fragment puts on screen
 * (with a plain-words notice for the reader), and the URLs of the playground and the embed.
 * The codec itself is `$lib/trace/permalink`.
 */
import type { OpenAt } from '$lib/player/player.svelte';
import type { ShareState } from './permalink';
import type { Trace } from '$lib/trace/schema';
import { traceLoader } from './trace-loader';
import type { Notice } from './types';

/** What a permalink asks the page to show. */
export interface OpenedLink {
	/** The code for the editor, or null when the link gave nothing usable. */
	code: string | null;
	/** The program's filename, when the link has one. */
	filename?: string;
	/** The recorded run to replay, or null (no run, or it must be recorded again). */
	trace: Trace | null;
	/** The moment: cursor, selected task and axis. With `rerun`, it applies to the new run. */
	at: OpenAt;
	/** The run was left out or damaged: the reader records it again by pressing Run. */
	rerun: boolean;
	/** What to tell the reader, or null. */
	notice: Notice | null;
}

function momentOf(state: Partial<ShareState>): OpenAt {
	const at: OpenAt = {};
	if (state.cursor !== undefined) at.cursor = state.cursor;
	if (state.task !== undefined) at.task = state.task;
	if (state.axis !== undefined) at.axis = state.axis;
	if (state.loopView !== undefined) at.loopView = state.loopView;
	return at;
}

/**
 * Reads a permalink fragment (`location.hash`), decoding it in a worker. Resolves to null when
 * there is none, or when a newer link replaced it before it was read; never rejects, and never
 * runs anything: code from a link runs only when the reader presses Run.
 */
export async function openPermalink(fragment: string): Promise<OpenedLink | null> {
	if (fragment.replace(/^#/, '').trim() === '') return null;
	const decoded = await traceLoader().decodeLink(fragment);
	if ('cancelled' in decoded) return null;
	if (decoded.ok) {
		const { state } = decoded;
		const opened: OpenedLink = {
			code: state.code,
			trace: state.trace,
			at: momentOf(state),
			rerun: decoded.rerun,
			notice: null
		};
		if (state.filename !== undefined) opened.filename = state.filename;
		if (state.trace) {
			opened.notice = {
				kind: 'info',
				text: 'This is a shared run, replayed as it was recorded: nothing has been executed. Press Run to run the code yourself.'
			};
		} else if (decoded.rerun) {
			opened.notice = {
				kind: 'info',
				text: 'This link carries the code only: its run was too long to fit in a link. Nothing has run yet. Press Run to record it again; it will open at the moment the sender shared.'
			};
		} else {
			opened.notice = {
				kind: 'info',
				text: 'This link carries code that has not been run. Press Run to run it.'
			};
		}
		return opened;
	}
	const recovered = decoded.recovered;
	if (!recovered || recovered.code === undefined)
		return {
			code: null,
			trace: null,
			at: {},
			rerun: false,
			notice: {
				kind: 'error',
				// The page says what it shows instead (the playground its example, presenter mode and
				// the embed theirs).
				text: decoded.error
			}
		};
	const trace = recovered.trace ?? null;
	const opened: OpenedLink = {
		code: recovered.code,
		trace,
		at: momentOf(recovered),
		// The recorder is deterministic: running the code gives the damaged run back.
		rerun: trace === null,
		notice: {
			kind: 'error',
			text: trace ? `${decoded.error} The rest of the link opened.` : decoded.error
		}
	};
	if (recovered.filename !== undefined) opened.filename = recovered.filename;
	return opened;
}

/**
 * The playground's URL with `fragment`, from a page whose base path is `base` (as in
 * `$app/paths`: relative like `..` or absolute like `/loopscope`) at `here` (its location).
 */
export function playgroundUrl(base: string, here: string, fragment = ''): string {
	const url = new URL(`${base}/`, here);
	url.search = '';
	url.hash = fragment;
	return url.href;
}

/** The embed's URL with `fragment`; see {@link playgroundUrl} for `base` and `here`. */
export function embedUrl(base: string, here: string, fragment = ''): string {
	const url = new URL(`${base}/embed/`, here);
	url.hash = fragment;
	return url.href;
}

/** An `<iframe>` snippet for course pages, slides and blog posts. */
export function embedSnippet(src: string, title: string): string {
	const attribute = (value: string): string =>
		value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
	return `<iframe src="${attribute(src)}" title="${attribute(title)}" width="100%" height="560" style="border: 0" loading="lazy"></iframe>`;
}
