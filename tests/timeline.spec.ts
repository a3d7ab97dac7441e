import { expect, test, type Page } from '@playwright/test';

// The playground opens on the gather example, its trace already drawn: these tests need no
// Python. Task-2 · fetch_user(1) sleeps from 0 s to 0.5 s, so the middle of its lane is a wait.

const tickLabels = (page: Page) => page.locator('svg.axis text.tick-label');
const laneLabel = (page: Page, task: RegExp) =>
	page.getByRole('list', { name: 'Tasks and worker threads' }).getByRole('button', { name: task });

/** The tick labels once they stop moving (a zoom or pan animates for 220 ms). */
async function settledTicks(page: Page): Promise<string[]> {
	let last: string[] = [];
	await expect
		.poll(
			async () => {
				const now = await tickLabels(page).allTextContents();
				const same = now.join('|') === last.join('|');
				last = now;
				return same;
			},
			{ intervals: [300] }
		)
		.toBe(true);
	return last;
}

async function laneMiddle(page: Page, task: RegExp): Promise<{ x: number; y: number }> {
	const label = await laneLabel(page, task).boundingBox();
	const plot = await page.locator('.timeline .plot').boundingBox();
	if (!label || !plot) throw new Error('the timeline is not drawn');
	return { x: plot.x + plot.width / 2, y: label.y + label.height / 2 };
}

test('zooms and pans by buttons and keys, and fits the whole run again', async ({ page }) => {
	await page.goto('./');
	const zoomIn = page.getByRole('button', { name: 'Zoom in' });
	const zoomOut = page.getByRole('button', { name: 'Zoom out' });
	const fit = page.getByRole('button', { name: 'Fit' });
	await expect(zoomOut).toBeDisabled();
	await expect(fit).toBeDisabled();
	const whole = await tickLabels(page).allTextContents();
	expect(whole.length).toBeGreaterThan(2);

	await zoomIn.click();
	await expect(fit).toBeEnabled();
	await expect(zoomOut).toBeEnabled();
	await expect.poll(() => tickLabels(page).allTextContents()).not.toEqual(whole);

	// The keys work wherever the focus is inside the timeline.
	await page.keyboard.press('0');
	await expect(fit).toBeDisabled();
	await expect.poll(() => tickLabels(page).allTextContents()).toEqual(whole);

	// Zoom keeps the cursor in place: at the start of the run, so there is room to pan later.
	await page.getByRole('button', { name: 'Go to start' }).click();
	await zoomIn.focus();
	await page.keyboard.press('+');
	await page.keyboard.press('+');
	await expect(fit).toBeEnabled();
	const zoomed = await settledTicks(page);
	await page.keyboard.press(']');
	await expect.poll(() => tickLabels(page).allTextContents()).not.toEqual(zoomed);
	await page.keyboard.press('-');
	await page.keyboard.press('-');
	await expect(fit).toBeDisabled();
});

test('the wheel zooms around the pointer; a drag pans without seeking', async ({ page }) => {
	await page.goto('./');
	const fit = page.getByRole('button', { name: 'Fit' });
	const position = page.getByTestId('position');
	const whole = await tickLabels(page).allTextContents();
	const at = await laneMiddle(page, /Task-2 · fetch_user\(1\)/);
	await page.mouse.move(at.x, at.y);
	await page.mouse.wheel(0, -600);
	await expect(fit).toBeEnabled();
	const zoomed = await settledTicks(page);
	expect(zoomed).not.toEqual(whole);

	const start = await position.textContent();
	await page.mouse.move(at.x, at.y);
	await page.mouse.down();
	await page.mouse.move(at.x + 60, at.y, { steps: 4 });
	await page.mouse.move(at.x + 150, at.y, { steps: 4 });
	await page.mouse.up();
	await expect.poll(() => tickLabels(page).allTextContents()).not.toEqual(zoomed);
	await expect(position).toHaveText(start ?? '');
});

test('hovering a lane says what its task was doing; a click jumps to that moment', async ({
	page
}) => {
	await page.goto('./');
	const at = await laneMiddle(page, /Task-2 · fetch_user\(1\)/);
	await page.mouse.move(at.x, at.y);
	const tip = page.getByRole('tooltip');
	await expect(tip).toBeVisible();
	await expect(tip).toContainText('Task-2 · fetch_user(1)');
	await expect(tip).toContainText('waiting');
	await expect(tip).toContainText('awaits asyncio.sleep(0.5)');
	await expect(tip).toContainText('Click to jump here');

	await page.getByRole('button', { name: 'Go to start' }).click();
	const position = page.getByTestId('position');
	const start = await position.textContent();
	const narration = await page.getByTestId('narration').textContent();
	await page.mouse.click(at.x, at.y);
	await expect(position).not.toHaveText(start ?? '');
	await expect(page.getByTestId('narration')).not.toHaveText(narration ?? '');

	await page.getByTestId('narration').hover();
	await expect(tip).toBeHidden();
});

test('a lane label selects its task; the step axis counts loop steps', async ({ page }) => {
	await page.goto('./');
	const lane = laneLabel(page, /Task-3 · fetch_user\(2\)/);
	await expect(lane).toHaveAttribute('aria-pressed', 'false');
	await lane.click();
	await expect(lane).toHaveAttribute('aria-pressed', 'true');

	await expect(page.locator('.timeline .unit')).toHaveText('time →');
	await page.getByRole('radio', { name: /Step/ }).check();
	await expect(page.locator('.timeline .unit')).toHaveText('loop step →');
	await expect(lane).toHaveAttribute('aria-pressed', 'true');
});

test('the lanes repaint when the colour scheme turns dark', async ({ page }) => {
	await page.emulateMedia({ colorScheme: 'light' });
	await page.goto('./');
	// The canvas's mean brightness: its background and its bars both follow the theme.
	const brightness = () =>
		page.locator('canvas.segments').evaluate((canvas: HTMLCanvasElement) => {
			const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
			if (!data) return -1;
			let sum = 0;
			for (let i = 0; i < data.length; i += 4) sum += data[i] + data[i + 1] + data[i + 2];
			return sum / (data.length / 4) / 3;
		});
	const light = await brightness();
	expect(light).toBeGreaterThan(0);
	await page.emulateMedia({ colorScheme: 'dark' });
	await expect.poll(brightness).toBeLessThan(light - 20);
});

test('the lanes grow with the root font size, so presenter mode can scale them', async ({
	page
}) => {
	await page.goto('./');
	const lane = page.getByRole('list', { name: 'Tasks and worker threads' }).getByRole('listitem');
	await expect(lane.first()).toBeVisible();
	const before = (await lane.first().boundingBox())?.height ?? 0;
	await page.evaluate(() => (document.documentElement.style.fontSize = '25.5px'));
	await expect
		.poll(async () => (await lane.first().boundingBox())?.height ?? 0)
		.toBeCloseTo(before * 1.5, 0);
	// The canvas under the lanes is drawn at the new size too.
	const canvas = page.locator('canvas.segments');
	await expect
		.poll(async () => (await canvas.boundingBox())?.height ?? 0)
		.toBeGreaterThanOrEqual(4 * before * 1.5 - 1);
});
