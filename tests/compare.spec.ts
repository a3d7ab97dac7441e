import { expect, test, type Page } from '@playwright/test';
import { failOnPageError, startPresenting, waitForPython } from './helpers';

// Pages must never throw, whatever they are given.
test.beforeEach(({ page }) => failOnPageError(page));

const headline = (page: Page) => page.getByTestId('compare-headline');
const where = (page: Page) => page.locator('.where');
const narration = (page: Page, side: 'a' | 'b') =>
	page.getByTestId(`narration-${side}`).getByTestId('narration');

/** Each run's event at the shared cursor, as the transport shows it ("A 12/50"). */
async function cursors(page: Page): Promise<{ a: number; b: number; t: string }> {
	const text = (await where(page).innerText()).replace(/\s+/g, ' ');
	const match = /t = (\S+ s) A (\d+)\/\d+ B (\d+)\/\d+/.exec(text);
	if (!match) throw new Error(`unexpected transport text: ${text}`);
	return { t: match[1], a: Number(match[2]), b: Number(match[3]) };
}

async function openDefault(page: Page): Promise<void> {
	await page.goto('./compare/');
	await expect(page.locator('[data-compare="ready"]')).toBeVisible();
}

for (const viewport of [
	{ width: 1280, height: 720 },
	{ width: 1024, height: 768 }
])
	test.describe(`Compare at ${viewport.width}×${viewport.height}`, () => {
		test.use({ viewport });

		test('opens on one-by-one vs gather before Python loads: both runs, their totals and why', async ({
			page
		}) => {
			await openDefault(page);
			await expect(page.locator('[data-runtime="ready"]')).toHaveCount(0);
			await expect(headline(page)).toHaveText(
				'B is 1 s faster: 0.5 s instead of 1.5 s (3× as fast).'
			);
			await expect(page.getByTestId('total-a')).toHaveText('1.5 s');
			await expect(page.getByTestId('total-b')).toHaveText('0.5 s');
			await expect(page.getByTestId('compare-because')).toContainText('1 s of waiting overlaps');
			await expect(page.getByRole('region', { name: 'Timeline of run A' })).toBeVisible();
			await expect(page.getByRole('region', { name: 'Timeline of run B' })).toBeVisible();
			// The summary and the top of both timelines are in the first screen.
			for (const id of ['compare-headline', 'total-a', 'total-b'])
				await expect(page.getByTestId(id)).toBeInViewport();
			await expect(
				page.getByRole('region', { name: 'Timeline of run B' }).getByRole('button').first()
			).toBeInViewport();
			await page.screenshot({
				path: `test-results/compare-${viewport.width}x${viewport.height}.png`
			});
		});

		test('Present shows both runs, the summary and what each is doing on one screen, in large type', async ({
			page
		}) => {
			await openDefault(page);
			await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
			await startPresenting(page);
			// The programs and the pickers step aside; nothing scrolls.
			await expect(page.getByTestId('editor-a')).toHaveCount(0);
			expect(
				await page.evaluate(() => document.documentElement.scrollHeight - innerHeight)
			).toBeLessThanOrEqual(0);
			for (const side of ['a', 'b'] as const) {
				const run = page.getByTestId(`side-${side}`);
				const lanes = run
					.getByRole('list', { name: 'Tasks and worker threads' })
					.getByRole('listitem');
				expect(await lanes.count()).toBeGreaterThan(0);
				for (const lane of await lanes.all()) await expect(lane).toBeInViewport({ ratio: 1 });
				await expect(narration(page, side)).toBeInViewport({ ratio: 1 });
				for (const list of ['Ready queue', 'Timers'])
					await expect(run.getByRole('list', { name: list })).toBeInViewport({ ratio: 1 });
			}
			await expect(headline(page)).toBeInViewport({ ratio: 1 });
			// The clicker steps both runs; Escape leaves.
			const start = await cursors(page);
			await page.keyboard.press('PageDown');
			await expect.poll(() => cursors(page)).not.toEqual(start);
			await page.keyboard.press('Escape');
			await expect(page.getByTestId('editor-a')).toBeVisible();
		});

		test('the playground links to Compare', async ({ page }) => {
			await page.goto('./');
			await page.getByRole('link', { name: 'Compare two runs' }).click();
			await expect(headline(page)).toContainText('B is 1 s faster');
		});

		test('stepping leaves the page where it is (only the editors follow the line)', async ({
			page
		}) => {
			await openDefault(page);
			const transport = page.getByRole('button', { name: 'Step forward' });
			await transport.scrollIntoViewIfNeeded();
			const scrolled = await page.evaluate(() => window.scrollY);
			for (let n = 0; n < 12; n++) await transport.click();
			await expect.poll(() => cursors(page).then(({ a, b }) => a + b)).toBeGreaterThan(12);
			expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);
		});

		test('one shared cursor moves both runs by virtual time', async ({ page }) => {
			await openDefault(page);
			await expect.poll(() => cursors(page)).toMatchObject({ a: 1, b: 1, t: '0 s' });
			const before = [
				await narration(page, 'a').innerText(),
				await narration(page, 'b').innerText()
			];

			await page.getByRole('button', { name: 'Step forward' }).click();
			await page.getByRole('button', { name: 'Step forward' }).click();
			const stepped = await cursors(page);
			expect(stepped.a + stepped.b).toBe(4); // two steps: each moves one run or both by one
			await expect(narration(page, 'b')).not.toHaveText(before[1]);

			// At the end both runs are done; the one-by-one run ends later, at 1.5 s.
			await page.keyboard.press('End');
			await expect.poll(() => cursors(page)).toEqual({ a: 50, b: 51, t: '1.5 s' });
			await expect(narration(page, 'a')).toContainText('finishes at t = 1.5 s');
			await expect(narration(page, 'b')).toContainText('finishes at t = 0.5 s');

			// Halfway along the shared axis (0.75 s): gather is done, one-by-one is in its second sleep.
			const strip = page.getByTestId('path-a');
			const box = await strip.boundingBox();
			if (!box) throw new Error('no critical path strip');
			await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
			const middle = await cursors(page);
			expect(middle.t).toBe('0.5 s');
			expect(middle.b).toBe(51);
			expect(middle.a).toBeGreaterThan(1);
			expect(middle.a).toBeLessThan(50);
			await expect(narration(page, 'b')).toContainText('finishes at t = 0.5 s');
			await expect(narration(page, 'a')).not.toContainText('finishes');

			// The scrubber: its start is both starts.
			await page.getByTestId('shared-scrubber').fill('0');
			await expect.poll(() => cursors(page)).toMatchObject({ a: 1, b: 1, t: '0 s' });
		});

		test('each run shows its own ready queue and timers at the shared cursor', async ({ page }) => {
			await openDefault(page);
			const loop = (side: 'A' | 'B') =>
				page.getByRole('region', { name: `Event loop of run ${side}` });
			const entries = (side: 'A' | 'B', list: 'Ready queue' | 'Timers') =>
				loop(side).getByRole('list', { name: list }).getByRole('listitem');
			for (const side of ['A', 'B'] as const) {
				await expect(loop(side)).toBeVisible();
				await expect(entries(side, 'Ready queue')).toHaveText(['empty']);
				await expect(entries(side, 'Timers')).toHaveText(['none']);
			}

			// Just before 0.5 s: one after another has one timer (its first fetch's sleep); gather
			// has all three fetches asleep at once, due at the same moment.
			await page.getByTestId('shared-scrubber').fill('44');
			await expect.poll(() => cursors(page)).toEqual({ a: 15, b: 32, t: '0 s' });
			await expect(entries('A', 'Timers')).toHaveText(['0.5 s get_users_one_by_one()']);
			await expect(entries('B', 'Timers')).toHaveText([
				'0.5 s fetch_user(1)',
				'0.5 s fetch_user(2)',
				'0.5 s fetch_user(3)'
			]);
			await expect(entries('A', 'Ready queue')).toHaveText(['empty']);
			await expect(entries('B', 'Ready queue')).toHaveText(['empty']);

			// At 0.5 s the timers fire: A's one task is ready, B's three are, first in, first out.
			await page.getByRole('button', { name: 'Step forward' }).click();
			await page.getByRole('button', { name: 'Step forward' }).click();
			await expect.poll(() => cursors(page)).toEqual({ a: 16, b: 33, t: '0.5 s' });
			await expect(entries('A', 'Ready queue')).toHaveText(['get_users_one_by_one()']);
			await expect(entries('B', 'Ready queue')).toHaveText([
				'fetch_user(1)',
				'fetch_user(2)',
				'fetch_user(3)'
			]);
			// A task's step is drawn as ready; a plain callback (below) is drawn apart.
			await expect(entries('A', 'Ready queue')).toHaveClass([/\bready\b/]);
			for (const side of ['A', 'B'] as const)
				await expect(entries(side, 'Timers')).toHaveText(['none']);

			// At the end no task is left: only asyncio.run's callback that stops the loop is ready.
			await page.keyboard.press('End');
			await expect.poll(() => cursors(page)).toEqual({ a: 50, b: 51, t: '1.5 s' });
			for (const side of ['A', 'B'] as const) {
				await expect(entries(side, 'Ready queue')).toHaveText(['stop the loop (main is done)']);
				await expect(entries(side, 'Ready queue')).toHaveClass([/\bcallback\b/]);
				await expect(entries(side, 'Timers')).toHaveText(['none']);
			}
		});

		test('Copy link reopens the same comparison, at the same moment', async ({
			page,
			context,
			baseURL
		}) => {
			// Two pages and thirty key presses: more than a minute on a loaded machine.
			test.slow();
			await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
				origin: new URL(baseURL ?? '').origin
			});
			await openDefault(page);
			for (let step = 0; step < 30; step++) await page.keyboard.press('ArrowRight');
			const sent = await cursors(page);
			await page.getByRole('button', { name: 'Copy link' }).click();
			await expect(page.getByText('Link copied')).toBeVisible();
			const link = await page.evaluate(() => navigator.clipboard.readText());
			expect(link).toMatch(/\/compare\/#v1\./);

			const reader = await context.newPage();
			await reader.goto(link);
			await expect(
				reader.getByRole('alert').filter({ hasText: 'nothing has been executed' })
			).toBeVisible();
			await expect(headline(reader)).toHaveText(await headline(page).innerText());
			await expect.poll(() => cursors(reader)).toEqual(sent);
			await expect(reader.getByTestId('editor-a')).toContainText('get_users_one_by_one');
			await expect(reader.getByTestId('editor-b')).toContainText('asyncio.gather');
		});

		test('editing one program and running it updates the comparison', async ({ page }) => {
			test.slow();
			await openDefault(page);
			await waitForPython(page);
			const editor = page.getByTestId('editor-b').getByRole('textbox', { name: 'Python code' });
			await editor.click();
			await page.keyboard.press('ControlOrMeta+a');
			await page.keyboard.press('Delete');
			await page.keyboard.insertText(`import asyncio
import time


async def fetch(n):
    time.sleep(0.5)  # blocks the loop: gather cannot overlap it


async def main():
    await asyncio.gather(fetch(1), fetch(2), fetch(3))


asyncio.run(main())
`);
			await expect(page.getByTestId('side-b')).toContainText('edited since this run');
			await page.getByRole('button', { name: 'Run B', exact: true }).click();
			// time.sleep under gather takes as long as awaiting one fetch after another.
			await expect(headline(page)).toHaveText('A and B take the same time: 1.5 s.', {
				timeout: 60_000
			});
			await expect(page.getByTestId('total-b')).toHaveText('1.5 s');
			await expect(page.getByTestId('compare-because')).toContainText(
				'B blocks the event loop for 1.5 s (3 blocking calls'
			);
			await expect(page.getByTestId('side-b')).not.toContainText('edited since this run');
			await expect(page.getByTestId('path-text-b')).toContainText('blocks the whole loop');
		});
	});

test('M shows both runs’ loops as machines, one choice for both; presenting keeps the lists', async ({
	page
}) => {
	await openDefault(page);
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	const machine = (side: 'a' | 'b') => page.getByTestId(`loop-${side}`).getByTestId('loop-machine');
	await expect(machine('a')).toHaveCount(0);
	await page.keyboard.press('m');
	for (const side of ['a', 'b'] as const) await expect(machine(side)).toBeVisible();
	// Step into B's gather: its three fetches wait on their timers, each a token in B's machine.
	const timerTokens = machine('b').locator('[data-place="timers"][data-task]');
	for (let step = 0; step < 60 && (await timerTokens.count()) < 3; step++)
		await page.keyboard.press('ArrowRight');
	await expect(timerTokens).toHaveCount(3);
	// Either switch turns both back to lists.
	await page.getByTestId('loop-a').getByRole('button', { name: 'List', exact: true }).click();
	for (const side of ['a', 'b'] as const) await expect(machine(side)).toHaveCount(0);
	await page.keyboard.press('m');
	await expect(machine('b')).toBeVisible();
	// Presenting (a projector's one screen) shows the one-line lists, and M leaves them.
	await startPresenting(page);
	for (const side of ['a', 'b'] as const) await expect(machine(side)).toHaveCount(0);
	await page.keyboard.press('m');
	for (const side of ['a', 'b'] as const) await expect(machine(side)).toHaveCount(0);
});
