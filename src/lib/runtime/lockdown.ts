/**
 * Takes the network and every other way out of a worker's global scope, once Python has
 * loaded. Defence in depth beside the CSP the worker inherits from the page (its blob: URL
 * gives it the page's policy): a program that reached JavaScript finds these undefined.
 */

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

/** Removes `name` from `target` and everything it inherits from, then pins it undefined. */
function remove(target: object, name: string): void {
	for (let object: object | null = target; object; object = Object.getPrototypeOf(object)) {
		if (Object.prototype.hasOwnProperty.call(object, name)) Reflect.deleteProperty(object, name);
	}
	// Non-configurable and not writable: nothing can put it back on this object.
	Object.defineProperty(target, name, { value: undefined, writable: false, configurable: false });
}

/** Removes {@link WAYS_OUT} from `scope` and {@link NAVIGATOR_WAYS_OUT} from its navigator. */
export function lockDown(scope: typeof globalThis): void {
	const navigator = (scope as { navigator?: object }).navigator;
	if (navigator) for (const name of NAVIGATOR_WAYS_OUT) remove(navigator, name);
	for (const name of WAYS_OUT) remove(scope, name);
}
