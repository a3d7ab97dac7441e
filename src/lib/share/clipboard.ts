/**
 * Copying text to the clipboard. The async Clipboard API needs a secure context and the
 * user's permission; when it is missing or refused, the caller falls back to a selected text
 * field the user copies from by hand.
 */

/** Copies `text`; resolves to false (never rejects) when the browser would not allow it. */
export async function copyText(text: string): Promise<boolean> {
	if (typeof navigator === 'undefined' || !navigator.clipboard?.writeText) return false;
	try {
		await navigator.clipboard.writeText(text);
		return true;
	} catch {
		return false;
	}
}
