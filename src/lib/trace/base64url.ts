/**
 * base64url (RFC 4648 §5) without padding, for bytes in URL fragments. Hand-written rather than
 * `btoa`/`Buffer` so it runs the same in the browser, a worker and Node, and so decoding can be
 * strict: a link that was edited or mangled is reported, not silently read as other bytes.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUES = new Int8Array(128).fill(-1);
for (let index = 0; index < ALPHABET.length; index++) VALUES[ALPHABET.charCodeAt(index)] = index;

/** Encodes bytes as unpadded base64url. */
export function encodeBase64url(bytes: Uint8Array): string {
	const out: string[] = [];
	let index = 0;
	for (; index + 2 < bytes.length; index += 3) {
		const n = (bytes[index] << 16) | (bytes[index + 1] << 8) | bytes[index + 2];
		out.push(
			ALPHABET[n >> 18],
			ALPHABET[(n >> 12) & 63],
			ALPHABET[(n >> 6) & 63],
			ALPHABET[n & 63]
		);
	}
	const rest = bytes.length - index;
	if (rest === 1) {
		const n = bytes[index] << 16;
		out.push(ALPHABET[n >> 18], ALPHABET[(n >> 12) & 63]);
	} else if (rest === 2) {
		const n = (bytes[index] << 16) | (bytes[index + 1] << 8);
		out.push(ALPHABET[n >> 18], ALPHABET[(n >> 12) & 63], ALPHABET[(n >> 6) & 63]);
	}
	return out.join('');
}

/**
 * Decodes unpadded base64url, or returns null when `text` is not exactly what
 * {@link encodeBase64url} would produce (a foreign character, `=` padding, an impossible length,
 * or non-zero unused bits in the last character). Being this strict means every encoded string
 * has one spelling, so a changed character always changes — and so exposes — the bytes.
 */
export function decodeBase64url(text: string): Uint8Array | null {
	const remainder = text.length % 4;
	if (remainder === 1) return null;
	const bytes = new Uint8Array(Math.floor((text.length * 3) / 4));
	let byteIndex = 0;
	let buffer = 0;
	let bits = 0;
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		const value = code < 128 ? VALUES[code] : -1;
		if (value < 0) return null;
		buffer = ((buffer << 6) | value) & 0xffffff;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			bytes[byteIndex++] = (buffer >> bits) & 0xff;
		}
	}
	if ((buffer & ((1 << bits) - 1)) !== 0) return null;
	return bytes;
}
