import { describe, expect, it } from 'vitest';
import { parseEmbedOptions } from './embed-options';

describe('parseEmbedOptions', () => {
	it('has quiet defaults', () => {
		expect(parseEmbedOptions('')).toEqual({
			example: null,
			autoplay: false,
			step: null,
			axis: null,
			theme: 'auto',
			speed: null,
			ignored: []
		});
	});

	it('reads every option', () => {
		expect(
			parseEmbedOptions('?example=get_users_batch&autoplay=1&step=12&axis=step&theme=dark&speed=8')
		).toEqual({
			example: 'get_users_batch',
			autoplay: true,
			step: 12,
			axis: 'step',
			theme: 'dark',
			speed: 8,
			ignored: []
		});
	});

	it('takes a bare autoplay as on', () => {
		expect(parseEmbedOptions('autoplay').autoplay).toBe(true);
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
