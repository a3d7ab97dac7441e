import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTrace } from '$lib/trace/validate';
import type { Trace } from '$lib/trace/schema';
import { coachingOf } from './coaching.svelte';
import { Player } from './player.svelte';

function lessonTrace(name: string): Trace {
	const url = new URL(`../../../traces/lessons/${name}.json`, import.meta.url);
	const parsed = parseTrace(readFileSync(url, 'utf8'));
	if (!parsed.ok) throw new Error(parsed.error);
	return parsed.trace;
}

describe('Coaching', () => {
	it('is one per player', () => {
		const player = new Player();
		expect(coachingOf(player)).toBe(coachingOf(player));
		expect(coachingOf(new Player())).not.toBe(coachingOf(player));
	});

	it('shows a note from its step on, and a dismissed one no more in that run', () => {
		const player = new Player();
		const coaching = coachingOf(player);
		const trace = lessonTrace('forgot_await');
		player.load(trace);
		const [note] = coaching.notes;
		expect(note.kind).toBe('forgot_await');
		player.seek(note.step - 1);
		expect(coaching.current).toBeNull();
		player.seek(note.step);
		expect(coaching.current).toEqual(note);
		coaching.dismiss('forgot_await');
		expect(coaching.current).toBeNull();
		player.seek(trace.events.length - 1);
		expect(coaching.current).toBeNull();
		// The next run (even of the same program) is coached afresh.
		player.load(lessonTrace('forgot_await'), { cursor: note.step });
		expect(coaching.current?.kind).toBe('forgot_await');
	});

	it('has nothing to say without a run, or on a correct one', () => {
		const player = new Player();
		expect(coachingOf(player).current).toBeNull();
		player.load(lessonTrace('forgot_await_fixed'), { cursor: 1_000 });
		expect(coachingOf(player).notes).toEqual([]);
		expect(coachingOf(player).current).toBeNull();
	});
});
