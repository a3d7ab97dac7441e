/// <reference lib="webworker" />
/**
 * The GIF worker: quantizes and encodes frames off the page's thread (a frame of a 1200-pixel
 * picture takes gifenc 100 ms or more, long enough to make the page stutter). See
 * `./gif-protocol.ts`.
 */
import { GIFEncoder, applyPalette, quantize } from 'gifenc';
import type { FromGif, ToGif } from './gif-protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const gif = GIFEncoder();

function reply(message: FromGif, transfer: Transferable[] = []): void {
	scope.postMessage(message, transfer);
}

scope.onmessage = (event: MessageEvent<ToGif>) => {
	const message = event.data;
	try {
		switch (message.type) {
			case 'frame': {
				// One palette per frame: a step's picture has few colours, and they change little.
				const palette = quantize(message.rgba, 256);
				gif.writeFrame(applyPalette(message.rgba, palette), message.width, message.height, {
					palette,
					delay: message.delay
				});
				reply({ type: 'framed' });
				break;
			}
			case 'finish': {
				gif.finish();
				const bytes = gif.bytes();
				reply({ type: 'finished', bytes }, [bytes.buffer]);
				break;
			}
		}
	} catch (error) {
		reply({ type: 'failed', error: error instanceof Error ? error.message : String(error) });
	}
};
