// A plain static file server for the built site, used by the end-to-end tests. It
// behaves like any static host (GitHub Pages included): files only, no rewrites, and
// optionally everything under a sub-path. Usage: node scripts/serve-static.js DIR PORT [BASE]
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';

const [dir = 'build', portText = '4173', base = ''] = process.argv.slice(2);
const root = resolve(dir);
const port = Number(portText);

const TYPES = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.wasm': 'application/wasm',
	'.zip': 'application/zip',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.txt': 'text/plain; charset=utf-8',
	'.webmanifest': 'application/manifest+json'
};

function fileFor(pathname) {
	if (!pathname.startsWith(`${base}/`)) return null;
	const relative = normalize(decodeURIComponent(pathname.slice(base.length)));
	const candidate = join(root, relative);
	if (!candidate.startsWith(root)) return null;
	for (const path of [candidate, join(candidate, 'index.html')]) {
		try {
			if (statSync(path).isFile()) return path;
		} catch {
			// try the next candidate
		}
	}
	return null;
}

createServer((request, response) => {
	const { pathname } = new URL(request.url ?? '/', 'http://localhost');
	if (base && pathname === base) {
		response.writeHead(301, { location: `${base}/` }).end();
		return;
	}
	const file = fileFor(pathname);
	if (!file) {
		response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
		return;
	}
	response.writeHead(200, {
		'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
		'cache-control': 'no-cache'
	});
	createReadStream(file).pipe(response);
}).listen(port, '127.0.0.1', () => {
	console.log(`Serving ${root} at http://127.0.0.1:${port}${base}/`);
});
