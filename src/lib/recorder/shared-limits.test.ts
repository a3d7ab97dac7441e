/**
 * One contract on both sides: the limits the recorder and the app share come from
 * src/lib/trace/limits.json, which the app imports and the recorder gets as a generated module.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LIMITS_JSON, LIMITS_PY, pythonLimits } from '../../../scripts/shared-limits.js';
import { LOOP_LIST_LIMIT } from '../components/format';
import {
	COACH_FACTS_MAX,
	MAX_LOOP_LIST,
	MAX_MESSAGE_CHARS,
	MAX_NAME_CHARS,
	MAX_OUTPUT_CHARS,
	MAX_TRACE_EVENTS,
	PRIMITIVE_WAITERS_MAX,
	PRIMITIVES_MAX,
	QUEUE_ITEMS_MAX
} from '../trace/limits';

const json = JSON.parse(readFileSync(LIMITS_JSON, 'utf8')) as Record<string, number>;

// Each key of limits.json, in its order.
const KEYS = [
	'events',
	'output',
	'nameChars',
	'messageChars',
	'listCap',
	'primitives',
	'queueItems',
	'primitiveWaiters',
	'coachFacts'
];

describe('the limits shared by the recorder and the app', () => {
	it('are written into the recorder package as limits.json says (npm run limits)', () => {
		expect(readFileSync(LIMITS_PY, 'utf8')).toBe(pythonLimits(json));
	});

	it('name every key of limits.json in this test', () => {
		expect(Object.keys(json)).toEqual(KEYS);
	});

	it('are what the app checks a trace against, and what its loop panels list', () => {
		expect([
			MAX_TRACE_EVENTS,
			MAX_OUTPUT_CHARS,
			MAX_NAME_CHARS,
			MAX_MESSAGE_CHARS,
			MAX_LOOP_LIST,
			PRIMITIVES_MAX,
			QUEUE_ITEMS_MAX,
			PRIMITIVE_WAITERS_MAX,
			COACH_FACTS_MAX
		]).toEqual(KEYS.map((key) => json[key]));
		expect(LOOP_LIST_LIMIT).toBe(json.listCap);
	});

	it('are what the recorder runs with (its package, under CPython)', () => {
		const script = [
			'import json, sys',
			'from loopscope_recorder import coaching, labels, limits, primitives',
			'lim = limits.DEFAULT_LIMITS',
			'print(json.dumps([lim["events"], lim["output"], labels.NAME_CHARS, labels.MESSAGE_CHARS, lim["list_cap"], primitives.PRIMITIVES_MAX, primitives.ITEMS_MAX, primitives.WAITERS_MAX, coaching._MAX_FACTS]))'
		].join('\n');
		const out = execFileSync(process.env.PYTHON ?? 'python3', ['-c', script], {
			cwd: new URL('.', import.meta.url),
			encoding: 'utf8'
		});
		expect(JSON.parse(out)).toEqual(KEYS.map((key) => json[key]));
	});

	it('refuse a key the recorder has no name for, rather than dropping it', () => {
		expect(() => pythonLimits({ ...json, frames: 10 })).toThrow(/frames/);
	});
});
