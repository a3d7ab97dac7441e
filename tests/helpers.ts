import { expect, type FrameLocator, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';

/** Fails the test on any error the page throws and does not catch (call it in `beforeEach`). */
export function failOnPageError(page: Page): void {
	page.on('pageerror', (error) => {
		throw error;
	});
}

/** Clicks `button` and returns the download it starts: its name and its bytes. */
export async function download(
	page: Page,
	button: Locator
): Promise<{ name: string; bytes: Buffer }> {
	const started = page.waitForEvent('download');
	await button.click();
	const saved = await started;
	return { name: saved.suggestedFilename(), bytes: await readFile(await saved.path()) };
}

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

/** Types `code`, runs it and moves to the end of its run (Python must be ready). */
export async function typeAndRunToEnd(page: Page, code: string): Promise<void> {
	await typeCode(page, code);
	await run(page);
	await page.getByRole('button', { name: 'Go to end' }).click();
}

/** Waits for Python, runs `code` and moves to the end of its run. */
export async function runToEnd(page: Page, code: string): Promise<void> {
	await waitForPython(page);
	await typeAndRunToEnd(page, code);
}

/**
 * Coloured pixels the timeline's canvas has to the right of its cursor line: the bars of what
 * happens later (lane backgrounds and grid lines are grey, so they do not count). `root` is the
 * page, or the frame of an embed.
 */
export async function barPixelsAfterCursor(root: Page | FrameLocator): Promise<number> {
	return root
		.locator('section.timeline')
		.first()
		.evaluate((timeline) => {
			const canvas = timeline.querySelector<HTMLCanvasElement>('canvas.segments');
			const line = timeline.querySelector('svg.overlay line.cursor');
			if (!canvas || !line) throw new Error('no timeline canvas or cursor');
			const cursor = Number(line.getAttribute('x1'));
			const scale = canvas.width / canvas.getBoundingClientRect().width;
			const from = Math.ceil((cursor + 4) * scale);
			if (from >= canvas.width) return 0;
			const context = canvas.getContext('2d');
			if (!context) throw new Error('no 2d context');
			const data = context.getImageData(from, 0, canvas.width - from, canvas.height).data;
			let coloured = 0;
			for (let i = 0; i < data.length; i += 4) {
				const [r, g, b, a] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
				if (a > 0 && Math.max(r, g, b) - Math.min(r, g, b) > 60) coloured++;
			}
			return coloured;
		});
}

/** Presses Present and checks that presenter mode is on: the button pressed, the type larger. */
export async function startPresenting(page: Page): Promise<void> {
	const rootFont = () =>
		page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
	const before = await rootFont();
	const present = page.getByRole('button', { name: 'Present' });
	await present.click();
	await expect(present).toHaveAttribute('aria-pressed', 'true');
	expect(await rootFont()).toBeGreaterThan(before);
}
