import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from './index';

// Each example's trace is checked fresh, and its output against python3, by the corpus test
// (src/lib/recorder/corpus.test.ts).
const programs = readdirSync(import.meta.dirname).filter((name) => name.endsWith('.py'));

describe('example traces', () => {
	it('every example in the menu has a program', () => {
		expect(EXAMPLES.map((example) => `${example.id}.py`).sort()).toEqual([...programs].sort());
		for (const example of EXAMPLES) expect(example.code.length).toBeGreaterThan(0);
	});
});
