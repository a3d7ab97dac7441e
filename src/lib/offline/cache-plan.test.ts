import { describe, expect, it } from 'vitest';
import {
	cacheName,
	cacheKeyFor,
	offlinePageFor,
	precacheList,
	staleCaches,
	strategyFor,
	type BuildManifest
} from './cache-plan';

const manifest: BuildManifest = {
	base: '/loopscope',
	build: ['/loopscope/_app/immutable/entry/start.js', '/loopscope/_app/immutable/assets/0.css'],
	files: [
		'/loopscope/favicon.svg',
		'/loopscope/pyodide/pyodide.mjs',
		'/loopscope/pyodide/pyodide.asm.wasm'
	],
	prerendered: ['/loopscope/', '/loopscope/embed/'],
	version: '1700000000000'
};

const origin = 'https://example.org';
const get = (path: string) => ({ method: 'GET', url: new URL(path, origin) });

describe('precacheList', () => {
	it('keeps the bundle, the static files (Python) and every prerendered page, once each', () => {
		const list = precacheList({ ...manifest, files: [...manifest.files, manifest.build[0]] });
		expect(list).toEqual([...manifest.build, ...manifest.files, ...manifest.prerendered]);
	});

	it('falls back to the home page when nothing was prerendered', () => {
		expect(precacheList({ ...manifest, prerendered: [] })).toContain('/loopscope/');
	});
});

describe('caches', () => {
	it('are named by version, and only our older ones are stale', () => {
		const current = cacheName('2');
		expect(current).toBe('loopscope-2');
		expect(staleCaches(['loopscope-1', current, 'someone-else', 'loopscope-0'], current)).toEqual([
			'loopscope-1',
			'loopscope-0'
		]);
	});
});

describe('strategyFor', () => {
	const precached = new Set(precacheList(manifest));
	const pick = (request: { method: string; url: URL }) =>
		strategyFor(request, origin, manifest.base, precached);

	it('serves the files of this build from the cache', () => {
		expect(pick(get('/loopscope/pyodide/pyodide.asm.wasm'))).toBe('cache-first');
		expect(pick(get('/loopscope/embed/'))).toBe('cache-first');
	});

	it('goes to the network first for anything else of ours', () => {
		expect(pick(get('/loopscope/_app/immutable/workers/python.worker-abc.js'))).toBe(
			'network-first'
		);
		// A query string may ask for something else than the cached file.
		expect(pick(get('/loopscope/embed/?theme=dark'))).toBe('network-first');
		expect(pick(get('/loopscope/_app/version.json'))).toBe('pass');
	});

	it('leaves other origins, other methods and paths outside the base to the browser', () => {
		expect(pick({ method: 'POST', url: new URL('/loopscope/', origin) })).toBe('pass');
		expect(pick(get('https://cdn.example.com/loopscope/pyodide/pyodide.mjs'))).toBe('pass');
		expect(pick(get('/loopscopeX/'))).toBe('pass');
		expect(pick(get('/other/'))).toBe('pass');
	});

	it('at the root, every path of the origin is ours', () => {
		expect(strategyFor(get('/favicon.svg'), origin, '', new Set(['/favicon.svg']))).toBe(
			'cache-first'
		);
		expect(strategyFor(get('/lessons/x/'), origin, '', new Set())).toBe('network-first');
	});
});

describe('offlinePageFor', () => {
	it('maps a navigation to the cached page of its directory', () => {
		expect(offlinePageFor('/loopscope/embed')).toBe('/loopscope/embed/');
		expect(offlinePageFor('/loopscope/embed/index.html')).toBe('/loopscope/embed/');
		expect(offlinePageFor('/loopscope/')).toBe('/loopscope/');
	});
});

describe('cacheKeyFor', () => {
	it('keeps one copy per path, whatever the query string', () => {
		const keys = new Set(
			['a', 'b', 'c'].map((example) =>
				cacheKeyFor(new URL(`https://x.test/loopscope/embed/?example=${example}&step=3#v1.abc`))
			)
		);
		expect([...keys]).toEqual(['/loopscope/embed/']);
	});
});
