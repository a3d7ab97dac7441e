import { expect, test, type Page } from '@playwright/test';
import { expectNoViolations } from './axe';
import { readFileSync } from 'node:fs';
import { encodePermalink } from '../src/lib/share/permalink';
import { parseTrace } from '../src/lib/trace/validate';
import { run, runToEnd, typeCode, waitForPython } from './helpers';

// Coaching on the gotchas (issue #20): each gotcha program, typed into the playground and run,
// shows its note with the fix for its own line and a link to its lesson, and marks that line; a
// correct program shows none.

const program = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');

interface Gotcha {
	name: string;
	code: string;
	kind: string;
	lesson: string;
	before: string;
	after: string;
}

const PRINT_COROUTINE = [
	'import asyncio',
	'',
	'',
	'async def fetch_user(user_id):',
	'    await asyncio.sleep(0.5)',
	'    return user_id',
	'',
	'',
	'async def main():',
	'    print(fetch_user(1))',
	'',
	'',
	'asyncio.run(main())',
	''
].join('\n');

const GOTCHAS: Gotcha[] = [
	{
		name: 'await in a plain def',
		code: program('src/lib/lessons/programs/await_in_def.py'),
		kind: 'await_in_def',
		lesson: 'await-outside-async',
		before: 'def get_user(user_id):',
		after: 'async def get_user(user_id):'
	},
	{
		name: 'an async def that never awaits',
		code: program('src/lib/lessons/programs/async_without_await.py'),
		kind: 'async_without_await',
		lesson: 'async-without-await',
		before: 'async def count(name):',
		after: 'await asyncio.sleep(0)'
	},
	{
		name: 'returning a coroutine',
		code: program('src/lib/lessons/programs/return_coroutine.py'),
		kind: 'coroutine_value',
		lesson: 'return-values-not-coroutines',
		before: 'return fetch_user(user_id)',
		after: 'return await fetch_user(user_id)'
	},
	{
		name: 'printing a coroutine',
		code: PRINT_COROUTINE,
		kind: 'coroutine_value',
		lesson: 'return-values-not-coroutines',
		before: 'print(fetch_user(1))',
		after: 'print(await fetch_user(1))'
	},
	{
		name: 'a forgotten await',
		code: program('src/lib/lessons/programs/forgot_await.py'),
		kind: 'forgot_await',
		lesson: 'forgetting-await',
		before: 'save("order 1")',
		after: 'await save("order 1")'
	},
	{
		name: 'a blocking call',
		code: program('src/lib/lessons/programs/blocking_sleep.py'),
		kind: 'blocking_call',
		lesson: 'blocking-sleep',
		before: 'time.sleep(0.5)',
		after: 'await asyncio.sleep(0.5)'
	},
	{
		name: 'asyncio.run inside a running loop',
		code: program('tests/corpus/coach_run_in_loop.py'),
		kind: 'run_in_loop',
		lesson: 'anatomy',
		before: 'user = asyncio.run(fetch_user(1))',
		after: 'user = await fetch_user(1)'
	},
	{
		name: 'a task nobody keeps',
		code: program('tests/corpus/coach_bare_task.py'),
		kind: 'task_reference',
		lesson: 'create-task',
		before: 'asyncio.create_task(heartbeat())',
		after: 'task = asyncio.create_task(heartbeat())'
	},
	{
		name: 'get_event_loop() where 3.14 differs',
		code: program('tests/corpus/version_get_event_loop.py'),
		kind: 'get_event_loop',
		lesson: 'anatomy',
		before: 'event_loop = asyncio.get_event_loop()',
		after: 'asyncio.run(main())'
	}
];

const note = (page: Page) => page.getByTestId('coach-note');

test.describe('coaching in the playground', () => {
	for (const gotcha of GOTCHAS) {
		test(`${gotcha.name}: its note, its fix, its lesson and its line`, async ({ page }) => {
			await page.goto('./');
			await runToEnd(page, gotcha.code);
			await expect(note(page)).toBeVisible();
			await expect(note(page)).toHaveAttribute('data-kind', gotcha.kind);
			const fix = page.getByTestId('coach-fix');
			await expect(fix.locator('pre.before')).toContainText(gotcha.before);
			await expect(fix.locator('pre.after')).toContainText(gotcha.after);
			await expect(page.getByTestId('coach-lesson')).toHaveAttribute(
				'href',
				new RegExp(`/lessons/${gotcha.lesson}/?$`)
			);
			// Exactly one line of the editor is marked, and it is a line of this program.
			const marked = page.locator('.cm-coach-line');
			await expect(marked).toHaveCount(1);
			expect(gotcha.code).toContain((await marked.innerText()).trim());
		});
	}

	test('a note appears at its step, not before, and Dismiss hides it and its mark', async ({
		page
	}) => {
		await page.goto('./');
		await waitForPython(page);
		await typeCode(page, program('src/lib/lessons/programs/forgot_await.py'));
		await run(page);
		// The run opens at its first event, before the forgotten await.
		await expect(page.getByTestId('narration')).toBeVisible();
		await expect(note(page)).toHaveCount(0);
		await page.getByRole('button', { name: 'Go to end' }).click();
		await expect(note(page)).toBeVisible();
		await expect(page.getByTestId('coach-quote')).toContainText(
			"RuntimeWarning: coroutine 'save' was never awaited"
		);
		await expectNoViolations(page);
		await page.getByRole('button', { name: 'Dismiss this tip' }).click();
		await expect(note(page)).toHaveCount(0);
		await expect(page.locator('.cm-coach-line')).toHaveCount(0);
	});

	test('a correct program shows no note', async ({ page }) => {
		await page.goto('./');
		await runToEnd(page, program('src/lib/lessons/programs/async_without_await_fixed.py'));
		await expect(page.getByTestId('narration')).toContainText('finishes');
		await expect(note(page)).toHaveCount(0);
		await expect(page.locator('.cm-coach-line')).toHaveCount(0);
	});

	test('the lesson link opens the lesson', async ({ page }) => {
		await page.goto('./');
		await runToEnd(page, program('src/lib/lessons/programs/forgot_await.py'));
		await page.getByTestId('coach-lesson').click();
		await expect(page).toHaveURL(/\/lessons\/forgetting-await\/?$/);
		await expect(page.getByRole('heading', { level: 1 })).toContainText('Forgetting await');
	});
});

test('a lesson shows the note at its step', async ({ page }) => {
	await page.goto('./lessons/forgetting-await/');
	await page.getByRole('button', { name: 'Go to end' }).click();
	await expect(note(page)).toHaveAttribute('data-kind', 'forgot_await');
	await expect(page.getByTestId('coach-fix').locator('pre.after')).toHaveText(
		'await save("order 1")'
	);
	// On the lesson's own page the note does not link to it again.
	await expect(page.getByTestId('coach-lesson')).toHaveCount(0);
	await expectNoViolations(page);
});

test('the embed shows a note only when it asks, with coach=1', async ({ page }) => {
	const parsed = parseTrace(program('traces/lessons/forgot_await.json'));
	if (!parsed.ok) throw new Error(parsed.error);
	const trace = parsed.trace;
	const { fragment } = await encodePermalink({
		code: trace.source.code,
		filename: trace.source.filename,
		trace,
		cursor: trace.events.length - 1,
		task: null,
		axis: 'time'
	});
	await page.goto(`./embed/${fragment}`);
	await expect(page.getByTestId('narration')).toContainText('finishes');
	await expect(note(page)).toHaveCount(0);
	await page.goto(`./embed/?coach=1${fragment}`);
	await expect(note(page)).toHaveAttribute('data-kind', 'forgot_await');
	await expect(page.getByTestId('coach-lesson')).toHaveAttribute(
		'href',
		/\/lessons\/forgetting-await\/?$/
	);
});
