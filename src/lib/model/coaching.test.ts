/**
 * Coaching on real recorded runs: each gotcha's program (the lessons', the corpus's, and one
 * recorded here) gets its note at the right step and line, with its fix for that very line; every
 * correct program (the examples, the corpus, the lessons' other and fixed programs) gets none.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LESSONS } from '../lessons/catalog';
import { record } from '../recorder/testing';
import type { Trace } from '../trace/schema';
import { parseTrace } from '../trace/validate';
import { COACH_KINDS, COACH_LESSONS, coachNotes, noteAt, type CoachNote } from './coaching';
import { corpusRuns } from './testing';

const ROOT = new URL('../../../', import.meta.url);

function readTrace(path: string): Trace {
	const parsed = parseTrace(readFileSync(new URL(path, ROOT), 'utf8'));
	if (!parsed.ok) throw new Error(`${path}: ${parsed.error}`);
	return parsed.trace;
}

/** The index of the first event that passes `test`. */
function stepOf(trace: Trace, test: (event: Trace['events'][number]) => boolean): number {
	const at = trace.events.findIndex(test);
	expect(at, 'the event the note belongs to').toBeGreaterThanOrEqual(0);
	return at;
}

function only(trace: Trace): CoachNote {
	const notes = coachNotes(trace);
	expect(notes.map((note) => note.kind)).toHaveLength(1);
	return notes[0];
}

// The corpus programs that are gotchas on purpose, and the one note each must get.
const CORPUS_GOTCHAS: Record<string, CoachNote['kind'][]> = {
	blocking_sleep: ['blocking_call'],
	coach_bare_task: ['task_reference'],
	coach_run_in_loop: ['run_in_loop'],
	leftover_tasks: ['task_reference'],
	// It drops the task it made: the report comes as CPython's does, and the note says why.
	task_never_retrieved: ['task_reference'],
	version_get_event_loop: ['get_event_loop'],
	version_run_until_complete: ['get_event_loop']
};
const LESSON_GOTCHAS = [
	'await_in_def',
	'async_without_await',
	'return_coroutine',
	'forgot_await',
	'blocking_sleep'
];

describe('each gotcha, at its step and line, with its fix', () => {
	it('await in a plain def: the SyntaxError line, and the def made async', () => {
		const trace = readTrace('traces/lessons/await_in_def.json');
		const note = only(trace);
		expect(note).toMatchObject({
			kind: 'await_in_def',
			step: trace.events.length - 1,
			line: 10,
			quote: { from: 'python', text: "SyntaxError: 'await' outside async function" },
			fix: { before: 'def get_user(user_id):', after: 'async def get_user(user_id):' },
			lesson: 'await-outside-async'
		});
		expect(note.explanation).toContain('`get_user` (line 9) is a plain `def`');
		expect(note.more).toContain('`asyncio.run(...)`');
	});

	it('an async def that never awaits: where its task ends with another still waiting', () => {
		const trace = readTrace('traces/lessons/async_without_await.json');
		const note = only(trace);
		// count("A") (task 1) runs from start to finish while count("B") waits its turn.
		const end = stepOf(trace, (e) => e.kind === 'task_done' && e.task === 1);
		expect(trace.events.slice(0, end).some((e) => e.kind === 'suspend' && e.task === 1)).toBe(
			false
		);
		expect(note).toMatchObject({ kind: 'async_without_await', step: end, line: 4 });
		expect(note.explanation).toContain("`count('B')` waited");
		expect(note.fix?.before).toBe('async def count(name):\n    ...');
		expect(note.fix?.after).toContain('\n    await asyncio.sleep(0)');
	});

	it('returning a coroutine: where the function returns from that line, await added', () => {
		const trace = readTrace('traces/lessons/return_coroutine.json');
		const note = only(trace);
		const back = stepOf(trace, (e) => e.kind === 'coro_return' && e.line === 10);
		expect(note).toMatchObject({
			kind: 'coroutine_value',
			step: back,
			line: 10,
			quote: { from: 'python', text: "RuntimeWarning: coroutine 'fetch_user' was never awaited" },
			// The line's indentation and its comment left out: the change is what the eye meets.
			fix: { before: 'return fetch_user(user_id)', after: 'return await fetch_user(user_id)' },
			lesson: 'return-values-not-coroutines'
		});
	});

	it('printing a coroutine: where its repr is printed, and no second note for its warning', async () => {
		const code = [
			'import asyncio',
			'',
			'async def fetch_user(user_id):',
			'    await asyncio.sleep(0.5)',
			'    return user_id',
			'',
			'async def main():',
			'    print(fetch_user(1))',
			'',
			'asyncio.run(main())',
			''
		].join('\n');
		const { trace } = await record(code);
		const printed = stepOf(
			trace,
			(e) => e.kind === 'stdout' && e.text.startsWith('<coroutine object fetch_user at 0x')
		);
		expect(only(trace)).toMatchObject({
			kind: 'coroutine_value',
			step: printed,
			line: 8,
			fix: { before: 'print(fetch_user(1))', after: 'print(await fetch_user(1))' }
		});
	});

	it('coroutines asyncio.wait refused are not a forgotten await: the version note says why', async () => {
		const code = [
			'import asyncio',
			'async def job(n):',
			'    await asyncio.sleep(n)',
			'async def main():',
			'    await asyncio.wait([job(1), job(2)])',
			'asyncio.run(main())'
		].join('\n');
		const { trace } = await record(code);
		// Python warns that job was never awaited, on the line whose error the note explains.
		expect(
			trace.events
				.filter((e) => e.kind === 'warning')
				.map((e) => e.kind === 'warning' && e.category)
		).toEqual(expect.arrayContaining(['never_awaited', 'version_change']));
		expect(coachNotes(trace).filter((note) => note.kind === 'forgot_await')).toEqual([]);
	});

	it('a forgotten await: at the RuntimeWarning, await put before the call', () => {
		const trace = readTrace('traces/lessons/forgot_await.json');
		const warned = stepOf(trace, (e) => e.kind === 'warning' && e.category === 'never_awaited');
		expect(only(trace)).toMatchObject({
			kind: 'forgot_await',
			step: warned,
			line: 10,
			quote: { from: 'python', text: "RuntimeWarning: coroutine 'save' was never awaited" },
			fix: { before: 'save("order 1")', after: 'await save("order 1")' },
			lesson: 'forgetting-await'
		});
	});

	it('a blocking call: at the blocking event, time.sleep made asyncio.sleep', () => {
		const trace = readTrace('traces/lessons/blocking_sleep.json');
		const blocked = stepOf(trace, (e) => e.kind === 'blocking');
		expect(only(trace)).toMatchObject({
			kind: 'blocking_call',
			step: blocked,
			line: 13,
			fix: { before: 'time.sleep(0.5)', after: 'await asyncio.sleep(0.5)' },
			lesson: 'blocking-sleep'
		});
	});

	it('asyncio.run inside a running loop: where the task fails, the run made an await', () => {
		const trace = readTrace('tests/corpus/coach_run_in_loop.trace.json');
		const failed = stepOf(trace, (e) => e.kind === 'task_done' && e.outcome === 'exception');
		expect(only(trace)).toMatchObject({
			kind: 'run_in_loop',
			step: failed,
			line: 11,
			quote: {
				from: 'python',
				text: 'RuntimeError: asyncio.run() cannot be called from a running event loop'
			},
			fix: { before: 'user = asyncio.run(fetch_user(1))', after: 'user = await fetch_user(1)' }
		});
	});

	it('a task nobody keeps: where it is created, the task kept in a name', () => {
		const trace = readTrace('tests/corpus/coach_bare_task.trace.json');
		const made = stepOf(trace, (e) => e.kind === 'task_created' && e.line === 12);
		expect(only(trace)).toMatchObject({
			kind: 'task_reference',
			step: made,
			line: 12,
			quote: { from: 'docs', text: expect.stringContaining('Save a reference') },
			fix: {
				before: 'asyncio.create_task(heartbeat())',
				after: 'task = asyncio.create_task(heartbeat())'
			},
			lesson: 'create-task'
		});
	});

	it('get_event_loop() with no loop: where 3.14 differs, with the recorder’s version note', () => {
		const trace = readTrace('tests/corpus/version_get_event_loop.trace.json');
		const noted = stepOf(trace, (e) => e.kind === 'warning' && e.category === 'version_change');
		const note = only(trace);
		expect(note).toMatchObject({ kind: 'get_event_loop', step: noted, line: 12 });
		expect(note.title).toContain('3.14');
		expect(note.explanation).toContain('raises RuntimeError');
		// The recorder's version note, folded in: what older Pythons did, and the modern fix.
		expect(note.more).toContain('Python 3.8–3.11 made a new loop here');
		expect(note.more).toContain('asyncio.get_running_loop()');
		expect(note.quote).toEqual({
			from: 'python',
			text: "RuntimeError: There is no current event loop in thread 'MainThread'."
		});
		expect(note.fix?.before).toBe('event_loop = asyncio.get_event_loop()');
		expect(note.fix?.after).toContain('asyncio.run(main())');
	});
});

describe('no notes on correct programs', () => {
	const examples = readdirSync(new URL('traces/', ROOT)).filter((f) => f.endsWith('.json'));
	it.each(examples)('example %s', (file) => {
		expect(coachNotes(readTrace(`traces/${file}`))).toEqual([]);
	});

	const lessons = readdirSync(new URL('traces/lessons/', ROOT)).filter(
		(f) => f.endsWith('.json') && !LESSON_GOTCHAS.includes(f.replace(/\.json$/, ''))
	);
	it.each(lessons)('lesson program %s', (file) => {
		expect(coachNotes(readTrace(`traces/lessons/${file}`))).toEqual([]);
	});

	it.each(corpusRuns().map((run) => [run.name, run.trace] as const))(
		'corpus %s: none, or only the gotcha it is about',
		(name, trace) => {
			expect(coachNotes(trace).map((note) => note.kind)).toEqual(CORPUS_GOTCHAS[name] ?? []);
		}
	);
});

describe('the notes', () => {
	it('link to lessons that exist, one for each gotcha', () => {
		const slugs = new Set(LESSONS.map((lesson) => lesson.slug));
		for (const kind of COACH_KINDS) expect(slugs.has(COACH_LESSONS[kind]), kind).toBe(true);
	});

	it('noteAt shows a note from its step on, the latest one passed', () => {
		const at = (step: number, kind: CoachNote['kind']) => ({ step, kind }) as CoachNote;
		const notes = [at(3, 'forgot_await'), at(7, 'blocking_call')];
		expect(noteAt(notes, 2)).toBeNull();
		expect(noteAt(notes, 3)?.kind).toBe('forgot_await');
		expect(noteAt(notes, 9)?.kind).toBe('blocking_call');
	});

	it('read without the parser’s facts (an older trace): only what the events support', () => {
		const trace = readTrace('traces/lessons/forgot_await.json');
		const note = only({ ...trace, coach: undefined });
		expect(note.kind).toBe('forgot_await');
		expect(note.fix).toBeNull();
	});
});
