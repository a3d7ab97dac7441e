import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { pyodideAssets } from './scripts/pyodide-assets.js';
import { ensurePythonImage } from './scripts/python-image.js';

// The first worker's memory image: made before sveltekit() lists static/ for the service
// worker's precache (as pyodideAssets copies Pyodide). Vitest runs the engine in Node and
// needs none.
if (!process.env.VITEST) ensurePythonImage();

export default defineConfig({
	plugins: [pyodideAssets(), sveltekit()],
	worker: { format: 'es' },
	test: {
		include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
		environment: 'node',
		// Pyodide takes a few seconds to boot in Node; recorder tests share one instance per file.
		testTimeout: 60_000,
		hookTimeout: 60_000,
		expect: { requireAssertions: true },
		benchmark: { include: ['src/**/*.bench.ts'] }
	}
});
