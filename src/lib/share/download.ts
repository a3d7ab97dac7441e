/**
 * Saving a file the page made (a trace, a Perfetto export, a picture, an animation) without a server: a Blob, an object
 * URL and a click on a temporary `<a download>`.
 */
import type { TraceFile } from '$lib/trace/file';

// Some browsers start reading the Blob after the click returns: revoke the URL later, not now.
const REVOKE_AFTER_MS = 60_000;

/** Offers `file` to the user as a download. */
export function downloadFile(file: TraceFile): void {
	downloadBlob(new Blob([file.text], { type: file.mimeType }), file.filename);
}

/** Offers `blob` to the user as a download named `filename`. */
export function downloadBlob(blob: Blob, filename: string): void {
	const url = URL.createObjectURL(blob);
	const anchor = document.createElement('a');
	anchor.href = url;
	anchor.download = filename;
	anchor.rel = 'noopener';
	anchor.style.display = 'none';
	document.body.append(anchor);
	anchor.click();
	anchor.remove();
	setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
