/**
 * The CLI's recording process closes what Node's permission model leaves open. Node 20's
 * `--experimental-permission` refuses files, processes, workers, native addons, WASI,
 * `process.binding` and `inspector.open()`, but not the network (TCP, UDP, DNS, Unix
 * sockets, `fetch`), signals to other processes (`process.kill`) or `trace_events` (which
 * writes a log into the working folder). Node 25 adds `--allow-net`; bin/loopscope.js leaves
 * it out where Node has it, and this gate stays as a second wall.
 *
 * Installed once, before Pyodide loads, so that every copy of `require` Pyodide or
 * Emscripten keeps goes through it, and every builtin they import is the gated one. The
 * program may hold every JavaScript object Pyodide has, and, through Pyodide's script
 * loader, import any module: the originals are kept only in this module's closures, and the
 * builtins' own exports (which `import 'node:net'` and `require('net')` share) are replaced
 * in place.
 */
import Module, { createRequire, syncBuiltinESMExports } from 'node:module';

/** Builtins the recording process never needs: `require` refuses them outright. */
const REFUSED_MODULES = new Set([
	'net',
	'tls',
	'http',
	'https',
	'http2',
	'dgram',
	'dns',
	'dns/promises',
	'inspector',
	'inspector/promises',
	'trace_events',
	'child_process',
	'cluster',
	'worker_threads',
	'repl'
]);

/** What the gate says, in the program's trace when it printed the error. */
const MESSAGE = "Loopscope's CLI records without network, processes or host files";

/**
 * An error that says which way out was refused.
 * @param {string} what
 */
function refused(what) {
	return Object.assign(new Error(`${what} refused: ${MESSAGE}`), { code: 'ERR_ACCESS_DENIED' });
}

/**
 * A function that throws `refused(what)` whatever it is given.
 * @param {string} what
 */
function refuser(what) {
	return function refusedCall() {
		throw refused(what);
	};
}

/**
 * Replaces `object[name]` (when it is a function) with a refuser, for good.
 * @param {Record<string, unknown> | undefined} object
 * @param {string} label
 * @param {readonly string[]} names
 */
function refuse(object, label, names) {
	if (!object) return;
	for (const name of names) {
		if (typeof object[name] !== 'function') continue;
		Object.defineProperty(object, name, {
			value: refuser(`${label}.${name}`),
			writable: false,
			configurable: false,
			enumerable: true
		});
	}
}

/**
 * The functions of a module or prototype, for refusing all of them at once.
 * @param {object | undefined} object
 */
function functionsOf(object) {
	return object
		? Object.getOwnPropertyNames(object).filter(
				(name) =>
					name !== 'constructor' &&
					typeof Object.getOwnPropertyDescriptor(object, name)?.value === 'function'
			)
		: [];
}

/** Globals that reach the network. */
const NETWORK_GLOBALS = ['fetch', 'WebSocket', 'EventSource', 'navigator'];

/**
 * Closes the network, other processes and `trace_events` to this process, for everything
 * that runs after it. Call it once, first thing.
 */
export function installHostGate() {
	const require = createRequire(import.meta.url);
	// Node's CommonJS loader, not in its types: every `require` goes through Module._load.
	const loader = /** @type {{ _load: (request: string, ...rest: unknown[]) => unknown }} */ (
		/** @type {unknown} */ (Module)
	);
	const load = loader._load;
	/** @param {string} request */
	const bare = (request) => String(request).replace(/^node:/, '');

	// The builtins' exports, changed in place: `import` and `require` both see these objects.
	// All loaded first: one builtin's setup assigns to another's prototype (https.Agent).
	const [net, tls, http, https, http2, dgram, dns, inspector, traceEvents] = [
		'net',
		'tls',
		'http',
		'https',
		'http2',
		'dgram',
		'dns',
		'inspector',
		'trace_events'
	].map((name) => require(name));
	refuse(net, 'net', ['connect', 'createConnection', 'createServer']);
	refuse(net.Socket.prototype, 'net.Socket', ['connect']);
	refuse(net.Server.prototype, 'net.Server', ['listen']);
	refuse(tls, 'tls', ['connect', 'createServer']);
	for (const [name, module] of [
		['http', http],
		['https', https]
	]) {
		refuse(module, name, ['request', 'get', 'createServer']);
		refuse(module.Agent.prototype, `${name}.Agent`, ['createConnection']);
	}
	refuse(http2, 'http2', ['connect', 'createServer', 'createSecureServer']);
	refuse(dgram, 'dgram', ['createSocket']);
	refuse(dgram.Socket.prototype, 'dgram.Socket', ['bind', 'connect', 'send', 'sendto']);
	refuse(dns, 'dns', functionsOf(dns));
	refuse(dns.Resolver.prototype, 'dns.Resolver', functionsOf(dns.Resolver.prototype));
	refuse(dns.promises, 'dns', functionsOf(dns.promises));
	refuse(
		dns.promises.Resolver.prototype,
		'dns.Resolver',
		functionsOf(dns.promises.Resolver.prototype)
	);
	refuse(inspector, 'inspector', ['open', 'waitForDebugger']);
	refuse(inspector.Session?.prototype, 'inspector.Session', ['connect', 'connectToMainThread']);
	refuse(traceEvents, 'trace_events', ['createTracing']);
	// Named imports (`import { connect } from 'node:net'`) follow the exports.
	syncBuiltinESMExports();

	// Signals to other processes (the CLI itself), native code, bindings, another process's
	// debugger, and changes of user.
	refuse(/** @type {never} */ (process), 'process', [
		'kill',
		'_kill',
		'_linkedBinding',
		'dlopen',
		'_debugProcess',
		'_debugEnd',
		'setuid',
		'setgid',
		'seteuid',
		'setegid',
		'setgroups',
		'initgroups'
	]);

	// Emscripten's NODEFS asks for the constants at startup (the permission model refuses
	// process.binding altogether); they are all it gets.
	const constants = Object.freeze({
		fs: Object.freeze({ ...require('fs').constants }),
		os: Object.freeze({ ...require('os').constants })
	});
	Object.defineProperty(process, 'binding', {
		value: function binding(/** @type {string} */ name) {
			if (name === 'constants') return constants;
			throw refused(`process.binding('${name}')`);
		},
		writable: false,
		configurable: false
	});

	// Emscripten's system() (os.system) runs `require('child_process').spawnSync`, from inside
	// Python: an exception there is fatal to Pyodide, the run and its trace. It gets a
	// stand-in whose spawnSync answers as a shell that found no such command (status 127).
	const childProcess = Object.freeze({
		spawnSync: () =>
			Object.freeze({ pid: 0, status: 127, signal: null, output: null, error: refused('spawn') })
	});

	// Every `require` (Pyodide's and Emscripten's private copies included) asks here first.
	Object.defineProperty(Module, '_load', {
		value: function gatedLoad(/** @type {string} */ request, /** @type {unknown[]} */ ...rest) {
			if (bare(request) === 'child_process') return childProcess;
			if (REFUSED_MODULES.has(bare(request))) throw refused(`require('${bare(request)}')`);
			return load.call(this, request, ...rest);
		},
		writable: false,
		configurable: false
	});

	for (const name of NETWORK_GLOBALS) {
		if (name in globalThis) {
			Reflect.deleteProperty(globalThis, name);
			Object.defineProperty(globalThis, name, {
				value: undefined,
				writable: false,
				configurable: false
			});
		}
	}
}
