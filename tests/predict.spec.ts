import { expect, test, type Page } from '@playwright/test';
import { expectNoViolations } from './axe';
import { barPixelsAfterCursor } from './helpers';

const SIZES = [
	{ width: 1024, height: 768 },
	{ width: 1280, height: 720 }
];

const question = (page: Page) => page.getByTestId('predict-question');
const output = (page: Page) => page.getByTestId('console');
const position = (page: Page) => page.getByTestId('position');

/** Presses the clicker's PageDown until a question is open (at most `max` times). */
async function clickUntilAsked(page: Page, max = 40): Promise<void> {
	for (let press = 0; press < max; press++) {
		if (await question(page).isVisible()) return;
		await page.keyboard.press('PageDown');
	}
	await expect(question(page)).toBeVisible();
}

for (const size of SIZES) {
	test(`at ${size.width}×${size.height}: presenter mode asks, hides the future, and reveals what CPython does`, async ({
		page
	}, testInfo) => {
		await page.setViewportSize(size);
		await page.goto('./present/?example=get_users_batch');
		await expect(position(page)).toHaveText('step 1 / 51');
		// Before predict mode: the whole run is drawn, far past the cursor.
		await expect.poll(() => barPixelsAfterCursor(page)).toBeGreaterThan(500);

		const toggle = page.getByRole('button', { name: 'Predict', exact: true });
		await toggle.click();
		await expect(toggle).toHaveAttribute('aria-pressed', 'true');
		await expect.poll(() => barPixelsAfterCursor(page)).toBe(0);

		// The first decision: main awaits gather. When does it return?
		await clickUntilAsked(page);
		await expect(position(page)).toHaveText('step 16 / 51');
		await expect(question(page)).toHaveAttribute('data-kind', 'await_return');
		await expect(question(page).getByRole('heading')).toContainText('When does it return?');
		await expect(page.getByTestId('narration')).toHaveCount(0);
		await expect(page.getByTestId('predict-live')).toContainText('Question:');
		expect(await barPixelsAfterCursor(page)).toBe(0);
		await page.screenshot({ path: testInfo.outputPath(`present-asked-${size.width}.png`) });
		// The clicker reveals first: CPython's gather returns at 0.5 s, after the last fetch.
		await page.keyboard.press('PageDown');
		await expect(position(page)).toHaveText('step 16 / 51');
		await expect(page.getByTestId('predict-answer')).toContainText(
			'At t = 0.5 s, when fetch_user(3) ends.'
		);

		// Then goes on, to the next question: which task runs next?
		await page.keyboard.press('PageDown');
		await expect(question(page)).toHaveAttribute('data-kind', 'next_task');
		await expect(question(page).getByRole('heading')).toContainText('Which task runs next?');
		await expect(position(page)).toHaveText('step 17 / 51');
		const choices = question(page).getByRole('list', { name: 'Choices' }).getByRole('button');
		await expect(choices).toHaveText([
			/^1\s*fetch_user\(1\)\s*$/,
			/^2\s*fetch_user\(2\)\s*$/,
			/^3\s*fetch_user\(3\)\s*$/
		]);
		// The class votes fetch_user(2): the number key picks it, Enter reveals.
		await page.keyboard.press('2');
		await expect(choices.nth(1)).toHaveAttribute('aria-pressed', 'true');
		await page.keyboard.press('Enter');
		await expect(page.getByTestId('predict-answer')).toContainText('Not quite.');
		await expect(page.getByTestId('predict-answer')).toContainText('fetch_user(1) runs next.');
		await expect(page.getByTestId('predict-answer')).toContainText('first in, first out');
		await expect(page.getByTestId('predict-live')).toContainText('Not quite.');
		await page.screenshot({ path: testInfo.outputPath(`present-revealed-${size.width}.png`) });
		await page.getByRole('radio', { name: 'High contrast' }).click();
		await page.screenshot({ path: testInfo.outputPath(`present-contrast-${size.width}.png`) });
		await page.getByRole('radio', { name: 'Light' }).click();

		// What is printed after "Fetching user 1..."? Not on screen before the answer.
		await page.keyboard.press('PageDown');
		await clickUntilAsked(page);
		await expect(question(page)).toHaveAttribute('data-kind', 'next_output');
		await expect(output(page)).toContainText('Fetching user 1...');
		await expect(output(page)).not.toContainText('Fetching user 2...');
		expect(await barPixelsAfterCursor(page)).toBe(0);
		await page.keyboard.press('r');
		await expect(page.getByTestId('predict-answer')).toContainText('“Fetching user 2...”');
		for (let press = 0; press < 8; press++) await page.keyboard.press('ArrowRight');
		await expect(output(page)).toContainText('Fetching user 2...');

		// Off again: the whole run is drawn, and the clicker just steps.
		await toggle.click();
		await expect(question(page)).toHaveCount(0);
		await expect.poll(() => barPixelsAfterCursor(page)).toBeGreaterThan(500);
	});
}

test('a lesson: Predict stops the steps at its questions; Q reveals, then goes to the next', async ({
	page
}, testInfo) => {
	await page.setViewportSize({ width: 1280, height: 720 });
	await page.goto('./lessons/task-group/');
	const toggle = page.getByRole('button', { name: 'Predict', exact: true });
	await toggle.click();
	// From the lesson's first step, the clicker goes to the first question at the latest.
	await page.keyboard.press('Home');
	await clickUntilAsked(page);
	await expect(question(page)).toBeVisible();
	await page.keyboard.press('q');
	await expect(page.getByTestId('predict-answer')).toBeVisible();
	await page.screenshot({ path: testInfo.outputPath('lesson-revealed.png') });
	// Q goes on to the next question; the `async with` ends when fetch_user(2, 0.3) fails.
	await page.keyboard.press('q');
	await expect(question(page)).toHaveAttribute('data-revealed', 'false');
	const asked = await question(page).getAttribute('data-kind');
	expect(['await_return', 'next_task', 'next_output']).toContain(asked);
});

test('the playground offers Predict, and ? lists its keys', async ({ page }) => {
	await page.setViewportSize({ width: 1280, height: 720 });
	await page.goto('./');
	const toggle = page.getByRole('button', { name: 'Predict', exact: true });
	await expect(toggle).toBeVisible();
	await toggle.click();
	// The timeline now draws nothing after the cursor.
	await expect(page.locator('section.timeline[data-reveal-until]')).toHaveAttribute(
		'data-reveal-until',
		/^\d+$/
	);
	// The Step forward button moves as → does: it reveals the open question's answer first.
	await page.locator('body').press('q');
	await expect(question(page)).toHaveAttribute('data-revealed', 'false');
	const at = await position(page).textContent();
	const stepForward = page.getByRole('button', { name: 'Step forward', exact: true });
	await stepForward.click();
	await expect(question(page)).toHaveAttribute('data-revealed', 'true');
	await expect(position(page)).toHaveText(at ?? '');
	// Then it goes on (through any other question asked at the same event).
	for (let click = 0; click < 6 && (await position(page).textContent()) === at; click++)
		await stepForward.click();
	await expect(position(page)).not.toHaveText(at ?? '');
	await page.locator('body').press('?');
	const help = page.getByRole('dialog', { name: 'Keyboard' });
	await expect(help).toContainText('Predict mode');
	await expect(help).toContainText('Reveal the answer');
	await expect(help).toContainText('Go to the next question');
});

test('the open question and its revealed answer pass axe (WCAG 2.2 AA) in every presenter theme', async ({
	page
}) => {
	await page.setViewportSize({ width: 1280, height: 720 });
	await page.goto('./present/?example=get_users_batch');
	const toggle = page.getByRole('button', { name: 'Predict', exact: true });
	for (const theme of ['Light', 'Dark', 'High contrast']) {
		await page.getByRole('radio', { name: theme }).click();
		// Afresh in each theme: on, from the start, to the first question.
		if ((await toggle.getAttribute('aria-pressed')) === 'true') await toggle.click();
		await toggle.click();
		await page.keyboard.press('Home');
		await clickUntilAsked(page);
		await page.keyboard.press('2');
		for (const state of ['asked, a choice picked', 'revealed, the pick wrong']) {
			await expectNoViolations(page, `${theme}, ${state}`, {
				within: '[data-testid="predict-question"]'
			});
			await page.keyboard.press('r');
		}
		await expect(page.getByTestId('predict-answer')).toContainText('Not quite.');
	}
});
