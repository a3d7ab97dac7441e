/**
 * The one way a page records a program: the runtime's JSON, checked against the trace schema
 * (in the trace-loader worker when it is big, so the page stays usable) before any page sees it.
 */
import { InvalidRecording, RecordingSuperseded, type Recorder } from '$lib/runtime/client';
import { parseRecordedRun, type Cancelled } from '$lib/share/trace-loader';
import type { ParseResult } from '$lib/trace/validate';

/** Runs a program and resolves to its trace as JSON text: the Python runtime's `record`. */
export type RecordJson = (code: string, filename: string) => Promise<string>;

/** Checks a recorded run's JSON; the worker-backed {@link parseRecordedRun} by default. */
export type ParseRun = (text: string) => Promise<ParseResult | Cancelled>;

/** The {@link Recorder} over `record`: every trace it resolves to has passed validation. */
export function validatedRecorder(
	record: RecordJson,
	parse: ParseRun = parseRecordedRun
): Recorder {
	return async (code, filename) => {
		const parsed = await parse(await record(code, filename));
		if ('cancelled' in parsed) throw new RecordingSuperseded();
		if (!parsed.ok) throw new InvalidRecording(parsed.error);
		return parsed.trace;
	};
}
