import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { pyodideAssets } from './scripts/pyodide-assets.js';

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
