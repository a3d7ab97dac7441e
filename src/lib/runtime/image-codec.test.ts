import { describe, expect, it } from 'vitest';
import { isPackedImage, packImage, unpackImage } from './image-codec.js';

/** Bytes with runs of zeros of the given lengths between stretches of data (never zero). */
function imageWith(runs: number[], lead = 0, trail = 0): Uint8Array {
	const parts: number[] = new Array<number>(lead).fill(0);
	runs.forEach((run, i) => {
		for (let j = 0; j < 37; j++) parts.push(((i * 37 + j) % 255) + 1);
		parts.push(...new Array<number>(run).fill(0));
	});
	parts.push(9, ...new Array<number>(trail).fill(0));
	return Uint8Array.from(parts);
}

describe('the packed memory image', () => {
	it('gives back every image byte for byte, whatever its runs of zeros', () => {
		const cases = [
			new Uint8Array(0),
			new Uint8Array(1000),
			imageWith([]),
			imageWith([1, 255, 256, 257, 5000], 0, 0),
			imageWith([300, 10, 4096], 700, 255),
			imageWith([300], 3, 1000)
		];
		for (const image of cases) {
			const packed = packImage(image);
			expect(isPackedImage(packed)).toBe(true);
			expect(unpackImage(packed)).toEqual(image);
		}
	});

	it('leaves long runs of zeros out and keeps short ones', () => {
		const image = imageWith([100, 10_000, 20_000], 5000, 5000);
		const packed = packImage(image);
		// Three stretches (the first two joined across the short run): a 36-byte header, the data.
		const data = image.filter((byte) => byte !== 0).length + 100;
		expect(packed.length).toBe(12 + 3 * 8 + data);
	});

	it('refuses what is not a packed image, or is cut short or inconsistent', () => {
		const packed = packImage(imageWith([300, 4000], 500));
		expect(() => unpackImage(packed.subarray(0, packed.length - 1))).toThrow(/stretch/);
		expect(() => unpackImage(Uint8Array.of(...packed, 0))).toThrow(/left over/);
		expect(() => unpackImage(packed.subarray(0, 16))).toThrow(/cut short/);
		const pyodide = Uint8Array.of(0x00, 0x73, 0x6e, 0x70, 0, 0, 0, 0, 0, 0, 0, 0);
		expect(isPackedImage(pyodide)).toBe(false);
		expect(() => unpackImage(pyodide)).toThrow(/not a packed/);
		const beyond = packed.slice();
		new DataView(beyond.buffer).setUint32(12, 1 << 30, true);
		expect(() => unpackImage(beyond)).toThrow(/outside/);
	});
});
