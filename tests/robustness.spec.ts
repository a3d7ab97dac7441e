import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { run, typeCode, waitForPython } from './helpers';
import { openWithButton } from './share-helpers';

const lanes = (page: Page) =>
	page.getByRole('list', { name: 'Tasks and worker threads' }).getByRole('button');
const editor = (page: Page) => page.getByRole('textbox', { name: 'Python code' });

/** Collects the page's uncaught errors, to assert there were none. */
function pageErrors(page: Page): Error[] {
	const errors: Error[] = [];
	page.on('pageerror', (error) => errors.push(error));
	return errors;
}

test('a TaskGroup whose child fails: the run shows whole, Run is ready again, and its file reopens', async ({
	page
}) => {
	test.setTimeout(120_000); // Python runs the program
	const errors = pageErrors(page);
	const program = await readFile('tests/corpus/taskgroup_fail.py', 'utf8');
	await page.goto('./');
	await waitForPython(page);
	await typeCode(page, program);
	await run(page);

	// The lanes are the new run's, not the example's bars under new names.
	await expect(lanes(page)).toHaveCount(4);
	await expect(lanes(page).nth(1)).toHaveAccessibleName(/slow\('s1'\)/);
	await expect(lanes(page).nth(2)).toHaveAccessibleName(/fail\(\)/);
	await page.getByRole('button', { name: 'Go to end' }).click();
	await expect(page.getByTestId('console')).toContainText("caught ['boom']");
	expect(errors).toEqual([]);

	// Save the run, show another program, then open the saved file: code and run come back together.
	await page.getByRole('button', { name: /^Share/ }).click();
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Download trace (.json)' }).click();
	const text = await readFile(await (await download).path(), 'utf8');
	await page.keyboard.press('Escape');
	await page.getByLabel('Example').selectOption({ index: 1 });
	await expect(editor(page)).not.toContainText('TaskGroup');

	await openWithButton(page, {
		name: 'taskgroup.json',
		mimeType: 'application/json',
		buffer: Buffer.from(text)
	});
	await expect(editor(page)).toContainText('async with asyncio.TaskGroup() as tg:');
	await expect(lanes(page)).toHaveCount(4);
	await expect(lanes(page).nth(2)).toHaveAccessibleName(/fail\(\)/);
	await expect(page.getByText('The code has changed since this run')).toHaveCount(0);
	expect(errors).toEqual([]);
});

test('a view that fails says so, leaves the rest of the page working, and recovers', async ({
	page
}) => {
	const errors = pageErrors(page);
	// A canvas that cannot be drawn on (a lost GPU context, a locked-down browser).
	await page.addInitScript(() => {
		const original = HTMLCanvasElement.prototype.getContext;
		Object.assign(window, {
			restoreCanvas: () => (HTMLCanvasElement.prototype.getContext = original)
		});
		HTMLCanvasElement.prototype.getContext = () => {
			throw new Error('the canvas is unavailable');
		};
	});
	await page.goto('./');
	const failure = page.getByRole('alert').filter({ hasText: 'The timeline could not be shown' });
	await expect(failure).toBeVisible();
	await expect(failure).toContainText('the canvas is unavailable');

	// The other views still follow the cursor.
	const narration = page.getByTestId('narration');
	const before = await narration.textContent();
	await page.getByRole('button', { name: 'Go to end' }).click();
	await expect(narration).not.toHaveText(before ?? '');
	await expect(page.getByTestId('console')).toContainText('Got 3 users');

	// Once the cause is gone, Try again brings the timeline back.
	await page.evaluate(() => (window as unknown as { restoreCanvas: () => void }).restoreCanvas());
	await failure.getByRole('button', { name: 'Try again' }).click();
	await expect(failure).toHaveCount(0);
	await expect(lanes(page)).toHaveCount(4);
	expect(errors).toEqual([]);
});

test('the embed shows quoted code as code, never as backticks', async ({ page }) => {
	await page.goto('./embed/?example=get_users_batch&step=8');
	const narration = page.getByTestId('narration');
	await expect(narration.locator('code')).toHaveText('users = await asyncio.gather(');
	await expect(narration).not.toContainText('`');
});

test('the speed menu says 1 event/s, not 1 events/s', async ({ page }) => {
	await page.goto('./');
	const speed = page.getByLabel('Speed');
	await expect(speed.locator('option').first()).toHaveText('1 event/s');
	await expect(speed.locator('option').nth(1)).toHaveText('2 events/s');
});
