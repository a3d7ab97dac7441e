import { describe, expect, it } from 'vitest';
import { ignoredOptionsText, parseEmbedOptions } from './embed-options';

describe('parseEmbedOptions', () => {
	it('has quiet defaults', () => {
		expect(parseEmbedOptions('')).toEqual({
			example: null,
			autoplay: false,
			step: null,
			axis: null,
			theme: 'auto',
			speed: null,
			predict: false,
			loop: null,
			coach: false,
			ignored: []
		});
	});

	it('reads every option', () => {
		expect(
			parseEmbedOptions(
				'?example=get_users_batch&autoplay=1&step=12&axis=step&theme=dark&speed=8&predict=1&loop=machine&coach=1'
			)
		).toEqual({
			example: 'get_users_batch',
			autoplay: true,
			step: 12,
			axis: 'step',
			theme: 'dark',
			speed: 8,
			predict: true,
			loop: 'machine',
			coach: true,
			ignored: []
		});
	});

	it('reads the loop view, and names a view it does not know', () => {
		expect(parseEmbedOptions('loop=list').loop).toBe('list');
		const bad = parseEmbedOptions('loop=wheel');
		expect(bad.loop).toBeNull();
		expect(bad.ignored).toEqual(['loop=wheel']);
	});

	it('takes a bare autoplay as on', () => {
		expect(parseEmbedOptions('autoplay').autoplay).toBe(true);
	});

	it('reads predict as a switch, like autoplay', () => {
		expect(parseEmbedOptions('predict').predict).toBe(true);
		expect(parseEmbedOptions('predict=on').predict).toBe(true);
		expect(parseEmbedOptions('predict=0').predict).toBe(false);
		const bad = parseEmbedOptions('predict=maybe');
		expect(bad.predict).toBe(false);
		expect(ignoredOptionsText(bad)).toBe(
			'This embed ignored “predict=maybe”, which it does not understand.'
		);
	});

	it('says which options it ignored, briefly', () => {
		expect(ignoredOptionsText(parseEmbedOptions('step=3'))).toBeNull();
		expect(ignoredOptionsText(parseEmbedOptions('step=-3'))).toBe(
			'This embed ignored “step=-3”, which it does not understand.'
		);
		expect(ignoredOptionsText(parseEmbedOptions('step=-3&axis=x'))).toBe(
			'This embed ignored “step=-3” and “axis=x”, which it does not understand.'
		);
		const many = parseEmbedOptions(`a=1&b=2&c=${'z'.repeat(100)}&d=4&e=5`);
		expect(ignoredOptionsText(many)).toBe(
			`This embed ignored “a=1”, “b=2”, “c=${'z'.repeat(37)}…” and 2 more, which it does not understand.`
		);
	});

	it('ignores and reports what it does not understand', () => {
		const options = parseEmbedOptions('step=-3&axis=x&theme=<b>&example=../x&speed=0&colour=red');
		expect(options.step).toBeNull();
		expect(options.axis).toBeNull();
		expect(options.theme).toBe('auto');
		expect(options.example).toBeNull();
		expect(options.speed).toBeNull();
		expect(options.ignored).toEqual([
			'step=-3',
			'axis=x',
			'theme=<b>',
			'example=../x',
			'speed=0',
			'colour=red'
		]);
	});
});
