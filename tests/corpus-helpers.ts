import { expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import type { Awaitable, Trace, TraceEvent } from '../src/lib/trace/schema';
import { parseTrace } from '../src/lib/trace/validate';
import { openWithButton, traceFile } from './share-helpers';

/** Corpus program `name`'s recorded run (`tests/corpus/<name>.trace.json`), validated. */
export function corpusTrace(name: string): Trace {
	const read = parseTrace(readFileSync(`tests/corpus/${name}.trace.json`, 'utf8'));
	if (!read.ok) throw new Error(`${name}: ${read.error}`);
	return read.trace;
}

/** Picks the suspension of a task on an awaitable of `kind` (of task `task` only, when given). */
export function suspendedOn(
	kind: Awaitable['kind'],
	task?: number
): (event: TraceEvent) => boolean {
	return (event) =>
		event.kind === 'suspend' &&
		event.awaits.kind === kind &&
		(task === undefined || event.task === task);
}

/**
 * Opens corpus run `name` in the playground as a file (no Python needed) and moves to the first
 * event `find` picks; returns the run and that event.
 */
export async function openCorpusAt(
	page: Page,
	name: string,
	find: (event: TraceEvent) => boolean
): Promise<{ trace: Trace; event: TraceEvent }> {
	const trace = corpusTrace(name);
	const event = trace.events.find(find);
	expect(event, `${name}: the step to look at`).toBeDefined();
	await page.goto('./');
	await openWithButton(page, traceFile(trace, `${name}.loopscope.json`));
	await expect(page.getByRole('alert').first()).toContainText(`Opened “${name}.loopscope.json”`);
	const slider = page.getByRole('slider', { name: 'Event' });
	await slider.fill(String(event!.seq));
	await expect(slider).toHaveValue(String(event!.seq));
	return { trace, event: event! };
}
