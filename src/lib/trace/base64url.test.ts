import { describe, expect, it } from 'vitest';
import { decodeBase64url, encodeBase64url } from './base64url';
import { Random } from './testing/random-trace';

describe('base64url', () => {
	it('matches Node for every length and round-trips', () => {
		const random = new Random(7);
		for (let length = 0; length < 200; length++) {
			const bytes = Uint8Array.from({ length }, () => random.int(256));
			const text = encodeBase64url(bytes);
			expect(text).toBe(Buffer.from(bytes).toString('base64url'));
			expect(decodeBase64url(text)).toEqual(bytes);
		}
	});

	it('rejects anything it would not have written', () => {
		expect(decodeBase64url('ab+/')).toBeNull(); // plain base64's alphabet
		expect(decodeBase64url('YQ==')).toBeNull(); // padding
		expect(decodeBase64url('abcde')).toBeNull(); // impossible length
		expect(decodeBase64url('YR')).toBeNull(); // "a" is YQ: non-zero unused bits
		expect(decodeBase64url('ab c')).toBeNull();
		expect(decodeBase64url('abé')).toBeNull();
		expect(decodeBase64url('YQ')).toEqual(new Uint8Array([97]));
	});
});
