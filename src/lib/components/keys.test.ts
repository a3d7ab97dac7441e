import { describe, expect, it } from 'vitest';
import { key } from '$lib/player/testing/key';
import {
	PLAYER_KEYS,
	PREDICT_KEYS,
	PRESENTER_KEYS,
	bindingFor,
	type KeyActions
} from '$lib/player/keyboard';
import { handlePlayerKey, handlePredictKey, handlePresenterKey } from './keys';

function recorder(): { calls: string[]; actions: KeyActions } {
	const calls: string[] = [];
	const names: (keyof KeyActions)[] = [
		'toggle',
		'stepForward',
		'stepBack',
		'nextIteration',
		'prevIteration',
		'toStart',
		'toEnd',
		'nextOfTask',
		'prevOfTask'
	];
	const actions = Object.fromEntries(
		names.map((name) => [name, () => calls.push(name)])
	) as unknown as KeyActions;
	return { calls, actions };
}

describe('handlePlayerKey', () => {
	it('runs the action the table names, and says it handled the key', () => {
		const { calls, actions } = recorder();
		expect(handlePlayerKey(key('k'), actions)).toBe(true);
		expect(handlePlayerKey(key('End'), actions)).toBe(true);
		expect(handlePlayerKey(key('n'), actions)).toBe(true);
		expect(handlePlayerKey(key('N', { shiftKey: true }), actions)).toBe(true);
		expect(handlePlayerKey(key('x'), actions)).toBe(false);
		expect(calls).toEqual(['toggle', 'toEnd', 'nextOfTask', 'prevOfTask']);
	});

	it('keeps the clicker contract: PageDown, → and Space forward; PageUp and ← back', () => {
		const { calls, actions } = recorder();
		for (const k of ['PageDown', 'ArrowRight', ' ', 'PageUp', 'ArrowLeft'])
			expect(handlePlayerKey(key(k), actions), k).toBe(true);
		expect(calls).toEqual(['stepForward', 'stepForward', 'stepForward', 'stepBack', 'stepBack']);
	});

	it('leaves ?, P and B alone where the page does not offer them, and does them where it does', () => {
		const { actions } = recorder();
		const page: string[] = [];
		for (const k of ['?', 'p', 'b', 'm']) expect(handlePlayerKey(key(k), actions), k).toBe(false);
		const offered = {
			showKeys: () => page.push('keys'),
			togglePredict: () => page.push('predict'),
			blank: () => page.push('blank'),
			toggleLoopView: () => page.push('loop')
		};
		for (const k of ['?', 'P', 'b', '.', 'm'])
			expect(handlePlayerKey(key(k), actions, offered)).toBe(true);
		expect(page).toEqual(['keys', 'predict', 'blank', 'blank', 'loop']);
	});
});

describe('handlePresenterKey', () => {
	it('steps on what clickers send, and Space; blanks on B; P, C and ? as the help says', () => {
		const calls: string[] = [];
		const actions = {
			stepForward: () => calls.push('forward'),
			stepBack: () => calls.push('back'),
			toStart: () => calls.push('start'),
			toEnd: () => calls.push('end'),
			blank: () => calls.push('blank'),
			fullScreen: () => calls.push('full'),
			togglePredict: () => calls.push('predict'),
			toggleCode: () => calls.push('code'),
			toggleLoopView: () => calls.push('loop'),
			showKeys: () => calls.push('keys')
		};
		for (const k of [
			'PageDown',
			'ArrowRight',
			' ',
			'PageUp',
			'ArrowLeft',
			'b',
			'p',
			'c',
			'M',
			'?',
			'q'
		])
			handlePresenterKey(key(k), actions);
		expect(calls).toEqual([
			'forward',
			'forward',
			'forward',
			'back',
			'back',
			'blank',
			'predict',
			'code',
			'loop',
			'keys'
		]);
	});

	it('is the same contract as every other page: each player key a clicker sends does the same', () => {
		for (const k of [
			'PageDown',
			'PageUp',
			'ArrowRight',
			'ArrowLeft',
			' ',
			'Home',
			'End',
			'b',
			'p',
			'm',
			'?'
		])
			expect(bindingFor(PRESENTER_KEYS, key(k))?.action, k).toBe(
				bindingFor(PLAYER_KEYS, key(k))?.action
			);
	});
});

describe('predict keys', () => {
	function predictRecorder() {
		const calls: string[] = [];
		return {
			calls,
			actions: {
				reveal: () => calls.push('reveal') > 0,
				choose: (choice: number) => calls.push(`choose ${choice}`),
				nextQuestion: () => calls.push('nextQuestion')
			}
		};
	}

	it('reveal on Enter or R, pick with 1–9 (from 0), Q for the next question', () => {
		const { calls, actions } = predictRecorder();
		for (const k of ['Enter', 'r', '1', '9', 'q', '0', 'x']) handlePredictKey(key(k), actions);
		expect(calls).toEqual(['reveal', 'reveal', 'choose 0', 'choose 8', 'nextQuestion']);
		expect(PREDICT_KEYS.map((binding) => binding.action)).toEqual([
			'reveal',
			'choose',
			'nextQuestion'
		]);
	});

	it('never with Ctrl, ⌘ or Alt', () => {
		const { calls, actions } = predictRecorder();
		expect(handlePredictKey(key('Enter', { ctrlKey: true }), actions)).toBe(false);
		expect(handlePredictKey(key('1', { altKey: true }), actions)).toBe(false);
		expect(calls).toEqual([]);
	});
});
