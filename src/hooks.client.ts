/**
 * The app's start in the browser. Runs before the page's own code loads and hydrates: a page
 * that loads Python at once has its worker started here, a second or more sooner on a first
 * visit, and adopts it when it mounts (see $lib/runtime/early).
 */
import type { ClientInit } from '@sveltejs/kit';
import { base } from '$app/paths';
import { loadsPythonAtOnce } from '$lib/runtime/early';
import { startPythonEarly } from '$lib/runtime/runtime.svelte';

/** Starts Python for the pages that want it at once. */
export const init: ClientInit = () => {
	// In another site's frame such a page shows only a link out (+layout.svelte): no Python.
	if (window.top !== window.self) return;
	if (loadsPythonAtOnce(location.pathname, base)) startPythonEarly();
};
