/**
 * Validation of traces that come from outside (a file, a link, the recorder):
 * the schema first, then the cross-references a schema cannot express.
 * Failures name the first problem in plain words: the field and what was expected.
 */
import type { z } from 'zod';
import { migrateTrace } from './migrate';
import { TRACE_FORMAT, TRACE_VERSION, TraceSchema, type Trace } from './schema';

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

function checkReferences(trace: Trace): string | null {
	const taskCount = trace.tasks.length;
	for (const [index, task] of trace.tasks.entries()) {
		if (task.id !== index) return `tasks[${index}].id: expected ${index}, got ${task.id}`;
		if (task.parent !== null && task.parent >= taskCount)
			return `tasks[${index}].parent: no task has id ${task.parent}`;
	}
	let previousT = 0;
	for (const [index, event] of trace.events.entries()) {
		if (event.seq !== index) return `events[${index}].seq: expected ${index}, got ${event.seq}`;
		if (event.t < previousT)
			return `events[${index}].t: time goes backwards (${event.t} after ${previousT})`;
		previousT = event.t;
		if ('task' in event && typeof event.task === 'number' && event.task >= taskCount)
			return `events[${index}].task: no task has id ${event.task}`;
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
