import { expect, test } from '@playwright/test';
import { expectNoViolations } from './axe';
import { corpusTrace, openCorpusAt as openAt, suspendedOn } from './corpus-helpers';
import { failOnPageError } from './helpers';

// Values, queues and locks, and plain-def frames in the call stack panel, on recorded corpus runs
// opened as files (no Python needed): each at a step the test finds in the trace itself.

test.beforeEach(({ page }) => failOnPageError(page));

test('a lock shows its holder and the tasks waiting for it, step by step', async ({ page }) => {
	await openAt(page, 'lock', suspendedOn('lock', 3));
	const lock = page.getByTestId('primitive').filter({ hasText: 'Lock' });
	await expect(lock.getByTestId('primitive-summary')).toHaveText('locked, held by Task-2');
	await expect(lock).toContainText("waiting: Task-3 · deposit('b', 20), Task-4 · deposit('c', 30)");
	await expect(page.getByTestId('narration')).toContainText(
		"waits for lock, which deposit('a', 10) holds"
	);

	// Before the program made any primitive's state known, and at the end: free.
	await page.getByRole('slider', { name: 'Event' }).fill('0');
	await expect(lock.getByTestId('primitive-summary')).toHaveText('not used yet');
	await page.getByRole('button', { name: 'Go to end' }).click();
	await expect(lock.getByTestId('primitive-summary')).toHaveText('unlocked');
	await expect(lock).not.toContainText('waiting');
});

test('a bounded queue shows its items in order and the producer waiting for room', async ({
	page
}) => {
	await openAt(page, 'queue_maxsize', suspendedOn('queue_put'));
	const queue = page.getByTestId('primitive').filter({ hasText: 'Queue' });
	await expect(queue.getByTestId('primitive-summary')).toHaveText('2 of 2 items');
	await expect(
		queue.getByRole('list', { name: 'Items of queue, front first' }).getByRole('listitem')
	).toHaveText(['0', '1']);
	await expect(queue).toContainText('waiting to put: Task-2 · producer(Queue)');
});

test('a returned coroutine object is shown as one, in the stack panel and the narration', async ({
	page
}) => {
	await openAt(
		page,
		'returned_coroutine',
		(event) => event.kind === 'coro_return' && event.coro === 'get_user'
	);
	const value = page.getByTestId('returned-value');
	await expect(value).toContainText('get_user() returned <coroutine object fetch_user>');
	await expect(value).toContainText('a coroutine object: it has not run yet, await it');
	await expect(page.getByTestId('narration')).toContainText('a coroutine object, not a result');
});

test('a plain def called from a coroutine is a frame of its task', async ({ page }) => {
	const trace = corpusTrace('plain_calls');
	const greet = trace.events.find((event) => event.kind === 'coro_call' && event.coro === 'greet')!;
	await openAt(page, 'plain_calls', (event) => event.kind === 'line' && event.seq > greet.seq);
	const frames = page.getByRole('list', { name: 'Frames, innermost first' }).getByRole('listitem');
	await expect(frames).toHaveCount(3);
	await expect(frames.nth(0)).toContainText('greet() def line 6');
	await expect(frames.nth(1)).toContainText('report() def line 11');
	await expect(frames.nth(2)).toContainText('worker() line 18');
	await expect(page.getByTestId('narration')).toContainText(
		"greet() (called by report() in worker('ada')) runs line 6"
	);
	// The gather's children hang under main in the await graph.
	await expect(page.getByTestId('await-graph')).toContainText('Task-1 · main()');
	await expect(page.getByTestId('await-graph')).toContainText("gather → Task-2 · worker('ada')");
});

test('the values, queues and locks have no accessibility violations', async ({ page }) => {
	test.setTimeout(180_000); // two full axe passes
	await openAt(page, 'lock', suspendedOn('lock'));
	await expect(page.getByTestId('primitives')).toBeVisible();
	await expectNoViolations(page, 'a lock and its waiters');
	await openAt(
		page,
		'returned_coroutine',
		(event) => event.kind === 'coro_return' && event.coro === 'get_user'
	);
	await expect(page.getByTestId('returned-value')).toBeVisible();
	await expectNoViolations(page, 'a returned coroutine');
});
