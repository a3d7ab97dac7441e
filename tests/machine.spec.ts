import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { buildIndex } from '../src/lib/model/build-index';
import { machineOf } from '../src/lib/model/machine';
import { primitivesAt } from '../src/lib/model/primitives';
import { seek } from '../src/lib/model/seek';
import type { TraceEvent } from '../src/lib/trace/schema';
import { parseTrace } from '../src/lib/trace/validate';
import { expectNoViolations } from './axe';
import { corpusTrace, openCorpusAt, suspendedOn } from './corpus-helpers';
import { copyLink } from './share-helpers';
import { expectAllShown as expectShown } from './shown';

// The event loop drawn as a machine: the List / Machine switch (and M) in every mode, each task's
// token in the place the model puts it at every step, nothing cut at a projector's sizes, the
// choice carried by a share link and the embed's `loop=machine`, and axe at zero.

const parsed = parseTrace(
	readFileSync(new URL('../traces/get_users_batch.json', import.meta.url), 'utf8')
);
if (!parsed.ok) throw new Error(parsed.error);
const trace = parsed.trace;
const index = buildIndex(trace);
/** Where the model puts each task at `cursor`, as `task:place`, in task order. */
const expectedAt = (cursor: number): string[] =>
	machineOf(seek(index, cursor)).tokens.map((token) => `${token.task}:${token.place}`);

const SIZES = [
	{ width: 1280, height: 720 },
	{ width: 1024, height: 768 }
];

const stepButton = (page: Page) =>
	page.getByRole('toolbar', { name: 'Playback' }).getByRole('button', { name: 'Step forward' });

interface Mode {
	name: string;
	path: string;
	step: (page: Page) => Promise<void>;
}

const MODES: Mode[] = [
	{ name: 'the playground', path: './', step: (page) => stepButton(page).click() },
	{
		name: 'presenter mode',
		path: './present/?example=get_users_batch',
		step: (page) => page.keyboard.press('PageDown')
	},
	{
		name: 'a lesson',
		path: './lessons/get-users-batch/',
		step: (page) => stepButton(page).click()
	},
	{
		name: 'the embed',
		path: './embed/?example=get_users_batch',
		step: (page) => stepButton(page).click()
	}
];

const machine = (page: Page) => page.getByTestId('loop-machine');
/** Presses M on the page itself (the editor, when it has the focus, keeps its keys). */
async function pressM(page: Page): Promise<void> {
	// A prerendered page shows its lanes before the app has started and its keys answer.
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
	await page.keyboard.press('m');
}
/** Animations running inside the machine. */
const machineAnimations = (page: Page) =>
	page.evaluate(
		() =>
			document
				.getAnimations()
				.filter((animation) =>
					(animation.effect as KeyframeEffect | null)?.target?.closest(
						'[data-testid="loop-machine"]'
					)
				).length
	);

/**
 * Opens the embed's machine under `reducedMotion`, steps `from` times, then once more; returns
 * how many animations run in the machine right after that last step.
 */
async function animationsOfStep(
	page: Page,
	reducedMotion: 'reduce' | 'no-preference',
	from: number
): Promise<number> {
	await page.emulateMedia({ reducedMotion });
	await page.goto('./embed/?example=get_users_batch&loop=machine');
	await expect(machine(page)).toBeVisible();
	for (let at = 0; at < from; at++) await stepButton(page).click();
	await stepButton(page).click();
	return machineAnimations(page);
}
const tokens = (page: Page) => machine(page).locator('li[data-task]');
const lanes = (page: Page) =>
	page.getByRole('list', { name: 'Tasks and worker threads' }).getByRole('listitem');

/** The cursor the page shows (`32 / 51` is cursor 31). */
async function cursorOf(page: Page): Promise<number> {
	const text = (await page.getByTestId('position').first().textContent()) ?? '';
	const match = /(\d+)\s*\/\s*\d+/.exec(text);
	expect(match, `position “${text}”`).not.toBeNull();
	return Number(match![1]) - 1;
}

/** Every token on screen, as `task:place`, in task order. */
async function tokensShown(page: Page): Promise<string[]> {
	const pairs = await tokens(page).evaluateAll((items) =>
		items.map((item) => [Number(item.getAttribute('data-task')), item.getAttribute('data-place')])
	);
	return pairs
		.sort((a, b) => Number(a[0]) - Number(b[0]))
		.map(([task, place]) => `${task}:${place}`);
}

// A token is covered only if its centre is: mid-glide it may touch a neighbour's corner.
const expectAllShown = (locator: Locator, what: string) =>
	expectShown(locator, what, { corners: false });

for (const size of SIZES)
	test.describe(`the machine at ${size.width}×${size.height}`, () => {
		// Tokens jump rather than glide, so each step is measured as it settles.
		test.use({ viewport: size, reducedMotion: 'reduce' });

		for (const mode of MODES)
			test(`${mode.name}: M draws the machine; every token is where the model says and whole, with every lane, at every step`, async ({
				page
			}) => {
				test.slow(); // 51 steps, each one measured
				await page.goto(mode.path);
				await expect(lanes(page)).toHaveCount(4);
				await expect(machine(page)).toHaveCount(0);
				await pressM(page);
				await expect(machine(page)).toBeVisible();
				await expect(
					page.getByTestId('loop-view').getByRole('button', { name: 'Machine' })
				).toHaveAttribute('aria-pressed', 'true');
				const seen = new Set<string>();
				for (let at = await cursorOf(page); at < trace.events.length - 1; at++) {
					await expect.poll(() => tokensShown(page), `step ${at + 1}`).toEqual(expectedAt(at));
					for (const pair of await tokensShown(page)) seen.add(pair.split(':')[1]);
					await expectAllShown(tokens(page), `a token at step ${at + 1}`);
					await expectAllShown(lanes(page), `a lane at step ${at + 1}`);
					await mode.step(page);
					await expect.poll(() => cursorOf(page)).toBe(at + 1);
				}
				// The walk saw tasks in every place get_users_batch uses.
				expect([...seen].sort()).toEqual(['finished', 'ready', 'running', 'timers', 'waiting']);
				expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBe(
					0
				);
				await expectNoViolations(page, `${mode.name} with the machine`);
				// M again: the lists are back.
				await pressM(page);
				await expect(machine(page)).toHaveCount(0);
				await expect(page.getByRole('list', { name: 'Ready queue' }).first()).toBeVisible();
			});
	});

test.describe('the machine', () => {
	test.use({ viewport: { width: 1280, height: 720 } });

	test('the switch draws it, and a token moves from the timers to the ready queue as the timers fire', async ({
		page
	}) => {
		await page.goto('./');
		await page.getByTestId('loop-view').getByRole('button', { name: 'Machine' }).click();
		await expect(machine(page)).toBeVisible();
		// Step to the last fetch's suspend: all three sleep on their timers.
		const suspend = trace.events.findIndex(
			(event, k) =>
				event.kind === 'suspend' &&
				seek(index, k).tasks.filter((task) => task.awaits?.kind === 'sleep').length === 3
		);
		for (let at = 0; at < suspend; at++) await stepButton(page).click();
		const fetch = machine(page).locator('li[data-task="1"]');
		await expect(fetch).toHaveAttribute('data-place', 'timers');
		await expect(machine(page).locator('[data-place="timers"] li[data-task]')).toHaveCount(3);
		await expect(machine(page)).toHaveAttribute('data-phase', 'run');
		// One more step: a new turn; time jumps to 0.5 s and the timers' callbacks are ready.
		await stepButton(page).click();
		await expect(machine(page)).toHaveAttribute('data-phase', 'poll');
		await expect(page.getByTestId('machine-iteration')).toHaveText('Turn 2');
		await expect(fetch).toHaveAttribute('data-place', 'ready');
		await expect(fetch).toHaveAttribute('data-what', 'sleep_done');
		// Readable on a projector.
		const size = await fetch.evaluate((item) => parseFloat(getComputedStyle(item).fontSize));
		expect(size).toBeGreaterThanOrEqual(14);
	});

	test('presenter mode: tokens are at least 16 px, and Code gives the program its column back', async ({
		page
	}) => {
		await page.goto('./present/?example=get_users_batch');
		await expect(lanes(page)).toHaveCount(4);
		// The page is prerendered: its keys answer once the app has started.
		await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
		await page.keyboard.press('m');
		await expect(machine(page)).toBeVisible();
		await expect(page.getByRole('region', { name: 'Program' })).toHaveCount(0);
		for (let at = 0; at < 20; at++) await page.keyboard.press('PageDown');
		const token = tokens(page).first();
		const size = await token.evaluate((item) => parseFloat(getComputedStyle(item).fontSize));
		expect(size).toBeGreaterThanOrEqual(16);
		// The column is the machine's: every place spans it.
		const width = (await machine(page).boundingBox())!.width;
		for (const place of await machine(page).locator('section[data-place]').all())
			expect((await place.boundingBox())!.width).toBeGreaterThan(width - 2);
		await page.keyboard.press('c');
		await expect(page.getByRole('region', { name: 'Program' })).toBeVisible();
		await expect(machine(page)).toHaveCount(0);
	});

	test('reduced motion: a token is at its new place at once, without a transition', async ({
		page
	}) => {
		// The step that creates the second task: its token appears, and no copy lingers.
		expect(await animationsOfStep(page, 'reduce', 12)).toBe(0);
		expect(await tokensShown(page)).toEqual(expectedAt(await cursorOf(page)));
	});

	test('with motion, a token glides: its old and new places animate', async ({ page }) => {
		// Cursor 5 → 6: the main task's step starts, its token goes from the queue to the slot.
		expect(await animationsOfStep(page, 'no-preference', 5)).toBeGreaterThan(0);
		await expect(machine(page).locator('li[data-task="0"][data-place="running"]')).toBeVisible();
	});

	test('a share link carries the machine, and the embed opens it with loop=machine', async ({
		page,
		context
	}) => {
		await context.grantPermissions(['clipboard-read', 'clipboard-write']);
		await page.goto('./');
		await expect(lanes(page)).toHaveCount(4);
		await pressM(page);
		await expect(machine(page)).toBeVisible();
		const link = await copyLink(page);
		await page.keyboard.press('Escape');

		const reader = await context.newPage();
		await reader.goto(link);
		await expect(machine(reader)).toBeVisible();
		await expect(
			reader.getByTestId('loop-view').getByRole('button', { name: 'Machine' })
		).toHaveAttribute('aria-pressed', 'true');

		// Back to the lists: the link says so (it carries no machine).
		await pressM(page);
		await expect(machine(page)).toHaveCount(0);
		const listLink = await copyLink(page);
		expect(listLink).not.toBe(link);
		const second = await context.newPage();
		await second.goto(listLink);
		await expect(lanes(second)).toHaveCount(4);
		await expect(machine(second)).toHaveCount(0);

		await page.goto('./embed/?example=get_users_batch&loop=machine');
		await expect(machine(page)).toBeVisible();
		await page.goto('./embed/?example=get_users_batch&loop=list');
		await expect(lanes(page)).toHaveCount(4);
		await expect(machine(page)).toHaveCount(0);
	});

	test('a 960×540 embed shows every token and lane whole, and the keys help lists M', async ({
		page
	}) => {
		await page.setViewportSize({ width: 960, height: 540 });
		await page.emulateMedia({ reducedMotion: 'reduce' });
		await page.goto('./embed/?example=get_users_batch&loop=machine');
		await expect(machine(page)).toBeVisible();
		for (let at = 0; at < trace.events.length - 1; at++) {
			await expectAllShown(tokens(page), `a token at step ${at + 1}`);
			await expectAllShown(lanes(page), `a lane at step ${at + 1}`);
			await stepButton(page).click();
		}
		await page.keyboard.press('?');
		const help = page.getByRole('dialog');
		await expect(help).toContainText('Event loop as lists, or as a machine');
	});
});

/** Opens corpus run `name` in the playground as a file, at the first event `find` picks, as a machine. */
async function openMachineAt(page: Page, name: string, find: (event: TraceEvent) => boolean) {
	const { trace: run, event } = await openCorpusAt(page, name, find);
	await page.getByTestId('loop-view').getByRole('button', { name: 'Machine' }).click();
	await expect(machine(page)).toBeVisible();
	return { run, cursor: event.seq };
}

test.describe('values in the machine', () => {
	test.use({ viewport: { width: 1280, height: 720 }, reducedMotion: 'reduce' });

	test('a lock: its waiters wait in a group that names it and says who holds it, as the model says', async ({
		page
	}) => {
		const { run, cursor } = await openMachineAt(page, 'lock', suspendedOn('lock', 3));
		const model = machineOf(seek(buildIndex(run), cursor), undefined, primitivesAt(run, cursor));
		const held = model.waiting.find((group) => group.kind === 'lock');
		expect(held?.primitive?.state?.holder).toBe(1);
		const group = machine(page).getByRole('list', { name: 'Waiting on async with lock' });
		await expect(group.locator('li[data-task]')).toHaveCount(held!.tasks.length);
		const value = group.getByTestId('machine-value');
		await expect(value).toContainText('lock');
		await expect(value.getByTestId('primitive-summary')).toHaveText(
			"locked, held by deposit('a', 10)"
		);
		await expectAllShown(tokens(page), 'a token beside the lock');
		await expectAllShown(value, 'the lock’s value');
		await expectNoViolations(page, 'the machine with a lock');
	});

	test('a full queue: the producer waits to put beside the queue’s items, front first', async ({
		page
	}) => {
		await openMachineAt(page, 'queue_maxsize', suspendedOn('queue_put'));
		const group = machine(page).locator('[data-place="waiting"] li[data-kind="queue_put"]');
		await expect(group.locator('li[data-task]')).toHaveAttribute('data-task', '1');
		const value = group.getByTestId('machine-value');
		await expect(value.getByTestId('primitive-summary')).toHaveText('2 of 2 items');
		await expect(
			value.getByRole('list', { name: 'Items of queue, front first' }).getByRole('listitem')
		).toHaveText(['0', '1']);
		await expectAllShown(value, 'the queue’s items');
		// Stepping on: the consumer takes an item, the producer's put goes through, and the queue,
		// waited on by nobody for a moment, keeps its place in view.
		const stepped = corpusTrace('queue_maxsize');
		const free = stepped.events.findIndex((event, k) => {
			const state = primitivesAt(stepped, k)[0]?.state;
			return (
				!!state &&
				(state.size ?? 0) > 0 &&
				state.waiters.length === 0 &&
				!state.putters?.length &&
				k > 0
			);
		});
		await page.getByRole('slider', { name: 'Event' }).fill(String(free));
		await expect(machine(page).getByTestId('machine-value')).toHaveCount(1);
		await expect(machine(page).getByTestId('machine-value')).toContainText('queue');
		await expectNoViolations(page, 'the machine with a queue');
	});

	test('the await graph: a group says whom it awaits, the unfinished tasks only', async ({
		page
	}) => {
		await page.goto('./embed/?example=get_users_batch&loop=machine');
		await expect(machine(page)).toBeVisible();
		const gather = trace.events.findIndex(suspendedOn('gather'));
		for (let at = 0; at < gather; at++) await stepButton(page).click();
		await expect.poll(() => cursorOf(page)).toBe(gather);
		const awaits = machine(page).getByTestId('machine-awaits');
		await expect(awaits).toHaveText(/awaits\s*Task-2, Task-3, Task-4/);
		// Once a fetch has finished, it is no longer awaited (capture_call_graph drops it).
		const firstDone = trace.events.findIndex((event) => event.kind === 'task_done');
		for (let at = gather; at < firstDone; at++) await stepButton(page).click();
		await expect.poll(() => cursorOf(page)).toBe(firstDone);
		const live = machineOf(seek(index, firstDone)).waiting[0].awaited;
		expect(live.length).toBeLessThan(3);
		await expect(awaits).toHaveText(
			new RegExp(`awaits\\s*${live.map((task) => trace.tasks[task].name).join(', ')}$`)
		);
	});
});
