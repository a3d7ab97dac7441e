/**
 * The limits Python and TypeScript must agree on have one source, src/lib/trace/limits.json:
 * the app reads it (src/lib/trace/limits.ts), and this script writes it out as a Python module
 * of the recorder's package (loopscope_recorder/shared_limits.py), which the recorder's worker,
 * CLI and CPython tests load like its other modules. `npm run limits` writes it again after an
 * edit; src/lib/recorder/shared-limits.test.ts fails when the two drift.
 */
import { readFileSync, writeFileSync } from 'node:fs';

/** The source of truth. */
export const LIMITS_JSON = new URL('../src/lib/trace/limits.json', import.meta.url);

/** The generated Python module. */
export const LIMITS_PY = new URL(
	'../src/lib/recorder/loopscope_recorder/shared_limits.py',
	import.meta.url
);

// Python's names for the JSON's keys.
const NAMES = {
	events: 'EVENTS',
	output: 'OUTPUT_CHARS',
	nameChars: 'NAME_CHARS',
	messageChars: 'MESSAGE_CHARS',
	listCap: 'LIST_CAP',
	primitives: 'PRIMITIVES_MAX',
	queueItems: 'QUEUE_ITEMS_MAX',
	primitiveWaiters: 'WAITERS_MAX',
	coachFacts: 'COACH_FACTS_MAX'
};

/**
 * The Python module for `limits` (the parsed JSON).
 * @param {Record<string, number>} limits
 * @returns {string}
 */
export function pythonLimits(limits) {
	const lines = Object.entries(limits).map(([key, value]) => {
		const name = NAMES[/** @type {keyof typeof NAMES} */ (key)];
		if (!name || !Number.isInteger(value)) throw new Error(`limits.json: unexpected ${key}`);
		return `${name} = ${value.toLocaleString('en-US').replace(/,/g, '_')}`;
	});
	return [
		'"""The limits the recorder shares with the app (generated; do not edit).',
		'',
		'Written from src/lib/trace/limits.json by `npm run limits` (scripts/shared-limits.js);',
		'src/lib/recorder/shared-limits.test.ts fails when this file and the JSON drift.',
		'"""',
		'',
		...lines,
		''
	].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const limits = JSON.parse(readFileSync(LIMITS_JSON, 'utf8'));
	writeFileSync(LIMITS_PY, pythonLimits(limits));
	console.log(`wrote ${LIMITS_PY.pathname}`);
}
