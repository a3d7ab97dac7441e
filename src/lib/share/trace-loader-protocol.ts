/**
 * Messages between the page and the trace-loader worker, which does the heavy part of opening
 * a run off the page's thread: reading and validating a file, decoding a link (unpacking,
 * parsing, validating), and validating a freshly recorded run. Replies carry the trace packed
 * as in `./trace-transfer.ts`.
 */
import type { DecodedComparePermalink, DecodedPermalink } from './permalink';
import type { PackedTrace } from './trace-transfer';

/** Page → worker: read this file (a File or Blob: cloning one passes a handle, not its bytes). */
export interface FileRequest {
	type: 'file';
	id: number;
	file: Blob;
}

/** Page → worker: decode this permalink fragment. */
export interface LinkRequest {
	type: 'link';
	id: number;
	fragment: string;
}

/** Page → worker: decode this comparison link fragment (two programs and their runs). */
export interface CompareLinkRequest {
	type: 'compare-link';
	id: number;
	fragment: string;
}

/** Page → worker: validate this trace JSON (a run the recorder just made). */
export interface TextRequest {
	type: 'text';
	id: number;
	text: string;
}

/** Worker → page: a valid trace. */
export interface TraceReply {
	type: 'trace';
	id: number;
	trace: PackedTrace;
}

/** Worker → page: the input is not a trace Loopscope opens; `error` says why. */
export interface RejectedReply {
	type: 'rejected';
	id: number;
	error: string;
}

/**
 * Worker → page: a decoded link. Its run, if any (in `state` or in `recovered`), is left out
 * of `decoded` (null there) and packed in `trace`.
 */
export interface LinkReply {
	type: 'link';
	id: number;
	decoded: DecodedPermalink;
	trace: PackedTrace | null;
}

/**
 * Worker → page: a decoded comparison link. Its runs (in `state` or in `recovered`) are left
 * out of `decoded` (null there) and packed in `traces`: A's, then B's.
 */
export interface CompareLinkReply {
	type: 'compare-link';
	id: number;
	decoded: DecodedComparePermalink;
	traces: [PackedTrace | null, PackedTrace | null];
}

/** Messages to the worker. */
export type ToLoader = FileRequest | LinkRequest | CompareLinkRequest | TextRequest;
/** Messages from the worker. */
export type FromLoader = TraceReply | RejectedReply | LinkReply | CompareLinkReply;

/** The runs a reply carries, packed, in order (none for a refusal). */
export function packedTraces(message: FromLoader): (PackedTrace | null)[] {
	switch (message.type) {
		case 'rejected':
			return [];
		case 'compare-link':
			return message.traces;
		default:
			return [message.trace];
	}
}
