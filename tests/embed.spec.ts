import { expect, test, type Page } from '@playwright/test';
import { encodePermalink } from '../src/lib/trace/permalink';
import { getUsersBatchTrace } from '../src/lib/trace/testing/get-users-batch';
import { appUrl, momentOf } from './share-helpers';

// A host page (a course page, a slide) with the embed in an iframe of the given size.
async function host(page: Page, src: string, width = 800, height = 460) {
	await page.setContent(
		`<!doctype html><title>Course page</title><h1>Lesson 3</h1>
		<iframe src="${src}" width="${width}" height="${height}" style="border:1px solid #ccc" title="Loopscope"></iframe>`
	);
	return page.frameLocator('iframe');
}

test.beforeEach(({ page }) => {
	page.on('pageerror', (error) => {
		throw error;
	});
});

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
	const trace = getUsersBatchTrace([4, 5]);
	const { fragment } = await encodePermalink({
		code: trace.source.code,
		filename: trace.source.filename,
		trace,
		cursor: 9,
		task: 2,
		axis: 'step'
	});
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
