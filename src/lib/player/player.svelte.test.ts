import { describe, expect, it, vi } from 'vitest';
import { getUsersBatchTrace } from '$lib/trace/testing/get-users-batch';
import { createdTasksTrace, syntheticTrace } from '$lib/model/testing/synthetic';
import { INDEX_AT_ONCE_EVENTS, PlayClock, Player } from './player.svelte';

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

describe('Player.prepare', () => {
	it('shows a small run at once, without waiting a turn', () => {
		const player = new Player();
		expect(player.prepare(getUsersBatchTrace())).toBe(true);
		expect(player.preparing).toBe(false);
	});

	it('indexes a big run in slices, then shows it with that index', async () => {
		const player = new Player();
		player.load(getUsersBatchTrace());
		const big = syntheticTrace({ events: INDEX_AT_ONCE_EVENTS + 5_000 });
		const ready = player.prepare(big);
		expect(ready).not.toBe(true);
		expect(player.preparing).toBe(true);
		// The run on screen stays usable meanwhile.
		player.seek(3);
		expect(player.cursor).toBe(3);
		expect(await ready).toBe(true);
		expect(player.preparing).toBe(false);
		player.load(big, { cursor: 10 });
		expect(player.index?.length).toBe(big.events.length);
		expect(player.snapshot?.cursor).toBe(10);
	});

	it('drops a preparation that a newer one, or unload, replaced', async () => {
		const player = new Player();
		const first = player.prepare(syntheticTrace({ events: INDEX_AT_ONCE_EVENTS + 1 }));
		const second = player.prepare(syntheticTrace({ events: INDEX_AT_ONCE_EVENTS + 2 }));
		player.unload();
		expect(await first).toBe(false);
		expect(await second).toBe(false);
		expect(player.preparing).toBe(false);
	});

	it('prepares a run of many tasks (few events each) too, lanes included, on the axis asked', async () => {
		const player = new Player();
		const many = createdTasksTrace(INDEX_AT_ONCE_EVENTS);
		const ready = player.prepare(many, 'step');
		expect(ready).not.toBe(true);
		expect(await ready).toBe(true);
		player.load(many, { axis: 'step' });
		const memo = player.index?.tables.memo;
		expect(memo?.has('lanes:step')).toBe(true);
		expect(memo?.has('arrows:step')).toBe(true);
		expect(memo?.has('lanes:time')).toBe(false);
	});

	it('switches a big run to another axis once its lanes there are laid out', async () => {
		const player = new Player();
		const many = createdTasksTrace(INDEX_AT_ONCE_EVENTS);
		await player.prepare(many, 'time');
		player.load(many, { axis: 'time' });
		player.setAxis('step');
		// The time axis stays on screen while the step axis is laid out in slices.
		expect(player.axis).toBe('time');
		expect(player.preparing).toBe(true);
		await vi.waitFor(() => expect(player.axis).toBe('step'));
		expect(player.preparing).toBe(false);
		expect(player.index?.tables.memo.has('lanes:step')).toBe(true);
	});

	it("switches a small run's axis at once", () => {
		const player = new Player();
		player.load(getUsersBatchTrace());
		player.setAxis('step');
		expect(player.axis).toBe('step');
		expect(player.preparing).toBe(false);
	});
});

describe('Player.open', () => {
	it('indexes a big run in slices, then shows it at the moment asked', async () => {
		const player = new Player();
		const big = syntheticTrace({ events: INDEX_AT_ONCE_EVENTS + 100 });
		const opening = player.open(big, { cursor: 7, axis: 'step' });
		expect(player.trace).toBeNull();
		expect(player.preparing).toBe(true);
		expect(await opening).toBe(true);
		expect(player.trace).toBe(big);
		expect(player.cursor).toBe(7);
		expect(player.index?.tables.memo.has('lanes:step')).toBe(true);
	});

	it('shows nothing of a run that a newer one replaced while it was indexed', async () => {
		const player = new Player();
		const first = player.open(syntheticTrace({ events: INDEX_AT_ONCE_EVENTS + 100 }));
		const small = getUsersBatchTrace();
		const second = player.open(small);
		expect(await first).toBe(false);
		expect(await second).toBe(true);
		expect(player.trace).toBe(small);
	});
});

describe('PlayClock', () => {
	it('ticks at its speed until its step says there is nothing more', () => {
		vi.useFakeTimers();
		try {
			let steps = 0;
			const clock = new PlayClock(() => ++steps < 5, 10);
			clock.start();
			expect(clock.playing).toBe(true);
			vi.advanceTimersByTime(250);
			expect(steps).toBe(2);
			vi.advanceTimersByTime(1000);
			expect(steps).toBe(5);
			expect(clock.playing).toBe(false);
		} finally {
			vi.useRealTimers();
		}
	});

	it('takes no step once stopped, and one timer however often it is started', () => {
		vi.useFakeTimers();
		try {
			let steps = 0;
			const clock = new PlayClock(() => (++steps, true), 10);
			clock.start();
			clock.start();
			vi.advanceTimersByTime(100);
			expect(steps).toBe(1);
			clock.stop();
			vi.advanceTimersByTime(1000);
			expect(steps).toBe(1);
			expect(clock.playing).toBe(false);
		} finally {
			vi.useRealTimers();
		}
	});
});
