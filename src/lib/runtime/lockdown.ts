/**
 * Takes the network and every other way out of a worker's global scope, once Python has
 * loaded. Defence in depth beside the CSP the worker inherits from the page (its blob: URL
 * gives it the page's policy): a program that reached JavaScript finds these undefined.
 */
import { removeAll } from '../recorder/lockdown.js';

/** The globals a recording never needs: network, storage, other workers, messaging, exit. */
export const WAYS_OUT = [
	'fetch',
	'Request',
	'XMLHttpRequest',
	'WebSocket',
	'WebSocketStream',
	'WebTransport',
	'EventSource',
	'importScripts',
	'Worker',
	'SharedWorker',
	'BroadcastChannel',
	'MessageChannel',
	'indexedDB',
	'caches',
	'cookieStore',
	'postMessage',
	'close',
	'open'
] as const;

/** Properties of `navigator` with the same reach (sendBeacon exists only in windows). */
export const NAVIGATOR_WAYS_OUT = [
	'sendBeacon',
	'serviceWorker',
	'storage',
	'locks',
	'permissions',
	'usb',
	'serial',
	'hid',
	'bluetooth'
] as const;

/** Removes {@link WAYS_OUT} from `scope` and {@link NAVIGATOR_WAYS_OUT} from its navigator. */
export function lockDown(scope: object): void {
	const navigator = (scope as { navigator?: object }).navigator;
	if (navigator) removeAll(navigator, NAVIGATOR_WAYS_OUT);
	removeAll(scope, WAYS_OUT);
}
