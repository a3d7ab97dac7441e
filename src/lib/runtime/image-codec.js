/**
 * The memory image's packing, shared by the build (scripts/python-image.js packs it in Node)
 * and the Python worker (unpacks it). Plain ES module with JSDoc types, so Node runs it without
 * a build.
 *
 * Two thirds of Python's memory after a load is zeros (the heap's unused pages, free lists).
 * Gzip squeezes them down in transit anyway, but undoing it still writes every zero, and that was
 * most of the unpacking time on a first visit. So the image is stored without its long runs of
 * zeros: a header listing where each stretch of data goes, then the stretches end to end; the
 * unpacker copies them into a fresh (zeroed) array of the image's size.
 *
 * Layout, little-endian 32-bit words: magic, the image's length, the number of stretches, then
 * each stretch's offset and length; then the stretches' bytes, in order.
 */

/** The first word of a packed image ("LSI1"). Pyodide's own images start with another. */
export const PACKED_MAGIC = 0x3149534c;

/** Runs of zeros shorter than this stay in the data: a stretch costs 8 bytes and a copy. */
const MIN_ZERO_RUN = 256;

const HEADER_WORDS = 3;

/**
 * The stretches of `image` that are not long runs of zeros, as [start, end) pairs.
 * @param {Uint8Array} image
 * @returns {[number, number][]}
 */
function stretches(image) {
	/** @type {[number, number][]} */
	const found = [];
	let start = -1;
	let zeros = 0;
	for (let i = 0; i < image.length; i++) {
		if (image[i] !== 0) {
			if (start < 0) start = i;
			zeros = 0;
		} else if (start >= 0 && ++zeros === MIN_ZERO_RUN) {
			found.push([start, i - MIN_ZERO_RUN + 1]);
			start = -1;
			zeros = 0;
		}
	}
	if (start >= 0) found.push([start, image.length - zeros]);
	return found;
}

/**
 * `image` without its long runs of zeros (see the top of this file); {@link unpackImage} gives
 * it back byte for byte.
 * @param {Uint8Array} image
 * @returns {Uint8Array}
 */
export function packImage(image) {
	const parts = stretches(image);
	const headerBytes = (HEADER_WORDS + parts.length * 2) * 4;
	const dataBytes = parts.reduce((sum, [start, end]) => sum + end - start, 0);
	const packed = new Uint8Array(headerBytes + dataBytes);
	const words = new DataView(packed.buffer);
	words.setUint32(0, PACKED_MAGIC, true);
	words.setUint32(4, image.length, true);
	words.setUint32(8, parts.length, true);
	let at = headerBytes;
	parts.forEach(([start, end], i) => {
		words.setUint32((HEADER_WORDS + i * 2) * 4, start, true);
		words.setUint32((HEADER_WORDS + i * 2 + 1) * 4, end - start, true);
		packed.set(image.subarray(start, end), at);
		at += end - start;
	});
	return packed;
}

/**
 * True if `bytes` is a packed image (and not, say, Pyodide's own image format).
 * @param {Uint8Array} bytes
 * @returns {boolean}
 */
export function isPackedImage(bytes) {
	if (bytes.byteLength < HEADER_WORDS * 4) return false;
	return new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true) === PACKED_MAGIC;
}

/**
 * The image {@link packImage} packed. Throws if `bytes` is not one, or is cut short or
 * inconsistent (a stretch past the image's end, data left over).
 * @param {Uint8Array} bytes
 * @returns {Uint8Array}
 */
export function unpackImage(bytes) {
	if (!isPackedImage(bytes)) throw new Error('not a packed memory image');
	const words = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const length = words.getUint32(4, true);
	const count = words.getUint32(8, true);
	const headerBytes = (HEADER_WORDS + count * 2) * 4;
	if (headerBytes > bytes.byteLength) throw new Error('the packed image is cut short');
	const image = new Uint8Array(length);
	let at = headerBytes;
	for (let i = 0; i < count; i++) {
		const offset = words.getUint32((HEADER_WORDS + i * 2) * 4, true);
		const size = words.getUint32((HEADER_WORDS + i * 2 + 1) * 4, true);
		if (offset + size > length || at + size > bytes.byteLength) {
			throw new Error('the packed image is inconsistent: a stretch lies outside it');
		}
		image.set(bytes.subarray(at, at + size), offset);
		at += size;
	}
	if (at !== bytes.byteLength) throw new Error('the packed image has bytes left over');
	return image;
}
