import { chromium } from '@playwright/test';
const [,, url, out, w = '1280', h = '720', keys = ''] = process.argv;
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const p = await b.newPage({ viewport: { width: +w, height: +h } });
await p.goto(url);
await p.waitForTimeout(1500);
for (const k of keys.split(',').filter(Boolean)) { await p.keyboard.press(k); await p.waitForTimeout(150); }
await p.waitForTimeout(500);
await p.screenshot({ path: out });
await b.close();
