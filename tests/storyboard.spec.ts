import { expect, test } from '@playwright/test';
import { expectNoViolations } from './axe';

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
	await expect(page.getByRole('radio', { name: 'Key steps' })).toBeChecked();
	await page.getByRole('radio', { name: 'Every step' }).check();
	// The choice is in the address: a reload prints the same handout.
	await expect(page).toHaveURL(/\/storyboard\/\?steps=every#v1\./);
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

	await expectNoViolations(page);

	// On paper: no buttons.
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
});

test('a storyboard of a broken link says what is wrong', async ({ page }) => {
	await page.goto('./storyboard/#v1.garbage');
	await expect(page.getByRole('alert')).not.toBeEmpty();
	await expect(page.getByRole('list', { name: 'Steps' })).toHaveCount(0);
});

/** The number of pages of a PDF Chromium made (each page is one `/Type /Page` object). */
function pdfPages(pdf: Buffer): number {
	return pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length ?? 0;
}

/** The panels' headings in a PDF made with `outline` and `tagged` (its outline lists the headings). */
function pdfPanels(pdf: Buffer): string[] {
	return [...pdf.toString('latin1').matchAll(/\/Title \((Step \d+) of \d+/g)].map(
		(match) => match[1]
	);
}

test('a handout of the key steps: each with its narration, the code marked and named, and the lanes', async ({
	page
}) => {
	await page.goto('./storyboard/?example=get_users_batch');
	await expect(page.getByRole('radio', { name: 'Key steps' })).toBeChecked();
	const steps = page.getByRole('list', { name: 'Steps' }).locator(':scope > li');
	// main suspends on the gather; each fetch_user prints and sleeps, then returns; main prints
	// and returns; the run's outcome.
	await expect(steps).toHaveCount(9);
	await expect(page.getByRole('heading', { name: /Key steps/ })).toContainText('9 of 51 steps');
	const numbers = await steps.getByRole('heading', { level: 3 }).allTextContents();
	expect(numbers.map((text) => /Step (\d+) of 51/.exec(text)?.[1])).toEqual([
		'16',
		'22',
		'27',
		'32',
		'37',
		'40',
		'43',
		'50',
		'51'
	]);

	// The moment the third fetch_user sleeps: its narration, the code around the paused lines
	// (each marked and named), the lanes at that moment, the three timers and what it printed.
	const third = steps.nth(3);
	await expect(third).toContainText('fetch_user(3) reaches await asyncio.sleep(0.5) on line 6');
	const code = third.getByRole('group', { name: 'Code at step 32' });
	await expect(
		code.getByRole('listitem').filter({ hasText: 'await asyncio.sleep(0.5)' })
	).toContainText('paused: Task-2, Task-3, Task-4');
	await expect(
		code.getByRole('listitem').filter({ hasText: 'await asyncio.gather(' })
	).toContainText('paused: Task-1');
	await expect(code.getByRole('listitem')).toHaveCount(6);
	await expect(third.getByRole('list', { name: 'Timers' }).getByRole('listitem')).toHaveCount(3);
	await expect(third.locator('.printed')).toHaveText('Fetching user 3...');
	const lanes = third.getByRole('img', { name: /^The lanes of get_users_batch\.py at step 32/ });
	await expect(lanes).toBeVisible();
	expect(await lanes.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(640);
	// The picture is the lanes alone: the panel prints the step, its time and its narration.
	const svg = decodeURIComponent((await lanes.getAttribute('src')) ?? '');
	expect(svg).toContain('<g class="lane"');
	expect(svg).not.toContain('class="narration"');
	expect(svg).not.toContain('step 32 of 51');
	// The last step says how the run ended.
	await expect(steps.last()).toContainText('The program finishes at t = 0.5 s');

	await expectNoViolations(page);

	// On paper (A4): the program and nine panels on a few pages, each panel whole; every step
	// takes more.
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByRole('radio', { name: 'Key steps' })).toBeHidden();
	await expect(steps).toHaveCount(9);
	// Laid out as wide as an A4 page (with or without the printer's margins), each picture
	// prints at least 3 % larger than it is drawn: its smallest text, 13 px, reads at 10 pt.
	for (const width of [794, 718]) {
		await page.setViewportSize({ width, height: 1123 });
		const scales = await page
			.getByRole('img', { name: /^The lanes of/ })
			.evaluateAll((imgs) =>
				imgs.map(
					(img) => img.getBoundingClientRect().width / (img as HTMLImageElement).naturalWidth
				)
			);
		expect(scales).toHaveLength(9);
		for (const scale of scales) expect(scale * 13 * 0.75).toBeGreaterThanOrEqual(10);
	}
	// No word on the handout is under 10 pt (13.3 px): the code, its notes, the loop's chips.
	const smallText = await page.getByRole('main').evaluate((main) => {
		const small: string[] = [];
		const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
		for (let node = walker.nextNode(); node; node = walker.nextNode()) {
			const parent = node.parentElement;
			if (!parent || !node.textContent?.trim() || !parent.checkVisibility()) continue;
			const size = parseFloat(getComputedStyle(parent).fontSize);
			if (size < 13.3) small.push(`${size}px ${node.textContent.trim().slice(0, 30)}`);
		}
		return small;
	});
	expect(smallText).toEqual([]);
	const keyPdf = await page.pdf({ format: 'A4', outline: true, tagged: true });
	expect(pdfPanels(keyPdf)).toEqual(numbers.map((text) => text.replace(/ of .*/s, '').trim()));
	const keyPages = pdfPages(keyPdf);
	expect(keyPages).toBe(6);
	await page.emulateMedia({ media: 'screen' });
	await page.getByRole('radio', { name: 'Every step' }).check();
	await expect(steps).toHaveCount(51);
	await expect(page.getByRole('img', { name: /^The lanes of/ })).toHaveCount(0);
	await page.emulateMedia({ media: 'print' });
	const everyPdf = await page.pdf({ format: 'A4', outline: true, tagged: true });
	expect(pdfPanels(everyPdf)).toHaveLength(51);
	expect(pdfPages(everyPdf)).toBeGreaterThan(keyPages);
});
