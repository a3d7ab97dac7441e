// gifenc ships no types; these are the parts of its API (1.0.x, src/index.js) that we call.
declare module 'gifenc' {
	/** Colours as [r, g, b] (or [r, g, b, a] for the rgba4444 format). */
	export type GifPalette = number[][];

	/** The colour format `quantize` and `applyPalette` work in. */
	export type GifColorFormat = 'rgb565' | 'rgb444' | 'rgba4444';

	/** Options of one frame; `delay` is in milliseconds (written as hundredths of a second). */
	export interface GifFrameOptions {
		palette?: GifPalette;
		delay?: number;
		repeat?: number;
		transparent?: boolean;
		transparentIndex?: number;
		colorDepth?: number;
		dispose?: number;
		first?: boolean;
	}

	/** A GIF being written in memory, frame by frame. */
	export interface GifEncoderStream {
		writeFrame(index: Uint8Array, width: number, height: number, options?: GifFrameOptions): void;
		finish(): void;
		/** A copy of the file so far, in an ArrayBuffer of its own. */
		bytes(): Uint8Array<ArrayBuffer>;
		bytesView(): Uint8Array;
		reset(): void;
	}

	/** A new encoder; `auto` writes the header with the first frame. */
	export function GIFEncoder(options?: {
		auto?: boolean;
		initialCapacity?: number;
	}): GifEncoderStream;

	/** At most `maxColors` colours that stand for the pixels of `rgba`. */
	export function quantize(
		rgba: Uint8Array | Uint8ClampedArray,
		maxColors: number,
		options?: { format?: GifColorFormat; oneBitAlpha?: boolean | number; clearAlpha?: boolean }
	): GifPalette;

	/** Each pixel of `rgba` as the index of its nearest colour in `palette`. */
	export function applyPalette(
		rgba: Uint8Array | Uint8ClampedArray,
		palette: GifPalette,
		format?: GifColorFormat
	): Uint8Array;
}
