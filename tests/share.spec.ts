import { readFile, writeFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { getUsersBatchTrace } from '../src/lib/trace/testing/get-users-batch';
import { syntheticTrace } from '../src/lib/model/testing/synthetic';
import { failOnPageError } from './helpers';
import {
	clone,
	copyLink,
	dropFile,
	fourAndFiveLink,
	momentOf,
	openWithButton,
	traceFile
} from './share-helpers';

const lanes = (page: Page) =>
	page.getByRole('list', { name: 'Tasks and worker threads' }).getByRole('button');
const editor = (page: Page) => page.getByRole('textbox', { name: 'Python code' });
const notice = (page: Page) => page.getByRole('alert').first();

// Pages must never throw, whatever the link or file.
test.beforeEach(({ page }) => failOnPageError(page));

test('Copy link reopens the same code, run and moment in a new page', async ({
	page,
	context,
	baseURL
}) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
		origin: new URL(baseURL ?? '').origin
	});
	await page.goto('./');
	await expect(lanes(page).first()).toBeVisible();
	const forward = page.getByRole('button', { name: 'Step forward' });
	for (let step = 0; step < 14; step++) await forward.click();
	await lanes(page).nth(2).click();
	await page.getByRole('radio', { name: 'Step axis' }).check();
	const sent = await momentOf(page);
	expect(sent.selected).toHaveLength(1);
	expect(sent.axis).toEqual(['Step axis']);

	const link = await copyLink(page);
	expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
	// The link is made on demand: the sender's own URL is never rewritten.
	expect(new URL(page.url()).hash).toBe('');

	const reader = await context.newPage();
	await reader.goto(link);
	await expect(notice(reader)).toContainText('nothing has been executed');
	await expect(editor(reader)).toContainText('async def get_users_batch');
	await expect.poll(() => momentOf(reader)).toEqual(sent);
});

test('a link pasted into an open playground opens without a reload', async ({ page }) => {
	const { fragment } = await fourAndFiveLink({ cursor: 3, task: null, axis: 'time' });
	await page.goto('./');
	await expect(lanes(page)).toHaveCount(4);
	await page.evaluate((hash) => (location.hash = hash), fragment);
	await expect(lanes(page)).toHaveCount(3);
	await expect(lanes(page).nth(1)).toHaveAccessibleName(/fetch_user\(4\)/);
	await expect(editor(page)).toContainText('fetch_user(5),');
});

test('a run too long for a link is shared as code, and the reader is told to run it', async ({
	page,
	context
}) => {
	const ids = Array.from({ length: 1500 }, (_, index) => index + 1);
	await page.goto('./');
	await openWithButton(page, traceFile(getUsersBatchTrace(ids), 'long.loopscope.json'));
	await expect(lanes(page).nth(1)).toHaveAccessibleName(/fetch_user\(1\)/);
	await expect(notice(page)).toContainText('Opened “long.loopscope.json”');

	const link = await copyLink(page);
	const panel = page.getByRole('dialog', { name: 'Share' });
	await expect(panel.getByRole('status')).toContainText('too long to fit in a link');
	expect(link.length).toBeLessThan(8_100);

	const reader = await context.newPage();
	await reader.goto(link);
	await expect(notice(reader)).toContainText('carries the code only');
	await expect(notice(reader)).toContainText('Press Run');
	await expect(editor(reader)).toContainText('fetch_user(9),');
	// No run is shown rather than the default example's run of other code.
	await expect(reader.getByRole('list', { name: 'Tasks and worker threads' })).toHaveCount(0);
});

test('broken, cut and foreign links say what is wrong and open what they can', async ({ page }) => {
	const { fragment } = await fourAndFiveLink({ cursor: 3, task: 1, axis: 'time' });
	const [header, run] = fragment.slice('#v1.'.length).split('.');
	const cases: Array<{ hash: string; says: RegExp; code: string }> = [
		// The run part cut in half: the code in the header still opens.
		{
			hash: `#v1.${header}.${run.slice(0, run.length >> 1)}`,
			says: /recorded run is damaged/,
			code: 'fetch_user(5),'
		},
		// The link cut before its run: the header says a run should follow.
		{ hash: `#v1.${header}`, says: /recorded run is damaged/, code: 'fetch_user(5),' },
		// Cut inside the header, or edited by hand: nothing can be read.
		{ hash: `#v1.${header.slice(0, 40)}`, says: /This link is damaged/, code: 'fetch_user(3),' },
		{ hash: '#v1.@@not-base64@@', says: /This link is damaged/, code: 'fetch_user(3),' },
		{ hash: '#v7.abcdef', says: /newer Loopscope/, code: 'fetch_user(3),' },
		{ hash: '#v0.abcdef', says: /older Loopscope/, code: 'fetch_user(3),' },
		{ hash: '#hello', says: /not a Loopscope share link/, code: 'fetch_user(3),' }
	];
	for (const { hash, says, code } of cases) {
		await page.goto('about:blank');
		await page.goto(`./${hash}`);
		await expect(notice(page), hash).toContainText(says);
		await expect(editor(page), hash).toContainText(code);
	}
});

test('downloads the trace and its Perfetto export, and opens the trace back', async ({ page }) => {
	await page.goto('./');
	await expect(lanes(page).first()).toBeVisible();
	await page.getByRole('button', { name: /^Share/ }).click();
	const panel = page.getByRole('dialog', { name: 'Share' });

	const traceDownload = page.waitForEvent('download');
	await panel.getByRole('button', { name: 'Download trace (.json)' }).click();
	const saved = await traceDownload;
	expect(saved.suggestedFilename()).toBe('get_users_batch.loopscope.json');
	const text = await readFile(await saved.path(), 'utf8');
	const trace = JSON.parse(text);
	expect(trace.format).toBe('loopscope-trace');

	const perfettoDownload = page.waitForEvent('download');
	await panel.getByRole('button', { name: 'Export for Perfetto' }).click();
	const exported = await perfettoDownload;
	expect(exported.suggestedFilename()).toBe('get_users_batch.perfetto.json');
	const chrome = JSON.parse(await readFile(await exported.path(), 'utf8'));
	expect(chrome.traceEvents.length).toBeGreaterThan(trace.events.length / 2);

	await page.keyboard.press('Escape');
	await openWithButton(page, {
		name: saved.suggestedFilename(),
		mimeType: 'application/json',
		buffer: Buffer.from(text)
	});
	await expect(notice(page)).toContainText('Opened “get_users_batch.loopscope.json”');
	await expect(lanes(page)).toHaveCount(trace.tasks.length);
});

test('opens a trace file with the button and by dropping it, even on the editor', async ({
	page
}) => {
	await page.goto('./');
	await expect(lanes(page)).toHaveCount(4);

	await openWithButton(page, traceFile(getUsersBatchTrace([7, 8]), 'seven.json'));
	await expect(notice(page)).toContainText('Opened “seven.json”');
	await expect(lanes(page)).toHaveCount(3);
	await expect(lanes(page).nth(1)).toHaveAccessibleName(/fetch_user\(7\)/);
	await expect(editor(page)).toContainText('fetch_user(8),');

	await dropFile(page, '.cm-content', traceFile(getUsersBatchTrace([1, 2, 3, 4, 5]), 'five.json'));
	await expect(notice(page)).toContainText('Opened “five.json”');
	await expect(lanes(page)).toHaveCount(6);
	await expect(editor(page)).toContainText('fetch_user(5),');
	// Dropped on the editor, the file opened as a trace rather than being pasted in as text.
	await expect(editor(page)).not.toContainText('loopscope-trace');
});

test('an invalid file gets a message that names its first problem', async ({ page }) => {
	await page.goto('./');
	await expect(lanes(page)).toHaveCount(4);

	const badSeq = clone(getUsersBatchTrace([7, 8]));
	badSeq.events[3].seq = 99;
	await openWithButton(page, traceFile(badSeq, 'bad-seq.json'));
	await expect(notice(page)).toContainText('“bad-seq.json” cannot be opened');
	await expect(notice(page)).toContainText('events[3].seq');

	const badTask = clone(getUsersBatchTrace([7, 8])) as unknown as { tasks: { name: unknown }[] };
	badTask.tasks[1].name = 42;
	await dropFile(page, 'main', traceFile(badTask, 'bad-task.json'));
	await expect(notice(page)).toContainText('tasks[1].name');

	await openWithButton(page, {
		name: 'notes.json',
		mimeType: 'application/json',
		buffer: Buffer.from('{ "format": "loopscope-trace", ')
	});
	await expect(notice(page)).toContainText('not valid JSON');

	await openWithButton(page, traceFile({ traceEvents: [{ ph: 'X' }] }, 'perfetto.json'));
	await expect(notice(page)).toContainText('Perfetto');

	// The run on screen is untouched.
	await expect(lanes(page)).toHaveCount(4);
});

test('a 50 MB trace file opens without freezing the page', async ({ page }) => {
	test.slow();
	const trace = syntheticTrace({ events: 100_000 });
	const target = 50 * 1024 * 1024;
	// Padded to 50 MB with a free field of many strings, each within what a trace may hold (one
	// printed line of 50 MB is refused now): the worker still reads and checks every byte.
	const base = JSON.stringify(trace);
	const strings = Math.ceil((target - base.length) / 10_003);
	let text = JSON.stringify({ ...trace, padding: Array(strings).fill('x'.repeat(10_000)) });
	if (text.length < target) text += ' '.repeat(target - text.length);
	expect(text.length).toBeGreaterThanOrEqual(target);

	await page.goto('./');
	await expect(lanes(page)).toHaveCount(4);
	// From disk: Playwright caps files passed as buffers at 50 MB.
	const path = test.info().outputPath('big.json');
	await writeFile(path, text);
	const chooser = page.waitForEvent('filechooser');
	await page.getByRole('button', { name: 'Open trace…' }).click();
	await (await chooser).setFiles(path);
	await expect(notice(page)).toContainText('Reading “big.json” (50.0 MB)');
	// While the worker reads and validates (seconds for 50 MB), the page still answers:
	// a step lands on the run already on screen before the file has finished opening.
	const position = page.getByRole('slider', { name: 'Event' });
	const before = await position.getAttribute('aria-valuetext');
	await page.getByRole('button', { name: 'Step forward' }).click();
	await expect(position).not.toHaveAttribute('aria-valuetext', before ?? '');
	await expect(notice(page)).toContainText('Reading “big.json”');
	await expect(notice(page)).toContainText('Opened “big.json”', { timeout: 60_000 });
	await expect(page.getByRole('slider', { name: 'Event' })).toHaveAttribute(
		'aria-valuetext',
		`event 1 of ${trace.events.length}`
	);
});
