import { expect, test } from '@playwright/test';
import { expectNoViolations } from './axe';
import { runToEnd } from './helpers';

// WCAG 2.2 AA, as axe-core checks it, on every page and in every mode. The canvas lanes are
// out of axe's sight: their colours are checked by paint's unit tests.
const SCHEMES = ['light', 'dark'] as const;

for (const scheme of SCHEMES) {
	test(`the playground passes axe in the ${scheme} scheme: loading, after a run, with notices`, async ({
		page
	}) => {
		test.slow(); // Python loads, runs, and axe walks the page four times
		await page.emulateMedia({ colorScheme: scheme });
		await page.goto('./');
		await expect(page.getByRole('button', { name: /Task-2 · fetch_user\(1\)/ })).toBeVisible();
		await expectNoViolations(page, 'while Python loads');

		await runToEnd(
			page,
			'import asyncio\n\nasync def main():\n    print("hi")\n    await asyncio.sleep(1)\n    raise ValueError("boom")\n\nasyncio.run(main())\n'
		);
		await expect(page.getByTestId('console')).toContainText('ValueError');
		await expectNoViolations(page, 'after a run that failed');

		// A notice (a link that is not ours) and the offer of the replaced draft.
		await page.goto('./#hello');
		await expect(page.getByRole('alert').first()).toContainText('not a Loopscope share link');
		await page.getByRole('combobox', { name: 'Example' }).selectOption({ index: 1 });
		await expect(page.getByRole('button', { name: 'Restore your draft' })).toBeVisible();
		await expectNoViolations(page, 'with notices shown');

		await page.getByRole('button', { name: /^Share/ }).click();
		await expect(page.getByRole('dialog', { name: 'Share' })).toBeVisible();
		await expectNoViolations(page, 'with the share panel open');

		await page.keyboard.press('Escape');
		await page.getByRole('button', { name: 'Step forward' }).focus();
		await page.keyboard.press('?');
		await expect(page.getByRole('dialog', { name: 'Keyboard' })).toBeVisible();
		await expectNoViolations(page, 'with the keyboard help open');
	});

	test(`the embed passes axe in the ${scheme} scheme`, async ({ page }) => {
		await page.emulateMedia({ colorScheme: scheme });
		await page.goto('embed/?example=get_users_batch&step=12');
		await expect(page.getByRole('link', { name: /Open in Loopscope/ })).toBeVisible();
		await expectNoViolations(page, 'the embed');
	});
}

for (const scheme of SCHEMES) {
	test(`the lessons index passes axe in the ${scheme} scheme`, async ({ page }) => {
		await page.emulateMedia({ colorScheme: scheme });
		await page.goto('lessons/');
		await expect(page.getByRole('heading', { name: 'Lessons', level: 1 })).toBeVisible();
		await expectNoViolations(page, 'the lessons index');
	});

	test(`a lesson passes axe in the ${scheme} scheme: its first step, its last, the keyboard help`, async ({
		page
	}) => {
		await page.emulateMedia({ colorScheme: scheme });
		test.slow(); // axe walks the page two or three times
		await page.goto('lessons/get-users-batch/');
		await expect(page.getByTestId('step')).toBeVisible();
		await expectNoViolations(page, 'the lesson at its first step');

		// The clicker's PageDown walks the steps to the last, which shows the whole output.
		for (let step = 0; step < 10; step++) await page.keyboard.press('PageDown');
		await expect(page.getByTestId('console')).toContainText('Got 3 users');
		await expectNoViolations(page, 'the lesson at its last step');

		await page.getByRole('button', { name: 'Step forward' }).focus();
		await page.keyboard.press('?');
		await expect(page.getByRole('dialog', { name: 'Keyboard' })).toBeVisible();
		await expectNoViolations(page, 'the lesson with the keyboard help open');
	});

	test(`compare passes axe in the ${scheme} scheme: opening, and with both runs at their end`, async ({
		page
	}) => {
		await page.emulateMedia({ colorScheme: scheme });
		test.slow(); // axe walks the page two or three times
		await page.goto('compare/');
		await expect(page.locator('[data-compare="ready"]')).toBeVisible();
		await expectNoViolations(page, 'compare as it opens');

		await page.getByRole('button', { name: 'Go to end' }).click();
		await expect(page.locator('.where')).toContainText('A 50/50');
		await expectNoViolations(page, 'compare at the end of both runs');
	});
}

// Presenter mode sets its own colours (its toggle wins over the system's scheme).
for (const theme of ['Light', 'Dark', 'High contrast']) {
	test(`presenter mode passes axe in its ${theme} colours, at the first step and the last`, async ({
		page
	}) => {
		test.slow(); // axe walks the page two or three times
		await page.goto('present/?example=get_users_batch');
		await page.getByRole('radio', { name: theme }).click();
		await expect(page.getByRole('radio', { name: theme })).toHaveAttribute('aria-checked', 'true');
		await expect(page.getByTestId('position')).toHaveText('step 1 / 51');
		await expectNoViolations(page, `presenter mode (${theme}) at its first step`);

		await page.keyboard.press('End');
		await expect(page.getByTestId('position')).toHaveText('step 51 / 51');
		await expect(page.getByTestId('console')).toContainText('Got 3 users');
		await expectNoViolations(page, `presenter mode (${theme}) at its last step`);
	});
}

test('every control is reached by Tab, visibly focused and not hidden behind anything', async ({
	page
}) => {
	await page.goto('./');
	await expect(page.getByRole('button', { name: /Task-2 · fetch_user\(1\)/ })).toBeVisible();
	const seen: string[] = [];
	const problems: string[] = [];
	for (let press = 0; press < 80; press++) {
		// Tab indents inside the editor; Escape, then Tab, leaves it (CodeMirror's way out).
		if (await page.evaluate(() => document.activeElement?.closest('.cm-content') !== null))
			await page.keyboard.press('Escape');
		await page.keyboard.press('Tab');
		const stop = await page.evaluate(() => {
			const element = document.activeElement as HTMLElement | null;
			if (!element || element === document.body) return null;
			const name =
				element.getAttribute('aria-label') ??
				element.textContent?.trim().slice(0, 30) ??
				element.tagName;
			const id = `${element.tagName.toLowerCase()} “${name}”`;
			// A composite widget (the editor) may draw the ring around its whole box.
			const style = getComputedStyle(element.closest('[data-focus-ring]') ?? element);
			const ring =
				(style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) ||
				style.boxShadow !== 'none';
			const box = element.getBoundingClientRect();
			const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
			const y = Math.min(Math.max(box.top + box.height / 2, 0), innerHeight - 1);
			const top = document.elementFromPoint(x, y);
			const inView =
				box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth;
			const covered = !top || !(element.contains(top) || top.contains(element));
			return { id, ring, inView, covered };
		});
		if (!stop) continue;
		if (seen.includes(stop.id)) break;
		seen.push(stop.id);
		if (!stop.ring) problems.push(`${stop.id}: no visible focus indicator`);
		if (!stop.inView || stop.covered) problems.push(`${stop.id}: focused but out of sight`);
	}
	for (const control of ['Run', 'Step forward', 'Zoom in', 'Python code'])
		expect(
			seen.some((id) => id.includes(control)),
			`${control} is reachable`
		).toBe(true);
	expect(problems).toEqual([]);
});

// Every page with a timeline: the playground, a lesson, presenter mode, compare and the embed.
const ZOOMING_PAGES = [
	'./',
	'lessons/get-users-batch/',
	'present/?example=get_users_batch',
	'compare/',
	'embed/?example=get_users_batch'
];

for (const path of ZOOMING_PAGES)
	test(`reduced motion on ${path}: a zoom jumps to its place instead of gliding`, async ({
		page
	}) => {
		/** How many different axes are drawn in the 400 ms after pressing Zoom in, frame by frame. */
		const framesOfZoom = () =>
			page.evaluate(async () => {
				// Where the ticks stand (of the first timeline), and what they say: the places move
				// on every frame of an animation, labels or not; a zoom by 2 around t = 0 can put
				// the new ticks exactly where the old ones stood, with other labels.
				const ticks = () =>
					[...(document.querySelector('svg.axis')?.querySelectorAll('g[transform]') ?? [])]
						.map((tick) => `${tick.getAttribute('transform')} ${tick.textContent}`)
						.join('|');
				const states = new Set([ticks()]);
				document.querySelector<HTMLButtonElement>('button[aria-label="Zoom in"]')?.click();
				const start = performance.now();
				while (performance.now() - start < 400) {
					await new Promise(requestAnimationFrame);
					states.add(ticks());
				}
				return states.size;
			});

		await page.goto(path);
		await expect(page.getByRole('button', { name: 'Zoom in' }).first()).toBeEnabled();
		// Without the preference the zoom glides through in-between views.
		expect(await framesOfZoom()).toBeGreaterThan(2);

		await page.emulateMedia({ reducedMotion: 'reduce' });
		await page.reload();
		await expect(page.getByRole('button', { name: 'Zoom in' }).first()).toBeEnabled();
		// With it, the axis shows two views only: before and after.
		expect(await framesOfZoom()).toBe(2);
	});
