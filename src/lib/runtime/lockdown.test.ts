/**
 * The worker's lockdown keeps an allowlist: what is not named is gone, wherever it was inherited
 * from, and cannot be put back.
 */
import { describe, expect, it } from 'vitest';
import { KEPT_GLOBALS, keepOnly, lockDown, namesOnChain } from './lockdown';

/** A stand-in for a worker's global: own names, names on two prototypes, and a navigator. */
function fakeScope() {
	const base = { addEventListener() {}, webkitRequestFileSystemSync: () => 'fs' };
	const middle = Object.create(base, {
		indexedDB: { get: () => 'idb', configurable: true },
		setTimeout: { value: () => 1, configurable: true, writable: true }
	});
	const navigatorBase = { storage: 'storage', locks: 'locks', userAgent: 'test' };
	const scope = Object.create(middle);
	Object.assign(scope, {
		self: scope,
		Array,
		fetch: () => 'fetch',
		someFutureStorageApi: () => 'stored',
		navigator: Object.create(navigatorBase)
	});
	return scope as Record<string, unknown> & { navigator: Record<string, unknown> };
}

describe('lockDown', () => {
	it('keeps only the allowlist, on the scope and on every prototype it inherits from', () => {
		const scope = fakeScope();
		lockDown(scope);
		expect(scope.webkitRequestFileSystemSync).toBeUndefined();
		expect(scope.indexedDB).toBeUndefined();
		expect(scope.fetch).toBeUndefined();
		// An API nobody has heard of yet goes too: that is the point of an allowlist.
		expect(scope.someFutureStorageApi).toBeUndefined();
		expect(typeof scope.setTimeout).toBe('function');
		expect(typeof scope.addEventListener).toBe('function');
		expect(scope.Array).toBe(Array);
		expect(scope.self).toBe(scope);
		expect(scope.navigator.storage).toBeUndefined();
		expect(scope.navigator.locks).toBeUndefined();
		expect(scope.navigator.userAgent).toBe('test');
		for (const name of namesOnChain(scope))
			if (scope[name] !== undefined) expect(KEPT_GLOBALS.has(name), name).toBe(true);
	});

	it('pins what it removed: assigning or redefining it fails', () => {
		const scope = fakeScope();
		keepOnly(scope, new Set(['self']));
		expect(() => {
			scope.fetch = () => 'back';
		}).toThrow(TypeError);
		expect(() => Object.defineProperty(scope, 'indexedDB', { value: 1 })).toThrow(TypeError);
		expect(scope.fetch).toBeUndefined();
	});

	it('leaves a name the platform made non-configurable where it is', () => {
		const scope = fakeScope();
		Object.defineProperty(scope, 'fixed', { value: 1, configurable: false });
		expect(keepOnly(scope, new Set())).not.toContain('fixed');
		expect(scope.fixed).toBe(1);
	});
});
