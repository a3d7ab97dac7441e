import { describe, expect, it } from 'vitest';
import { key } from './testing/key';
import {
	PLAYER_KEYS,
	TIMELINE_KEYS,
	bindingFor,
	playerKeyAction,
	predictKeyAction,
	presenterKeyAction,
	timelineKeyAction
} from './keyboard';

describe('the keymap', () => {
	it('gives every key one action, in each table', () => {
		for (const table of [PLAYER_KEYS, TIMELINE_KEYS]) {
			const seen = new Set<string>();
			for (const binding of table)
				for (const k of binding.keys)
					for (const shift of binding.shift === undefined ? [false, true] : [binding.shift]) {
						const id = `${k}:${shift}`;
						expect(seen.has(id), id).toBe(false);
						seen.add(id);
					}
		}
	});

	it('has words for the help overlay for every binding', () => {
		for (const binding of [...PLAYER_KEYS, ...TIMELINE_KEYS]) {
			expect(binding.label).not.toBe('');
			expect(binding.does).not.toBe('');
		}
	});

	it('tells Shift+→ (next iteration) from → (one step)', () => {
		expect(bindingFor(PLAYER_KEYS, key('ArrowRight'))?.action).toBe('stepForward');
		expect(bindingFor(PLAYER_KEYS, key('ArrowRight', { shiftKey: true }))?.action).toBe(
			'nextIteration'
		);
	});

	it('leaves keys with Ctrl, ⌘ or Alt to the browser', () => {
		expect(bindingFor(PLAYER_KEYS, key('ArrowRight', { ctrlKey: true }))).toBeNull();
		expect(bindingFor(TIMELINE_KEYS, key('+', { metaKey: true }))).toBeNull();
	});
});

describe('what a key means where the focus is', () => {
	it('leaves a control its keys, and a focused button its Space', () => {
		expect(playerKeyAction(key('ArrowRight'), 'page')).toBe('stepForward');
		expect(playerKeyAction(key('ArrowRight'), 'button')).toBe('stepForward');
		expect(playerKeyAction(key(' '), 'page')).toBe('stepForward');
		expect(playerKeyAction(key(' '), 'button')).toBeNull();
		for (const focus of ['editor', 'text', 'select', 'radio', 'range', 'role-button'] as const)
			expect(playerKeyAction(key('ArrowRight'), focus)).toBeNull();
	});

	it('reveals on Enter from the Predict switch, but not from another button', () => {
		expect(predictKeyAction(key('Enter'), 'predict-switch')).toEqual({ action: 'reveal' });
		expect(predictKeyAction(key('Enter'), 'button')).toBeNull();
		expect(predictKeyAction(key('3'), 'button')).toEqual({ action: 'choose', choice: 2 });
		expect(predictKeyAction(key('r'), 'text')).toBeNull();
	});

	it('steps presenter mode from radio buttons and sliders, not from text fields', () => {
		expect(presenterKeyAction(key('PageDown'), 'radio')).toBe('stepForward');
		expect(presenterKeyAction(key('PageDown'), 'range')).toBe('stepForward');
		expect(presenterKeyAction(key('PageDown'), 'text')).toBeNull();
		expect(timelineKeyAction(key('+'), 'radio')).toBe('zoomIn');
		expect(timelineKeyAction(key('+'), 'range')).toBeNull();
	});
});
