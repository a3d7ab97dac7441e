/**
 * Page benchmarks: what the main thread does while big runs open. For each case: the longest
 * main-thread task (PerformanceObserver 'longtask': over 50 ms blocks input), how long until
 * the run is on screen, and the JavaScript heap afterwards (after a collection, through CDP).
 */
import { writeFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import {
	createdTasksTrace,
	manyTasksTrace,
	syntheticTrace
} from '../../src/lib/model/testing/synthetic';
import {
	bigLink,
	declaredWorkersLink,
	heapMegabytes,
	longNameLink,
	longOutputFile,
	manyWorkersLink,
	paddedTraceText,
	threadJobsCompareLink,
	threadJobsLink,
	longestTask,
	resetLongTasks,
	watchLongTasks
} from '../big-runs-helpers';
import { run, typeCode, waitForPython } from '../helpers';

const position = (page: Page) => page.getByRole('slider', { name: 'Event' });

test.beforeEach(async ({ page }) => {
	await watchLongTasks(page);
});

async function report(page: Page, name: string, started: number): Promise<void> {
	const seconds = (performance.now() - started) / 1000;
	const longest = await longestTask(page);
	// A link opens as the page loads: its figure includes starting the app (Chromium taking in a
	// long URL, hydration), which every visit pays; the second figure is the run's own.
	const afterStart = await longestTask(page, 'started');
	const own =
		afterStart === longest ? '' : ` (${afterStart.toFixed(0)} ms once the app had started)`;
	const heap = await heapMegabytes(page);
	console.log(
		`page: ${name}: on screen after ${seconds.toFixed(1)} s; longest main-thread task ${longest.toFixed(0)} ms${own}; heap ${heap.toFixed(0)} MB`
	);
}

/**
 * Opens the playground and, once its run is on screen, hands it the file at `path` through
 * "Open trace…", counting long tasks from the click on; returns when it handed the file over.
 */
async function handOverFile(page: Page, path: string): Promise<number> {
	await page.goto('./');
	await expect(position(page)).toHaveAttribute('aria-valuetext', /^event 1 of/);
	const chooser = page.waitForEvent('filechooser');
	await page.getByRole('button', { name: 'Open trace…' }).click();
	await resetLongTasks(page);
	const started = performance.now();
	await (await chooser).setFiles(path);
	return started;
}

async function openFile(page: Page, megabytes: number, events: number): Promise<void> {
	// About 500 bytes an event (each loop iteration lists its timers), padded to the size with
	// whitespace, as a pretty-printed file is.
	const trace = syntheticTrace({ events });
	const path = test.info().outputPath(`${megabytes}mb.json`);
	await writeFile(path, paddedTraceText(trace, megabytes * 1024 * 1024));
	const started = await handOverFile(page, path);
	await expect(position(page)).toHaveAttribute('aria-valuetext', `event 1 of ${events}`, {
		timeout: 300_000
	});
	await report(page, `${megabytes} MB file (${events.toLocaleString('en-US')} events)`, started);
}

test('a 50 MB file', async ({ page }) => {
	await openFile(page, 50, 90_000);
});

test('a 95 MB file', async ({ page }) => {
	await openFile(page, 95, 180_000);
});

for (const [name, make] of [
	['link of 100,000 tasks', () => createdTasksTrace(100_000)],
	['link of 2,000 tasks (10,000 events)', () => manyTasksTrace(2_000)]
] as const) {
	test(name, async ({ page }) => {
		const trace = make();
		const fragment = await bigLink(trace);
		const started = performance.now();
		await page.goto(`./${fragment}`);
		await expect(position(page)).toHaveAttribute(
			'aria-valuetext',
			`event 1 of ${trace.events.length}`,
			{ timeout: 300_000 }
		);
		await report(page, `${name}, ${(fragment.length / 1024).toFixed(0)} kB`, started);
	});
}

// The hostile shapes of issue 16: each opens, or is refused, without a long task on the page.
for (const [name, make] of [
	['100,000 thread_start events', threadJobsLink],
	['a job on each of 150,000 workers', manyWorkersLink],
	['declaring 300,000 workers (refused)', declaredWorkersLink],
	['a task named with 15 MB (refused)', longNameLink]
] as const) {
	test(`hostile link: ${name}`, async ({ page }) => {
		const link = await make();
		const started = performance.now();
		await page.goto(`./${link.fragment}`);
		if (link.events !== null)
			await expect(position(page)).toHaveAttribute('aria-valuetext', `event 1 of ${link.events}`, {
				timeout: 300_000
			});
		else
			await expect(page.getByRole('alert').first()).toContainText(link.refusal ?? '', {
				timeout: 300_000
			});
		await report(
			page,
			`hostile ${link.name}, ${(link.fragment.length / 1024).toFixed(0)} kB`,
			started
		);
	});
}

test('hostile file: one 95 MB line of output (refused)', async ({ page }) => {
	const { text, refusal } = longOutputFile();
	const path = test.info().outputPath('long-line.json');
	await writeFile(path, text);
	const started = await handOverFile(page, path);
	await expect(page.getByRole('alert').first()).toContainText(refusal, { timeout: 300_000 });
	await report(page, 'hostile 95 MB file whose output is one line', started);
});

test('hostile comparison link: two runs of 100,000 thread_start events', async ({ page }) => {
	const link = await threadJobsCompareLink();
	const started = performance.now();
	await page.goto(`./compare/${link.fragment}`);
	await expect(page.locator('.where')).toContainText(`B 1/${link.events}`, { timeout: 300_000 });
	await report(
		page,
		`hostile ${link.name}, ${(link.fragment.length / 1024).toFixed(0)} kB`,
		started
	);
});

test('a recorded run of 200,000 events', async ({ page }) => {
	await page.goto('./');
	await waitForPython(page);
	await typeCode(
		page,
		[
			'import asyncio',
			'',
			'async def spin(n):',
			'    while True:',
			'        await asyncio.sleep(0)',
			'',
			'async def main():',
			'    await asyncio.gather(*(spin(n) for n in range(4)))',
			'',
			'asyncio.run(main())'
		].join('\n')
	);
	await resetLongTasks(page);
	const started = performance.now();
	await run(page);
	await expect(position(page)).toHaveAttribute('aria-valuetext', /of 200000$/, {
		timeout: 300_000
	});
	await report(page, 'Run of a program stopped at the 200,000-event limit', started);
});

test('runs one after another: how long each Run takes, the first with its Python loaded ahead', async ({
	page
}) => {
	await page.goto('./');
	await waitForPython(page);
	const seconds: string[] = [];
	for (let n = 0; n < 4; n++) {
		await typeCode(
			page,
			`import asyncio\n\nasync def main():\n    print(${n})\n\nasyncio.run(main())\n`
		);
		const started = performance.now();
		await run(page);
		await page.getByRole('button', { name: 'Go to end' }).click();
		await expect(page.getByTestId('console')).toContainText(String(n));
		seconds.push(((performance.now() - started) / 1000).toFixed(1));
	}
	console.log(
		`page: four Runs in a row, each pressed as the last ended: ${seconds.join(' s, ')} s`
	);
});
