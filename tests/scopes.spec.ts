import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectNoViolations } from './axe';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWithButton, traceFile } from './share-helpers';

// Scopes and cancellation drawn (issue #20): brackets over the lanes a TaskGroup covers, the
// path a cancellation takes, and their tooltips. The runs are the corpus's recorded traces, so
// no Python is needed.
const corpus = (name: string): unknown =>
	JSON.parse(readFileSync(join(import.meta.dirname, 'corpus', `${name}.trace.json`), 'utf8'));

function lanes(page: Page): Locator {
	return page.getByRole('list', { name: 'Tasks and worker threads' }).getByRole('button');
}

// Opens a corpus run, closes the notice that says so (room for every lane) and goes to its end.
async function openAtEnd(page: Page, name: string, axis: 'Time' | 'Step' = 'Time'): Promise<void> {
	await page.goto('./');
	await openWithButton(page, traceFile(corpus(name), `${name}.loopscope.json`));
	await expect(page.getByText(`Opened “${name}.loopscope.json”`)).toBeVisible();
	await page.getByRole('button', { name: 'Dismiss' }).click();
	await page.getByRole('radio', { name: `${axis} axis` }).click();
	const events = (corpus(name) as { events: unknown[] }).events.length;
	await page.getByRole('button', { name: 'Go to end' }).click();
	await expect(page.getByText(`${events} / ${events}`)).toBeVisible();
}

// The top and bottom (page y) of lanes `first`..`last` of the list.
async function laneSpan(page: Page, first: number, last: number): Promise<[number, number]> {
	const top = await lanes(page).nth(first).boundingBox();
	const bottom = await lanes(page).nth(last).boundingBox();
	if (!top || !bottom) throw new Error('lane not laid out');
	return [top.y, bottom.y + bottom.height];
}

test('each TaskGroup is a bracket over the lanes it covers, nested inside the one around it', async ({
	page
}) => {
	await page.setViewportSize({ width: 1280, height: 720 });
	await openAtEnd(page, 'taskgroup_nested');
	await expect(lanes(page)).toHaveCount(6);
	const outer = page.locator('.scope.taskgroup[data-scope="0"] .bracket');
	const inner = page.locator('.scope.taskgroup[data-scope="1"] .bracket');
	await expect(outer).toHaveCount(1);
	await expect(inner).toHaveCount(1);
	await expect(page.locator('.scope[data-scope="0"] .scope-tag')).toHaveText('TaskGroup · line 25');
	await expect(page.locator('.scope[data-scope="1"] .scope-tag')).toHaveText('TaskGroup · line 17');
	// main's group covers main and the three tasks it makes (lanes 0–3); inner_group's covers
	// Task-3 and its two children (lanes 2–5). Lane rows and label rows share their y.
	const outerBox = await outer.boundingBox();
	const innerBox = await inner.boundingBox();
	if (!outerBox || !innerBox) throw new Error('brackets not drawn');
	const [o0, o1] = await laneSpan(page, 0, 3);
	const [i0, i1] = await laneSpan(page, 2, 5);
	expect(Math.abs(outerBox.y - o0)).toBeLessThan(8);
	expect(Math.abs(outerBox.y + outerBox.height - o1)).toBeLessThan(8);
	expect(Math.abs(innerBox.y - i0)).toBeLessThan(12);
	expect(Math.abs(innerBox.y + innerBox.height - i1)).toBeLessThan(12);
	// Nested: the inner bracket starts later and sits inside the outer one's time span.
	expect(innerBox.x).toBeGreaterThan(outerBox.x);
	expect(innerBox.x + innerBox.width).toBeLessThanOrEqual(outerBox.x + outerBox.width + 1);
	await page.screenshot({ path: test.info().outputPath('taskgroup_nested-1280.png') });
	await expectNoViolations(page);
});

test('a cancellation is a path to where CancelledError lands, and its tooltip says what became of it', async ({
	page
}) => {
	await page.setViewportSize({ width: 1280, height: 720 });
	await openAtEnd(page, 'taskgroup_nested', 'Step');
	// main() is cancelled by its TaskGroup after failing() fails, and the group raises an
	// ExceptionGroup: the path ends there.
	const main = page.locator('.cancel-path[data-fate="group"]');
	await expect(main).toHaveCount(1);
	await expect(main.locator('.fate')).toHaveText('ExceptionGroup');
	const land = main.locator('.land');
	const box = await land.boundingBox();
	if (!box) throw new Error('landing mark not drawn');
	await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
	const tip = page.getByRole('tooltip');
	await expect(tip).toContainText('Cancellation of main()');
	await expect(tip).toContainText(
		'The TaskGroup on line 25 cancels main() because failing() raised ValueError'
	);
	await expect(tip).toContainText('CancelledError lands on line 25; cancelling() = 1');
	await expect(tip).toContainText('gathered into an ExceptionGroup by the TaskGroup on line 25');
	await page.screenshot({ path: test.info().outputPath('cancel-tooltip-1280.png') });
	await expectNoViolations(page);
});

test('a timeout bracket marks its deadline, and its tooltip tells where it moved', async ({
	page
}) => {
	await page.setViewportSize({ width: 1024, height: 768 });
	await openAtEnd(page, 'cancel_uncancel', 'Step');
	const timeout = page.locator('.scope.timeout');
	await expect(timeout).toHaveCount(1);
	// The first deadline (1.6 s) is past the end of the run: only the one it moved to is drawn.
	await expect(timeout.locator('.deadline')).toHaveCount(1);
	await expect(timeout.locator('.deadline.superseded')).toHaveCount(0);
	await expect(page.locator('.cancel-path[data-fate="timeout"] .fate')).toHaveText('TimeoutError');
	await expect(page.locator('.cancel-path[data-fate="caught"]')).toHaveCount(1);
	const edge = await timeout.locator('.bracket').boundingBox();
	if (!edge) throw new Error('bracket not drawn');
	await page.mouse.move(edge.x + 1, edge.y + edge.height / 2);
	const tip = page.getByRole('tooltip');
	await expect(tip).toContainText('timeout(1) · line 31');
	await expect(tip).toContainText('deadline t = 1.6 s → t = 0.85 s');
	await expect(tip).toContainText('raises TimeoutError (from the CancelledError)');
	await page.screenshot({ path: test.info().outputPath('cancel_uncancel-1024.png') });
});

// Every text the plot writes that a bracket's tag could meet: the lanes' inline labels, the
// fates' words and the other tags, as the browser lays them out.
async function textBoxes(page: Page, selector: string) {
	const out: { text: string; x: number; y: number; width: number; height: number }[] = [];
	for (const item of await page.locator(selector).all()) {
		const box = await item.boundingBox();
		if (box) out.push({ text: (await item.textContent()) ?? '', ...box });
	}
	return out;
}

for (const size of [
	{ width: 1280, height: 720 },
	{ width: 1024, height: 768 }
]) {
	test(`a bracket's tag is written clear of the lanes' labels and of other tags at ${size.width}×${size.height}`, async ({
		page
	}) => {
		await page.setViewportSize(size);
		await openAtEnd(page, 'taskgroup_nested');
		const tags = await textBoxes(page, '.scope-tag');
		// Tags find a place after their owners' labels: the outer group's whole tag on a wide plot.
		expect(tags.length).toBeGreaterThan(0);
		if (size.width === 1280) expect(tags.map((tag) => tag.text)).toContain('TaskGroup · line 25');
		const others = [
			...(await textBoxes(page, 'text.inline')),
			...(await textBoxes(page, '.cancel-path .fate'))
		];
		expect(others.length).toBeGreaterThan(4);
		const meet = (a: (typeof tags)[number], b: (typeof tags)[number]) =>
			a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
		tags.forEach((tag, k) => {
			for (const other of [...others, ...tags.slice(k + 1)])
				expect(meet(tag, other), `${tag.text} over ${other.text}`).toBe(false);
		});
		await page.screenshot({ path: test.info().outputPath(`tags-${size.width}.png`) });
	});
}
