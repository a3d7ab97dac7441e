import type { Page } from '@playwright/test';
import {
	createdTasksTrace,
	syntheticTrace,
	threadJobsTrace
} from '../src/lib/model/testing/synthetic';
import { encodeComparePermalink, encodePermalink } from '../src/lib/share/permalink';
import type { Trace } from '../src/lib/trace/schema';

/** Records every long task (over 50 ms) of the page's main thread from its first script. */
export async function watchLongTasks(page: Page): Promise<void> {
	await page.addInitScript(() => {
		const seen: { start: number; duration: number }[] = [];
		(window as unknown as { longTasks: typeof seen }).longTasks = seen;
		new PerformanceObserver((list) => {
			for (const entry of list.getEntries())
				seen.push({ start: entry.startTime, duration: entry.duration });
		}).observe({ type: 'longtask', buffered: true });
	});
}

/** Forgets the long tasks so far (those of loading the page itself). */
export async function resetLongTasks(page: Page): Promise<void> {
	await page.evaluate(() => {
		(window as unknown as { longTasks: unknown[] }).longTasks.length = 0;
	});
}

/**
 * The longest main-thread task so far, in ms (0 when none passed 50 ms): of all of them, or
 * only of those that began after the app had started (its `loopscope:started` mark).
 */
export async function longestTask(page: Page, after: 'all' | 'started' = 'all'): Promise<number> {
	return page.evaluate((after) => {
		const started = performance.getEntriesByName('loopscope:started')[0]?.startTime ?? 0;
		const tasks = (window as unknown as { longTasks: { start: number; duration: number }[] })
			.longTasks;
		const counted = after === 'all' ? tasks : tasks.filter((task) => task.start >= started);
		return Math.max(0, ...counted.map((task) => task.duration));
	}, after);
}

/** The page's JavaScript heap after a full garbage collection, in MB (Chromium, through CDP). */
export async function heapMegabytes(page: Page): Promise<number> {
	const session = await page.context().newCDPSession(page);
	await session.send('HeapProfiler.collectGarbage');
	const { usedSize } = await session.send('Runtime.getHeapUsage');
	await session.detach();
	return usedSize / 1024 / 1024;
}

/** A permalink fragment carrying `trace` whatever its length (the app itself stops at 8,000). */
export async function bigLink(trace: Trace): Promise<string> {
	const { fragment, traceIncluded } = await encodePermalink(
		{ code: trace.source.code, trace, cursor: 0, task: null, axis: 'time' },
		{ maxLength: Number.MAX_SAFE_INTEGER }
	);
	if (!traceIncluded) throw new Error('the trace was left out of the link');
	return fragment;
}

/** A trace file's text padded to `bytes` with trailing whitespace (valid JSON, as pretty-printed files carry). */
export function paddedTraceText(trace: Trace, bytes: number): string {
	const text = JSON.stringify(trace);
	return text + ' '.repeat(Math.max(0, bytes - text.length));
}

/** The hostile links of issue 16, each as it was made to freeze or crash the page. */
export interface HostileLink {
	/** What it is, for test titles and benchmark lines. */
	readonly name: string;
	readonly fragment: string;
	/** The run it carries, when Loopscope opens it: how many events the page then shows. */
	readonly events: number | null;
	/** What the page says when it refuses the run. */
	readonly refusal: string | null;
}

/** 100,000 `thread_start` events, none finished (330 kB; 35 s and 933 MB before). */
export async function threadJobsLink(): Promise<HostileLink> {
	const trace = threadJobsTrace(100_000);
	return {
		name: 'link of 100,000 thread_start events',
		fragment: await bigLink(trace),
		events: trace.events.length,
		refusal: null
	};
}

/** A job on each of 150,000 workers: as many worker lanes as Loopscope opens. */
export async function manyWorkersLink(): Promise<HostileLink> {
	const trace = threadJobsTrace(150_000, 150_000);
	return {
		name: 'link of a job on each of 150,000 workers',
		fragment: await bigLink(trace),
		events: trace.events.length,
		refusal: null
	};
}

/** A run that declares 300,000 workers ("Maximum call stack size exceeded" before). */
export async function declaredWorkersLink(): Promise<HostileLink> {
	const trace = threadJobsTrace(10);
	// One-letter names: about 1 MB of link, as the link in the issue was.
	trace.workers = Array.from({ length: 300_000 }, (_, id) => ({ id, name: 'w' }));
	return {
		name: 'link declaring 300,000 workers',
		fragment: await bigLink(trace),
		events: null,
		refusal: `This run declares 300,000 worker threads but has only ${trace.events.length} events`
	};
}

/** A task named with 15 MB (19.8 kB; froze the page 5.7 s, then 2–5 s per key). */
export async function longNameLink(): Promise<HostileLink> {
	const trace = createdTasksTrace(2);
	trace.tasks[1].name = 'x'.repeat(15_000_000);
	return {
		name: 'link of a task named with 15 MB',
		fragment: await bigLink(trace),
		events: null,
		refusal:
			'tasks[1].name: 15,000,000 characters long; Loopscope opens names and labels of up to 1,000 characters'
	};
}

/** A comparison of two runs of 100,000 `thread_start` events (661 kB; 125 s and 2.77 GB before). */
export async function threadJobsCompareLink(): Promise<HostileLink> {
	const trace = threadJobsTrace(100_000);
	const side = { code: trace.source.code, filename: 'main.py', trace };
	const { fragment, included } = await encodeComparePermalink(
		{ a: side, b: side, position: 0 },
		{ maxLength: Number.MAX_SAFE_INTEGER }
	);
	if (!included.a || !included.b) throw new Error('a run was left out of the link');
	return {
		name: 'comparison link of two runs of 100,000 thread_start events',
		fragment,
		events: trace.events.length,
		refusal: null
	};
}

/** A trace file of 95 MB whose output is one line (crashed the tab before). */
export function longOutputFile(): { text: string; refusal: string } {
	const trace = syntheticTrace({ events: 1_000 });
	const stdout = trace.events.find((event) => event.kind === 'stdout');
	if (stdout?.kind !== 'stdout') throw new Error('no output to lengthen');
	stdout.text += 'x'.repeat(95 * 1024 * 1024 - JSON.stringify(trace).length);
	return {
		text: JSON.stringify(trace),
		refusal: `events[${stdout.seq}].text: ${stdout.text.length.toLocaleString('en-US')} characters long; Loopscope opens output of up to 1,000,000 characters`
	};
}
