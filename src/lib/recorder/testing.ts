/**
 * Test helpers for the recorder: one Pyodide engine per test file, and a `record` that
 * validates every trace against the v1 schema before a test looks at it.
 */
import { expect } from 'vitest';
import { validateTrace } from '../trace/validate';
import type { Trace, TraceEvent, EventOf, EventKind } from '../trace/schema';
import type { Engine, RecordLimits } from './engine.js';
import { createNodeEngine } from './node-engine.js';

/** A recording: the trace and the exact JSON text it came from. */
export interface Recording {
	trace: Trace;
	json: string;
}

let engine: Promise<Engine> | null = null;

/** The engine of this test file (Pyodide boots once, about 3 s). */
export function getEngine(): Promise<Engine> {
	engine ??= createNodeEngine();
	return engine;
}

/** Records `code` (text, or a file's bytes) and asserts that the trace meets the schema. */
export async function record(
	code: string | Uint8Array,
	limits: RecordLimits = {},
	filename = 'main.py'
): Promise<Recording> {
	const json = (await getEngine()).record(code, filename, limits);
	const parsed = validateTrace(JSON.parse(json));
	if (!parsed.ok) throw new Error(`invalid trace: ${parsed.error}`);
	expect(parsed.ok).toBe(true);
	return { trace: parsed.trace, json };
}

/** What the program printed on stdout (stderr left out), in order. */
export function stdoutOf(trace: Trace): string {
	return eventsOf(trace, 'stdout')
		.filter((event) => (event.stream ?? 'stdout') === 'stdout')
		.map((event) => event.text)
		.join('');
}

/** The events of one kind. */
export function eventsOf<K extends EventKind>(trace: Trace, kind: K): EventOf<K>[] {
	return trace.events.filter((event: TraceEvent): event is EventOf<K> => event.kind === kind);
}

/** The id of the task whose label is `label`. */
export function taskId(trace: Trace, label: string): number {
	const task = trace.tasks.find((candidate) => candidate.label === label);
	if (!task) throw new Error(`no task labelled ${label}: ${trace.tasks.map((t) => t.label)}`);
	return task.id;
}

/** A program from its lines, newline-terminated. */
export function program(lines: readonly string[]): string {
	return `${lines.join('\n')}\n`;
}

/**
 * Records `code` twice and expects the two traces to be the same JSON, byte for byte (the
 * recorder is deterministic); returns the first recording.
 */
export async function recordTwiceAlike(code: string): Promise<Recording> {
	const first = await record(code);
	const second = await record(code);
	expect(second.json).toBe(first.json);
	return first;
}
