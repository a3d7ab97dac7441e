/**
 * The app's start in the browser. Runs before the page's own code loads and hydrates: a page
 * that loads Python at once has its worker started here, a second or more sooner on a first
 * visit, and adopts it when it mounts (see $lib/runtime/early).
 */
import type { ClientInit } from '@sveltejs/kit';
import { dev } from '$app/environment';
import { base } from '$app/paths';
import { earlySettled, loadsPythonAtOnce } from '$lib/runtime/early';
import { startPythonEarly } from '$lib/runtime/runtime.svelte';

// The longest a page that loads Python holds back the service worker (a slow first visit).
const OFFLINE_WAIT_MS = 20_000;

/**
 * Registers the service worker (svelte.config.js turns SvelteKit's own registration off) once
 * the page no longer needs the network for itself: after load, and on a page that loads Python
 * at once, after Python is ready. Its install downloads Python's files again to keep them for
 * offline use; alongside a first visit's own downloads that cost Python a half second or more.
 */
function registerOffline(after: Promise<void>): void {
	if (!('serviceWorker' in navigator)) return;
	const loaded = new Promise<void>((resolve) => {
		if (document.readyState === 'complete') resolve();
		else addEventListener('load', () => resolve(), { once: true });
	});
	const waited = new Promise<void>((resolve) => setTimeout(resolve, OFFLINE_WAIT_MS));
	void Promise.all([loaded, Promise.race([after, waited])]).then(() =>
		navigator.serviceWorker.register(`${base}/service-worker.js`, {
			type: dev ? 'module' : 'classic'
		})
	);
}

/** Starts Python for the pages that want it at once, then makes the app work offline. */
export const init: ClientInit = () => {
	// In another site's frame such a page shows only a link out (+layout.svelte): no Python.
	const framed = window.top !== window.self;
	if (!framed && loadsPythonAtOnce(location.pathname, base)) startPythonEarly();
	registerOffline(earlySettled());
};
