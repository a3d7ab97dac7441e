import { describe, expect, it } from 'vitest';
import { getUsersBatchTrace } from '$lib/trace/testing/get-users-batch';
import { Player } from '$lib/player/player.svelte';
import { WalkGuide } from './walk-guide.svelte';

function setUp() {
	const player = new Player();
	player.load(getUsersBatchTrace());
	const guide = new WalkGuide(
		{
			title: 'gather',
			steps: [
				{ at: 3, caption: 'Task-1 starts.' },
				{ at: 9, caption: 'Three tasks are ready.', prompt: 'What is in the ready queue?' },
				{ at: 20, caption: 'The timers.' }
			]
		},
		player
	);
	return { player, guide };
}

describe('WalkGuide', () => {
	it('walks the steps with Next and Back, the active step following the cursor', () => {
		const { player, guide } = setUp();
		player.seek(0);
		expect(guide.active).toBe(-1);
		expect(guide.canBack).toBe(false);
		guide.forward();
		expect(player.cursor).toBe(3);
		expect(guide.active).toBe(0);
		player.seek(15);
		expect(guide.active).toBe(1);
		guide.back();
		expect(player.cursor).toBe(9);
		guide.back();
		expect(player.cursor).toBe(3);
	});

	it('asks a step’s question first; Next shows its caption, then moves on; a question is asked once', () => {
		const { player, guide } = setUp();
		player.seek(3);
		guide.forward();
		expect(player.cursor).toBe(9);
		expect(guide.asking).toBe(true);
		expect(guide.texts[1].text).toBe('Think first: What is in the ready queue?');
		expect(guide.nextLabel).toBe('Show the answer');
		guide.forward();
		expect(player.cursor).toBe(9);
		expect(guide.asking).toBe(false);
		expect(guide.texts[1].text).toBe('Three tasks are ready.');
		guide.forward();
		expect(player.cursor).toBe(20);
		expect(guide.canForward).toBe(false);
		guide.back();
		expect(player.cursor).toBe(9);
		expect(guide.asking).toBe(false);
	});

	it('a step without a question reads its caption at once', () => {
		const { player, guide } = setUp();
		player.seek(20);
		expect(guide.asking).toBe(false);
		expect(guide.texts.map((step) => step.text)).toEqual([
			'Task-1 starts.',
			'Three tasks are ready.',
			'The timers.'
		]);
	});
});
