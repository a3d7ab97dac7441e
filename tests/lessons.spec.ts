import { expect, test, type Page } from '@playwright/test';
import { LESSONS } from '../src/lib/lessons/catalog';
import { run, typeCode, waitForPython } from './helpers';

// page.route sees only the page's own requests: the service worker (which precaches Pyodide for
// offline use) would fetch around it.
test.use({ serviceWorkers: 'block' });

const SIZES = [
	{ width: 1024, height: 768 },
	{ width: 1280, height: 720 }
];

/** Makes every Pyodide file fail to load: what shows is what the page had without Python. */
async function withoutPython(page: Page): Promise<string[]> {
	const blocked: string[] = [];
	await page.route('**/pyodide/**', (route) => {
		blocked.push(route.request().url());
		return route.abort();
	});
	return blocked;
}

const lanes = (page: Page) =>
	page.getByRole('list', { name: 'Tasks and worker threads' }).getByRole('listitem');
const step = (page: Page) => page.getByTestId('step');

/** Every lane shows (its middle inside the timeline's box): the class sees all the tasks. */
async function expectLanesInSight(page: Page): Promise<void> {
	const box = await page.getByRole('region', { name: /^Timeline of/ }).boundingBox();
	const count = await lanes(page).count();
	for (let lane = 0; lane < count; lane++) {
		const at = await lanes(page).nth(lane).boundingBox();
		expect(box && at, `lane ${lane + 1} has a box`).toBeTruthy();
		const middle = at!.y + at!.height / 2;
		expect(middle, `lane ${lane + 1} is in sight`).toBeGreaterThan(box!.y);
		expect(middle, `lane ${lane + 1} is in sight`).toBeLessThan(box!.y + box!.height);
	}
}
const output = (page: Page) => page.getByTestId('console');

for (const size of SIZES) {
	test.describe(`at ${size.width}×${size.height}`, () => {
		test.use({ viewport: size });

		test('the list of lessons leads to a lesson, its run on screen before Python', async ({
			page
		}) => {
			const blocked = await withoutPython(page);
			await page.goto('./lessons/');
			const links = page.getByRole('main').getByRole('link');
			await expect(links).toHaveCount(LESSONS.length);
			await expect(links.first()).toContainText('Anatomy of an async program');
			await expect(links.nth(3)).toContainText('Why do three 0.5 s fetches take 0.5 s');

			await links.nth(3).click();
			await expect(page).toHaveURL(/\/lessons\/get-users-batch\/$/);
			await expect(page.getByRole('heading', { level: 1 })).toContainText(
				'gather: three fetches at once'
			);
			// The recorded run: four lanes, and the first step's words.
			await expect(lanes(page)).toHaveCount(4);
			await expectLanesInSight(page);
			await expect(step(page)).toContainText('Step 1 of 6');
			await expect(step(page)).toContainText('wraps each');
			// Python never came: the page tried to load it, and failed.
			expect(blocked.length).toBeGreaterThan(0);
			await expect(page.locator('[data-runtime="error"]')).toBeVisible();
		});

		test('the steps move the player to their moments; previous and next lesson', async ({
			page
		}) => {
			await withoutPython(page);
			await page.goto('./lessons/get-users-batch/');
			const position = page.getByText(/^\d+ \/ 51$/);
			await expect(step(page)).toContainText('Step 1 of 6');
			const first = await position.textContent();

			await page.getByRole('button', { name: /Next step/ }).click();
			await expect(step(page)).toContainText('Step 2 of 6');
			await expect(step(page)).toContainText('waits for the gather');
			expect(await position.textContent()).not.toBe(first);

			// Step 5: the timers have fired; the output has all three fetches.
			await page.getByRole('button', { name: 'Step 5', exact: true }).click();
			await expect(step(page)).toContainText('At t = 0.5 s the three timers fire');
			await expect(page.getByTestId('virtual-time')).toHaveText('0.5 s');
			await expect(output(page)).toContainText('Fetching user 3...');
			await expect(output(page)).not.toContainText('Got 3 users');

			// A clicker's keys step too.
			await page.keyboard.press('PageDown');
			await expect(step(page)).toContainText('Step 6 of 6');
			await expect(output(page)).toContainText('Got 3 users');
			await expect(page.getByRole('button', { name: /Next step/ })).toBeDisabled();
			await page.keyboard.press('PageUp');
			await expect(step(page)).toContainText('Step 5 of 6');
			await page.getByRole('button', { name: /Back/ }).click();
			await expect(step(page)).toContainText('Step 4 of 6');

			// Scrubbing back before the first step leaves the steps, and Next comes back to step 1.
			await page.keyboard.press('Home');
			await expect(step(page)).toContainText('Next step');
			await page.getByRole('button', { name: /Next step/ }).click();
			await expect(step(page)).toContainText('Step 1 of 6');

			await page.getByRole('link', { name: 'Next lesson: Sequential awaits vs gather' }).click();
			await expect(page).toHaveURL(/\/lessons\/sequential-vs-gather\/$/);
			await expect(step(page)).toContainText('Step 1 of 5');
			await page.getByRole('link', { name: /^Previous lesson/ }).click();
			await expect(page).toHaveURL(/\/lessons\/get-users-batch\/$/);
			await expect(step(page)).toContainText('Step 1 of 6');

			// A reload keeps the lesson.
			await page.reload();
			await expect(page.getByRole('heading', { level: 1 })).toContainText(
				'gather: three fetches at once'
			);
			await expect(lanes(page)).toHaveCount(4);
		});
	});
}

test('the SyntaxError lesson points at its line and shows the fix with its run', async ({
	page
}) => {
	await withoutPython(page);
	await page.goto('./lessons/await-outside-async/');
	await expect(step(page)).toContainText('Step 1 of 1');
	await expect(page.locator('.cm-error-line')).toContainText('user = await fetch_user(user_id)');
	await expect(output(page)).toContainText("SyntaxError: 'await' outside async function");

	await page.getByRole('button', { name: /See the fix/ }).click();
	await expect(page.getByRole('button', { name: 'The fix' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await expect(page.getByRole('textbox', { name: 'Python code' })).toContainText(
		'async def get_user(user_id):'
	);
	await expect(page.getByRole('region', { name: 'Lesson steps' })).toContainText(
		'Make get_user an async def'
	);
	await expect(output(page)).toContainText("{'id': 1, 'name': 'User 1'}");
	await expect(page.locator('.cm-error-line')).toHaveCount(0);

	await page.getByRole('button', { name: 'The gotcha' }).click();
	await expect(step(page)).toContainText('Step 1 of 1');
});

test('the learner edits a lesson and runs it with Python', async ({ page }) => {
	await page.goto('./lessons/simple-async/');
	await waitForPython(page);
	await typeCode(
		page,
		'import asyncio\n\nasync def main():\n    await asyncio.sleep(2)\n    print("edited!")\n\nasyncio.run(main())\n'
	);
	await expect(page.getByText('Edited. Press Run')).toBeVisible();
	await run(page);
	await page.keyboard.press('End');
	await expect(output(page)).toContainText('edited!');
	await expect(page.getByTestId('virtual-time')).toHaveText('2 s');
	// The steps tell the lesson's program, not this one.
	await expect(page.getByText('This is your own run')).toBeVisible();
	await page.getByRole('button', { name: 'back to it' }).click();
	await expect(step(page)).toContainText('Step 1 of 4');
	await expect(page.getByRole('textbox', { name: 'Python code' })).toContainText('say_hello');
});

test('the playground links to the lessons', async ({ page }) => {
	await withoutPython(page);
	await page.goto('./');
	await page.getByRole('link', { name: 'Lessons' }).click();
	await expect(page).toHaveURL(/\/lessons\/$/);
	await expect(page.getByRole('heading', { name: 'Lessons', level: 1 })).toBeVisible();
});
