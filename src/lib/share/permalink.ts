/**
 * Permalinks of what the learner sees: the code, the recorded run and the moment (cursor,
 * selected task, axis), or two runs compared at a shared cursor. The view state is this
 * module's; the link format (version, parts, packing) is `trace/permalink.ts`'s.
 */
import { z } from 'zod';
import { checkCompactCounts, compactTrace, expandTrace } from '../trace/compact';
import {
	DEFAULT_FILENAME,
	DEFAULT_MAX_LINK_LENGTH,
	LINK_VERSION,
	bodyOf,
	isCompareHeader,
	packPart,
	unexpected,
	unpackPart,
	type EncodeOptions
} from '../trace/permalink';
import type { Trace } from '../trace/schema';
import type { LoopView } from '../model/machine';

/** Everything a permalink reproduces. */
export interface ShareState {
	/** The code in the editor (it may differ from `trace.source.code` if edited after the run). */
	code: string;
	/** The editor's filename, when it has one. */
	filename?: string;
	/** The recorded run, or null when there is none (not run yet, or too large for a link). */
	trace: Trace | null;
	/** The replay cursor: an event index, 0 … `trace.events.length`. */
	cursor: number;
	/** The selected task id, if any. */
	task: number | null;
	/** The timeline axis: virtual time, or one column per step. */
	axis: 'time' | 'step';
	/** The loop panel's view; absent (older links) means the lists. */
	loopView?: LoopView;
}

/** The outcome of {@link encodePermalink}. */
export interface EncodedPermalink {
	/** The fragment, starting with `#`: assign it to `location.hash` or append it to a URL. */
	fragment: string;
	/** False when there was no trace, or it did not fit and the link asks for a re-run. */
	traceIncluded: boolean;
	/** False when even the code alone is longer than `maxLength`; the fragment is still usable. */
	fits: boolean;
}

/** The outcome of {@link decodePermalink}. */
export type DecodedPermalink =
	| {
			ok: true;
			state: ShareState;
			/** The sender had a run too large for a link: run the code to see it (same trace). */
			rerun: boolean;
	  }
	| {
			ok: false;
			/** What is wrong, in plain words, for the learner. */
			error: string;
			/** What could still be read (typically the code), or null. */
			recovered: Partial<ShareState> | null;
	  };

const HeaderSchema = z.object({
	c: z.string(),
	f: z.string().optional(),
	x: z.number().int().nonnegative(),
	k: z.number().int().nonnegative().nullable(),
	a: z.enum(['time', 'step']),
	// The loop panel drawn as a machine; left out for the lists, so older links read the same.
	l: z.literal('machine').optional(),
	// Set when a trace part follows, so a link cut exactly at the dot is known to be cut.
	t: z.literal(1).optional(),
	// Set when the sender had a trace that was left out for length.
	r: z.literal(1).optional()
});
type Header = z.infer<typeof HeaderSchema>;

/** One run of a comparison: its program and, when there is one, its recorded run. */
export interface CompareSide {
	code: string;
	filename?: string;
	trace: Trace | null;
}

/** Everything a comparison link reproduces: two programs, their runs, the shared cursor. */
export interface CompareShareState {
	a: CompareSide;
	b: CompareSide;
	/** The shared cursor: a position of the two runs linked by virtual time (`linkTimelines`). */
	position: number;
}

/** The outcome of {@link decodeComparePermalink}. */
export type DecodedComparePermalink =
	| {
			ok: true;
			state: CompareShareState;
			/** Per side: the sender had a run too long for the link; running the code gives it back. */
			rerun: { a: boolean; b: boolean };
	  }
	| {
			ok: false;
			error: string;
			/** What could still be read (the programs when only a run is damaged), or null. */
			recovered: CompareShareState | null;
	  };

const CompareSideSchema = z.object({
	c: z.string(),
	f: z.string().optional(),
	// As in a single-run header: a trace part follows / a trace was left out for length.
	t: z.literal(1).optional(),
	r: z.literal(1).optional()
});
type CompareSideHeader = z.infer<typeof CompareSideSchema>;

const CompareHeaderSchema = z.object({
	m: z.literal('compare'),
	a: CompareSideSchema,
	b: CompareSideSchema,
	x: z.number().int().nonnegative()
});
type CompareHeader = z.infer<typeof CompareHeaderSchema>;

function headerOf(state: ShareState, trace: 'included' | 'rerun' | 'none'): Header {
	const header: Header = { c: state.code, x: state.cursor, k: state.task, a: state.axis };
	if (state.filename !== undefined) header.f = state.filename;
	if (state.loopView === 'machine') header.l = 'machine';
	if (trace === 'included') header.t = 1;
	if (trace === 'rerun') header.r = 1;
	const checked = HeaderSchema.safeParse(header);
	if (!checked.success)
		throw new TypeError(`encodePermalink: invalid state (${checked.error.issues[0].message})`);
	return header;
}

/**
 * Encodes what the learner sees as a fragment (`#v1.…`). The trace is included when the whole
 * fragment fits `maxLength`; otherwise the link carries the code and the moment, and a flag
 * asking the receiver to run the code. Throws only on a malformed `state` (a programming error).
 */
export async function encodePermalink(
	state: ShareState,
	options: EncodeOptions = {}
): Promise<EncodedPermalink> {
	const maxLength = options.maxLength ?? DEFAULT_MAX_LINK_LENGTH;
	const prefix = `#v${LINK_VERSION}.`;
	// Runs this long never fit (the densest compress to about a character per event): skip the
	// work of packing a huge trace on the main thread only to throw it away.
	if (state.trace && state.trace.events.length <= maxLength * 4) {
		const context = { code: state.code, filename: state.filename ?? DEFAULT_FILENAME };
		const [header, trace] = await Promise.all([
			packPart(headerOf(state, 'included')),
			packPart(compactTrace(state.trace, context))
		]);
		const fragment = `${prefix}${header}.${trace}`;
		if (fragment.length <= maxLength) return { fragment, traceIncluded: true, fits: true };
	}
	const fragment = `${prefix}${await packPart(headerOf(state, state.trace ? 'rerun' : 'none'))}`;
	return { fragment, traceIncluded: false, fits: fragment.length <= maxLength };
}

function stateOf(header: Header, trace: Trace | null): ShareState {
	const state: ShareState = {
		code: header.c,
		trace,
		cursor: header.x,
		task: header.k,
		axis: header.a
	};
	if (header.f !== undefined) state.filename = header.f;
	if (header.l !== undefined) state.loopView = header.l;
	return state;
}

function fieldOf(issue: z.core.$ZodIssue): string {
	const names: Record<string, string> = {
		c: 'the code',
		f: 'the filename',
		x: 'the replay position',
		k: 'the selected task',
		a: 'the timeline axis',
		l: 'the event loop view',
		t: 'the recorded-run flag',
		r: 'the re-run flag'
	};
	const key = issue.path[0];
	return typeof key === 'string' && key in names ? names[key] : 'its contents';
}

async function decodeCurrent(body: string): Promise<DecodedPermalink> {
	const parts = body.split('.');
	const damaged = (why: string): DecodedPermalink => ({
		ok: false,
		error: `This link is damaged (${why}). It may have been cut short or edited.`,
		recovered: null
	});
	const headerPart = await unpackPart(parts[0]);
	if (!headerPart.ok) return damaged(headerPart.reason);
	if (isCompareHeader(headerPart.value))
		return {
			ok: false,
			error: 'This link compares two runs: open it on the Compare page.',
			recovered: null
		};
	const parsed = HeaderSchema.safeParse(headerPart.value);
	if (!parsed.success)
		return damaged(`${fieldOf(parsed.error.issues[0])} is not what a Loopscope link holds`);
	const header = parsed.data;
	const codeOnly = stateOf(header, null);
	const withCode = (error: string): DecodedPermalink => ({ ok: false, error, recovered: codeOnly });
	const damagedRun = (why: string): string =>
		`The code in this link opened, but its recorded run is damaged (${why}). Run the code to record it again.`;

	if (parts.length === 1)
		return header.t === 1
			? withCode(damagedRun('the link was cut short before it'))
			: { ok: true, state: codeOnly, rerun: header.r === 1 };
	if (parts.length > 2) return withCode(damagedRun('the link has extra parts'));

	const tracePart = await unpackPart(parts[1]);
	if (!tracePart.ok) return withCode(damagedRun(tracePart.reason));
	const tooBig = checkCompactCounts(tracePart.value);
	if (tooBig)
		return withCode(
			`The code in this link opened, but not its recorded run. ${tooBig} Run the code to record it again.`
		);
	const expanded = expandTrace(tracePart.value, {
		code: header.c,
		filename: header.f ?? DEFAULT_FILENAME
	});
	if (!expanded.ok) return withCode(damagedRun(expanded.error));
	const trace = expanded.trace;
	const state = stateOf(header, trace);
	if (header.x > trace.events.length)
		return {
			ok: false,
			error: `This link points at step ${header.x}, but its recorded run has only ${trace.events.length} events.`,
			recovered: { ...state, cursor: trace.events.length }
		};
	if (header.k !== null && header.k >= trace.tasks.length)
		return {
			ok: false,
			error: `This link selects task ${header.k}, but its recorded run has only ${trace.tasks.length} tasks.`,
			recovered: { ...state, task: null }
		};
	return { ok: true, state, rerun: false };
}

/**
 * Decodes a fragment made by {@link encodePermalink} (with or without the leading `#`).
 * Never throws or rejects: a broken, truncated or tampered link gives `ok: false`, a plain-words
 * `error`, and whatever could still be read in `recovered` (the code when only the run is damaged).
 */
export async function decodePermalink(fragment: string): Promise<DecodedPermalink> {
	try {
		const body = await bodyOf(fragment);
		if (!body.ok) return { ok: false, error: body.error, recovered: null };
		return await decodeCurrent(body.body);
	} catch (error) {
		return unexpected(error);
	}
}

function compareSideHeader(
	side: CompareSide,
	trace: 'included' | 'rerun' | 'none'
): CompareSideHeader {
	const header: CompareSideHeader = { c: side.code };
	if (side.filename !== undefined) header.f = side.filename;
	if (trace === 'included') header.t = 1;
	if (trace === 'rerun') header.r = 1;
	return header;
}

const contextOf = (side: CompareSide) => ({
	code: side.code,
	filename: side.filename ?? DEFAULT_FILENAME
});

/**
 * Encodes a comparison of two runs as one fragment (`#v1.…`, for the /compare page). Both runs
 * ride along when the fragment fits `maxLength`; otherwise the shorter one alone, otherwise
 * neither: a side left out is marked for a re-run (the recorder is deterministic). Throws only
 * on a malformed `state`.
 */
export async function encodeComparePermalink(
	state: CompareShareState,
	options: EncodeOptions = {}
): Promise<{ fragment: string; included: { a: boolean; b: boolean }; fits: boolean }> {
	const maxLength = options.maxLength ?? DEFAULT_MAX_LINK_LENGTH;
	const prefix = `#v${LINK_VERSION}.`;
	// As for one run: a trace this long never fits, so it is not packed only to be dropped.
	const packable = (side: CompareSide) =>
		side.trace !== null && side.trace.events.length <= maxLength * 4;
	const [partA, partB] = await Promise.all(
		[state.a, state.b].map((side) =>
			side.trace && packable(side) ? packPart(compactTrace(side.trace, contextOf(side))) : ''
		)
	);
	const header = async (a: boolean, b: boolean): Promise<string> => {
		const value: CompareHeader = {
			m: 'compare',
			a: compareSideHeader(state.a, a ? 'included' : state.a.trace ? 'rerun' : 'none'),
			b: compareSideHeader(state.b, b ? 'included' : state.b.trace ? 'rerun' : 'none'),
			x: state.position
		};
		const checked = CompareHeaderSchema.safeParse(value);
		if (!checked.success)
			throw new TypeError(
				`encodeComparePermalink: invalid state (${checked.error.issues[0].message})`
			);
		return packPart(value);
	};
	// Both runs, else the shorter alone, else neither.
	const choices: [boolean, boolean][] = [[partA !== '', partB !== '']];
	if (partA !== '' && partB !== '')
		choices.push(partA.length <= partB.length ? [true, false] : [false, true]);
	choices.push([false, false]);
	let fragment = '';
	for (const [a, b] of choices) {
		fragment = `${prefix}${await header(a, b)}.${a ? partA : ''}.${b ? partB : ''}`;
		if (fragment.length <= maxLength) return { fragment, included: { a, b }, fits: true };
	}
	return { fragment, included: { a: false, b: false }, fits: false };
}

const SIDE_NAMES = { a: 'the first program', b: 'the second program' } as const;

function compareFieldOf(issue: z.core.$ZodIssue): string {
	const [side, key] = issue.path;
	const names: Record<string, string> = {
		c: 'code',
		f: 'filename',
		t: 'recorded-run flag',
		r: 're-run flag'
	};
	if (side === 'a' || side === 'b')
		return typeof key === 'string' && key in names
			? `the ${names[key]} of ${SIDE_NAMES[side]}`
			: SIDE_NAMES[side];
	if (side === 'x') return 'the replay position';
	return 'its contents';
}

async function decodeCompareBody(body: string): Promise<DecodedComparePermalink> {
	const parts = body.split('.');
	const damaged = (why: string): DecodedComparePermalink => ({
		ok: false,
		error: `This comparison link is damaged (${why}). It may have been cut short or edited.`,
		recovered: null
	});
	const headerPart = await unpackPart(parts[0]);
	if (!headerPart.ok) return damaged(headerPart.reason);
	if (!isCompareHeader(headerPart.value))
		return {
			ok: false,
			error: 'This link shares one run, not a comparison: open it in the playground.',
			recovered: null
		};
	const parsed = CompareHeaderSchema.safeParse(headerPart.value);
	if (!parsed.success)
		return damaged(`${compareFieldOf(parsed.error.issues[0])} is not what a Loopscope link holds`);
	const header = parsed.data;
	const sideOf = (side: CompareSideHeader, trace: Trace | null): CompareSide => {
		const out: CompareSide = { code: side.c, trace };
		if (side.f !== undefined) out.filename = side.f;
		return out;
	};
	const codeOnly: CompareShareState = {
		a: sideOf(header.a, null),
		b: sideOf(header.b, null),
		position: header.x
	};
	if (parts.length !== 3)
		return {
			ok: false,
			error: `The programs in this link opened, but their recorded runs are damaged (${parts.length < 3 ? 'the link was cut short' : 'the link has extra parts'}). Run them to record them again.`,
			recovered: codeOnly
		};
	const errors: string[] = [];
	const traceOf = async (key: 'a' | 'b', part: string): Promise<Trace | null> => {
		const side = header[key];
		if (side.t !== 1) {
			if (part !== '') errors.push(`${SIDE_NAMES[key]} has a run its header does not announce`);
			return null;
		}
		const unpacked = await unpackPart(part);
		if (!unpacked.ok) {
			errors.push(`the run of ${SIDE_NAMES[key]}: ${unpacked.reason}`);
			return null;
		}
		const expanded = expandTrace(unpacked.value, {
			code: side.c,
			filename: side.f ?? DEFAULT_FILENAME
		});
		if (!expanded.ok) {
			errors.push(`the run of ${SIDE_NAMES[key]}: ${expanded.error}`);
			return null;
		}
		return expanded.trace;
	};
	const [a, b] = await Promise.all([traceOf('a', parts[1]), traceOf('b', parts[2])]);
	const state: CompareShareState = {
		a: sideOf(header.a, a),
		b: sideOf(header.b, b),
		position: header.x
	};
	if (errors.length)
		return {
			ok: false,
			error: `The programs in this link opened, but ${errors.join('; ')}. Run them to record them again.`,
			recovered: state
		};
	return { ok: true, state, rerun: { a: header.a.r === 1, b: header.b.r === 1 } };
}

/**
 * Decodes a fragment made by {@link encodeComparePermalink}. Never throws or rejects, like
 * {@link decodePermalink}; the position is not checked against the runs (the caller clamps it).
 */
export async function decodeComparePermalink(fragment: string): Promise<DecodedComparePermalink> {
	try {
		const body = await bodyOf(fragment);
		if (!body.ok) return { ok: false, error: body.error, recovered: null };
		return await decodeCompareBody(body.body);
	} catch (error) {
		return unexpected(error);
	}
}
