/**
 * Reading old traces: a v1 trace (a file or a link made before v2) becomes a v2 one before
 * validation, so the model only ever sees v2 fields. v1 carried its facts as display text,
 * so this is the one place that reads labels: the recorder's v1 labels (and the model's
 * old fixture labels) say what each ready entry was. What v1 never recorded (the outcome of
 * an await other than a task's, who cancelled whom) stays absent.
 *
 * The input is untrusted JSON: every step checks shapes and leaves anything unexpected for
 * the schema to reject with a plain message. Nothing is mutated; changed objects are copies.
 */
import type { CHILD_DONE_VIA, ReadyWhat } from './schema';

type Dict = Record<string, unknown>;

const isDict = (value: unknown): value is Dict =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** v1 callback labels (recorder 1.x and the old fixtures) and what the entry was. */
const V1_CALLBACKS: readonly [RegExp, ReadyWhat, (typeof CHILD_DONE_VIA)[number]?][] = [
	[/^wake up from asyncio\.sleep$|^wake a sleeper$|_set_result_unless_cancelled/, 'sleep_done'],
	[/^gather: |_GatheringFuture\._done_callback|gather\._done_callback/, 'child_done', 'gather'],
	[/^wait: /, 'child_done', 'wait'],
	[/^as_completed: /, 'child_done', 'as_completed'],
	[/^TaskGroup: /, 'child_done', 'taskgroup'],
	[/^shield: /, 'child_done', 'shield'],
	[/^wait_for: timeout$|timeout expires$/, 'timeout'],
	[/^a thread's result arrives$/, 'thread_done'],
	[/^stop the loop/, 'stop']
];

function readyWhat(item: Dict): Dict {
	if (typeof item.what === 'string') return item;
	const label = typeof item.label === 'string' ? item.label : '';
	for (const [pattern, what, via] of V1_CALLBACKS)
		if (pattern.test(label)) return { ...item, what, ...(via ? { via } : {}) };
	if (typeof item.task === 'number') {
		if (/^start /.test(label) || /\.__step\(\)$/.test(label)) return { ...item, what: 'start' };
		if (/\.__wakeup\(\)$/.test(label)) return { ...item, what: 'wakeup' };
		// v1 counted any other entry naming a task as that task's step.
		return { ...item, what: 'resume' };
	}
	return { ...item, what: 'callback' };
}

function awaitsV2(awaits: unknown): unknown {
	if (
		isDict(awaits) &&
		awaits.kind === 'wait' &&
		typeof awaits.label === 'string' &&
		awaits.label.startsWith('TaskGroup')
	)
		return { ...awaits, kind: 'taskgroup' };
	return awaits;
}

/** A v1 trace as v2; anything else is returned as it is. */
export function migrateTrace(value: unknown): unknown {
	if (!isDict(value) || value.version !== 1 || !Array.isArray(value.events)) return value;
	// Per task: what it last suspended on, and how each finished task ended.
	const lastAwaits = new Map<unknown, unknown>();
	const ended = new Map<number, Dict>();
	const events = value.events.map((event: unknown) => {
		if (!isDict(event)) return event;
		switch (event.kind) {
			case 'loop_iteration':
				return Array.isArray(event.ready)
					? { ...event, ready: event.ready.map((item) => (isDict(item) ? readyWhat(item) : item)) }
					: event;
			case 'suspend': {
				const awaits = awaitsV2(event.awaits);
				lastAwaits.set(event.task, awaits);
				return awaits === event.awaits ? event : { ...event, awaits };
			}
			case 'task_done':
				if (typeof event.task === 'number') ended.set(event.task, event);
				return event;
			case 'step_start': {
				if (isDict(event.cause)) return event;
				const was = lastAwaits.get(event.task);
				lastAwaits.delete(event.task);
				return { ...event, cause: v1Cause(event.first === true, was, ended) };
			}
			default:
				return event;
		}
	});
	const result = isDict(value.result) ? value.result : value.result;
	const deadlock =
		isDict(result) && Array.isArray(result.deadlock)
			? {
					...result,
					deadlock: result.deadlock.map((entry) =>
						isDict(entry) ? { ...entry, awaits: awaitsV2(entry.awaits) } : entry
					)
				}
			: result;
	return { ...value, version: 2, events, result: deadlock };
}

function v1Cause(first: boolean, was: unknown, ended: ReadonlyMap<number, Dict>): Dict {
	if (first) return { kind: 'start' };
	if (!isDict(was)) return { kind: 'awaited' };
	if (was.kind === 'yield') return { kind: 'yield' };
	// Awaiting one task: how it ended is what the await hands back.
	const tasks = Array.isArray(was.tasks) ? was.tasks : [];
	const only = tasks.length === 1 && typeof tasks[0] === 'number' ? tasks[0] : null;
	const done = only !== null && was.kind === 'task' ? ended.get(only) : undefined;
	const outcome = done?.outcome;
	if (only === null || (outcome !== 'result' && outcome !== 'exception' && outcome !== 'cancelled'))
		return { kind: 'awaited' };
	return {
		kind: 'awaited',
		task: only,
		outcome,
		...(outcome === 'exception' && isDict(done?.error) ? { error: done.error } : {})
	};
}
