/**
 * Validation of traces that come from outside (a file, a link, the recorder): the sizes
 * first (see `./limits.ts`), then the schema, then the cross-references a schema cannot
 * express (every task id names a task, parent chains end).
 * Failures name the first problem in plain words: the field and what was expected.
 */
import type { z } from 'zod';
import { checkTraceCounts, checkTraceDepth } from './limits';
import { checkTraceStrings } from './string-limits';
import { migrateTrace } from './migrate';
import {
	TRACE_FORMAT,
	TRACE_VERSION,
	TraceSchema,
	type Awaitable,
	type PrimitiveState,
	type Trace,
	type TraceEvent
} from './schema';

/** The outcome of {@link parseTrace}: a trace, or the first thing wrong with the input. */
export type ParseResult = { ok: true; trace: Trace } | { ok: false; error: string };

function fieldPath(path: PropertyKey[]): string {
	return path.reduce<string>(
		(text, part) =>
			typeof part === 'number'
				? `${text}[${part}]`
				: text
					? `${text}.${String(part)}`
					: String(part),
		''
	);
}

function describeIssue(issue: z.core.$ZodIssue): string {
	const where = fieldPath(issue.path) || 'the trace';
	return `${where}: ${issue.message}`;
}

// Each task's parent chain must reach a task without a parent: a loop would send anything
// that walks up the chain (who created whom) round forever.
function checkParentChains(tasks: Trace['tasks']): string | null {
	// 0: not yet seen, 1: on the chain being walked, 2: known to reach a root.
	const state = new Uint8Array(tasks.length);
	for (let start = 0; start < tasks.length; start++) {
		const chain: number[] = [];
		let id: number | null = start;
		while (id !== null && state[id] === 0) {
			state[id] = 1;
			chain.push(id);
			id = tasks[id].parent;
		}
		if (id !== null && state[id] === 1) {
			const loop = [...chain.slice(chain.indexOf(id)), id].join(' → ');
			return `tasks[${id}].parent: the chain of parents loops back to task ${id} (${loop}), so it never reaches the task that started the run`;
		}
		for (const member of chain) state[member] = 2;
	}
	return null;
}

function checkAwaitable(where: string, awaits: Awaitable | null, taskCount: number): string | null {
	for (const [k, task] of (awaits?.tasks ?? []).entries()) {
		const problem = missingTask(`${where}.tasks[${k}]`, task, taskCount);
		if (problem) return problem;
	}
	return null;
}

// `where` names a task that does not exist: the sentence that says so, else null.
function missingTask(
	where: string,
	id: number | null | undefined,
	taskCount: number
): string | null {
	return typeof id === 'number' && id >= taskCount ? `${where}: no task has id ${id}` : null;
}

// The task ids an event names besides its own `task`.
function checkEventReferences(event: TraceEvent, where: string, taskCount: number): string | null {
	switch (event.kind) {
		case 'task_created':
			return missingTask(`${where}.parent`, event.parent, taskCount);
		case 'suspend':
			return checkAwaitable(`${where}.awaits`, event.awaits, taskCount);
		case 'step_start':
			return (
				missingTask(`${where}.cause.task`, event.cause?.task, taskCount) ??
				missingTask(`${where}.cause.by`, event.cause?.by, taskCount)
			);
		case 'cancel':
		case 'uncancel':
			return missingTask(`${where}.by`, event.by, taskCount);
		case 'loop_iteration': {
			for (const [k, item] of event.ready.entries()) {
				const problem =
					missingTask(`${where}.ready[${k}].task`, item.task, taskCount) ??
					missingTask(`${where}.ready[${k}].child`, item.child, taskCount);
				if (problem) return problem;
			}
			for (const [k, timer] of event.timers.entries()) {
				const problem = missingTask(`${where}.timers[${k}].task`, timer.task, taskCount);
				if (problem) return problem;
			}
			return null;
		}
		default:
			return null;
	}
}

// A primitive's state names a primitive of the table and tasks that exist.
function checkSync(
	states: readonly PrimitiveState[],
	where: string,
	primitiveCount: number,
	taskCount: number
): string | null {
	for (const [k, state] of states.entries()) {
		const at = `${where}.sync[${k}]`;
		if (state.id >= primitiveCount) return `${at}.id: no primitive has id ${state.id}`;
		const problem = missingTask(`${at}.holder`, state.holder, taskCount);
		if (problem) return problem;
		for (const field of ['waiters', 'putters', 'acquiring'] as const)
			for (const [j, task] of (state[field] ?? []).entries()) {
				const missing = missingTask(`${at}.${field}[${j}]`, task, taskCount);
				if (missing) return missing;
			}
	}
	return null;
}

function checkPrimitives(trace: Trace): string | null {
	const primitives = trace.primitives ?? [];
	for (const [index, primitive] of primitives.entries())
		if (primitive.id !== index)
			return `primitives[${index}].id: expected ${index}, got ${primitive.id}`;
	for (const [index, event] of trace.events.entries()) {
		if ((event.kind !== 'suspend' && event.kind !== 'task_done') || !event.sync) continue;
		const problem = checkSync(
			event.sync,
			`events[${index}]`,
			primitives.length,
			trace.tasks.length
		);
		if (problem) return problem;
	}
	return null;
}

// Scope events (issue #20): each scope is entered once, with its kind, before anything else
// names it, and left at most once; a cancel that names a scope names an entered one.
function checkScopeReferences(trace: Trace): string | null {
	const taskCount = trace.tasks.length;
	// scope id -> whether it has been left
	const left = new Map<number, boolean>();
	for (const [index, event] of trace.events.entries()) {
		const where = `events[${index}]`;
		if (event.kind === 'cancel' && event.scope !== undefined && !left.has(event.scope))
			return `${where}.scope: no scope ${event.scope} was entered before this cancel`;
		if (event.kind !== 'scope') continue;
		if (event.op === 'enter') {
			if (left.has(event.scope)) return `${where}.scope: scope ${event.scope} is entered twice`;
			if (event.scope_kind === undefined)
				return `${where}.scope_kind: entering a scope says what kind it is`;
			left.set(event.scope, false);
			continue;
		}
		const state = left.get(event.scope);
		if (state === undefined)
			return `${where}.scope: no scope ${event.scope} was entered before this ${event.op}`;
		if (state) return `${where}.scope: scope ${event.scope} was already left`;
		if (event.op === 'exit') left.set(event.scope, true);
		if (event.op === 'add') {
			if (event.child === undefined) return `${where}.child: an add names the task it covers`;
			const problem = missingTask(`${where}.child`, event.child, taskCount);
			if (problem) return problem;
		}
	}
	return null;
}

function checkReferences(trace: Trace): string | null {
	const primitiveProblem = checkPrimitives(trace);
	if (primitiveProblem) return primitiveProblem;
	const taskCount = trace.tasks.length;
	for (const [index, task] of trace.tasks.entries()) {
		if (task.id !== index) return `tasks[${index}].id: expected ${index}, got ${task.id}`;
		const parent = missingTask(`tasks[${index}].parent`, task.parent, taskCount);
		if (parent) return parent;
	}
	const loop = checkParentChains(trace.tasks);
	if (loop) return loop;
	let previousT = 0;
	for (const [index, event] of trace.events.entries()) {
		if (event.seq !== index) return `events[${index}].seq: expected ${index}, got ${event.seq}`;
		if (event.t < previousT)
			return `events[${index}].t: time goes backwards (${event.t} after ${previousT})`;
		previousT = event.t;
		const problem =
			('task' in event && typeof event.task === 'number'
				? missingTask(`events[${index}].task`, event.task, taskCount)
				: null) ?? checkEventReferences(event, `events[${index}]`, taskCount);
		if (problem) return problem;
	}
	const scopes = checkScopeReferences(trace);
	if (scopes) return scopes;
	for (const [index, entry] of (trace.result.deadlock ?? []).entries()) {
		const problem =
			missingTask(`result.deadlock[${index}].task`, entry.task, taskCount) ??
			checkAwaitable(`result.deadlock[${index}].awaits`, entry.awaits, taskCount);
		if (problem) return problem;
	}
	return null;
}

/** Validates an already-parsed JSON value as a trace; a v1 trace is migrated to v2 first. */
export function validateTrace(value: unknown): ParseResult {
	if (typeof value !== 'object' || value === null || Array.isArray(value))
		return { ok: false, error: 'This is not a Loopscope trace: expected a JSON object.' };
	const record = value as Record<string, unknown>;
	if (record.format !== TRACE_FORMAT)
		return {
			ok: false,
			error: `This is not a Loopscope trace: format should be "${TRACE_FORMAT}".`
		};
	if (typeof record.version === 'number' && record.version > TRACE_VERSION)
		return {
			ok: false,
			error: `This trace is version ${record.version}, newer than this Loopscope reads (${TRACE_VERSION}). Update Loopscope to open it.`
		};
	// Counted before the schema runs: a trace bigger than the recorder writes costs nothing.
	const length = (list: unknown): number => (Array.isArray(list) ? list.length : 0);
	const tooBig = checkTraceCounts(
		length(record.events),
		length(record.tasks),
		length(record.workers)
	);
	if (tooBig) return { ok: false, error: tooBig };
	const tooDeep = checkTraceDepth(value);
	if (tooDeep) return { ok: false, error: tooDeep };
	// Every string measured before the schema copies any: one 15 MB name costs seconds a key.
	const tooLong = checkTraceStrings(value);
	if (tooLong) return { ok: false, error: tooLong };
	const parsed = TraceSchema.safeParse(migrateTrace(value));
	if (!parsed.success) return { ok: false, error: describeIssue(parsed.error.issues[0]) };
	const problem = checkReferences(parsed.data);
	return problem ? { ok: false, error: problem } : { ok: true, trace: parsed.data };
}

/** Parses JSON text as a trace. */
export function parseTrace(text: string): ParseResult {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		return { ok: false, error: `This file is not valid JSON (${(error as Error).message}).` };
	}
	return validateTrace(value);
}
