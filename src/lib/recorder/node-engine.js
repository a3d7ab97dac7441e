/**
 * The recorder engine in Node (the CLI, tests, benchmarks): Pyodide from the npm package
 * and the recorder's Python package read from beside this file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { loadPyodide } from 'pyodide';
import { createEngine } from './engine.js';

/** Where the recorder's Python package lives (a folder URL, with its trailing slash). */
export const RECORDER_PACKAGE = new URL('./loopscope_recorder/', import.meta.url);

/**
 * The recorder package's files, file name → text, as the engine takes them.
 * @returns {Record<string, string>}
 */
export function readRecorderFiles() {
	/** @type {Record<string, string>} */
	const files = {};
	// Only the sources: a __pycache__ left by CPython is not part of the package.
	const names = readdirSync(RECORDER_PACKAGE).filter((name) => name.endsWith('.py'));
	for (const name of names.sort()) {
		files[name] = readFileSync(new URL(name, RECORDER_PACKAGE), 'utf8');
	}
	return files;
}

/**
 * Loads Pyodide and the recorder in Node (about 3 s).
 * @param {{ onStatus?: (status: string) => void }} [options]
 * @returns {Promise<import('./engine.js').Engine>}
 */
export function createNodeEngine(options = {}) {
	return createEngine({
		loadPyodide,
		recorderFiles: readRecorderFiles(),
		...options
	});
}
