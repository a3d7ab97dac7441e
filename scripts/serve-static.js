// A plain static file server for the built site, used by the end-to-end tests. It
// behaves like any static host (GitHub Pages included): files only, no rewrites, and
// optionally everything under a sub-path. Usage: node scripts/serve-static.js DIR PORT [BASE]
// A request it cannot serve gets an error status; it never stops the server.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

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

// The decoded path, or null when its %-escapes are malformed (`/%E0%A4%A`, `/%`).
function decodePath(pathname) {
	try {
		return decodeURIComponent(pathname);
	} catch {
		return null;
	}
}

function fileFor(path) {
	if (!path.startsWith(`${base}/`) || path.includes('\0')) return null;
	const candidate = join(root, normalize(path.slice(base.length)));
	if (candidate !== root && !candidate.startsWith(root + sep)) return null;
	for (const file of [candidate, join(candidate, 'index.html')]) {
		try {
			if (statSync(file).isFile()) return file;
		} catch {
			// try the next candidate
		}
	}
	return null;
}

function fail(response, status, text) {
	response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(text);
}

createServer((request, response) => {
	let pathname;
	try {
		pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
	} catch {
		return fail(response, 400, 'Bad request');
	}
	if (base && pathname === base) {
		response.writeHead(301, { location: `${base}/` }).end();
		return;
	}
	const path = decodePath(pathname);
	if (path === null) return fail(response, 400, 'Bad request: malformed %-escape in the path');
	const file = fileFor(path);
	if (!file) return fail(response, 404, 'Not found');
	response.writeHead(200, {
		'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
		'cache-control': 'no-cache'
	});
	createReadStream(file)
		.on('error', () => response.destroy())
		.pipe(response);
}).listen(port, '127.0.0.1', () => {
	console.log(`Serving ${root} at http://127.0.0.1:${port}${base}/`);
});
