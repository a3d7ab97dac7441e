import { existsSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeBase64url } from '../trace/base64url';
import { deflate, inflate, InflateLimitError } from '../trace/deflate';
import {
	decodePermalink,
	encodePermalink,
	type DecodedPermalink,
	type ShareState
} from './permalink';
import { MAX_LINK_CHARS, MAX_LINK_PART_BYTES, MAX_TRACE_EVENTS } from '../trace/limits';
import type { Trace } from '../trace/schema';
import {
	GET_USERS_BATCH_CODE,
	getUsersBatchCode,
	getUsersBatchTrace
} from '../trace/testing/get-users-batch';
import { Random, randomTrace } from '../trace/testing/random-trace';
import { parseTrace, validateTrace } from '../trace/validate';

// The recorder's golden trace, once it exists; until then the hand-built one.
const GOLDEN = new URL('../../../traces/get_users_batch.json', import.meta.url);

function exampleState(): ShareState {
	if (existsSync(GOLDEN)) {
		const parsed = parseTrace(readFileSync(GOLDEN, 'utf8'));
		if (!parsed.ok) throw new Error(`traces/get_users_batch.json: ${parsed.error}`);
		const { trace } = parsed;
		return {
			code: trace.source.code,
			filename: trace.source.filename,
			trace,
			cursor: Math.floor(trace.events.length / 2),
			task: trace.tasks.length > 2 ? 2 : null,
			axis: 'time'
		};
	}
	return {
		code: GET_USERS_BATCH_CODE,
		filename: 'get_users_batch.py',
		trace: getUsersBatchTrace(),
		cursor: 40,
		task: 2,
		axis: 'time'
	};
}

async function pack(value: unknown): Promise<string> {
	return encodeBase64url(await deflate(new TextEncoder().encode(JSON.stringify(value))));
}

async function packBytes(bytes: Uint8Array): Promise<string> {
	return encodeBase64url(await deflate(bytes));
}

function expectFailure(result: DecodedPermalink, message: RegExp): void {
	expect(result.ok).toBe(false);
	if (!result.ok) expect(result.error).toMatch(message);
}

afterAll(() => {
	// Links carry `__proto__` keys in some tests; none may reach a shared prototype.
	expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

describe('the get_users_batch example', () => {
	it('makes a link of at most 2,000 characters that reopens exactly', async () => {
		const state = exampleState();
		const { fragment, traceIncluded, fits } = await encodePermalink(state);
		console.log(
			`get_users_batch link: ${fragment.length} characters for ${state.trace?.events.length} events`
		);
		expect(fragment).toMatch(/^#v1\.[\w-]+\.[\w-]+$/);
		expect(fragment.length).toBeLessThanOrEqual(2_000);
		expect(traceIncluded).toBe(true);
		expect(fits).toBe(true);
		const decoded = await decodePermalink(fragment);
		expect(decoded).toEqual({ ok: true, state, rerun: false });
	});

	it('still fits 2,000 characters with five users (about 100 events)', async () => {
		const ids = [1, 2, 3, 4, 5];
		const trace = getUsersBatchTrace(ids);
		const state: ShareState = { ...exampleState(), code: getUsersBatchCode(ids), trace };
		const { fragment } = await encodePermalink(state);
		console.log(`five users: ${fragment.length} characters for ${trace.events.length} events`);
		expect(fragment.length).toBeLessThanOrEqual(2_000);
	});

	it('opens with or without the #', async () => {
		const state = exampleState();
		const { fragment } = await encodePermalink(state);
		expect(await decodePermalink(fragment.slice(1))).toEqual({ ok: true, state, rerun: false });
	});
});

describe('the loop view', () => {
	it('carries the machine view, and leaves the lists out so older links read the same', async () => {
		const state: ShareState = { ...exampleState(), loopView: 'machine' };
		const machine = await encodePermalink(state);
		expect(await decodePermalink(machine.fragment)).toEqual({ ok: true, state, rerun: false });
		const plain = exampleState();
		const list = await encodePermalink({ ...plain, loopView: 'list' });
		expect(list.fragment).toBe((await encodePermalink(plain)).fragment);
		expect(list.fragment).not.toBe(machine.fragment);
	});
});

describe('round trips', () => {
	it('gives back any valid trace and moment, deep-equal (300 random traces)', async () => {
		for (let seed = 1; seed <= 300; seed++) {
			const random = new Random(seed * 7919);
			const generated = randomTrace(seed);
			const valid = validateTrace(generated);
			expect(valid.ok, `seed ${seed}: ${valid.ok ? '' : valid.error}`).toBe(true);
			if (!valid.ok) continue;
			const trace = valid.trace;
			const state: ShareState = {
				// Sometimes the editor was changed after the run.
				code: random.chance(0.7) ? trace.source.code : `${trace.source.code}# edited\n`,
				trace,
				cursor: random.int(trace.events.length + 1),
				task: random.chance(0.3) ? null : random.int(trace.tasks.length),
				axis: random.chance(0.5) ? 'time' : 'step'
			};
			if (random.chance(0.7)) state.filename = random.chance(0.8) ? trace.source.filename : 'x.py';
			const { fragment, traceIncluded } = await encodePermalink(state, { maxLength: Infinity });
			expect(traceIncluded).toBe(true);
			const decoded = await decodePermalink(fragment);
			expect(decoded.ok, `seed ${seed}`).toBe(true);
			if (decoded.ok) {
				expect(decoded.state.trace, `seed ${seed}`).toStrictEqual(trace);
				expect(decoded.state, `seed ${seed}`).toEqual(state);
			}
		}
	});

	it('shares code alone, asking for a re-run, when the run is over budget', async () => {
		const state = exampleState();
		const { fragment, traceIncluded, fits } = await encodePermalink(state, { maxLength: 1_000 });
		expect(traceIncluded).toBe(false);
		expect(fits).toBe(true);
		expect(fragment.length).toBeLessThanOrEqual(1_000);
		expect(await decodePermalink(fragment)).toEqual({
			ok: true,
			state: { ...state, trace: null },
			rerun: true
		});
	});

	it('falls back to code alone for a long run under the default budget', async () => {
		const trace = getUsersBatchTrace(Array.from({ length: 200 }, (_, index) => index + 1));
		const state: ShareState = { ...exampleState(), trace, cursor: 40, task: 2 };
		const { fragment, traceIncluded } = await encodePermalink(state);
		expect(traceIncluded).toBe(false);
		expect(fragment.length).toBeLessThanOrEqual(8_000);
		const decoded = await decodePermalink(fragment);
		expect(decoded).toMatchObject({ ok: true, rerun: true, state: { cursor: 40, task: 2 } });
	});

	it('shares code that was never run without asking for a re-run', async () => {
		const state: ShareState = {
			code: 'print("hi")\n',
			trace: null,
			cursor: 0,
			task: null,
			axis: 'step'
		};
		const { fragment, traceIncluded } = await encodePermalink(state);
		expect(traceIncluded).toBe(false);
		expect(await decodePermalink(fragment)).toEqual({ ok: true, state, rerun: false });
	});

	it('says when even the code alone is over budget', async () => {
		const random = new Random(3);
		const code = Array.from({ length: 20_000 }, () =>
			String.fromCharCode(33 + random.int(90))
		).join('');
		const result = await encodePermalink(
			{ code, trace: null, cursor: 0, task: null, axis: 'time' },
			{ maxLength: 8_000 }
		);
		expect(result.fits).toBe(false);
		expect(await decodePermalink(result.fragment)).toMatchObject({ ok: true, state: { code } });
	});

	it('refuses a malformed state when encoding', async () => {
		const state = { ...exampleState(), cursor: -1 };
		await expect(encodePermalink(state)).rejects.toThrow(/invalid state/);
	});
});

describe('broken links', () => {
	it('explains an empty link or a foreign fragment', async () => {
		expectFailure(await decodePermalink(''), /no shared program/);
		expectFailure(await decodePermalink('#'), /no shared program/);
		expectFailure(await decodePermalink('#section-2'), /not a Loopscope share link/);
		expectFailure(await decodePermalink('#v1'), /cut short/);
		expectFailure(await decodePermalink(42 as unknown as string), /no shared program/);
	});

	it('says an older format cannot be opened and a newer one needs an update', async () => {
		const { fragment } = await encodePermalink(exampleState());
		expectFailure(await decodePermalink(fragment.replace('#v1.', '#v0.')), /older Loopscope/);
		const newer = await decodePermalink(fragment.replace('#v1.', '#v2.'));
		expectFailure(newer, /newer Loopscope \(link format v2.*update/);
	});

	it('explains each layer that fails', async () => {
		const header = await pack({ c: 'print(1)', x: 0, k: null, a: 'time', t: 1 });
		expectFailure(await decodePermalink('#v1.abc$def'), /characters a Loopscope link never has/);
		expectFailure(
			await decodePermalink(`#v1.${encodeBase64url(new TextEncoder().encode('hello, world'))}`),
			/data does not unpack/
		);
		expectFailure(
			await decodePermalink(`#v1.${await packBytes(new TextEncoder().encode('{"c": "print('))}`),
			/unpacks but cannot be read/
		);
		expectFailure(
			await decodePermalink(`#v1.${await packBytes(new Uint8Array([0xff, 0xfe, 0x80]))}`),
			/not text/
		);
		expectFailure(
			await decodePermalink(`#v1.${await pack({ c: 5, x: 0, k: null, a: 'time' })}`),
			/the code is not what a Loopscope link holds/
		);
		expectFailure(
			await decodePermalink(`#v1.${await pack({ c: '', x: 0, k: null, a: 'sideways' })}`),
			/the timeline axis is not/
		);
		const schemaInvalid = await decodePermalink(
			`#v1.${header}.${await pack({ e: [[2, 0, 'yes', 1]], t: [0, 1] })}`
		);
		expectFailure(schemaInvalid, /recorded run is damaged \(meta/);
		if (!schemaInvalid.ok) expect(schemaInvalid.recovered).toMatchObject({ code: 'print(1)' });
	});

	it('refuses a link longer than any Loopscope makes, before unpacking it', async () => {
		const long = `#v1.${'A'.repeat(MAX_LINK_CHARS)}`;
		expectFailure(await decodePermalink(long), /characters long, longer than any Loopscope makes/);
	});

	it('stops unpacking a part past its size limit', async () => {
		// 17 MB of spaces packs into about 17 kB.
		const bomb = await packBytes(new Uint8Array(MAX_LINK_PART_BYTES + 1024 * 1024).fill(32));
		expect(bomb.length).toBeLessThan(40_000);
		expectFailure(
			await decodePermalink(`#v1.${bomb}`),
			/unpacks to far more data than any shared program/
		);
	});

	it('refuses a run bigger than the recorder writes, keeping the code', async () => {
		const header = await pack({ c: 'print(1)', x: 0, k: null, a: 'time', t: 1 });
		// 200,001 events of nothing: refused by its count, before any event is read.
		const events = new Array(MAX_TRACE_EVENTS + 1).fill(0);
		const result = await decodePermalink(`#v1.${header}.${await pack({ e: events, t: [] })}`);
		expectFailure(
			result,
			/not its recorded run\. This run has 200,001 events; Loopscope opens runs of up to 200,000 events/
		);
		if (!result.ok) expect(result.recovered).toMatchObject({ code: 'print(1)' });
		const crowded = await pack({ e: [[0, 0]], k: [[], [], []], t: [0, 1] });
		expectFailure(
			await decodePermalink(`#v1.${header}.${crowded}`),
			/lists 3 tasks but has only 1 event:/
		);
	});

	it('names the field of a schema-invalid run and keeps the code', async () => {
		const state = exampleState();
		const { fragment } = await encodePermalink(state);
		const [, , tracePart] = fragment.split('.');
		const compact = JSON.parse(
			new TextDecoder().decode(await inflate(Buffer.from(tracePart, 'base64url')))
		) as { e: unknown[][] };
		const index = compact.e.findIndex((event) => event[0] === 2); // the first step_start
		compact.e[index][1] = 99; // its task
		const header = fragment.split('.')[1];
		const result = await decodePermalink(`#v1.${header}.${await pack(compact)}`);
		expectFailure(
			result,
			new RegExp(`recorded run is damaged \\(events\\[${index}\\]\\.task: no task has id 99\\)`)
		);
		if (!result.ok)
			expect(result.recovered).toMatchObject({ code: state.code, cursor: state.cursor });
	});

	it('rejects a position or task the run does not have, keeping the rest', async () => {
		const state = exampleState();
		const events = state.trace?.events.length ?? 0;
		const far = await decodePermalink(
			(await encodePermalink({ ...state, cursor: events + 1 })).fragment
		);
		expectFailure(far, /points at step/);
		if (!far.ok) expect(far.recovered).toMatchObject({ cursor: events, trace: state.trace });
		const ghost = await decodePermalink((await encodePermalink({ ...state, task: 9 })).fragment);
		expectFailure(ghost, /selects task 9/);
	});

	it('never throws on a link cut at any length, and keeps the code once the header is whole', async () => {
		const state = exampleState();
		const { fragment } = await encodePermalink(state);
		const headerEnd = fragment.indexOf('.', 4);
		for (let length = 0; length < fragment.length; length++) {
			const result = await decodePermalink(fragment.slice(0, length));
			expect(result.ok, `cut at ${length}`).toBe(false);
			if (!result.ok && length >= headerEnd)
				expect(result.recovered, `cut at ${length}`).toMatchObject({ code: state.code });
		}
	});

	it('never accepts a changed character as a different program', async () => {
		const state = exampleState();
		const { fragment } = await encodePermalink(state);
		const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
		const headerEnd = fragment.indexOf('.', 4);
		// Deflate can say the same bytes in more than one way (two equal earlier strings to copy
		// from), so a rare change decodes to the very same data; that is harmless.
		let accepted = 0;
		for (let index = 4; index < fragment.length; index++) {
			const old = fragment[index];
			const replacement = old === '.' ? 'A' : alphabet[(alphabet.indexOf(old) + 1) % 64];
			const result = await decodePermalink(
				fragment.slice(0, index) + replacement + fragment.slice(index + 1)
			);
			if (result.ok) {
				// Only acceptable if it decodes to exactly the same thing.
				expect(result.state, `changed at ${index}`).toEqual(state);
				accepted++;
			} else if (index > headerEnd) {
				expect(result.recovered, `changed at ${index}`).toMatchObject({ code: state.code });
			}
		}
		expect(accepted).toBeLessThan(10);
	});

	it('stops unpacking data that grows far beyond any real link', async () => {
		const bomb = await deflate(new Uint8Array(1_000_000));
		await expect(inflate(bomb, 1_000)).rejects.toBeInstanceOf(InflateLimitError);
		expect((await inflate(bomb)).length).toBe(1_000_000);
	});

	it('keeps `__proto__` keys from a link as plain data', async () => {
		const trace: Trace = getUsersBatchTrace();
		const tampered = JSON.parse(
			JSON.stringify(trace).replace('"result":{', '"result":{"__proto__":{"polluted":true},')
		) as Trace;
		const { fragment } = await encodePermalink({ ...exampleState(), trace: tampered });
		const result = await decodePermalink(fragment);
		expect(result.ok).toBe(true);
		if (result.ok) {
			expect(Object.getPrototypeOf(result.state.trace?.result)).toBe(Object.prototype);
			expect((result.state.trace?.result as Record<string, unknown>).polluted).toBeUndefined();
		}
	});
});
