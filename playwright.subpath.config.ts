// The static build served under a sub-path, as on GitHub Pages: builds the app with
// BASE_PATH=/loopscope into its own directory (the main build and its preview stay untouched),
// serves it with the plain static server (everything outside /loopscope/ is a 404), and runs the
// sub-path checks and the embed specs against it. Run by `npm run test:e2e` (about 30 s).
import { defineConfig } from '@playwright/test';
import main from './playwright.config';

const port = Number(process.env.SUBPATH_PORT ?? 4174);
const prefix = '/loopscope';
const site = '.subpath-build/site';

export default defineConfig({
	...main,
	outputDir: process.env.PW_OUTPUT ?? 'test-results/subpath',
	// The embed and lessons specs are quick (their links go through `base`); subpath.e2e.ts walks
	// the playground's URL-sensitive paths (Python, the file worker, links, downloads); the offline
	// spec, the service worker's scope and cache. The rest of the suite does not depend on the base
	// path.
	testMatch: ['embed.spec.ts', 'lessons.spec.ts', 'subpath.e2e.ts', 'offline.spec.ts'],
	use: { ...main.use, baseURL: `http://127.0.0.1:${port}${prefix}/` },
	webServer: {
		command: [
			`BASE_PATH=${prefix} BUILD_DIR=${site} SVELTEKIT_OUT_DIR=.subpath-build/kit npx vite build --logLevel warn`,
			`node scripts/serve-static.js ${site} ${port} ${prefix}`
		].join(' && '),
		url: `http://127.0.0.1:${port}${prefix}/`,
		reuseExistingServer: false,
		timeout: 180_000
	}
});
