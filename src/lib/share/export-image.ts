/**
 * Saving the run as a picture: the SVG of `runViewSvg` as it is, or rasterized to a PNG by the
 * browser itself (Blob → Image → canvas → PNG), so the picture is the same drawing either way.
 */

/** The scale of the PNG over the SVG's CSS pixels: sharp on a high-density screen or a slide. */
export const PNG_SCALE = 2;

/**
 * The most pixels a canvas may hold everywhere (Safari's limit; Chrome's is larger): past it,
 * `toBlob` gives nothing. A picture of hundreds of lanes is drawn at a smaller scale instead.
 */
export const MAX_CANVAS_PIXELS = 16_777_216;

export { downloadBlob } from './download';

/**
 * The program's name as the stem of a file name: without its folder and extension, reduced to
 * letters, digits, `_` and `-` (a name from a shared link can hold anything), at most 80
 * characters; `loopscope` when nothing is left.
 */
export function fileStem(programFilename: string | undefined): string {
	const base = (programFilename ?? '').split(/[\\/]/).pop() ?? '';
	return (
		base
			.replace(/\.[^.]*$/, '')
			.replace(/[^A-Za-z0-9_-]+/g, '_')
			.replace(/^[_-]+|[_-]+$/g, '')
			.slice(0, 80) || 'loopscope'
	);
}

/**
 * The picture's file name: the program's {@link fileStem}, then the step.
 * `get_users_batch.py` at step 12 gives `get_users_batch-step-12.png`.
 */
export function pictureFilename(
	programFilename: string | undefined,
	step: number,
	extension: 'png' | 'svg'
): string {
	return `${fileStem(programFilename)}-step-${Math.max(0, Math.floor(step))}.${extension}`;
}

/** `svg` as a file's contents. */
export function svgBlob(svg: string): Blob {
	return new Blob([svg], { type: 'image/svg+xml;charset=utf-8' });
}

/** The size an SVG document declares on its root (`width`, `height`), in CSS pixels. */
export function svgSize(svg: string): { width: number; height: number } {
	const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
	const read = (name: string) => Number(new RegExp(`\\s${name}="([\\d.]+)"`).exec(root)?.[1]);
	const width = read('width');
	const height = read('height');
	if (!(width > 0 && height > 0)) throw new Error('The picture has no size.');
	return { width, height };
}

/** The scale to draw a `width` × `height` picture at: `wanted`, or less if it would not fit. */
export function pngScale(width: number, height: number, wanted = PNG_SCALE): number {
	return Math.min(wanted, Math.sqrt(MAX_CANVAS_PIXELS / (width * height)));
}

/**
 * Draws a standalone SVG document on `ctx` at its origin, `scale` times its size, through the
 * browser's own SVG renderer (Blob → Image), so a raster is the same drawing as the SVG.
 */
export async function drawSvg(
	ctx: CanvasRenderingContext2D,
	svg: string,
	scale: number
): Promise<void> {
	const { width, height } = svgSize(svg);
	const url = URL.createObjectURL(svgBlob(svg));
	try {
		const image = new Image();
		image.width = width;
		image.height = height;
		image.src = url;
		await image.decode();
		ctx.drawImage(image, 0, 0, Math.floor(width * scale), Math.floor(height * scale));
	} finally {
		URL.revokeObjectURL(url);
	}
}

/** A 2D context to draw on; throws in words a learner can read where the browser has none. */
export function context2d(
	canvas: HTMLCanvasElement,
	options?: CanvasRenderingContext2DSettings
): CanvasRenderingContext2D {
	const ctx = canvas.getContext('2d', options);
	if (!ctx) throw new Error('This browser cannot draw the picture.');
	return ctx;
}

/**
 * Rasterizes a standalone SVG document to a PNG `scale` times its size (less for a picture too
 * big for a canvas at that scale: {@link pngScale}).
 */
export async function svgToPng(svg: string, wanted = PNG_SCALE): Promise<Blob> {
	const { width, height } = svgSize(svg);
	const scale = pngScale(width, height, wanted);
	const canvas = document.createElement('canvas');
	canvas.width = Math.floor(width * scale);
	canvas.height = Math.floor(height * scale);
	await drawSvg(context2d(canvas), svg, scale);
	return await new Promise<Blob>((resolve, reject) =>
		canvas.toBlob(
			(blob) => (blob ? resolve(blob) : reject(new Error('This browser cannot make a PNG.'))),
			'image/png'
		)
	);
}
