/**
 * The lesson programs shown in the examples menu. Each `.py` here has a recorded
 * trace in `traces/` (made by `npm run traces`), so an example opens instantly,
 * without waiting for Python.
 */
import type { Trace } from '$lib/trace/schema';
import { validateTrace } from '$lib/trace/validate';
import firstTrace from '../../../traces/get_users_batch.json';

/** An example program. */
export interface Example {
	id: string;
	title: string;
	summary: string;
	code: string;
}

const sources = import.meta.glob<string>('./*.py', {
	query: '?raw',
	import: 'default',
	eager: true
});
const traces = import.meta.glob<unknown>('../../../traces/*.json', { import: 'default' });

const ABOUT: Array<Omit<Example, 'code'>> = [
	{
		id: 'get_users_batch',
		title: 'gather: three fetches at once',
		summary: 'asyncio.gather runs three fetch_user calls concurrently: 0.5 s, not 1.5 s.'
	},
	{
		id: 'get_users_one_by_one',
		title: 'One fetch after another',
		summary: 'The same three fetches awaited one at a time: 1.5 s. Compare it with gather.'
	},
	{
		id: 'simple_async',
		title: 'Hello, async',
		summary: 'One coroutine that prints, sleeps for a second, and prints again.'
	},
	{
		id: 'fetch_user',
		title: 'Awaiting one coroutine',
		summary: 'main awaits fetch_user directly: no new task, one line of control.'
	},
	{
		id: 'sequential_vs_gather',
		title: 'Sequential awaits vs gather',
		summary: 'The same three fetches, one after another and then together.'
	},
	{
		id: 'safe_fetch',
		title: 'Handling errors',
		summary: 'One fetch fails; try/except keeps the other two going.'
	}
];

/** Every example, in menu order. */
export const EXAMPLES: Example[] = ABOUT.map((about) => ({
	...about,
	code: sources[`./${about.id}.py`] ?? ''
}));

/** The example the playground opens with. */
export const DEFAULT_EXAMPLE = EXAMPLES[0];

/** The default example's trace, bundled so the first paint needs no fetch. */
export function defaultTrace(): Trace {
	const parsed = validateTrace(firstTrace);
	if (!parsed.ok) throw new Error(`The bundled example trace is invalid: ${parsed.error}`);
	return parsed.trace;
}

/** Loads an example's recorded trace. */
export async function loadExampleTrace(id: string): Promise<Trace> {
	const load = traces[`../../../traces/${id}.json`];
	if (!load) throw new Error(`No recorded trace for the example "${id}".`);
	const parsed = validateTrace(await load());
	if (!parsed.ok) throw new Error(`The recorded trace of "${id}" is invalid: ${parsed.error}`);
	return parsed.trace;
}
