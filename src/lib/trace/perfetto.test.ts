import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	chromeTraceFile,
	traceToChromeTrace,
	type ChromeCompleteEvent,
	type ChromeTrace,
	type ChromeTraceOptions
} from './perfetto';
import type { Trace, TraceEvent } from './schema';
import { getUsersBatchTrace } from './testing/get-users-batch';
import { randomTrace } from './testing/random-trace';
import { parseTrace, validateTrace } from './validate';

// The recorder's golden trace, once it exists.
const GOLDEN = new URL('../../../traces/get_users_batch.json', import.meta.url);

// The documented fields of the Trace Event Format that each phase we write must carry.
const REQUIRED: Record<string, readonly string[]> = {
	M: ['name', 'ph', 'pid', 'tid', 'args'],
	X: ['name', 'cat', 'ph', 'ts', 'dur', 'pid', 'tid'],
	i: ['name', 'cat', 'ph', 'ts', 'pid', 'tid', 's'],
	s: ['name', 'cat', 'ph', 'ts', 'pid', 'tid', 'id'],
	f: ['name', 'cat', 'ph', 'ts', 'pid', 'tid', 'id', 'bp']
};
const METADATA_NAMES = ['process_name', 'thread_name', 'process_sort_index', 'thread_sort_index'];
// Slices that follow one another on a track; only blocking calls nest inside them.
const SEQUENTIAL = ['step', 'wait', 'thread'];

/** Everything wrong with a Chrome trace, as readable lines (empty when it conforms). */
function problems(doc: ChromeTrace): string[] {
	const found: string[] = [];
	if (!Array.isArray(doc.traceEvents)) return ['traceEvents is not an array'];
	if (doc.displayTimeUnit !== 'ms') found.push('displayTimeUnit is not ms');
	const tracks = new Map<string, { last: number; slices: ChromeCompleteEvent[] }>();
	const named = new Set<string>();
	const flows = new Map<number, { s: number; f: number; events: Record<string, unknown>[] }>();
	doc.traceEvents.forEach((event, index) => {
		const record = event as unknown as Record<string, unknown>;
		const where = `traceEvents[${index}] (${event.ph} ${JSON.stringify(record.name)})`;
		const required = REQUIRED[event.ph];
		if (!required) return found.push(`${where}: unknown phase`);
		for (const key of required) if (!(key in record)) found.push(`${where}: no ${key}`);
		if (typeof event.name !== 'string') found.push(`${where}: name is not a string`);
		if (!Number.isInteger(event.pid) || !Number.isInteger(event.tid))
			found.push(`${where}: pid/tid not integers`);
		if (!Number.isFinite(event.ts) || event.ts < 0) found.push(`${where}: bad ts ${event.ts}`);
		const track = `${event.pid}:${event.tid}`;
		if (event.ph === 'M') {
			if (!METADATA_NAMES.includes(event.name)) found.push(`${where}: unknown metadata`);
			if (event.name === 'thread_name') named.add(track);
			return;
		}
		const state = tracks.get(track) ?? { last: -Infinity, slices: [] };
		tracks.set(track, state);
		if (event.ts < state.last) found.push(`${where}: ts goes back on track ${track}`);
		state.last = event.ts;
		if (event.ph === 'X') {
			if (!Number.isFinite(event.dur) || event.dur < 0) found.push(`${where}: bad dur`);
			state.slices.push(event);
		}
		if (event.ph === 'i' && !['g', 'p', 't'].includes(event.s)) found.push(`${where}: bad scope`);
		if (event.ph === 's' || event.ph === 'f') {
			if (event.ph === 'f' && event.bp !== 'e') found.push(`${where}: finish without bp "e"`);
			const flow = flows.get(event.id) ?? { s: 0, f: 0, events: [] };
			flows.set(event.id, flow);
			flow[event.ph]++;
			flow.events.push(record);
		}
	});
	for (const [track, { slices }] of tracks) {
		if (!named.has(track)) found.push(`track ${track} has no thread_name`);
		for (const [i, a] of slices.entries())
			for (const b of slices.slice(i + 1)) {
				const [aEnd, bEnd] = [a.ts + a.dur, b.ts + b.dur];
				const disjoint = aEnd <= b.ts || bEnd <= a.ts;
				const nested = (a.ts <= b.ts && bEnd <= aEnd) || (b.ts <= a.ts && aEnd <= bEnd);
				if (!disjoint && !nested) found.push(`track ${track}: "${a.name}" and "${b.name}" overlap`);
				if (!disjoint && SEQUENTIAL.includes(a.cat) && SEQUENTIAL.includes(b.cat))
					found.push(`track ${track}: ${a.cat} "${a.name}" and ${b.cat} "${b.name}" overlap`);
			}
	}
	for (const [id, flow] of flows) {
		if (flow.s !== 1 || flow.f !== 1) {
			found.push(`flow ${id}: ${flow.s} starts and ${flow.f} finishes`);
			continue;
		}
		const [start, finish] = flow.events.sort((a) => (a.ph === 's' ? -1 : 1));
		if (start.name !== finish.name || start.cat !== finish.cat)
			found.push(`flow ${id}: start and finish differ in name or cat`);
		if ((finish.ts as number) < (start.ts as number)) found.push(`flow ${id}: goes back in time`);
		for (const end of [start, finish]) {
			const slices = tracks.get(`${end.pid}:${end.tid}`)?.slices ?? [];
			const ts = end.ts as number;
			if (!slices.some((slice) => slice.ts <= ts && ts <= slice.ts + slice.dur))
				found.push(`flow ${id}: its ${end.ph} is not inside a slice of its track`);
		}
	}
	return found;
}

const OPTIONS: ChromeTraceOptions[] = [
	{},
	{ axis: 'step' },
	{ waits: false },
	{ axis: 'step', waits: false }
];

function slicesOf(doc: ChromeTrace, tid: number, cat: string): ChromeCompleteEvent[] {
	return doc.traceEvents.filter(
		(event): event is ChromeCompleteEvent =>
			event.ph === 'X' && event.tid === tid && event.cat === cat
	);
}

describe('traceToChromeTrace', () => {
	it('writes the documented structure for get_users_batch', () => {
		for (const options of OPTIONS)
			expect(problems(traceToChromeTrace(getUsersBatchTrace(), options))).toEqual([]);
	});

	it.skipIf(!existsSync(GOLDEN))('writes the documented structure for the recorded example', () => {
		const parsed = parseTrace(readFileSync(GOLDEN, 'utf8'));
		if (!parsed.ok) throw new Error(parsed.error);
		for (const options of OPTIONS)
			expect(problems(traceToChromeTrace(parsed.trace, options))).toEqual([]);
	});

	it('draws the example as a learner expects: tracks, steps, waits, output, arrows', () => {
		const doc = traceToChromeTrace(getUsersBatchTrace());
		const names = doc.traceEvents.flatMap((event) =>
			event.ph === 'M' && event.name === 'thread_name' && 'name' in event.args
				? [event.args.name]
				: []
		);
		expect(names).toEqual([
			'Task-1 get_users_batch()',
			'Task-2 fetch_user(1)',
			'Task-3 fetch_user(2)',
			'Task-4 fetch_user(3)',
			'event loop'
		]);
		expect(slicesOf(doc, 1, 'step')).toHaveLength(2);
		const fetchSteps = slicesOf(doc, 2, 'step');
		expect(fetchSteps).toHaveLength(2);
		// Virtual time, plus 1 µs between consecutive events so zero-time steps stay visible.
		expect(fetchSteps[0].ts).toBeLessThan(100);
		expect(fetchSteps[1].ts).toBeGreaterThanOrEqual(500_000);
		expect(fetchSteps[1].ts).toBeLessThan(500_100);
		expect(fetchSteps[1].args).toMatchObject({ t: 0.5, first: false });
		const [wait] = slicesOf(doc, 2, 'wait');
		expect(wait).toMatchObject({ name: 'await asyncio.sleep(0.5)', args: { until: 0.5 } });
		expect(wait.ts + wait.dur).toBe(fetchSteps[1].ts);
		const output = doc.traceEvents.filter((event) => event.ph === 'i' && event.cat === 'stdout');
		expect(output.map((event) => [event.tid, event.name])).toEqual([
			[2, 'Fetching user 1...'],
			[3, 'Fetching user 2...'],
			[4, 'Fetching user 3...'],
			[1, 'Got 3 users']
		]);
		const arrows = (cat: string): number[][] =>
			doc.traceEvents.flatMap((event) =>
				event.ph === 's' && event.cat === cat ? [[event.tid]] : []
			);
		const finishes = (cat: string): number[] =>
			doc.traceEvents.flatMap((event) =>
				event.ph === 'f' && event.cat === cat ? [event.tid] : []
			);
		expect(arrows('create')).toEqual([[1], [1], [1]]);
		expect(finishes('create')).toEqual([2, 3, 4]);
		expect(arrows('await')).toEqual([[2], [3], [4]]);
		expect(finishes('await')).toEqual([1, 1, 1]);
	});

	it('nests blocking calls in their step and puts thread work on worker lanes', () => {
		const base = getUsersBatchTrace([1]);
		const events: TraceEvent[] = [
			{ seq: 0, t: 0, kind: 'task_created', task: 0 },
			{
				seq: 1,
				t: 0,
				kind: 'step_start',
				task: 0,
				first: true,
				line: 1,
				cause: { kind: 'start' }
			},
			{ seq: 2, t: 0, kind: 'blocking', task: 0, duration: 1, label: 'time.sleep(1)', line: 2 },
			{
				seq: 3,
				t: 1,
				kind: 'warning',
				task: 0,
				category: 'blocking',
				message: 'time.sleep blocks the loop',
				line: 2
			},
			{ seq: 4, t: 1, kind: 'thread_start', worker: 0, task: 0, label: 'to_thread(work)' },
			{
				seq: 5,
				t: 1,
				kind: 'suspend',
				task: 0,
				line: 3,
				awaits: { kind: 'thread', label: 'asyncio.to_thread(work)', worker: 0 },
				chain: []
			},
			{ seq: 6, t: 3, kind: 'thread_end', worker: 0, task: 0, label: 'to_thread(work)' },
			{
				seq: 7,
				t: 3,
				kind: 'step_start',
				task: 0,
				first: false,
				line: 3,
				cause: { kind: 'awaited', outcome: 'result' }
			},
			{ seq: 8, t: 3, kind: 'task_done', task: 0, outcome: 'result', line: 3 }
		];
		const trace: Trace = {
			...base,
			tasks: base.tasks.slice(0, 1),
			workers: [{ id: 0, name: 'asyncio_0' }],
			events
		};
		expect(validateTrace(trace).ok).toBe(true);
		for (const options of OPTIONS) expect(problems(traceToChromeTrace(trace, options))).toEqual([]);
		const doc = traceToChromeTrace(trace);
		const [blocking] = slicesOf(doc, 1, 'blocking');
		expect(blocking).toMatchObject({ name: 'time.sleep(1)', dur: 1_000_000 });
		const [thread] = slicesOf(doc, 3, 'thread');
		expect(thread.ts + thread.dur).toBe(3_000_000);
		expect(doc.traceEvents).toContainEqual(
			expect.objectContaining({ ph: 'M', tid: 3, args: { name: 'thread: asyncio_0' } })
		);
		expect(
			doc.traceEvents.filter((event) => event.ph === 's' && event.cat === 'thread')
		).toHaveLength(1);
	});

	it('closes what a run cut short left open', () => {
		const trace = getUsersBatchTrace();
		trace.events = trace.events.slice(0, 30); // stops while the fetches sleep
		const doc = traceToChromeTrace(trace);
		expect(problems(doc)).toEqual([]);
		expect(slicesOf(doc, 2, 'wait')[0].args).toMatchObject({ unfinished: true });
	});

	it('writes numbers, never null, for times too large for microseconds (t = 1e308)', () => {
		const trace = getUsersBatchTrace();
		// The run's last few events (its last line, print, return) happen at t = 1e308.
		const from = trace.events.length - 6;
		const far = {
			...trace,
			events: trace.events.map((event, index) => (index >= from ? { ...event, t: 1e308 } : event)),
			result: { ...trace.result, duration: 1e308 }
		};
		expect(validateTrace(far).ok).toBe(true);
		for (const axis of ['time', 'step'] as const) {
			const { text } = chromeTraceFile(far, { axis });
			expect(text).not.toMatch(/"(ts|dur)":null/);
			const parsed = JSON.parse(text) as ChromeTrace;
			for (const event of parsed.traceEvents) {
				expect(Number.isFinite(event.ts)).toBe(true);
				if (event.ph === 'X') expect(Number.isFinite(event.dur)).toBe(true);
			}
		}
	});

	it('writes the documented structure for any valid trace (200 random traces)', () => {
		for (let seed = 1; seed <= 200; seed++) {
			const valid = validateTrace(randomTrace(seed, { maxEvents: 150 }));
			if (!valid.ok) throw new Error(`seed ${seed}: ${valid.error}`);
			for (const options of OPTIONS)
				expect(problems(traceToChromeTrace(valid.trace, options)), `seed ${seed}`).toEqual([]);
		}
	});

	it('offers a download that ui.perfetto.dev opens', () => {
		const trace = getUsersBatchTrace();
		const file = chromeTraceFile(trace);
		expect(file.filename).toBe('get_users_batch.perfetto.json');
		expect(file.mimeType).toBe('application/json');
		expect(JSON.parse(file.text)).toEqual(traceToChromeTrace(trace));
	});
});
