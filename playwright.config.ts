import { defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

// Browsers cannot be downloaded on these machines: use Playwright's own Chromium when it
// is installed, otherwise Debian's. The flags stop Chromium from reaching for the network.
function chromiumExecutable(): string | undefined {
	try {
		const bundled = chromium.executablePath();
		if (existsSync(bundled)) return undefined;
	} catch {
		// no bundled browser registered
	}
	return '/usr/bin/chromium';
}

const port = Number(process.env.PORT ?? 4173);
const base = process.env.BASE_PATH ?? '';

export default defineConfig({
	testDir: 'tests',
	outputDir: process.env.PW_OUTPUT ?? 'test-results',
	testMatch: '**/*.spec.ts',
	fullyParallel: true,
	workers: 2,
	retries: process.env.CI ? 1 : 0,
	timeout: 60_000,
	expect: { timeout: 30_000 },
	reporter: process.env.CI ? [['list']] : [['list']],
	use: {
		baseURL: `http://127.0.0.1:${port}${base}/`,
		trace: 'retain-on-failure'
	},
	projects: [
		{
			name: 'chromium',
			use: {
				...devices['Desktop Chrome'],
				launchOptions: {
					executablePath: chromiumExecutable(),
					args: [
						'--no-sandbox',
						'--disable-gpu',
						'--disable-background-networking',
						'--disable-component-update',
						'--disable-sync',
						'--no-first-run',
						'--disable-quic'
					]
				}
			}
		}
	],
	webServer: {
		// The built static files, served as any static host would serve them.
		command: `node scripts/serve-static.js ${process.env.BUILD_DIR ?? 'build'} ${port} ${base}`,
		url: `http://127.0.0.1:${port}${base}/`,
		reuseExistingServer: !process.env.CI,
		timeout: 60_000
	}
});
