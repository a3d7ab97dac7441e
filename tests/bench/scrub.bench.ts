/**
 * Scrub benchmark: frame times in Chromium against the built site while a learner (a) drags the
 * seek slider across a big run over about 2 s and (b) zooms the timeline in and out with the
 * wheel 60 times. Frames are timed in the page by requestAnimationFrame; each case prints
 * p50 / p95 frame time and how many frames took over 16.7 ms (target: p95 under 16.7 ms).
 * Prints figures; asserts only that each run opened. With SCRUB_PROFILE=1 each case also runs
 * under the CDP sampling profiler, prints the functions with the most self and inclusive time and
 * writes the profile beside the test's output; with SCRUB_PROFILE=trace it runs under Chrome's
 * tracing and prints the main thread's CPU time per input (frame times on a loaded machine
 * measure the machine as much as the page), by kind of work.
 */
import { writeFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { manyTasksTrace, syntheticTrace } from '../../src/lib/model/testing/synthetic';
import { bigLink } from '../big-runs-helpers';

const FRAME_MS = 1000 / 60;

// Playwright's trace (on by default in the main config) snapshots the whole DOM in the page after
// every mouse move: with 1,000 lanes that cost most of each frame and was measured as the app's.
test.use({ trace: 'off' });

const position = (page: Page) => page.getByRole('slider', { name: 'Event' });

/** Starts recording requestAnimationFrame timestamps in the page. */
async function startFrames(page: Page): Promise<void> {
	await page.evaluate(() => {
		const w = window as unknown as { __frames: number[]; __framing: boolean };
		w.__frames = [];
		w.__framing = true;
		const tick = (t: number) => {
			w.__frames.push(t);
			if (w.__framing) requestAnimationFrame(tick);
		};
		requestAnimationFrame(tick);
	});
}

/** Stops recording; the time between consecutive frames, in ms. */
async function stopFrames(page: Page): Promise<number[]> {
	const stamps = await page.evaluate(() => {
		const w = window as unknown as { __frames: number[]; __framing: boolean };
		w.__framing = false;
		return w.__frames;
	});
	return stamps.slice(1).map((t, i) => t - stamps[i]);
}

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	children?: number[];
}

interface TraceEvent {
	name: string;
	ph: string;
	dur?: number;
	/** Thread (CPU) time: what the work cost, however busy the machine's other processes keep it. */
	tdur?: number;
	tid: number;
	args?: {
		name?: string;
		beginData?: {
			stackTrace?: { functionName: string; url: string; lineNumber: number }[];
			/** Layout: the layout objects it had to lay out again, of all the page's. */
			dirtyObjects?: number;
			totalObjects?: number;
		};
		/** UpdateLayoutTree: the elements whose style it computed again. */
		elementCount?: number;
	};
}

/**
 * Runs `work` (`inputs` mouse or wheel events) under Chrome's tracing (the DevTools timeline's
 * categories) and prints the main thread's CPU time per input, which the machine's load does not
 * inflate as it does frame times, then where it went: script, style, layout, paint, and the
 * script that forced a layout (a read of layout after a write), by its top frame.
 */
async function traced(
	page: Page,
	name: string,
	inputs: number,
	work: () => Promise<void>
): Promise<void> {
	const cdp = await page.context().newCDPSession(page);
	const events: TraceEvent[] = [];
	cdp.on('Tracing.dataCollected', ({ value }) =>
		events.push(...(value as unknown as TraceEvent[]))
	);
	const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
	await cdp.send('Tracing.start', {
		transferMode: 'ReportEvents',
		traceConfig: {
			includedCategories: [
				'devtools.timeline',
				'disabled-by-default-devtools.timeline',
				'disabled-by-default-devtools.timeline.stack'
			]
		}
	});
	await work();
	await cdp.send('Tracing.end');
	await done;
	await cdp.detach();
	const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
	const onMain = events.filter((e) => e.tid === main?.tid && e.ph === 'X' && e.dur);
	const total = new Map<string, number>();
	const count = new Map<string, number>();
	const forced = new Map<string, number>();
	let dirty = 0;
	let objects = 0;
	let styled = 0;
	for (const e of onMain) {
		dirty += e.args?.beginData?.dirtyObjects ?? 0;
		objects = Math.max(objects, e.args?.beginData?.totalObjects ?? 0);
		styled += e.args?.elementCount ?? 0;
		total.set(e.name, (total.get(e.name) ?? 0) + (e.tdur ?? e.dur ?? 0) / 1000);
		count.set(e.name, (count.get(e.name) ?? 0) + 1);
		const top = e.args?.beginData?.stackTrace?.[0];
		if (e.name === 'Layout' && top) {
			const where = `${top.functionName || '(anonymous)'} ${top.url.split('/').pop()}:${top.lineNumber}`;
			forced.set(where, (forced.get(where) ?? 0) + (e.tdur ?? e.dur ?? 0) / 1000);
		}
	}
	const rows = (map: Map<string, number>) =>
		[...map]
			.sort((a, b) => b[1] - a[1])
			.slice(0, 12)
			.map(([what, ms]) => `  ${ms.toFixed(0).padStart(6)} ms  ${what}`)
			.join('\n');
	const busy = (total.get('RunTask') ?? 0) / inputs;
	console.log(`trace: ${name}: main thread CPU ${busy.toFixed(1)} ms per input (${inputs} inputs)`);
	console.log(`trace: ${name}: CPU per kind of work (nested ones overlap)\n${rows(total)}`);
	console.log(`trace: ${name}: forced layouts, by the script that read layout\n${rows(forced)}`);
	// A step should cost one style and layout pass, done by the frame itself: more passes than
	// frames means a script read layout after a write (a forced pass, listed above).
	const passes = (kind: string) => ((count.get(kind) ?? 0) / inputs).toFixed(2);
	console.log(
		`trace: ${name}: per input: ${passes('FireAnimationFrame')} animation frame callbacks, ` +
			`${passes('UpdateLayoutTree')} style passes, ${passes('Layout')} layout passes, ` +
			`${passes('Paint')} paints; ${(styled / inputs).toFixed(0)} elements restyled and ` +
			`${(dirty / inputs).toFixed(0)} of ${objects} layout objects laid out again`
	);
}

/**
 * Runs `work`, under the CDP sampling profiler when SCRUB_PROFILE is set (prints the top costs),
 * or under Chrome's tracing when SCRUB_PROFILE=trace (see {@link traced}).
 */
async function profiled(
	page: Page,
	name: string,
	inputs: number,
	work: () => Promise<void>
): Promise<void> {
	if (!process.env.SCRUB_PROFILE) return work();
	if (process.env.SCRUB_PROFILE === 'trace') return traced(page, name, inputs, work);
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Profiler.enable');
	await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
	await cdp.send('Profiler.start');
	await work();
	const { profile } = await cdp.send('Profiler.stop');
	// The whole profile too, for Chrome DevTools' Performance panel (or a script) to open.
	await writeFile(
		test.info().outputPath(`${name.replace(/\W+/g, '-')}.cpuprofile`),
		JSON.stringify(profile)
	);
	const nodes = new Map<number, ProfileNode>(profile.nodes.map((node) => [node.id, node]));
	const parent = new Map<number, number>();
	for (const node of profile.nodes)
		for (const child of node.children ?? []) parent.set(child, node.id);
	// Minified names: the chunk and line tell them apart (a native getter shows as its caller).
	const whereOf = (frame: ProfileNode['callFrame']) =>
		`${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()}:${frame.lineNumber}`;
	const self = new Map<string, number>();
	// Inclusive time: what a function and everything it called cost (a function counted once per
	// sample however deep it recurses).
	const inclusive = new Map<string, number>();
	profile.samples?.forEach((id, i) => {
		const frame = nodes.get(id)?.callFrame;
		if (!frame || frame.functionName === '(idle)') return;
		const ms = (profile.timeDeltas?.[i + 1] ?? 0) / 1000;
		self.set(whereOf(frame), (self.get(whereOf(frame)) ?? 0) + ms);
		const seen = new Set<string>();
		for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
			const node = nodes.get(at);
			if (!node || !node.callFrame.url) continue;
			seen.add(whereOf(node.callFrame));
		}
		for (const where of seen) inclusive.set(where, (inclusive.get(where) ?? 0) + ms);
	});
	const rows = (map: Map<string, number>, count: number) =>
		[...map]
			.sort((a, b) => b[1] - a[1])
			.slice(0, count)
			.map(([where, ms]) => `  ${ms.toFixed(0).padStart(6)} ms  ${where}`)
			.join('\n');
	console.log(`profile: ${name}: self time\n${rows(self, 12)}`);
	console.log(`profile: ${name}: inclusive time\n${rows(inclusive, 30)}`);
	await cdp.detach();
}

function percentile(sorted: readonly number[], p: number): number {
	if (sorted.length === 0) return Number.NaN;
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function report(name: string, deltas: readonly number[]): void {
	const sorted = [...deltas].sort((a, b) => a - b);
	const p50 = percentile(sorted, 50);
	const p95 = percentile(sorted, 95);
	// A frame at 60 Hz lands at 16.67 ms give or take a fraction: count only real misses.
	const slow = deltas.filter((d) => d > FRAME_MS + 0.5).length;
	const verdict = p95 < FRAME_MS + 0.5 ? 'meets' : 'misses';
	console.log(
		`scrub: ${name}: ${deltas.length} frames, p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, ` +
			`${slow} over 16.7 ms, longest ${(sorted.at(-1) ?? 0).toFixed(0)} ms (${verdict} p95 < 16.7 ms)`
	);
}

/** (a) Drags the seek slider's thumb from one end to the other over about 2 s. */
async function dragSlider(page: Page, name: string): Promise<void> {
	const box = await position(page).boundingBox();
	if (!box) throw new Error('no slider');
	const y = box.y + box.height / 2;
	await page.mouse.move(box.x + 2, y);
	await page.mouse.down();
	await startFrames(page);
	const steps = 120;
	await profiled(page, `${name}, slider`, steps, async () => {
		for (let i = 1; i <= steps; i++) {
			await page.mouse.move(box.x + 2 + ((box.width - 4) * i) / steps, y);
			await page.waitForTimeout(FRAME_MS);
		}
	});
	await page.mouse.up();
	report(`${name}, slider dragged across`, await stopFrames(page));
}

/** (b) Zooms in 30 wheel notches over the plot, then out 30 (Ctrl: a long run's lanes scroll). */
async function wheelZoom(page: Page, name: string): Promise<void> {
	const box = await page.locator('.timeline .plot').boundingBox();
	if (!box) throw new Error('no timeline');
	await page.mouse.move(box.x + box.width * 0.4, box.y + Math.min(60, box.height / 2));
	await page.keyboard.down('Control');
	await startFrames(page);
	await profiled(page, `${name}, wheel`, 60, async () => {
		for (let i = 0; i < 60; i++) {
			await page.mouse.wheel(0, i < 30 ? -40 : 40);
			await page.waitForTimeout(30);
		}
	});
	await page.keyboard.up('Control');
	report(`${name}, 60 wheel zooms`, await stopFrames(page));
}

test('a run of 1,000 tasks', async ({ page }) => {
	const trace = manyTasksTrace(1000);
	await page.setViewportSize({ width: 1280, height: 720 });
	await page.goto(`./${await bigLink(trace)}`);
	await expect(position(page)).toHaveAttribute(
		'aria-valuetext',
		`event 1 of ${trace.events.length}`,
		{ timeout: 300_000 }
	);
	const name = `1,000 tasks (${trace.events.length.toLocaleString('en-US')} events)`;
	await dragSlider(page, name);
	await wheelZoom(page, name);
});

test('a run of 100,000 events', async ({ page }) => {
	const events = 100_000;
	const path = test.info().outputPath('100k.json');
	await writeFile(path, JSON.stringify(syntheticTrace({ events })));
	await page.setViewportSize({ width: 1280, height: 720 });
	await page.goto('./');
	await expect(position(page)).toHaveAttribute('aria-valuetext', /^event 1 of/);
	const chooser = page.waitForEvent('filechooser');
	await page.getByRole('button', { name: 'Open trace…' }).click();
	await (await chooser).setFiles(path);
	await expect(position(page)).toHaveAttribute('aria-valuetext', `event 1 of ${events}`, {
		timeout: 300_000
	});
	await dragSlider(page, '100,000 events');
	await wheelZoom(page, '100,000 events');
});
