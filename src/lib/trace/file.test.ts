import { describe, expect, it } from 'vitest';
import { downloadName, parseTraceFile, traceToFile } from './file';
import { MAX_TRACE_FILE_BYTES } from './limits';
import { chromeTraceFile } from './perfetto';
import { getUsersBatchTrace } from './testing/get-users-batch';

describe('traceToFile', () => {
	it('serialises a trace that parses back deep-equal', () => {
		const trace = getUsersBatchTrace();
		const file = traceToFile(trace);
		expect(file.filename).toBe('get_users_batch.loopscope.json');
		expect(file.mimeType).toBe('application/json');
		expect(file.text).toMatch(/^\{\n\t"format": "loopscope-trace"/);
		expect(parseTraceFile(file.text)).toEqual({ ok: true, trace });
		const compact = traceToFile(trace, { pretty: false });
		expect(compact.text.length).toBeLessThan(file.text.length);
		expect(parseTraceFile(compact.text)).toEqual({ ok: true, trace });
	});

	it('suggests safe download names', () => {
		expect(downloadName('main.py', 'loopscope.json')).toBe('main.loopscope.json');
		expect(downloadName('../my dir/Mon programme é.py', 'json')).toBe('Mon_programme.json');
		expect(downloadName('a:b?*.PY', 'json')).toBe('a_b.json');
		expect(downloadName('', 'json')).toBe('trace.json');
		expect(downloadName('...', 'json')).toBe('trace.json');
	});
});

describe('parseTraceFile', () => {
	it('reads text, bytes and ArrayBuffers, with or without a byte-order mark', () => {
		const trace = getUsersBatchTrace();
		const { text } = traceToFile(trace);
		const bytes = new TextEncoder().encode(text);
		expect(parseTraceFile(bytes)).toEqual({ ok: true, trace });
		expect(parseTraceFile(bytes.buffer)).toEqual({ ok: true, trace });
		expect(parseTraceFile(`\ufeff${text}`)).toEqual({ ok: true, trace });
		expect(parseTraceFile(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]))).toEqual({
			ok: true,
			trace
		});
	});

	it('names the first problem in plain words', () => {
		const fail = (contents: string | Uint8Array): string => {
			const result = parseTraceFile(contents);
			return result.ok ? 'ok' : result.error;
		};
		expect(fail('')).toBe('This file is empty.');
		expect(fail('  \n')).toBe('This file is empty.');
		expect(fail('{"format": "loopscope-trace",')).toMatch(/not valid JSON/);
		expect(fail(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]))).toMatch(/not UTF-8/);
		expect(fail('[1, 2, 3]')).toMatch(/expected a JSON object/);
		const broken = JSON.parse(traceToFile(getUsersBatchTrace()).text) as {
			events: Array<Record<string, unknown>>;
		};
		broken.events[3].line = 'twelve';
		expect(fail(JSON.stringify(broken))).toMatch(/^events\[3\]\.line: .*number/);
		broken.events[3].line = 12;
		broken.events[5].task = 42;
		expect(fail(JSON.stringify(broken))).toBe('events[5].task: no task has id 42');
	});

	it('recognises a Perfetto export dropped by mistake', () => {
		const result = parseTraceFile(chromeTraceFile(getUsersBatchTrace()).text);
		expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/Perfetto/) });
	});

	it('refuses files past the size limit before reading them', () => {
		const result = parseTraceFile(new Uint8Array(MAX_TRACE_FILE_BYTES + 1));
		expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/up to 100 MB/) });
	});

	it('parses a 50 MB trace in reasonable time (prints the time)', () => {
		// The example's shape with thousands of users: ~22 events per user, many loop iterations
		// with long ready lists, just under the recorder's 200,000 events, and a detail field a
		// newer recorder might add to every event: a plausible worst case for a dropped file.
		const ids = Array.from({ length: 13_000 }, (_, index) => index + 1);
		const base = getUsersBatchTrace(ids);
		const detail = 'detail '.repeat(13);
		const trace = { ...base, events: base.events.map((event) => ({ ...event, detail })) };
		const { text } = traceToFile(trace);
		const bytes = new TextEncoder().encode(text);
		const megabytes = bytes.length / 1024 / 1024;
		const started = performance.now();
		const result = parseTraceFile(bytes);
		const elapsed = performance.now() - started;
		console.log(
			`parseTraceFile: ${megabytes.toFixed(1)} MB, ${trace.events.length} events in ${Math.round(elapsed)} ms`
		);
		expect(megabytes).toBeGreaterThan(45);
		expect(result.ok).toBe(true);
		if (result.ok) expect(result.trace.events).toHaveLength(trace.events.length);
		// Generous: the point is "seconds, in a worker", not a benchmark.
		expect(elapsed).toBeLessThan(30_000);
	});
});
