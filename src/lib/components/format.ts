/** Small text formatters shared by the panels. */
import { MAX_LOOP_LIST } from '$lib/trace/limits';

/**
 * Which Python recorded a run, from its trace's meta: `Python 3.14.2 (Pyodide)` in the browser
 * or the CLI, `Python 3.11.7 (CPython)` for a trace recorded with a local python3. Tutorials
 * were written for older Pythons, so the run says which one it is.
 */
export function formatPython(meta: { python: string; pyodide: string | null }): string {
	return `Python ${meta.python} (${meta.pyodide ? 'Pyodide' : 'CPython'})`;
}

/** A piece of narration: plain words, or code the model quoted between backticks. */
export interface NarrationPart {
	readonly text: string;
	readonly code: boolean;
}

/**
 * Splits narration into plain and code parts at its backticks. A backtick left unpaired (code
 * that itself contains one) stays in the plain text rather than turning the rest into code.
 * The parts are text for the markup, never HTML: they may hold the user's code.
 */
export function narrationParts(text: string): NarrationPart[] {
	const pieces = text.split('`');
	// An even count of pieces means an odd count of backticks: the last one has no partner,
	// so it joins the plain text around it.
	if (pieces.length % 2 === 0) {
		const tail = pieces.pop() ?? '';
		pieces.push(`${pieces.pop() ?? ''}\`${tail}`);
	}
	return pieces
		.map((piece, i) => ({ text: piece, code: i % 2 === 1 }))
		.filter((part) => part.text !== '');
}

/** `1 event/s`, `4 events/s`: a count with its noun, singular for one. */
export function countOf(count: number, noun: string, plural = `${noun}s`): string {
	return `${count} ${count === 1 ? noun : plural}`;
}

/**
 * How many items of the ready queue or the timers the loop's panels list; the rest are counted.
 * As many as the recorder lists in one loop iteration.
 */
export const LOOP_LIST_LIMIT = MAX_LOOP_LIST;

/**
 * The first `limit` items, and how many more there are: a run of 100,000 tasks can have them
 * all in the ready queue at once, and a list of that many rows would freeze the page.
 */
export function firstItems<T>(
	items: readonly T[],
	limit = LOOP_LIST_LIMIT
): { shown: readonly T[]; more: number } {
	return items.length <= limit
		? { shown: items, more: 0 }
		: { shown: items.slice(0, limit), more: items.length - limit };
}

/**
 * A child's end in the ready queue in a few words, for a band with little room: who takes note
 * of it and which child (`gather ✓ Task-2`, `name` naming the task); null for any other item.
 * Three `gather: a child finished` in a row are told apart only by their child.
 */
export function childDoneText(
	item: { what: string; child?: number; via?: string },
	name: (task: number) => string
): string | null {
	if (item.what !== 'child_done') return null;
	return `${item.via ?? 'child'} ✓ ${item.child !== undefined ? name(item.child) : ''}`.trim();
}
