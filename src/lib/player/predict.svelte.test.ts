import { describe, expect, it, vi } from 'vitest';
import { buildIndex, predictionPoints } from '$lib/model';
import { corpusRuns } from '$lib/model/testing';
import { getUsersBatchTrace } from '$lib/trace/testing/get-users-batch';
import { Player } from './player.svelte';
import { Predict } from './predict.svelte';

function setUp() {
	const player = new Player();
	const trace = getUsersBatchTrace();
	player.load(trace);
	const predict = new Predict(player);
	const questions = predictionPoints(buildIndex(trace));
	return { player, predict, questions };
}

describe('Predict', () => {
	it('while off: asks nothing, hides nothing, and stepping forward steps', () => {
		const { player, predict, questions } = setUp();
		player.seek(questions[0].seq);
		expect(predict.active).toBeNull();
		expect(predict.revealUntil).toBeNull();
		predict.forward();
		expect(player.cursor).toBe(questions[0].seq + 1);
	});

	it('stops at a question with the future hidden, reveals on the next step, then goes on', () => {
		const { player, predict, questions } = setUp();
		predict.toggle();
		const [first] = questions;
		player.seek(first.seq - 1);
		expect(predict.active).toBeNull();
		predict.forward();
		expect(player.cursor).toBe(first.seq);
		expect(predict.active?.id).toBe(first.id);
		expect(predict.number).toBe(1);
		expect(predict.revealed).toBe(false);
		expect(predict.revealUntil).toBe(first.seq);
		predict.forward();
		expect(player.cursor).toBe(first.seq);
		expect(predict.revealed).toBe(true);
		predict.forward();
		expect(player.cursor).toBe(first.seq + 1);
	});

	it('keeps a pick until the reveal, and no pick after it', () => {
		const { player, predict, questions } = setUp();
		predict.toggle();
		const question = questions.find((entry) => entry.choices.length >= 2)!;
		player.seek(question.seq);
		predict.choose(1);
		predict.choose(7);
		expect(predict.picked).toBe(1);
		predict.reveal();
		predict.choose(0);
		expect(predict.picked).toBe(1);
		// Stepping back onto it later shows it answered.
		predict.forward();
		player.seek(question.seq);
		expect(predict.revealed).toBe(true);
	});

	it('asks every question of one event in turn before moving on', () => {
		const run = corpusRuns().find((entry) => {
			const seqs = predictionPoints(buildIndex(entry.trace)).map((question) => question.seq);
			return new Set(seqs).size < seqs.length;
		})!;
		const player = new Player();
		player.load(run.trace);
		const predict = new Predict(player);
		predict.toggle();
		const all = predict.questions;
		const shared = all.find((question, k) => all[k + 1]?.seq === question.seq)!;
		player.seek(shared.seq);
		expect(predict.active?.id).toBe(shared.id);
		predict.forward();
		predict.forward();
		expect(player.cursor).toBe(shared.seq);
		expect(predict.active?.id).toBe(all[all.indexOf(shared) + 1].id);
		expect(predict.revealed).toBe(false);
	});

	it('plays up to the next question and pauses there; Q jumps to the one after', () => {
		vi.useFakeTimers();
		try {
			const { player, predict, questions } = setUp();
			predict.toggle();
			player.setSpeed(32);
			player.play();
			vi.advanceTimersByTime(60_000);
			expect(player.playing).toBe(false);
			expect(player.cursor).toBe(questions[0].seq);
			predict.nextQuestion();
			expect(player.cursor).toBe(questions[0].seq);
			expect(predict.revealed).toBe(true);
			predict.nextQuestion();
			expect(player.cursor).toBe(questions[1].seq);
		} finally {
			vi.useRealTimers();
		}
	});

	it('turned off: plays through and shows the whole timeline again', () => {
		vi.useFakeTimers();
		try {
			const { player, predict } = setUp();
			predict.toggle();
			predict.toggle();
			expect(predict.revealUntil).toBeNull();
			player.setSpeed(32);
			player.play();
			vi.advanceTimersByTime(60_000);
			expect(player.atEnd).toBe(true);
		} finally {
			vi.useRealTimers();
		}
	});
});
