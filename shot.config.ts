import { defineConfig } from '@playwright/test';
export default defineConfig({ testDir: '.', testMatch: 'shot.spec.ts', timeout: 180000, use: { baseURL: 'http://localhost:4180/', launchOptions: { executablePath: '/usr/bin/chromium' } } });
