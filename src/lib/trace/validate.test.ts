import { describe, expect, it } from 'vitest';
import {
	MAX_MESSAGE_CHARS,
	MAX_NAME_CHARS,
	MAX_OUTPUT_CHARS,
	MAX_SOURCE_CHARS,
	MAX_TRACE_EVENTS
} from './limits';
import type { ReadyItem, Timer, Trace, TraceEvent } from './schema';
import { parseTrace, validateTrace } from './validate';

const minimal = {
	format: 'loopscope-trace',
	version: 1,
	source: { filename: 'main.py', code: 'print(1)\n' },
	meta: { python: '3.14.2', pyodide: '314.0.7', recorder: '1' },
	tasks: [{ id: 0, name: 'Task-1', coro: 'main', label: 'main()', parent: null, line: 3 }],
	events: [
		{ seq: 0, t: 0, kind: 'task_created', task: 0 },
		{ seq: 1, t: 0, kind: 'stdout', task: 0, text: '1\n' }
	],
	result: { status: 'ok', duration: 0 }
};

/** An event without its place in the run (`seq`, `t`), which a test gives it. */
type Unsequenced = TraceEvent extends infer E
	? E extends TraceEvent
		? Omit<E, 'seq' | 't'>
		: never
	: never;

describe('validateTrace', () => {
	it('accepts a minimal trace and fills defaults', () => {
		const result = validateTrace(structuredClone(minimal));
		expect(result.ok).toBe(true);
		if (result.ok) expect(result.trace.workers).toEqual([]);
	});

	it('names the field and what was expected', () => {
		const broken = structuredClone(minimal) as Record<string, unknown>;
		(broken.tasks as Array<Record<string, unknown>>)[0].name = 7;
		const result = validateTrace(broken);
		expect(result).toMatchObject({ ok: false });
		if (!result.ok) expect(result.error).toMatch(/^tasks\[0\]\.name: .*string/i);
	});

	it('rejects references to tasks that do not exist', () => {
		const broken = structuredClone(minimal);
		broken.events[1].task = 5;
		const result = validateTrace(broken);
		expect(result).toEqual({ ok: false, error: 'events[1].task: no task has id 5' });
	});

	it('says when a trace is newer than this build', () => {
		const result = validateTrace({ ...minimal, version: 9 });
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.error).toMatch(/version 9, newer/);
	});

	it('explains text that is not JSON', () => {
		const result = parseTrace('{"format":');
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.error).toMatch(/not valid JSON/);
	});
});

describe('validateTrace: sizes beyond the recorder', () => {
	it('refuses more events than the recorder writes, before checking any of them', () => {
		// Not even valid events: the count alone decides, so no time is spent on them.
		const result = validateTrace({ ...minimal, events: new Array(MAX_TRACE_EVENTS + 1).fill(0) });
		expect(result).toEqual({
			ok: false,
			error:
				'This run has 200,001 events; Loopscope opens runs of up to 200,000 events, the most its recorder writes.'
		});
	});

	it('refuses more tasks than events', () => {
		const tasks = [0, 1, 2].map((id) => ({ ...minimal.tasks[0], id, parent: null }));
		const result = validateTrace({ ...minimal, tasks });
		expect(result).toMatchObject({
			ok: false,
			error: expect.stringMatching(/^This run lists 3 tasks but has only 2 events/)
		});
	});
});

describe('validateTrace: nesting', () => {
	// A value nested `levels` deep: [[[…]]].
	const nested = (levels: number): unknown => {
		let value: unknown = 0;
		for (let k = 0; k < levels; k++) value = [value];
		return value;
	};

	it('refuses an extra field nested 100,000 deep, naming where, without recursing', () => {
		const trace = structuredClone(minimal) as Record<string, unknown>;
		(trace.events as Record<string, unknown>[])[1].detail = nested(100_000);
		const result = validateTrace(trace);
		expect(result).toEqual({
			ok: false,
			error:
				'events[1].detail…: nested more than 100 levels deep; the recorder never nests its data that deep, so Loopscope does not open it.'
		});
	});

	it('accepts extra fields nested as deep as a recorder would', () => {
		const trace = structuredClone(minimal) as Record<string, unknown>;
		(trace.events as Record<string, unknown>[])[1].detail = nested(60);
		expect(validateTrace(trace).ok).toBe(true);
	});
});

describe('validateTrace: task references', () => {
	const twoTasks = () => {
		const trace = structuredClone(minimal) as unknown as Trace;
		trace.tasks.push({ ...trace.tasks[0], id: 1, parent: 0 });
		trace.events.push({ seq: 2, t: 0, kind: 'task_created', task: 1 });
		return trace;
	};
	const errorOf = (trace: Trace): string => {
		const result = validateTrace(trace);
		return result.ok ? 'valid' : result.error;
	};
	/** The error of {@link twoTasks} (as trace `version`) with `event` added as events[3], at t = 0. */
	const errorWith = (event: Unsequenced, version = 1): string => {
		const trace = { ...twoTasks(), version } as Trace;
		trace.events.push({ seq: 3, t: 0, ...event } as TraceEvent);
		return errorOf(trace);
	};

	it('accepts references to tasks that exist', () => {
		expect(errorOf(twoTasks())).toBe('valid');
	});

	it('names the first bad reference in what a task awaits', () => {
		expect(
			errorWith({
				kind: 'suspend',
				task: 0,
				line: 1,
				awaits: { kind: 'gather', label: 'gather', tasks: [1, 9] },
				chain: []
			})
		).toBe('events[3].awaits.tasks[1]: no task has id 9');
	});

	it('checks the ready queue and the timers a loop iteration lists', () => {
		const iteration = (ready: ReadyItem[], timers: Timer[]): Unsequenced => ({
			kind: 'loop_iteration',
			iteration: 0,
			ready,
			timers
		});
		const ready: ReadyItem[] = [
			{ task: null, label: 'cb', what: 'callback' },
			{ task: 4, label: 'Task-5.__step()', what: 'start' }
		];
		expect(errorWith(iteration(ready, []))).toBe('events[3].ready[1].task: no task has id 4');
		expect(errorWith(iteration([], [{ when: 1, task: 2, label: 'sleep' }]))).toBe(
			'events[3].timers[0].task: no task has id 2'
		);
	});

	it('checks the tasks a deadlock names', () => {
		const trace = twoTasks();
		trace.result = {
			status: 'deadlock',
			duration: 0,
			deadlock: [
				{ task: 1, awaits: null },
				{ task: 3, awaits: null }
			]
		};
		expect(errorOf(trace)).toBe('result.deadlock[1].task: no task has id 3');
		trace.result.deadlock = [{ task: 1, awaits: { kind: 'task', label: 'await t', tasks: [5] } }];
		expect(errorOf(trace)).toBe('result.deadlock[0].awaits.tasks[0]: no task has id 5');
	});

	it('checks the tasks v2 facts name: who cancels, what a step resumes from, a finished child', () => {
		const cases: [Unsequenced, string][] = [
			[{ kind: 'cancel', task: 1, by: 6, via: 'call', line: 2 }, 'events[3].by: no task has id 6'],
			[
				{
					kind: 'step_start',
					task: 0,
					first: false,
					line: 2,
					cause: { kind: 'awaited', outcome: 'result', task: 8 }
				},
				'events[3].cause.task: no task has id 8'
			],
			[
				{
					kind: 'loop_iteration',
					iteration: 0,
					ready: [{ task: 0, label: 'gather', what: 'child_done', child: 7, via: 'gather' }],
					timers: []
				},
				'events[3].ready[0].child: no task has id 7'
			]
		];
		for (const [event, error] of cases) expect(errorWith(event, 2)).toBe(error);
	});

	it('refuses parent chains that loop', () => {
		const trace = twoTasks();
		trace.tasks[0].parent = 1;
		expect(errorOf(trace)).toMatch(
			/^tasks\[0\]\.parent: the chain of parents loops back to task 0 \(0 → 1 → 0\)/
		);
		const self = twoTasks();
		self.tasks[1].parent = 1;
		expect(errorOf(self)).toMatch(
			/^tasks\[1\]\.parent: the chain of parents loops back to task 1 \(1 → 1\)/
		);
	});
});

describe('validateTrace: every string bounded before the schema', () => {
	const long = (n: number): string => 'x'.repeat(n);

	it('refuses a task name longer than the recorder writes, naming the field, size and limit', () => {
		const trace = structuredClone(minimal);
		trace.tasks[0].name = long(MAX_NAME_CHARS + 1);
		expect(validateTrace(trace)).toEqual({
			ok: false,
			error:
				'tasks[0].name: 1,001 characters long; Loopscope opens names and labels of up to 1,000 characters, the longest its recorder writes.'
		});
	});

	it('accepts names, messages and output at their limits', () => {
		const trace = structuredClone(minimal) as typeof minimal & { result: Record<string, unknown> };
		trace.tasks[0].name = long(MAX_NAME_CHARS);
		trace.tasks[0].coro = long(MAX_NAME_CHARS);
		trace.events[1].text = long(MAX_OUTPUT_CHARS);
		trace.result.message = long(MAX_MESSAGE_CHARS);
		expect(validateTrace(trace).ok).toBe(true);
	});

	it('bounds coroutine names, labels and exception types nested in events', () => {
		const trace = structuredClone(minimal) as { events: Record<string, unknown>[] };
		trace.events.push({
			seq: 2,
			t: 0,
			kind: 'suspend',
			task: 0,
			line: 1,
			awaits: { kind: 'other', label: 'ok' },
			chain: [{ coro: long(MAX_NAME_CHARS + 5), line: 1 }]
		});
		const result = validateTrace(trace);
		expect(result).toMatchObject({
			ok: false,
			error: expect.stringMatching(/^events\[2\]\.chain\[0\]\.coro: 1,005 characters long/)
		});
	});

	it('refuses an exception message over the message limit', () => {
		const trace = structuredClone(minimal) as typeof minimal & { result: Record<string, unknown> };
		trace.result = {
			status: 'error',
			duration: 0,
			error: { type: 'ValueError', message: long(MAX_MESSAGE_CHARS + 1), line: 1, traceback: [] }
		};
		expect(validateTrace(trace)).toMatchObject({
			ok: false,
			error: expect.stringMatching(
				/^result\.error\.message: 10,001 characters long; Loopscope opens messages and other text of up to 10,000/
			)
		});
	});

	it('bounds free fields the schema does not know, and strings in arrays', () => {
		const extra = { ...structuredClone(minimal), note: long(MAX_MESSAGE_CHARS + 1) };
		expect(validateTrace(extra)).toMatchObject({
			ok: false,
			error: expect.stringMatching(/^note: 10,001 characters long/)
		});
		const inArray = { ...structuredClone(minimal), notes: ['a', long(MAX_MESSAGE_CHARS + 1)] };
		expect(validateTrace(inArray)).toMatchObject({
			ok: false,
			error: expect.stringMatching(/^notes\[1\]: 10,001 characters long/)
		});
	});

	it('refuses a line of output over the output limit, and output that adds up past it', () => {
		const one = structuredClone(minimal);
		one.events[1].text = long(MAX_OUTPUT_CHARS + 1);
		expect(validateTrace(one)).toMatchObject({
			ok: false,
			error: expect.stringMatching(
				/^events\[1\]\.text: 1,000,001 characters long; .* output of up to 1,000,000/
			)
		});
		const many = structuredClone(minimal);
		for (let k = 0; k < 3; k++)
			many.events.push({
				seq: 2 + k,
				t: 0,
				kind: 'stdout',
				task: 0,
				text: long(MAX_OUTPUT_CHARS / 2)
			});
		expect(validateTrace(many)).toEqual({
			ok: false,
			error:
				"This run's output is more than 1,000,000 characters; Loopscope opens runs with up to 1,000,000 characters of output, the most its recorder writes."
		});
	});

	it('refuses a program longer than the source limit', () => {
		const trace = structuredClone(minimal);
		trace.source.code = long(MAX_SOURCE_CHARS + 1);
		expect(validateTrace(trace)).toMatchObject({
			ok: false,
			error: expect.stringMatching(
				/^source\.code: 1,000,001 characters long; Loopscope opens programs/
			)
		});
	});

	it('refuses more declared workers than events, before checking any of them', () => {
		const workers = new Array(300_000).fill(0);
		expect(validateTrace({ ...minimal, workers })).toEqual({
			ok: false,
			error:
				'This run declares 300,000 worker threads but has only 2 events: the recorder writes an event for every worker it starts, so it did not make this run.'
		});
	});

	describe('scope events (issue #20)', () => {
		// main() enters a TaskGroup, adds a task, and leaves it; a cancel names the group.
		const scoped = (events: Record<string, unknown>[]): Record<string, unknown> => ({
			...structuredClone(minimal),
			version: 2,
			tasks: [
				...minimal.tasks,
				{ id: 1, name: 'Task-2', coro: 'child', label: 'child()', parent: 0, line: 4 }
			],
			// Two task_created first (a trace has an event per task): the events under test
			// are events[2] on.
			events: [
				{ kind: 'task_created', task: 0 },
				{ kind: 'task_created', task: 1, parent: 0 },
				...events
			].map((event, seq) => ({ seq, t: 0, ...event }))
		});
		const enter = {
			kind: 'scope',
			op: 'enter',
			task: 0,
			scope: 0,
			scope_kind: 'taskgroup',
			line: 3
		};
		const add = { kind: 'scope', op: 'add', task: 0, scope: 0, child: 1, line: 4 };
		const cancel = { kind: 'cancel', task: 1, by: 0, via: 'taskgroup', line: null, scope: 0 };
		const exit = { kind: 'scope', op: 'exit', task: 0, scope: 0, line: 3, cancelling: 0 };
		const error = (events: Record<string, unknown>[]): string | null => {
			const result = validateTrace(scoped(events));
			return result.ok ? null : result.error;
		};

		it('accepts a scope entered, added to, named by a cancel, and left', () => {
			expect(error([enter, add, cancel, exit])).toBeNull();
			expect(
				error([
					{ kind: 'cancel_caught', task: 1, op: 'caught', line: 5, cancelling: 1 },
					{ kind: 'uncancel', task: 1, by: 1, cancelling: 0, line: 6 }
				])
			).toBeNull();
		});

		it('refuses a scope used before it is entered, entered twice, or left twice', () => {
			expect(error([add])).toBe('events[2].scope: no scope 0 was entered before this add');
			expect(error([cancel])).toBe('events[2].scope: no scope 0 was entered before this cancel');
			expect(error([enter, enter])).toBe('events[3].scope: scope 0 is entered twice');
			expect(error([enter, exit, exit])).toBe('events[4].scope: scope 0 was already left');
			expect(error([enter, exit, add])).toBe('events[4].scope: scope 0 was already left');
		});

		it('refuses an enter without its kind, and an add of a task that does not exist', () => {
			expect(error([{ ...enter, scope_kind: undefined }])).toBe(
				'events[2].scope_kind: entering a scope says what kind it is'
			);
			expect(error([enter, { ...add, child: 9 }])).toBe('events[3].child: no task has id 9');
			expect(error([enter, { ...add, child: undefined }])).toBe(
				'events[3].child: an add names the task it covers'
			);
		});

		it('refuses a kind, an op or a count the schema does not know', () => {
			expect(error([{ ...enter, scope_kind: 'nursery' }])).toMatch(/^events\[2\]\.scope_kind/);
			expect(error([{ ...enter, op: 'open' }])).toMatch(/^events\[2\]\.op/);
			expect(error([{ kind: 'uncancel', task: 1, by: 7, cancelling: 0, line: null }])).toBe(
				'events[2].by: no task has id 7'
			);
			expect(error([{ kind: 'uncancel', task: 1, by: null, cancelling: -1, line: null }])).toMatch(
				/^events\[2\]\.cancelling/
			);
		});
	});
});

describe('validateTrace: queues and locks (issue 20)', () => {
	const withLock = () => {
		const trace = structuredClone(minimal) as Record<string, unknown>;
		trace.version = 2;
		trace.tasks = [
			{ id: 0, name: 'Task-1', coro: 'main', label: 'main()', parent: null, line: 3 },
			{ id: 1, name: 'Task-2', coro: 'hold', label: 'hold()', parent: 0, line: 4 }
		];
		trace.primitives = [{ id: 0, kind: 'lock', name: 'lock', line: 2 }];
		trace.events = [
			{ seq: 0, t: 0, kind: 'task_created', task: 0 },
			{
				seq: 1,
				t: 0,
				kind: 'suspend',
				task: 0,
				line: 5,
				awaits: { kind: 'lock', label: 'async with lock' },
				chain: [],
				sync: [{ id: 0, locked: true, holder: 1, waiters: [0] }]
			}
		];
		return trace;
	};
	const syncOf = (trace: Record<string, unknown>) =>
		((trace.events as Record<string, unknown>[])[1].sync as Record<string, unknown>[])[0];

	it('accepts a lock held by one task and awaited by another; a trace without any stays valid', () => {
		const result = validateTrace(withLock());
		expect(result.ok).toBe(true);
		if (result.ok) expect(result.trace.primitives?.[0].name).toBe('lock');
		expect(validateTrace(structuredClone(minimal)).ok).toBe(true);
	});

	it('names a state of a primitive the table lacks, and tasks that do not exist', () => {
		const noPrimitive = withLock();
		syncOf(noPrimitive).id = 3;
		expect(validateTrace(noPrimitive)).toMatchObject({
			ok: false,
			error: 'events[1].sync[0].id: no primitive has id 3'
		});
		const noHolder = withLock();
		syncOf(noHolder).holder = 9;
		expect(validateTrace(noHolder)).toMatchObject({
			ok: false,
			error: 'events[1].sync[0].holder: no task has id 9'
		});
		const noWaiter = withLock();
		syncOf(noWaiter).waiters = [0, 7];
		expect(validateTrace(noWaiter)).toMatchObject({
			ok: false,
			error: 'events[1].sync[0].waiters[1]: no task has id 7'
		});
	});

	it('refuses more primitives, queue items or waiters than the recorder writes', () => {
		const many = withLock();
		many.primitives = Array.from({ length: 21 }, (_, id) => ({
			id,
			kind: 'event',
			name: 'e',
			line: 1
		}));
		expect(validateTrace(many)).toMatchObject({ ok: false });
		const items = withLock();
		syncOf(items).items = Array.from({ length: 9 }, () => "'x'");
		const result = validateTrace(items);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.error).toMatch(/^events\[1\]\.sync\[0\]\.items/);
		const misnumbered = withLock();
		(misnumbered.primitives as Record<string, unknown>[])[0].id = 0.5;
		expect(validateTrace(misnumbered).ok).toBe(false);
	});
});
