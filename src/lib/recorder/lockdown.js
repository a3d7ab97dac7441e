/**
 * Removes globals from a scope for good, where untrusted Python runs: the browser's Python
 * worker and the CLI's recording process (defence in depth there: see cli-child.js). Plain
 * ES module with JSDoc types, like engine.js, so that Node runs it without a build.
 */

/**
 * Removes each name from `target` and from everything it inherits from, then pins it to
 * `undefined`: not writable and not configurable, so nothing can put it back.
 * @param {object} target
 * @param {readonly string[]} names
 */
export function removeAll(target, names) {
	for (const name of names) {
		for (let object = target; object; object = Object.getPrototypeOf(object)) {
			if (Object.prototype.hasOwnProperty.call(object, name)) Reflect.deleteProperty(object, name);
		}
		Object.defineProperty(target, name, { value: undefined, writable: false, configurable: false });
	}
}
