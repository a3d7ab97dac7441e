import { expect, test, type FrameLocator, type Page } from '@playwright/test';
import { encodePermalink } from '../src/lib/share/permalink';
import type { Trace } from '../src/lib/trace/schema';
import { getUsersBatchTrace } from '../src/lib/trace/testing/get-users-batch';
import { appUrl, copyLink, dropFile, openWithButton, traceFile } from './share-helpers';

// With the CSP out of the way, only the app's own escaping stands between a payload and the
// page: a `{@html}` anywhere would let these run.
test.use({ bypassCSP: true });

const PAYLOAD = `<img src=x onerror="window.__pwned=1;alert('img')">`;
const PAYLOADS = [
	PAYLOAD,
	`"><svg onload="window.__pwned=2;alert('svg')">`,
	`<script>window.__pwned=3;alert('script')</script>`,
	`</textarea><iframe src="javascript:parent.__pwned=4"></iframe>`
];
const ALL = PAYLOADS.join(' ');

// A valid trace whose every piece of user-provided text is a payload.
function hostileTrace(): Trace {
	const trace = getUsersBatchTrace([1, 2]);
	trace.source.filename = `${PAYLOADS[1]}.py`;
	trace.source.code = `# ${ALL}\n${trace.source.code}print("${PAYLOADS[0]}")\n`;
	trace.tasks = trace.tasks.map((task, index) => ({
		...task,
		name: `${PAYLOADS[index % PAYLOADS.length]}`,
		coro: PAYLOADS[(index + 1) % PAYLOADS.length],
		label: `${PAYLOADS[(index + 2) % PAYLOADS.length]}(1)`
	}));
	for (const event of trace.events) {
		if (event.kind === 'stdout') event.text = `${ALL}\n`;
		if (event.kind === 'suspend') event.awaits = { ...event.awaits, label: PAYLOADS[2] };
	}
	trace.result = {
		status: 'error',
		duration: trace.result.duration,
		message: ALL,
		error: { type: PAYLOADS[3], message: ALL, line: 3, traceback: [{ name: PAYLOADS[0], line: 3 }] }
	};
	return trace;
}

async function watch(page: Page): Promise<string[]> {
	const dialogs: string[] = [];
	page.on('dialog', (dialog) => {
		dialogs.push(dialog.message());
		void dialog.dismiss();
	});
	page.on('pageerror', (error) => {
		throw error;
	});
	return dialogs;
}

async function expectNothingRan(page: Page, dialogs: string[], root: Page | FrameLocator = page) {
	// Give any injected handler the chance to fire.
	await page.waitForTimeout(300);
	expect(dialogs).toEqual([]);
	expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBe(
		undefined
	);
	await expect(root.locator('img[src="x"], svg[onload], iframe[src^="javascript"]')).toHaveCount(0);
}

test('payloads in a trace file, its name, its output and task names render as text', async ({
	page
}) => {
	const dialogs = await watch(page);
	await page.goto('./');
	await openWithButton(page, traceFile(hostileTrace(), `${PAYLOAD}.json`));
	await expect(page.getByRole('alert').first()).toContainText(`Opened “${PAYLOAD}.json”`);
	await page.getByRole('button', { name: 'Go to end' }).click();
	await expect(page.getByTestId('console')).toContainText(PAYLOADS[0]);
	await expect(page.getByTestId('console')).toContainText(PAYLOADS[2]);
	await expectNothingRan(page, dialogs);

	// The same run sent as a link, and opened in the embed.
	const link = await copyLink(page);
	const reader = await page.context().newPage();
	const readerDialogs = await watch(reader);
	await reader.goto(link);
	await reader.getByRole('button', { name: 'Go to end' }).click();
	await expect(reader.getByTestId('console')).toContainText(PAYLOADS[3]);
	await expectNothingRan(reader, readerDialogs);

	const embed = await page.context().newPage();
	const embedDialogs = await watch(embed);
	await embed.goto(appUrl(page.url(), `embed/${new URL(link).hash}`));
	await embed.getByRole('button', { name: 'Go to end' }).click();
	await expect(embed.getByTestId('console')).toContainText(PAYLOADS[1]);
	await expectNothingRan(embed, embedDialogs);
});

test('payloads typed as code, in a broken link, an invalid file and embed options stay text', async ({
	page,
	baseURL
}) => {
	const dialogs = await watch(page);
	await page.goto('./');
	const editor = page.getByRole('textbox', { name: 'Python code' });
	await editor.click();
	await page.keyboard.press('ControlOrMeta+a');
	await page.keyboard.insertText(`print("${ALL}")\n# ${ALL}`);
	await expect(editor).toContainText(PAYLOADS[2]);
	await expectNothingRan(page, dialogs);

	// An invalid file whose contents and name are payloads.
	await dropFile(page, 'main', {
		name: `${PAYLOADS[1]}.json`,
		mimeType: 'application/json',
		buffer: Buffer.from(`{"format": "${PAYLOADS[0].replace(/"/g, '\\"')}"}`)
	});
	await expect(page.getByRole('alert').first()).toContainText('cannot be opened');
	await expectNothingRan(page, dialogs);

	// A link made with hostile code and no run, and a link that is hostile text itself.
	const { fragment } = await encodePermalink({
		code: `print("${ALL}")`,
		trace: null,
		cursor: 0,
		task: null,
		axis: 'time'
	});
	for (const hash of [fragment, `#${encodeURIComponent(PAYLOAD)}`, `#v1.${PAYLOAD}`]) {
		await page.goto('about:blank');
		await page.goto(appUrl(baseURL, `./${hash}`));
		await expect(page.getByRole('alert').first()).toBeVisible();
		await expectNothingRan(page, dialogs);
	}

	await page.goto(
		appUrl(
			baseURL,
			`embed/?example=${encodeURIComponent(PAYLOAD)}&theme=${encodeURIComponent(PAYLOADS[1])}#${encodeURIComponent(PAYLOADS[2])}`
		)
	);
	await expect(page.getByRole('alert').first()).toBeVisible();
	await expectNothingRan(page, dialogs);
});
