/**
 * The length of every string in a trace, measured before anything else reads it: names and
 * labels, messages, output (per event and in total), the program, and every free field. A
 * string longer than the recorder writes is refused with a sentence naming the field, its
 * length and the limit: the recorder clips its own text (with `…(N more characters)`), so only
 * a hand-made trace goes past, and showing it clipped would show a run nobody recorded.
 */
import { MAX_MESSAGE_CHARS, MAX_NAME_CHARS, MAX_OUTPUT_CHARS, MAX_SOURCE_CHARS } from './limits';

// Fields that hold a name or a short label (or an enum, checked later by the schema).
const NAME_KEYS = new Set([
	'name',
	'coro',
	'label',
	'type',
	'filename',
	'python',
	'pyodide',
	'recorder',
	'raises',
	'kind',
	'what',
	'via',
	'category',
	'status',
	'stream',
	'outcome',
	'format'
]);

const count = (n: number): string => n.toLocaleString('en-US');

type Kind = 'name' | 'text' | 'output' | 'source';

// What a string found under `key` is, and the longest it may be.
function kindOf(key: string | number): Kind {
	if (key === 'text') return 'output';
	if (key === 'code') return 'source';
	return typeof key === 'string' && NAME_KEYS.has(key) ? 'name' : 'text';
}

const LIMITS: Record<Kind, number> = {
	name: MAX_NAME_CHARS,
	text: MAX_MESSAGE_CHARS,
	output: MAX_OUTPUT_CHARS,
	source: MAX_SOURCE_CHARS
};

const WHAT: Record<Kind, string> = {
	name: 'names and labels',
	text: 'messages and other text',
	output: 'output',
	source: 'programs'
};

type Container = Record<string, unknown> | unknown[];

/** Where a string is too long: its container and key (a path is found only on failure). */
interface Found {
	readonly container: Container;
	readonly key: string | number;
	readonly length: number;
	readonly kind: Kind;
}

/**
 * Whether some string of a parsed trace is longer than the recorder writes (see the limits in
 * `./limits.ts`), or its output adds up to more than {@link MAX_OUTPUT_CHARS}; if so, the
 * sentence that names the field, its length and the limit. O(size), without recursion.
 */
export function checkTraceStrings(value: unknown): string | null {
	const stack: unknown[] = [value];
	let output = 0;
	while (stack.length) {
		const at = stack.pop();
		if (typeof at !== 'object' || at === null) continue;
		const container = at as Container;
		const keys: (string | number)[] = Array.isArray(container)
			? container.map((_, k) => k)
			: Object.keys(container);
		for (const key of keys) {
			const child = (container as Record<string | number, unknown>)[key];
			if (typeof child === 'object' && child !== null) {
				stack.push(child);
				continue;
			}
			if (typeof child !== 'string') continue;
			const kind = kindOf(key);
			if (child.length > LIMITS[kind]) {
				const found = { container, key, length: child.length, kind };
				return tooLong(value, found);
			}
			if (kind === 'output') {
				output += child.length;
				if (output > MAX_OUTPUT_CHARS)
					return `This run's output is more than ${count(MAX_OUTPUT_CHARS)} characters; Loopscope opens runs with up to ${count(MAX_OUTPUT_CHARS)} characters of output, the most its recorder writes.`;
			}
		}
	}
	return null;
}

function tooLong(root: unknown, found: Found): string {
	const where = pathTo(root, found.container);
	const field =
		typeof found.key === 'number'
			? `${where}[${found.key}]`
			: where
				? `${where}.${found.key}`
				: found.key;
	return `${field}: ${count(found.length)} characters long; Loopscope opens ${WHAT[found.kind]} of up to ${count(LIMITS[found.kind])} characters, the longest its recorder writes.`;
}

// The path from `root` to `target` (`events[3].awaits`), found by a walk that keeps each
// node's parent: run only once a string is known to be too long.
function pathTo(root: unknown, target: Container): string {
	const parents = new Map<unknown, { parent: unknown; key: string | number }>();
	const stack: unknown[] = [root];
	while (stack.length) {
		const at = stack.pop();
		if (at === target) break;
		if (typeof at !== 'object' || at === null) continue;
		for (const [key, child] of Array.isArray(at)
			? at.map((child, k) => [k, child] as const)
			: Object.entries(at)) {
			if (typeof child !== 'object' || child === null || parents.has(child)) continue;
			parents.set(child, { parent: at, key });
			stack.push(child);
		}
	}
	let path = '';
	for (let at: unknown = target; at !== root;) {
		const step = parents.get(at);
		if (!step) break;
		path = (typeof step.key === 'number' ? `[${step.key}]` : `.${step.key}`) + path;
		at = step.parent;
	}
	return path.replace(/^\./, '');
}
