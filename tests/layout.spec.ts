import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectAllShown } from './shown';

// Every mode on a projector: at 1024×768 and 1280×720 each lane, the ready queue, the timers, the
// output and the controls are on screen, whole: inside the window, not cut off by a scrolling
// panel, not covered by anything. The run is walked step by step, so a queue or a timer list at
// its longest is checked too. 150 % browser zoom is a window of 2/3 the size in CSS pixels at a
// device pixel ratio of 1.5 (what Chromium's zoom does to the page: media queries, vh and
// devicePixelRatio all follow); there the page may scroll, but the timeline follows the editor.

// The first size measures every step; the other, every third (the walk still counts the queue
// and the timers at every step): the suite stays fast, and a cut that lasts a step is caught at
// one size.
const SIZES = [
	{ width: 1024, height: 768, every: 1 },
	{ width: 1280, height: 720, every: 3 }
];

/** 1280×720 at 150 % zoom. */
const ZOOMED = { viewport: { width: 853, height: 480 }, deviceScaleFactor: 1.5 };

const lanes = (page: Page) =>
	page.getByRole('list', { name: 'Tasks and worker threads' }).getByRole('listitem');

/**
 * Why the text of `locator`'s element is not all there, or null when it is: no ellipsis, no
 * line clamp, nothing scrolled or clipped away inside it.
 */
async function cutText(locator: Locator): Promise<string | null> {
	return locator.evaluate((element) => {
		const name = `“${(element.textContent ?? '').trim().slice(0, 60)}”`;
		const style = getComputedStyle(element);
		if (style.webkitLineClamp !== 'none' && style.webkitLineClamp !== '')
			return `${name} is clamped to ${style.webkitLineClamp} lines`;
		if (element.scrollWidth > element.clientWidth + 1)
			return `${name} is cut at the side (${element.scrollWidth} > ${element.clientWidth} px)`;
		if (element.scrollHeight > element.clientHeight + 1)
			return `${name} is cut at the bottom (${element.scrollHeight} > ${element.clientHeight} px)`;
		return null;
	});
}

/**
 * The chips of the ready queue and the timers (every event loop on the page) whose text is not
 * all there: wider than the chip (an ellipsis, or clipped) or elided with '…'. Empty when each
 * says in full which task or callback it is.
 */
async function cutChips(page: Page): Promise<string[]> {
	return page.evaluate(() =>
		[...document.querySelectorAll('[aria-label="Ready queue"] li, [aria-label="Timers"] li')]
			.filter((chip) => chip.scrollWidth > chip.clientWidth + 1 || /…/.test(chip.textContent ?? ''))
			.map(
				(chip) =>
					`“${(chip.textContent ?? '').trim()}” (${chip.scrollWidth} > ${chip.clientWidth} px)`
			)
	);
}

/** What each mode must show, and how to step it. */
interface Mode {
	name: string;
	path: string;
	/** The list(s) of lanes; compare has two. */
	laneCount: number;
	/** Moves one step on. */
	step: (page: Page) => Promise<void>;
	/** The parts that must be whole at every step (lanes, queue and timers are added). */
	parts: (page: Page) => Locator[];
	/** Whether the mode draws the ready queue and the timers. */
	loop: boolean;
	/** How many steps the run has. */
	steps: number;
}

const stepButton = (page: Page) =>
	page.getByRole('toolbar', { name: 'Playback' }).getByRole('button', { name: 'Step forward' });

const MODES: Mode[] = [
	{
		name: 'the playground',
		path: './',
		laneCount: 4,
		step: (page) => stepButton(page).click(),
		parts: (page) => [
			page.getByTestId('console'),
			page.getByTestId('narration'),
			page.getByRole('toolbar', { name: 'Playback' }),
			page.getByRole('button', { name: 'Run', exact: true })
		],
		loop: true,
		steps: 51
	},
	{
		name: 'presenter mode',
		path: './present/?example=get_users_batch',
		laneCount: 4,
		step: (page) => page.keyboard.press('PageDown'),
		parts: (page) => [
			page.getByTestId('console'),
			page.getByTestId('narration'),
			page.getByTestId('position')
		],
		loop: true,
		steps: 51
	},
	{
		name: 'a lesson',
		path: './lessons/get-users-batch/',
		laneCount: 4,
		step: (page) => stepButton(page).click(),
		parts: (page) => [
			page.getByTestId('console'),
			page.getByTestId('step'),
			page.getByRole('toolbar', { name: 'Playback' }),
			page.getByRole('button', { name: 'Next step' })
		],
		loop: true,
		steps: 51
	},
	{
		name: 'the embed',
		path: './embed/?example=get_users_batch',
		laneCount: 4,
		step: (page) => stepButton(page).click(),
		parts: (page) => [
			page.getByTestId('console'),
			page.getByTestId('narration'),
			page.getByRole('toolbar', { name: 'Playback' })
		],
		loop: true,
		steps: 51
	}
];

for (const size of SIZES)
	test.describe(`at ${size.width}×${size.height}`, () => {
		test.use({ viewport: size });

		for (const mode of MODES)
			test(`${mode.name}: every lane, the ready queue, the timers, the output and the controls are whole through the run`, async ({
				page
			}) => {
				test.slow(); // 51 steps, measured every `size.every`
				await page.goto(mode.path);
				await expect(lanes(page)).toHaveCount(mode.laneCount);
				const queue = page.getByRole('list', { name: 'Ready queue' }).getByRole('listitem');
				const timers = page.getByRole('list', { name: 'Timers' }).getByRole('listitem');
				let mostTimers = 0;
				let mostReady = 0;
				for (let at = 1; at < mode.steps; at++) {
					if (at % size.every === 0 || at === mode.steps - 1) {
						await expectAllShown(lanes(page), `a lane at step ${at}`);
						for (const part of mode.parts(page)) await expectAllShown(part, `step ${at}`);
						expect(
							await cutText(page.getByTestId('narration')),
							`the narration at step ${at}`
						).toBeNull();
						if (mode.loop) {
							await expectAllShown(queue, `the ready queue at step ${at}`);
							await expectAllShown(timers, `a timer at step ${at}`);
							expect(await cutChips(page), `a chip cut at step ${at}`).toEqual([]);
						}
					}
					if (mode.loop) {
						mostTimers = Math.max(mostTimers, await timers.count());
						mostReady = Math.max(mostReady, await queue.count());
					}
					await mode.step(page);
				}
				// The walk saw the gather's three timers at once, and its three tasks queued.
				if (mode.loop) {
					expect(mostTimers).toBe(3);
					expect(mostReady).toBeGreaterThanOrEqual(3);
				}
				// Nothing spills sideways, and a fixed-screen mode does not scroll.
				expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBe(
					0
				);
				expect(
					await page.evaluate(() => document.documentElement.scrollHeight - innerHeight)
				).toBeLessThanOrEqual(0);
			});

		test('compare: both runs’ lanes and event loops, their totals and the shared transport are whole through the run', async ({
			page
		}) => {
			test.slow(); // 98 moments, measured every `size.every`
			await page.goto('./compare/');
			await expect(page.locator('[data-compare="ready"]')).toBeVisible();
			await expect(lanes(page)).toHaveCount(5);
			await expectAllShown(page.getByTestId('compare-headline'), 'the headline');
			const transport = page.getByRole('toolbar', { name: 'Playback of both runs' });
			const loops = page.getByRole('region', { name: /^Event loop of run [AB]$/ });
			await expect(loops).toHaveCount(2);
			const scrubber = page.getByTestId('shared-scrubber');
			const last = Number(await scrubber.getAttribute('max'));
			expect(last).toBeGreaterThan(90);
			// A timer's entry starts with its deadline ("0.5 s"); "none" is not one.
			const timers = loops
				.getByRole('list', { name: 'Timers' })
				.getByRole('listitem')
				.filter({ hasText: /^\s*[\d.]+ s/ });
			let mostTimers = 0;
			for (let at = 0; at <= last; at++) {
				if (at % size.every === 0 || at === last) {
					await expectAllShown(lanes(page), `a lane at ${at}`);
					await expectAllShown(loops, `an event loop at ${at}`);
					const entries = loops.getByRole('listitem');
					await expectAllShown(entries, `a ready task or a timer at ${at}`);
					expect(await cutChips(page), `a chip cut at ${at}`).toEqual([]);
					await expectAllShown(transport, `the transport at ${at}`);
				}
				mostTimers = Math.max(mostTimers, await timers.count());
				await transport.getByRole('button', { name: 'Step forward' }).click();
			}
			// The walk saw gather's three timers while one after another had its one.
			expect(mostTimers).toBe(4);
			expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBe(0);
		});
	});

test.describe('at 150 % zoom (853×480 CSS px)', () => {
	test.use(ZOOMED);

	for (const path of ['./', './lessons/get-users-batch/'])
		test(`${path}: the page scrolls, the timeline comes right after the editor and shows on the first screen`, async ({
			page
		}) => {
			await page.goto(path);
			await expect(lanes(page)).toHaveCount(4);
			expect(await page.evaluate(() => devicePixelRatio)).toBe(1.5);
			const editor = await page.getByRole('region', { name: 'Program' }).boundingBox();
			const timeline = await page
				.getByRole('region', { name: /^Timeline/ })
				.last()
				.boundingBox();
			expect(editor && timeline).toBeTruthy();
			// Directly under the editor, and on the first screen with room to spare: not only the
			// editor shows.
			const below = timeline!.y - (editor!.y + editor!.height);
			expect(below).toBeGreaterThanOrEqual(0);
			expect(below).toBeLessThan(40);
			expect(timeline!.y).toBeLessThan(480 - 80);
			// Scrolled to, every lane is whole; nothing spills sideways.
			await lanes(page).last().scrollIntoViewIfNeeded();
			await expectAllShown(lanes(page), 'a lane, scrolled to');
			expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBe(0);
		});

	test('presenter mode fits the zoomed window: lanes, the loop, a readable output, the captions', async ({
		page
	}) => {
		await page.goto('./present/?example=get_users_batch');
		await expect(lanes(page)).toHaveCount(4);
		const timers = page.getByRole('list', { name: 'Timers' }).getByRole('listitem');
		for (let step = 0; step < 60 && (await timers.count()) < 3; step++)
			await page.keyboard.press('PageDown');
		await expectAllShown(lanes(page), 'a lane');
		await expectAllShown(timers, 'a timer');
		await expectAllShown(page.getByTestId('narration'), 'the captions');
		// The output keeps room for at least three lines of its text.
		const output = page.getByTestId('console');
		await expectAllShown(output, 'the output');
		const room = await output.evaluate(
			(el) => el.clientHeight / (parseFloat(getComputedStyle(el).fontSize) * 1.4)
		);
		expect(room).toBeGreaterThanOrEqual(3);
	});
});
