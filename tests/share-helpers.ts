import { expect, type FrameLocator, type Page } from '@playwright/test';
import { encodePermalink } from '../src/lib/share/permalink';
import type { Trace } from '../src/lib/trace/schema';
import { getUsersBatchTrace } from '../src/lib/trace/testing/get-users-batch';

/** A file for `setFiles` / drops. */
export interface FilePayload {
	name: string;
	mimeType: string;
	buffer: Buffer;
}

/** A trace as a `.json` file. */
export function traceFile(trace: unknown, name = 'shared.loopscope.json'): FilePayload {
	return { name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(trace)) };
}

/** Everything a learner sees of a moment: lanes, output, narration, cursor, task and axis. */
export interface Moment {
	lanes: string[];
	output: string;
	narration: string;
	position: string | null;
	selected: string[];
	axis: string[];
}

/** Reads the moment on screen (in the playground, or in an embed's frame). */
export async function momentOf(root: Page | FrameLocator): Promise<Moment> {
	const laneButtons = root
		.getByRole('list', { name: 'Tasks and worker threads' })
		.getByRole('button');
	await expect(laneButtons.first()).toBeVisible();
	const lanes = await laneButtons.evaluateAll((buttons) =>
		buttons.map((button) => button.getAttribute('aria-label') ?? '')
	);
	const selected = await laneButtons.evaluateAll((buttons) =>
		buttons
			.filter((button) => button.getAttribute('aria-pressed') === 'true')
			.map((button) => button.getAttribute('aria-label') ?? '')
	);
	const axis = await root
		.getByRole('radiogroup', { name: 'Timeline x axis' })
		.getByRole('radio')
		.evaluateAll((radios) =>
			radios
				.filter((radio) => (radio as HTMLInputElement).checked)
				.map((radio) => radio.getAttribute('aria-label') ?? '')
		);
	return {
		lanes,
		output: await root.getByTestId('console').innerText(),
		narration: await root.getByTestId('narration').innerText(),
		position: await root.getByRole('slider', { name: 'Event' }).getAttribute('aria-valuetext'),
		selected,
		axis
	};
}

/** Drops `file` on the element matched by `selector`, as a drag from the desktop would. */
export async function dropFile(page: Page, selector: string, file: FilePayload): Promise<void> {
	const dataTransfer = await page.evaluateHandle(
		({ name, mimeType, text }) => {
			const transfer = new DataTransfer();
			transfer.items.add(new File([text], name, { type: mimeType }));
			return transfer;
		},
		{ name: file.name, mimeType: file.mimeType, text: file.buffer.toString('utf8') }
	);
	await page.dispatchEvent(selector, 'dragenter', { dataTransfer });
	await page.dispatchEvent(selector, 'dragover', { dataTransfer });
	await page.dispatchEvent(selector, 'drop', { dataTransfer });
}

/** Opens `file` with the header's "Open trace…" button and the file chooser. */
export async function openWithButton(page: Page, file: FilePayload): Promise<void> {
	const chooser = page.waitForEvent('filechooser');
	await page.getByRole('button', { name: 'Open trace…' }).click();
	await (await chooser).setFiles(file);
}

/** Opens the Share panel and returns the link its Copy button makes. */
export async function copyLink(page: Page): Promise<string> {
	await page.getByRole('button', { name: /^Share/ }).click();
	const panel = page.getByRole('dialog', { name: 'Share' });
	await expect(panel).toBeVisible();
	await panel.getByRole('button', { name: 'Copy link' }).click();
	await expect(panel.getByRole('status')).toContainText(/copied|Ctrl\+C/);
	const link = await panel.getByLabel('Link', { exact: true }).inputValue();
	expect(link).toContain('#v1.');
	return link;
}

/** The URL of the app's page `path` (relative to the base URL, which may carry a sub-path). */
export function appUrl(baseURL: string | undefined, path: string): string {
	return new URL(path, baseURL).href;
}

/**
 * get_users_batch run for users 4 and 5 (three lanes, unlike the default example's four), and
 * the fragment of its link at `moment`.
 */
export async function fourAndFiveLink(
	moment: Pick<Parameters<typeof encodePermalink>[0], 'cursor' | 'task' | 'axis'>
): Promise<{ trace: Trace; fragment: string }> {
	const trace = getUsersBatchTrace([4, 5]);
	const { fragment } = await encodePermalink({
		code: trace.source.code,
		filename: trace.source.filename,
		trace,
		...moment
	});
	return { trace, fragment };
}

/** A copy of `trace` (for tests that alter one). */
export function clone(trace: Trace): Trace {
	return structuredClone(trace);
}
