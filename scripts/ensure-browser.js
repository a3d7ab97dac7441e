// Makes sure a Chromium is there for the end-to-end tests. Browsers cannot be
// downloaded by Playwright on these machines, so we use Playwright's own Chromium
// when present and Debian's otherwise, installing it with apt when we are root.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

function bundledChromium() {
	try {
		return existsSync(chromium.executablePath());
	} catch {
		return false;
	}
}

if (bundledChromium() || existsSync('/usr/bin/chromium')) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot) {
	console.error(
		'No Chromium found for the end-to-end tests. Install it with: sudo apt-get install -y chromium'
	);
	process.exit(1);
}
console.log('Installing Debian’s chromium for the end-to-end tests…');
execSync('apt-get update && apt-get install -y chromium', { stdio: 'inherit' });
