import { describe, expect, it } from 'vitest';
import { recordedTrace as load } from '../trace/testing/recorded';
import { encodeBase64url } from '../trace/base64url';
import { deflate } from '../trace/deflate';
import {
	decodeComparePermalink,
	decodePermalink,
	encodeComparePermalink,
	encodePermalink,
	type CompareShareState
} from './permalink';

function comparison(position = 42): CompareShareState {
	const a = load('get_users_one_by_one');
	const b = load('get_users_batch');
	return {
		a: { code: a.source.code, filename: a.source.filename, trace: a },
		b: { code: b.source.code, filename: b.source.filename, trace: b },
		position
	};
}

async function pack(value: unknown): Promise<string> {
	return encodeBase64url(await deflate(new TextEncoder().encode(JSON.stringify(value))));
}

describe('a comparison link', () => {
	it('carries both programs, both runs and the shared cursor, and reopens exactly', async () => {
		const state = comparison();
		const { fragment, included, fits } = await encodeComparePermalink(state);
		console.log(`one_by_one vs batch comparison link: ${fragment.length} characters`);
		expect(fragment).toMatch(/^#v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
		expect(included).toEqual({ a: true, b: true });
		expect(fits).toBe(true);
		expect(await decodeComparePermalink(fragment)).toEqual({
			ok: true,
			state,
			rerun: { a: false, b: false }
		});
	});

	it('keeps programs that were never run, and edited code that differs from its run', async () => {
		const state = comparison(0);
		state.a = { code: 'print("not run yet")\n', trace: null };
		state.b.code = `${state.b.code}# edited after the run\n`;
		const { fragment, included } = await encodeComparePermalink(state);
		expect(included).toEqual({ a: false, b: true });
		expect(await decodeComparePermalink(fragment)).toEqual({
			ok: true,
			state,
			rerun: { a: false, b: false }
		});
	});

	it('leaves out the longer run, then both, when the link would be too long', async () => {
		const state = comparison();
		const both = await encodeComparePermalink(state);
		const one = await encodeComparePermalink(state, { maxLength: both.fragment.length - 1 });
		expect(one.included).toEqual({ a: true, b: false }); // one by one compresses better
		expect(one.fragment.length).toBeLessThan(both.fragment.length);
		const decodedOne = await decodeComparePermalink(one.fragment);
		expect(decodedOne).toMatchObject({ ok: true, rerun: { a: false, b: true } });
		if (decodedOne.ok) {
			expect(decodedOne.state.a.trace).toEqual(state.a.trace);
			expect(decodedOne.state.b).toEqual({ ...state.b, trace: null });
		}
		const none = await encodeComparePermalink(state, { maxLength: 700 });
		expect(none.included).toEqual({ a: false, b: false });
		expect(none.fits).toBe(true);
		expect(await decodeComparePermalink(none.fragment)).toMatchObject({
			ok: true,
			rerun: { a: true, b: true },
			state: { position: 42, a: { trace: null }, b: { trace: null } }
		});
	});

	it('is told apart from a one-run link, both ways', async () => {
		const compare = (await encodeComparePermalink(comparison())).fragment;
		expect(await decodePermalink(compare)).toMatchObject({
			ok: false,
			error: expect.stringMatching(/compares two runs.*Compare page/),
			recovered: null
		});
		const single = (
			await encodePermalink({ ...comparison().a, cursor: 0, task: null, axis: 'time' })
		).fragment;
		expect(await decodeComparePermalink(single)).toMatchObject({
			ok: false,
			error: expect.stringMatching(/one run.*playground/)
		});
	});

	it('gives back both programs and the intact run when one run is damaged', async () => {
		const state = comparison();
		const { fragment } = await encodeComparePermalink(state);
		const [head, a] = fragment.split('.').slice(1);
		const decoded = await decodeComparePermalink(`#v1.${head}.${a}.AAAA`);
		expect(decoded.ok).toBe(false);
		if (decoded.ok) return;
		expect(decoded.error).toMatch(/the run of the second program/);
		expect(decoded.recovered).toEqual({ ...state, b: { ...state.b, trace: null } });
	});

	it('gives back the programs of a link cut short before its runs', async () => {
		const { fragment } = await encodeComparePermalink(comparison());
		const cut = fragment.split('.').slice(0, 3).join('.');
		const decoded = await decodeComparePermalink(cut);
		expect(decoded).toMatchObject({
			ok: false,
			error: expect.stringMatching(/cut short/),
			recovered: { a: { trace: null }, b: { trace: null }, position: 42 }
		});
	});

	it('names the field of a tampered header, and rejects a run its header does not announce', async () => {
		const bad = await pack({ m: 'compare', a: { c: 1 }, b: { c: '' }, x: 0 });
		expect(await decodeComparePermalink(`#v1.${bad}..`)).toMatchObject({
			ok: false,
			error: expect.stringMatching(/the code of the first program is not what/),
			recovered: null
		});
		const sneaky = await pack({ m: 'compare', a: { c: 'a' }, b: { c: 'b' }, x: 0 });
		const run = (await encodeComparePermalink(comparison())).fragment.split('.')[2];
		expect(await decodeComparePermalink(`#v1.${sneaky}.${run}.`)).toMatchObject({
			ok: false,
			error: expect.stringMatching(/first program has a run its header does not announce/)
		});
	});

	it('never throws on garbage', async () => {
		for (const fragment of ['', '#', '#v1', '#v9.x.y.z', '#v1.!!!..', '#nope', '#v1.....'])
			expect((await decodeComparePermalink(fragment)).ok).toBe(false);
	});
});
