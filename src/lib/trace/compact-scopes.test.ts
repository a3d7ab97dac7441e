import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compactTrace, expandTrace } from './compact';
import { parseTrace } from './validate';

// The scope, cancel_caught and uncancel events (issue #20) ride in a link's compact form and
// come back deep-equal, with the optional fields (deadline, body, error, expired) as extras.
describe('compact traces with scopes', () => {
	it.each(['taskgroup_nested', 'timeout_in_taskgroup', 'cancel_uncancel', 'shield'])(
		'%s round-trips',
		(name) => {
			const url = new URL(`../../../tests/corpus/${name}.trace.json`, import.meta.url);
			const parsed = parseTrace(readFileSync(url, 'utf8'));
			if (!parsed.ok) throw new Error(parsed.error);
			const trace = parsed.trace;
			expect(trace.events.some((e) => e.kind === 'scope')).toBe(true);
			const context = { code: trace.source.code, filename: trace.source.filename };
			const packed = compactTrace(trace, context);
			// Round-tripped through JSON, as a link carries it.
			const back = expandTrace(JSON.parse(JSON.stringify(packed)), context);
			expect(back).toEqual({ ok: true, trace });
		}
	);
});
