/**
 * What happens when the learner opens a trace file, by the Open button or by dropping it:
 * say it is being read, read it in the worker, then show it or say what is wrong.
 */
import type { Trace } from '$lib/trace/schema';
import { checkFileSize } from '$lib/trace/limits';
import { traceLoader } from './trace-loader';
import type { Notice } from './types';

/** Where {@link openTraceFile} reports. */
export interface OpenFileHandlers {
	/** A valid trace was read: show it. */
	onopentrace: (trace: Trace, name: string) => void;
	/** Tell the learner something (null clears the notice). */
	onnotice: (notice: Notice | null) => void;
}

// Only a big file takes long enough to be worth a "reading…" notice.
const SAY_READING_FROM_BYTES = 2 * 1024 * 1024;

/** Opens `file` as a trace; never rejects. */
export async function openTraceFile(file: File, handlers: OpenFileHandlers): Promise<void> {
	// Refused at once, by its size alone: nothing is read.
	const tooLarge = checkFileSize(file.size);
	if (tooLarge) {
		handlers.onnotice({ kind: 'error', text: `“${file.name}” cannot be opened. ${tooLarge}` });
		return;
	}
	if (file.size >= SAY_READING_FROM_BYTES)
		handlers.onnotice({
			kind: 'info',
			text: `Reading “${file.name}” (${(file.size / 1024 / 1024).toFixed(1)} MB)…`
		});
	const opened = await traceLoader().openFile(file);
	if ('cancelled' in opened) return;
	if (!opened.ok) {
		handlers.onnotice({
			kind: 'error',
			text: `“${opened.name}” cannot be opened. ${opened.error}`
		});
		return;
	}
	handlers.onopentrace(opened.trace, opened.name);
	handlers.onnotice({
		kind: 'info',
		text: `Opened “${opened.name}”: a recorded run of ${opened.trace.source.filename}, replayed as it was recorded. Nothing has been executed.`
	});
}
