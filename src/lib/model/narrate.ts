/**
 * Narration: one plain-English sentence per event that a beginner can read aloud, naming
 * the task, the line and the reason. At the last event a second sentence says how the
 * run ended.
 */
import type { Awaitable, EventOf, ReadyItem, RunResult, TraceEvent } from '../trace/schema';
import type { TraceIndex } from './build-index';
import { isStepItem, type World } from './replay';
import { clampCursor, worldAt } from './cursor';
import { capitalize, clause, code, count, formatSeconds, listOf, quote } from './text';
import type { TaskState } from './types';

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
	const sentence = new Narrator(index, world).event(event);
	return at === index.length - 1 ? `${sentence} ${outcome}` : sentence;
}

/** The sentence for how the run ended. */
export function resultSentence(index: TraceIndex): string {
	const result: RunResult = index.trace.result;
	const duration = formatSeconds(result.duration);
	if (result.status === 'ok') return `The program finishes at t = ${duration} s of virtual time.`;
	if (result.message) return `${clause(result.message)}.`;
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
					return `The run was stopped after ${count(index.length, 'event')}, the most the recorder keeps, so the program may not have finished.`;
				case 'output':
					return 'The run was stopped because the program printed too much output.';
				case 'time':
					return `The run was stopped at t = ${duration} s because virtual time reached its limit.`;
				case 'line_budget': {
					const line = result.limit.line;
					return `The run was stopped${line != null ? ` on line ${line}` : ''}: one step ran too many lines without an await, so the event loop could never take back control.`;
				}
				default:
					return 'The run was stopped because it reached a limit.';
			}
		}
		case 'timeout':
			return `The run timed out at t = ${duration} s.`;
	}
}

class Narrator {
	readonly #index: TraceIndex;
	readonly #world: World;

	constructor(index: TraceIndex, world: World) {
		this.#index = index;
		this.#world = world;
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
				if (this.#index.tables.ownCoro.has(event.seq) && event.task !== null)
					return `The coroutine ${code(`${event.coro}()`)} begins running inside ${this.taskName(event.task)}${this.onLine(event.line)}.`;
				return `${this.who(event.task)} awaits the coroutine ${code(`${event.coro}()`)} directly: it starts running${this.onLine(event.line)} inside the same task, without a trip through the event loop.`;
			case 'coro_return':
				if (this.#index.tables.ownCoro.has(event.seq) && event.task !== null)
					return `${code(`${event.coro}()`)} returns${this.onLine(event.line)}: the coroutine of ${this.taskName(event.task)} has finished, so the task is about to end.`;
				return `${code(`${event.coro}()`)} returns to its caller${event.task !== null ? ` in ${this.name(event.task)}` : ''}${this.onLine(event.line)}: it is still the same task, so the event loop is not involved.`;
			case 'line': {
				const text = this.codeOf(event.line);
				return `${this.who(event.task)} runs line ${event.line}${text ? `: ${code(text)}` : ''}.`;
			}
			case 'stdout': {
				const who = this.who(event.task);
				const text = event.text.replace(/\n$/, '');
				const what = text ? quote(text) : 'an empty line';
				return event.stream === 'stderr'
					? `${who} writes ${what} to stderr.`
					: `${who} prints ${what}.`;
			}
			case 'blocking':
				return `${this.who(event.task)} calls ${code(event.label)}${this.onLine(event.line)}, which blocks: the whole event loop freezes for ${formatSeconds(event.duration)} s, until t = ${formatSeconds(event.t + event.duration)} s, and no other task can run meanwhile.`;
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
		}
	}

	cancel(event: EventOf<'cancel'>): string {
		const target = this.name(event.task);
		const by = event.by !== null ? this.name(event.by) : null;
		switch (event.via) {
			case 'call':
				return `${by ?? 'The program'} calls ${code(`${this.taskName(event.task)}.cancel()`)}${this.onLine(event.line)}: ${target} will get a CancelledError at the await it is paused on.`;
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

	created(event: EventOf<'task_created'>): string {
		const task = this.#index.trace.tasks[event.task];
		const line = task?.line ?? null;
		const parent =
			task?.parent != null
				? this.name(task.parent)
				: /\basyncio\.run\(/.test(this.codeOf(line))
					? 'asyncio.run'
					: 'The program';
		const label = task ? `${task.name} to run ${task.label}` : `task ${event.task}`;
		return `${parent} creates ${label}${this.onLine(line)} and puts it at the back of the ready queue: it starts when the event loop gets to it.`;
	}

	iteration(event: EventOf<'loop_iteration'>): string {
		const events = this.#index.trace.events;
		const before = event.seq > 0 ? events[event.seq - 1].t : 0;
		const t = formatSeconds(event.t);
		const head =
			event.t > before
				? `The event loop starts iteration ${event.iteration}: nothing was ready, so virtual time jumps ahead to t = ${t} s, when the next timer is due`
				: `The event loop starts iteration ${event.iteration} at t = ${t} s`;
		const items = readyNames(event.ready, (item) =>
			item.task === null
				? null
				: isStepItem(item)
					? this.name(item.task)
					: item.what === 'sleep_done'
						? `the timer callback of ${this.name(item.task)}`
						: `the callback ${code(item.label)} of ${this.name(item.task)}`
		);
		if (items.length)
			return event.ready.length === 1
				? `${head}, and ${items[0]} is ready to run.`
				: `${head}, and ${listOf(items)} are ready to run${items.length > 1 ? ', in that order' : ''}.`;
		const thread = this.#world.threads[0];
		if (thread)
			return `${head}; nothing is ready, so it waits for ${this.worker(thread.worker)} to finish ${code(thread.label)}.`;
		const due = event.timers.filter((timer) => timer.when <= event.t).length;
		if (due)
			return `${head}; ${due === 1 ? 'a timer is' : `${due} timers are`} due now, so ${due === 1 ? 'its callback moves' : 'their callbacks move'} to the ready queue.`;
		if (event.timers.length)
			return `${head}; nothing is ready, so it sleeps until the next timer, due at t = ${formatSeconds(event.timers[0].when)} s.`;
		return `${head}, with nothing ready and no timer set.`;
	}

	stepStart(event: EventOf<'step_start'>): string {
		const who = this.name(event.task);
		const text = this.codeOf(event.line);
		const at = event.line !== null ? ` on line ${event.line}${text ? `, ${code(text)}` : ''}` : '';
		if (event.first)
			return `The event loop runs ${who} for the first time: ${this.taskName(event.task)} starts its coroutine${at}.`;
		const was = this.#index.tables.resumedFrom.get(event.seq);
		return `The event loop resumes ${who}${at}, because ${was ? this.resumeReason(was) : 'its turn has come'}.`;
	}

	resumeReason(awaits: Awaitable): string {
		const tasks = awaits.tasks ?? [];
		switch (awaits.kind) {
			case 'sleep':
				return awaits.until !== undefined
					? `its timer for t = ${formatSeconds(awaits.until)} s has fired`
					: 'its sleep is over';
			case 'yield':
				return 'its turn in the ready queue has come round again';
			case 'task':
				return tasks.length
					? `${this.name(tasks[0])} has finished`
					: 'the task it awaited has finished';
			case 'gather':
				if (tasks.length === 1)
					return 'the task it gathered has finished, so the gather hands back its result';
				return `${tasks.length === 2 ? 'both tasks' : `all ${tasks.length} tasks`} it gathered have finished, so the gather hands back their results`;
			case 'wait':
				return 'what it waited for with asyncio.wait is done';
			case 'taskgroup':
				return 'every task of its TaskGroup has finished';
			case 'timeout':
				return awaits.until !== undefined
					? `what it awaited finished, or its deadline at t = ${formatSeconds(awaits.until)} s has passed`
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
		const who = this.name(event.task);
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
		return `${who} ${where}, so it ${this.waitReason(event.awaits)} and gives control back to the event loop, ${tail}.`;
	}

	waitReason(awaits: Awaitable): string {
		const tasks = (awaits.tasks ?? []).map((id) => this.name(id));
		const until = awaits.until !== undefined ? formatSeconds(awaits.until) : null;
		switch (awaits.kind) {
			case 'sleep':
				return until !== null
					? `sets a timer for t = ${until} s`
					: `sleeps (${code(awaits.label)})`;
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
				return `waits for ${tasks.length ? listOf(tasks) : code(awaits.label)}, but only until t = ${until ?? '?'} s`;
			case 'queue_get':
				return `waits for an item to arrive in the queue (${code(awaits.label)})`;
			case 'queue_put':
				return `waits for room in the full queue (${code(awaits.label)})`;
			case 'lock':
				return `waits for the lock, which another task holds (${code(awaits.label)})`;
			case 'event':
				return `waits for the event to be set (${code(awaits.label)})`;
			case 'condition':
				return `waits to be notified (${code(awaits.label)})`;
			case 'semaphore':
				return `waits for a free slot of the semaphore (${code(awaits.label)})`;
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
			? `which has nothing else ready, so it waits for the next timer, at t = ${formatSeconds(next.t)} s`
			: 'which has nothing else ready in this iteration, so it starts the next one';
	}

	done(event: EventOf<'task_done'>): string {
		const who = this.name(event.task);
		const task = this.taskName(event.task);
		const where = this.onLine(event.line);
		const waiters = this.waitersOf(event.task, event.outcome);
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

	/** "; main() still waits for 2 more of the tasks it gathered", for each task awaiting `id`. */
	waitersOf(id: number, outcome: EventOf<'task_done'>['outcome']): string {
		const tasks = this.#world.tasks;
		const parts: string[] = [];
		for (const waiter of tasks) {
			if (
				(waiter.state !== 'waiting' && waiter.state !== 'ready') ||
				!waiter.awaits?.tasks?.includes(id)
			)
				continue;
			parts.push(this.waiterClause(waiter, waiter.awaits, outcome, tasks));
		}
		return parts.length ? `; ${parts.join('; ')}` : '';
	}

	waiterClause(
		waiter: TaskState,
		awaits: Awaitable,
		outcome: EventOf<'task_done'>['outcome'],
		tasks: readonly TaskState[]
	): string {
		const name = this.name(waiter.id);
		if (outcome === 'exception' && awaits.kind !== 'wait')
			return `${name}, which waits for it, will get the exception`;
		switch (awaits.kind) {
			case 'gather': {
				const left = (awaits.tasks ?? []).filter((id) => !isFinished(tasks[id])).length;
				return left === 0
					? `it was the last task ${name} was gathering, so ${name} can resume soon`
					: `${name} still waits for ${left} more of the tasks it gathered`;
			}
			case 'task':
				return `${name}, which awaits it, is ready to resume`;
			case 'wait':
				return `${name}, which waits on it with asyncio.wait, is told`;
			default:
				return `${name}, which waits for it, can resume soon`;
		}
	}

	warning(event: EventOf<'warning'>): string {
		const head = `Warning${this.onLine(event.line)}: ${clause(event.message)}.`;
		switch (event.category) {
			case 'never_awaited':
				return `${head} Calling an async function only creates a coroutine object; its code runs only once it is awaited or wrapped in a task.`;
			case 'blocking':
				return `${head} A blocking call freezes the whole event loop; await asyncio.sleep() or asyncio.to_thread() instead.`;
			case 'other':
				return head;
		}
	}

	who(task: number | null): string {
		return task === null ? 'The program' : this.name(task);
	}

	name(task: number): string {
		return this.#index.tables.names[task] ?? `task ${task}`;
	}

	taskName(task: number): string {
		return this.#index.trace.tasks[task]?.name ?? `task ${task}`;
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
 * Ready-queue entries as words: tasks by name, callbacks by label, and a run of identical
 * callbacks (gather's done-callbacks) said once with a count.
 */
function readyNames(
	items: readonly ReadyItem[],
	nameOf: (item: ReadyItem) => string | null
): string[] {
	const words: string[] = [];
	for (let k = 0; k < items.length;) {
		const item = items[k];
		const name = nameOf(item);
		if (name !== null) {
			words.push(name);
			k++;
			continue;
		}
		let run = 1;
		while (items[k + run]?.task === null && items[k + run].label === item.label) run++;
		words.push(
			run > 1 ? `${run} calls of ${code(item.label)}` : `the callback ${code(item.label)}`
		);
		k += run;
	}
	return words;
}

function isFinished(task: TaskState | undefined): boolean {
	return task?.state === 'done' || task?.state === 'failed' || task?.state === 'cancelled';
}
