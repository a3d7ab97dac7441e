import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getEngine } from '../recorder/testing';
import { validateTrace } from '../trace/validate';
import { EXAMPLES } from './index';

const examples = join(import.meta.dirname, '.');
const traces = join(import.meta.dirname, '..', '..', '..', 'traces');
const programs = readdirSync(examples).filter((name) => name.endsWith('.py'));

describe('example traces', () => {
	it('every example in the menu has a program and a recorded trace', () => {
		expect(EXAMPLES.map((example) => `${example.id}.py`).sort()).toEqual([...programs].sort());
		for (const example of EXAMPLES) expect(example.code.length).toBeGreaterThan(0);
	});

	it.each(programs)('traces/%s is fresh (run `npm run traces` to update it)', async (file) => {
		const code = readFileSync(join(examples, file), 'utf8');
		const stored = readFileSync(join(traces, `${basename(file, '.py')}.json`), 'utf8');
		const recorded = (await getEngine()).record(code, file);
		expect(validateTrace(JSON.parse(stored)).ok).toBe(true);
		expect(stored).toBe(`${recorded}\n`);
	});
});
