/**
 * The corpus: each program under tests/corpus, and each example and lesson program
 * (scripts/program-folders.js), recorded in Pyodide, must print what the machine's python3
 * printed for it (its `.expected.json`, `npm run corpus`) and take the same virtual time as the
 * real run took, within a real clock's overhead; a program marked `# version-change: 3.14`
 * must instead carry a note of that change (and, where it `differs:` by design, need not print
 * what 3.11 printed). Its recorded trace is checked in
 * (`npm run traces`): the model's tests check their facts against the corpus's real runs, and
 * the examples and lessons open with theirs, so they must be fresh.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { programs } from '../../../scripts/program-folders.js';
import { eventsOf, record, stdoutOf } from './testing';

const all = programs(join(import.meta.dirname, '..', '..', '..'));

interface Expected {
	python: string;
	stdout: string;
	duration: number;
	error: string | null;
	differs?: string[];
}

/**
 * The versions named by a program's `# version-change: 3.14` lines: it meets a behaviour that
 * changed since the tutorials' Python, and its trace must carry a note saying so.
 */
function versionChanges(source: string): string[] {
	return [...source.matchAll(/^#\s*version-change:\s*(\S+)/gm)].map((match) => match[1]);
}

describe('corpus', () => {
	it('has at least 30 programs of its own, each with its expected output and its recorded trace', () => {
		expect(
			all.filter((entry) => entry.name.startsWith('tests/corpus/')).length
		).toBeGreaterThanOrEqual(30);
		for (const entry of all) {
			expect(existsSync(entry.expected), entry.expected).toBe(true);
			expect(existsSync(entry.trace), entry.trace).toBe(true);
		}
	});

	it.each(all)('$name behaves as on CPython', async (entry) => {
		// The file's bytes, as python3 reads them: a coding declaration is honoured.
		const code = readFileSync(entry.program);
		const expected = JSON.parse(readFileSync(entry.expected, 'utf8')) as Expected;
		const { trace, json } = await record(code, {}, entry.file);
		const stored = readFileSync(entry.trace, 'utf8');
		expect(stored, 'run `npm run traces` to update it').toBe(`${json}\n`);
		const changes = versionChanges(code.toString('utf8'));
		if (changes.length) {
			const notes = eventsOf(trace, 'warning').filter((w) => w.category === 'version_change');
			expect(notes.map((note) => note.since)).toEqual(expect.arrayContaining(changes));
			for (const note of notes) expect(note.fix).toBeTruthy();
			// 3.11 (python3 here) behaves the old way by design: the note is what is tested.
			if (expected.differs) return;
		}
		expect(stdoutOf(trace)).toBe(expected.stdout);
		// The real run pays for the interpreter's own work; virtual time does not.
		expect(Math.abs(trace.result.duration - expected.duration)).toBeLessThanOrEqual(
			0.05 + 0.05 * expected.duration
		);
		if (expected.error) {
			expect(trace.result.status).toBe('error');
			expect(trace.result.error?.type).toBe(expected.error);
		} else {
			expect(trace.result.status).toBe('ok');
		}
	});
});
