/**
 * The permalink format: a URL fragment that carries a program, its recorded run and the moment
 * to open it at. No server is involved. This module is the format's contract: the version,
 * the packing of each part, the migrations of older links; what the parts hold (the moment, one
 * run or two compared) is `share/permalink.ts`'s.
 *
 * Format v1: `#v1.<header>[.<trace>]`, each part base64url(zlib(JSON)).
 * - The header holds the code, the filename and the moment; the trace part holds the run in the
 *   compact form of `./compact.ts`. Two parts, code first, so a link cut short or damaged in its
 *   trace part still gives back the code.
 * - When the run does not fit the length budget, the link carries the header alone with a
 *   re-run flag: the recorder is deterministic, so running the code gives the same trace back
 *   and the cursor and task still apply.
 * - A comparison of two runs (the /compare page) is the same format with two trace parts:
 *   `#v1.<header>.<trace A>.<trace B>`; its header says so (`m: "compare"`) and holds both
 *   programs and the shared cursor. A part left out (no run, or too long) is empty.
 * Decoding never throws and never evaluates anything: base64, inflate, `JSON.parse` and the zod
 * schema, with every object rebuilt key by key (see `defineAll` in `./compact.ts`).
 */
import { decodeBase64url, encodeBase64url } from './base64url';
import { deflate, inflate, InflateLimitError } from './deflate';
import { MAX_LINK_CHARS, MAX_LINK_PART_BYTES } from './limits';

/** The link format this build writes. */
export const LINK_VERSION = 1;

/** Default budget for a whole fragment, `#` included; longer runs are shared as code only. */
export const DEFAULT_MAX_LINK_LENGTH = 8_000;

/** Options for encoding a link. */
export interface EncodeOptions {
	/** Longest fragment (with `#`) that may carry the trace; default {@link DEFAULT_MAX_LINK_LENGTH}. */
	maxLength?: number;
}

/** Whether an unpacked header is a comparison's (to tell a reader who opened one in the wrong place). */
export const isCompareHeader = (value: unknown): boolean =>
	typeof value === 'object' && value !== null && (value as { m?: unknown }).m === 'compare';

/** The filename the compact trace compares against when the editor has none. */
export const DEFAULT_FILENAME = 'main.py';

/**
 * Older link formats this build still opens, each rewritten into the current body format.
 * When LINK_VERSION is bumped, add the previous version here so links already shared keep
 * working; a version with no entry is reported as too old. (v1 is the first format: empty.)
 */
const MIGRATIONS: Partial<Record<number, (body: string) => Promise<string>>> = {};

/** Packs one part of a link: JSON, deflated, in base64url. */
export async function packPart(value: unknown): Promise<string> {
	return encodeBase64url(await deflate(new TextEncoder().encode(JSON.stringify(value))));
}

/** One part of a link unpacked, or why it could not be (a phrase for the caller's sentence). */
export type Unpacked = { ok: true; value: unknown } | { ok: false; reason: string };

/** Unpacks one part made by {@link packPart}; never throws. */
export async function unpackPart(part: string): Promise<Unpacked> {
	if (part === '') return { ok: false, reason: 'a part of it is empty' };
	const bytes = decodeBase64url(part);
	if (bytes === null)
		return { ok: false, reason: 'it contains characters a Loopscope link never has' };
	let inflated: Uint8Array;
	try {
		inflated = await inflate(bytes, MAX_LINK_PART_BYTES);
	} catch (error) {
		return {
			ok: false,
			reason:
				error instanceof InflateLimitError
					? 'it unpacks to far more data than any shared program'
					: 'its data does not unpack'
		};
	}
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(inflated);
	} catch {
		return { ok: false, reason: 'its data is not text' };
	}
	try {
		return { ok: true, value: JSON.parse(text) as unknown };
	} catch {
		return { ok: false, reason: 'its data unpacks but cannot be read' };
	}
}

/** The body of a link in the current format, or a sentence saying why there is none. */
export type Body = { ok: true; body: string } | { ok: false; error: string };

/** The body of a fragment in the current format: the version checked, older bodies migrated. */
export async function bodyOf(fragment: string): Promise<Body> {
	const text = typeof fragment === 'string' ? fragment.replace(/^#/, '').trim() : '';
	if (text === '') return { ok: false, error: 'This link has no shared program in it.' };
	if (text.length > MAX_LINK_CHARS)
		return {
			ok: false,
			error: `This link is ${text.length.toLocaleString('en-US')} characters long, longer than any Loopscope makes or a browser keeps (${MAX_LINK_CHARS.toLocaleString('en-US')}), so it was not opened.`
		};
	const match = /^v(\d{1,6})(?:\.(.*))?$/s.exec(text);
	if (!match)
		return {
			ok: false,
			error: 'This is not a Loopscope share link: the part after # should start with "v1.".'
		};
	const version = Number(match[1]);
	const body = match[2];
	if (body === undefined)
		return { ok: false, error: 'This link has been cut short: it ends before the shared program.' };
	if (version > LINK_VERSION)
		return {
			ok: false,
			error: `This link was made by a newer Loopscope (link format v${version}; this one reads v${LINK_VERSION}). Reload the page to update Loopscope, then open the link again.`
		};
	if (version < LINK_VERSION) {
		const migrate = MIGRATIONS[version];
		if (!migrate)
			return {
				ok: false,
				error: `This link was made by an older Loopscope (link format v${version}), which this version can no longer open. Ask the sender for a new link.`
			};
		return { ok: true, body: await migrate(body) };
	}
	return { ok: true, body };
}

/** Every decoder's last guard of "never throws": each step reports its own failures. */
export const unexpected = (error: unknown) => ({
	ok: false as const,
	error: `This link could not be opened (${String(error)}).`,
	recovered: null
});
