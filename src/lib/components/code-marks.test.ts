import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { NO_MARKS, type CodeMarks } from '$lib/model/code-marks';
import { BADGE_NAMES, badgeText, codeMarks, marksUpdate } from './code-marks';

const doc = 'async def main():\n    await asyncio.sleep(1)\n    print("done")\n';
const marks = (current: number | null, names: string[] = ['Task-2']): CodeMarks => ({
	current,
	paused: [{ line: 2, names }],
	error: null
});

function shown(state: EditorState, next: CodeMarks): EditorState {
	const update = marksUpdate(state, next);
	return update ? state.update(update).state : state;
}

describe('marksUpdate', () => {
	const fresh = EditorState.create({ doc, extensions: codeMarks() });

	it('gives the editor an effect for marks it does not show yet', () => {
		expect(marksUpdate(fresh, marks(1))).not.toBeNull();
	});

	it('gives the editor no effect when the marks did not change, compared by value', () => {
		const state = shown(fresh, marks(1, ['Task-2', 'Task-3']));
		expect(marksUpdate(state, marks(1, ['Task-2', 'Task-3']))).toBeNull();
		expect(marksUpdate(fresh, { ...NO_MARKS, paused: [] })).toBeNull();
	});

	it('gives an effect when any part of the marks changed', () => {
		const state = shown(fresh, marks(1, ['Task-2', 'Task-3']));
		expect(marksUpdate(state, marks(3, ['Task-2', 'Task-3']))).not.toBeNull();
		expect(marksUpdate(state, marks(1, ['Task-2']))).not.toBeNull();
		expect(marksUpdate(state, marks(1, ['Task-2', 'Task-4']))).not.toBeNull();
		expect(marksUpdate(state, { ...marks(1, ['Task-2', 'Task-3']), error: 3 })).not.toBeNull();
	});

	it('shows the marks again after the text was replaced', () => {
		const state = shown(fresh, marks(1));
		const retyped = state.update({ changes: { from: 0, insert: '# new\n' } }).state;
		expect(marksUpdate(retyped, marks(1))).not.toBeNull();
	});
});

describe('badgeText', () => {
	it('names every task up to the cap', () => {
		expect(badgeText(['Task-2', 'Task-3', 'Task-4'])).toBe('paused: Task-2, Task-3, Task-4');
	});

	it('counts the tasks past the cap', () => {
		const names = Array.from({ length: 1000 }, (_, i) => `Task-${i + 2}`);
		const text = badgeText(names);
		expect(text).toBe(`paused: ${names.slice(0, BADGE_NAMES).join(', ')} and 992 more`);
	});
});
