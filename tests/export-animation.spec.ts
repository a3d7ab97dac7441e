import { expect, test, type Download, type Locator, type Page } from '@playwright/test';
import { expectNoViolations } from './axe';
import { download, failOnPageError } from './helpers';

// Pages must never throw, whatever they export.
test.beforeEach(({ page }) => failOnPageError(page));

/** Opens the playground's default run and its Share panel. */
async function sharePanel(page: Page): Promise<Locator> {
	await page.goto('./');
	const lanes = page.getByRole('list', { name: 'Tasks and worker threads' }).getByRole('button');
	await expect(lanes.first()).toBeVisible();
	await page.getByRole('button', { name: /^Share/ }).click();
	const panel = page.getByRole('dialog', { name: 'Share' });
	await expect(panel).toBeVisible();
	return panel;
}

/** From the Share panel, opens "Save animation…". */
async function animationDialog(page: Page, panel: Locator): Promise<Locator> {
	await panel.getByRole('button', { name: 'Save animation…' }).click();
	const dialog = page.getByRole('dialog', { name: 'Save animation' });
	await expect(dialog).toBeVisible();
	return dialog;
}

/** The width and height the SVG picture of the run declares. */
function svgSizeOf(text: string): { width: number; height: number } {
	const root = /<svg\b[^>]*>/.exec(text)?.[0] ?? '';
	return {
		width: Number(/\swidth="([\d.]+)"/.exec(root)?.[1]),
		height: Number(/\sheight="([\d.]+)"/.exec(root)?.[1])
	};
}

test('Save animation exports steps 1 to 5 as a GIF of five frames, each the picture’s size', async ({
	page
}) => {
	const panel = await sharePanel(page);
	const picture = await download(page, panel.getByRole('button', { name: 'Save picture (SVG)' }));
	const size = svgSizeOf(picture.bytes.toString('utf8'));
	expect(size.width).toBeGreaterThan(0);

	const dialog = await animationDialog(page, panel);
	await expect(dialog.getByLabel('From step')).toHaveValue('1');
	await expect(dialog.getByLabel('To step')).toHaveValue('51');
	await expectNoViolations(page, 'the animation dialog');
	await dialog.getByLabel('To step').fill('5');
	await expect(dialog.getByRole('radio', { name: 'GIF' })).toBeChecked();
	const gif = await download(page, dialog.getByRole('button', { name: 'Start' }));
	expect(gif.name).toBe('get_users_batch-steps-1-5.gif');
	expect(gif.bytes.subarray(0, 6).toString('latin1')).toBe('GIF89a');
	await expect(dialog.getByRole('status')).toContainText('Saved get_users_batch-steps-1-5.gif');
	await expect(dialog.getByText('frame 5 of 5')).toBeVisible();

	const decoded = await page.evaluate(async (base64) => {
		const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
		const decoder = new ImageDecoder({ data: bytes, type: 'image/gif' });
		await decoder.tracks.ready;
		const frameCount = decoder.tracks.selectedTrack?.frameCount ?? 0;
		const first = await decoder.decode({ frameIndex: 0 });
		const last = await decoder.decode({ frameIndex: frameCount - 1 });
		const result = {
			frameCount,
			width: first.image.displayWidth,
			height: first.image.displayHeight,
			firstMs: (first.image.duration ?? 0) / 1000,
			lastMs: (last.image.duration ?? 0) / 1000
		};
		first.image.close();
		last.image.close();
		decoder.close();
		return result;
	}, gif.bytes.toString('base64'));
	expect(decoded.frameCount).toBe(5);
	expect(decoded.width).toBe(size.width);
	expect(decoded.height).toBeGreaterThanOrEqual(size.height);
	expect(decoded.firstMs).toBe(500);
	expect(decoded.lastMs).toBe(2000);
	await expectNoViolations(page, 'the animation dialog after an export');
});

test('Save animation exports steps 1 to 5 as a WebM video that plays for the frames’ time', async ({
	page
}) => {
	const dialog = await animationDialog(page, await sharePanel(page));
	const video = dialog.getByRole('radio', { name: 'Video (WebM)' });
	await expect(video).toBeEnabled();
	await video.check();
	await dialog.getByLabel('From step').fill('1');
	await dialog.getByLabel('To step').fill('5');
	await dialog.getByLabel('Frame delay (ms)').fill('1000');
	const webm = await download(page, dialog.getByRole('button', { name: 'Start' }));
	expect(webm.name).toBe('get_users_batch-steps-1-5.webm');
	expect([...webm.bytes.subarray(0, 4)]).toEqual([0x1a, 0x45, 0xdf, 0xa3]);

	// The dialog previews the video it saved, from its own blob: the CSP lets the page's own
	// blobs play (media-src blob:), and the preview is the file downloaded.
	const preview = dialog.getByLabel('Preview of get_users_batch-steps-1-5.webm');
	await expect(preview).toBeVisible();
	const played = await preview.evaluate(async (element) => {
		const video = element as HTMLVideoElement;
		// A policy that refuses blob: media has already failed the load by now.
		if (video.error) throw new Error(`video error ${video.error.code}`);
		if (video.readyState < HTMLMediaElement.HAVE_METADATA)
			await new Promise<void>((resolve, reject) => {
				video.onloadedmetadata = () => resolve();
				video.onerror = () => reject(new Error(`video error ${video.error?.code}`));
			});
		await video.play();
		const start = video.currentTime;
		await new Promise<void>((resolve) => {
			const check = () => (video.currentTime > start + 0.3 ? resolve() : setTimeout(check, 50));
			check();
		});
		video.pause();
		return { src: video.src, width: video.videoWidth, duration: video.duration, played: true };
	});
	expect(played.src).toMatch(/^blob:/);
	expect(played.played).toBe(true);
	expect(played.width).toBe(1200);
	// Four frames of 1 s, then the last held 2 s.
	expect(played.duration).toBeGreaterThan(5.5);
	expect(played.duration).toBeLessThan(6.5);
	await expectNoViolations(page, 'the animation dialog with its video preview');
});

test('Cancel stops a long export between frames: nothing is downloaded', async ({ page }) => {
	const dialog = await animationDialog(page, await sharePanel(page));
	const downloads: Download[] = [];
	page.on('download', (saved) => downloads.push(saved));
	await expect(dialog.getByLabel('To step')).toHaveValue('51');
	await dialog.getByRole('button', { name: 'Start' }).click();
	await expect(dialog.getByText(/^frame [1-9]\d* of 51$/)).toBeVisible();
	await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
	await dialog.getByRole('button', { name: 'Cancel' }).click();
	const status = dialog.getByRole('status');
	await expect(status).toContainText('nothing was saved');
	const stoppedAt = Number(
		/Stopped at frame (\d+) of 51/.exec((await status.textContent()) ?? '')?.[1]
	);
	expect(stoppedAt).toBeLessThan(51);
	expect(downloads).toEqual([]);
	// Idle again: another export can start.
	await expect(dialog.getByRole('button', { name: 'Start' })).toBeFocused();
	await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeDisabled();
});

test('the animation dialog passes axe in the dark scheme', async ({ page }) => {
	await page.emulateMedia({ colorScheme: 'dark' });
	await animationDialog(page, await sharePanel(page));
	await expectNoViolations(page, 'the animation dialog, dark');
});
