import { expect, type Page } from '@playwright/test';

/** Replaces the editor's text with `code`, as a user pasting it would. */
export async function typeCode(page: Page, code: string): Promise<void> {
	const editor = page.getByRole('textbox', { name: 'Python code' });
	await editor.click();
	await page.keyboard.press('ControlOrMeta+a');
	await page.keyboard.press('Delete');
	// insertText keeps the indentation exactly; typing key by key would auto-indent.
	await page.keyboard.insertText(code);
	await expect(editor).toContainText(code.split('\n')[0]);
}

/** Waits until Python has loaded in the worker. */
export async function waitForPython(page: Page): Promise<void> {
	await expect(page.locator('[data-runtime="ready"]')).toBeVisible({ timeout: 60_000 });
}

/** Presses Run and waits for the run to finish. */
export async function run(page: Page): Promise<void> {
	const button = page.getByRole('button', { name: /^Run/ });
	await button.click();
	await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeEnabled({
		timeout: 60_000
	});
}

/** Waits for Python, runs `code` and moves to the end of its run. */
export async function runToEnd(page: Page, code: string): Promise<void> {
	await waitForPython(page);
	await typeCode(page, code);
	await run(page);
	await page.getByRole('button', { name: 'Go to end' }).click();
}
