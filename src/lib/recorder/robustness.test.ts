/**
 * The recorder against programs that push on its edges: infinite and NaN delays, JSON that
 * cannot hold them, os._exit, unbounded recursion, and imports of the JavaScript bridge.
 */
import { loadPyodide, type PyodideAPI } from 'pyodide';
import { describe, expect, it } from 'vitest';
import { createEngine } from './engine.js';
import { readRecorderFiles } from './node-engine.js';
import { eventsOf, record, stdoutOf } from './testing';

const program = (lines: string[]): string => lines.join('\n') + '\n';
const NON_JSON_NUMBER = /[:,[](-?Infinity|NaN|-?inf|nan)[,}\]]/;

describe('infinite delays', () => {
	it('ends asyncio.sleep(inf) as waiting forever, with no infinite deadline in the trace', async () => {
		const { trace, json } = await record(
			program([
				'import asyncio',
				'async def main():',
				'    print("before")',
				'    await asyncio.sleep(float("inf"))',
				'asyncio.run(main())'
			])
		);
		// No bare number JSON cannot hold (record() has parsed the text, too).
		expect(json).not.toMatch(NON_JSON_NUMBER);
		expect(stdoutOf(trace)).toBe('before\n');
		expect(trace.result.status).toBe('deadlock');
		expect(trace.result.message).toMatch(/only timers left are due at infinity/);
		const suspend = eventsOf(trace, 'suspend').at(-1);
		expect(suspend?.awaits).toEqual({ kind: 'sleep', label: 'asyncio.sleep(inf)' });
	});

	it('runs wait_for, asyncio.timeout and call_later with inf as CPython does: they never expire', async () => {
		const { trace, json } = await record(
			program([
				'import asyncio',
				'async def main():',
				'    loop = asyncio.get_running_loop()',
				'    print(await asyncio.wait_for(asyncio.sleep(1, "x"), timeout=float("inf")))',
				'    async with asyncio.timeout(float("inf")) as cm:',
				'        print(cm.when())',
				'        await asyncio.sleep(2)',
				'    loop.call_later(float("inf"), print, "never")',
				'    await asyncio.sleep(1)',
				'    print("done", loop.time())',
				'asyncio.run(main())'
			])
		);
		expect(json).not.toMatch(NON_JSON_NUMBER);
		// CPython 3.11 prints the same: x, inf, done 4.0 (and never "never").
		expect(stdoutOf(trace)).toBe('x\ninf\ndone 4.0\n');
		expect(trace.result).toMatchObject({ status: 'ok', duration: 4 });
		for (const iteration of eventsOf(trace, 'loop_iteration'))
			for (const timer of iteration.timers) expect(Number.isFinite(timer.when)).toBe(true);
		const listedNever = eventsOf(trace, 'loop_iteration').some((e) =>
			e.timers.some((timer) => timer.label === 'print')
		);
		expect(listedNever).toBe(false);
	});

	it('reports a task behind asyncio.timeout(inf) as waiting forever, without a timeout', async () => {
		const { trace } = await record(
			program([
				'import asyncio',
				'async def main():',
				'    async with asyncio.timeout(float("inf")):',
				'        await asyncio.Event().wait()',
				'asyncio.run(main())'
			])
		);
		expect(trace.result.status).toBe('deadlock');
		expect(trace.result.deadlock).toEqual([
			{ task: 0, awaits: { kind: 'event', label: 'event.wait()' } }
		]);
	});

	it('fires a NaN timer at once instead of hanging (CPython pops it as due)', async () => {
		const { trace } = await record(
			program([
				'import asyncio',
				'async def main():',
				'    asyncio.get_running_loop().call_later(float("nan"), print, "nan timer")',
				'    await asyncio.sleep(1)',
				'    print("end")',
				'asyncio.run(main())'
			])
		);
		expect(stdoutOf(trace)).toBe('nan timer\nend\n');
		expect(trace.result).toMatchObject({ status: 'ok', duration: 1 });
	});

	it('raises OverflowError for time.sleep(inf), as Pyodide does', async () => {
		const { trace } = await record(
			program(['import time', 'print("a")', 'time.sleep(float("inf"))'])
		);
		expect(stdoutOf(trace)).toBe('a\n');
		expect(trace.result.error).toMatchObject({ type: 'OverflowError', line: 3 });
	});
});

describe('exits and recursion', () => {
	it('ends the run at os._exit, keeping the output so far and skipping finally blocks', async () => {
		const { trace } = await record(
			program([
				'import asyncio, os',
				'async def main():',
				'    print("so far")',
				'    try:',
				'        os._exit(3)',
				'    finally:',
				'        print("finally")',
				'asyncio.run(main())'
			])
		);
		expect(stdoutOf(trace)).toBe('so far\n');
		expect(trace.result.status).toBe('error');
		expect(trace.result.message).toMatch(/^The program ended itself with os\._exit\(3\) on line 5/);
		expect(trace.result.error).toMatchObject({ type: 'SystemExit', line: 5 });
	});

	it('calls os._exit(0) a success', async () => {
		const { trace } = await record(program(['import os', 'print("hi")', 'os._exit(0)']));
		expect(trace.result.status).toBe('ok');
		expect(trace.result.message).toMatch(/os\._exit\(0\) on line 3/);
		expect(stdoutOf(trace)).toBe('hi\n');
	});

	it('turns runaway recursion after setrecursionlimit(10**9) into a RecursionError that says why', async () => {
		const { trace } = await record(
			program([
				'import sys',
				'sys.setrecursionlimit(10**9)',
				'print("so far", sys.getrecursionlimit())',
				'def f(n):',
				'    return f(n + 1)',
				'f(0)'
			])
		);
		expect(stdoutOf(trace)).toBe('so far 2000\n');
		expect(trace.result.error).toMatchObject({ type: 'RecursionError', line: 5 });
		expect(trace.result.message).toMatch(
			/sys\.setrecursionlimit\(1,000,000,000\) was lowered to 2,000/
		);
		// The engine survived: the next run works.
		const next = await record('print("next")\n');
		expect(stdoutOf(next.trace)).toBe('next\n');
	});
});

describe("the recorder's own package", () => {
	it("is out of the program's reach by name: not importable, not in sys.modules, not on disk", async () => {
		const { trace } = await record(
			program([
				'import importlib, os, sys',
				'for name in ("loopscope_recorder", "loopscope_recorder.limits", "loopscope_recorder.current"):',
				'    try:',
				'        importlib.import_module(name)',
				'        print(name, "imported")',
				'    except ModuleNotFoundError:',
				'        print(name, "refused")',
				'print(sorted(m for m in sys.modules if "loopscope" in m), os.path.exists("/loopscope"))',
				'sys.path.insert(0, "/loopscope")',
				'from loopscope_recorder import limits'
			])
		);
		expect(stdoutOf(trace)).toBe(
			[
				'loopscope_recorder refused',
				'loopscope_recorder.limits refused',
				'loopscope_recorder.current refused',
				'[] False',
				''
			].join('\n')
		);
		expect(trace.result.error).toMatchObject({ type: 'ModuleNotFoundError', line: 10 });
		// The next run records as ever: the package was put back for it.
		const next = await record('print("next")\n');
		expect(stdoutOf(next.trace)).toBe('next\n');
	});
});

describe('the JavaScript bridge', () => {
	it('refuses js, pyodide_js and pyodide.* to the program, by import and by importlib', async () => {
		const { trace } = await record(
			program([
				'import importlib, sys',
				'for name in ("js", "pyodide_js", "pyodide.ffi", "pyodide.code", "pyodide.http", "_pyodide_core"):',
				'    try:',
				'        importlib.import_module(name)',
				'        print(name, "imported")',
				'    except ModuleNotFoundError:',
				'        print(name, "refused")',
				'print(sorted(m for m in sys.modules if "pyodide" in m or m == "js"))',
				'import js',
				'js.close()'
			])
		);
		expect(stdoutOf(trace)).toBe(
			[
				'js refused',
				'pyodide_js refused',
				'pyodide.ffi refused',
				'pyodide.code refused',
				'pyodide.http refused',
				'_pyodide_core refused',
				'[]',
				''
			].join('\n')
		);
		expect(trace.result.error).toMatchObject({ type: 'ModuleNotFoundError', line: 9 });
		expect(trace.result.message).toMatch(/without access to JavaScript/);
	});

	it('gives the bridges and its own package back after the run, and refuses to write Infinity as JSON', async () => {
		let py: PyodideAPI | null = null;
		const engine = await createEngine({
			loadPyodide: async (options) => (py = await loadPyodide(options)),
			recorderFiles: readRecorderFiles()
		});
		engine.record('import sys\nsys.meta_path.clear()\nsys.setrecursionlimit(10**6)\n');
		const pyodide = py as PyodideAPI | null;
		if (!pyodide) throw new Error('Pyodide did not load');
		expect(
			String(pyodide.runPython('import js, sys; (js.Math.max(1, 2), sys.getrecursionlimit())'))
		).toBe('(2, 1000)');
		const refused = String(
			pyodide.runPython(`
import loopscope_recorder.encoding as r
out = []
for encode in (r._dumps, r._jnum):
    try:
        encode(float("inf"))
        out.append("wrote it")
    except ValueError:
        out.append("refused")
",".join(out)
`)
		);
		expect(refused).toBe('refused,refused');
	});
});
