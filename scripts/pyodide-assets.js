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

/**
 * A Vite plugin that runs {@link copyPyodide} before every dev server start and build. It copies
 * as soon as vite.config.ts creates it (list it before `sveltekit()`), not in a hook: SvelteKit
 * lists static/ for the service worker's precache before any hook of ours runs, and files
 * copied later would not be cached for offline use.
 */
export function pyodideAssets() {
	copyPyodide();
	return { name: 'loopscope-pyodide-assets' };
}
