/**
 * A run handed from one page of the app to another in the same tab (the playground's or a
 * lesson's Present button to presenter mode), for runs too long to ride in a link. It lives in
 * memory only, for the one navigation: a reload or a shared link never sees it.
 */
import type { OpenAt } from '$lib/player/player.svelte';
import type { Trace } from '$lib/trace/schema';

/** A run and the moment to open it at. */
export interface HandedRun {
	trace: Trace;
	at: OpenAt;
}

let handed: HandedRun | null = null;

/** Keeps `run` for the next page to take. */
export function handOver(run: HandedRun): void {
	handed = run;
}

/** The run handed over, once: a second call (a reload, a later visit) gets null. */
export function takeHandedRun(): HandedRun | null {
	const run = handed;
	handed = null;
	return run;
}
