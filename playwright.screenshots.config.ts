import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// `npm run screenshots`: the README's pictures of each mode, written to docs/screenshots/. Not
// part of `npm test` (it is slow and its output is committed); same browser and server as the
// end-to-end tests.
export default defineConfig({
	...base,
	testDir: 'scripts/screenshots',
	testMatch: '**/*.shots.ts',
	fullyParallel: false,
	workers: 1,
	retries: 0
});
