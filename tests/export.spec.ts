import { expect, test, type Locator, type Page } from '@playwright/test';
import { download, failOnPageError, run, typeCode, waitForPython } from './helpers';

// Pages must never throw, whatever the program.
test.beforeEach(({ page }) => failOnPageError(page));

async function sharePanel(page: Page): Promise<Locator> {
	await page.getByRole('button', { name: /^Share/ }).click();
	const panel = page.getByRole('dialog', { name: 'Share' });
	await expect(panel).toBeVisible();
	return panel;
}

/** What the browser's own XML parser makes of an SVG document. */
function parseSvg(page: Page, text: string) {
	return page.evaluate((svg) => {
		const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
		const root = doc.documentElement;
		return {
			error: doc.querySelector('parsererror')?.textContent ?? null,
			root: root.localName,
			width: Number(root.getAttribute('width')),
			lanes: doc.querySelectorAll('g.lane').length,
			images: doc.querySelectorAll('img, image, script, foreignObject').length,
			text: root.textContent ?? ''
		};
	}, text);
}

test('Save picture exports the run at the cursor as SVG and as PNG at twice its size', async ({
	page
}) => {
	await page.goto('./');
	const lanes = page.getByRole('list', { name: 'Tasks and worker threads' }).getByRole('button');
	await expect(lanes.first()).toBeVisible();
	const forward = page.getByRole('button', { name: 'Step forward' });
	for (let step = 0; step < 11; step++) await forward.click();
	const position = await page.getByRole('slider').first().getAttribute('aria-valuetext');
	const step = Number(/event (\d+) of/.exec(position ?? '')?.[1]);
	expect(step).toBeGreaterThan(1);

	const panel = await sharePanel(page);
	const svgFile = await download(page, panel.getByRole('button', { name: 'Save picture (SVG)' }));
	expect(svgFile.name).toBe(`get_users_batch-step-${step}.svg`);
	const svg = await parseSvg(page, svgFile.bytes.toString('utf8'));
	expect(svg.error).toBeNull();
	expect(svg.root).toBe('svg');
	expect(svg.lanes).toBe(4);
	expect(svg.text).toContain('get_users_batch.py');
	expect(svg.text).toContain(`step ${step} of`);

	const pngFile = await download(page, panel.getByRole('button', { name: 'Save picture (PNG)' }));
	expect(pngFile.name).toBe(`get_users_batch-step-${step}.png`);
	const size = await page.evaluate(async (base64) => {
		const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
		const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
		return { width: bitmap.width, height: bitmap.height };
	}, pngFile.bytes.toString('base64'));
	expect(size.width).toBe(svg.width * 2);
	expect(size.height).toBeGreaterThan(400);
	await page.keyboard.press('Escape');

	// Zoomed in, the picture shows what the timeline shows: its finer ticks.
	const ticks = (text: string) => (text.match(/\d+(\.\d+)? m?s/g) ?? []).join(' ');
	await page.getByRole('button', { name: /Zoom in/ }).click();
	await page.getByRole('button', { name: /Zoom in/ }).click();
	const zoomed = await download(
		page,
		(await sharePanel(page)).getByRole('button', { name: 'Save picture (SVG)' })
	);
	const zoomedSvg = await parseSvg(page, zoomed.bytes.toString('utf8'));
	expect(zoomedSvg.lanes).toBe(4);
	expect(ticks(zoomedSvg.text)).not.toBe(ticks(svg.text));
});

test('a task label holding markup exports as text, never as an element', async ({ page }) => {
	test.setTimeout(120_000);
	await page.goto('./');
	await waitForPython(page);
	await typeCode(
		page,
		`import asyncio


async def work():
    await asyncio.sleep(0.1)


async def main():
    task = asyncio.create_task(work(), name='<img src=x onerror=alert(1)>')
    await task


asyncio.run(main())
`
	);
	await run(page);
	await page.getByRole('button', { name: 'Go to end' }).click();

	const panel = await sharePanel(page);
	const svgFile = await download(page, panel.getByRole('button', { name: 'Save picture (SVG)' }));
	const text = svgFile.bytes.toString('utf8');
	expect(text).not.toContain('<img');
	expect(text).toContain('&lt;img src=x onerror=alert(1)&gt;');
	const svg = await parseSvg(page, text);
	expect(svg.error).toBeNull();
	expect(svg.images).toBe(0);
	expect(svg.text).toContain('<img src=x onerror=alert(1)>');
});
