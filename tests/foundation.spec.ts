import { expect, test } from '@playwright/test';

test('Python runs in a worker from the app’s own files and prints back', async ({ page }) => {
	const foreign: string[] = [];
	const violations: string[] = [];
	page.on('request', (request) => {
		const url = new URL(request.url());
		if (url.hostname !== '127.0.0.1' && url.protocol.startsWith('http'))
			foreign.push(request.url());
	});
	page.on('console', (message) => {
		if (/Content.Security.Policy|Refused to/i.test(message.text())) violations.push(message.text());
	});

	await page.goto('./');
	await expect(page.locator('[data-runtime="ready"]')).toBeVisible({ timeout: 60_000 });
	await page.getByLabel('Python code').fill('print(6 * 7)');
	await page.getByRole('button', { name: 'Run' }).click();
	await expect(page.getByLabel('Output')).toHaveText('42');

	expect(foreign).toEqual([]);
	expect(violations).toEqual([]);
});
