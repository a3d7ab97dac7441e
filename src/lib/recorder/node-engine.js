/**
 * The recorder engine in Node (the CLI, tests, benchmarks): Pyodide from the npm package
 * and recorder.py read from beside this file.
 */
import { readFileSync } from 'node:fs';
import { loadPyodide } from 'pyodide';
import { createEngine } from './engine.js';

/** Where recorder.py lives. */
export const RECORDER_PATH = new URL('./recorder.py', import.meta.url);

/**
 * Loads Pyodide and the recorder in Node (about 3 s).
 * @param {{ onStatus?: (status: string) => void }} [options]
 * @returns {Promise<import('./engine.js').Engine>}
 */
export function createNodeEngine(options = {}) {
	return createEngine({
		loadPyodide,
		recorderSource: readFileSync(RECORDER_PATH, 'utf8'),
		...options
	});
}
