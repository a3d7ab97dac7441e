/**
 * The GIF worker's protocol: the page sends each frame's pixels as they are drawn (the buffer is
 * transferred, not copied) and waits for `framed` before drawing the next, so at most one frame
 * is in flight; `finish` asks for the file. Cancelling terminates the worker.
 */

/** To the GIF worker. */
export type ToGif =
	| {
			readonly type: 'frame';
			/** RGBA, `width` × `height`, row by row. */
			readonly rgba: Uint8ClampedArray<ArrayBuffer>;
			readonly width: number;
			readonly height: number;
			/** How long the frame is shown, in milliseconds. */
			readonly delay: number;
	  }
	| { readonly type: 'finish' };

/** From the GIF worker. */
export type FromGif =
	| { readonly type: 'framed' }
	| { readonly type: 'finished'; readonly bytes: Uint8Array<ArrayBuffer> }
	| { readonly type: 'failed'; readonly error: string };
