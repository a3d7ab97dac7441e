import { expect, test, type Page } from '@playwright/test';
import { expectNoViolations } from './axe';
import { encodeWalkthroughLink } from '../src/lib/share/walkthrough-link';
import { getUsersBatchTrace } from '../src/lib/trace/testing/get-users-batch';
import { barPixelsAfterCursor, failOnPageError } from './helpers';
import { appUrl, fourAndFiveLink, momentOf } from './share-helpers';

// A host page (a course page, a slide) with the embed in an iframe of the given size (by default
// the size of the share panel's snippet).
async function host(page: Page, src: string, width = 800, height = 560) {
	await page.setContent(
		`<!doctype html><title>Course page</title><h1>Lesson 3</h1>
		<iframe src="${src}" width="${width}" height="${height}" style="border:1px solid #ccc" title="Loopscope"></iframe>`
	);
	return page.frameLocator('iframe');
}

/**
 * A slide deck's page (another origin, about:blank) with the embed of `src` in a 900×600 iframe,
 * talking to it by postMessage: `send` posts a message to the embed, `last` reads the last state
 * the embed sent back.
 */
async function slideHost(page: Page, src: string) {
	await page.setContent(
		`<iframe title="Loopscope" src="${src}" width="900" height="600"></iframe>
		<script>
			window.states = [];
			addEventListener('message', (event) => {
				if (event.data && event.data.type === 'loopscope:state') window.states.push(event.data);
			});
			window.send = (message) => document.querySelector('iframe').contentWindow.postMessage(message, '*');
		</script>`
	);
	return {
		frame: page.frameLocator('iframe'),
		last: () => page.evaluate(() => (window as unknown as { states: unknown[] }).states.at(-1)),
		send: (message: unknown) =>
			page.evaluate((m) => (window as unknown as { send: (m: unknown) => void }).send(m), message)
	};
}

test.beforeEach(({ page }) => failOnPageError(page));

test('embeds an example in an iframe, at a step and axis, with a link back', async ({
	page,
	context,
	baseURL
}) => {
	const frame = await host(
		page,
		appUrl(baseURL, 'embed/?example=get_users_batch&step=20&axis=step')
	);
	const moment = await momentOf(frame);
	expect(moment.lanes.length).toBeGreaterThan(1);
	expect(moment.position).toMatch(/^event 20 of \d+$/);
	expect(moment.axis).toEqual(['Step axis']);
	await expect(frame.getByTestId('narration')).not.toBeEmpty();

	const open = frame.getByRole('link', { name: 'Open in Loopscope' });
	await expect(open).toHaveAttribute('target', '_blank');
	const href = await open.getAttribute('href');
	expect(href).toMatch(new RegExp(`^${appUrl(baseURL, './').replace(/[.?]/g, '\\$&')}#v1\\.`));

	const playground = await context.newPage();
	await playground.goto(href ?? '');
	await expect(playground.getByRole('textbox', { name: 'Python code' })).toContainText(
		'async def get_users_batch'
	);
	expect((await momentOf(playground)).lanes).toEqual(moment.lanes);
});

test('embeds a permalink, at its moment, and links back with the same link', async ({
	page,
	baseURL
}) => {
	const { trace, fragment } = await fourAndFiveLink({ cursor: 9, task: 2, axis: 'step' });
	const frame = await host(page, appUrl(baseURL, `embed/${fragment}`));
	const moment = await momentOf(frame);
	expect(moment.lanes).toHaveLength(3);
	expect(moment.position).toBe(`event 10 of ${trace.events.length}`);
	expect(moment.selected).toEqual([expect.stringMatching(/fetch_user\(5\)/)]);
	expect(moment.axis).toEqual(['Step axis']);
	await expect(frame.getByRole('link', { name: 'Open in Loopscope' })).toHaveAttribute(
		'href',
		appUrl(baseURL, `./${fragment}`)
	);
});

test('autoplay plays; theme and a small frame are honoured', async ({ page, baseURL }) => {
	const frame = await host(
		page,
		appUrl(baseURL, 'embed/?example=get_users_batch&autoplay=1&speed=32&theme=dark'),
		420,
		320
	);
	const slider = frame.getByRole('slider', { name: 'Event' });
	await expect(slider).not.toHaveAttribute('aria-valuetext', /^event 1 of/);
	await expect(frame.getByRole('button', { name: 'Pause' })).toBeVisible();
	await expect(frame.locator('html')).toHaveAttribute('data-theme', 'dark');
	await expect(frame.getByRole('list', { name: 'Tasks and worker threads' })).toBeVisible();
	// Nothing spills sideways out of a narrow frame.
	const overflow = await frame
		.locator('body')
		.evaluate((body) => body.scrollWidth - body.clientWidth);
	expect(overflow).toBeLessThanOrEqual(0);
});

test('options an embed does not understand are named, and the run still shows', async ({
	page,
	baseURL
}) => {
	const frame = await host(page, appUrl(baseURL, 'embed/?example=get_users_batch&step=-3&axis=x'));
	await expect(frame.getByRole('alert')).toHaveText(
		'This embed ignored “step=-3” and “axis=x”, which it does not understand.'
	);
	await expect(frame.getByRole('slider', { name: 'Event' })).toHaveAttribute(
		'aria-valuetext',
		/^event 1 of/
	);
});

test('a broken link or an unknown example in an embed says so and still shows a run', async ({
	page,
	baseURL
}) => {
	let frame = await host(page, appUrl(baseURL, 'embed/?example=no_such_thing'));
	await expect(frame.getByRole('alert')).toContainText('no example called “no_such_thing”');
	await expect(frame.getByRole('list', { name: 'Tasks and worker threads' })).toBeVisible();

	frame = await host(page, appUrl(baseURL, 'embed/#v1.this-is-not-a-link'));
	await expect(frame.getByRole('alert')).toContainText('This link is damaged');
	await expect(frame.getByRole('link', { name: 'Open in Loopscope' })).toBeVisible();
});

test('predict=1 starts the embed in predict mode: the future hidden, a choice picked and revealed', async ({
	page,
	baseURL
}, testInfo) => {
	const frame = await host(
		page,
		appUrl(baseURL, 'embed/?example=get_users_batch&predict=1'),
		800,
		600
	);
	const toggle = frame.getByRole('button', { name: 'Predict', exact: true });
	const question = frame.getByTestId('predict-question');
	const answer = frame.getByTestId('predict-answer');
	const position = frame.getByTestId('position');
	await expect(toggle).toHaveAttribute('aria-pressed', 'true');
	await expect(position).toHaveText('1 / 51');
	// Nothing after the cursor is drawn, and nothing printed yet.
	await expect(frame.locator('section.timeline[data-reveal-until="0"]')).toBeVisible();
	await expect.poll(() => barPixelsAfterCursor(frame)).toBe(0);

	// The keys work inside the frame once it has the focus: Q goes to the first question.
	await frame.locator('header').click({ position: { x: 2, y: 2 } });
	await page.keyboard.press('q');
	await expect(question).toHaveAttribute('data-kind', 'await_return');
	await expect(position).toHaveText('16 / 51');
	await expect(question.getByRole('heading')).toContainText('When does it return?');
	expect(await barPixelsAfterCursor(frame)).toBe(0);
	// The ready queue it asks about is on screen: the three fetches, in order.
	await expect(frame.getByRole('list', { name: 'Ready queue' }).getByRole('listitem')).toHaveText([
		'fetch_user(1)',
		'fetch_user(2)',
		'fetch_user(3)'
	]);
	// Whole, each chip: not three alike 'fetch_us…'.
	const chips = frame.locator('[aria-label="Ready queue"] li, [aria-label="Timers"] li');
	for (const chip of await chips.all())
		expect(await chip.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1);
	const choices = question.getByRole('list', { name: 'Choices' }).getByRole('button');
	await choices.nth(2).click();
	await expect(choices.nth(2)).toHaveAttribute('aria-pressed', 'true');
	await question.getByRole('button', { name: /Reveal/ }).click();
	await expect(answer).toContainText('Right!');
	await expect(answer).toContainText('At t = 0.5 s, when fetch_user(3) ends.');
	await expect(choices.nth(2)).toBeDisabled();
	// A frame 600 px tall keeps every lane in view beside the question and its answer.
	const lanes = frame.getByRole('list', { name: 'Tasks and worker threads' }).getByRole('listitem');
	await expect(lanes).toHaveCount(4);
	for (const lane of await lanes.all()) await expect(lane).toBeInViewport({ ratio: 0.9 });
	await page.screenshot({ path: testInfo.outputPath('embed-predict-revealed.png') });

	// Stepping on asks the next question: which task runs next? Picked wrong, it says so.
	await page.keyboard.press('ArrowRight');
	await expect(question).toHaveAttribute('data-kind', 'next_task');
	await expect(position).toHaveText('17 / 51');
	await page.keyboard.press('2');
	await page.keyboard.press('Enter');
	await expect(answer).toContainText('Not quite.');
	await expect(answer).toContainText('fetch_user(1) runs next.');

	// Off: the whole run is drawn again, the narration is back.
	await toggle.click();
	await expect(toggle).toHaveAttribute('aria-pressed', 'false');
	await expect(question).toHaveCount(0);
	await expect(frame.getByTestId('narration')).toBeVisible();
	await expect.poll(() => barPixelsAfterCursor(frame)).toBeGreaterThan(500);
});

test('the embed offers Predict off by default; a bad predict value is named and ignored', async ({
	page,
	baseURL
}) => {
	const frame = await host(page, appUrl(baseURL, 'embed/?example=get_users_batch&predict=maybe'));
	await expect(frame.getByRole('alert')).toHaveText(
		'This embed ignored “predict=maybe”, which it does not understand.'
	);
	const toggle = frame.getByRole('button', { name: 'Predict', exact: true });
	await expect(toggle).toHaveAttribute('aria-pressed', 'false');
	await expect(frame.locator('section.timeline[data-reveal-until]')).toHaveCount(0);
	// Switched on by hand, it hides the future at once.
	await toggle.click();
	await expect(frame.locator('section.timeline[data-reveal-until="0"]')).toBeVisible();
	await expect.poll(() => barPixelsAfterCursor(frame)).toBe(0);
});

test('a slide drives the embed with postMessage and hears each move back', async ({
	page,
	baseURL
}) => {
	const { frame, last, send } = await slideHost(page, `${baseURL}embed/?example=get_users_batch`);
	const position = frame.getByTestId('position');
	await expect(position).toHaveText(/^1 \/ 51/);

	await send({ type: 'loopscope', command: 'get' });
	await expect.poll(last).toMatchObject({ step: 1, steps: 51, atEnd: false, predict: false });
	await send({ type: 'loopscope', command: 'next' });
	await expect(position).toHaveText(/^2 \/ 51/);
	await expect.poll(last).toMatchObject({ step: 2 });
	await send({ type: 'loopscope', command: 'seek', step: 20 });
	await expect(position).toHaveText(/^20 \/ 51/);
	await send({ type: 'loopscope', command: 'last' });
	await expect.poll(last).toMatchObject({ step: 51, atEnd: true, time: 0.5 });
	await send({ type: 'loopscope', command: 'predict-on' });
	await expect(frame.getByRole('button', { name: 'Predict', exact: true })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await expect.poll(last).toMatchObject({ predict: true });
	// A move made inside the embed (a key) is heard too.
	await send({ type: 'loopscope', command: 'predict-off' });
	await send({ type: 'loopscope', command: 'first' });
	await frame.getByTestId('position').click();
	await page.keyboard.press('PageDown');
	await expect.poll(last).toMatchObject({ step: 2 });
	// Anything else is ignored: not a command, a malformed step, an unknown command.
	for (const message of [
		'next',
		{ type: 'loopscope', command: 'seek', step: -4 },
		{ type: 'loopscope', command: 'run', code: 'print(1)' }
	])
		await send(message);
	await page.waitForTimeout(300);
	await expect(position).toHaveText(/^2 \/ 51/);

	// The same requests in the form { type: 'loopscope:<verb>' }.
	await send({ type: 'loopscope:goto', step: 10 });
	await expect(position).toHaveText(/^10 \/ 51/);
	await send({ type: 'loopscope:step', by: 3 });
	await expect(position).toHaveText(/^13 \/ 51/);
	await send({ type: 'loopscope:step', by: -1 });
	await expect.poll(last).toMatchObject({ step: 12, question: null });
	// With Predict on, the host hears the open question.
	await send({ type: 'loopscope:goto', step: 1 });
	await send({ type: 'loopscope:predict', on: true });
	for (let n = 0; n < 20; n++) {
		const state = (await last()) as { question: string | null };
		if (state.question) break;
		await send({ type: 'loopscope:step', by: 1 });
		await page.waitForTimeout(50);
	}
	await expect.poll(last).toMatchObject({ predict: true, question: expect.stringMatching(/\?$/) });
	await send({ type: 'loopscope:predict', on: false });
	await expect.poll(last).toMatchObject({ predict: false, question: null });
	await send({ type: 'loopscope:play' });
	await expect.poll(last).toMatchObject({ playing: true });
	await send({ type: 'loopscope:pause' });
	await expect.poll(last).toMatchObject({ playing: false });
});

test('in a small 800×460 frame the narration is whole and every lane in view', async ({
	page,
	baseURL
}) => {
	const frame = await host(
		page,
		appUrl(baseURL, 'embed/?example=get_users_batch&step=16'),
		800,
		460
	);
	const narration = frame.getByTestId('narration');
	await expect(narration).toContainText('so it starts the next one.');
	// Not clamped: the sentence's box holds all of its lines.
	expect(await narration.evaluate((el) => el.scrollHeight - el.clientHeight)).toBeLessThanOrEqual(
		0
	);
	const box = await page.locator('iframe').boundingBox();
	const lanes = frame.getByRole('list', { name: 'Tasks and worker threads' }).getByRole('listitem');
	await expect(lanes).toHaveCount(4);
	for (const lane of await lanes.all()) {
		const laneBox = await lane.boundingBox();
		expect(laneBox && box && laneBox.y + laneBox.height <= box.y + box.height).toBe(true);
		// Not scrolled out of its list either.
		expect(
			await lane.evaluate((el) => {
				const list = el.closest('.scroller') ?? el.parentElement;
				if (!list) return false;
				const a = el.getBoundingClientRect();
				const b = list.getBoundingClientRect();
				return a.top >= b.top - 0.5 && a.bottom <= b.bottom + 0.5;
			})
		).toBe(true);
	}
});

test('a walkthrough embeds as a lesson: its captions with Next / Back, and the host moves through its steps', async ({
	page,
	baseURL
}, testInfo) => {
	const trace = getUsersBatchTrace();
	const events = trace.events.length;
	const { fragment } = await encodeWalkthroughLink(
		{
			title: 'Why <i>gather</i> is concurrent',
			steps: [
				{ at: 3, caption: 'Task-1 starts.' },
				{ at: 9, caption: 'All three `fetch_user` tasks wait.', prompt: 'What waits now?' }
			]
		},
		{ code: trace.source.code, filename: 'batch.py', trace, axis: 'time' }
	);
	const { frame, last, send } = await slideHost(page, `${baseURL}embed/${fragment}`);
	const steps = frame.getByRole('region', { name: 'Walkthrough steps' });
	const text = steps.locator('.text');
	const position = frame.getByTestId('position');
	// The caption is the narration row, at the first step's moment.
	await expect(steps).toContainText('Step 1 of 2');
	await expect(text).toHaveText('Task-1 starts.');
	await expect(position).toHaveText(new RegExp(`^4 / ${events}`));
	// The header names the walkthrough by its title, as text (no element made from it), not by
	// its program's file.
	const header = frame.locator('.embed > header');
	await expect(header).toContainText('Why <i>gather</i> is concurrent');
	await expect(header).not.toContainText('batch.py');
	await expect(header.locator('i')).toHaveCount(0);
	await page.screenshot({ path: testInfo.outputPath('embed-walkthrough.png') });
	await expect(frame.getByRole('link', { name: /Open in Loopscope/ })).toHaveAttribute(
		'href',
		new RegExp(`/walkthrough/${fragment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`)
	);

	await send({ type: 'loopscope', command: 'get' });
	await expect
		.poll(last)
		.toMatchObject({ step: 4, steps: events, walkthrough: { step: 1, steps: 2, asking: false } });
	// next: the second step, its question first; next again: its answer, at the same moment.
	await send({ type: 'loopscope', command: 'next' });
	await expect(text).toHaveText('Think first: What waits now?');
	await expect(position).toHaveText(new RegExp(`^10 / ${events}`));
	await expect.poll(last).toMatchObject({ step: 10, walkthrough: { step: 2, asking: true } });
	await send({ type: 'loopscope:step', by: 1 });
	await expect(text).toHaveText('All three fetch_user tasks wait.');
	await expect.poll(last).toMatchObject({ step: 10, walkthrough: { step: 2, asking: false } });
	await send({ type: 'loopscope', command: 'prev' });
	await expect(text).toHaveText('Task-1 starts.');
	await expect.poll(last).toMatchObject({ step: 4, walkthrough: { step: 1 } });
	// The embed's own Next and a clicker's PageDown walk the steps too.
	await steps.getByRole('button', { name: 'Next step' }).click();
	await expect(steps).toContainText('Step 2 of 2');
	await page.keyboard.press('PageUp');
	await expect(text).toHaveText('Task-1 starts.');
	await expect.poll(last).toMatchObject({ step: 4, walkthrough: { step: 1 } });

	await expectNoViolations(page, 'the walkthrough embed', { within: 'iframe' });
});
