/**
 * A compact, lossless JSON form of a trace for permalinks, where every character counts.
 *
 * Deflate alone leaves a trace about three times too long for a 2,000-character link, because
 * the JSON repeats every key of every event. So, before compressing:
 * - objects become positional tuples (`[kind, task, first, line]`), enums become indices;
 * - what can be derived is dropped: `format`/`version` (the link is versioned), `seq` and task
 *   `id` (they equal their index in a valid trace), and the source code and filename when they
 *   equal the ones the link carries anyway;
 * - event times become runs (`[0, 34, 0.5, 60]`: 34 events at t=0, then 60 at t=0.5), since a
 *   virtual clock stands still through most events.
 * Nothing else is lost: optional fields keep their presence and unknown (newer) fields ride along
 * in a trailing object, so `expandTrace(compactTrace(t))` deep-equals `t`.
 *
 * The format is part of link format v1: the field lists and enum orders below may only be
 * appended to (never reordered) without bumping the link version.
 */
import { checkTraceCounts } from './limits';
import { validateTrace, type ParseResult } from './validate';
import {
	AWAITABLE_KINDS,
	CANCEL_VIA,
	CAUGHT_OPS,
	CHILD_DONE_VIA,
	READY_WHAT,
	SCOPE_KINDS,
	SCOPE_OPS,
	TRACE_VERSION,
	type Trace
} from './schema';

/** What a permalink already carries, so the compact trace need not repeat it. */
export interface CompactContext {
	code: string;
	filename: string;
}

/** The JSON value {@link compactTrace} produces; opaque to callers. */
export type CompactTrace = Record<string, unknown>;

type Json = unknown;
type Dict = Record<string, unknown>;

interface Codec {
	pack(value: unknown): Json;
	unpack(value: Json): unknown;
}

interface Field {
	key: string;
	// Optional fields encode "absent" as null; the schema gives none of them null as a value.
	optional?: boolean;
	codec?: Codec;
}

const isDict = (value: unknown): value is Dict =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

// Copies own keys into a fresh object by definition, never by assignment, so a `__proto__` key
// from a link stays a plain key and cannot reach a prototype.
function defineAll(target: Dict, source: Dict): Dict {
	for (const key of Object.keys(source))
		Object.defineProperty(target, key, {
			value: source[key],
			enumerable: true,
			writable: true,
			configurable: true
		});
	return target;
}

function enumCodec(values: readonly string[]): Codec {
	return {
		pack: (value) => {
			const index = typeof value === 'string' ? values.indexOf(value) : -1;
			return index >= 0 ? index : value;
		},
		unpack: (value) =>
			typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < values.length
				? values[value]
				: value
	};
}

/** Packs an object as `[field values…, extras?]`; see the module comment. */
function tupleCodec(fields: readonly Field[]): Codec {
	const known = new Set(fields.map((field) => field.key));
	return {
		pack(value) {
			if (!isDict(value)) return value;
			const out: Json[] = fields.map((field) => {
				const present = Object.hasOwn(value, field.key);
				if (!present) return null;
				const item = value[field.key];
				return field.codec ? field.codec.pack(item) : item;
			});
			const extras: Dict = {};
			for (const key of Object.keys(value))
				if (!known.has(key)) defineAll(extras, { [key]: value[key] });
			if (Object.keys(extras).length > 0) return [...out, extras];
			while (out.length > 0 && out[out.length - 1] === null) out.pop();
			return out;
		},
		unpack(value) {
			// Anything but a tuple this codec could have written is passed through for the schema
			// to reject with a precise message.
			if (!Array.isArray(value) || value.length > fields.length + 1) return value;
			const out: Dict = {};
			fields.forEach((field, index) => {
				const item: Json = index < value.length ? value[index] : null;
				if (item === null && field.optional) return;
				defineAll(out, {
					[field.key]: field.codec && item !== null ? field.codec.unpack(item) : item
				});
			});
			const extras: Json = value[fields.length];
			if (extras !== undefined) {
				if (!isDict(extras)) return value;
				defineAll(out, extras);
			}
			return out;
		}
	};
}

function listCodec(item: Codec): Codec {
	return {
		pack: (value) => (Array.isArray(value) ? value.map((entry) => item.pack(entry)) : value),
		unpack: (value) => (Array.isArray(value) ? value.map((entry) => item.unpack(entry)) : value)
	};
}

// The order of every list below is part of link format v1 (append only).
const awaitable = tupleCodec([
	{
		key: 'kind',
		codec: enumCodec(AWAITABLE_KINDS)
	},
	{ key: 'label' },
	{ key: 'tasks', optional: true },
	{ key: 'until', optional: true },
	{ key: 'worker', optional: true }
]);
const frames = listCodec(
	tupleCodec([{ key: 'coro' }, { key: 'line' }, { key: 'locals', optional: true }])
);
const readyItems = listCodec(
	tupleCodec([
		{ key: 'task' },
		{ key: 'label' },
		// v2 (absent in links made from v1 traces).
		{ key: 'what', optional: true, codec: enumCodec(READY_WHAT) },
		{ key: 'child', optional: true },
		{ key: 'via', optional: true, codec: enumCodec(CHILD_DONE_VIA) }
	])
);
const timers = listCodec(tupleCodec([{ key: 'when' }, { key: 'task' }, { key: 'label' }]));
const errorInfo = tupleCodec([{ key: 'type' }, { key: 'message' }]);

// Per event kind, the fields after `seq`, `t` and `kind`.
const EVENT_FIELDS: ReadonlyArray<readonly [string, readonly Field[]]> = [
	['task_created', [{ key: 'task' }]],
	[
		'loop_iteration',
		[{ key: 'iteration' }, { key: 'ready', codec: readyItems }, { key: 'timers', codec: timers }]
	],
	[
		'step_start',
		[{ key: 'task' }, { key: 'first' }, { key: 'line' }, { key: 'cause', optional: true }]
	],
	[
		'suspend',
		[
			{ key: 'task' },
			{ key: 'line' },
			{ key: 'awaits', codec: awaitable },
			{ key: 'chain', codec: frames }
		]
	],
	[
		'task_done',
		[
			{ key: 'task' },
			{ key: 'outcome', codec: enumCodec(['result', 'exception', 'cancelled']) },
			{ key: 'line' },
			{ key: 'value', optional: true },
			{ key: 'error', optional: true, codec: errorInfo }
		]
	],
	['coro_call', [{ key: 'task' }, { key: 'coro' }, { key: 'line' }]],
	[
		'coro_return',
		[{ key: 'task' }, { key: 'coro' }, { key: 'line' }, { key: 'raises', optional: true }]
	],
	['line', [{ key: 'task' }, { key: 'line' }]],
	[
		'stdout',
		[
			{ key: 'task' },
			{ key: 'text' },
			{ key: 'stream', optional: true, codec: enumCodec(['stdout', 'stderr']) }
		]
	],
	['blocking', [{ key: 'task' }, { key: 'duration' }, { key: 'label' }, { key: 'line' }]],
	['callback', [{ key: 'label' }, { key: 'line' }]],
	['thread_start', [{ key: 'worker' }, { key: 'task' }, { key: 'label' }]],
	['thread_end', [{ key: 'worker' }, { key: 'task' }, { key: 'label' }]],
	[
		'warning',
		[
			{ key: 'task' },
			{ key: 'category', codec: enumCodec(['never_awaited', 'blocking', 'other']) },
			{ key: 'message' },
			{ key: 'line' }
		]
	],
	[
		'cancel',
		[{ key: 'task' }, { key: 'by' }, { key: 'via', codec: enumCodec(CANCEL_VIA) }, { key: 'line' }]
	],
	// Scopes and cancellation (issue #20).
	[
		'scope',
		[
			{ key: 'op', codec: enumCodec(SCOPE_OPS) },
			{ key: 'task' },
			{ key: 'scope' },
			{ key: 'line' },
			{ key: 'scope_kind', optional: true, codec: enumCodec(SCOPE_KINDS) },
			{ key: 'child', optional: true }
		]
	],
	[
		'cancel_caught',
		[
			{ key: 'task' },
			{ key: 'op', codec: enumCodec(CAUGHT_OPS) },
			{ key: 'line' },
			{ key: 'cancelling' }
		]
	],
	['uncancel', [{ key: 'task' }, { key: 'by' }, { key: 'cancelling' }, { key: 'line' }]]
];
const EVENT_CODECS = EVENT_FIELDS.map(([, fields]) => tupleCodec(fields));
const KIND_INDEX = new Map(EVENT_FIELDS.map(([kind], index) => [kind, index]));

const task = tupleCodec([
	{ key: 'name' },
	{ key: 'coro' },
	{ key: 'label' },
	{ key: 'parent' },
	{ key: 'line' }
]);
const meta = tupleCodec([{ key: 'python' }, { key: 'pyodide' }, { key: 'recorder' }]);

// Returns a shallow copy of `value` without `keys`.
function omit(value: Dict, keys: readonly string[]): Dict {
	const out: Dict = {};
	for (const key of Object.keys(value))
		if (!keys.includes(key)) defineAll(out, { [key]: value[key] });
	return out;
}

/** The compact form of a (valid) trace; see the module comment. */
export function compactTrace(trace: Trace, context: CompactContext): CompactTrace {
	const times: number[] = [];
	const events = trace.events.map((event, index) => {
		const last = times.length - 2;
		if (last >= 0 && Object.is(times[last], event.t)) times[last + 1]++;
		else times.push(event.t, 1);
		const kind = KIND_INDEX.get(event.kind) ?? -1;
		const rest = omit(event, event.seq === index ? ['seq', 't', 'kind'] : ['t', 'kind']);
		return [kind, ...(EVENT_CODECS[kind].pack(rest) as Json[])];
	});
	const source = omit(trace.source, [
		...(trace.source.code === context.code ? ['code'] : []),
		...(trace.source.filename === context.filename ? ['filename'] : [])
	]);
	const out: CompactTrace = {
		m: meta.pack(trace.meta),
		k: trace.tasks.map((entry, index) =>
			task.pack(entry.id === index ? omit(entry, ['id']) : entry)
		),
		t: times,
		e: events,
		r: trace.result,
		v: TRACE_VERSION
	};
	if (Object.keys(source).length > 0) out.s = source;
	if (trace.workers.length > 0) out.w = trace.workers;
	const extras = omit(trace, [
		'format',
		'version',
		'source',
		'meta',
		'tasks',
		'workers',
		'events',
		'result'
	]);
	if (Object.keys(extras).length > 0) out.x = extras;
	return out;
}

/**
 * Whether a compact trace is within what the recorder can produce ({@link checkTraceCounts});
 * the problem in plain words, or null. Looks only at the lengths of its lists.
 */
export function checkCompactCounts(value: unknown): string | null {
	if (!isDict(value)) return null;
	const length = (list: unknown): number => (Array.isArray(list) ? list.length : 0);
	return checkTraceCounts(length(value.e), length(value.k), length(value.w));
}

function expandTimes(runs: unknown, count: number): number[] | string {
	if (!Array.isArray(runs) || runs.length % 2 !== 0) return 'the event times are missing';
	const times: number[] = [];
	for (let index = 0; index < runs.length; index += 2) {
		const [t, n] = [runs[index], runs[index + 1]];
		if (typeof t !== 'number' || typeof n !== 'number' || !Number.isInteger(n) || n < 1)
			return 'the event times are malformed';
		if (times.length + n > count) return 'there are more event times than events';
		for (let k = 0; k < n; k++) times.push(t);
	}
	return times.length === count ? times : 'there are fewer event times than events';
}

/**
 * Rebuilds a trace from {@link compactTrace}'s output (or anything else: the input comes from a
 * link) and validates it. Never throws; a failure names the first problem.
 */
export function expandTrace(value: unknown, context: CompactContext): ParseResult {
	try {
		if (!isDict(value)) return { ok: false, error: 'the recorded run is not an object' };
		const events = Array.isArray(value.e) ? value.e : [];
		if (!Array.isArray(value.e)) return { ok: false, error: 'the recorded run has no events' };
		// Before expanding anything: a run bigger than the recorder writes is refused at once.
		const tooBig = checkCompactCounts(value);
		if (tooBig) return { ok: false, error: tooBig };
		const times = expandTimes(value.t, events.length);
		if (typeof times === 'string') return { ok: false, error: times };
		const expandedEvents = events.map((entry: unknown, index) => {
			if (!Array.isArray(entry) || typeof entry[0] !== 'number') return entry;
			const codec = EVENT_CODECS[entry[0]];
			const kind = EVENT_FIELDS[entry[0]];
			if (!codec || !kind) return entry;
			const body = codec.unpack(entry.slice(1));
			if (!isDict(body)) return entry;
			return defineAll({ seq: index, t: times[index], kind: kind[0] }, body);
		});
		const tasks = Array.isArray(value.k)
			? value.k.map((entry: unknown, index) => {
					const body = task.unpack(entry);
					return isDict(body) ? defineAll({ id: index }, body) : body;
				})
			: value.k;
		const source = defineAll(
			{ filename: context.filename, code: context.code },
			isDict(value.s) ? value.s : {}
		);
		const trace = defineAll(
			{
				format: 'loopscope-trace',
				// Links made before v2 carry no `v`: their trace is v1, migrated on validation.
				version: value.v === TRACE_VERSION ? TRACE_VERSION : 1,
				source,
				meta: meta.unpack(value.m),
				tasks,
				workers: value.w ?? [],
				events: expandedEvents,
				result: value.r
			},
			{}
		);
		// Unknown top-level fields go first so they can never replace the known ones.
		const full = isDict(value.x) ? defineAll(defineAll({}, value.x), trace) : trace;
		return validateTrace(full);
	} catch (error) {
		// Defensive: the code above should not throw on any JSON, but a link is untrusted input.
		return { ok: false, error: `the recorded run could not be read (${String(error)})` };
	}
}
