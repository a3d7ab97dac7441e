/**
 * removeAll: a removed global is gone from the object and from what it inherits, for good.
 */
import { describe, expect, it } from 'vitest';
import { removeAll } from './lockdown.js';

describe('removeAll', () => {
	it('removes own and inherited properties and pins them undefined', () => {
		const inherited: Record<string, unknown> = { fetch: () => 'inherited' };
		const scope: Record<string, unknown> = Object.create(inherited);
		scope.postMessage = () => 'own';
		scope.kept = 1;
		removeAll(scope, ['fetch', 'postMessage']);
		expect([scope.fetch, scope.postMessage, scope.kept]).toEqual([undefined, undefined, 1]);
		expect('fetch' in inherited).toBe(false);
		expect(() => {
			scope.fetch = () => 'back';
		}).toThrow(TypeError);
		expect(() => Object.defineProperty(scope, 'postMessage', { value: 1 })).toThrow(TypeError);
		expect(scope.fetch).toBeUndefined();
	});
});
