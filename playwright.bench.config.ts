// `npm run bench` (after the model benchmarks): the page's figures in Chromium against the
// built site, as the e2e tests serve it: the longest main-thread task and the heap while
// opening big runs. Prints figures; asserts only that each run opened.
import { defineConfig } from '@playwright/test';
import main from './playwright.config';

export default defineConfig({
	...main,
	testDir: 'tests/bench',
	testMatch: '**/*.bench.ts',
	outputDir: 'test-results/bench',
	fullyParallel: false,
	workers: 1,
	timeout: 600_000
});
