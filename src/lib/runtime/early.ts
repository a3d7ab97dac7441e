/**
 * Python started as the app starts (src/hooks.client.ts), before the page that will use it has
 * loaded its code and hydrated: on a first visit that was a second or more of the wait. The
 * page's {@link RuntimeState} adopts the runtime on first use, and hears its status from then
 * on, the latest one at once.
 */
import type { RuntimeStatus } from './client';

/** Where a runtime reports its status. */
export type StatusListener = (status: RuntimeStatus) => void;

/**
 * True for the pages that load Python as soon as they open (the playground, Compare, a
 * lesson): those whose component asks `runtime.ready()` on mount. Others (the lessons' list,
 * the embed, presenter mode, slides, the storyboard, a walkthrough) load it late or never.
 */
export function loadsPythonAtOnce(pathname: string, base: string): boolean {
	if (!pathname.startsWith(`${base}/`)) return false;
	// A static host may serve a page as /x/, /x/index.html or (redirecting or not) /x.
	const path = pathname.slice(base.length).replace(/(\/index\.html|\/)$/, '');
	return path === '' || path === '/compare' || /^\/lessons\/[^/]+$/.test(path);
}

/** A runtime started ahead of its page, and the status it last reported. */
interface Held<R> {
	runtime: R;
	last: RuntimeStatus | null;
	listener: StatusListener | null;
}

let held: Held<unknown> | null = null;
// Resolved once the runtime started early is ready, or has failed.
let settledEarly: Promise<void> | null = null;

/**
 * Starts the runtime `make` makes, reporting to whoever adopts it later; once only, until it
 * is adopted.
 */
export function startEarly<R>(make: (onStatus: StatusListener) => R): void {
	if (held) return;
	const early: Held<R> = { runtime: null as R, last: null, listener: null };
	let settle = () => {};
	settledEarly = new Promise((resolve) => (settle = resolve));
	early.runtime = make((status) => {
		early.last = status;
		if (status.stage === 'ready' || status.stage === 'error') settle();
		early.listener?.(status);
	});
	held = early;
}

/**
 * Resolves once the runtime {@link startEarly} started is ready or has failed (adopted or
 * not); at once when none was started.
 */
export function earlySettled(): Promise<void> {
	return settledEarly ?? Promise.resolve();
}

/**
 * The runtime {@link startEarly} started, now reporting to `onStatus` (told the latest status
 * at once), or null when none was started or it was adopted already.
 */
export function adoptEarly<R>(onStatus: StatusListener): R | null {
	const early = held as Held<R> | null;
	held = null;
	if (!early) return null;
	early.listener = onStatus;
	if (early.last) onStatus(early.last);
	return early.runtime;
}
