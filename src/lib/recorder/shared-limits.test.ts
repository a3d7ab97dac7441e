/**
 * One contract on both sides: the limits the recorder and the app share come from
 * src/lib/trace/limits.json, which the app imports and the recorder gets as a generated module.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LIMITS_JSON, LIMITS_PY, pythonLimits } from '../../../scripts/shared-limits.js';
import {
	MAX_MESSAGE_CHARS,
	MAX_NAME_CHARS,
	MAX_OUTPUT_CHARS,
	MAX_TRACE_EVENTS
} from '../trace/limits';

const json = JSON.parse(readFileSync(LIMITS_JSON, 'utf8')) as Record<string, number>;

describe('the limits shared by the recorder and the app', () => {
	it('are written into the recorder package as limits.json says (npm run limits)', () => {
		expect(readFileSync(LIMITS_PY, 'utf8')).toBe(pythonLimits(json));
	});

	it('are what the app checks a trace against', () => {
		expect([MAX_TRACE_EVENTS, MAX_OUTPUT_CHARS, MAX_NAME_CHARS, MAX_MESSAGE_CHARS]).toEqual([
			json.events,
			json.output,
			json.nameChars,
			json.messageChars
		]);
	});

	it('are what the recorder runs with (its package, under CPython)', () => {
		const script = [
			'import json, sys',
			'from loopscope_recorder import labels, limits',
			'print(json.dumps([limits.DEFAULT_LIMITS["events"], limits.DEFAULT_LIMITS["output"], labels.NAME_CHARS, labels.MESSAGE_CHARS]))'
		].join('\n');
		const out = execFileSync(process.env.PYTHON ?? 'python3', ['-c', script], {
			cwd: new URL('.', import.meta.url),
			encoding: 'utf8'
		});
		expect(JSON.parse(out)).toEqual([json.events, json.output, json.nameChars, json.messageChars]);
	});

	it('refuse a key the recorder has no name for, rather than dropping it', () => {
		expect(() => pythonLimits({ ...json, frames: 10 })).toThrow(/frames/);
	});
});
