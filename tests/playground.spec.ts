import { expect, test, type Page } from '@playwright/test';
import { run, runToEnd, typeAndRunToEnd, typeCode, waitForPython } from './helpers';

const GET_USERS_BATCH = `import asyncio


async def fetch_user(user_id):
    print(f"Fetching user {user_id}...")
    await asyncio.sleep(0.5)
    return {"id": user_id}


async def get_users_batch():
    users = await asyncio.gather(fetch_user(1), fetch_user(2), fetch_user(3))
    print(f"Got {len(users)} users")
    return users


asyncio.run(get_users_batch())
`;

async function stepUntil(page: Page, done: () => Promise<boolean>, limit = 200): Promise<void> {
	for (let step = 0; step < limit; step++) {
		if (await done()) return;
		await page.getByRole('button', { name: 'Step forward' }).click();
	}
	throw new Error(`condition not reached within ${limit} steps`);
}

test('the example is on screen at once, before Python has loaded', async ({ page }) => {
	await page.goto('./');
	await expect(page.getByRole('button', { name: /Task-2 · fetch_user\(1\)/ })).toBeVisible();
	await expect(page.getByRole('button', { name: /Task-4 · fetch_user\(3\)/ })).toBeVisible();
	await expect(page.getByTestId('narration')).not.toBeEmpty();
});

test('gather: three fetch_user tasks wait at the same time; the run takes 0.5 s', async ({
	page
}) => {
	await page.goto('./');
	await waitForPython(page);
	await typeCode(page, GET_USERS_BATCH);
	await run(page);

	for (const id of [1, 2, 3])
		await expect(
			page.getByRole('button', { name: new RegExp(`fetch_user\\(${id}\\)`) })
		).toBeVisible();

	// Step until every fetch_user has set its timer: three timers, all due at 0.5 s.
	const timers = page.getByRole('list', { name: 'Timers' }).getByRole('listitem');
	await stepUntil(page, async () => (await timers.count()) === 3);
	await expect(timers).toHaveText([/t = 0\.5 s/, /t = 0\.5 s/, /t = 0\.5 s/]);
	await expect(page.getByTestId('virtual-time')).toHaveText('0 s');

	await page.getByRole('button', { name: 'Go to end' }).click();
	await expect(page.getByTestId('virtual-time')).toHaveText('0.5 s');
	await expect(page.getByTestId('console')).toContainText('Got 3 users');
	await expect(page.getByTestId('console')).toContainText('Finished after 0.5 s');
});

test('the keyboard steps through the run: the line and the narration follow', async ({ page }) => {
	await page.goto('./');
	const narration = page.getByTestId('narration');
	const currentLine = page.locator('.cm-current-line');
	await page.getByTestId('narration').click(); // focus the page, not a control

	// Each key's move is waited for: a narration read at once may still be the previous step's.
	const opening = (await narration.textContent()) ?? '';
	await page.keyboard.press('End');
	await expect(narration).not.toHaveText(opening);
	const last = (await narration.textContent()) ?? '';
	await page.keyboard.press('Home');
	await expect(narration).not.toHaveText(last);

	// Step forward until a line of code is running, then once more: both must move.
	for (let step = 0; step < 40 && (await currentLine.count()) === 0; step++)
		await page.keyboard.press('ArrowRight');
	await expect(currentLine).toHaveCount(1);
	const lineBefore = await currentLine.textContent();
	const narrationBefore = await narration.textContent();
	for (let step = 0; step < 40; step++) {
		await page.keyboard.press('ArrowRight');
		if ((await currentLine.count()) === 1 && (await currentLine.textContent()) !== lineBefore)
			break;
	}
	await expect(currentLine).not.toHaveText(lineBefore ?? '');
	await expect(narration).not.toHaveText(narrationBefore ?? '');

	// Shift+→ jumps a whole loop iteration; ← steps back one event.
	const iteration = page.locator('dt:text("Iteration") + dd');
	const before = Number(await iteration.textContent());
	await page.keyboard.press('Shift+ArrowRight');
	await expect(iteration).toHaveText(String(before + 1));
	// K plays and pauses, as in video players; Space is the clicker's step forward.
	await page.keyboard.press('k');
	await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
	await page.keyboard.press('k');
	await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
});

test('the editor scrolls to the line the run is on, late in the program too', async ({ page }) => {
	await page.goto('./');
	const currentLine = page.locator('.cm-current-line');
	const editor = page.locator('.cm-scroller');
	await page.getByTestId('narration').click();
	// The example is longer than the editor shows at once.
	expect(await editor.evaluate((el) => el.scrollHeight > el.clientHeight + 40)).toBe(true);
	await page.keyboard.press('End');
	for (let step = 0; step < 40 && (await currentLine.count()) === 0; step++)
		await page.keyboard.press('ArrowLeft');
	await expect(currentLine).toHaveCount(1);
	await expect(currentLine).toBeInViewport();
	expect(await editor.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
	expect(await page.evaluate(() => window.scrollY)).toBe(0);
});

test('long output keeps its first 100 lines and its newest in the page, and counts the rest', async ({
	page
}) => {
	await page.goto('./');
	await runToEnd(
		page,
		'import asyncio\n\nasync def main():\n    for i in range(1500):\n        print("line", i)\n\nasyncio.run(main())\n'
	);
	const console = page.getByTestId('console');
	await expect(console).toContainText('line 1499');
	await expect(console).toContainText('500 more lines not shown here');
	await expect(console.locator('.line')).toHaveCount(1000);
	await expect(console.locator('.line').first()).toContainText('line 0');
	await expect(console.locator('.line').nth(100)).toContainText('line 600');
});

test('an error longer than the Output panel is shown from its first line', async ({ page }) => {
	await page.goto('./');
	await runToEnd(
		page,
		'import asyncio\n\nasync def job(n):\n    await asyncio.sleep(n)\n\nasync def main():\n    await asyncio.wait([job(1), job(2)])\n\nasyncio.run(main())\n'
	);
	const outcome = page.getByTestId('console').getByRole('alert');
	await expect(outcome).toContainText('asyncio.wait() takes tasks, not coroutines');
	const [box, first] = await Promise.all([
		page.getByTestId('console').boundingBox(),
		outcome.boundingBox()
	]);
	// Its heading (the error's type) is in view, not scrolled off above the panel.
	expect(first!.y).toBeGreaterThanOrEqual(box!.y);
	expect(first!.y).toBeLessThan(box!.y + box!.height / 2);
});

for (const width of [1024, 1280]) {
	test(`the header keeps to one row at ${width} px, every control whole`, async ({ page }) => {
		await page.setViewportSize({ width, height: 720 });
		await page.goto('./');
		await waitForPython(page);
		const rows = await page.locator('header').evaluate((header) =>
			[...header.children].map((child) => {
				const box = child.getBoundingClientRect();
				return { top: Math.round(box.top), right: box.right };
			})
		);
		for (const row of rows)
			expect(Math.abs(row.top - rows[0].top), JSON.stringify(rows)).toBeLessThan(20);
		for (const row of rows) expect(row.right).toBeLessThanOrEqual(width);
		// The status reads whole: Ready below 1280 px, the Python's version from 1280 px.
		const status = page.getByRole('status').filter({ hasText: /ready/i });
		await expect(status).toHaveText(width < 1280 ? 'Ready' : /^Python 3\.\d+\.\d+ ready$/, {
			useInnerText: true
		});
		const elided = await status
			.locator('.text:visible')
			.evaluate((el) => el.scrollWidth > el.clientWidth);
		expect(elided).toBe(false);
	});
}

test('a runaway loop is stopped and explained; the page stays alive', async ({ page }) => {
	await page.goto('./');
	await waitForPython(page);
	const code =
		'import asyncio\n\nasync def spin():\n    n = 0\n    while True:\n        n += 1\n\nasyncio.run(spin())\n';
	await typeAndRunToEnd(page, code);
	const outcome = page.getByTestId('console').getByRole('alert');
	await expect(outcome).toContainText(/limit/i);
	await expect(outcome).toContainText(/line [56]/);
	await expect(page.locator('.cm-error-line')).toHaveCount(1);

	// Still alive: the code is kept, stepping works and another run succeeds.
	await expect(page.getByRole('textbox', { name: 'Python code' })).toContainText('while True');
	await page.getByRole('button', { name: 'Step back' }).click();
	await typeAndRunToEnd(page, 'print("still here")\n');
	await expect(page.getByTestId('console')).toContainText('still here');
});

test('a syntax error points at its line', async ({ page }) => {
	await page.goto('./');
	await runToEnd(page, 'import asyncio\n\nasync def main(:\n    pass\n');
	const outcome = page.getByTestId('console').getByRole('alert');
	await expect(outcome).toContainText('SyntaxError');
	await expect(outcome).toContainText('line 3');
});

test('a program stuck inside one C call is stopped by the watchdog; the code is kept', async ({
	page
}) => {
	test.setTimeout(120_000);
	await page.goto('./');
	await waitForPython(page);
	// One long C-level call: no Python line runs, so only the page's watchdog can stop it.
	const code = 'total = sum(range(10**13))\nprint(total)\n';
	await typeCode(page, code);
	await page.getByRole('button', { name: /^Run/ }).click();
	await expect(page.getByRole('alert').filter({ hasText: /did not answer/ })).toBeVisible({
		timeout: 60_000
	});
	await expect(page.getByRole('textbox', { name: 'Python code' })).toContainText('10**13');

	// A fresh Python takes over: the next run works.
	await runToEnd(page, 'print("alive again")\n');
	await expect(page.getByTestId('console')).toContainText('alive again');
});

test('? shows every shortcut, from the same keymap the keys use', async ({ page }) => {
	await page.goto('./');
	await page.getByTestId('narration').click(); // focus the page, not a control
	await page.keyboard.press('?');
	const help = page.getByRole('dialog', { name: 'Keyboard' });
	await expect(help).toBeVisible();
	await expect(help.getByRole('term')).toContainText([
		'→ or PageDown',
		'Space',
		'Shift+→',
		'K',
		'P',
		'B',
		'+',
		'0',
		'Ctrl+Enter'
	]);
	await expect(help.getByRole('definition')).toContainText([
		'Step forward',
		'Play or pause',
		'Predict mode on or off',
		'Blank the screen',
		'Run the program'
	]);
	await expect(help).toContainText('Show the whole run');
	await page.keyboard.press('Escape');
	await expect(help).toBeHidden();
	// The key the help names for stepping does step.
	const position = page.getByTestId('position');
	await expect(position).toHaveText(/^1 \//);
	await page.keyboard.press('ArrowRight');
	await expect(position).toHaveText(/^2 \//);
});

test('the call stack shows a sleeping fetch_user: its frame, its line and its variables', async ({
	page
}) => {
	await page.goto('./');
	const stack = page.getByTestId('call-stack');
	const frames = stack.getByRole('list', { name: 'Frames, innermost first' }).getByRole('listitem');
	// Before anything runs there is no task to show; then, with none selected, the one running.
	await expect(stack).toContainText('Nothing runs now');
	await stepUntil(page, async () => (await frames.count()) > 0);
	await expect(stack).toContainText('Task-1 · get_users_batch()');
	await expect(frames.first()).toContainText('get_users_batch()');

	await page.getByRole('button', { name: /Task-3 · fetch_user\(2\)/ }).click();
	await expect(stack).toContainText('Task-3 · fetch_user(2)');
	const status = page.getByTestId('stack-status');
	await expect(status).toHaveText('not created yet');

	// Step until Task-3 sleeps: its innermost frame is fetch_user, paused on line 6.
	await stepUntil(
		page,
		async () => (await status.textContent()) === 'waiting on asyncio.sleep(0.5)'
	);
	await expect(frames.first()).toContainText('fetch_user()');
	await expect(frames.first()).toContainText('line 6');
	await expect(frames.first().locator('code')).toHaveText(/^await asyncio\.sleep\(0\.5\)/);
	await expect(stack.getByRole('term')).toHaveText(['user_id']);
	await expect(stack.getByRole('definition')).toHaveText(['2']);
});
