/** Test support: key events without a browser. */

/** A key event for `k` with no modifier and no target (so no control owns it), or as `extra` says. */
export function key(k: string, extra: Partial<KeyboardEvent> = {}): KeyboardEvent {
	return {
		key: k,
		shiftKey: false,
		altKey: false,
		ctrlKey: false,
		metaKey: false,
		target: null,
		...extra
	} as KeyboardEvent;
}
