import { startPresenting } from './helpers';
import { expect, test, type Page } from '@playwright/test';
import { expectNoViolations } from './axe';

const guide = (page: Page) => page.getByRole('region', { name: 'Walkthrough steps' });
const stepText = (page: Page) => guide(page).locator('.text');

/** Moves the run on screen `n` events forward, from the page rather than a text field. */
async function stepForward(page: Page, n: number): Promise<void> {
	await page.getByRole('heading', { level: 1 }).click();
	for (let i = 0; i < n; i++) await page.keyboard.press('ArrowRight');
}

/** From the playground: writes a walkthrough of its run with two steps; returns its link. */
async function writeWalkthrough(page: Page): Promise<string> {
	await page.goto('./');
	await page.getByRole('button', { name: /^Share/ }).click();
	await page.getByRole('button', { name: 'Write a walkthrough' }).click();
	await expect(page).toHaveURL(/\/walkthrough\/edit\/#v1\./);
	await page.getByRole('textbox', { name: 'Title' }).fill('Why <i>gather</i> is concurrent');

	await stepForward(page, 3);
	await page.getByRole('button', { name: 'Add this moment as a step' }).click();
	const first = page.getByRole('textbox', { name: 'Caption' }).first();
	// The caption begins as the narration of its moment, ready to be rewritten.
	await expect(first).toBeFocused();
	await expect(first).not.toHaveValue('');
	await first.fill('Task-1 starts. <img src=x onerror="document.title=\'owned\'"> <b>not bold</b>');

	await stepForward(page, 6);
	await page.getByRole('button', { name: 'Add this moment as a step' }).click();
	const captions = page.getByRole('textbox', { name: 'Caption' });
	await expect(captions).toHaveCount(2);
	await captions.nth(1).fill('All three `fetch_user` tasks wait in the ready queue.');
	await page
		.getByRole('textbox', { name: /Question first/ })
		.nth(1)
		.fill('What is in the ready queue now?');
	// The address keeps the draft as it is written.
	await expect(page.locator('[data-saved="true"]')).toHaveCount(1);
	await expect(page).toHaveURL(/\/walkthrough\/edit\/#w1\./);
	const open = page.getByRole('link', { name: 'Open the walkthrough' });
	return (await open.getAttribute('href')) ?? '';
}

test('a teacher writes a walkthrough of a run; its link opens it as a lesson, captions as text', async ({
	page
}) => {
	const link = await writeWalkthrough(page);
	expect(link).toMatch(/\/walkthrough\/?#w1\./);
	await page.goto(link);

	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Why <i>gather</i> is concurrent'
	);
	await expect(guide(page)).toContainText('Step 1 of 2');
	await expect(stepText(page)).toHaveText(
		'Task-1 starts. <img src=x onerror="document.title=\'owned\'"> <b>not bold</b>'
	);
	// Typed markup is text: no element was made from it.
	await expect(page.locator('main img, main b, h1 i')).toHaveCount(0);
	expect(await page.title()).not.toContain('owned');
	await expect(page.getByRole('region', { name: 'Program' })).toContainText(
		'async def get_users_batch'
	);

	// A clicker: PageDown asks the second step's question first, then shows its caption.
	await page.keyboard.press('PageDown');
	await expect(guide(page)).toContainText('Step 2 of 2');
	await expect(stepText(page)).toHaveText('Think first: What is in the ready queue now?');
	await expect(page.getByRole('button', { name: /Show the answer/ })).toBeVisible();
	await page.keyboard.press('PageDown');
	await expect(stepText(page)).toHaveText('All three fetch_user tasks wait in the ready queue.');
	await expect(stepText(page).locator('code')).toHaveText('fetch_user');
	await page.keyboard.press('PageUp');
	await expect(guide(page)).toContainText('Step 1 of 2');

	// The link alone is enough: a reload opens the same walkthrough.
	await page.reload();
	await expect(guide(page)).toContainText('Step 1 of 2');
	await expect(stepText(page)).toContainText('Task-1 starts.');

	// Share offers the walkthrough as an embed: the same link, in the embed.
	await page.getByRole('button', { name: 'Share' }).click();
	const snippet = await page
		.getByRole('textbox', { name: /Embed in a page or slide/ })
		.inputValue();
	const fragment = new URL(page.url()).hash;
	expect(snippet).toMatch(
		/^<iframe src="[^"]*\/embed\/#w1\.[^"]*" title="Loopscope: Why &lt;i>gather/
	);
	expect(snippet).toContain(`/embed/${fragment}"`);

	await expectNoViolations(page);
});

test('a walkthrough is presented in large type, and can be edited as a copy', async ({ page }) => {
	const link = await writeWalkthrough(page);
	await page.setViewportSize({ width: 1280, height: 720 });
	await page.goto(link);
	await expect(guide(page)).toContainText('Step 1 of 2');
	await startPresenting(page);
	// The program beside the lanes, the steps as captions, every lane in view.
	await expect(page.getByRole('region', { name: 'Program' })).toBeVisible();
	await expect(guide(page)).toBeInViewport({ ratio: 1 });
	const lanes = page.getByRole('list', { name: 'Tasks and worker threads' }).getByRole('listitem');
	await expect(lanes).toHaveCount(4);
	for (const lane of await lanes.all()) await expect(lane).toBeInViewport({ ratio: 1 });
	await page.keyboard.press('PageDown');
	await expect(guide(page)).toContainText('Step 2 of 2');
	await page.keyboard.press('Escape');
	await expect(page.getByRole('button', { name: 'Present' })).toHaveAttribute(
		'aria-pressed',
		'false'
	);

	await page.getByRole('link', { name: 'Edit a copy' }).click();
	await expect(page).toHaveURL(/\/walkthrough\/edit\/#w1\./);
	await expect(page.getByRole('textbox', { name: 'Title' })).toHaveValue(
		'Why <i>gather</i> is concurrent'
	);
	await expect(page.getByRole('textbox', { name: 'Caption' })).toHaveCount(2);
	await page.getByRole('button', { name: 'Remove step 1' }).click();
	await expect(page.getByRole('textbox', { name: 'Caption' })).toHaveCount(1);
	await expect(page.getByRole('textbox', { name: 'Caption' })).toHaveValue(
		'All three `fetch_user` tasks wait in the ready queue.'
	);
});

test('a walkthrough whose run is broken says its captions opened but not its run', async ({
	page
}) => {
	const link = await writeWalkthrough(page);
	await page.goto(`${link.slice(0, link.indexOf('~'))}~v1.garbage`);
	await expect(page.getByRole('alert')).toContainText(
		'The walkthrough’s captions opened, but not its run:'
	);
	await expect(guide(page)).toHaveCount(0);
});

test('a broken walkthrough link says what is wrong', async ({ page }) => {
	await page.goto('./walkthrough/#w1.garbage~v1.x');
	await expect(page.getByRole('alert')).toContainText('This walkthrough link is damaged');
	await expect(page.getByRole('link', { name: 'Open the playground' })).toBeVisible();
	await page.goto('./walkthrough/');
	await expect(page.getByRole('alert')).toContainText('no walkthrough');
});
