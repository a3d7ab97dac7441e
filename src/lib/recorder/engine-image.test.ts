/**
 * The memory image the build serves (scripts/python-image.js): Python with the recorder
 * installed, taken before any program ran. Starting from it records as a full load does, it
 * fits only the recorder it was made with, and an image that would hand Python a JavaScript
 * object back (re-read from the worker's globals before its lockdown) is refused.
 */
import { loadPyodide } from 'pyodide';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine, imageHandles, type Engine } from './engine.js';
import { readRecorderFiles } from './node-engine.js';

const PROGRAM = [
	'import asyncio, random, sys',
	'async def fetch(i):',
	'    await asyncio.sleep(0.1 * i)',
	'    print(i, random.random(), "loopscope_recorder" in sys.modules)',
	'async def main():',
	'    await asyncio.gather(*(fetch(i) for i in range(3)))',
	'asyncio.run(main())',
	'print(len(sys.modules), [name for name in sys.modules if "loopscope" in name])',
	''
].join('\n');

const recorderFiles = readRecorderFiles();
let image: Uint8Array;
let full: Engine;

beforeAll(async () => {
	const made = await createEngine({ loadPyodide, recorderFiles, recorderSnapshot: true });
	image = made.snapshot!;
	full = await createEngine({ loadPyodide, recorderFiles });
});

describe('the recorder image', () => {
	it('holds no JavaScript object, and records as a full load does', async () => {
		expect(imageHandles(image)).toEqual([]);
		const restored = await createEngine({
			loadPyodide,
			recorderFiles,
			snapshot: Promise.resolve(image)
		});
		expect(restored.snapshot).toBeUndefined();
		expect(restored.record(PROGRAM)).toBe(full.record(PROGRAM));
	});

	it('fits only the recorder files it was made with', async () => {
		const changed = { ...recorderFiles, 'limits.py': `${recorderFiles['limits.py']}\n# changed\n` };
		await expect(
			createEngine({ loadPyodide, recorderFiles: changed, snapshot: image })
		).rejects.toThrow(/another version of the recorder/);
	});

	it('is refused when it would hand Python a JavaScript object', async () => {
		// The header as Pyodide writes it, with one global reached by path (what `from js
		// import fetch` before the snapshot would leave).
		const forged = image.slice();
		const words = new DataView(forged.buffer);
		const header = JSON.stringify({ hiwireKeys: [null, { path: ['fetch'] }], immortalKeys: [] });
		const bytes = new TextEncoder().encode(header);
		expect(48 + bytes.length).toBeLessThanOrEqual(words.getUint32(4, true));
		forged.set(bytes, 48);
		words.setUint32(8, bytes.length, true);
		expect(imageHandles(forged)).toEqual([{ path: ['fetch'] }]);
		await expect(createEngine({ loadPyodide, recorderFiles, snapshot: forged })).rejects.toThrow(
			/holds JavaScript objects/
		);
	});
});
