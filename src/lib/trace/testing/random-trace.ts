/**
 * A small seeded generator of schema-valid traces for property-style tests: every event kind,
 * optional fields present or not, extra (unknown) fields at every level, awkward strings and
 * floats. The traces are valid by the schema and the cross-reference checks, not meaningful runs.
 */
import {
	AwaitableSchema,
	CANCEL_VIA,
	OUTCOMES,
	READY_WHAT,
	type Awaitable,
	type Cause,
	type Trace,
	type TraceEvent,
	type TraceTask
} from '../schema';

/** A seeded pseudo-random source (mulberry32): the same seed gives the same trace. */
export class Random {
	#state: number;

	constructor(seed: number) {
		this.#state = seed >>> 0;
	}

	/** A float in [0, 1). */
	next(): number {
		this.#state = (this.#state + 0x6d2b79f5) >>> 0;
		let x = this.#state;
		x = Math.imul(x ^ (x >>> 15), x | 1);
		x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
		return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
	}

	/** An integer in [0, n). */
	int(n: number): number {
		return Math.floor(this.next() * n);
	}

	/** True with probability p. */
	chance(p: number): boolean {
		return this.next() < p;
	}

	/** One element of a non-empty list. */
	pick<T>(items: readonly T[]): T {
		return items[this.int(items.length)];
	}
}

const WORDS = [
	'fetch_user',
	'main',
	'Task-1',
	'asyncio.sleep(0.5)',
	'queue.get()',
	'',
	'héllo wörld',
	'emoji 🐍🚀',
	'quote " and \\ backslash',
	'<script>alert(1)</script>',
	'line\nbreak\ttab',
	'__proto__',
	'constructor',
	'零一二三',
	'a'.repeat(40)
];

const FLOATS = [0, 0.1, 0.2, 0.1 + 0.2, 0.5, 1 / 3, 1e-7, 2.5, 10, 123456.789, 1e6];

function text(random: Random): string {
	return random.chance(0.2) ? `${random.pick(WORDS)}${random.int(1000)}` : random.pick(WORDS);
}

function maybeNull<T>(random: Random, value: () => T): T | null {
	return random.chance(0.2) ? null : value();
}

// Unknown fields a newer recorder might add: they must survive every round trip.
function extras(random: Random): Record<string, unknown> {
	if (!random.chance(0.15)) return {};
	const pool: Record<string, unknown>[] = [
		{ note: text(random) },
		{ depth: random.int(5), flags: [true, false, null] },
		{ nested: { a: [1, 'two', { three: 3 }], b: null } },
		// An own `__proto__` key, as JSON.parse makes it: must not reach any prototype.
		JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>
	];
	return random.pick(pool);
}

function awaitable(random: Random, taskCount: number, time: number): Awaitable {
	const kind = random.pick(AwaitableSchema.shape.kind.options);
	const value: Awaitable = { kind, label: text(random), ...extras(random) };
	if (random.chance(0.5))
		value.tasks = Array.from({ length: random.int(4) }, () => random.int(taskCount));
	if (random.chance(0.5)) value.until = time + random.pick(FLOATS);
	if (random.chance(0.2)) value.worker = random.int(3);
	return value;
}

function cause(random: Random, taskCount: number): Cause {
	const value: Cause = {
		kind: random.pick(['start', 'yield', 'awaited', 'cancel'] as const),
		...extras(random)
	};
	if (random.chance(0.5)) value.outcome = random.pick(OUTCOMES);
	if (random.chance(0.4)) value.task = random.int(taskCount);
	if (random.chance(0.3)) value.value = text(random);
	if (random.chance(0.3)) value.error = { type: text(random), message: text(random) };
	if (random.chance(0.3)) value.by = maybeNull(random, () => random.int(taskCount));
	if (random.chance(0.3)) value.via = random.pick(CANCEL_VIA);
	return value;
}

function event(random: Random, seq: number, t: number, taskCount: number): TraceEvent {
	const task = (): number => random.int(taskCount);
	const line = (): number | null => maybeNull(random, () => random.int(200));
	const base = { seq, t, ...extras(random) };
	switch (random.int(15)) {
		case 0:
			return { ...base, kind: 'task_created', task: task() };
		case 1:
			return {
				...base,
				kind: 'loop_iteration',
				iteration: random.int(1000),
				ready: Array.from({ length: random.int(4) }, () => ({
					task: maybeNull(random, task),
					label: text(random),
					what: random.pick(READY_WHAT),
					...extras(random)
				})),
				timers: Array.from({ length: random.int(3) }, () => ({
					when: t + random.pick(FLOATS),
					task: maybeNull(random, task),
					label: text(random),
					...extras(random)
				}))
			};
		case 2:
			return {
				...base,
				kind: 'step_start',
				task: task(),
				first: random.chance(0.5),
				line: line(),
				cause: cause(random, taskCount)
			};
		case 3:
			return {
				...base,
				kind: 'suspend',
				task: task(),
				line: line(),
				awaits: awaitable(random, taskCount, t),
				chain: Array.from({ length: random.int(3) }, () => ({
					coro: text(random),
					line: line(),
					...extras(random)
				}))
			};
		case 4: {
			const done: TraceEvent = {
				...base,
				kind: 'task_done',
				task: task(),
				outcome: random.pick(['result', 'exception', 'cancelled'] as const),
				line: line()
			};
			if (random.chance(0.5)) done.value = text(random);
			if (random.chance(0.3)) done.error = { type: 'ValueError', message: text(random) };
			return done;
		}
		case 5:
			return {
				...base,
				kind: 'coro_call',
				task: maybeNull(random, task),
				coro: text(random),
				line: line()
			};
		case 6:
			return {
				...base,
				kind: 'coro_return',
				task: maybeNull(random, task),
				coro: text(random),
				line: line()
			};
		case 7:
			return { ...base, kind: 'line', task: maybeNull(random, task), line: random.int(200) };
		case 8: {
			const out: TraceEvent = {
				...base,
				kind: 'stdout',
				task: maybeNull(random, task),
				text: text(random)
			};
			if (random.chance(0.3)) out.stream = random.pick(['stdout', 'stderr'] as const);
			return out;
		}
		case 9:
			return {
				...base,
				kind: 'blocking',
				task: maybeNull(random, task),
				duration: random.pick(FLOATS),
				label: text(random),
				line: line()
			};
		case 10:
			return { ...base, kind: 'callback', label: text(random), line: line() };
		case 11:
		case 12:
			return {
				...base,
				kind: random.chance(0.5) ? 'thread_start' : 'thread_end',
				worker: random.int(3),
				task: maybeNull(random, task),
				label: text(random)
			};
		case 13:
			return {
				...base,
				kind: 'cancel',
				task: task(),
				by: maybeNull(random, task),
				via: random.pick(CANCEL_VIA),
				line: line()
			};
		default:
			return {
				...base,
				kind: 'warning',
				task: maybeNull(random, task),
				category: random.pick(['never_awaited', 'blocking', 'other'] as const),
				message: text(random),
				line: line()
			};
	}
}

/** Options for {@link randomTrace}. */
export interface RandomTraceOptions {
	/** Upper bound on the number of events (default 80). */
	maxEvents?: number;
	/** Upper bound on the number of tasks (default 6). */
	maxTasks?: number;
}

/** A schema-valid trace drawn from `seed`. */
export function randomTrace(seed: number, options: RandomTraceOptions = {}): Trace {
	const random = new Random(seed);
	const taskCount = 1 + random.int(options.maxTasks ?? 6);
	const tasks: TraceTask[] = Array.from({ length: taskCount }, (_, id) => ({
		id,
		name: random.chance(0.8) ? `Task-${id + 1}` : text(random),
		coro: text(random),
		label: text(random),
		parent: id === 0 || random.chance(0.2) ? null : random.int(id),
		line: maybeNull(random, () => random.int(200)),
		...extras(random)
	}));
	// The recorder writes an event for every task it creates: never fewer events than tasks.
	const eventCount = Math.max(taskCount, random.int((options.maxEvents ?? 80) + 1));
	const events: TraceEvent[] = [];
	let t = 0;
	for (let seq = 0; seq < eventCount; seq++) {
		if (random.chance(0.3)) t += random.pick(FLOATS);
		events.push(event(random, seq, t, taskCount));
	}
	const status = random.pick(['ok', 'error', 'limit', 'deadlock', 'timeout'] as const);
	const trace: Trace = {
		format: 'loopscope-trace',
		version: 2,
		source: {
			filename: random.chance(0.8) ? 'main.py' : text(random),
			code: random.chance(0.1) ? '' : `${text(random)}\nprint(${JSON.stringify(text(random))})\n`,
			...extras(random)
		},
		meta: {
			python: '3.14.0',
			pyodide: random.chance(0.5) ? '314.0.7' : null,
			recorder: '0.1.0',
			...extras(random)
		},
		tasks,
		workers: random.chance(0.3) ? [{ id: 0, name: 'worker-0' }] : [],
		events,
		result: { status, duration: t, ...extras(random) },
		...extras(random)
	};
	if (status !== 'ok') trace.result.message = text(random);
	if (status === 'error')
		trace.result.error = {
			type: 'RuntimeError',
			message: text(random),
			line: maybeNull(random, () => random.int(200)),
			traceback: [{ name: 'main', line: random.int(200) }]
		};
	return trace;
}
