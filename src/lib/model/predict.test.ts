/**
 * The decision points of real recorded runs (tests/corpus, traces/), checked against the
 * trace's own events and against what CPython 3.11 did with the same programs: the order
 * in which it ran task steps and what it printed (tests/corpus/<name>.expected.json).
 */
import { describe, expect, it } from 'vitest';
import { buildIndex } from './build-index';
import { isStepItem } from './replay';
import { nextQuestionAfter, predictionPoints, questionsAt, type Question } from './predict';
import { seek } from './seek';
import { corpusRun, corpusRuns } from './testing';
import { recordedTrace } from '../trace/testing/recorded';

const runs = corpusRuns();
const answerOf = (question: Question) => question.choices[question.correct ?? -1];
/** The texts of a question's choices, in the order offered. */
const choiceTexts = (question: Question | undefined) =>
	question?.choices.map((choice) => choice.text);

const studied = runs.map((run) => {
	const index = buildIndex(run.trace);
	return { ...run, index, questions: predictionPoints(index) };
});
const agreeing = studied.filter((run) => !Array.isArray(run.expected.differs));
const ofKind = (list: typeof studied, kind: Question['kind']) =>
	list.flatMap((run) =>
		run.questions
			.filter((question) => question.kind === kind)
			.map((question) => ({ run, question }))
	);

describe.each(studied.map((run) => [run.name, run] as const))('%s', (_, { questions }) => {
	it('asks each question before its answer happens, with the answer among the choices', () => {
		expect.hasAssertions();
		for (const question of questions) {
			expect(question.seq).toBeLessThan(question.answerSeq);
			if (question.choices.length) {
				expect(question.choices.length).toBeGreaterThanOrEqual(2);
				expect(answerOf(question)).toBeDefined();
				const texts = question.choices.map((choice) => choice.text);
				expect(new Set(texts).size).toBe(texts.length);
			}
			expect(question.prompt).toMatch(/\?$/);
			expect(question.why).toMatch(/^\S.*[.]$/s);
			expect(`${question.prompt} ${question.answer} ${question.why}`).not.toMatch(
				/undefined|NaN|\[object|null/
			);
		}
		expect(new Set(questions.map((question) => question.id)).size).toBe(questions.length);
	});
});

describe('the corpus, against CPython', () => {
	it('answers "which task runs next?" as CPython ran its steps, from the head of the ready queue or the earliest timer', () => {
		const asked = ofKind(agreeing, 'next_task');
		expect(asked.length).toBeGreaterThan(40);
		expect(
			asked.some(
				({ question }) => question.detail.kind === 'next_task' && question.detail.via === 'timer'
			)
		).toBe(true);
		for (const { run, question } of asked) {
			const { trace, index, expected } = run;
			const events = trace.events;
			if (question.detail.kind !== 'next_task') continue;
			const steps = events.flatMap((event) => (event.kind === 'step_start' ? [event.seq] : []));
			const step = events[question.answerSeq];
			const task = question.detail.task;
			expect(step.kind === 'step_start' && step.task).toBe(task);
			// CPython's own order of steps names the same task at this step.
			expect(trace.tasks[task].name).toBe((expected.steps as string[])[steps.indexOf(step.seq)]);
			expect(answerOf(question).task).toBe(task);
			const world = seek(index, question.seq);
			if (question.detail.via === 'ready') {
				expect(question.seq).toBe(question.answerSeq - 1);
				expect(world.ready.find(isStepItem)?.task).toBe(task);
			} else {
				// Nothing is ready, time is about to jump, and the first timer is the task's.
				expect(world.ready.some(isStepItem)).toBe(false);
				expect(events[question.seq + 1].t).toBeGreaterThan(events[question.seq].t);
				expect(world.timers[0].task).toBe(task);
				expect(step.t).toBe(world.timers[0].when);
			}
		}
	});

	it('answers "what is printed next?" with the line CPython printed next, not yet on screen', () => {
		const asked = ofKind(agreeing, 'next_output');
		expect(asked.length).toBeGreaterThan(20);
		for (const { run, question } of asked) {
			const { index, expected } = run;
			if (question.detail.kind !== 'next_output') continue;
			const cpython = expected.stdout.split('\n');
			const lines = index.tables.outputLines.filter((line) => line.stream === 'stdout');
			const line = index.tables.outputLines.find((entry) => entry.seq === question.answerSeq);
			expect(line?.text).toBe(question.detail.text);
			const shown = seek(index, question.seq).output;
			expect(shown.some((entry) => entry.seq === question.answerSeq)).toBe(false);
			if (line?.stream === 'stdout') expect(cpython[lines.indexOf(line)]).toBe(line.text);
			expect(answerOf(question).text).toContain(question.detail.text.slice(0, 20));
		}
	});

	it('answers "when does it return?" with the step that resumes past the await', () => {
		const asked = ofKind(studied, 'await_return');
		expect(asked.length).toBeGreaterThan(10);
		for (const { run, question } of asked) {
			const { index, trace } = run;
			const detail = question.detail;
			if (detail.kind !== 'await_return') continue;
			const suspend = trace.events[question.seq];
			const resume = trace.events[question.answerSeq];
			expect(suspend.kind).toBe('suspend');
			expect(resume.kind === 'step_start' && resume.task).toBe(detail.task);
			expect(resume.t).toBe(detail.t);
			if (suspend.kind !== 'suspend' || detail.child === null) continue;
			const doneAt = index.tables.doneSeq[detail.child];
			expect(suspend.awaits.tasks).toContain(detail.child);
			expect(doneAt).toBeGreaterThan(question.seq);
			expect(doneAt).toBeLessThan(question.answerSeq);
			if (detail.how === 'last')
				for (const other of suspend.awaits.tasks ?? [])
					expect(index.tables.doneSeq[other]).toBeLessThanOrEqual(doneAt);
		}
	});
});

describe('get_users_batch (the gather lesson)', () => {
	const { trace, expected } = corpusRun('get_users_batch');
	const index = buildIndex(trace);
	const questions = predictionPoints(index);

	it('asks when gather returns as main suspends on it: at 0.5 s, when the last fetch ends', () => {
		const gather = questions.find((question) => question.kind === 'await_return');
		const suspend = trace.events[gather?.seq ?? -1];
		expect(suspend?.kind === 'suspend' && suspend.awaits.kind).toBe('gather');
		expect(gather?.detail).toMatchObject({ kind: 'await_return', t: 0.5, how: 'last' });
		expect(answerOf(gather!).text).toBe('When fetch_user(3) ends');
		expect(gather?.answer).toBe('At t = 0.5 s, when fetch_user(3) ends.');
		// CPython measured the same 0.5 s around the gather.
		expect(expected.stdout).toContain('Got 3 users in 0.5s');
	});

	it('asks which fetch runs first, and the answer is the first one gather queued', () => {
		const first = questions.find((question) => question.kind === 'next_task');
		expect(choiceTexts(first)).toEqual(['fetch_user(1)', 'fetch_user(2)', 'fetch_user(3)']);
		expect(first?.correct).toBe(0);
		expect(first?.why).toContain('first in, first out');
	});

	it('asks which task wakes first when all three timers are due together', () => {
		const timer = questions.find(
			(question) => question.detail.kind === 'next_task' && question.detail.via === 'timer'
		);
		expect(timer?.answer).toBe('fetch_user(1) runs next, at t = 0.5 s.');
		expect(timer?.why).toContain('in the order they were set');
	});

	it('asks what is printed after "Fetching user 1...", offering each task\'s next line', () => {
		const print = questions.find((question) => question.kind === 'next_output');
		expect(choiceTexts(print)).toEqual([
			'“Got 3 users in 0.5s”',
			'“Fetching user 2...”',
			'“Fetching user 3...”'
		]);
		expect(answerOf(print!).text).toBe('“Fetching user 2...”');
	});

	it('finds the questions at a cursor and the next one after it', () => {
		const [first] = questions;
		expect(questionsAt(index, first.seq)).toContain(first);
		expect(questionsAt(index, first.seq - 1)).toEqual([]);
		expect(nextQuestionAfter(index, first.seq - 1)).toBe(first);
		expect(nextQuestionAfter(index, trace.events.length)).toBeNull();
	});
});

describe('lessons', () => {
	it('task_group: the `async with` ends at 0.3 s because fetch_user(2) fails', () => {
		const index = buildIndex(recordedTrace('lessons/task_group'));
		const group = predictionPoints(index).find((question) => question.kind === 'await_return');
		expect(group?.detail).toMatchObject({ how: 'failed', t: 0.3 });
		expect(answerOf(group!).text).toBe('When fetch_user(2, 0.3) ends');
		expect(group?.why).toContain('ExceptionGroup');
	});

	it('timeouts: one await times out at its deadline, the other finishes first', () => {
		const index = buildIndex(recordedTrace('lessons/timeouts'));
		const deadlines = predictionPoints(index).filter(
			(question) => question.kind === 'await_return'
		);
		expect(deadlines.map((question) => question.detail)).toMatchObject([
			{ how: 'deadline', t: 0.5 },
			{ how: 'done', t: 2.5 }
		]);
	});
});

describe('wait_for against CPython', () => {
	it('the second wait_for times out at 0.3 s, and CPython printed "too slow"', () => {
		const { trace, expected } = corpusRun('wait_for');
		const index = buildIndex(trace);
		const answers = predictionPoints(index)
			.filter((question) => question.kind === 'await_return')
			.map((question) => question.detail);
		expect(answers).toMatchObject([
			{ how: 'done', t: 0.1 },
			{ how: 'deadline', t: 0.3 }
		]);
		expect(expected.stdout).toContain('too slow');
	});
});

describe('timer_ties', () => {
	it('timers due together wake their tasks in the order the timers were set', () => {
		const { trace } = corpusRun('timer_ties');
		const index = buildIndex(trace);
		const ties = predictionPoints(index).filter(
			(question) => question.detail.kind === 'next_task' && question.detail.via === 'timer'
		);
		expect(ties.length).toBeGreaterThan(0);
		for (const question of ties) expect(question.why).toMatch(/order they were set|earliest/);
	});
});

describe('a run with one task', () => {
	it('asks nothing: no choice is ever to be made', () => {
		const index = buildIndex(corpusRun('simple_async').trace);
		expect(predictionPoints(index).filter((q) => q.kind === 'next_task')).toEqual([]);
	});
});
