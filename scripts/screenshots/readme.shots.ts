import { statSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';

// The README's screenshots, one per mode, at a projector's 1280×720: each shows the gather
// example at the moment its three timers are all set (the point of the gather lesson). PNGs
// from Chromium are already compressed; the check below keeps each one small for the README.

const OUT = 'docs/screenshots';
const MAX_BYTES = 200_000;

test.use({ viewport: { width: 1280, height: 720 }, colorScheme: 'light' });

const timers = (page: Page) => page.getByRole('list', { name: 'Timers' }).getByRole('listitem');

/** Presses `key` until the three fetches' timers are all set. */
async function stepToThreeTimers(page: Page, step: () => Promise<void>): Promise<void> {
	for (
		let at = 0;
		at < 60 && (await timers(page).filter({ hasText: 'fetch_user' }).count()) < 3;
		at++
	)
		await step();
	await expect(timers(page).filter({ hasText: 'fetch_user' })).toHaveCount(3);
}

/** Saves the window as docs/screenshots/NAME.png and checks its size. */
async function shoot(page: Page, name: string): Promise<void> {
	// No focus ring or hover left over from the steps, and the top of the page (a step can
	// scroll an editor's current line into view).
	await page.evaluate(() => {
		(document.activeElement as HTMLElement | null)?.blur();
		window.scrollTo(0, 0);
	});
	await page.mouse.move(0, 0);
	const path = `${OUT}/${name}.png`;
	await page.screenshot({ path, animations: 'disabled', caret: 'hide' });
	const bytes = statSync(path).size;
	console.log(`${path}: ${Math.round(bytes / 1000)} kB`);
	expect(bytes, `${path} is small enough for the README`).toBeLessThan(MAX_BYTES);
}

const stepForward = (page: Page) => () =>
	page
		.getByRole('toolbar', { name: 'Playback' })
		.getByRole('button', { name: 'Step forward' })
		.click();

test('playground', async ({ page }) => {
	await page.goto('./');
	await stepToThreeTimers(page, stepForward(page));
	await shoot(page, 'playground');
});

test('present', async ({ page }) => {
	await page.goto('./present/?example=get_users_batch');
	await stepToThreeTimers(page, () => page.keyboard.press('PageDown'));
	await shoot(page, 'present');
});

test('lesson', async ({ page }) => {
	await page.goto('./lessons/get-users-batch/');
	await stepToThreeTimers(page, () => page.keyboard.press('PageDown'));
	await shoot(page, 'lesson');
});

test('compare', async ({ page }) => {
	await page.goto('./compare/');
	await expect(page.locator('[data-compare="ready"]')).toBeVisible();
	// A moment into both runs: B's three fetches wait together while A's first one waits alone.
	const forward = page
		.getByRole('toolbar', { name: 'Playback of both runs' })
		.getByRole('button', { name: 'Step forward' });
	for (let at = 0; at < 12; at++) await forward.click();
	await shoot(page, 'compare');
});

test('embed', async ({ page }) => {
	await page.goto('./embed/?example=get_users_batch');
	await stepToThreeTimers(page, stepForward(page));
	await shoot(page, 'embed');
});
