import { expect, test, type Locator, type Page } from '@playwright/test';

// One clicker contract on every page, from any focus outside a text field: PageDown / → / Space
// forward, PageUp / ← back, B blanks, P turns predict mode on and off (where a page has it),
// ? shows the keys.
interface ClickerPage {
	name: string;
	path: string;
	/** Text that changes with every step: the step position, unless the page has none. */
	moment?: (page: Page) => Locator;
	/** Whether the page has predict mode (it has, unless it says not). */
	predict?: boolean;
}

const PAGES: ClickerPage[] = [
	{ name: 'the playground', path: './' },
	{ name: 'a lesson', path: './lessons/get-users-batch/' },
	{ name: 'presenter mode', path: './present/?example=get_users_batch' },
	{ name: 'the embed', path: './embed/?example=get_users_batch' },
	{
		name: 'Compare',
		path: './compare/',
		moment: (page) => page.getByRole('toolbar', { name: 'Playback of both runs' }),
		predict: false
	}
];

for (const target of PAGES)
	test(`the clicker's keys on ${target.name}`, async ({ page }) => {
		await page.goto(target.path);
		// Keys pressed before the page is hydrated go nowhere.
		await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
		const moment = target.moment?.(page) ?? page.getByTestId('position');
		await expect(moment).toBeVisible();
		const first = await moment.textContent();
		// From a focused button, as after a click on one.
		await page.getByRole('button').first().focus();
		await page.keyboard.press('PageDown');
		await expect(moment).not.toHaveText(first ?? '');
		const second = await moment.textContent();
		await page.keyboard.press('PageUp');
		await expect(moment).toHaveText(first ?? '');
		await page.keyboard.press('ArrowRight');
		await expect(moment).not.toHaveText(first ?? '');
		await page.keyboard.press('ArrowLeft');
		await expect(moment).toHaveText(first ?? '');
		expect(second).not.toBe(first);

		await page.keyboard.press('b');
		const blank = page.getByRole('button', { name: /Screen blanked/ });
		await expect(blank).toBeVisible();
		await page.keyboard.press('b');
		await expect(blank).toHaveCount(0);

		await page.keyboard.press('?');
		const help = page.getByRole('dialog', { name: 'Keyboard' });
		await expect(help).toBeVisible();
		await expect(help).toContainText('Blank the screen');
		await page.keyboard.press('Escape');
		await expect(help).toBeHidden();

		const predictSwitch = page.getByRole('button', { name: 'Predict', exact: true });
		if (target.predict ?? true) {
			await expect(predictSwitch).toHaveAttribute('aria-pressed', 'false');
			await page.keyboard.press('p');
			await expect(predictSwitch).toHaveAttribute('aria-pressed', 'true');
			await page.keyboard.press('p');
			await expect(predictSwitch).toHaveAttribute('aria-pressed', 'false');
		} else {
			await expect(predictSwitch).toHaveCount(0);
		}
	});
