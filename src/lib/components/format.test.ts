import { describe, expect, it } from 'vitest';
import { childDoneText, countOf, firstItems, formatPython, narrationParts } from './format';

describe('formatPython', () => {
	it('says which Python recorded the run', () => {
		expect(formatPython({ python: '3.14.2', pyodide: '0.29.0' })).toBe('Python 3.14.2 (Pyodide)');
		expect(formatPython({ python: '3.11.7', pyodide: null })).toBe('Python 3.11.7 (CPython)');
	});
});

describe('narrationParts', () => {
	it('makes the quoted parts code and keeps the rest plain', () => {
		expect(narrationParts('main() runs line 3: `await x`.')).toEqual([
			{ text: 'main() runs line 3: ', code: false },
			{ text: 'await x', code: true },
			{ text: '.', code: false }
		]);
		expect(narrationParts('`a` and `b`')).toEqual([
			{ text: 'a', code: true },
			{ text: ' and ', code: false },
			{ text: 'b', code: true }
		]);
	});

	it('leaves an unpaired backtick in the plain text', () => {
		expect(narrationParts('prints `x` then ` alone')).toEqual([
			{ text: 'prints ', code: false },
			{ text: 'x', code: true },
			{ text: ' then ` alone', code: false }
		]);
		expect(narrationParts('a ` b')).toEqual([{ text: 'a ` b', code: false }]);
	});

	it('keeps markup as text', () => {
		expect(narrationParts('`<img src=x onerror=alert(1)>`')).toEqual([
			{ text: '<img src=x onerror=alert(1)>', code: true }
		]);
	});
});

describe('countOf', () => {
	it('is singular for one and plural otherwise', () => {
		expect(countOf(1, 'event/s', 'events/s')).toBe('1 event/s');
		expect(countOf(4, 'event/s', 'events/s')).toBe('4 events/s');
		expect(countOf(0, 'task')).toBe('0 tasks');
		expect(countOf(1, 'task')).toBe('1 task');
	});
});

describe('firstItems', () => {
	it('keeps a short list whole', () => {
		const list = [1, 2, 3];
		expect(firstItems(list, 3)).toEqual({ shown: list, more: 0 });
	});
	it('cuts a long list to its first items and counts the rest', () => {
		const list = Array.from({ length: 100_000 }, (_, i) => i);
		const { shown, more } = firstItems(list, 50);
		expect(shown).toEqual(list.slice(0, 50));
		expect(more).toBe(99_950);
	});
});

describe('childDoneText', () => {
	const name = (task: number) => `Task-${task + 1}`;

	it('names a child’s end by who takes note and which child', () => {
		expect(childDoneText({ what: 'child_done', via: 'gather', child: 1 }, name)).toBe(
			'gather ✓ Task-2'
		);
		expect(childDoneText({ what: 'child_done', child: 3 }, name)).toBe('child ✓ Task-4');
	});

	it('leaves any other item to its label', () => {
		expect(childDoneText({ what: 'stop' }, name)).toBeNull();
		expect(childDoneText({ what: 'callback' }, name)).toBeNull();
	});
});
