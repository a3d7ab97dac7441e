import { expect, test } from '@playwright/test';

test('the example deck moves the embedded run with its fragments, and hears it back', async ({
	page
}) => {
	await page.setViewportSize({ width: 1280, height: 800 });
	await page.goto('./slides/');
	await page.locator('.reveal[data-ready]').waitFor({ state: 'attached' });
	await page.keyboard.press('ArrowRight');
	const frame = page.frameLocator('iframe[title^="Loopscope"]');
	const position = frame.getByTestId('position');
	await expect(position).toHaveText(/^1 \/ 51/);
	const heard = page.getByTestId('heard');
	await expect(heard).toHaveText('The embed is at step 1 of 51, t = 0 s.');

	// Each fragment is a moment of the run: the clicker that moves the slides moves the run.
	await page.keyboard.press('ArrowRight');
	await expect(position).toHaveText(/^16 \/ 51/);
	await expect(heard).toContainText('step 16 of 51');
	await page.keyboard.press('ArrowRight');
	await expect(position).toHaveText(/^32 \/ 51/);
	await expect(frame.getByRole('list', { name: 'Timers' }).getByRole('listitem')).toHaveCount(3);
	await page.keyboard.press('ArrowLeft');
	await expect(position).toHaveText(/^16 \/ 51/);
	for (let n = 0; n < 3; n++) await page.keyboard.press('ArrowRight');
	await expect(position).toHaveText(/^51 \/ 51/);
	await expect(heard).toHaveText('The embed is at step 51 of 51, t = 0.5 s.');
});
