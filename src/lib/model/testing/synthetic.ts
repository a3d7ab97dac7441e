/**
 * Big synthetic traces for the benchmark and for seek-consistency tests: a small
 * simulation of CPython's loop (FIFO ready queue, timers by deadline then by order set,
 * a sleep's wake-up and gather's done-callbacks as plain callbacks) running workers that
 * print, sleep, yield and now and then block, all gathered by main.
 */
import type { Trace } from '../../trace/schema';
import { sleepOn, TraceBuilder } from './fixtures';

/** The program the synthetic trace pretends to have recorded. */
export const SYNTHETIC_SOURCE = `import asyncio
import random
import time


async def worker(n):
    for i in range(random.randint(5, 50)):
        print(f"worker {n} step {i}")
        if random.random() < 0.02:
            time.sleep(0.01)
        await asyncio.sleep(random.choice([0, 0.1, 0.25, 1]))
    return n


async def main():
    await asyncio.gather(*(worker(n) for n in range(WORKERS)))


asyncio.run(main())
`;

/** Options of {@link syntheticTrace}. */
export interface SyntheticOptions {
	/** Exactly this many events (the run is cut short with status `limit` if it has more). */
	events: number;
	/** Workers gathered by main (default 50). */
	workers?: number;
	/** Mean rounds per worker (default: enough for the run to outlast `events`). */
	rounds?: number;
	/** Seed of the deterministic random choices. */
	seed?: number;
}

/** A deterministic pseudo-random generator (mulberry32), so traces repeat exactly. */
function random(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let x = state;
		x = Math.imul(x ^ (x >>> 15), x | 1);
		x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
		return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
	};
}

type Item = { task: number } | { callback: string; wakes: number | null };

/** A valid trace of exactly `options.events` events (fewer only if the run ends first). */
export function syntheticTrace(options: SyntheticOptions): Trace {
	const target = options.events;
	const rand = random(options.seed ?? 1);
	const b = new TraceBuilder(SYNTHETIC_SOURCE);
	const main = b.task('main()', null, 19);
	const ready: Item[] = [{ task: main }];
	const timers: { when: number; order: number; task: number }[] = [];
	const rounds = new Map<number, number>();
	const workers: number[] = [];
	let order = 0;
	let pendingChildren = 0;
	let now = 0;
	const workerCount = options.workers ?? 50;
	// About 8 events per round: enough rounds that the run outlasts the target.
	const meanRounds = options.rounds ?? Math.max(5, Math.ceil(target / (workerCount * 8)));

	const step = (task: number): void => {
		b.at(now);
		if (task === main) {
			if (!workers.length) {
				b.start(main, 15).line(main, 16);
				for (let n = 0; n < workerCount; n++) {
					const id = b.task(`worker(${n})`, main, 16);
					workers.push(id);
					rounds.set(id, Math.ceil(meanRounds * (0.5 + rand())));
					ready.push({ task: id });
				}
				pendingChildren = workers.length;
				b.suspend(main, 16, {
					kind: 'gather',
					label: 'asyncio.gather(*(worker(n) for n in range(WORKERS)))',
					tasks: workers
				});
			} else {
				b.start(main, 16).done(main, 16, '[...]');
			}
			return;
		}
		b.start(task, 7)
			.line(task, 7)
			.line(task, 8)
			.print(task, `worker ${task - 1} step\n`)
			.line(task, 9);
		if (rand() < 0.02) {
			b.line(task, 10).block(task, 10, 0.01, 'time.sleep(0.01)');
			now = b.now;
		}
		b.line(task, 11);
		const left = (rounds.get(task) ?? 0) - 1;
		rounds.set(task, left);
		if (left <= 0) {
			b.line(task, 12).done(task, 12, String(task - 1));
			ready.push({
				callback: 'gather._done_callback',
				wakes: --pendingChildren === 0 ? main : null
			});
			return;
		}
		const seconds = [0, 0.1, 0.25, 1][Math.floor(rand() * 4)];
		if (seconds === 0) {
			b.suspend(task, 11, { kind: 'yield', label: 'asyncio.sleep(0)' });
			ready.push({ task });
		} else {
			const when = now + seconds;
			b.suspend(task, 11, sleepOn(seconds, when));
			timers.push({ when, order: order++, task });
			timers.sort((x, y) => x.when - y.when || x.order - y.order);
		}
	};

	while (b.size < target) {
		if (!ready.length) {
			if (!timers.length) break;
			now = Math.max(now, timers[0].when);
		}
		while (timers.length && timers[0].when <= now) {
			const timer = timers.shift();
			if (timer)
				ready.push({ callback: `sleep timer of Task-${timer.task + 1}`, wakes: timer.task });
		}
		b.at(now).iteration(
			ready.map((item) => ('task' in item ? item.task : item.callback)),
			timers.map((timer) => ({ when: timer.when, task: timer.task, label: 'asyncio.sleep' }))
		);
		// Like CPython, run only what was ready when the iteration began.
		for (const item of ready.splice(0, ready.length)) {
			if (b.size >= target) break;
			if ('task' in item) step(item.task);
			else {
				b.at(now).callback(item.callback);
				if (item.wakes !== null) ready.push({ task: item.wakes });
			}
		}
	}
	const trace = b.build({ duration: now });
	if (trace.events.length <= target) return trace;
	return {
		...trace,
		events: trace.events.slice(0, target),
		result: {
			status: 'limit',
			duration: trace.events[target - 1].t,
			limit: { kind: 'events' }
		}
	};
}

/** The program {@link manyTasksTrace} pretends to have recorded. */
export const MANY_TASKS_SOURCE = `import asyncio


async def job(i):
    await asyncio.sleep(0.001 * (i % 10))
    return i


async def main():
    await asyncio.gather(*(job(i) for i in range(TASKS)))


asyncio.run(main())
`;

/**
 * A run with `tasks` tasks gathered by main, each sleeping once, shaped as the recorder
 * records it (five events per task, loop_iteration lists cut to their first 50 entries):
 * the case where a copy of every task state per checkpoint cost gigabytes.
 */
export function manyTasksTrace(tasks: number): Trace {
	const b = new TraceBuilder(MANY_TASKS_SOURCE);
	const LISTED = 50;
	const main = b.task('main()', null, 13);
	b.iteration([main]).start(main, 9);
	const jobs = Array.from({ length: tasks }, (_, i) => b.task(`job(${i})`, main, 10));
	b.suspend(main, 10, {
		kind: 'gather',
		label: 'asyncio.gather(*(job(i) for i in range(TASKS)))',
		tasks: jobs
	});
	const sleeps = jobs.map((task, i) => ({ task, seconds: 0.001 * (i % 10) }));
	b.iteration(jobs.slice(0, LISTED));
	for (const { task, seconds } of sleeps) {
		b.start(task, 4);
		if (seconds === 0) b.suspend(task, 4, { kind: 'yield', label: 'asyncio.sleep(0)' });
		else b.suspend(task, 4, sleepOn(seconds, seconds));
	}
	// Wake-ups in deadline order, then in the order the timers were set.
	const order = [...sleeps].sort((x, y) => x.seconds - y.seconds);
	for (let k = 0; k < order.length; k += LISTED) {
		const batch = order.slice(k, k + LISTED);
		b.at(batch[0].seconds).iteration(batch.map(({ task }) => task));
		for (const { task, seconds } of batch)
			b.at(seconds)
				.start(task, 4)
				.done(task, 5, String(task - 1));
	}
	b.iteration([main]).start(main, 10).done(main, 10, '[...]');
	return b.build();
}

/**
 * A run whose main task creates `tasks` tasks in one step and ends: one event per task, so a
 * link of 100,000 tasks packs into a few tens of kilobytes. The case where copying every task
 * state at every checkpoint took 1.6 GB.
 */
export function createdTasksTrace(tasks: number): Trace {
	const b = new TraceBuilder(MANY_TASKS_SOURCE);
	const main = b.task('main()', null, 13);
	b.iteration([main]).start(main, 9);
	for (let i = 0; i < tasks; i++) b.task(`job(${i})`, main, 10);
	b.done(main, 10, 'None');
	return b.build();
}

const THREADS_SOURCE = `import asyncio
import time


async def main():
    for i in range(JOBS):
        asyncio.get_running_loop().run_in_executor(None, time.sleep, 1)


asyncio.run(main())
`;

/**
 * A run whose main task hands `jobs` jobs to worker threads in one step and ends before any
 * finishes: one `thread_start` event per job, spread round-robin over `workers` workers (one
 * lane each). The hostile links' shapes: 100,000 jobs on one worker (the replay copied the
 * threads at work per event), or a worker per job (lanes were laid out in quadratic time).
 */
export function threadJobsTrace(jobs: number, workers = 1): Trace {
	const b = new TraceBuilder(THREADS_SOURCE);
	const main = b.task('main()', null, 10);
	b.iteration([main]).start(main, 5);
	for (let i = 0; i < jobs; i++) b.threadStart(i % workers, main, 'time.sleep(1)');
	b.done(main, 7, 'None');
	return b.build();
}
