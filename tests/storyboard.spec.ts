import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

test('the playground prints a storyboard of its run: the program, then every step', async ({
	page
}) => {
	await page.goto('./');
	await page.getByRole('button', { name: /^Share/ }).click();
	await page.getByRole('button', { name: 'Print a storyboard' }).click();
	await expect(page).toHaveURL(/\/storyboard\/#v1\./);
	await expect(page.getByRole('region', { name: 'Program' })).toContainText(
		'async def get_users_batch():'
	);
	const steps = page
		.getByRole('list', { name: 'Steps' })
		.getByRole('listitem')
		.filter({
			has: page.getByRole('heading', { level: 3 })
		});
	await expect(steps).toHaveCount(51);
	await expect(steps.first()).toContainText('Step 1 of 51');
	await expect(steps.last()).toContainText('The program finishes at t = 0.5 s');
	await expect(steps.filter({ hasText: 'Got 3 users' })).toHaveCount(1);
	// The moment the gather's three timers are set is on paper, each timer named.
	const threeTimers = steps.filter({ hasText: '0.5 s fetch_user(3)' }).first();
	await expect(threeTimers.getByRole('list', { name: 'Timers' }).getByRole('listitem')).toHaveCount(
		3
	);

	const { violations } = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
		.analyze();
	expect(violations.map((violation) => violation.id)).toEqual([]);

	// On paper: no buttons.
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
});

test('a storyboard of a broken link says what is wrong', async ({ page }) => {
	await page.goto('./storyboard/#v1.garbage');
	await expect(page.getByRole('alert')).not.toBeEmpty();
	await expect(page.getByRole('list', { name: 'Steps' })).toHaveCount(0);
});
