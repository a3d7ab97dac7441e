import type { Page } from '@playwright/test';
import { encodePermalink } from '../src/lib/trace/permalink';
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
