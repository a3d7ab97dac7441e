/**
 * Coaching on asyncio's gotchas: from a recorded run to a few notes, each at the step where the
 * mistake shows (or, for a SyntaxError, at its line), with a plain explanation, the fix as code
 * for the program's own line, and the lesson that teaches it. Pure: a trace in, notes out.
 *
 * Every note rests on facts, never on label text: the run's events (a `warning` that a coroutine
 * was never awaited, a `blocking` call, a task's result, what was printed) and the result's error
 * type, together with what Python's parser says of the program (the trace's `coach` facts,
 * written by the recorder's `coaching.py`). A mistake that leaves no trace in the run (an
 * `async def` without `await` that nobody waits beside) is not a note: quiet beats wrong.
 */
import type { CoachFact, EventOf, Trace, TraceEvent } from '../trace/schema';

/** The gotchas coached, in the order the notes are shown when several happen at once. */
export const COACH_KINDS = [
	'await_in_def',
	'async_without_await',
	'coroutine_value',
	'forgot_await',
	'blocking_call',
	'run_in_loop',
	'task_reference',
	'get_event_loop'
] as const;

/** One of the gotchas. */
export type CoachKind = (typeof COACH_KINDS)[number];

/** The fix as code: the program's line as it is, and as it should be (plain text). */
export interface CoachFix {
	before: string;
	after: string;
}

/** A coaching note: one gotcha of one run. */
export interface CoachNote {
	kind: CoachKind;
	/** The event (cursor) where the mistake shows; the last event for a SyntaxError. */
	step: number;
	/** The program's line to mark (1-based), or null. */
	line: number | null;
	/** A few words: what went wrong. */
	title: string;
	/** Why, in one plain sentence; code between backticks. */
	explanation: string;
	/** What else to know, and what to do: a sentence or two for who asks (code in backticks). */
	more: string;
	/**
	 * What Python itself said, verbatim (an error, a warning), or what the asyncio docs say where
	 * Python says nothing; null when neither has a word for it.
	 */
	quote: { from: 'python' | 'docs'; text: string } | null;
	/** The fix for the program's own line, or null when no one-line fix is honest. */
	fix: CoachFix | null;
	/** The lesson that teaches it: `/lessons/<slug>/`. */
	lesson: string;
}

/** The lesson of each gotcha (slugs of `lessons/catalog.ts`). */
export const COACH_LESSONS: Record<CoachKind, string> = {
	await_in_def: 'await-outside-async',
	async_without_await: 'async-without-await',
	coroutine_value: 'return-values-not-coroutines',
	forgot_await: 'forgetting-await',
	blocking_call: 'blocking-sleep',
	run_in_loop: 'anatomy',
	task_reference: 'create-task',
	get_event_loop: 'anatomy'
};

// CPython's own messages: the error a run's result carries is matched on its type and text.
const AWAIT_OUTSIDE = "'await' outside async function";
const RUN_IN_LOOP = 'asyncio.run() cannot be called from a running event loop';
// How CPython (and so the recorder, which prints what Python prints) shows a coroutine object.
const COROUTINE_REPR = '<coroutine object ';

type Warning = EventOf<'warning'>;

/**
 * The coaching notes of a run: at most one per gotcha, in the order of their steps. A trace
 * without `coach` facts (an older recorder's) gets the notes its events alone support.
 */
export function coachNotes(trace: Trace): CoachNote[] {
	const coach = new Coach(trace);
	const notes = [
		coach.awaitInDef(),
		coach.runInLoop(),
		coach.coroutineValue(),
		coach.forgotAwait(),
		coach.blockingCall(),
		coach.asyncWithoutAwait(),
		coach.taskReference(),
		coach.getEventLoop()
	].filter((note): note is CoachNote => note !== null);
	return notes.sort(
		(a, b) => a.step - b.step || COACH_KINDS.indexOf(a.kind) - COACH_KINDS.indexOf(b.kind)
	);
}

/** The note whose step is `cursor`'s or earlier and nearest, or null (what a view shows then). */
export function noteAt(notes: readonly CoachNote[], cursor: number): CoachNote | null {
	let found: CoachNote | null = null;
	for (const note of notes) if (note.step <= cursor) found = note;
	return found;
}

class Coach {
	readonly #trace: Trace;
	readonly #lines: string[];
	readonly #facts: CoachFact[];
	readonly #events: TraceEvent[];
	// Lines whose never-awaited warning one note has explained already.
	readonly #claimed = new Set<number>();

	constructor(trace: Trace) {
		this.#trace = trace;
		this.#lines = trace.source.code.split(/\r\n|\r|\n/);
		this.#facts = trace.coach ?? [];
		this.#events = trace.events;
	}

	#text(line: number): string {
		return (this.#lines[line - 1] ?? '').trimEnd();
	}

	#fact(kind: string, line?: number | null): CoachFact | undefined {
		return this.#facts.find((f) => f.kind === kind && (line == null || f.line === line));
	}

	#last(): number {
		return Math.max(0, this.#events.length - 1);
	}

	#first<E extends TraceEvent>(test: (event: TraceEvent) => event is E): [number, E] | null {
		const at = this.#events.findIndex(test);
		return at < 0 ? null : [at, this.#events[at] as E];
	}

	/**
	 * A one-line fix as shown: the line's own indentation and a comment after the statement (the
	 * parser says where it ends: `end`) left out, so the change is what the eye meets.
	 */
	#lineFix(
		line: number,
		from: number,
		to: number,
		replacement: string,
		end?: number | null
	): CoachFix {
		const text = this.#text(line);
		const stop = end != null && /^\s*#/.test(text.slice(end)) ? end : text.length;
		const indent = text.length - text.trimStart().length;
		const cut = (s: string, by: number) => s.slice(indent, s.length - by);
		const tail = text.length - stop;
		return {
			before: cut(text, tail),
			after: cut(text.slice(0, from) + replacement + text.slice(to), tail)
		};
	}

	/** The fix that awaits the call a fact spans: `await` in a coroutine, asyncio.run outside. */
	#awaitFix(fact: CoachFact | undefined): CoachFix | null {
		if (!fact || fact.col == null || fact.end == null) return null;
		const call = this.#text(fact.line).slice(fact.col, fact.end);
		const wrapped =
			fact.scope === 'async'
				? `await ${call}`
				: fact.scope === 'module'
					? `asyncio.run(${call})`
					: null;
		if (wrapped === null) return null;
		return this.#lineFix(fact.line, fact.col, fact.end, wrapped, this.#statementEnd(fact));
	}

	/** Where the statement a fact's call is in ends, when the call ends it (a comment may follow). */
	#statementEnd(fact: CoachFact): number | null {
		if (fact.end == null) return null;
		const rest = this.#text(fact.line).slice(fact.end);
		const close = rest.match(/^\)*/)?.[0].length ?? 0;
		return fact.end + close;
	}

	#warnings(category: Warning['category']): Array<[number, Warning]> {
		const found: Array<[number, Warning]> = [];
		this.#events.forEach((event, at) => {
			if (event.kind === 'warning' && event.category === category) found.push([at, event]);
		});
		return found;
	}

	/** 1. `await` in a plain def: the SyntaxError, at its line; the fix makes the def async. */
	awaitInDef(): CoachNote | null {
		const error = this.#trace.result.error;
		if (error?.type !== 'SyntaxError' || error.message !== AWAIT_OUTSIDE) return null;
		const fact = this.#fact('await_outside_async', error.line);
		const def = fact?.def;
		if (!fact || !def) return null;
		const text = this.#text(def.line);
		const col = def.col ?? text.search(/\S/);
		const isDef = text.slice(col).startsWith('def ');
		return {
			kind: 'await_in_def',
			step: this.#last(),
			line: fact.line,
			title: '`await` in a plain `def`',
			explanation: `\`await\` only works inside an \`async def\`, and \`${def.name}\` (line ${def.line}) is a plain \`def\`: Python will not compile the program, so nothing runs.`,
			more: `Make \`${def.name}\` an \`async def\`. Then its callers must \`await\` it too, and plain code starts it with \`asyncio.run(...)\`.`,
			quote: { from: 'python', text: `SyntaxError: ${AWAIT_OUTSIDE}` },
			fix: isDef ? this.#lineFix(def.line, col, col, 'async ') : null,
			lesson: COACH_LESSONS.await_in_def
		};
	}

	/**
	 * 2. An `async def` with no await of its own whose task ran start to finish in one step while
	 * another task was waiting its turn: nothing let the loop switch.
	 */
	asyncWithoutAwait(): CoachNote | null {
		const facts = this.#facts.filter((f) => f.kind === 'async_without_await' && f.name);
		if (facts.length === 0) return null;
		const { tasks } = this.#trace;
		const events = this.#events;
		const done = new Set<number>();
		const started = new Set<number>();
		const suspended = new Set<number>();
		const blocked = new Set<number>();
		for (let at = 0; at < events.length; at++) {
			const event = events[at];
			if (event.kind === 'task_created') started.add(event.task);
			else if (event.kind === 'suspend') suspended.add(event.task);
			else if (event.kind === 'blocking' && event.task !== null) blocked.add(event.task);
			else if (event.kind === 'task_done') {
				done.add(event.task);
				const task = tasks[event.task];
				const fact = task && facts.find((f) => f.name === lastName(task.coro));
				if (!fact || suspended.has(event.task) || blocked.has(event.task)) continue;
				if (event.outcome !== 'result') continue;
				// Another task that is no ancestor of this one was waiting for its turn.
				const ancestors = new Set<number>();
				for (let p = task.parent; p !== null && !ancestors.has(p); p = tasks[p]?.parent ?? null)
					ancestors.add(p);
				const waiting = [...started].filter(
					(id) => id !== event.task && !done.has(id) && !ancestors.has(id)
				);
				if (waiting.length === 0) continue;
				const other = tasks[waiting[0]];
				return {
					kind: 'async_without_await',
					step: at,
					line: fact.line,
					title: `\`${fact.name}\` never awaits`,
					explanation: `With no \`await\` in \`${fact.name}\`, its task ran start to finish in one step while ${other ? `\`${other.label}\`` : 'another task'} waited: the loop only switches tasks at an \`await\`.`,
					more: '`async` alone does not make code run concurrently. An `await` on something that waits (or `await asyncio.sleep(0)`) gives the other tasks a turn.',
					quote: null,
					fix: this.#noAwaitFix(fact),
					lesson: COACH_LESSONS.async_without_await
				};
			}
		}
		return null;
	}

	/** The function's header, and the same with an await as its body's last line. */
	#noAwaitFix(fact: CoachFact): CoachFix | null {
		const header = this.#text(fact.line).trim();
		if (!header.startsWith('async def')) return null;
		return {
			before: `${header}\n    ...`,
			after: `${header}\n    ...\n    await asyncio.sleep(0)`
		};
	}

	/**
	 * 3. A coroutine object used as a value: printed (its repr reaches the output), a task's
	 * result, or returned without await (the never-awaited warning at a `return` of a call).
	 */
	coroutineValue(): CoachNote | null {
		const candidates: Array<{ at: number; line: number | null; fact?: CoachFact }> = [];
		const printed = this.#first(
			(e): e is EventOf<'stdout'> =>
				e.kind === 'stdout' && e.stream !== 'stderr' && e.text.includes(COROUTINE_REPR)
		);
		if (printed) {
			const fact = this.#facts.find((f) => f.kind === 'coroutine_call' && f.use === 'print');
			candidates.push({ at: printed[0], line: fact?.line ?? null, fact });
		}
		const returned = this.#first(
			(e): e is EventOf<'task_done'> =>
				e.kind === 'task_done' && (e.value ?? '').startsWith(COROUTINE_REPR)
		);
		if (returned) candidates.push({ at: returned[0], line: returned[1].line });
		for (const [at, warning] of this.#warnings('never_awaited')) {
			const fact = this.#facts.find(
				(f) =>
					f.kind === 'coroutine_call' &&
					f.line === warning.line &&
					(f.use === 'return' || f.use === 'print')
			);
			if (!fact) continue;
			// The moment it happens: the frame returns from that line (the warning comes later, when
			// the coroutine is thrown away).
			const back =
				fact.use === 'return'
					? this.#events.findIndex(
							(e, i) => i <= at && e.kind === 'coro_return' && e.line === fact.line
						)
					: -1;
			candidates.push({ at: back >= 0 ? back : at, line: fact.line, fact });
		}
		if (candidates.length === 0) return null;
		candidates.sort((a, b) => a.at - b.at);
		const first = candidates[0];
		const fact = first.fact ?? candidates.find((c) => c.fact)?.fact;
		for (const [, warning] of this.#warnings('never_awaited'))
			if (fact && warning.line === fact.line && warning.line !== null)
				this.#claimed.add(warning.line);
		const call = fact?.name ? `${fact.name}(...)` : null;
		const how =
			call && fact?.use === 'return'
				? `\`return ${call}\` hands back a coroutine object`
				: call && fact?.use === 'print'
					? `\`print(${call})\` prints a coroutine object`
					: 'A coroutine object was used as a value';
		const warning = this.#warnings('never_awaited').find(([, w]) => w.line === fact?.line);
		return {
			kind: 'coroutine_value',
			step: first.at,
			line: first.line ?? fact?.line ?? null,
			title: 'A coroutine object, not its result',
			explanation: `${how}: calling an \`async def\` does not run it. Await the call to get its result.`,
			more: `The coroutine's body never runs${warning ? ', and Python warns when the unused object is thrown away' : ''}. Only \`await\` (or a task) runs it and hands back what it returns.`,
			quote: warning ? { from: 'python', text: `RuntimeWarning: ${warning[1].message}` } : null,
			fix: this.#awaitFix(fact),
			lesson: COACH_LESSONS.coroutine_value
		};
	}

	/** 4. A forgotten await: CPython's RuntimeWarning that a coroutine was never awaited. */
	forgotAwait(): CoachNote | null {
		for (const [at, warning] of this.#warnings('never_awaited')) {
			if (warning.line !== null && this.#claimed.has(warning.line)) continue;
			// asyncio.run() refused to start the coroutine it was given: that is the run-in-loop note.
			if (warning.line !== null && this.#fact('run_call', warning.line)) continue;
			// A call that no longer takes coroutines refused them (asyncio.wait since 3.11): the
			// version note on that line says why; no await was forgotten.
			if (this.#warnings('version_change').some(([, note]) => note.line === warning.line)) continue;
			const fact = this.#facts.find((f) => f.kind === 'coroutine_call' && f.line === warning.line);
			const call = fact?.name ? `\`${fact.name}(...)\`` : 'A coroutine function called';
			return {
				kind: 'forgot_await',
				step: at,
				line: warning.line,
				title: 'A forgotten `await`',
				explanation: `${call} without \`await\` only makes a coroutine object; nothing runs it, so its code is skipped.`,
				more: 'Python notices only when the object is thrown away, and warns. Put `await` before the call, or hand it to `asyncio.create_task(...)` to run it alongside.',
				quote: { from: 'python', text: `RuntimeWarning: ${warning.message}` },
				fix: this.#awaitFix(fact),
				lesson: COACH_LESSONS.forgot_await
			};
		}
		return null;
	}

	/** 5. A blocking call inside a coroutine: the loop stood still for its whole duration. */
	blockingCall(): CoachNote | null {
		const found = this.#first(
			(e): e is EventOf<'blocking'> => e.kind === 'blocking' && e.task !== null
		);
		if (!found) return null;
		const [at, event] = found;
		const fact = this.#fact('time_sleep', event.line);
		let fix: CoachFix | null = null;
		if (fact && fact.scope === 'async' && fact.col != null && fact.end != null && fact.arg) {
			const arg = this.#text(fact.line).slice(fact.arg[0], fact.arg[1]);
			fix = this.#lineFix(fact.line, fact.col, fact.end, `await asyncio.sleep(${arg})`, fact.end);
		}
		const name = this.#trace.tasks[event.task ?? -1]?.label;
		return {
			kind: 'blocking_call',
			step: at,
			line: event.line,
			title: 'A blocking call in a coroutine',
			explanation: `\`${event.label}\`${name ? ` in \`${name}\`` : ''} does not \`await\`: for ${event.duration} s the whole event loop stands still and no other task runs.`,
			more: "Python gives no warning (only asyncio's debug mode logs a slow step). In a coroutine, wait with `await asyncio.sleep(...)`; run blocking work with `await asyncio.to_thread(...)`.",
			quote: null,
			fix,
			lesson: COACH_LESSONS.blocking_call
		};
	}

	/** 6. `asyncio.run()` inside a coroutine: the RuntimeError of a loop already running. */
	runInLoop(): CoachNote | null {
		const error = this.#trace.result.error;
		if (error?.type !== 'RuntimeError' || error.message !== RUN_IN_LOOP) return null;
		const fact = this.#fact('run_call', error.line);
		const failed = this.#first(
			(e): e is EventOf<'task_done'> =>
				e.kind === 'task_done' && e.outcome === 'exception' && e.error?.type === 'RuntimeError'
		);
		let fix: CoachFix | null = null;
		if (fact && fact.col != null && fact.end != null && fact.arg) {
			const arg = this.#text(fact.line).slice(fact.arg[0], fact.arg[1]);
			fix = this.#lineFix(fact.line, fact.col, fact.end, `await ${arg}`, this.#statementEnd(fact));
		}
		if (error.line !== null) this.#claimed.add(error.line);
		return {
			kind: 'run_in_loop',
			step: failed ? failed[0] : this.#last(),
			line: error.line,
			title: '`asyncio.run()` inside a running loop',
			explanation:
				'This code already runs in the loop that `asyncio.run(main())` started, and `asyncio.run` cannot start a second one: a coroutine waits for another with `await`.',
			more: '`asyncio.run` belongs once, at the top of the program. The coroutine handed to it never ran, hence the warning that it was never awaited.',
			quote: { from: 'python', text: `RuntimeError: ${RUN_IN_LOOP}` },
			fix,
			lesson: COACH_LESSONS.run_in_loop
		};
	}

	/** 7. `asyncio.create_task(...)` as a statement on its own: no one keeps the task. */
	taskReference(): CoachNote | null {
		for (const fact of this.#facts) {
			if (fact.kind !== 'bare_create_task') continue;
			const at = this.#events.findIndex((e) => e.kind === 'task_created' && e.line === fact.line);
			if (at < 0) continue;
			const col = fact.col ?? this.#text(fact.line).search(/\S/);
			return {
				kind: 'task_reference',
				step: at,
				line: fact.line,
				title: 'A task nobody keeps',
				explanation:
					'The event loop keeps only a weak reference to a task, so a task nothing else refers to can be garbage-collected before it finishes.',
				more: 'Here it happened to run to its end; in a longer program it may vanish mid-run. Keep it: in a variable you `await`, in a set, or start it in an `asyncio.TaskGroup`.',
				quote: {
					from: 'docs',
					text: 'Save a reference to the result of this function, to avoid a task disappearing mid-execution.'
				},
				fix: this.#lineFix(fact.line, col, col, 'task = ', fact.end),
				lesson: COACH_LESSONS.task_reference
			};
		}
		return null;
	}

	/** 8. `asyncio.get_event_loop()` where 3.14 differs from the tutorials' Pythons. */
	getEventLoop(): CoachNote | null {
		for (const [at, warning] of this.#warnings('version_change')) {
			const fact = this.#fact('get_event_loop', warning.line);
			if (!fact || fact.col == null || fact.end == null) continue;
			const error = this.#trace.result.error;
			const raised = error?.type === 'RuntimeError' && error.line === fact.line;
			const since = warning.since ?? '3.14';
			return {
				kind: 'get_event_loop',
				step: at,
				line: fact.line,
				title: `\`get_event_loop()\` on Python ${since}`,
				explanation: `Your tutorial was written for an older Python: since ${since}, \`asyncio.get_event_loop()\` with no loop running raises RuntimeError instead of making a loop.`,
				more: `${warning.message}.${warning.fix ? ` The fix: ${warning.fix}.` : ''}`,
				quote: raised ? { from: 'python', text: `RuntimeError: ${error.message}` } : null,
				fix:
					fact.scope === 'async'
						? this.#lineFix(fact.line, fact.col, fact.end, 'asyncio.get_running_loop()', fact.end)
						: {
								before: this.#text(fact.line).trim(),
								after: 'async def main():\n    ...\nasyncio.run(main())'
							},
				lesson: COACH_LESSONS.get_event_loop
			};
		}
		return null;
	}
}

/** `Greeter.hello` → `hello`: the trace names a method's coroutine by its qualified name. */
function lastName(qualified: string): string {
	return qualified.slice(qualified.lastIndexOf('.') + 1);
}
