/**
 * Narration: one plain-English sentence per event that a beginner can read aloud, naming
 * the task, the line and the reason. At the last event a second sentence says how the
 * run ended. All of the model's wording lives here; what a sentence claims (who acts, in
 * which frame, why a step starts, what an await hands back) comes from facts.ts, which
 * reads the trace's structured fields, never label text.
 */
import type { Awaitable, EventOf, ReadyItem, RunResult, TraceEvent } from '../trace/schema';
import type { TraceIndex } from './build-index';
import { isStepItem, type World } from './replay';
import { clampCursor, worldAt } from './cursor';
import { factsOf, type NarrationFacts, type ResumeFacts, type WaiterFacts } from './facts';
import { capitalize, clause, code, count, listOf, quote } from './text';
import { taskName } from './task-name';
import { formatSeconds } from './time-format';
import { primitivesAt, primitiveWaitedOn, type PrimitiveView } from './primitives';
import {
	caughtSentence,
	scopedCancelSentence,
	scopeSentence,
	uncancelSentence
} from './scopes-text';

// The awaits whose primitive the narration names, with its holder or contents.
const PRIMITIVE_WAITS = new Set<Awaitable['kind']>(['lock', 'queue_put', 'semaphore']);

/** The sentence(s) for event `cursor` (clamped). */
export function narrate(index: TraceIndex, cursor: number): string {
	const at = clampCursor(index, cursor);
	return narrateWorld(index, at, worldAt(index, at));
}

/** Narration of event `at`, given the world after it (seek has it already). */
export function narrateWorld(index: TraceIndex, at: number, world: World): string {
	const event = index.trace.events[at];
	const outcome = resultSentence(index);
	if (!event) return outcome;
	const sentence = new Narrator(index, world, factsOf(index, at, world)).event(event);
	return at === index.length - 1 ? `${sentence} ${outcome}` : sentence;
}

/** The sentence for how the run ended. */
export function resultSentence(index: TraceIndex): string {
	const result: RunResult = index.trace.result;
	const duration = formatSeconds(result.duration);
	if (result.status === 'ok') return `The program finishes at t = ${duration} of virtual time.`;
	// From the result's fields: its `message` is the recorder's own text, for the console.
	const names = index.tables.names;
	switch (result.status) {
		case 'error': {
			const error = result.error;
			if (!error) return 'The program stops with an error.';
			const where = error.line !== null ? ` on line ${error.line}` : '';
			return `The program stops with an error${where}: ${error.type}: ${clause(error.message)}.`;
		}
		case 'deadlock': {
			const stuck = (result.deadlock ?? []).map(
				(entry) =>
					`${names[entry.task] ?? `Task ${entry.task}`} waits on ${entry.awaits ? code(entry.awaits.label) : 'something'}`
			);
			const detail = stuck.length ? ` (${listOf(stuck)})` : '';
			return `Deadlock: every task is waiting and nothing is left that could wake any of them${detail}, so the program can never finish.`;
		}
		case 'limit': {
			switch (result.limit?.kind) {
				case 'events':
					return `The run was stopped after ${count(index.length, 'event')}, the most the recorder keeps (its ${code('events')} limit), so the program may not have finished.`;
				case 'output':
					return 'The run was stopped because the program printed too much output.';
				case 'time':
					return `The run was stopped at t = ${duration} because virtual time reached its limit.`;
				case 'line_budget': {
					const line = result.limit.line;
					return `The run was stopped${line != null ? ` on line ${line}` : ''}: one step ran too many lines without an await, so the event loop could never take back control.`;
				}
				default:
					return 'The run was stopped because it reached a limit.';
			}
		}
		case 'timeout':
			return `The run timed out at t = ${duration}.`;
	}
}

class Narrator {
	readonly #index: TraceIndex;
	readonly #world: World;
	readonly #facts: NarrationFacts | null;

	constructor(index: TraceIndex, world: World, facts: NarrationFacts | null) {
		this.#index = index;
		this.#world = world;
		this.#facts = facts;
	}

	/**
	 * Who runs the code of this event: the task, or the frame actually running inside it
	 * when that is another coroutine (`fetch_user()` inside main()).
	 */
	actor(task: number | null): string {
		if (task === null) return 'The program';
		const frame = this.#facts?.frame ?? null;
		const own = this.#index.trace.tasks[task]?.coro;
		if (frame === null || frame === own) return this.name(task);
		// A plain function is named with its caller: the stack reads report() → greet().
		const stack = this.#world.tasks[task]?.stack ?? [];
		const top = stack[stack.length - 1];
		const below = stack[stack.length - 2];
		if (top?.plain && top.name === frame && below)
			return `${code(`${frame}()`)} (called by ${stack.length === 2 ? this.name(task) : `${code(`${below.name}()`)} in ${this.name(task)}`})`;
		return `${code(`${frame}()`)} (inside ${this.name(task)})`;
	}

	/** A plain function's call: it runs to its end inside the caller, in the same task. */
	plainCall(event: EventOf<'coro_call'>): string {
		return `${this.caller(event.task)} calls the plain function ${code(`${event.coro}()`)} (defined${this.onLine(event.line)}): it runs to its end before its caller goes on, in the same task, with no trip through the event loop.`;
	}

	/** What a frame returns, and a word when it is a coroutine object (nobody awaited it). */
	returned(event: EventOf<'coro_return'>): string {
		const value = event.value ?? '';
		const caller = this.caller(event.task);
		const head = `${code(`${event.coro}()`)} returns ${code(value)}${this.onLine(event.line)} to its caller, ${caller}`;
		if (/^<coroutine object /.test(value))
			return `${head}: a coroutine object, not a result. Its code has not run yet: the caller has to await it.`;
		return `${head}${event.plain ? '' : ', in the same task'}.`;
	}

	event(event: TraceEvent): string {
		switch (event.kind) {
			case 'task_created':
				return this.created(event);
			case 'loop_iteration':
				return this.iteration(event);
			case 'step_start':
				return this.stepStart(event);
			case 'suspend':
				return this.suspend(event);
			case 'task_done':
				return this.done(event);
			case 'coro_call':
				if (event.plain) return this.plainCall(event);
				if (this.#index.tables.ownCoro.has(event.seq) && event.task !== null)
					return `The coroutine ${code(`${event.coro}()`)} begins running inside ${this.taskName(event.task)}${this.onLine(event.line)}.`;
				return `${this.caller(event.task)} awaits the coroutine ${code(`${event.coro}()`)} directly: it starts running${this.onLine(event.line)} inside the same task, without a trip through the event loop.`;
			case 'coro_return':
				if (this.#index.tables.ownCoro.has(event.seq) && event.task !== null)
					return `${code(`${event.coro}()`)} returns${this.onLine(event.line)}: the coroutine of ${this.taskName(event.task)} has finished, so the task is about to end.`;
				if (event.raises)
					return `${code(`${event.coro}()`)} ends${this.onLine(event.line)} by raising ${event.raises}, which propagates to its caller, ${this.caller(event.task)}, in the same task.`;
				if (event.value !== undefined) return this.returned(event);
				return `${code(`${event.coro}()`)} returns${this.onLine(event.line)} to its caller, ${this.caller(event.task)}: it is still the same task, so the event loop is not involved.`;
			case 'line': {
				const text = this.codeOf(event.line);
				return `${this.actor(event.task)} runs line ${event.line}${text ? `: ${code(text)}` : ''}.`;
			}
			case 'stdout': {
				const who = this.actor(event.task);
				const text = event.text.replace(/\n$/, '');
				const what = text ? quote(text) : 'an empty line';
				return event.stream === 'stderr'
					? `${who} writes ${what} to stderr.`
					: `${who} prints ${what}.`;
			}
			case 'blocking':
				return `${this.who(event.task)} calls ${code(event.label)}${this.onLine(event.line)}, which blocks: the whole event loop freezes for ${formatSeconds(event.duration)}, until t = ${formatSeconds(event.t + event.duration)}, and no other task can run meanwhile.`;
			case 'callback':
				return this.callback(event);
			case 'thread_start':
				return `${event.task !== null ? this.name(event.task) : 'The event loop'} hands ${code(event.label)} to ${this.worker(event.worker)}: it runs on that thread while the event loop stays free to run other tasks.`;
			case 'thread_end':
				return `${capitalize(this.worker(event.worker))} finishes ${code(event.label)}${event.task !== null ? `, so ${this.name(event.task)}, which waits for it, can resume soon` : ''}.`;
			case 'warning':
				return this.warning(event);
			case 'cancel':
				return this.cancel(event);
			case 'scope':
				return scopeSentence(this.#index, this, event);
			case 'cancel_caught':
				return caughtSentence(this, event);
			case 'uncancel':
				return uncancelSentence(this, event);
		}
	}

	cancel(event: EventOf<'cancel'>): string {
		const scoped = scopedCancelSentence(this.#index, this, event);
		if (scoped) return scoped;
		const target = this.name(event.task);
		const by = event.by !== null ? this.name(event.by) : null;
		switch (event.via) {
			case 'call':
				return `${by ?? 'The program'} cancels ${target}${this.onLine(event.line)}${this.codeOf(event.line) ? ` (${code(this.codeOf(event.line))})` : ''}: ${target} will get a CancelledError at the await it is paused on.`;
			case 'timeout':
				return `The deadline of ${target}'s timeout has passed, so asyncio cancels it: a CancelledError will be thrown in at its await, and the timeout turns it into TimeoutError.`;
			case 'taskgroup':
				return `${by ? `Because ${by} failed, its` : 'Its'} TaskGroup cancels ${target}: a CancelledError will be thrown in at its await.`;
			case 'gather':
				return `The gather ${target} belongs to is cancelled, so it cancels ${target} too.`;
			case 'propagate':
				return `${by ?? 'The task awaiting it'} is being cancelled while it awaits ${target}, so the cancellation passes down: ${target} is cancelled too.`;
			case 'shutdown':
				return `The main coroutine has returned, so asyncio.run cancels ${target}, which is still unfinished.`;
			case 'other':
				return `${target} is cancelled${by ? ` by ${by}` : ''}${this.onLine(event.line)}.`;
		}
	}

	callback(event: EventOf<'callback'>): string {
		const item = this.#world.callbackItem;
		const task = item?.task ?? null;
		const state = task !== null ? this.#world.tasks[task] : undefined;
		if (state && item?.what === 'sleep_done' && state.awaits?.kind === 'sleep') {
			const name = this.name(state.id);
			return `The event loop runs the timer callback of ${name}'s ${code(state.awaits.label)}: the sleep is over, so ${name} goes back on the ready queue to resume.`;
		}
		if (item?.what === 'child_done' && item.via === 'gather')
			return `The event loop runs the callback ${code(event.label)}: asyncio.gather counts one more of its tasks as finished, and once all have finished it wakes the task waiting on the gather.`;
		const owner = task !== null ? ` for ${this.name(task)}` : '';
		return `The event loop runs the callback ${code(event.label)}${owner}${this.onLine(event.line)}: a plain function scheduled with call_soon or call_later, not a task's step.`;
	}

	/** A callback in the ready queue as words, from what it is; null: said by its label. */
	callbackName(item: ReadyItem): string | null {
		const of = (task: number | null | undefined): string =>
			task !== null && task !== undefined ? this.name(task) : 'a task';
		switch (item.what) {
			case 'timeout':
				return `the timeout callback of ${of(item.task)}, which cancels it`;
			case 'child_done': {
				const via =
					item.via === 'taskgroup'
						? 'its TaskGroup'
						: item.via === 'as_completed'
							? 'as_completed'
							: item.via === 'wait'
								? 'asyncio.wait'
								: item.via === 'shield'
									? 'the shield'
									: 'asyncio.gather';
				return `${via}'s note that ${of(item.child)} has finished`;
			}
			case 'thread_done':
				return "the callback that hands over a worker thread's result";
			case 'stop':
				return 'the callback that stops the loop, as the main task is done';
			default:
				return null;
		}
	}

	created(event: EventOf<'task_created'>): string {
		const task = this.#index.trace.tasks[event.task];
		const line = task?.line ?? null;
		const parent =
			task?.parent != null
				? this.name(task.parent)
				: /\basyncio\.run\(/.test(this.codeOf(line))
					? 'asyncio.run'
					: 'The program';
		// Tasks that share a label (gather(count(), count())) are told apart by their name:
		// say it as everywhere else, `count() (Task-2)`.
		const named = task ? this.name(event.task) : '';
		const label = !task
			? `task ${event.task}`
			: named === task.label
				? `${task.name} to run ${task.label}`
				: named;
		return `${parent} creates ${label}${this.onLine(line)} and puts it at the back of the ready queue: it starts when the event loop gets to it.`;
	}

	iteration(event: EventOf<'loop_iteration'>): string {
		const events = this.#index.trace.events;
		const before = event.seq > 0 ? events[event.seq - 1].t : 0;
		const t = formatSeconds(event.t);
		const head =
			event.t > before
				? `The event loop starts iteration ${event.iteration}: nothing was ready, so virtual time jumps ahead to t = ${t}, when the next timer is due`
				: `The event loop starts iteration ${event.iteration} at t = ${t}`;
		const steps = event.ready.filter(isStepItem);
		const timers = event.ready.filter((item) => item.what === 'sleep_done' && item.task !== null);
		const others = event.ready.filter((item) => !isStepItem(item) && !timers.includes(item));
		const parts: string[] = [];
		if (steps.length) {
			const names = steps.map((item) => (item.task === null ? 'a task' : this.name(item.task)));
			const verb = steps.every((item) => item.what === 'start')
				? 'start'
				: steps.every((item) => item.what !== 'start')
					? 'resume'
					: 'run';
			parts.push(
				`${listOf(names)} ${steps.length === 1 ? 'is' : 'are'} ready to ${verb}${steps.length > 1 ? ', in that order' : ''}`
			);
		}
		if (timers.length) {
			const names = timers.map((item) => this.name(item.task ?? -1));
			parts.push(
				`the sleep ${timers.length === 1 ? 'timer' : 'timers'} of ${listOf(names)} ${timers.length === 1 ? 'is' : 'are'} due: ${timers.length === 1 ? 'its callback ends the sleep' : 'their callbacks end the sleeps'} and ${timers.length === 1 ? 'queues that task' : 'queue those tasks'} to resume in the next iteration`
			);
		}
		if (others.length)
			parts.push(`it runs ${listOf(readyNames(others, (item) => this.callbackName(item)))}`);
		if (parts.length)
			return event.t > before
				? `${head}. ${capitalize(parts.join('; '))}.`
				: `${head}: ${parts.join('; ')}.`;
		const thread = this.#world.threads.first();
		if (thread)
			return `${head}; nothing is ready, so it waits for ${this.worker(thread.worker)} to finish ${code(thread.label)}.`;
		const due = event.timers.filter((timer) => timer.when <= event.t).length;
		if (due)
			return `${head}; ${due === 1 ? 'a timer is' : `${due} timers are`} due now, so ${due === 1 ? 'its callback moves' : 'their callbacks move'} to the ready queue.`;
		if (event.timers.length)
			return `${head}; nothing is ready, so it sleeps until the next timer, due at t = ${formatSeconds(event.timers[0].when)}.`;
		return `${head}, with nothing ready and no timer set.`;
	}

	stepStart(event: EventOf<'step_start'>): string {
		const who = this.name(event.task);
		const text = this.codeOf(event.line);
		const at = event.line !== null ? ` on line ${event.line}${text ? `, ${code(text)}` : ''}` : '';
		const facts = this.#facts?.resume;
		if (facts?.kind === 'cancel') {
			const why = this.cancelReason(facts);
			if (event.first)
				return `The event loop runs ${who} for the first time, but ${why}: a CancelledError is thrown in before its coroutine runs a line, so ${this.taskName(event.task)} ends cancelled.`;
			return `The event loop resumes ${who}${at}${at ? ',' : ''} with a CancelledError thrown in at its await, because ${why}${facts.via === 'timeout' ? '; leaving the timeout, asyncio turns it into TimeoutError' : ''}.`;
		}
		if (event.first)
			return `The event loop runs ${who} for the first time: ${this.taskName(event.task)} starts its coroutine${at}.`;
		if (facts?.raises)
			return `The event loop resumes ${who}${at}, where ${this.raisedReason(facts)}.`;
		const was = facts?.awaited ?? null;
		return `The event loop resumes ${who}${at}, because ${was ? this.resumeReason(was, facts ?? undefined) : 'its turn has come'}.`;
	}

	/** Why a cancellation was asked for. */
	cancelReason(facts: ResumeFacts): string {
		const by = facts.by !== null ? this.name(facts.by) : null;
		switch (facts.via) {
			case 'call':
				return `${by ?? 'the program'} called ${code('cancel()')} on it`;
			case 'timeout':
				return 'the deadline of its asyncio.timeout / wait_for has passed';
			case 'taskgroup':
				return by
					? `${by} failed, so their TaskGroup cancels the rest`
					: 'its TaskGroup is cancelling its tasks';
			case 'gather':
				return 'the gather it belongs to was cancelled';
			case 'propagate':
				return `${by ?? 'the task awaiting it'} was cancelled while awaiting it, and the cancellation passes down`;
			case 'shutdown':
				return 'asyncio.run is cancelling the tasks left when main returned';
			default:
				return by ? `${by} cancelled it` : 'it was cancelled';
		}
	}

	/** What the await raises, and from where (facts.raises is set). */
	raisedReason(facts: ResumeFacts): string {
		const raised = facts.raises;
		const error = raised
			? `${raised.type}${raised.message ? `: ${clause(raised.message)}` : ''}`
			: 'an exception';
		const from = facts.from !== null ? this.name(facts.from) : null;
		const still = facts.unfinished.length
			? ` (the gather does not cancel the others: ${listOf(facts.unfinished.map((id) => this.name(id)))} ${facts.unfinished.length === 1 ? 'is' : 'are'} still running)`
			: '';
		if (raised?.type === 'CancelledError')
			return `the await raises CancelledError, because ${from ?? 'what it awaited'} was cancelled`;
		switch (facts.awaited?.kind) {
			case 'gather':
				return `asyncio.gather raises ${from ? `${from}'s ` : 'a child’s '}${error} into it at once${still}`;
			case 'task':
				return `${from ?? 'the task it awaited'} failed, so its ${error} is raised into it at the await`;
			default:
				return `the await raises ${error}`;
		}
	}

	resumeReason(awaits: Awaitable, facts: ResumeFacts | undefined): string {
		const tasks = awaits.tasks ?? [];
		const value = facts?.receives != null ? `, and the await returns ${code(facts.receives)}` : '';
		switch (awaits.kind) {
			case 'sleep':
				return awaits.until !== undefined
					? `its timer for t = ${formatSeconds(awaits.until)} has fired`
					: 'its sleep is over';
			case 'yield':
				return 'its turn in the ready queue has come round again';
			case 'task':
				return `${tasks.length ? this.name(tasks[0]) : 'the task it awaited'} has finished${value}`;
			case 'gather': {
				const failed = facts?.exceptionsAsValues ?? [];
				const kept = failed.length
					? `, with ${listOf(failed.map((id) => `${this.name(id)}'s exception`))} as ${failed.length === 1 ? 'a value' : 'values'} in the list, not raised (return_exceptions=True)`
					: '';
				if (tasks.length === 1)
					return `the task it gathered has finished, so the gather hands back its result${kept}${kept ? '' : value}`;
				return `${tasks.length === 2 ? 'both tasks' : `all ${tasks.length} tasks`} it gathered have finished, so the gather hands back their results${kept}${kept ? '' : value}`;
			}
			case 'wait':
				return 'what it waited for with asyncio.wait is done';
			case 'taskgroup':
				return 'every task of its TaskGroup has finished';
			case 'timeout':
				return awaits.until !== undefined
					? `what it awaited finished, or its deadline at t = ${formatSeconds(awaits.until)} has passed`
					: 'what it awaited finished, or its deadline passed';
			case 'queue_get':
				return 'an item has arrived in the queue';
			case 'queue_put':
				return 'the queue has room again';
			case 'lock':
				return 'the lock is free and now it holds it';
			case 'event':
				return 'the event it waited for has been set';
			case 'condition':
				return 'it has been notified';
			case 'semaphore':
				return 'a slot of the semaphore has come free';
			case 'thread':
				return 'its worker thread has finished';
			case 'future':
				return 'the future it awaited has a result';
			case 'other':
				return `${code(awaits.label)} is done`;
		}
	}

	suspend(event: EventOf<'suspend'>): string {
		const who = this.actor(event.task);
		const text = this.codeOf(event.line);
		const where =
			event.line === null
				? `awaits ${code(event.awaits.label)}`
				: text
					? `reaches ${code(text)} on line ${event.line}`
					: `reaches line ${event.line}`;
		const tail = this.handOver(event.seq, event.task);
		if (event.awaits.kind === 'yield')
			return `${who} ${where}, so it steps to the back of the ready queue and gives control back to the event loop, ${tail}.`;
		return `${who} ${where}, so it ${this.waitReason(event.awaits, this.waitedOn(event))} and gives control back to the event loop, ${tail}.`;
	}

	/** The queue or lock a suspension waits on, as this step left it; null: none known. */
	waitedOn(event: EventOf<'suspend'>): PrimitiveView | null {
		if (!PRIMITIVE_WAITS.has(event.awaits.kind)) return null;
		return primitiveWaitedOn(primitivesAt(this.#index.trace, event.seq), event.task);
	}

	waitReason(awaits: Awaitable, primitive: PrimitiveView | null = null): string {
		const tasks = (awaits.tasks ?? []).map((id) => this.name(id));
		const state = primitive?.state;
		const holder =
			state?.locked && state.holder !== null && state.holder !== undefined
				? this.name(state.holder)
				: null;
		const items = state?.items?.length ? `: ${state.items.join(', ')}` : '';
		const until = awaits.until !== undefined ? formatSeconds(awaits.until) : null;
		switch (awaits.kind) {
			case 'sleep':
				return until !== null ? `sets a timer for t = ${until}` : `sleeps (${code(awaits.label)})`;
			case 'yield':
				return 'steps to the back of the ready queue';
			case 'task':
				return `waits for ${tasks.length ? tasks[0] : 'another task'} to finish`;
			case 'gather':
				return tasks.length === 1
					? `waits for the task it gathers, ${tasks[0]}, to finish`
					: `waits for ${tasks.length === 2 ? 'both tasks' : `all ${count(tasks.length, 'task')}`} it gathers to finish (${listOf(tasks)})`;
			case 'wait':
				return `waits with asyncio.wait on ${tasks.length ? listOf(tasks) : code(awaits.label)}`;
			case 'taskgroup':
				return `waits at the end of its TaskGroup for ${tasks.length ? listOf(tasks) : 'its tasks'} to finish`;
			case 'timeout':
				return `waits for ${tasks.length ? listOf(tasks) : code(awaits.label)}, but only until t = ${until ?? '?'}`;
			case 'queue_get':
				return `waits for an item to arrive in the queue (${code(awaits.label)})`;
			case 'queue_put':
				return state && primitive?.primitive.maxsize
					? `waits for room in the full queue (${code(awaits.label)}; it holds ${state.size ?? 0} of ${primitive.primitive.maxsize}${items})`
					: `waits for room in the full queue (${code(awaits.label)})`;
			case 'lock':
				return holder
					? `waits for ${code(primitive?.primitive.name ?? 'the lock')}, which ${holder} holds (${code(awaits.label)})`
					: `waits for the lock, which another task holds (${code(awaits.label)})`;
			case 'event':
				return `waits for the event to be set (${code(awaits.label)})`;
			case 'condition':
				return `waits to be notified (${code(awaits.label)})`;
			case 'semaphore':
				return state
					? `waits for a free slot of the semaphore (${code(awaits.label)}; its value is ${state.value ?? 0}${state.waiters.length > 1 ? `, ${count(state.waiters.length, 'task')} wait for it` : ''})`
					: `waits for a free slot of the semaphore (${code(awaits.label)})`;
			case 'thread':
				return `waits for ${awaits.worker !== undefined ? this.worker(awaits.worker) : 'a worker thread'} to finish ${code(awaits.label)}`;
			case 'future':
				return `waits for a future to get its result (${code(awaits.label)})`;
			case 'other':
				return `waits on ${code(awaits.label)}`;
		}
	}

	/** What the loop does next, after a task gives control back at event `seq`. */
	handOver(seq: number, self: number): string {
		const { nextRun } = this.#index.tables;
		const next = this.#index.trace.events[nextRun[seq]];
		if (!next) return 'which has nothing left to run';
		if (next.kind === 'step_start')
			return next.task === self
				? `and as nothing else is ready, the loop runs ${this.name(self)} again right away`
				: `which runs the next ready task, ${this.name(next.task)}`;
		if (next.kind === 'callback') return `which runs the next ready callback, ${code(next.label)}`;
		const now = this.#index.trace.events[seq].t;
		return next.t > now
			? `which has nothing else ready, so it waits for the next timer, at t = ${formatSeconds(next.t)}`
			: 'which has nothing else ready in this iteration, so it starts the next one';
	}

	done(event: EventOf<'task_done'>): string {
		const who = this.name(event.task);
		const task = this.taskName(event.task);
		const where = this.onLine(event.line);
		const waiters = this.waitersOf();
		switch (event.outcome) {
			case 'result':
				return `${who} returns${event.value !== undefined ? ` ${code(event.value)}` : ''}${where}, so ${task} is done${waiters}.`;
			case 'exception': {
				const error = event.error
					? `${event.error.type}${event.error.message ? `: ${clause(event.error.message)}` : ''}`
					: 'an exception';
				return `${who} raises ${error}${where}, so ${task} ends with that exception${waiters}.`;
			}
			case 'cancelled':
				return `${task} (${who}) is cancelled${where}: a CancelledError stops it there${waiters}.`;
		}
	}

	/** "; main() still waits for 2 more of the tasks it gathered", for each task awaiting this one. */
	waitersOf(): string {
		const parts = (this.#facts?.waiters ?? []).map((waiter) => this.waiterClause(waiter));
		return parts.length ? `; ${parts.join('; ')}` : '';
	}

	waiterClause(waiter: WaiterFacts): string {
		const name = this.name(waiter.task);
		const more = `${waiter.left} more of the tasks it gathered`;
		switch (waiter.gets) {
			case 'raised':
				return waiter.via === 'gather'
					? `asyncio.gather will raise that exception into ${name} at once, without waiting for the rest`
					: `${name}, which awaits it, will have that exception raised into it`;
			case 'value':
				return waiter.left
					? `the gather keeps its exception as a value for ${name} (return_exceptions=True), which still waits for ${more}`
					: `the gather hands its exception to ${name} as a value in the list (return_exceptions=True), so ${name} can resume soon`;
			case 'group':
				return `its TaskGroup cancels the other tasks, and ${name} will get an ExceptionGroup once they have ended`;
			case 'waits':
				return waiter.via === 'taskgroup'
					? `${name} still waits at the end of its TaskGroup for ${waiter.left} more`
					: `${name} still waits for ${more}`;
			case 'told':
				return `${name}, which waits on it with asyncio.wait or as_completed, is told`;
			case 'resumes':
				return waiter.via === 'gather'
					? `it was the last task ${name} was gathering, so ${name} can resume soon`
					: waiter.via === 'taskgroup'
						? `it was the last task of ${name}'s TaskGroup, so ${name} can leave the async with soon`
						: `${name}, which awaits it, is ready to resume`;
		}
	}

	warning(event: EventOf<'warning'>): string {
		const where = event.task !== null ? `, in ${this.name(event.task)}` : '';
		const head = `Warning${this.onLine(event.line)}${where}: ${clause(event.message)}.`;
		switch (event.category) {
			case 'never_awaited':
				return `${head} Calling an async function only creates a coroutine object; its code runs only once it is awaited or wrapped in a task.`;
			case 'blocking':
				return `${head} A blocking call freezes the whole event loop; await asyncio.sleep() or asyncio.to_thread() instead.`;
			case 'version_change': {
				const since = event.since ? ` in Python ${event.since}` : '';
				const fix = event.fix ? ` The modern way: ${clause(event.fix)}.` : '';
				return `Changed${since}${this.onLine(event.line)}${where}: ${clause(event.message)}.${fix}`;
			}
			case 'other':
				return head;
		}
	}

	who(task: number | null): string {
		return task === null ? 'The program' : this.name(task);
	}

	/** The frame on top of `task`'s stack after this event: the caller of a call, the one returned to. */
	caller(task: number | null): string {
		if (task === null) return 'the program';
		const stack = this.#world.tasks[task]?.stack ?? [];
		const below =
			this.#facts?.kind === 'coro_call' ? stack[stack.length - 2] : stack[stack.length - 1];
		const own = this.#index.trace.tasks[task]?.coro;
		if (!below || below.name === own) return this.name(task);
		return `${code(`${below.name}()`)} (inside ${this.name(task)})`;
	}

	name(task: number): string {
		return this.#index.tables.names[task] ?? `task ${task}`;
	}

	taskName(task: number): string {
		return taskName(this.#index.trace.tasks, task, 'asyncio');
	}

	worker(worker: number): string {
		const found = this.#index.trace.workers.find((entry) => entry.id === worker);
		return found ? `worker thread ${found.name}` : `worker thread ${worker}`;
	}

	codeOf(line: number | null): string {
		if (line === null || line < 1) return '';
		// A trailing comment is noise read aloud; one inside a string literal is kept.
		return (this.#index.tables.codeLines[line - 1] ?? '').replace(/\s+#[^'"]*$/, '').trim();
	}

	onLine(line: number | null): string {
		return line !== null ? ` on line ${line}` : '';
	}
}

/**
 * Ready-queue callbacks as words: each by what it is (`nameOf`), else by its label; a run
 * of entries that read the same (gather's done-callbacks) is said once, with a count.
 */
function readyNames(
	items: readonly ReadyItem[],
	nameOf: (item: ReadyItem) => string | null
): string[] {
	const words: string[] = [];
	let last = '';
	let run = 0;
	const flush = (): void => {
		if (run) words.push(run > 1 ? `${last} (${run} times)` : last);
	};
	for (const item of items) {
		const word = nameOf(item) ?? `the callback ${code(item.label)}`;
		if (word === last) run++;
		else {
			flush();
			last = word;
			run = 1;
		}
	}
	flush();
	return words;
}
