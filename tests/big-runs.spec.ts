import { writeFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { createdTasksTrace, syntheticTrace } from '../src/lib/model/testing/synthetic';
import { encodeBase64url } from '../src/lib/trace/base64url';
import { deflate } from '../src/lib/trace/deflate';
import { MAX_TRACE_FILE_BYTES } from '../src/lib/trace/limits';
import {
	bigLink,
	heapMegabytes,
	longestTask,
	paddedTraceText,
	watchLongTasks
} from './big-runs-helpers';

// Runs at the recorder's limits open within these heaps (Chromium, after a collection). Before
// the index kept its checkpoints small, the 100,000-task link took 1.6 GB and a 95 MB file
// crashed the tab.
const LINK_HEAP_MB = 300;
const FILE_HEAP_MB = 700;

const position = (page: Page) => page.getByRole('slider', { name: 'Event' });
const notice = (page: Page) => page.getByRole('alert').first();

test.beforeEach(async ({ page }) => {
	page.on('pageerror', (error) => {
		throw error;
	});
	await watchLongTasks(page);
});

// While a big run is opened off the page's thread, a step lands on the run already on screen.
async function expectStepWhileOpening(page: Page): Promise<void> {
	await expect(position(page)).toHaveAttribute('aria-valuetext', /^event 1 of \d+$/);
	const before = await position(page).getAttribute('aria-valuetext');
	const shown = Number(before?.replace(/.* of /, ''));
	await page.getByRole('button', { name: 'Step forward' }).click();
	await expect(position(page)).toHaveAttribute('aria-valuetext', `event 2 of ${shown}`);
}

test('a link of 100,000 tasks opens in bounded memory while the page answers', async ({ page }) => {
	test.slow();
	const name = '100,000 tasks created in one step';
	const trace = createdTasksTrace(100_000);
	const fragment = await bigLink(trace);
	await page.goto(`./${fragment}`);
	await expectStepWhileOpening(page);
	await expect(position(page)).toHaveAttribute(
		'aria-valuetext',
		`event 1 of ${trace.events.length}`,
		{ timeout: 90_000 }
	);
	const heap = await heapMegabytes(page);
	console.log(
		`${name}: link ${(fragment.length / 1024).toFixed(0)} kB, heap ${heap.toFixed(0)} MB, longest main-thread task ${(await longestTask(page)).toFixed(0)} ms`
	);
	expect(heap).toBeLessThan(LINK_HEAP_MB);
	// The run is usable: stepping and jumping to the end work.
	await page.getByRole('button', { name: 'Step forward' }).click();
	await expect(position(page)).toHaveAttribute(
		'aria-valuetext',
		`event 2 of ${trace.events.length}`
	);
});

test('a 95 MB trace file opens in bounded memory while the page answers', async ({ page }) => {
	test.slow();
	// 180,000 events of ~500 bytes (each loop iteration lists its timers).
	const trace = syntheticTrace({ events: 180_000 });
	// Padded to 95 MB with whitespace, as a pretty-printed file is (a 95 MB printed line is
	// longer than the recorder writes, and refused: tests/hostile-links.spec.ts).
	const path = test.info().outputPath('big.json');
	await writeFile(path, paddedTraceText(trace, 95 * 1024 * 1024));
	await page.goto('./');
	await expect(position(page)).toHaveAttribute('aria-valuetext', /^event 1 of \d+$/);
	const chooser = page.waitForEvent('filechooser');
	await page.getByRole('button', { name: 'Open trace…' }).click();
	await (await chooser).setFiles(path);
	await expect(notice(page)).toContainText('Reading “big.json” (95.0 MB)');
	await expectStepWhileOpening(page);
	await expect(notice(page)).toContainText('Opened “big.json”', { timeout: 120_000 });
	await expect(position(page)).toHaveAttribute('aria-valuetext', 'event 1 of 180000', {
		timeout: 60_000
	});
	const heap = await heapMegabytes(page);
	console.log(
		`95 MB file: heap ${heap.toFixed(0)} MB, longest main-thread task ${(await longestTask(page)).toFixed(0)} ms`
	);
	expect(heap).toBeLessThan(FILE_HEAP_MB);
});

test('runs beyond what the recorder writes are refused before any work, in plain words', async ({
	page
}) => {
	// A hand-made link of 200,001 empty events (the recorder stops at 200,000): a few kilobytes.
	const pack = async (value: unknown): Promise<string> =>
		encodeBase64url(await deflate(new TextEncoder().encode(JSON.stringify(value))));
	const header = await pack({ c: 'print("hello")', x: 0, k: null, a: 'time', t: 1 });
	const run = await pack({ e: new Array(200_001).fill(0), t: [] });
	await page.goto(`./#v1.${header}.${run}`);
	await expect(notice(page)).toContainText(
		'This run has 200,001 events; Loopscope opens runs of up to 200,000 events, the most its recorder writes.'
	);
	// The code still opens.
	await expect(page.getByRole('textbox', { name: 'Python code' })).toContainText('hello');

	// A file over the size limit: refused by its size alone, without reading it.
	const path = test.info().outputPath('huge.json');
	await writeFile(path, Buffer.alloc(MAX_TRACE_FILE_BYTES + 1, 32));
	const chooser = page.waitForEvent('filechooser');
	await page.getByRole('button', { name: 'Open trace…' }).click();
	await (await chooser).setFiles(path);
	await expect(notice(page)).toContainText(
		'“huge.json” cannot be opened. This file is 100.0 MB; Loopscope opens trace files up to 100 MB.'
	);
});
