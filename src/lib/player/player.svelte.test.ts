import { describe, expect, it, vi } from 'vitest';
import { getUsersBatchTrace } from '$lib/trace/testing/get-users-batch';
import { Player } from './player.svelte';

describe('Player', () => {
	it('opens a trace at a moment, with the cursor kept inside the run', () => {
		const player = new Player();
		const trace = getUsersBatchTrace();
		player.load(trace, { cursor: 10_000, task: 2, axis: 'step' });
		expect(player.cursor).toBe(trace.events.length - 1);
		expect(player.atEnd).toBe(true);
		expect(player.selectedTask).toBe(2);
		expect(player.axis).toBe('step');
		player.seek(-5);
		expect(player.cursor).toBe(0);
	});

	it('plays one event per tick at its speed, and stops at the end', () => {
		vi.useFakeTimers();
		try {
			const player = new Player();
			player.load(getUsersBatchTrace());
			player.setSpeed(8);
			player.play();
			vi.advanceTimersByTime(1000);
			expect(player.cursor).toBe(8);
			vi.advanceTimersByTime(60_000);
			expect(player.atEnd).toBe(true);
			expect(player.playing).toBe(false);
		} finally {
			vi.useRealTimers();
		}
	});

	it('ignores a speed that is not a positive number', () => {
		const player = new Player();
		player.setSpeed(16);
		player.setSpeed(0);
		player.setSpeed(Number.NaN);
		player.setSpeed(-2);
		expect(player.speed).toBe(16);
	});

	it('unloads to no run at all', () => {
		const player = new Player();
		player.load(getUsersBatchTrace(), { cursor: 5, task: 1 });
		player.unload();
		expect(player.trace).toBeNull();
		expect(player.snapshot).toBeNull();
		expect(player.selectedTask).toBeNull();
		expect(player.cursor).toBe(0);
	});
});
