/**
 * Links and files made to freeze or crash the page (issue 16): each shape either opens while
 * the page keeps answering, or is refused in a sentence naming the part, its size and the
 * limit, before the page does any work on it. Behaviour only: the figures are in
 * tests/bench/page.bench.ts.
 */
import { writeFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { failOnPageError } from './helpers';
import {
	declaredWorkersLink,
	longNameLink,
	longOutputFile,
	manyWorkersLink,
	threadJobsCompareLink,
	threadJobsLink,
	type HostileLink
} from './big-runs-helpers';

const position = (page: Page) => page.getByRole('slider', { name: 'Event' });
const notice = (page: Page) => page.getByRole('alert').first();

test.beforeEach(({ page }) => failOnPageError(page));

// The page answers: the Open trace… button opens the file chooser.
async function expectOpenAnswers(page: Page): Promise<void> {
	const chooser = page.waitForEvent('filechooser');
	await page.getByRole('button', { name: 'Open trace…' }).click();
	await chooser;
}

for (const [name, make] of [
	['100,000 thread_start events', threadJobsLink],
	['a job on each of 150,000 workers', manyWorkersLink]
] as const) {
	test(`a link of ${name} opens, and steps, while the page answers`, async ({ page }) => {
		test.slow();
		const link: HostileLink = await make();
		await page.goto(`./${link.fragment}`);
		await expectOpenAnswers(page);
		await expect(position(page)).toHaveAttribute('aria-valuetext', `event 1 of ${link.events}`, {
			timeout: 90_000
		});
		await page.getByRole('button', { name: 'Go to end' }).click();
		await expect(position(page)).toHaveAttribute(
			'aria-valuetext',
			`event ${link.events} of ${link.events}`
		);
		await page.getByRole('button', { name: 'Step back' }).click();
		await expect(position(page)).toHaveAttribute(
			'aria-valuetext',
			`event ${Number(link.events) - 1} of ${link.events}`
		);
	});
}

for (const [name, make] of [
	['declaring 300,000 workers', declaredWorkersLink],
	['of a task named with 15 MB', longNameLink]
] as const) {
	test(`a link ${name} is refused in a sentence, the code kept, the page answering`, async ({
		page
	}) => {
		const link = await make();
		await page.goto(`./${link.fragment}`);
		await expect(notice(page)).toContainText(link.refusal ?? '');
		await expect(page.getByRole('textbox', { name: 'Python code' })).toContainText('asyncio');
		await expectOpenAnswers(page);
	});
}

test('a trace file whose output is one 95 MB line is refused in a sentence', async ({ page }) => {
	test.slow();
	const { text, refusal } = longOutputFile();
	const path = test.info().outputPath('long-line.json');
	await writeFile(path, text);
	await page.goto('./');
	await expect(position(page)).toHaveAttribute('aria-valuetext', /^event 1 of \d+$/);
	const chooser = page.waitForEvent('filechooser');
	await page.getByRole('button', { name: 'Open trace…' }).click();
	await (await chooser).setFiles(path);
	await expect(notice(page)).toContainText(`“long-line.json” cannot be opened. ${refusal}`, {
		timeout: 60_000
	});
	// The run on screen is still the one before, and answers.
	await page.getByRole('button', { name: 'Step forward' }).click();
	await expect(position(page)).toHaveAttribute('aria-valuetext', /^event 2 of \d+$/);
});

test('a comparison link of two runs of 100,000 thread_start events opens while Compare answers', async ({
	page
}) => {
	test.slow();
	const link = await threadJobsCompareLink();
	await page.goto(`./compare/${link.fragment}`);
	const where = page.locator('.where');
	await expect(where).toContainText(`A 1/${link.events}`, { timeout: 90_000 });
	await expect(where).toContainText(`B 1/${link.events}`);
	await expect(
		page.getByRole('alert').filter({ hasText: 'nothing has been executed' })
	).toBeVisible();
	// The summary compares the two runs (the same run twice: no difference in time).
	await expect(page.getByTestId('compare-headline')).not.toBeEmpty();
	await page.getByRole('button', { name: 'Step forward' }).click();
	await expect(where).toContainText(`A 2/${link.events}`);
});

test('presenter mode opens a link of 100,000 thread_start events, and steps', async ({ page }) => {
	test.slow();
	const link = await threadJobsLink();
	await page.goto(`./present/${link.fragment}`);
	const position = page.getByTestId('position');
	await expect(position).toHaveText(`step 1 / ${link.events}`, { timeout: 90_000 });
	await page.keyboard.press('PageDown');
	await expect(position).toHaveText(`step 2 / ${link.events}`);
});
