/**
 * Empties a worker's global scope of everything a recording does not need, once Python has
 * loaded. An allowlist, not a list of ways out: a browser adds storage and network APIs
 * faster than a denylist is kept up (the `webkitRequestFileSystem*` family let a run store
 * files another run could read while every listed way out was closed). Beside it stand the
 * CSP the worker inherits from the page (its blob: URL gives it the page's policy), a fresh
 * worker per run, and the page's own validation of whatever the worker answers.
 */
import { removeAll } from '../recorder/lockdown.js';

/** The ECMAScript globals: the language itself, no way out of the worker. */
const LANGUAGE = [
	'globalThis',
	'Infinity',
	'NaN',
	'undefined',
	'eval',
	'isFinite',
	'isNaN',
	'parseFloat',
	'parseInt',
	'decodeURI',
	'decodeURIComponent',
	'encodeURI',
	'encodeURIComponent',
	'escape',
	'unescape',
	'AggregateError',
	'Array',
	'ArrayBuffer',
	'AsyncDisposableStack',
	'Atomics',
	'BigInt',
	'BigInt64Array',
	'BigUint64Array',
	'Boolean',
	'DataView',
	'Date',
	'DisposableStack',
	'Error',
	'EvalError',
	'FinalizationRegistry',
	'Float16Array',
	'Float32Array',
	'Float64Array',
	'Function',
	'Int8Array',
	'Int16Array',
	'Int32Array',
	'Intl',
	'Iterator',
	'JSON',
	'Map',
	'Math',
	'Number',
	'Object',
	'Promise',
	'Proxy',
	'RangeError',
	'ReferenceError',
	'Reflect',
	'RegExp',
	'Set',
	'SharedArrayBuffer',
	'String',
	'SuppressedError',
	'Symbol',
	'SyntaxError',
	'Temporal',
	'TypeError',
	'URIError',
	'Uint8Array',
	'Uint8ClampedArray',
	'Uint16Array',
	'Uint32Array',
	'WeakMap',
	'WeakRef',
	'WeakSet',
	'WebAssembly'
];

/**
 * What Pyodide's runtime and the worker's own code may still touch during a run: clocks,
 * randomness, text codecs, timers and events. None of it stores, sends or starts anything.
 */
const RUNTIME = [
	'self',
	'console',
	'performance',
	'crypto',
	'setTimeout',
	'clearTimeout',
	'setInterval',
	'clearInterval',
	'queueMicrotask',
	'structuredClone',
	'reportError',
	'atob',
	'btoa',
	'TextDecoder',
	'TextEncoder',
	'URL',
	'URLSearchParams',
	'Blob',
	'AbortController',
	'AbortSignal',
	'DOMException',
	'Event',
	'EventTarget',
	'ErrorEvent',
	'MessageEvent',
	'PromiseRejectionEvent',
	'location',
	'navigator',
	'name',
	'origin',
	'isSecureContext',
	'crossOriginIsolated',
	'addEventListener',
	'removeEventListener',
	'dispatchEvent',
	'onmessage',
	'onmessageerror',
	'onerror',
	'onunhandledrejection',
	'onrejectionhandled',
	'constructor'
];

/** The global names a locked-down worker keeps. */
export const KEPT_GLOBALS: ReadonlySet<string> = new Set([...LANGUAGE, ...RUNTIME]);

/** What `navigator` keeps: descriptions of the browser, nothing that acts. */
export const KEPT_NAVIGATOR: ReadonlySet<string> = new Set([
	'userAgent',
	'platform',
	'language',
	'languages',
	'hardwareConcurrency',
	'onLine',
	'appCodeName',
	'appName',
	'appVersion',
	'product',
	'constructor'
]);

/** Every string-named property of `target` and of what it inherits, short of `Object.prototype`. */
export function namesOnChain(target: object): string[] {
	const names = new Set<string>();
	for (
		let object: object | null = target;
		object && object !== Object.prototype;
		object = Object.getPrototypeOf(object)
	) {
		for (const name of Object.getOwnPropertyNames(object)) names.add(name);
	}
	return [...names];
}

/** Removes from `target`, and from all it inherits, every name not in `keep`, for good. */
export function keepOnly(target: object, keep: ReadonlySet<string>): string[] {
	const removed = namesOnChain(target).filter((name) => !keep.has(name));
	// A name the platform made non-configurable stays; none of those is a way out.
	const removable = removed.filter((name) => {
		const own = Object.getOwnPropertyDescriptor(target, name);
		return !own || own.configurable;
	});
	removeAll(target, removable);
	return removable;
}

/** Empties `scope` (a worker's global) and its navigator down to {@link KEPT_GLOBALS}. */
export function lockDown(scope: object): void {
	const navigator = (scope as { navigator?: object }).navigator;
	if (navigator) keepOnly(navigator, KEPT_NAVIGATOR);
	keepOnly(scope, KEPT_GLOBALS);
}
