import { describe, expect, it } from 'vitest';
import { EMBED_COMMANDS, embedState, parseEmbedCommand } from './embed-api';

describe('parseEmbedCommand', () => {
	it('takes each command the embed knows', () => {
		for (const command of EMBED_COMMANDS.filter((name) => name !== 'seek'))
			expect(parseEmbedCommand({ type: 'loopscope', command })).toEqual({ command });
		expect(parseEmbedCommand({ type: 'loopscope', command: 'seek', step: 12 })).toEqual({
			command: 'seek',
			step: 12
		});
	});

	it('ignores what is not a command of ours, or is malformed', () => {
		for (const data of [
			null,
			'next',
			42,
			{ command: 'next' },
			{ type: 'other', command: 'next' },
			{ type: 'loopscope', command: 'eval' },
			{ type: 'loopscope', command: 'seek' },
			{ type: 'loopscope', command: 'seek', step: 0 },
			{ type: 'loopscope', command: 'seek', step: 2.5 },
			{ type: 'loopscope', command: 'seek', step: '3' },
			{ type: 'loopscope', command: 'constructor' }
		])
			expect(parseEmbedCommand(data), JSON.stringify(data)).toBeNull();
	});
});

describe('the issue’s message forms', () => {
	it('read as the same requests', () => {
		expect(parseEmbedCommand({ type: 'loopscope:goto', step: 7 })).toEqual({
			command: 'seek',
			step: 7
		});
		expect(parseEmbedCommand({ type: 'loopscope:step', by: -3 })).toEqual({
			command: 'step',
			by: -3
		});
		expect(parseEmbedCommand({ type: 'loopscope:play' })).toEqual({ command: 'play' });
		expect(parseEmbedCommand({ type: 'loopscope:pause' })).toEqual({ command: 'pause' });
		expect(parseEmbedCommand({ type: 'loopscope:predict', on: true })).toEqual({
			command: 'predict-on'
		});
		expect(parseEmbedCommand({ type: 'loopscope:predict', on: false })).toEqual({
			command: 'predict-off'
		});
	});

	it('are checked as strictly', () => {
		for (const data of [
			{ type: 'loopscope:goto', step: 0 },
			{ type: 'loopscope:goto', step: '2' },
			{ type: 'loopscope:step', by: 1.5 },
			{ type: 'loopscope:step', by: 1e12 },
			{ type: 'loopscope:step' },
			{ type: 'loopscope:predict', on: 'yes' },
			{ type: 'loopscope:eval', code: 'x' }
		])
			expect(parseEmbedCommand(data), JSON.stringify(data)).toBeNull();
	});
});

describe('embedState', () => {
	it('counts steps from 1 and says when the run is at its end', () => {
		expect(embedState({ cursor: 0, last: 50, time: 0, playing: false, predict: false })).toEqual({
			type: 'loopscope:state',
			step: 1,
			steps: 51,
			time: 0,
			playing: false,
			predict: false,
			question: null,
			atEnd: false,
			walkthrough: null
		});
		expect(
			embedState({ cursor: 50, last: 50, time: 0.5, playing: false, predict: true }).atEnd
		).toBe(true);
		expect(
			embedState({
				cursor: 9,
				last: 50,
				time: 0,
				playing: false,
				predict: true,
				question: 'What runs next?'
			}).question
		).toBe('What runs next?');
	});

	it('says where a walkthrough is', () => {
		const walkthrough = { step: 2, steps: 3, asking: true };
		expect(
			embedState({ cursor: 9, last: 50, time: 0, playing: false, predict: false, walkthrough })
				.walkthrough
		).toEqual(walkthrough);
	});
});
