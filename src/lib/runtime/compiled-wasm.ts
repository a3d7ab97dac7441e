/**
 * Pyodide's wasm, compiled while it downloads. Pyodide fetches it as soon as it loads, but
 * compiles it only when it creates its instance, which waits for the memory image to be
 * unpacked: on a first visit the compile came after the unpacking, one after the other. Started
 * here at once, the compile (on the engine's background threads) runs beside the downloads and
 * the unpacking.
 */

/** What a load's fetches go through, swapped for its length (see {@link loadWithCompiledWasm}). */
export interface FetchScope {
	fetch: typeof fetch;
}

/** A wasm file being fetched and compiled, and a copy of its response for the loader's fetch. */
export interface EarlyWasm {
	readonly url: string;
	readonly compiled: Promise<WebAssembly.Module>;
	/** The copy, the first time it is asked for; then null (a second load fetches its own). */
	takeCopy(): Promise<Response> | null;
}

/** Starts fetching and compiling the wasm at `url`. */
export function compileEarly(url: string, scope: FetchScope = globalThis): EarlyWasm {
	const response = scope.fetch(url);
	// The loader fetches the file too: it gets this copy, not a second download.
	let copy: Promise<Response> | null = response.then((whole) => whole.clone());
	const compiled = copy.then(() => response).then((whole) => WebAssembly.compileStreaming(whole));
	// A failed compile leaves the loader to compile its copy, as it would have.
	compiled.catch(() => {});
	copy.catch(() => {});
	return {
		url,
		compiled,
		takeCopy() {
			const taken = copy;
			copy = null;
			return taken;
		}
	};
}

/**
 * Runs `load` (Pyodide's loader) with its fetch of the wasm answered by the copy, and its
 * `WebAssembly.instantiateStreaming` instantiating the module compiled already; both are put
 * back when it settles. If the early compile failed, the loader compiles what it fetched.
 */
export async function loadWithCompiledWasm<T>(
	wasm: EarlyWasm,
	load: () => Promise<T>,
	scope: FetchScope = globalThis
): Promise<T> {
	const fetchBefore = scope.fetch;
	const { instantiateStreaming } = WebAssembly;
	scope.fetch = (input, init) => {
		const url = input instanceof Request ? input.url : String(input);
		return (url === wasm.url && wasm.takeCopy()) || fetchBefore.call(scope, input, init);
	};
	WebAssembly.instantiateStreaming = async (source, imports) => {
		const module = await wasm.compiled.catch(() => null);
		if (!module) return instantiateStreaming(source, imports);
		// The copy is not needed: its bytes were compiled already.
		void Promise.resolve(source)
			.then((response) => response.body?.cancel())
			.catch(() => {});
		return { module, instance: await WebAssembly.instantiate(module, imports) };
	};
	try {
		return await load();
	} finally {
		scope.fetch = fetchBefore;
		WebAssembly.instantiateStreaming = instantiateStreaming;
	}
}
