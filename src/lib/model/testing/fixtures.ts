/**
 * Hand-built traces for tests (and for the UI's component tests). They are written in the
 * v1 schema, as the oldest traces in files and links are, and `build()` migrates them to
 * v2 exactly as opening such a file does: so they test the migration path. Facts about
 * real runs are pinned by the traces recorded from real programs (recorded-fixtures.ts).
 */
import { migrateTrace } from '../../trace/migrate';
import {
	TraceSchema,
	type Awaitable,
	type Frame,
	type RunResult,
	type Timer,
	type Trace,
	type TraceEvent,
	type TraceTask
} from '../../trace/schema';

/** An event as a v1 trace has it (no v2 fields); build() migrates it. */
type V1Event = { seq: number; t: number; kind: TraceEvent['kind']; [key: string]: unknown };
/** A ready-queue entry as a v1 trace has it. */
type V1ReadyItem = { task: number | null; label: string; [key: string]: unknown };

/** A tiny trace builder: events get `seq` and the current virtual time automatically. */
export class TraceBuilder {
	readonly #code: string;
	readonly #events: V1Event[] = [];
	readonly #tasks: TraceTask[] = [];
	readonly #started = new Set<number>();
	readonly #workers: { id: number; name: string }[] = [];
	readonly #workerIds = new Set<number>();
	#t = 0;
	#iteration = 0;

	constructor(code: string) {
		this.#code = code;
	}

	get #seq(): number {
		return this.#events.length;
	}

	/** Events so far. */
	get size(): number {
		return this.#events.length;
	}

	/** The current virtual time. */
	get now(): number {
		return this.#t;
	}

	#push(event: V1Event): this {
		this.#events.push(event);
		return this;
	}

	/** Sets the virtual time of the following events. */
	at(t: number): this {
		this.#t = t;
		return this;
	}

	/** Declares a task and emits its task_created; returns its id. */
	task(label: string, parent: number | null, line: number | null, name?: string): number {
		const id = this.#tasks.length;
		this.#tasks.push({
			id,
			name: name ?? `Task-${id + 1}`,
			coro: label.replace(/\(.*$/, ''),
			label,
			parent,
			line
		});
		this.#push({ seq: this.#seq, t: this.#t, kind: 'task_created', task: id });
		return id;
	}

	/**
	 * A loop iteration; numbers in `ready` are task steps (labelled as the recorder does),
	 * strings plain callbacks, objects taken as they are.
	 */
	iteration(ready: (number | string | V1ReadyItem)[], timers: Timer[] = []): this {
		const items: V1ReadyItem[] = ready.map((item) =>
			typeof item === 'number'
				? {
						task: item,
						label: `${this.#tasks[item].name}.${this.#started.has(item) ? '__wakeup' : '__step'}()`
					}
				: typeof item === 'string'
					? { task: null, label: item }
					: item
		);
		return this.#push({
			seq: this.#seq,
			t: this.#t,
			kind: 'loop_iteration',
			iteration: this.#iteration++,
			ready: items,
			timers
		});
	}

	/** A step of `task` starts (the first one if it never ran). */
	start(task: number, line: number | null): this {
		const first = !this.#started.has(task);
		this.#started.add(task);
		return this.#push({ seq: this.#seq, t: this.#t, kind: 'step_start', task, first, line });
	}

	line(task: number | null, line: number): this {
		return this.#push({ seq: this.#seq, t: this.#t, kind: 'line', task, line });
	}

	print(task: number | null, text: string, stream?: 'stdout' | 'stderr'): this {
		return this.#push({
			seq: this.#seq,
			t: this.#t,
			kind: 'stdout',
			task,
			text,
			...(stream ? { stream } : {})
		});
	}

	suspend(task: number, line: number | null, awaits: Awaitable, chain?: Frame[]): this {
		const coro = this.#tasks[task].coro;
		return this.#push({
			seq: this.#seq,
			t: this.#t,
			kind: 'suspend',
			task,
			line,
			awaits,
			chain: chain ?? [{ coro, line }]
		});
	}

	done(task: number, line: number | null, value?: string): this {
		return this.#push({
			seq: this.#seq,
			t: this.#t,
			kind: 'task_done',
			task,
			outcome: 'result',
			line,
			...(value !== undefined ? { value } : {})
		});
	}

	fail(task: number, line: number | null, type: string, message: string): this {
		return this.#push({
			seq: this.#seq,
			t: this.#t,
			kind: 'task_done',
			task,
			outcome: 'exception',
			error: { type, message },
			line
		});
	}

	cancel(task: number, line: number | null): this {
		return this.#push({
			seq: this.#seq,
			t: this.#t,
			kind: 'task_done',
			task,
			outcome: 'cancelled',
			line
		});
	}

	callback(label: string, line: number | null = null): this {
		return this.#push({ seq: this.#seq, t: this.#t, kind: 'callback', label, line });
	}

	/** A blocking call: emitted when it starts; the following events come `duration` later. */
	block(task: number | null, line: number | null, duration: number, label: string): this {
		this.#push({ seq: this.#seq, t: this.#t, kind: 'blocking', task, duration, label, line });
		this.#t += duration;
		return this;
	}

	coroCall(task: number | null, coro: string, line: number | null): this {
		return this.#push({ seq: this.#seq, t: this.#t, kind: 'coro_call', task, coro, line });
	}

	coroReturn(task: number | null, coro: string, line: number | null): this {
		return this.#push({ seq: this.#seq, t: this.#t, kind: 'coro_return', task, coro, line });
	}

	threadStart(worker: number, task: number | null, label: string): this {
		if (!this.#workerIds.has(worker)) {
			this.#workerIds.add(worker);
			this.#workers.push({ id: worker, name: `asyncio_${worker}` });
		}
		return this.#push({ seq: this.#seq, t: this.#t, kind: 'thread_start', worker, task, label });
	}

	threadEnd(worker: number, task: number | null, label: string): this {
		return this.#push({ seq: this.#seq, t: this.#t, kind: 'thread_end', worker, task, label });
	}

	warn(
		task: number | null,
		category: 'never_awaited' | 'blocking' | 'version_change' | 'other',
		message: string,
		line: number | null
	): this {
		return this.#push({
			seq: this.#seq,
			t: this.#t,
			kind: 'warning',
			task,
			category,
			message,
			line
		});
	}

	/** The finished trace; `result` defaults to ok at the current time. */
	build(result: Partial<RunResult> = {}): Trace {
		return TraceSchema.parse(
			migrateTrace({
				format: 'loopscope-trace',
				version: 1,
				source: { filename: 'main.py', code: this.#code },
				meta: { python: '3.14.0', pyodide: null, recorder: 'fixture' },
				tasks: this.#tasks,
				workers: this.#workers,
				events: this.#events,
				result: { status: 'ok', duration: this.#t, ...result }
			})
		);
	}
}

/** asyncio.sleep(d) as the recorder describes it, with its deadline. */
export function sleepOn(seconds: number, until: number): Awaitable {
	return { kind: 'sleep', label: `asyncio.sleep(${seconds})`, until };
}

/** The callback that ends an asyncio.sleep when its timer fires (as the recorder labels it). */
export const SLEEP_DONE = 'futures._set_result_unless_cancelled()';

/** The tutorial's program: three fetches gathered, each sleeping 0.5 s; 0.5 s in all. */
export const GET_USERS_BATCH = `import asyncio


async def fetch_user(user_id):
    print(f"Fetching user {user_id}...")
    await asyncio.sleep(0.5)
    return {"id": user_id, "name": f"User {user_id}"}


async def get_users_batch():
    users = await asyncio.gather(fetch_user(1), fetch_user(2), fetch_user(3))
    print(f"Got {len(users)} users")
    return users


asyncio.run(get_users_batch())
`;

/**
 * The recorded run of {@link GET_USERS_BATCH}, event by event as CPython schedules it:
 *
 * -  0     asyncio.run creates Task-1 (main)
 * -  1     iteration 0: main starts, gather creates Task-2..4, main suspends on the gather (seq 7)
 * -  8     iteration 1: each fetch prints and sleeps 0.5 s (suspends at 13, 18, 23)
 * - 24     iteration 2: time jumps to 0.5; the three timer callbacks run (25..27)
 * - 28     iteration 3: the fetches resume and return (done at 31, 34, 37)
 * - 38     iteration 4: gather's done-callbacks run; the last one wakes main
 * - 42     iteration 5: main resumes, prints, returns (47)
 */
export function getUsersBatch(): Trace {
	const b = new TraceBuilder(GET_USERS_BATCH);
	const main = b.task('get_users_batch()', null, 16);
	b.iteration([main]).start(main, 10).line(main, 11);
	const fetches = [1, 2, 3].map((n) => b.task(`fetch_user(${n})`, main, 11));
	b.suspend(main, 11, {
		kind: 'gather',
		label: 'asyncio.gather(fetch_user(1), fetch_user(2), fetch_user(3))',
		tasks: fetches
	});
	b.iteration(fetches);
	const timers: Timer[] = [];
	fetches.forEach((task, k) => {
		b.start(task, 4)
			.line(task, 5)
			.print(task, `Fetching user ${k + 1}...\n`)
			.line(task, 6)
			.suspend(task, 6, sleepOn(0.5, 0.5));
		timers.push({ when: 0.5, task, label: 'asyncio.sleep(0.5)' });
	});
	// The recorder attributes a sleep's timer callback to the sleeping task.
	const wake = (task: number): V1ReadyItem => ({ task, label: SLEEP_DONE });
	b.at(0.5).iteration(fetches.map(wake));
	for (let k = 0; k < fetches.length; k++) b.callback(SLEEP_DONE);
	b.iteration(fetches);
	fetches.forEach((task, k) => {
		b.start(task, 6)
			.line(task, 7)
			.done(task, 7, `{'id': ${k + 1}, 'name': 'User ${k + 1}'}`);
	});
	b.iteration(['gather._done_callback', 'gather._done_callback', 'gather._done_callback']);
	b.callback('gather._done_callback').callback('gather._done_callback');
	b.callback('gather._done_callback');
	b.iteration([main]).start(main, 11).line(main, 12).print(main, 'Got 3 users\n').line(main, 13);
	b.done(
		main,
		13,
		"[{'id': 1, 'name': 'User 1'}, {'id': 2, 'name': 'User 2'}, {'id': 3, 'name': 'User 3'}]"
	);
	return b.build({ duration: 0.5 });
}

/** A program in which one task blocks the loop with time.sleep while another waits. */
export const BLOCKING = `import asyncio
import time


async def ticker():
    await asyncio.sleep(0.1)
    print("tick")


async def sleeper():
    time.sleep(1)
    print("woke")


async def main():
    await asyncio.gather(ticker(), sleeper())


asyncio.run(main())
`;

/** {@link BLOCKING} recorded: the ticker's 0.1 s timer fires late, at 1 s. */
export function blockingSleep(): Trace {
	const b = new TraceBuilder(BLOCKING);
	const main = b.task('main()', null, 19);
	b.iteration([main]).start(main, 15).line(main, 16);
	const ticker = b.task('ticker()', main, 16);
	const sleeper = b.task('sleeper()', main, 16);
	b.suspend(main, 16, {
		kind: 'gather',
		label: 'asyncio.gather(ticker(), sleeper())',
		tasks: [ticker, sleeper]
	});
	b.iteration([ticker, sleeper]);
	b.start(ticker, 5).line(ticker, 6).suspend(ticker, 6, sleepOn(0.1, 0.1));
	b.start(sleeper, 10).line(sleeper, 11).block(sleeper, 11, 1, 'time.sleep(1)');
	b.warn(sleeper, 'blocking', 'time.sleep() blocks the event loop', 11);
	b.line(sleeper, 12).print(sleeper, 'woke\n').done(sleeper, 12);
	b.iteration(['gather._done_callback', { task: ticker, label: SLEEP_DONE }]);
	b.callback('gather._done_callback').callback(SLEEP_DONE);
	b.iteration([ticker]).start(ticker, 6).line(ticker, 7).print(ticker, 'tick\n').done(ticker, 7);
	b.iteration(['gather._done_callback']).callback('gather._done_callback');
	b.iteration([main]).start(main, 16).done(main, 16, '[None, None]');
	return b.build();
}

/** A program that awaits a task directly and hands work to a thread. */
export const AWAIT_AND_THREAD = `import asyncio


def crunch(n):
    return sum(range(n))


async def child():
    await asyncio.sleep(0)
    return await asyncio.to_thread(crunch, 10)


async def main():
    task = asyncio.create_task(child())
    result = await task
    print(result)


asyncio.run(main())
`;

/**
 * {@link AWAIT_AND_THREAD} recorded: main awaits Task-2 (a `task` await, woken directly by
 * the task's end), the child yields once with sleep(0), then waits on worker thread 0.
 */
export function awaitAndThread(): Trace {
	const b = new TraceBuilder(AWAIT_AND_THREAD);
	const main = b.task('main()', null, 19);
	b.iteration([main]).start(main, 13).line(main, 14);
	const child = b.task('child()', main, 14);
	b.line(main, 15).suspend(main, 15, { kind: 'task', label: 'Task-2', tasks: [child] });
	b.iteration([child]).start(child, 8).line(child, 9);
	b.suspend(child, 9, { kind: 'yield', label: 'asyncio.sleep(0)' });
	b.iteration([child]).start(child, 9).line(child, 10);
	b.coroCall(child, 'to_thread', 10);
	b.threadStart(0, child, 'crunch(10)');
	b.suspend(child, 10, { kind: 'thread', label: 'asyncio.to_thread(crunch, 10)', worker: 0 });
	b.iteration([], []);
	b.threadEnd(0, child, 'crunch(10)');
	b.iteration(['future._call_set_state']).callback('future._call_set_state');
	b.iteration([child]).start(child, 10).coroReturn(child, 'to_thread', 10).done(child, 10, '45');
	b.iteration([main]).start(main, 15).line(main, 16).print(main, '45\n').done(main, 16, 'None');
	return b.build();
}

/** A program that never finishes: main waits on an event nobody sets. */
export const DEADLOCK = `import asyncio


async def main():
    ready = asyncio.Event()
    await ready.wait()


asyncio.run(main())
`;

/** {@link DEADLOCK} recorded, ending with status deadlock. */
export function deadlock(): Trace {
	const b = new TraceBuilder(DEADLOCK);
	const main = b.task('main()', null, 9);
	b.iteration([main]).start(main, 4).line(main, 5).line(main, 6);
	const awaits: Awaitable = { kind: 'event', label: 'ready.wait()' };
	b.suspend(main, 6, awaits);
	b.iteration([], []);
	return b.build({ status: 'deadlock', deadlock: [{ task: main, awaits }] });
}

/** A program whose task raises. */
export const FAILING = `import asyncio
import sys


async def main():
    print("dividing", file=sys.stderr)
    return 1 / 0


asyncio.run(main())
`;

/** {@link FAILING} recorded, ending with status error. */
export function failing(): Trace {
	const b = new TraceBuilder(FAILING);
	const main = b.task('main()', null, 10);
	b.iteration([main]).start(main, 5).line(main, 6).print(main, 'divid', 'stderr');
	b.print(main, 'ing\n', 'stderr')
		.line(main, 7)
		.fail(main, 7, 'ZeroDivisionError', 'division by zero');
	return b.build({
		status: 'error',
		error: {
			type: 'ZeroDivisionError',
			message: 'division by zero',
			line: 7,
			traceback: [{ name: 'main', line: 7 }]
		}
	});
}

/** Every recorded trace above, by name (for tests that check all of them). */
export const FIXTURES: Record<string, () => Trace> = {
	getUsersBatch,
	blockingSleep,
	awaitAndThread,
	deadlock,
	failing
};
