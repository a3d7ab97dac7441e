import { describe, expect, it } from 'vitest';
import { expectModelInvariants } from '../model/testing';
import { LESSONS, lessonBySlug, loadLesson, resolveMoments } from './index';
import { programCode } from './programs';

// The tutorial's order: what a course on asyncio teaches first comes first.
const TUTORIAL = [
	'anatomy',
	'simple-async',
	'fetch-user',
	'get-users-batch',
	'sequential-vs-gather',
	'safe-fetch',
	'async-is-contagious',
	'await-outside-async',
	'async-without-await',
	'return-values-not-coroutines',
	'forgetting-await',
	'blocking-sleep',
	'create-task',
	'task-group',
	'timeouts',
	'cancellation',
	'queue'
];

/** Sentences in a prose text, code spans left out (`asyncio.run` is not two sentences). */
function sentences(text: string): number {
	const prose = text.replace(/`[^`]*`/g, 'code');
	return prose.split(/[.!?](?:\s+(?=[A-Z`])|$)/).filter((part) => part.trim() !== '').length;
}

describe('the lessons', () => {
	it('follow the tutorial, each at its own address', () => {
		expect(LESSONS.map((lesson) => lesson.slug)).toEqual(TUTORIAL);
		for (const lesson of LESSONS) expect(lesson.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
		expect(lessonBySlug('queue')?.title).toBe('Queue');
		expect(lessonBySlug('no-such-lesson')).toBeNull();
	});

	it.each(LESSONS)('$slug: a question, and short prose with balanced code marks', (lesson) => {
		expect(lesson.question).toMatch(/\?$/);
		expect(lesson.steps.length).toBeGreaterThan(0);
		const texts = [lesson.question, lesson.summary, ...lesson.steps.map((step) => step.text)];
		if (lesson.fix) texts.push(lesson.fix.text);
		for (const text of texts) expect(text.split('`').length % 2, text).toBe(1);
		for (const step of lesson.steps) {
			expect(sentences(step.text), step.text).toBeGreaterThanOrEqual(1);
			expect(sentences(step.text), step.text).toBeLessThanOrEqual(3);
		}
	});

	it.each(LESSONS)('$slug: every step is a moment of its shipped run, in order', async (lesson) => {
		const loaded = await loadLesson(lesson.slug);
		expect(loaded).not.toBeNull();
		const { program, fix } = loaded!;
		expect(program.trace.source.code).toBe(programCode(lesson.program));
		const cursors = resolveMoments(
			program.trace,
			lesson.steps.map((step) => step.at)
		);
		expect(cursors.every((cursor) => cursor !== null)).toBe(true);
		for (let i = 1; i < cursors.length; i++) expect(cursors[i]!).toBeGreaterThan(cursors[i - 1]!);
		expectModelInvariants(program.trace);
		if (fix) {
			expect(fix.trace.result.status).toBe('ok');
			expect(fix.code).not.toBe(program.code);
		}
	});

	it('knows its neighbours', async () => {
		const first = await loadLesson('anatomy');
		const last = await loadLesson('queue');
		expect([first?.number, first?.previous, first?.next?.slug]).toEqual([1, null, 'simple-async']);
		expect([last?.number, last?.previous?.slug, last?.next]).toEqual([
			LESSONS.length,
			'cancellation',
			null
		]);
		expect(await loadLesson('nope')).toBeNull();
	});

	it('explains `await` in a plain def with a syntax-error run that points at its line', async () => {
		const loaded = await loadLesson('await-outside-async');
		const { trace, code } = loaded!.program;
		const line = code.split('\n').findIndex((text) => text.includes('await fetch_user')) + 1;
		expect(code.split('\n')[line - 2]).toMatch(/^def get_user/);
		expect(trace.result.status).toBe('error');
		expect(trace.result.error).toMatchObject({ type: 'SyntaxError', line });
		expect(trace.result.error?.message).toContain("'await' outside async function");
		expect(loaded!.fix?.code).toContain('async def get_user');
		expect(loaded!.lesson.fix?.text).toContain('async def');
	});
});
