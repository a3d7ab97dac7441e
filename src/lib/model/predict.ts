/**
 * Predict the next step: the decision points of a run, where a class can be asked what the
 * event loop does next before it is shown. Each question names the event the cursor stops on
 * (just before the answer happens), what is asked, the choices where the trace has them, the
 * answer and one sentence saying why. Everything comes from the trace's structured fields and
 * the replayed world (the ready queue, the timers, the tasks' states), never from label text,
 * which is only quoted.
 *
 * Three kinds of question:
 * - `next_task`: which task runs next? Asked when two or more tasks could: before a step,
 *   when the ready queue holds steps of two or more tasks (the answer is the queue's head:
 *   FIFO), or before time jumps, when nothing is ready and two or more tasks wait on timers
 *   (the earliest timer; timers due together in the order they were set).
 * - `next_output`: what is printed next? Asked after each printed line when two or more
 *   tasks still have a line to print; the choices are each one's next line.
 * - `await_return`: when does an await on several tasks (gather, a TaskGroup's end,
 *   asyncio.wait) or an await under a deadline (wait_for, asyncio.timeout) return? Asked as
 *   the task suspends on it; the answer is the virtual time it resumes and which child's end
 *   (or the deadline) makes it return.
 */
import type { Awaitable, EventOf, ReadyItem, Timer } from '../trace/schema';
import type { TraceIndex } from './build-index';
import { apply, emptyWorld, isStepItem, type World } from './replay';
import { code, count, quote } from './text';
import { formatSeconds } from './time-format';

/** What a question asks. */
export type QuestionKind = 'next_task' | 'next_output' | 'await_return';

/** One answer the class can pick. */
export interface Choice {
	/** What the choice says, with code between backticks. */
	readonly text: string;
	/** The task it is about, when it is about one. */
	readonly task: number | null;
}

/** Which task runs next, and how the loop chose it. */
export interface NextTaskAnswer {
	readonly kind: 'next_task';
	readonly task: number;
	/** `ready`: the head of the ready queue; `timer`: the earliest timer, after time jumps. */
	readonly via: 'ready' | 'timer';
}

/** The next line of output, and who prints it (null: the program, outside any task). */
export interface NextOutputAnswer {
	readonly kind: 'next_output';
	readonly text: string;
	readonly task: number | null;
}

/** When an await on several tasks, or under a deadline, returns. */
export interface AwaitReturnAnswer {
	readonly kind: 'await_return';
	/** The task that awaits. */
	readonly task: number;
	/** Virtual time (s) at which it resumes past the await. */
	readonly t: number;
	/**
	 * What makes it return: `last` (the last of its tasks ends), `failed` (a task raised: a
	 * gather passes it on at once, a TaskGroup cancels the rest), `first` (asyncio.wait's
	 * condition is met), `done` (the awaited thing is done before the deadline), `deadline`
	 * (the deadline passes first: TimeoutError), `cancelled` (a cancellation is thrown in).
	 */
	readonly how: 'last' | 'failed' | 'first' | 'done' | 'deadline' | 'cancelled';
	/** The child whose end makes it return, when one does. */
	readonly child: number | null;
}

/** What the answer is, as data. */
export type Answer = NextTaskAnswer | NextOutputAnswer | AwaitReturnAnswer;

/** One decision point of a run. */
export interface Question {
	/** Unique within the run. */
	readonly id: string;
	readonly kind: QuestionKind;
	/** The event the cursor stops on to ask: the answer happens after it. */
	readonly seq: number;
	/** The event where the answer happens (the step that runs, the line printed, the resume). */
	readonly answerSeq: number;
	/** The question, with code between backticks. */
	readonly prompt: string;
	/** What the class can pick from, in an order that gives nothing away; may be empty. */
	readonly choices: readonly Choice[];
	/** The right choice's position in `choices`; null when there are no choices. */
	readonly correct: number | null;
	/** The answer in a few words, with code between backticks. */
	readonly answer: string;
	/** One sentence saying why, from the trace's facts. */
	readonly why: string;
	readonly detail: Answer;
}

/** Choices offered at most (the answer is always among them). */
export const MAX_CHOICES = 6;

const KIND_ORDER: Record<QuestionKind, number> = { await_return: 0, next_output: 1, next_task: 2 };

/** Every decision point of the run, by seq (then kind). Computed once per index. */
export function predictionPoints(index: TraceIndex): readonly Question[] {
	const cache = index.tables.memo;
	const key = 'predict:questions';
	if (!cache.has(key)) cache.set(key, findQuestions(index));
	return cache.get(key) as readonly Question[];
}

/** The questions asked at event `seq`, in the order they are asked. */
export function questionsAt(index: TraceIndex, seq: number): readonly Question[] {
	const all = predictionPoints(index);
	const from = firstAtOrAfter(all, seq);
	const out: Question[] = [];
	for (let k = from; k < all.length && all[k].seq === seq; k++) out.push(all[k]);
	return out;
}

/** The first question asked after event `seq`, or null. */
export function nextQuestionAfter(index: TraceIndex, seq: number): Question | null {
	const all = predictionPoints(index);
	return all[firstAtOrAfter(all, seq + 1)] ?? null;
}

function firstAtOrAfter(all: readonly Question[], seq: number): number {
	let lo = 0;
	let hi = all.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (all[mid].seq < seq) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** Tasks by id, so that the order of choices never hints at the answer. */
function choicesOf(tasks: readonly number[], text: (task: number) => string): Choice[] {
	return [...new Set(tasks)].sort((a, b) => a - b).map((task) => ({ task, text: text(task) }));
}

/** Keeps the answer and the others nearest to it in id order, at most MAX_CHOICES in all. */
function capChoices(tasks: readonly number[], answer: number): number[] {
	const sorted = [...new Set(tasks)].sort((a, b) => a - b);
	if (sorted.length <= MAX_CHOICES) return sorted;
	const at = sorted.indexOf(answer);
	const start = Math.min(Math.max(0, at - (MAX_CHOICES >> 1)), sorted.length - MAX_CHOICES);
	return sorted.slice(start, start + MAX_CHOICES);
}

class Finder {
	readonly #index: TraceIndex;
	readonly questions: Question[] = [];

	constructor(index: TraceIndex) {
		this.#index = index;
	}

	name(task: number | null): string {
		if (task === null) return 'the program (outside any task)';
		return this.#index.tables.names[task] ?? `task ${task}`;
	}

	push(question: Omit<Question, 'id'>): void {
		this.questions.push({
			id: `${question.kind}:${question.seq}:${question.answerSeq}`,
			...question
		});
	}

	/** Which task runs next, before step `step` (the world is after event step.seq - 1). */
	nextFromReady(step: EventOf<'step_start'>, world: World): void {
		const items = world.ready.items();
		const candidates: number[] = [];
		for (const item of items) {
			if (item.task === null) continue;
			if (isStepItem(item) || item.what === 'sleep_done' || item.what === 'timeout')
				candidates.push(item.task);
		}
		const distinct = new Set(candidates);
		if (distinct.size < 2 || !distinct.has(step.task)) return;
		const head = items.find(isStepItem);
		const answer = step.task;
		const shown = capChoices(candidates, answer);
		const choices = choicesOf(shown, (task) => this.name(task));
		const why =
			head?.task === answer
				? `${this.name(answer)} is first in the ready queue ${this.queuedWhy(head, step)}, and the loop runs the ready queue first in, first out.`
				: `The loop takes the ready queue first in, first out, and ${this.name(answer)}'s step is the first of it.`;
		this.push({
			kind: 'next_task',
			seq: step.seq - 1,
			answerSeq: step.seq,
			prompt: `${count(distinct.size, 'task')} could run now. Which task runs next?`,
			choices,
			correct: choices.findIndex((choice) => choice.task === answer),
			answer: `${this.name(answer)} runs next.`,
			why,
			detail: { kind: 'next_task', task: answer, via: 'ready' }
		});
	}

	queuedWhy(head: ReadyItem, step: EventOf<'step_start'>): string {
		if (step.cause.kind === 'cancel') return '(queued to receive its cancellation)';
		switch (head.what) {
			case 'start':
				return '(its first step was queued when it was created)';
			case 'resume':
				return '(it gave way to the others and went to the back of the queue)';
			default: {
				const awaited = this.#index.tables.resumedFrom.get(step.seq);
				return awaited
					? `(queued when ${code(awaited.label)} was done)`
					: '(queued when what it awaited was done)';
			}
		}
	}

	/** Which task runs next after time jumps: the world is after event `seq`, nothing ready. */
	nextFromTimers(seq: number, step: EventOf<'step_start'>, world: World): boolean {
		const timers: Timer[] = world.timers.items();
		const first = timers[0];
		if (!first || first.task !== step.task) return false;
		const waiting = timers.flatMap((timer) => (timer.task === null ? [] : [timer.task]));
		const distinct = new Set(waiting);
		if (distinct.size < 2) return false;
		const answer = step.task;
		const tied = timers.filter(
			(timer) => timer.task !== null && timer.task !== answer && timer.when === first.when
		);
		const when = formatSeconds(first.when);
		const why = tied.length
			? `${this.name(answer)}'s timer and ${this.name(tied[0].task)}'s are both due at t = ${when}; timers due at the same moment fire in the order they were set, and ${this.name(answer)}'s was set first.`
			: `Nothing is ready, so the loop sleeps until the nearest deadline: its timer, due at t = ${when}, is the earliest.`;
		const choices = choicesOf(capChoices(waiting, answer), (task) => this.name(task));
		this.push({
			kind: 'next_task',
			seq,
			answerSeq: step.seq,
			prompt: `Nothing is ready: ${count(distinct.size, 'task')} wait on timers. Which task runs next?`,
			choices,
			correct: choices.findIndex((choice) => choice.task === answer),
			answer: `${this.name(answer)} runs next, at t = ${when}.`,
			why,
			detail: { kind: 'next_task', task: answer, via: 'timer' }
		});
		return true;
	}

	/** After each printed line (but the first): what is printed next? */
	nextOutputs(): void {
		const { output, outputLines, createdSeq, doneSeq } = this.#index.tables;
		const taskCount = this.#index.trace.tasks.length;
		// Each task's lines, by position in outputLines; `next` walks them as the lines go by.
		const linesOf = new Map<number | null, number[]>();
		outputLines.forEach((line, k) => {
			const list = linesOf.get(line.task);
			if (list) list.push(k);
			else linesOf.set(line.task, [k]);
		});
		const next = new Map<number | null, number>();
		for (let k = 1; k < outputLines.length; k++) {
			const previous = output[k - 1];
			const seq = previous.pieceSeqs[previous.pieceSeqs.length - 1];
			const line = outputLines[k];
			if (seq >= line.seq) continue;
			const options: { task: number | null; text: string }[] = [];
			for (const [task, list] of linesOf) {
				if (task !== null && task < taskCount) {
					const alive = createdSeq[task] >= 0 && createdSeq[task] <= seq;
					const ended = doneSeq[task] >= 0 && doneSeq[task] <= seq;
					if (!alive || ended) continue;
				}
				let at = next.get(task) ?? 0;
				while (at < list.length && list[at] < k) at++;
				next.set(task, at);
				if (at < list.length) options.push({ task, text: outputLines[list[at]].text });
			}
			const texts = [...new Set(options.map((option) => option.text))];
			if (texts.length < 2) continue;
			const others = texts.filter((text) => text !== line.text).slice(0, MAX_CHOICES - 1);
			// In the order the tasks were created, the answer among them: nothing hints at it.
			const picked = options
				.filter((option) => option.text === line.text || others.includes(option.text))
				.filter((option, i, all) => all.findIndex((other) => other.text === option.text) === i)
				.sort((a, b) => (a.task ?? -1) - (b.task ?? -1));
			const choices = picked.map((option) => ({ task: option.task, text: quote(option.text) }));
			this.push({
				kind: 'next_output',
				seq,
				answerSeq: line.seq,
				prompt: 'What is printed next?',
				choices,
				correct: picked.findIndex((option) => option.text === line.text),
				answer: `${quote(line.text)}, printed by ${this.name(line.task)}.`,
				why: this.outputWhy(seq, line.task, line.seq),
				detail: { kind: 'next_output', text: line.text, task: line.task }
			});
		}
	}

	outputWhy(seq: number, task: number | null, printed: number): string {
		if (task === null) return 'The program prints it itself, outside any task.';
		const events = this.#index.trace.events;
		// The step in which the line is printed: the task's last step_start before it.
		let stepSeq = -1;
		for (let at = printed; at > seq; at--) {
			const event = events[at];
			if (event.kind === 'step_start' && event.task === task) {
				stepSeq = at;
				break;
			}
		}
		const name = this.name(task);
		if (stepSeq < 0)
			return `${name} is still running its step, and nothing else can print until it awaits something.`;
		let firstStep = -1;
		for (let at = seq + 1; at <= stepSeq; at++)
			if (events[at].kind === 'step_start') {
				firstStep = at;
				break;
			}
		if (firstStep === stepSeq)
			return `The loop runs ${name} next, and it prints before it awaits again.`;
		return `The steps that run before ${name}'s print nothing; ${name} is the first to print.`;
	}

	/** A task suspends on several tasks, or under a deadline: when does the await return? */
	awaitReturn(event: EventOf<'suspend'>): void {
		const awaits = event.awaits;
		const deadline = awaits.kind === 'timeout' ? (awaits.until ?? null) : (awaits.timeout ?? null);
		const group = awaits.kind === 'gather' || awaits.kind === 'taskgroup' || awaits.kind === 'wait';
		if (deadline === null && !(group && awaits.tasks && awaits.tasks.length > 0)) return;
		const resume = this.returnOf(event.task, event.seq, awaits);
		if (!resume) return;
		if (deadline !== null) this.deadlineQuestion(event, resume, deadline);
		else this.groupQuestion(event, resume);
	}

	/** The step in which `task` resumes past the await it suspended on at `seq`. */
	returnOf(task: number, seq: number, awaits: Awaitable): EventOf<'step_start'> | null {
		const events = this.#index.trace.events;
		const own = this.#index.tables.taskEvents[task] ?? new Int32Array();
		let resume: EventOf<'step_start'> | null = null;
		for (const at of own) {
			if (at <= seq) continue;
			const next = events[at];
			if (next.kind === 'step_start' && !resume) resume = next;
			else if (resume && (next.kind === 'suspend' || next.kind === 'task_done')) {
				// A TaskGroup wakes its body to cancel it, and the body waits again on the tasks
				// still running: the `async with` ends only after that.
				const members = awaits.tasks ?? [];
				const again =
					awaits.kind === 'taskgroup' &&
					next.kind === 'suspend' &&
					next.awaits.kind === 'taskgroup' &&
					(next.awaits.tasks ?? []).every((id) => members.includes(id));
				if (!again) return resume;
				resume = null;
			}
		}
		return resume;
	}

	deadlineQuestion(
		event: EventOf<'suspend'>,
		resume: EventOf<'step_start'>,
		deadline: number
	): void {
		const at = formatSeconds(deadline);
		const timedOut = resume.cause.kind === 'cancel' && resume.cause.via === 'timeout';
		const choices: Choice[] = [
			{ task: null, text: `It finishes before the deadline` },
			{ task: null, text: `The deadline comes first: \`TimeoutError\`` }
		];
		const t = formatSeconds(resume.t);
		this.push({
			kind: 'await_return',
			seq: event.seq,
			answerSeq: resume.seq,
			prompt: `${this.name(event.task)} awaits ${code(event.awaits.label, 36)} with a deadline at t = ${at}. Does it finish first, or time out?`,
			choices,
			correct: timedOut ? 1 : 0,
			answer: timedOut
				? `It times out: at t = ${t} the deadline passes first.`
				: `It finishes first, at t = ${t}.`,
			why: timedOut
				? `${code(event.awaits.label)} is not done by t = ${at}, so the timeout cancels it and raises \`TimeoutError\` in ${this.name(event.task)}.`
				: `${code(event.awaits.label)} is done at t = ${t}, before the deadline at t = ${at}, so the timeout never fires.`,
			detail: {
				kind: 'await_return',
				task: event.task,
				t: resume.t,
				how: timedOut ? 'deadline' : resume.cause.kind === 'cancel' ? 'cancelled' : 'done',
				child: null
			}
		});
	}

	groupQuestion(event: EventOf<'suspend'>, resume: EventOf<'step_start'>): void {
		const { doneSeq } = this.#index.tables;
		const events = this.#index.trace.events;
		const awaits = event.awaits;
		const members = awaits.tasks ?? [];
		const ended = members.filter((id) => doneSeq[id] > event.seq && doneSeq[id] < resume.seq);
		const failed = ended.filter((id) => {
			const done = events[doneSeq[id]];
			return done.kind === 'task_done' && done.outcome === 'exception';
		});
		const lastEnded = ended.reduce<number | null>(
			(last, id) => (last === null || doneSeq[id] > doneSeq[last] ? id : last),
			null
		);
		const cause = resume.cause;
		let how: AwaitReturnAnswer['how'];
		let child: number | null;
		if (cause.kind === 'cancel') {
			how = 'cancelled';
			child = null;
		} else if (awaits.kind === 'gather' && cause.outcome === 'exception') {
			how = 'failed';
			child = cause.task ?? failed[0] ?? null;
		} else if (awaits.kind === 'taskgroup' && failed.length) {
			how = 'failed';
			child = failed.reduce((first, id) => (doneSeq[id] < doneSeq[first] ? id : first));
		} else if (awaits.kind === 'wait') {
			how = 'first';
			child = lastEnded;
		} else {
			how = 'last';
			child = lastEnded;
		}
		const name = this.name(event.task);
		const t = formatSeconds(resume.t);
		// Short enough to read from the back of the room; the code is on screen.
		const label = code(awaits.label, 36);
		const choices =
			child !== null && members.length >= 2
				? choicesOf(members, (task) => `When ${this.name(task)} ends`)
				: [];
		const correct = choices.length ? choices.findIndex((choice) => choice.task === child) : null;
		const childName = child !== null ? this.name(child) : '';
		const error = child !== null ? this.errorOf(child) : null;
		let answer: string;
		let why: string;
		switch (how) {
			case 'cancelled':
				answer = `It does not return normally: at t = ${t} a cancellation is thrown into ${name}.`;
				why = `${name} is cancelled while it waits, so the await raises \`CancelledError\`.`;
				break;
			case 'failed':
				answer = `At t = ${t}, because ${childName} fails.`;
				why =
					awaits.kind === 'gather'
						? `${childName} raises ${error}, and \`gather\` passes the first exception on at once (its other tasks are not cancelled).`
						: `${childName} raises ${error}: the TaskGroup cancels its other tasks, waits for them, and raises an \`ExceptionGroup\`.`;
				break;
			case 'first':
				answer = `At t = ${t}, after ${childName} ${this.endWord(child)}.`;
				why = `\`asyncio.wait\` returns as soon as its \`return_when\` condition is met: here, once ${childName} has ended.`;
				break;
			default:
				answer = `At t = ${t}, when ${childName} ${this.endWord(child)}.`;
				why = `It returns only once all ${count(members.length, 'task')} are done; they wait at the same time, and ${childName} is the last to end.`;
		}
		if (child === null && how !== 'cancelled') return;
		this.push({
			kind: 'await_return',
			seq: event.seq,
			answerSeq: resume.seq,
			prompt:
				awaits.kind === 'taskgroup'
					? `${name} waits at the end of its \`async with asyncio.TaskGroup()\` block. When does the block end?`
					: `${name} awaits ${label}. When does it return?`,
			choices,
			correct: correct !== null && correct >= 0 ? correct : null,
			answer,
			why,
			detail: { kind: 'await_return', task: event.task, t: resume.t, how, child }
		});
	}

	/** How a finished task ended, as a verb: ends, fails, is cancelled. */
	endWord(task: number | null): string {
		if (task === null) return 'ends';
		const done = this.#index.trace.events[this.#index.tables.doneSeq[task]];
		if (done?.kind !== 'task_done') return 'ends';
		return done.outcome === 'exception'
			? 'fails'
			: done.outcome === 'cancelled'
				? 'is cancelled'
				: 'ends';
	}

	errorOf(task: number): string {
		const done = this.#index.trace.events[this.#index.tables.doneSeq[task]];
		if (done?.kind === 'task_done' && done.error) return code(done.error.type);
		return 'an exception';
	}
}

function findQuestions(index: TraceIndex): Question[] {
	const finder = new Finder(index);
	const events = index.trace.events;
	const world = emptyWorld(index.trace.tasks.length);
	const { ctx, nextRun } = index.tables;
	// Steps already asked about through their timer: not asked again from the ready queue.
	const askedByTimer = new Set<number>();
	for (let seq = 0; seq < events.length; seq++) {
		const event = events[seq];
		apply(world, event, ctx);
		if (event.kind === 'suspend') finder.awaitReturn(event);
		const following = events[seq + 1];
		if (!following) continue;
		if (following.kind === 'step_start' && !askedByTimer.has(following.seq))
			finder.nextFromReady(following, world);
		// Time is about to jump: nothing runs, nothing is ready, the loop waits for a timer.
		if (
			following.t > event.t &&
			world.running === null &&
			world.blockedTask === null &&
			!world.ready.items().some(isStepItem)
		) {
			const run = nextRun[seq];
			const step = run >= 0 ? events[run] : undefined;
			if (step?.kind === 'step_start' || step?.kind === 'loop_iteration') {
				const first = firstStepFrom(index, run);
				if (first && finder.nextFromTimers(seq, first, world)) askedByTimer.add(first.seq);
			}
		}
	}
	finder.nextOutputs();
	return finder.questions.sort(
		(a, b) => a.seq - b.seq || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.answerSeq - b.answerSeq
	);
}

/** The first step_start at or after `seq`, passing over only loop iterations. */
function firstStepFrom(index: TraceIndex, seq: number): EventOf<'step_start'> | null {
	const events = index.trace.events;
	for (let at = seq; at < events.length; at++) {
		const event = events[at];
		if (event.kind === 'step_start') return event;
		if (event.kind !== 'loop_iteration') return null;
	}
	return null;
}
