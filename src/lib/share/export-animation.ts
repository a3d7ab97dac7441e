/**
 * Saving a stretch of the run as an animation: one frame per step, each the picture "Save
 * picture" draws for that step (`runViewSvg`), rasterized by the browser at 1× and encoded as an
 * animated GIF (gifenc, in a worker) or a WebM video (WebCodecs through mediabunny). The work yields to the
 * page between frames and stops there when its signal is aborted.
 */
import { seek } from '$lib/model';
import { yieldToPage } from '$lib/model/yield';
import { runViewSvg, type RunViewSvgInput } from '$lib/timeline/export-svg';
import { frameCursors, frameDelays, type AnimationFormat, type StepRange } from './animation-range';
import { context2d, drawSvg, svgSize } from './export-image';
import type { FromGif, ToGif } from './gif-protocol';

/** Everything a frame's picture needs but its step: what Save picture passes to `runViewSvg`. */
export type AnimationView = Omit<RunViewSvgInput, 'snapshot'>;

/** What to animate, and how to report on it. */
export interface AnimationJob {
	readonly view: AnimationView;
	/** The steps (1-based, inclusive), already clamped: one frame each. */
	readonly range: StepRange;
	/** How long each frame is shown, in milliseconds (the last is held longer). */
	readonly delayMs: number;
	readonly format: AnimationFormat;
	/** Aborted: the work stops before the next frame, and the promise rejects with its reason. */
	readonly signal?: AbortSignal;
	/** Called as frames are done: `done` of `total` (0 of `total` before the first). */
	readonly onprogress?: (done: number, total: number) => void;
}

// The codecs a WebM may carry, best first.
const WEBM_CODECS = ['vp9', 'vp8'] as const;

// The pictures are built ahead of drawing (to size the frame by the tallest); yield this often.
const SVGS_PER_SLICE = 10;

/**
 * Why this browser cannot make a video, in words for a button's title; null when it can.
 * (WebCodecs' `VideoEncoder` is missing in older browsers and in some private modes.)
 */
export function videoUnsupportedReason(): string | null {
	return typeof globalThis.VideoEncoder === 'function'
		? null
		: 'This browser cannot encode video (it has no WebCodecs VideoEncoder). Save a GIF instead.';
}

/** The MIME type of a saved animation. */
export function animationMimeType(format: AnimationFormat): string {
	return format === 'gif' ? 'image/gif' : 'video/webm';
}

// The GIF worker, one request at a time: each resolves with the worker's next reply.
class GifWorker {
	readonly #worker = new Worker(new URL('./gif.worker.ts', import.meta.url), { type: 'module' });
	#pending: ((reply: FromGif) => void) | null = null;

	constructor() {
		this.#worker.onmessage = (event: MessageEvent<FromGif>) => this.#settle(event.data);
		this.#worker.onerror = () =>
			this.#settle({ type: 'failed', error: 'The GIF encoder stopped.' });
	}

	#settle(reply: FromGif): void {
		const pending = this.#pending;
		this.#pending = null;
		pending?.(reply);
	}

	async #ask(message: ToGif, transfer: Transferable[] = []): Promise<FromGif> {
		const reply = new Promise<FromGif>((resolve) => (this.#pending = resolve));
		this.#worker.postMessage(message, transfer);
		const answer = await reply;
		if (answer.type === 'failed') throw new Error(answer.error);
		return answer;
	}

	/** Adds a frame (its pixels are handed over to the worker). */
	async frame(
		rgba: Uint8ClampedArray<ArrayBuffer>,
		width: number,
		height: number,
		delay: number
	): Promise<void> {
		await this.#ask({ type: 'frame', rgba, width, height, delay }, [rgba.buffer]);
	}

	/** The finished file. */
	async finish(): Promise<Uint8Array<ArrayBuffer>> {
		const answer = await this.#ask({ type: 'finish' });
		if (answer.type !== 'finished') throw new Error('The GIF encoder gave no file.');
		return answer.bytes;
	}

	/** Stops the worker, whatever it is doing. */
	terminate(): void {
		this.#worker.terminate();
	}
}

// Each step's picture, and the frame that holds them all: the picture's width, and the height of
// the tallest (the narration under the lanes grows and shrinks from step to step). A video codec
// wants even sides.
async function framePictures(
	view: AnimationView,
	cursors: readonly number[],
	signal: AbortSignal | undefined
): Promise<{ svgs: string[]; width: number; height: number }> {
	const svgs: string[] = [];
	let width = 0;
	let height = 0;
	for (const cursor of cursors) {
		const svg = runViewSvg({ ...view, snapshot: seek(view.index, cursor) });
		const size = svgSize(svg);
		width = Math.max(width, Math.ceil(size.width));
		height = Math.max(height, Math.ceil(size.height));
		svgs.push(svg);
		if (svgs.length % SVGS_PER_SLICE === 0) {
			await yieldToPage();
			signal?.throwIfAborted();
		}
	}
	return { svgs, width: width + (width % 2), height: height + (height % 2) };
}

/**
 * Makes the animation of `job.range`: an animated GIF that loops, or a WebM video, one frame
 * per step at 1× the picture's size. Rejects with the signal's reason when it is aborted.
 */
export async function makeAnimation(job: AnimationJob): Promise<Blob> {
	const { view, signal, onprogress } = job;
	const cursors = frameCursors(job.range);
	const delays = frameDelays(cursors.length, job.delayMs);
	onprogress?.(0, cursors.length);
	const { svgs, width, height } = await framePictures(view, cursors, signal);
	const canvas = document.createElement('canvas');
	canvas.width = width;
	canvas.height = height;
	const ctx = context2d(canvas, { willReadFrequently: job.format === 'gif' });

	// A frame taller than its picture shows the picture's own ground below it, not black.
	async function draw(frame: number): Promise<void> {
		ctx.fillStyle = view.palette.bg;
		ctx.fillRect(0, 0, width, height);
		await drawSvg(ctx, svgs[frame], 1);
	}

	async function done(frame: number): Promise<void> {
		onprogress?.(frame + 1, cursors.length);
		await yieldToPage();
		signal?.throwIfAborted();
	}

	if (job.format === 'gif') {
		const gif = new GifWorker();
		try {
			for (let frame = 0; frame < svgs.length; frame++) {
				await draw(frame);
				await gif.frame(ctx.getImageData(0, 0, width, height).data, width, height, delays[frame]);
				await done(frame);
			}
			return new Blob([await gif.finish()], { type: animationMimeType('gif') });
		} finally {
			gif.terminate();
		}
	}

	// The muxer loads when a video is asked for, not with the playground.
	const {
		BufferTarget,
		CanvasSource,
		Output,
		QUALITY_HIGH,
		WebMOutputFormat,
		getFirstEncodableVideoCodec
	} = await import('mediabunny');
	const codec = await getFirstEncodableVideoCodec([...WEBM_CODECS], { width, height });
	if (!codec) throw new Error('This browser cannot encode a WebM video (VP9 or VP8).');
	const target = new BufferTarget();
	const output = new Output({ format: new WebMOutputFormat(), target });
	const source = new CanvasSource(canvas, { codec, bitrate: QUALITY_HIGH });
	output.addVideoTrack(source);
	await output.start();
	try {
		let time = 0;
		for (let frame = 0; frame < svgs.length; frame++) {
			await draw(frame);
			await source.add(time / 1000, delays[frame] / 1000);
			time += delays[frame];
			await done(frame);
		}
		await output.finalize();
	} catch (error) {
		await output.cancel();
		throw error;
	}
	if (!target.buffer) throw new Error('The video came out empty.');
	return new Blob([target.buffer], { type: animationMimeType('webm') });
}
