/**
 * Startup benchmarks (issue 18): how long a first visit waits for Python, and how long the
 * first Run takes to draw its timeline. Each figure is the median of fresh browser contexts
 * (empty cache, no service worker yet), printed against its target. Asserts only that Python
 * became ready and that the run came back.
 */
import os from 'node:os';
import { expect, test, type Browser, type Page } from '@playwright/test';

// BENCH_CONTEXTS=11 for a steadier median when comparing two builds.
const CONTEXTS = Number(process.env.BENCH_CONTEXTS ?? 5);
const READY_TARGET_MS = 2500;
const TIMELINE_TARGET_MS = 700;

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

// Notes, in the page's own clock (milliseconds since navigation started), when the runtime
// first says it is ready: polling from the test would add its own round trips.
const WATCH_READY = () => {
	const note = () => {
		if (document.querySelector('[data-runtime="ready"]')) {
			(window as unknown as { __readyAt?: number }).__readyAt ??= performance.now();
			return true;
		}
		return false;
	};
	new MutationObserver((_, observer) => {
		if (note()) observer.disconnect();
	}).observe(document, { subtree: true, childList: true, attributes: true });
};

/** Spans of a first visit: from one phase to the next, and what happens in between. */
const SPANS: [string, string, string][] = [
	['page html', 'page worker-created', 'the page, until it creates the Python worker'],
	['page worker-created', 'worker init', 'the worker, until it has its module and init'],
	['worker init', 'worker image-downloaded', "Pyodide's module, and the image downloaded"],
	['worker image-downloaded', 'worker image-unpacked', 'the image unpacked'],
	['worker image-unpacked', 'worker engine:Loading the recorder…', 'Pyodide started from it'],
	['worker engine:Loading the recorder…', 'worker engine:Ready', 'the recorder taken from it'],
	['worker engine:Ready', 'page ready', 'lockdown, and the page told'],
	['page html', 'page ready', 'in all, from the page received']
];

interface Visit {
	ready: number;
	timeline: number;
	/** When each phase of the load happened, in ms since navigation started (page's clock). */
	phases: Record<string, number>;
}

/** What a page or worker knows of its own timeline: user-timing marks and fetches. */
interface Timeline {
	origin: number;
	marks: [string, number][];
	fetches: [string, number, number][];
}

const READ_TIMELINE = (): Timeline => ({
	origin: performance.timeOrigin,
	marks: performance
		.getEntriesByType('mark')
		.filter((m) => m.name.startsWith('loopscope:'))
		.map((m) => [m.name.slice('loopscope:'.length), m.startTime]),
	fetches: (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
		.filter((r) => /pyodide|snapshot|python_stdlib|worker|immutable\/(entry|nodes)/.test(r.name))
		.map((r) => [r.name.slice(r.name.lastIndexOf('/') + 1), r.startTime, r.responseEnd])
});

/**
 * The page's and its Python worker's marks and fetches on the page's clock (the worker's own
 * starts when it is created): where a first visit's wait goes.
 */
async function phasesOf(page: Page): Promise<Record<string, number>> {
	const own = await page.evaluate(READ_TIMELINE);
	const phases: Record<string, number> = {};
	const add = ({ origin, marks, fetches }: Timeline, where: string) => {
		const shift = origin - own.origin;
		for (const [name, at] of marks) phases[`${where}${name}`] = at + shift;
		for (const [name, start, end] of fetches) {
			const file = name.replace(/[.-][\w-]{8}\.js$/, '.js');
			phases[`${where}fetch ${file}: start`] = start + shift;
			phases[`${where}fetch ${file}: end`] = end + shift;
		}
	};
	add(own, 'page ');
	const nav = await page.evaluate(() => {
		const [entry] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
		return { html: entry.responseEnd, domContentLoaded: entry.domContentLoadedEventEnd };
	});
	phases['page html'] = nav.html;
	phases['page DOMContentLoaded'] = nav.domContentLoaded;
	for (const worker of page.workers()) {
		// The Python worker starts from a blob: URL; the others (trace loader) are not ours here.
		if (!worker.url().startsWith('blob:')) continue;
		add(await worker.evaluate(READ_TIMELINE), 'worker ');
	}
	return phases;
}

async function firstVisit(browser: Browser): Promise<Visit> {
	// BENCH_SW=block: a visit without the service worker, whose install downloads Python again
	// beside the worker (to tell its share of the wait).
	const serviceWorkers = process.env.BENCH_SW === 'block' ? 'block' : 'allow';
	const context = await browser.newContext({ serviceWorkers });
	try {
		const page = await context.newPage();
		await page.addInitScript(WATCH_READY);
		await page.goto('./');
		await expect(page.locator('[data-runtime="ready"]')).toBeVisible({ timeout: 60_000 });
		const ready = await page.evaluate(() => (window as unknown as { __readyAt: number }).__readyAt);
		const phases = await phasesOf(page);
		phases['page ready'] = ready;
		// Run on the default example, from the click to the first frame painted after the run
		// is on screen (the button is idle again only once the new run is shown).
		const timeline = await page.evaluate(async () => {
			const button = [...document.querySelectorAll('button')].find(
				(b) => b.textContent?.trim() === 'Run'
			);
			if (!button) throw new Error('no Run button');
			const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
			const started = performance.now();
			button.click();
			await frame();
			while (button.disabled) await frame();
			// The timeline's canvas is drawn in the frame after the run is shown.
			await frame();
			return performance.now() - started;
		});
		await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeEnabled();
		await expect(page.locator('section.timeline canvas.segments').first()).toBeVisible();
		return { ready, timeline, phases };
	} finally {
		await context.close();
	}
}

test('Python ready on a first visit, and the first timeline', async ({ browser }) => {
	const visits: Visit[] = [];
	for (let i = 0; i < CONTEXTS; i++) visits.push(await firstVisit(browser));
	const ready = median(visits.map((v) => v.ready));
	const timeline = median(visits.map((v) => v.timeline));
	const list = (key: 'ready' | 'timeline') => visits.map((v) => v[key].toFixed(0)).join(', ');
	// Each phase's median over the visits that had it, in order: where the wait goes.
	const names = [...new Set(visits.flatMap((v) => Object.keys(v.phases)))];
	const phases = names
		.map((name) => {
			const times = visits.map((v) => v.phases[name]).filter((t) => t !== undefined);
			return { name, median: median(times), count: times.length };
		})
		.sort((a, b) => a.median - b.median)
		.map(({ name, median, count }) => {
			const of = count === CONTEXTS ? '' : ` (${count} of ${CONTEXTS})`;
			return `    ${median.toFixed(0).padStart(5)} ms  ${name}${of}`;
		});
	// The same as spans between phases (each visit's own difference, then the median): steadier
	// than the moments above on a loaded machine, and what an A/B of one phase should compare.
	const spans = SPANS.map(([from, to, what]) => {
		const each = visits.map((v) => v.phases[to] - v.phases[from]).filter((d) => Number.isFinite(d));
		return `    ${median(each).toFixed(0).padStart(5)} ms  ${what}`;
	});
	console.log(
		[
			`startup (load average ${os
				.loadavg()
				.map((x) => x.toFixed(2))
				.join(', ')} on ${os.cpus().length} CPUs):`,
			`  Python ready on a first visit: ${ready.toFixed(0)} ms (median of ${CONTEXTS}: ${list('ready')}); target ${READY_TARGET_MS} ms: ${ready <= READY_TARGET_MS ? 'met' : 'missed'}`,
			`  first timeline after Run: ${timeline.toFixed(0)} ms (median of ${CONTEXTS}: ${list('timeline')}); target ${TIMELINE_TARGET_MS} ms: ${timeline <= TIMELINE_TARGET_MS ? 'met' : 'missed'}`,
			'  a first visit, phase by phase (medians, ms since navigation):',
			...phases,
			"  spans (medians of each visit's own):",
			...spans
		].join('\n')
	);
	expect(visits).toHaveLength(CONTEXTS);
});
