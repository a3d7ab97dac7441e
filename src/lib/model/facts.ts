/**
 * What the narration of an event claims, as data: who acts, in which frame and on which
 * line, why a step starts and what the resumed await hands back, who cancels whom, and
 * what a finished task means for those waiting on it. Everything comes from the trace's
 * structured fields (never from label text) and the replayed world; narrate.ts renders
 * its sentences from these facts, and the tests check the facts against the trace and
 * against CPython's own runs of the corpus.
 */
import type { Awaitable, CancelVia, EventKind, EventOf, TraceEvent } from '../trace/schema';
import type { TraceIndex } from './build-index';
import { clampCursor, worldAt } from './cursor';
import { eventTask, type World } from './replay';
import type { TaskState } from './types';

/** An exception as narration names it. */
export interface ErrorFact {
	readonly type: string;
	readonly message: string;
}

/** Why a step starts, and what the await it resumes from hands back. */
export interface ResumeFacts {
	readonly kind: 'start' | 'yield' | 'awaited' | 'cancel';
	/** What the task was suspended on (its last suspension); null at its start. */
	readonly awaited: Awaitable | null;
	/** The task whose end delivered it (the awaited task; a gather's failing child). */
	readonly from: number | null;
	/** The value the await returns, when the trace has it (a task's or a gather's). */
	readonly receives: string | null;
	/** What the await raises inside the task (CancelledError for a cancellation). */
	readonly raises: ErrorFact | null;
	/** A gather that returned: its children whose exceptions come back as values in the list. */
	readonly exceptionsAsValues: readonly number[];
	/** The awaited gather's / TaskGroup's / wait's tasks still unfinished as it resumes. */
	readonly unfinished: readonly number[];
	/** A cancellation: who asked (a task, or null for a callback) and how. */
	readonly by: number | null;
	readonly via: CancelVia | null;
}

/** What the end of a task means for one task awaiting it. */
export interface WaiterFacts {
	readonly task: number;
	readonly via: Awaitable['kind'];
	/**
	 * `raised`: the exception will be raised into it (by await or gather); `value`: a gather
	 * with return_exceptions=True keeps it as a value of its result; `group`: its TaskGroup
	 * cancels the rest and will raise an ExceptionGroup at its end; `resumes`: it will
	 * resume with this task's result (or CancelledError); `waits`: it still waits for `left`
	 * more tasks; `told`: asyncio.wait / as_completed takes note.
	 */
	readonly gets: 'raised' | 'value' | 'group' | 'resumes' | 'waits' | 'told';
	readonly left: number;
}

/** The claims of the narration of one event. */
export interface NarrationFacts {
	readonly seq: number;
	readonly kind: EventKind;
	/** Who acts: the task that runs, suspends, prints, ends or is cancelled; null: none. */
	readonly actor: number | null;
	/**
	 * The coroutine frame the claim is about: the frame actually running for line and output
	 * events (the top of the actor's call stack), the frame called or returning for
	 * coro_call / coro_return, the frame paused for a suspension, resumed for a step.
	 */
	readonly frame: string | null;
	readonly line: number | null;
	/** step_start: why it runs. */
	readonly resume: ResumeFacts | null;
	/** cancel: the task asked to cancel, by whom and how. */
	readonly cancel: { readonly by: number | null; readonly via: CancelVia } | null;
	/** task_done: what its end means for those waiting on it. */
	readonly waiters: readonly WaiterFacts[];
}

/** The facts of event `cursor` (clamped). */
export function narrationFacts(index: TraceIndex, cursor: number): NarrationFacts | null {
	const at = clampCursor(index, cursor);
	return factsOf(index, at, worldAt(index, at));
}

/** The facts of event `at`, given the world after it. */
export function factsOf(index: TraceIndex, at: number, world: World): NarrationFacts | null {
	const event = index.trace.events[at];
	if (!event) return null;
	const actor = eventTask(event);
	return {
		seq: at,
		kind: event.kind,
		actor,
		frame: frameOf(event, actor, world),
		line: lineOf(event, world),
		resume: event.kind === 'step_start' ? resumeFacts(index, event, world) : null,
		cancel: event.kind === 'cancel' ? { by: event.by, via: event.via } : null,
		waiters: event.kind === 'task_done' ? waiterFacts(index, event, world) : []
	};
}

function topName(task: TaskState | undefined): string | null {
	const stack = task?.stack;
	return stack && stack.length ? stack[stack.length - 1].name : null;
}

function frameOf(event: TraceEvent, actor: number | null, world: World): string | null {
	switch (event.kind) {
		case 'coro_call':
		case 'coro_return':
			return event.coro;
		case 'suspend':
			return event.chain.length ? event.chain[event.chain.length - 1].coro : null;
		case 'task_done':
		case 'task_created':
		case 'cancel':
			return null;
		default:
			return actor !== null ? topName(world.tasks[actor]) : null;
	}
}

function lineOf(event: TraceEvent, world: World): number | null {
	switch (event.kind) {
		case 'loop_iteration':
		case 'thread_start':
		case 'thread_end':
			return null;
		case 'stdout':
			return world.running !== null && world.running === event.task ? world.line : null;
		case 'task_created':
			return event.line ?? null;
		default:
			return event.line;
	}
}

function isFinished(task: TaskState | undefined): boolean {
	return task?.state === 'done' || task?.state === 'failed' || task?.state === 'cancelled';
}

function resumeFacts(index: TraceIndex, event: EventOf<'step_start'>, world: World): ResumeFacts {
	const cause = event.cause;
	const awaited = event.first ? null : (index.tables.resumedFrom.get(event.seq) ?? null);
	const tasks = world.tasks;
	const members = awaited?.tasks ?? [];
	const unfinished =
		awaited &&
		(awaited.kind === 'gather' || awaited.kind === 'taskgroup' || awaited.kind === 'wait')
			? members.filter((id) => !isFinished(tasks[id]))
			: [];
	let raises: ErrorFact | null = null;
	if (cause.kind === 'cancel' || cause.outcome === 'cancelled')
		raises = { type: 'CancelledError', message: '' };
	else if (cause.outcome === 'exception')
		raises = cause.error
			? { type: cause.error.type, message: cause.error.message }
			: { type: 'an exception', message: '' };
	const exceptionsAsValues =
		awaited?.kind === 'gather' && cause.kind === 'awaited' && cause.outcome === 'result'
			? members.filter((id) => tasks[id]?.state === 'failed')
			: [];
	return {
		kind: cause.kind,
		awaited,
		from: cause.task ?? null,
		receives: cause.outcome === 'result' ? (cause.value ?? null) : null,
		raises,
		exceptionsAsValues,
		unfinished,
		by: cause.kind === 'cancel' ? (cause.by ?? null) : null,
		via: cause.kind === 'cancel' ? (cause.via ?? null) : null
	};
}

/** The cause of `task`'s first step after `seq`, looked up in the task's own events. */
function nextStepCause(index: TraceIndex, task: number, seq: number) {
	const seqs = index.tables.taskEvents[task];
	if (!seqs) return null;
	let lo = 0;
	let hi = seqs.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (seqs[mid] <= seq) lo = mid + 1;
		else hi = mid;
	}
	for (let k = lo; k < seqs.length; k++) {
		const next = index.trace.events[seqs[k]];
		if (next?.kind === 'step_start') return next.cause;
	}
	return null;
}

function waiterFacts(index: TraceIndex, event: EventOf<'task_done'>, world: World): WaiterFacts[] {
	const facts: WaiterFacts[] = [];
	for (const waiter of world.tasks) {
		const awaits = waiter.awaits;
		if (
			(waiter.state !== 'waiting' && waiter.state !== 'ready') ||
			!awaits?.tasks?.includes(event.task)
		)
			continue;
		const left = awaits.tasks.filter((id) => !isFinished(world.tasks[id])).length;
		const via = awaits.kind;
		let gets: WaiterFacts['gets'];
		if (via === 'wait') gets = 'told';
		else if (event.outcome === 'exception') {
			// Whether it is raised into the waiter is in the trace: the waiter's next step.
			const next = nextStepCause(index, waiter.id, event.seq);
			if (next?.outcome === 'exception' && next.task === event.task) gets = 'raised';
			else if (via === 'gather') gets = 'value';
			else if (via === 'taskgroup') gets = 'group';
			else gets = 'raised';
		} else if (via === 'gather' || via === 'taskgroup') gets = left === 0 ? 'resumes' : 'waits';
		else gets = 'resumes';
		facts.push({ task: waiter.id, via, gets, left });
	}
	return facts;
}
