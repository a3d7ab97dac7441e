import { expect, test, type Page } from '@playwright/test';
import { LESSONS } from '../src/lib/lessons/catalog';
import { encodeWalkthroughLink } from '../src/lib/share/walkthrough-link';
import { getUsersBatchTrace } from '../src/lib/trace/testing/get-users-batch';
import { runToEnd, typeCode } from './helpers';
import { copyLink } from './share-helpers';

/** Waits until the service worker controls the page and has cached the app and Python. */
async function waitForOfflineReady(page: Page): Promise<void> {
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, {
		timeout: 60_000
	});
	const cached = await page.evaluate(async () => {
		const names = await caches.keys();
		const cache = await caches.open(names.find((name) => name.startsWith('loopscope-')) ?? '');
		return (await cache.keys()).map((request) => new URL(request.url).pathname);
	});
	for (const file of ['pyodide.mjs', 'pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip'])
		expect(cached.some((path) => path.endsWith(`/pyodide/${file}`))).toBe(true);
	expect(cached.some((path) => path.endsWith('/embed/'))).toBe(true);
}

test('after one visit, the app loads and Python runs with the network off', async ({
	page,
	context
}) => {
	await page.goto('./');
	await waitForOfflineReady(page);

	await context.setOffline(true);
	// The network is really gone: what the service worker did not cache cannot be fetched.
	const fetched = await page.evaluate(() =>
		fetch(`not-cached-${Date.now()}.txt`).then(
			(response) => `status ${response.status}`,
			() => 'failed'
		)
	);
	expect(fetched).toBe('failed');

	const response = await page.reload();
	expect(response?.fromServiceWorker()).toBe(true);
	await expect(page.getByRole('button', { name: /Task-2 · fetch_user\(1\)/ })).toBeVisible();
	await runToEnd(
		page,
		'import asyncio\n\nasync def main():\n    print("offline", 6 * 7)\n\nasyncio.run(main())\n'
	);
	await expect(page.getByTestId('console')).toContainText('offline 42');

	// The other prerendered pages are there too.
	await page.goto('embed/');
	await expect(page.getByRole('link', { name: /Open in Loopscope/ })).toBeVisible();
});

test('after one visit, every lesson opens with the network off, its recorded run on screen', async ({
	page,
	context
}) => {
	test.slow(); // seventeen pages
	await page.goto('./');
	await waitForOfflineReady(page);
	await context.setOffline(true);
	const lanes = page.getByRole('list', { name: 'Tasks and worker threads' }).getByRole('listitem');
	for (const lesson of LESSONS) {
		const response = await page.goto(`lessons/${lesson.slug}/`);
		expect(response?.fromServiceWorker(), lesson.slug).toBe(true);
		await expect(page.getByRole('heading', { level: 1 })).toContainText(lesson.title);
		await expect(page.getByTestId('step')).toContainText('Step 1 of');
		// Its recorded run: lanes, or for the gotcha that does not compile, the SyntaxError.
		const syntaxError = page.getByTestId('console').getByText('SyntaxError');
		await expect(lanes.first().or(syntaxError).first(), lesson.slug).toBeVisible();
	}
});

test('a walkthrough link opened once opens again with the network off, and in the embed', async ({
	page,
	context
}) => {
	const trace = getUsersBatchTrace();
	const { fragment } = await encodeWalkthroughLink(
		{
			title: 'Offline walkthrough',
			steps: [
				{ at: 3, caption: 'Task-1 starts.' },
				{ at: 9, caption: 'Three tasks wait.' }
			]
		},
		{ code: trace.source.code, filename: 'batch.py', trace, axis: 'time' }
	);
	const guide = page.getByRole('region', { name: 'Walkthrough steps' });
	await page.goto(`walkthrough/${fragment}`);
	await expect(guide).toContainText('Step 1 of 2');
	await waitForOfflineReady(page);

	await context.setOffline(true);
	const response = await page.reload();
	expect(response?.fromServiceWorker()).toBe(true);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Offline walkthrough');
	await expect(guide).toContainText('Step 1 of 2');
	await expect(guide.locator('.text')).toHaveText('Task-1 starts.');
	await page.keyboard.press('PageDown');
	await expect(guide.locator('.text')).toHaveText('Three tasks wait.');
	await expect(page.getByRole('button', { name: /Task-2 · fetch_user\(1\)/ })).toBeVisible();

	const embed = await page.goto(`embed/${fragment}`);
	expect(embed?.fromServiceWorker()).toBe(true);
	await expect(guide).toContainText('Step 1 of 2');
});

test('the code in the editor survives a reload', async ({ page }) => {
	await page.goto('./');
	await typeCode(page, 'print("kept across reloads")\n');
	// At once: leaving the page writes the draft without waiting for typing to pause.
	await page.reload();
	const editor = page.getByRole('textbox', { name: 'Python code' });
	await expect(editor).toContainText('print("kept across reloads")');
	// The run on screen is of other code, and the page says so.
	await expect(page.getByText('The code has changed since this run.')).toBeVisible();
});

test('a shared link wins over the draft, and the draft can be restored', async ({
	page,
	context
}) => {
	await page.goto('./');
	const link = await copyLink(page);
	await page.keyboard.press('Escape');
	await typeCode(page, 'print("my own draft")\n');
	await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide')));

	const reader = await context.newPage();
	await reader.goto(link);
	const editor = reader.getByRole('textbox', { name: 'Python code' });
	await expect(editor).toContainText('fetch_user');
	await expect(editor).not.toContainText('my own draft');
	const offer = reader.getByRole('status').filter({ hasText: 'replaced your draft' });
	await expect(offer).toContainText('1 line');
	await offer.getByRole('button', { name: 'Restore your draft' }).click();
	await expect(editor).toContainText('print("my own draft")');
	await expect(offer).toBeHidden();

	// Restored and reloaded without the link, the draft is what opens.
	await reader.goto('./');
	await expect(editor).toContainText('print("my own draft")');
});
