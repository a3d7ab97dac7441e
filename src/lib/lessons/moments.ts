/**
 * Moments of a run, described by what happens rather than by event number, so that a lesson's
 * steps still point at the right place after its trace is recorded again (or when the learner
 * runs an edited program): "the first suspend of fetch_user(2)", "the line `await queue.put`",
 * "what prints `report done`", "at t = 0.5 s".
 */
import type { Awaitable, EventKind, Trace, TraceEvent } from '$lib/trace/schema';

/**
 * A description of one event. Every field given must match; the moment is the first event that
 * matches after the previous step's moment (see {@link resolveMoments}).
 */
export interface Moment {
	/** The event's kind: `step_start`, `suspend`, `stdout`, `task_done`, `warning`, `blocking`… */
	kind?: EventKind;
	/** The task the event concerns, by label (`fetch_user(2)`) or by name (`Task-3`). */
	task?: string;
	/** For `step_start`: true for a coroutine's first step, false for a resumption. */
	first?: boolean;
	/** For `suspend`: what the task now waits on. */
	awaits?: Awaitable['kind'];
	/** For `task_done`: how the task ended. */
	outcome?: 'result' | 'exception' | 'cancelled';
	/** The event is on a source line that contains this text (`await queue.put`). */
	line?: string;
	/** For `stdout`: the printed text contains this. */
	prints?: string;
	/** At or after this virtual time, in seconds. */
	from?: number;
	/** The run's last event (its outcome); every other field is ignored. */
	end?: true;
}

/** The task ids a `task` field names: by label or by name. */
function tasksNamed(trace: Trace, name: string): Set<number> {
	return new Set(
		trace.tasks.filter((task) => task.label === name || task.name === name).map((task) => task.id)
	);
}

/** The line numbers (1-based) of the source lines that contain `text`. */
function linesContaining(trace: Trace, text: string): Set<number> {
	const lines = new Set<number>();
	trace.source.code.split('\n').forEach((source, index) => {
		if (source.includes(text)) lines.add(index + 1);
	});
	return lines;
}

/** An event's task or line, where its kind has one. */
function fieldOf(event: TraceEvent, field: 'task' | 'line'): number | null {
	const value: unknown = (event as Record<string, unknown>)[field];
	return typeof value === 'number' ? value : null;
}

/** A moment as a test on one event, with its names and texts looked up once. */
function matcher(trace: Trace, moment: Moment): (event: TraceEvent) => boolean {
	const tasks = moment.task === undefined ? null : tasksNamed(trace, moment.task);
	const lines = moment.line === undefined ? null : linesContaining(trace, moment.line);
	return (event) => {
		if (moment.kind !== undefined && event.kind !== moment.kind) return false;
		if (moment.from !== undefined && event.t < moment.from) return false;
		if (tasks && !tasks.has(fieldOf(event, 'task') ?? -1)) return false;
		if (lines && !lines.has(fieldOf(event, 'line') ?? -1)) return false;
		if (
			moment.first !== undefined &&
			!(event.kind === 'step_start' && event.first === moment.first)
		)
			return false;
		if (
			moment.awaits !== undefined &&
			!(event.kind === 'suspend' && event.awaits.kind === moment.awaits)
		)
			return false;
		if (
			moment.outcome !== undefined &&
			!(event.kind === 'task_done' && event.outcome === moment.outcome)
		)
			return false;
		if (
			moment.prints !== undefined &&
			!(event.kind === 'stdout' && event.text.includes(moment.prints))
		)
			return false;
		return true;
	};
}

/**
 * Finds each moment in the trace, in order: each one is searched for after the one before it,
 * so "the next suspend" reads naturally. A moment that is not in the trace (an edited program
 * no longer does that) is null, and the search for the next one goes on from the last found.
 */
export function resolveMoments(trace: Trace, moments: readonly Moment[]): (number | null)[] {
	const last = trace.events.length - 1;
	let after = -1;
	return moments.map((moment) => {
		let found: number | null = null;
		if (moment.end) found = last > after ? last : null;
		else {
			const matches = matcher(trace, moment);
			for (let seq = after + 1; seq <= last && found === null; seq++)
				if (matches(trace.events[seq])) found = seq;
		}
		if (found !== null) after = found;
		return found;
	});
}
