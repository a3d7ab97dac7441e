/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * The service worker (SvelteKit registers it): after one visit the app, every prerendered page
 * and Python itself (Pyodide's runtime, served from our own origin) load with the network off.
 * The rules live in $lib/offline/cache-plan; this file only talks to the Cache and Fetch APIs.
 */
import { base, build, files, prerendered, version } from '$service-worker';
import {
	cacheKeyFor,
	cacheName,
	offlinePageFor,
	precacheList,
	staleCaches,
	strategyFor
} from '$lib/offline/cache-plan';

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = cacheName(version);
const PRECACHE = precacheList({ base, build, files, prerendered, version });
const PRECACHED = new Set(PRECACHE);

sw.addEventListener('install', (event) => {
	// All or nothing: a worker that could not cache Python must not take over.
	event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)));
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			const names = await caches.keys();
			await Promise.all(staleCaches(names, CACHE).map((name) => caches.delete(name)));
			// The first visit's page is controlled at once, so it is offline-ready without a reload.
			// (A newer build waits, as usual, until the pages of the old one are closed.)
			await sw.clients.claim();
		})()
	);
});

async function cacheFirst(request: Request, path: string): Promise<Response> {
	const cache = await caches.open(CACHE);
	const hit = await cache.match(path);
	return hit ?? networkFirst(request);
}

async function networkFirst(request: Request): Promise<Response> {
	const cache = await caches.open(CACHE);
	try {
		const response = await fetch(request);
		// Keep a copy of whole, same-origin answers (the Python worker's script among them),
		// one per path: a query string never adds another.
		if (response.status === 200 && response.type === 'basic') {
			await cache.put(cacheKeyFor(new URL(request.url)), response.clone());
		}
		return response;
	} catch (error) {
		const hit =
			(await cache.match(cacheKeyFor(new URL(request.url)))) ??
			(request.mode === 'navigate'
				? await cache.match(offlinePageFor(new URL(request.url).pathname))
				: undefined);
		if (hit) return hit;
		throw error;
	}
}

sw.addEventListener('fetch', (event) => {
	const { request } = event;
	const url = new URL(request.url);
	switch (strategyFor({ method: request.method, url }, location.origin, base, PRECACHED)) {
		case 'cache-first':
			event.respondWith(cacheFirst(request, url.pathname));
			return;
		case 'network-first':
			event.respondWith(networkFirst(request));
			return;
		case 'pass':
			return;
	}
});
