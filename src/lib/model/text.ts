/**
 * Small text helpers for narration: numbers, lists and code, the way a teacher says them.
 */

/** "a", "a and b", "a, b and c"; long lists end in "and N more". */
export function listOf(items: readonly string[], max = 5): string {
	if (items.length === 0) return 'nothing';
	const shown =
		items.length > max ? [...items.slice(0, max - 1), `${items.length - max + 1} more`] : items;
	if (shown.length === 1) return shown[0];
	return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/**
 * A whole number with its thousands grouped: 1234567 → "1,234,567". Plain string work: the
 * first toLocaleString of a page loads the locale's data (~40 ms), inside the page's first task.
 */
export function groupDigits(n: number): string {
	const [whole, fraction] = String(n).split('.');
	const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
	return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** "1 task", "3 tasks". */
export function count(n: number, noun: string, plural = `${noun}s`): string {
	return `${n} ${n === 1 ? noun : plural}`;
}

/** Code as inline code, shortened to stay readable aloud. */
export function code(text: string, max = 60): string {
	const flat = text.trim().replace(/\s+/g, ' ');
	const short = flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
	// A backtick inside would end the span early.
	return `\`${short.replace(/`/g, "'")}\``;
}

/** Printed text in quotes, without its trailing newline, shortened. */
export function quote(text: string, max = 80): string {
	const flat = text.replace(/\n$/, '').replace(/\n/g, ' ⏎ ');
	return `“${flat.length > max ? `${flat.slice(0, max - 1)}…` : flat}”`;
}

/** A message as the end of a sentence: no doubled full stop. */
export function clause(text: string): string {
	return text.trim().replace(/[.!]+$/, '');
}

/** First letter upper-case, for a name that starts a sentence. */
export function capitalize(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}
