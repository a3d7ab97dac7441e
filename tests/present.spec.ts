import { startPresenting } from './helpers';
import { expect, test, type Locator, type Page } from '@playwright/test';

const SIZES = [
	{ width: 1024, height: 768 },
	{ width: 1280, height: 720 }
];

/** Is the whole of `locator` inside the window (nothing cut off, nothing scrolled away)? */
async function inWindow(page: Page, locator: Locator): Promise<boolean> {
	const box = await locator.boundingBox();
	const size = page.viewportSize();
	if (!box || !size) return false;
	return (
		box.x >= 0 &&
		box.y >= 0 &&
		box.x + box.width <= size.width + 0.5 &&
		box.y + box.height <= size.height + 0.5
	);
}

for (const size of SIZES) {
	test(`at ${size.width}×${size.height}: every lane, the ready queue and the timers are in view`, async ({
		page
	}) => {
		await page.setViewportSize(size);
		await page.goto('./present/?example=get_users_batch');
		const lanes = page
			.getByRole('list', { name: 'Tasks and worker threads' })
			.getByRole('listitem');
		await expect(lanes).toHaveCount(4);
		for (const lane of await lanes.all()) expect(await inWindow(page, lane)).toBe(true);

		// Step with the clicker until all three timers are set: each of them is on screen.
		const timers = page.getByRole('list', { name: 'Timers' }).getByRole('listitem');
		for (let step = 0; step < 60 && (await timers.count()) < 3; step++)
			await page.keyboard.press('PageDown');
		await expect(timers).toHaveCount(3);
		for (const timer of await timers.all()) expect(await inWindow(page, timer)).toBe(true);
		await expect(page.getByRole('heading', { name: /Ready queue/i })).toBeVisible();
		expect(await inWindow(page, page.getByTestId('narration'))).toBe(true);

		// Large type: the captions are larger than the playground's narration (1.25rem of 17 px).
		const captionPx = await page
			.getByTestId('narration')
			.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
		expect(captionPx).toBeGreaterThan(1.25 * 17);
		// Nothing spills sideways.
		const overflow = await page.evaluate(() => document.body.scrollWidth - innerWidth);
		expect(overflow).toBeLessThanOrEqual(0);
	});
}

test('clicker keys step from any focus; B blanks the screen', async ({ page }) => {
	await page.setViewportSize({ width: 1280, height: 720 });
	await page.goto('./present/?example=get_users_batch');
	const position = page.getByTestId('position');
	await expect(position).toHaveText('step 1 / 51');
	await page.keyboard.press('PageDown');
	await page.keyboard.press('ArrowRight');
	await expect(position).toHaveText('step 3 / 51');
	await page.keyboard.press('PageUp');
	await expect(position).toHaveText('step 2 / 51');

	// With a button focused, Space still steps rather than pressing the button.
	const dark = page.getByRole('radio', { name: 'Dark' });
	await dark.focus();
	await page.keyboard.press('Space');
	await expect(position).toHaveText('step 3 / 51');
	await expect(dark).toHaveAttribute('aria-checked', 'false');
	// And from inside the timeline.
	await page.getByRole('button', { name: /Task-1/ }).focus();
	await page.keyboard.press('PageDown');
	await expect(position).toHaveText('step 4 / 51');

	await page.keyboard.press('b');
	await expect(page.getByRole('button', { name: /Screen blanked/ })).toBeVisible();
	await page.keyboard.press('b');
	await expect(page.getByRole('button', { name: /Screen blanked/ })).toHaveCount(0);
});

test('light, dark and high-contrast colours; A+ makes everything larger', async ({ page }) => {
	await page.setViewportSize({ width: 1280, height: 720 });
	await page.goto('./present/?example=get_users_batch');
	const html = page.locator('html');
	await page.getByRole('radio', { name: 'High contrast' }).click();
	await expect(html).toHaveAttribute('data-theme', 'contrast');
	await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(0, 0, 0)');
	await expect(page.locator('body')).toHaveCSS('color', 'rgb(255, 255, 255)');
	await page.getByRole('radio', { name: 'Dark' }).click();
	await expect(html).toHaveAttribute('data-theme', 'dark');

	const lane = page
		.getByRole('list', { name: 'Tasks and worker threads' })
		.getByRole('listitem')
		.first();
	const before = (await lane.boundingBox())?.height ?? 0;
	await page.getByRole('button', { name: 'Larger text' }).click();
	await expect
		.poll(async () => (await lane.boundingBox())?.height ?? 0)
		.toBeGreaterThan(before * 1.1);
});

test('the program is shown beside the run: the running line and every paused line marked, large', async ({
	page
}) => {
	await page.setViewportSize({ width: 1280, height: 720 });
	await page.goto('./present/?example=get_users_batch');
	const program = page.getByRole('region', { name: 'Program' });
	await expect(program).toContainText('async def fetch_user(user_id):');
	// Step until the three fetch_user tasks wait on their timers and Task-1 on the gather.
	const timers = page.getByRole('list', { name: 'Timers' }).getByRole('listitem');
	for (let step = 0; step < 60 && (await timers.count()) < 3; step++)
		await page.keyboard.press('PageDown');
	await expect(timers).toHaveCount(3);
	const paused = program.locator('.cm-paused-line');
	await expect(paused).toHaveCount(2);
	await expect(paused.first()).toContainText('await asyncio.sleep(0.5)');
	await expect(program.locator('.cm-paused-badge').first()).toHaveText(
		'paused: Task-2, Task-3, Task-4'
	);
	await expect(program.locator('.cm-paused-badge').last()).toHaveText('paused: Task-1');
	expect(await inWindow(page, program)).toBe(true);
	// Read-only: a presenter's keys step the run, they never type into the program.
	await program.locator('.cm-content').click();
	await page.keyboard.press('PageDown');
	await page.keyboard.type('x');
	await expect(program).not.toContainText('x =');
	await expect(program.locator('.cm-content')).toHaveAttribute('contenteditable', 'false');
	// Large: the code is at least the playground editor's 15 px.
	const codePx = await program
		.locator('.cm-content')
		.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
	expect(codePx).toBeGreaterThanOrEqual(15);
	// The Code button (or C) gives the event loop panel the column back.
	await page.getByRole('button', { name: 'Code' }).click();
	await expect(program).toHaveCount(0);
	await expect(page.getByRole('heading', { name: 'Event loop' })).toBeVisible();
});

test('a broken link says what is wrong and shows an example, not an empty screen', async ({
	page
}) => {
	await page.goto('./present/#v1.garbage');
	const alert = page.getByRole('alert');
	await expect(alert).toContainText('Showing');
	await expect(alert).not.toContainText('playground');
	await expect(
		page.getByRole('list', { name: 'Tasks and worker threads' }).getByRole('listitem')
	).toHaveCount(4);
});

test('Present opens what is on screen, at the same step, in presenter mode', async ({ page }) => {
	await page.goto('./');
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	const forward = page
		.getByRole('toolbar', { name: 'Playback' })
		.getByRole('button', { name: 'Step forward' });
	for (let i = 0; i < 7; i++) await forward.click();
	await expect(page.getByText('8 / 51')).toBeVisible();
	await page.getByRole('button', { name: 'Present' }).click();
	await expect(page).toHaveURL(/\/present\/#v1\./);
	await expect(page.getByTestId('position')).toHaveText('step 8 / 51');
	await expect(page.getByRole('region', { name: 'Program' })).toContainText(
		'async def get_users_batch():'
	);
	// Presenter mode's way back leads to the playground with the same run and moment.
	await page.getByRole('link', { name: 'Playground' }).click();
	await expect(page.getByText('8 / 51')).toBeVisible();
});

for (const [width, height] of [
	[1280, 720],
	[1024, 768]
])
	test(`a lesson presents itself at ${width}×${height}: large type, the program beside the lanes, its steps as captions`, async ({
		page
	}) => {
		await page.setViewportSize({ width, height });
		await page.goto('./lessons/get-users-batch/');
		await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
		const step = page.getByTestId('step');
		await page.getByRole('button', { name: 'Next step' }).click();
		await page.getByRole('button', { name: 'Next step' }).click();
		const label = await step.locator('.label').textContent();
		expect(label).toMatch(/^Step 3 of \d+$/);
		await startPresenting(page);
		// The same moment, now as captions under the lanes, beside the program.
		await expect(step.locator('.label')).toHaveText(label ?? '');
		await expect(step).toBeInViewport({ ratio: 1 });
		await expect(page.getByRole('region', { name: 'Program' })).toContainText(
			'async def get_users_batch'
		);
		const lanes = page
			.getByRole('list', { name: 'Tasks and worker threads' })
			.getByRole('listitem');
		await expect(lanes).toHaveCount(4);
		for (const lane of await lanes.all()) await expect(lane).toBeInViewport({ ratio: 1 });
		for (const list of ['Ready queue', 'Timers'])
			await expect(page.getByRole('list', { name: list })).toBeInViewport({ ratio: 1 });
		expect(await page.evaluate(() => document.documentElement.scrollHeight - innerHeight)).toBe(0);
		// The clicker walks the steps; Escape leaves.
		await page.keyboard.press('PageDown');
		await expect(step.locator('.label')).toHaveText(/^Step 4 of/);
		await page.keyboard.press('Escape');
		await expect(page.getByRole('button', { name: 'Present' })).toHaveAttribute(
			'aria-pressed',
			'false'
		);
		await expect(page.getByRole('textbox', { name: 'Python code' })).toBeVisible();
	});
