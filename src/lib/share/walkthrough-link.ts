/**
 * A teacher's walkthrough of one run, as one link: the moments of the run that matter, each
 * with a caption (and, when the teacher asks one, a question to think about before it shows),
 * and the run itself as a share link carries it. `#w1.<walkthrough>~<share link>`: the second
 * half is exactly a permalink's fragment, so the run inside opens (and fails) as a link does.
 * Captions are plain text (`backticks` mark code, as in the lessons); nothing is ever HTML.
 * The run's half is decoded once, where it is opened (`openPermalink`, in a worker): this module
 * checks the captions and their bounds, and {@link stepsBeyondRun} checks the moments against
 * the run once it is loaded.
 */
import { z } from 'zod';
import { MAX_LINK_CHARS } from '$lib/trace/limits';
import { packPart, unpackPart } from '$lib/trace/permalink';
import { encodePermalink } from './permalink';
import type { Trace } from '$lib/trace/schema';

/** The walkthrough link format this build writes. */
export const WALKTHROUGH_VERSION = 1;

/** How much a walkthrough may hold: enough for a class, bounded before any work is done. */
export const WALKTHROUGH_LIMITS = {
	title: 120,
	steps: 50,
	caption: 1_000,
	prompt: 300
} as const;

/** One stop of a walkthrough. */
export interface WalkthroughStep {
	/** The event it stops at (0-based, as the player's cursor). */
	at: number;
	/** What to notice there, in the teacher's words. */
	caption: string;
	/** A question the class thinks about before the caption shows (optional). */
	prompt?: string;
}

/** A walkthrough: its title and its stops, in the run's order. */
export interface Walkthrough {
	title: string;
	steps: WalkthroughStep[];
}

/** The run a walkthrough walks through. */
export interface WalkthroughRun {
	code: string;
	filename?: string;
	trace: Trace;
	axis: 'time' | 'step';
}

/** The outcome of {@link decodeWalkthroughLink}. */
export type DecodedWalkthrough =
	| {
			ok: true;
			walkthrough: Walkthrough;
			/**
			 * The run's half of the link, not yet decoded: a share link's fragment (`#v1.…`), opened
			 * as one is; then check the steps with {@link stepsBeyondRun}.
			 */
			runFragment: string;
	  }
	| { ok: false; error: string };

// [at, caption] or [at, caption, prompt].
const StepSchema = z.tuple([
	z.number().int().nonnegative(),
	z.string().max(WALKTHROUGH_LIMITS.caption),
	z.string().max(WALKTHROUGH_LIMITS.prompt).optional()
]);

const PartSchema = z.object({
	t: z.string().max(WALKTHROUGH_LIMITS.title),
	s: z.array(StepSchema).min(1).max(WALKTHROUGH_LIMITS.steps)
});

/** True when `fragment` (with or without `#`) is a walkthrough link rather than a run's. */
export function isWalkthroughFragment(fragment: string): boolean {
	return /^#?w\d/.test(fragment);
}

/**
 * The walkthrough as it will be shared: steps sorted by moment, one per moment, blank prompts
 * dropped, text trimmed and cut to the limits (the editor says so before it happens).
 */
export function tidyWalkthrough(walkthrough: Walkthrough, last: number): Walkthrough {
	const byMoment = new Map<number, WalkthroughStep>();
	for (const step of walkthrough.steps) {
		const at = Math.max(0, Math.min(last, Math.trunc(step.at)));
		const tidy: WalkthroughStep = {
			at,
			caption: step.caption.trim().slice(0, WALKTHROUGH_LIMITS.caption)
		};
		const prompt = step.prompt?.trim().slice(0, WALKTHROUGH_LIMITS.prompt);
		if (prompt) tidy.prompt = prompt;
		byMoment.set(at, tidy);
	}
	return {
		title: walkthrough.title.trim().slice(0, WALKTHROUGH_LIMITS.title),
		steps: [...byMoment.values()].sort((a, b) => a.at - b.at).slice(0, WALKTHROUGH_LIMITS.steps)
	};
}

/**
 * Encodes a walkthrough and its run as a fragment (`#w1.…~v1.…`). The run rides along when its
 * share link would (see `encodePermalink`); otherwise the link carries its code and asks the
 * receiver to record it again. Throws only on a walkthrough with no steps.
 */
export async function encodeWalkthroughLink(
	walkthrough: Walkthrough,
	run: WalkthroughRun
): Promise<{ fragment: string; traceIncluded: boolean }> {
	const tidy = tidyWalkthrough(walkthrough, run.trace.events.length - 1);
	if (tidy.steps.length === 0) throw new TypeError('encodeWalkthroughLink: no steps');
	const link = await encodePermalink({
		code: run.code,
		filename: run.filename,
		trace: run.trace,
		cursor: tidy.steps[0].at,
		task: null,
		axis: run.axis
	});
	const part = await packPart({
		t: tidy.title,
		s: tidy.steps.map((step) =>
			step.prompt ? [step.at, step.caption, step.prompt] : [step.at, step.caption]
		)
	});
	return {
		fragment: `#w${WALKTHROUGH_VERSION}.${part}~${link.fragment.slice(1)}`,
		traceIncluded: link.traceIncluded
	};
}

/**
 * Decodes a fragment made by {@link encodeWalkthroughLink}. Never throws: a broken, cut or
 * tampered link gives `ok: false` and what is wrong in plain words.
 */
export async function decodeWalkthroughLink(fragment: string): Promise<DecodedWalkthrough> {
	const fail = (error: string): DecodedWalkthrough => ({ ok: false, error });
	try {
		const text = typeof fragment === 'string' ? fragment.replace(/^#/, '').trim() : '';
		if (text === '') return fail('This link has no walkthrough in it.');
		if (text.length > MAX_LINK_CHARS)
			return fail(
				`This link is ${text.length.toLocaleString('en-US')} characters long, longer than any Loopscope makes, so it was not opened.`
			);
		const match = /^w(\d{1,6})\.([^~]*)(?:~(.*))?$/s.exec(text);
		if (!match)
			return fail('This is not a Loopscope walkthrough link: the part after # should start "w1.".');
		const version = Number(match[1]);
		if (version > WALKTHROUGH_VERSION)
			return fail(
				`This walkthrough was made by a newer Loopscope (format w${version}; this one reads w${WALKTHROUGH_VERSION}). Reload the page to update Loopscope, then open the link again.`
			);
		if (version < WALKTHROUGH_VERSION)
			return fail(`This walkthrough's format (w${version}) is no longer read. Ask for a new link.`);
		const damaged = (why: string) =>
			fail(`This walkthrough link is damaged (${why}). It may have been cut short or edited.`);
		if (match[3] === undefined) return damaged('it ends before its run');
		const unpacked = await unpackPart(match[2]);
		if (!unpacked.ok) return damaged(unpacked.reason);
		const parsed = PartSchema.safeParse(unpacked.value);
		if (!parsed.success) return damaged(partProblem(parsed.error.issues[0]));
		const walkthrough: Walkthrough = {
			title: parsed.data.t,
			steps: parsed.data.s.map(([at, caption, prompt]) =>
				prompt === undefined ? { at, caption } : { at, caption, prompt }
			)
		};
		if (!/^v\d/.test(match[3])) return damaged('its run is not a Loopscope share link');
		walkthrough.steps.sort((a, b) => a.at - b.at);
		return { ok: true, walkthrough, runFragment: `#${match[3]}` };
	} catch (error) {
		return fail(`This walkthrough could not be opened (${String(error)}).`);
	}
}

/**
 * What is wrong with a walkthrough's moments for its run once loaded (`events` long), in plain
 * words, or null when every step is a moment of the run.
 */
export function stepsBeyondRun(walkthrough: Walkthrough, events: number): string | null {
	const beyond = walkthrough.steps.findIndex((step) => step.at >= events);
	if (beyond < 0) return null;
	return `Step ${beyond + 1} of this walkthrough points at event ${walkthrough.steps[beyond].at}, but its run has only ${events} events.`;
}

// What part of the walkthrough is wrong, for the sentence "This walkthrough link is damaged (…)".
function partProblem(issue: z.core.$ZodIssue): string {
	const [key, step] = issue.path;
	if (key === 't')
		return issue.code === 'too_big'
			? `its title is longer than ${WALKTHROUGH_LIMITS.title} characters`
			: 'its title is not text';
	if (key === 's' && typeof step === 'number')
		return issue.code === 'too_big'
			? `step ${step + 1} has more text than a walkthrough holds (${WALKTHROUGH_LIMITS.caption} characters a caption, ${WALKTHROUGH_LIMITS.prompt} a question)`
			: `step ${step + 1} is not a moment and a caption`;
	if (key === 's')
		return issue.code === 'too_big'
			? `it has more than ${WALKTHROUGH_LIMITS.steps} steps`
			: 'it has no steps';
	return 'its contents are not a walkthrough';
}
