// Run only by playwright.subpath.config.ts: the static build served under /loopscope/, where
// everything outside the sub-path is a 404 (as on GitHub Pages).
import { expect, test } from '@playwright/test';
import { getUsersBatchTrace } from '../src/lib/trace/testing/get-users-batch';
import { appUrl, copyLink, openWithButton, traceFile } from './share-helpers';

test('the playground, Python, links and the embed all work under a sub-path', async ({
	page,
	context,
	baseURL
}) => {
	const missing: string[] = [];
	context.on('response', (response) => {
		if (response.status() >= 400) missing.push(`${response.status()} ${response.url()}`);
	});
	expect(new URL(baseURL ?? '').pathname).toBe('/loopscope/');

	await page.goto('./');
	await expect(page.locator('[data-runtime="ready"]')).toBeVisible({ timeout: 60_000 });
	const link = await copyLink(page);
	expect(link.startsWith(appUrl(baseURL, './#v1.'))).toBe(true);

	const embedCode = await page.getByLabel('Embed in a page or slide').inputValue();
	const src = /src="([^"]+)"/.exec(embedCode)?.[1] ?? '';
	expect(src.startsWith(appUrl(baseURL, 'embed/#v1.'))).toBe(true);

	const embed = await context.newPage();
	await embed.goto(src);
	await expect(embed.getByRole('list', { name: 'Tasks and worker threads' })).toBeVisible();
	await expect(embed.getByRole('link', { name: 'Open in Loopscope' })).toHaveAttribute(
		'href',
		link
	);

	const reader = await context.newPage();
	await reader.goto(link);
	await expect(reader.getByRole('alert').first()).toContainText('nothing has been executed');

	// The file worker loads from the sub-path too, and downloads still work.
	await openWithButton(reader, traceFile(getUsersBatchTrace([7, 8]), 'seven.json'));
	await expect(reader.getByRole('alert').first()).toContainText('Opened “seven.json”');
	await reader.getByRole('button', { name: /^Share/ }).click();
	const download = reader.waitForEvent('download');
	await reader.getByRole('button', { name: 'Download trace (.json)' }).click();
	expect((await download).suggestedFilename()).toBe('get_users_batch.loopscope.json');
	expect(missing).toEqual([]);
});
