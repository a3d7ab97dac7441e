// Serves Pyodide from the app itself: copies the npm package's runtime files into
// static/pyodide/ (git-ignored) so that `vite dev`, `vite build` and the static
// site all load Python from their own origin, never from a CDN.
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const FILES = [
	'pyodide.mjs',
	'pyodide.asm.mjs',
	'pyodide.asm.wasm',
	'python_stdlib.zip',
	'pyodide-lock.json'
];

/** Copies the Pyodide runtime into `target` when it is missing or older than the package. */
export function copyPyodide(target = 'static/pyodide') {
	const require = createRequire(import.meta.url);
	const source = dirname(require.resolve('pyodide/package.json'));
	mkdirSync(target, { recursive: true });
	for (const file of FILES) {
		const from = join(source, file);
		const to = join(target, file);
		if (!existsSync(to) || statSync(to).mtimeMs < statSync(from).mtimeMs) copyFileSync(from, to);
	}
}

/** A Vite plugin that runs {@link copyPyodide} before every dev server start and build. */
export function pyodideAssets() {
	return {
		name: 'loopscope-pyodide-assets',
		buildStart() {
			copyPyodide();
		}
	};
}
