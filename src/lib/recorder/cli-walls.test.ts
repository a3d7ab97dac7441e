/**
 * The CLI's walls, tried as an attacker would: a program that holds every JavaScript object
 * Pyodide has (through `gc.get_objects()` → `JsFinder` → `js`, `pyodide_js`), and, below it,
 * any JavaScript at all in the recording process. A canary file, a canary server, a canary
 * environment variable and a sacrificial process must come out untouched; the trace says what
 * was refused. Also: the memory image is never taken from a program nor loaded when tampered
 * with, the command line's bounds, and --python.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createSocket } from 'node:dgram';
import {
	copyFileSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	statSync,
	utimesSync,
	writeFileSync
} from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTrace, validateTrace } from '../trace/validate';
import { recordInChild } from './cli-session.js';
import { childNodeOptions } from './cli-walls.js';
import { hashPath } from './snapshot-cache.js';

const cli = fileURLToPath(new URL('../../../bin/loopscope.js', import.meta.url));
const corpus = fileURLToPath(new URL('../../../tests/corpus/', import.meta.url));
const gate = new URL('./host-gate.js', import.meta.url).href;

const CANARY_TEXT = 'canary: if you can read this, the wall fell';
const CANARY_ENV = 'LOOPSCOPE_CANARY_SECRET';
const CANARY_ENV_VALUE = 'env-canary-7f3a';

interface Run {
	code: number;
	stdout: string;
	stderr: string;
}

// This file's runs share one cache of Python's memory image, away from the user's own.
const cache = mkdtempSync(join(tmpdir(), 'loopscope-walls-cache-'));
const canaryDir = mkdtempSync(join(tmpdir(), 'loopscope-canary-'));
const canaryFile = join(canaryDir, 'canary.txt');
writeFileSync(canaryFile, CANARY_TEXT);

/** Every connection the canary servers (TCP, Unix socket, UDP) receive. */
const contacts: string[] = [];
let tcp: Server;
let unix: Server;
let udp: ReturnType<typeof createSocket>;
let port = 0;
let udpPort = 0;
const unixPath = join(canaryDir, 'canary.sock');

beforeAll(async () => {
	tcp = createServer((socket) => {
		contacts.push('tcp');
		socket.destroy();
	});
	unix = createServer((socket) => {
		contacts.push('unix');
		socket.destroy();
	});
	udp = createSocket('udp4', () => contacts.push('udp'));
	await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
	await new Promise<void>((resolve) => unix.listen(unixPath, resolve));
	await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
	port = (tcp.address() as { port: number }).port;
	udpPort = udp.address().port;
});

afterAll(() => {
	tcp.close();
	unix.close();
	udp.close();
});

function run(command: string, args: string[], input = '', env = {}): Promise<Run> {
	return new Promise((resolve) => {
		const child = execFile(
			command,
			args,
			{
				maxBuffer: 64 * 1024 * 1024,
				env: { ...process.env, LOOPSCOPE_CACHE_DIR: cache, [CANARY_ENV]: CANARY_ENV_VALUE, ...env }
			},
			(error, stdout, stderr) =>
				resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
		);
		// A CLI that refuses a program before reading it all closes its standard input early.
		child.stdin?.on('error', () => {});
		child.stdin?.end(input);
	});
}

function loopscope(...args: string[]): Promise<Run> {
	return run('node', [cli, ...args]);
}

function programFile(code: string, name = 'program.py'): string {
	const path = join(mkdtempSync(join(tmpdir(), 'loopscope-')), name);
	writeFileSync(path, code);
	return path;
}

function printedBy(run: Run): string {
	const parsed = parseTrace(run.stdout);
	if (!parsed.ok) throw new Error(`${parsed.error}\n${run.stderr}`);
	return parsed.trace.events.map((event) => (event.kind === 'stdout' ? event.text : '')).join('');
}

/**
 * Readies the canary for a test: no contacts yet, and its access time set before its
 * modification time, so that any read of it moves the access time (even under relatime).
 */
function armCanary(): { atimeMs: number; mtimeMs: number } {
	contacts.length = 0;
	const { mtime } = statSync(canaryFile);
	utimesSync(canaryFile, new Date(mtime.getTime() - 60_000), mtime);
	return statSync(canaryFile);
}

/** The canary folder as it must stay: the canary and the Unix socket, the canary unread. */
function expectCanaryUntouched(before: { atimeMs: number; mtimeMs: number }) {
	const after = statSync(canaryFile);
	expect(after.mtimeMs).toBe(before.mtimeMs);
	expect(after.atimeMs).toBe(before.atimeMs);
	expect(readdirSync(canaryDir).sort()).toEqual(['canary.sock', 'canary.txt']);
	expect(readFileSync(canaryFile, 'utf8')).toBe(CANARY_TEXT);
}

/** A process for the program to try to kill. */
function sacrifice(): ChildProcess {
	return spawn('sleep', ['60'], { stdio: 'ignore' });
}

// Any JavaScript in the recording process: what Pyodide's script loader (`import()` of any
// URL, data: URLs included) would give a program that found it.
const PROBE = `
const { installHostGate } = await import(process.env.GATE);
if (process.env.GATED === '1') installHostGate();
const [port, udpPort, unixPath, canary, victim] = process.argv.slice(2);
const results = {};
async function attempt(name, action) {
	try {
		// An attempt that hangs (fetch, when the canary server hangs up) counts as let through.
		const late = new Promise((resolve) => setTimeout(() => resolve('no answer in 3 s'), 3000));
		results[name] = 'ALLOWED ' + String(await Promise.race([action(), late])).slice(0, 80);
	} catch (error) {
		results[name] = 'refused ' + String(error?.code ?? error?.message ?? error).slice(0, 80);
	}
}
const connected = (socket) =>
	new Promise((resolve, reject) => {
		socket.on('connect', () => resolve('connected'));
		socket.on('error', reject);
		setTimeout(() => reject(new Error('no answer')), 2000);
	});
const net = (await import('node:net')).default;
const { connect } = await import('node:net');
await attempt('net.connect', () => connected(net.connect(Number(port), '127.0.0.1')));
await attempt('named connect', () => connected(connect(Number(port), '127.0.0.1')));
await attempt('new Socket().connect', () => connected(new net.Socket().connect(Number(port), '127.0.0.1')));
await attempt('unix socket', () => connected(net.connect(unixPath)));
await attempt('net.createServer', () => net.createServer().listen(0));
await attempt('http.get', async () => {
	const http = await import('node:http');
	return new Promise((resolve, reject) => {
		http.get('http://127.0.0.1:' + port + '/', resolve).on('error', reject);
	});
});
await attempt('fetch', () => fetch('http://127.0.0.1:' + port + '/'));
await attempt('tls.connect', async () => connected((await import('node:tls')).connect(Number(port), '127.0.0.1')));
await attempt('http2.connect', async () => (await import('node:http2')).connect('http://127.0.0.1:' + port));
await attempt('dgram', async () => {
	const dgram = await import('node:dgram');
	const socket = dgram.createSocket('udp4');
	return new Promise((resolve, reject) => socket.send('x', Number(udpPort), '127.0.0.1', (e) => (e ? reject(e) : resolve('sent'))));
});
await attempt('dns.lookup', async () => (await import('node:dns')).promises.lookup('localhost'));
await attempt('inspector.open', async () => (await import('node:inspector')).open(0));
await attempt('trace_events', async () => (await import('node:trace_events')).createTracing({ categories: ['node'] }).enable());
await attempt('require("net")', async () => (await import('node:module')).createRequire(import.meta.url)('net'));
await attempt('spawnSync', async () => (await import('node:child_process')).spawnSync('sh', ['-c', 'echo pwned > ' + canary + '.spawn']).status);
await attempt('Worker', async () => new (await import('node:worker_threads')).Worker('1', { eval: true }));
await attempt('read canary', async () => (await import('node:fs')).readFileSync(canary, 'utf8'));
await attempt('write file', async () => (await import('node:fs')).writeFileSync(canary + '.written', 'pwned'));
await attempt('process.kill', () => process.kill(Number(victim), 'SIGKILL'));
await attempt('process.binding', () => process.binding('fs'));
await attempt('process.dlopen', () => process.dlopen({ exports: {} }, '/lib/x86_64-linux-gnu/libc.so.6'));
await attempt('eval', () => eval('1 + 1'));
await attempt('environment', () => process.env.${CANARY_ENV} ?? 'not set');
// Servers and sockets left open (without the gate) must not keep the probe alive.
process.stdout.write(JSON.stringify(results), () => process.exit(0));
`;

/** Runs PROBE under the recording process's Node options, with or without the gate. */
async function probe(gated: boolean, victim: number): Promise<Record<string, string>> {
	const file = join(mkdtempSync(join(tmpdir(), 'loopscope-probe-')), 'probe.mjs');
	writeFileSync(file, PROBE);
	const result = await new Promise<Run>((resolve) => {
		execFile(
			process.execPath,
			[
				...childNodeOptions(512, [file]),
				file,
				String(port),
				String(udpPort),
				unixPath,
				canaryFile,
				String(victim)
			],
			// The environment the CLI gives its child: none (GATE and GATED are the probe's own);
			// a folder of its own to work in (trace_events writes there when let through).
			{ env: { GATE: gate, GATED: gated ? '1' : '0' }, cwd: dirname(file), timeout: 60_000 },
			(error, stdout, stderr) =>
				resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
		);
	});
	if (result.code !== 0) throw new Error(result.stderr);
	return JSON.parse(result.stdout) as Record<string, string>;
}

describe('the walls of loopscope record', { timeout: 180_000 }, () => {
	it('hold against any JavaScript in the recording process: the platform and the gate', async () => {
		const before = armCanary();
		const victim = sacrifice();
		try {
			const results = await probe(true, victim.pid!);
			for (const [name, outcome] of Object.entries(results)) {
				if (name === 'environment') expect(outcome).toBe('ALLOWED not set');
				else expect(`${name}: ${outcome}`).toMatch(/^[^:]+: refused /);
			}
			expect(contacts).toEqual([]);
			expect(victim.exitCode).toBeNull();
			expect(victim.signalCode).toBeNull();
			expectCanaryUntouched(before);
		} finally {
			victim.kill();
		}
	});

	it.skipIf(process.allowedNodeEnvironmentFlags.has('--allow-net'))(
		'needs the gate on this Node: its permission model alone lets the network and signals through',
		async () => {
			const before = armCanary();
			const victim = sacrifice();
			const exited = new Promise((resolve) => victim.on('exit', resolve));
			const results = await probe(false, victim.pid!);
			// The platform's walls: files, processes, workers, bindings, native code, eval.
			for (const name of [
				'spawnSync',
				'Worker',
				'read canary',
				'write file',
				'process.binding',
				'process.dlopen',
				'inspector.open',
				'eval'
			])
				expect(`${name}: ${results[name]}`).toMatch(/^[^:]+: refused /);
			// What only the gate stops.
			expect(results['net.connect']).toBe('ALLOWED connected');
			expect(results['unix socket']).toBe('ALLOWED connected');
			expect(results['process.kill']).toMatch(/^ALLOWED/);
			await exited;
			await new Promise((resolve) => setTimeout(resolve, 200));
			expect(contacts).toContain('tcp');
			expect(contacts).toContain('unix');
			expectCanaryUntouched(before);
		}
	);

	it('hold against a program that holds every JavaScript object Pyodide has', async () => {
		// Warm this file's cache first: the image the program must not be able to replace.
		expect((await loopscope('record', join(corpus, 'simple_async.py'))).code).toBe(0);
		const image = readdirSync(cache).find((name) => name.endsWith('.snapshot'))!;
		const kept = readFileSync(join(cache, image));
		const hash = readFileSync(join(cache, `${image}.sha256`), 'utf8');
		const before = armCanary();
		const victim = sacrifice();
		const program = `
import gc, os, socket, subprocess
CANARY = ${JSON.stringify(canaryFile)}

def attempt(name, action):
    try:
        outcome = action()
        print(f"{name}: ALLOWED {str(outcome)[:60]!r}")
    except BaseException as error:
        print(f"{name}: refused ({type(error).__name__})")

def system(command):
    status = os.system(command)
    if status != 0:
        raise OSError(f"exit status {status}")

# Directly, from Python.
attempt("os.system", lambda: system(f"echo pwned > {CANARY}.system; kill -9 ${victim.pid}"))
attempt("subprocess", lambda: subprocess.run(["sh", "-c", f"echo pwned > {CANARY}.sub"]))
attempt("read canary", lambda: open(CANARY).read())
attempt("write file", lambda: open(CANARY + ".open", "w").write("pwned"))
attempt("socket", lambda: socket.create_connection(("127.0.0.1", ${port}), timeout=1))
attempt("environment", lambda: os.environ[${JSON.stringify(CANARY_ENV)}])

# Through the JsFinder: js and pyodide_js.
finder = next(o for o in gc.get_objects() if type(o).__name__ == "JsFinder")
js = finder.jsproxies["js"]
pyodide_js = finder.jsproxies["pyodide_js"]
module = pyodide_js._module
for name in ["NODEFS", "NODERAWFS", "WORKERFS", "PROXYFS", "IDBFS", "NATIVEFS_ASYNC"]:
    def mount(name=name):
        fs = getattr(module, name, None) or getattr(module.FS.filesystems, name, None)
        if fs is None:
            raise LookupError(name)
        os.makedirs(f"/host-{name}", exist_ok=True)
        module.FS.mount(fs, js.JSON.parse('{"root": "/"}'), f"/host-{name}")
        return open(f"/host-{name}{CANARY}").read()
    attempt(f"mount {name} of /", mount)
attempt("js.process", lambda: js.process.env[${JSON.stringify(CANARY_ENV)}])
attempt("js.require child_process", lambda: js.require("child_process").execSync("id"))
attempt("js.require net", lambda: js.require("net").connect(${port}, "127.0.0.1"))
attempt("js.fetch", lambda: js.fetch("http://127.0.0.1:${port}/"))
attempt("js.Function", lambda: js.Function("return process")())
attempt("process.send image", lambda: js.process.send({"type": "snapshot"}))
print("done")
`;
		try {
			const result = await loopscope('record', programFile(program));
			expect(result.code).toBe(0);
			const printed = printedBy(result);
			const lines = printed.trim().split('\n');
			expect(lines.pop()).toBe('done');
			expect(lines).toHaveLength(18);
			for (const line of lines) expect(line).toMatch(/^[^:]+: refused \(\w+\)$/);
			expect(printed).not.toContain(CANARY_TEXT);
			expect(printed).not.toContain(CANARY_ENV_VALUE);
			expect(contacts).toEqual([]);
			expect(victim.exitCode).toBeNull();
			expectCanaryUntouched(before);
			// Nothing the program did reached the kept image.
			expect(readFileSync(join(cache, image)).equals(kept)).toBe(true);
			expect(readFileSync(join(cache, `${image}.sha256`), 'utf8')).toBe(hash);
		} finally {
			victim.kill();
		}
	});

	it('never loads a tampered image: it is replaced, and the run is as usual', async () => {
		const image = readdirSync(cache).find((name) => name.endsWith('.snapshot'));
		expect(image).toBeDefined();
		const tampered = mkdtempSync(join(tmpdir(), 'loopscope-tampered-'));
		copyFileSync(join(cache, image!), join(tampered, image!));
		copyFileSync(join(cache, `${image}.sha256`), join(tampered, `${image}.sha256`));
		const bytes = readFileSync(join(tampered, image!));
		// A byte of Python's heap changed, the magic number and build id left alone.
		bytes[bytes.length >> 1] ^= 0xff;
		writeFileSync(join(tampered, image!), bytes);
		const result = await run('node', [cli, 'record', join(corpus, 'simple_async.py')], '', {
			LOOPSCOPE_CACHE_DIR: tampered
		});
		expect(result.code).toBe(0);
		expect(printedBy(result)).toBe('Hello\nWorld\n');
		const fresh = readFileSync(join(tampered, image!));
		expect(fresh.equals(bytes)).toBe(false);
		expect(readFileSync(join(tampered, `${image}.sha256`), 'utf8').trim()).toBe(
			createHash('sha256').update(fresh).digest('hex')
		);
	});

	it('stops a program over --memory, with one line naming the bound', async () => {
		const result = await loopscope(
			'record',
			programFile('chunks = [b"x" * 2**26 for _ in range(64)]\nprint(len(chunks))\n'),
			'--memory',
			'400'
		);
		expect(result.code).toBe(4);
		expect(result.stdout).toBe('');
		expect(result.stderr).toMatch(
			/^loopscope: stopped program\.py: it used more than 400 MB of memory \(--memory 400; raise it with --memory MB\)\. No trace was written\.\n$/
		);
	});

	it('refuses a wrong bound with one line and exit status 2, before loading Python', async () => {
		const program = join(corpus, 'simple_async.py');
		for (const [args, message] of [
			[['--limit', 'events=-1'], /--limit events expects a whole number above 0, got "-1"/],
			[['--limit', 'events=0'], /--limit events expects a whole number above 0, got "0"/],
			[['--limit', 'output=2.5'], /--limit output expects a whole number above 0, got "2.5"/],
			[['--limit', 'time=-3'], /--limit time expects a number of seconds above 0/],
			[['--limit', 'speed=3'], /unknown limit "speed": the limits are events, output, time,/],
			[['-o', ''], /-o needs a file name, got ""/],
			[['--timeout', '3000000'], /--timeout is at most 2147483 seconds/],
			[['--memory', '100'], /--memory expects a whole number of megabytes, at least 256/]
		] as const) {
			const result = await loopscope('record', program, ...args);
			expect(result.code, args.join(' ')).toBe(2);
			expect(result.stderr).toMatch(message);
			expect(result.stderr).toMatch(/^loopscope: [^\n]*\(see loopscope --help\)\n$/);
			expect(result.stdout).toBe('');
		}
	});

	it('refuses a program over 10 MB with one line, from a file or standard input', async () => {
		const big = `# ${'x'.repeat(11 * 1024 * 1024)}\n`;
		for (const result of [
			await loopscope('record', programFile(big, 'big.py')),
			await run('node', [cli, 'record', '-'], big)
		]) {
			expect(result.code).toBe(1);
			expect(result.stderr).toMatch(
				/^loopscope: (\S*big\.py|standard input) is over 10 MB: too big a program to record\n$/
			);
		}
	});
});

// A stand-in for the recording process, to try the CLI's side of the protocol: it sends an
// image before it is given the program when IMAGE_BEFORE is set, always one after (as a
// program that reached the channel would), then the trace it was told to send.
const FAKE_CHILD = `
const trace = process.argv[2];
process.on('message', (message) => {
	if (message.type === 'load') {
		if (process.argv[3] === 'image-before')
			process.send({ type: 'snapshot', bytes: new Uint8Array([1, 2, 3, 4]) });
		process.send({ type: 'ready' });
	} else if (message.type === 'record') {
		process.send({ type: 'snapshot', bytes: new TextEncoder().encode('program-sent image') });
		process.send({ type: 'trace', trace });
	}
});
`;

describe("the CLI's side of the protocol", { timeout: 60_000 }, () => {
	const trace = JSON.stringify({
		format: 'loopscope-trace',
		version: 2,
		source: { filename: 'x.py', code: '' },
		meta: {},
		tasks: [],
		events: [],
		result: { status: 'ok', duration: 0 }
	});
	const options = { timeout: 10, memory: 512, limits: {} };

	function fakeRecording(sent: string, imageBefore: boolean, image: string) {
		const dir = mkdtempSync(join(tmpdir(), 'loopscope-fake-'));
		const script = join(dir, 'fake-child.mjs');
		writeFileSync(script, FAKE_CHILD);
		return recordInChild('print(1)', 'x.py', options, image, {
			script,
			execArgv: [],
			args: [sent, imageBefore ? 'image-before' : 'no-image']
		});
	}

	it('keeps an image sent before the program, with its hash, and ignores one sent after', async () => {
		const image = join(mkdtempSync(join(tmpdir(), 'loopscope-cache-')), 'image.snapshot');
		expect(await fakeRecording(trace, true, image)).toBe(trace);
		expect([...readFileSync(image)]).toEqual([1, 2, 3, 4]);
		expect(readFileSync(hashPath(image), 'utf8').trim()).toBe(
			createHash('sha256')
				.update(new Uint8Array([1, 2, 3, 4]))
				.digest('hex')
		);
	});

	it('never keeps an image sent after the program', async () => {
		const cacheDir = mkdtempSync(join(tmpdir(), 'loopscope-cache-'));
		expect(await fakeRecording(trace, false, join(cacheDir, 'image.snapshot'))).toBe(trace);
		expect(readdirSync(cacheDir)).toEqual([]);
	});

	it('writes no trace when what comes back is not one', async () => {
		const image = join(mkdtempSync(join(tmpdir(), 'loopscope-cache-')), 'image.snapshot');
		for (const forged of ['not json', '[]', JSON.stringify({ format: 'other' })])
			await expect(fakeRecording(forged, false, image)).rejects.toThrow(
				'the recording ended without a valid trace'
			);
	});
});

describe('loopscope record --python', { timeout: 60_000 }, () => {
	const python = process.env.PYTHON ?? 'python3';

	it("records with the machine's CPython: CPython's output, a valid trace marked with its version", async () => {
		const version = await run(python, [
			'-c',
			'import sys; print("%d.%d.%d" % sys.version_info[:3])'
		]);
		const result = await loopscope(
			'record',
			'--python',
			python,
			join(corpus, 'gather_exceptions.py')
		);
		expect(result.code).toBe(0);
		const parsed = validateTrace(JSON.parse(result.stdout));
		if (!parsed.ok) throw new Error(parsed.error);
		expect(parsed.trace.meta).toMatchObject({ python: version.stdout.trim(), pyodide: null });
		const expected = JSON.parse(
			readFileSync(join(corpus, 'gather_exceptions.expected.json'), 'utf8')
		) as { stdout: string; error: string | null };
		expect(printedBy(result)).toBe(expected.stdout);
		expect(parsed.trace.result.status).toBe(expected.error ? 'error' : 'ok');
	});

	it('refuses a Python older than 3.11 with one line', async () => {
		// Stands in for an old python3: answers as the CLI's version check does on 3.10.
		const dir = mkdtempSync(join(tmpdir(), 'loopscope-python-'));
		mkdirSync(join(dir, 'bin'));
		const old = join(dir, 'bin', 'python3.10');
		writeFileSync(old, '#!/bin/sh\nprintf "too old: Python 3.10.13" >&3\nexit 9\n', {
			mode: 0o755
		});
		const result = await loopscope('record', '--python', old, join(corpus, 'simple_async.py'));
		expect(result.code).toBe(2);
		expect(result.stderr).toBe(
			`loopscope: --python needs CPython 3.11 or later; ${old} is Python 3.10.13\n`
		);
	});

	it('says plainly that a Python before 3.12 records no lines and no scopes', async () => {
		// Stand-ins for python3.11 and python3.12: each hands back a trace marked with its version.
		const dir = mkdtempSync(join(tmpdir(), 'loopscope-python-'));
		const standIn = (version: string): string => {
			const path = join(dir, `python${version}`);
			const trace = JSON.stringify({
				format: 'loopscope-trace',
				source: {},
				meta: { python: version },
				events: [],
				result: {}
			});
			writeFileSync(path, `#!/bin/sh\ncat >/dev/null\nprintf '%s' '${trace}' >&3\n`, {
				mode: 0o755
			});
			return path;
		};
		const tg = join(corpus, 'taskgroup_nested.py');
		const old = await loopscope('record', '--python', standIn('3.11.7'), tg);
		expect(old.code).toBe(0);
		expect(old.stderr).toBe(
			'loopscope: note: Python 3.11.7 has no sys.monitoring (new in 3.12), so this trace has ' +
				'no line-by-line events and no scopes (TaskGroup, asyncio.timeout, wait_for and shield ' +
				'brackets, an except catching CancelledError); record without --python (Python 3.14 in ' +
				'Pyodide) or with Python 3.12 or later to see them\n'
		);
		const recent = await loopscope('record', '--python', standIn('3.12.1'), tg);
		expect(recent.code).toBe(0);
		expect(recent.stderr).toBe('');
	});

	it('says so in one line when the Python cannot be run', async () => {
		const result = await loopscope(
			'record',
			'--python',
			'no-such-python3',
			join(corpus, 'simple_async.py')
		);
		expect(result.code).toBe(1);
		expect(result.stderr).toBe('loopscope: cannot run no-such-python3: no such command\n');
	});
});
