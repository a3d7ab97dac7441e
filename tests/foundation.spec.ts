import { expect, test } from '@playwright/test';
import { run, typeCode, waitForPython } from './helpers';

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
	// The page answers while Python loads: the example is already there to step through.
	await expect(
		page.getByRole('status').filter({ hasText: /Python|Starting|Download/ })
	).toBeVisible();
	await page.getByRole('button', { name: 'Step forward' }).click();
	await waitForPython(page);

	await typeCode(page, 'import sys\nprint(6 * 7, sys.version_info[:2])\n');
	await run(page);
	await page.getByRole('button', { name: 'Go to end' }).click();
	await expect(page.getByTestId('console')).toContainText('42 (3, 14)');
	// Nothing waited, so the whole run sits at t = 0: the page offers the step axis.
	await page.getByRole('button', { name: 'Spread it out by loop step' }).click();
	await expect(page.getByRole('radio', { name: 'Step axis' })).toBeChecked();

	expect(foreign).toEqual([]);
	expect(violations).toEqual([]);
});
