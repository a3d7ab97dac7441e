import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The e2e tests' static server, started as they start it, on a site of two files.
const PORT = 4900 + Math.floor(Math.random() * 90);
const site = mkdtempSync(join(tmpdir(), 'loopscope-static-'));
let server: ChildProcess;

const get = (path: string): Promise<Response> => fetch(`http://127.0.0.1:${PORT}${path}`);

beforeAll(async () => {
	writeFileSync(join(site, 'index.html'), '<p>home</p>');
	mkdirSync(join(site, 'embed'));
	writeFileSync(join(site, 'embed', 'index.html'), '<p>embed</p>');
	server = spawn(process.execPath, ['scripts/serve-static.js', site, String(PORT), '/sub'], {
		stdio: ['ignore', 'pipe', 'inherit']
	});
	await new Promise<void>((ready) => server.stdout?.once('data', () => ready()));
});

afterAll(() => {
	server.kill();
});

describe('scripts/serve-static.js', () => {
	it('serves files and folders under its sub-path, like a static host', async () => {
		expect(await (await get('/sub/')).text()).toBe('<p>home</p>');
		expect(await (await get('/sub/embed/')).text()).toBe('<p>embed</p>');
		expect((await get('/sub/embed/index.html')).headers.get('content-type')).toMatch(/text\/html/);
		const bare = await fetch(`http://127.0.0.1:${PORT}/sub`, { redirect: 'manual' });
		expect([bare.status, bare.headers.get('location')]).toEqual([301, '/sub/']);
		expect((await get('/index.html')).status).toBe(404);
		expect((await get('/sub/missing.js')).status).toBe(404);
	});

	it('answers a malformed %-escape with 400 and keeps serving', async () => {
		for (const path of ['/sub/%E0%A4%A', '/sub/%', '/sub/a%zz', '/sub/%00'])
			expect((await get(path)).status, path).toBeGreaterThanOrEqual(400);
		expect((await get('/sub/%E0%A4%A')).status).toBe(400);
		expect(server.exitCode).toBeNull();
		expect((await get('/sub/')).status).toBe(200);
	});

	it('never serves a file outside its folder', async () => {
		for (const path of ['/sub/..%2f..%2fetc%2fpasswd', '/sub/%2e%2e/%2e%2e/etc/passwd'])
			expect((await get(path)).status, path).toBe(404);
	});
});
