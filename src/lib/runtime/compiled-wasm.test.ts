import { describe, expect, it } from 'vitest';
import { compileEarly, loadWithCompiledWasm, type FetchScope } from './compiled-wasm';

// The smallest wasm module that exports something: `(func (export "answer") (result i32) i32.const 42)`.
const WASM = Uint8Array.of(
	0x00,
	0x61,
	0x73,
	0x6d,
	0x01,
	0x00,
	0x00,
	0x00,
	0x01,
	0x05,
	0x01,
	0x60,
	0x00,
	0x01,
	0x7f,
	0x03,
	0x02,
	0x01,
	0x00,
	0x07,
	0x0a,
	0x01,
	0x06,
	0x61,
	0x6e,
	0x73,
	0x77,
	0x65,
	0x72,
	0x00,
	0x00,
	0x0a,
	0x06,
	0x01,
	0x04,
	0x00,
	0x41,
	0x2a,
	0x0b
);
const URL_ = 'https://example.test/pyodide/pyodide.asm.wasm';

/** A scope whose fetch answers the wasm (or `body`) and counts the requests per URL. */
function scopeServing(body: Uint8Array = WASM) {
	const requests: string[] = [];
	const scope: FetchScope = {
		fetch: async (input) => {
			requests.push(String(input));
			return new Response(body.slice(), { headers: { 'content-type': 'application/wasm' } });
		}
	};
	return { scope, requests };
}

/** What Pyodide's loader does: fetch the wasm, instantiate it streaming. */
async function loaderLike(scope: FetchScope) {
	const { instance, module } = await WebAssembly.instantiateStreaming(scope.fetch(URL_), {});
	return { answer: (instance.exports.answer as () => number)(), module };
}

describe('the wasm compiled while it downloads', () => {
	it('is what the loader instantiates, from one download, and the loader gets its own calls back', async () => {
		const { scope, requests } = scopeServing();
		const fetchBefore = scope.fetch;
		const instantiateBefore = WebAssembly.instantiateStreaming;
		const wasm = compileEarly(URL_, scope);
		const loaded = await loadWithCompiledWasm(wasm, () => loaderLike(scope), scope);
		expect(loaded.answer).toBe(42);
		expect(loaded.module).toBe(await wasm.compiled);
		expect(requests).toEqual([URL_]);
		expect(scope.fetch).toBe(fetchBefore);
		expect(WebAssembly.instantiateStreaming).toBe(instantiateBefore);
		// A second load (the full load after a refused image) downloads the file again.
		await loadWithCompiledWasm(wasm, () => loaderLike(scope), scope);
		expect(requests).toEqual([URL_, URL_]);
	});

	it('leaves other fetches alone, and the calls are put back when the load fails', async () => {
		const { scope, requests } = scopeServing();
		const fetchBefore = scope.fetch;
		const wasm = compileEarly(URL_, scope);
		const failing = loadWithCompiledWasm(
			wasm,
			async () => {
				await scope.fetch('https://example.test/pyodide/python_stdlib.zip');
				throw new Error('no Python today');
			},
			scope
		);
		await expect(failing).rejects.toThrow('no Python today');
		expect(requests).toEqual([URL_, 'https://example.test/pyodide/python_stdlib.zip']);
		expect(scope.fetch).toBe(fetchBefore);
	});

	it('falls back to the loader compiling what it fetched when the early compile failed', async () => {
		const broken = Uint8Array.of(...WASM.slice(0, 8), 0xff);
		const early = scopeServing(broken);
		const wasm = compileEarly(URL_, early.scope);
		await expect(wasm.compiled).rejects.toThrow();
		// The loader's own fetch (the copy is gone: taken here) gets a good file.
		wasm.takeCopy();
		const { scope } = scopeServing();
		const loaded = await loadWithCompiledWasm(wasm, () => loaderLike(scope), scope);
		expect(loaded.answer).toBe(42);
	});
});
