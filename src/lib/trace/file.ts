/**
 * Trace files: the `.json` a learner downloads, and the parsing of a file they drop back in.
 * Pure and DOM-free so it runs in a Web Worker: the page hands the worker the file's bytes (or
 * text), the worker calls {@link parseTraceFile} and posts the result back (a plain,
 * structured-clone-able object), and a 50 MB trace never freezes the page.
 */
import { checkFileSize } from './limits';
import type { Trace } from './schema';
import { parseTrace, type ParseResult } from './validate';

/** A file to offer for download: its text, a suggested name and its MIME type. */
export interface TraceFile {
	text: string;
	filename: string;
	mimeType: string;
}

/** Options for {@link traceToFile}. */
export interface TraceToFileOptions {
	/** Indent with tabs so the file reads well (default); false for the smallest file. */
	pretty?: boolean;
}

/**
 * A download name derived from the program's filename: `get_users_batch.py` gives
 * `get_users_batch.<suffix>`. Characters that some systems refuse in names become `_`.
 */
export function downloadName(sourceFilename: string, suffix: string): string {
	const base = sourceFilename.split(/[\\/]/).pop() ?? '';
	const stem = base
		.replace(/\.py$/i, '')
		.replace(/[^\w.-]+/g, '_')
		.replace(/^[._]+|[._]+$/g, '')
		.slice(0, 80);
	return `${stem || 'trace'}.${suffix}`;
}

/** Serialises a trace as a `.json` download (`<program>.loopscope.json`). */
export function traceToFile(trace: Trace, options: TraceToFileOptions = {}): TraceFile {
	return {
		text: `${JSON.stringify(trace, null, options.pretty === false ? undefined : '\t')}\n`,
		filename: downloadName(trace.source.filename, 'loopscope.json'),
		mimeType: 'application/json'
	};
}

function looksLikeChromeTrace(text: string): boolean {
	// Cheap: only the head of the file, and only once it is known not to be a Loopscope trace.
	return /"traceEvents"\s*:|"ph"\s*:/.test(text.slice(0, 4_000));
}

/**
 * Parses a trace file's contents (text, or bytes as read from a `File`), validating it with
 * {@link parseTrace}. Never throws; a failure names the first problem — the field and what was
 * expected — in words a learner can act on. Pure and synchronous: call it inside a worker for
 * big files.
 */
export function parseTraceFile(contents: string | ArrayBuffer | Uint8Array): ParseResult {
	let text: string;
	if (typeof contents === 'string') {
		text = contents;
	} else {
		const bytes = contents instanceof Uint8Array ? contents : new Uint8Array(contents);
		const tooLarge = checkFileSize(bytes.length);
		if (tooLarge) return { ok: false, error: tooLarge };
		try {
			text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
		} catch {
			return { ok: false, error: 'This file is not text (it is not UTF-8), so it is not a trace.' };
		}
	}
	// TextDecoder drops a byte-order mark, but text from elsewhere may still start with one.
	if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
	if (text.trim() === '') return { ok: false, error: 'This file is empty.' };
	// A string's length counts UTF-16 units, at most its UTF-8 bytes: a cheap lower bound.
	const tooLarge = checkFileSize(text.length);
	if (tooLarge) return { ok: false, error: tooLarge };
	const result = parseTrace(text);
	if (
		!result.ok &&
		result.error.startsWith('This is not a Loopscope trace') &&
		looksLikeChromeTrace(text)
	)
		return {
			ok: false,
			error:
				'This is a Perfetto / Chrome trace (made for ui.perfetto.dev), not a Loopscope trace. Open the .loopscope.json file instead.'
		};
	return result;
}
