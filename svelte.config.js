import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

// The app is static files. BASE_PATH lets the same build live under a sub-path
// (e.g. GitHub Pages' /loopscope): `BASE_PATH=/loopscope npm run build`.
const base = process.env.BASE_PATH ?? '';
// BUILD_DIR puts a build elsewhere (the sub-path e2e test keeps its own beside the main one).
const out = process.env.BUILD_DIR ?? 'build';
// SVELTEKIT_OUT_DIR gives that build its own working files too: `vite preview` serves the main
// build from .svelte-kit/output, which a second build would otherwise overwrite.
const kitOut = process.env.SVELTEKIT_OUT_DIR ?? '.svelte-kit';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter({ pages: out, assets: out, fallback: undefined, strict: true }),
		outDir: kitOut,
		// Registered by src/hooks.client.ts once a first visit's own downloads are done.
		serviceWorker: { register: false },
		paths: { base, relative: true },
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				// Pyodide compiles WebAssembly; nothing else is evaluated.
				'script-src': ['self', 'wasm-unsafe-eval'],
				// blob: for the Python worker's bootstrap, which makes the worker inherit this policy.
				'worker-src': ['self', 'blob:'],
				'connect-src': ['self'],
				'img-src': ['self', 'data:', 'blob:'],
				// blob: for the WebM preview of "Save animation…". A blob: URL can only be made by a
				// script of this origin, which could already draw anything with img-src blob:.
				'media-src': ['self', 'blob:'],
				'style-src': ['self', 'unsafe-inline'],
				'font-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['none'],
				'frame-ancestors': []
			}
		}
	}
};

export default config;
