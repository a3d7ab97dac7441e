/**
 * The page's side of the trace-loader worker (`./trace-loader.worker.ts`): open a file, decode
 * a link or check a recorded run off the page's thread, then read the trace back in short
 * slices (`./trace-transfer.ts`). Each request gets a fresh worker, ended as soon as it
 * answers, which frees the worker's copy of a big trace at once. A new request of one kind
 * (a second file, a newer link) cancels the one still in flight: only the newest answer counts.
 */
import { yieldToPage } from '$lib/model/yield';
import type { DecodedComparePermalink, DecodedPermalink } from './permalink';
import type { Trace } from '$lib/trace/schema';
import { parseTrace, type ParseResult } from '$lib/trace/validate';
import { packedTraces, type FromLoader, type ToLoader } from './trace-loader-protocol';
import { unpackTrace } from './trace-transfer';

/** A request superseded by a newer one of its kind, or cancelled. */
export interface Cancelled {
	cancelled: true;
}

/** The outcome of {@link TraceLoader.openFile}. */
export type OpenedFile =
	| { ok: true; trace: Trace; name: string }
	| { ok: false; error: string; name: string }
	| (Cancelled & { ok: false; name: string });

/** How to start the worker; injectable for tests. */
export type LoaderWorkerFactory = () => Worker;

const defaultFactory: LoaderWorkerFactory = () =>
	new Worker(new URL('./trace-loader.worker.ts', import.meta.url), { type: 'module' });

type Kind = ToLoader['type'];
type Outcome =
	| { message: FromLoader; trace: Trace | null; traces: (Trace | null)[] }
	| { error: string }
	| Cancelled;

/** Opens traces in a Web Worker. */
export class TraceLoader {
	#factory: LoaderWorkerFactory;
	#nextId = 1;
	#current = new Map<Kind, { id: number; cancel: () => void }>();

	constructor(factory: LoaderWorkerFactory = defaultFactory) {
		this.#factory = factory;
	}

	/** Reads and validates a trace file; never rejects. */
	async openFile(file: File): Promise<OpenedFile> {
		const name = file.name;
		const outcome = await this.#request({ type: 'file', id: this.#nextId++, file });
		if ('cancelled' in outcome) return { ok: false, cancelled: true, name };
		if ('error' in outcome) return { ok: false, name, error: outcome.error };
		const { message, trace } = outcome;
		if (message.type === 'rejected') return { ok: false, name, error: message.error };
		if (!trace) return { ok: false, name, error: 'The file reader gave no trace back.' };
		return { ok: true, name, trace };
	}

	/** Decodes a permalink fragment, as `decodePermalink` does; never rejects. */
	async decodeLink(fragment: string): Promise<DecodedPermalink | Cancelled> {
		const outcome = await this.#request({ type: 'link', id: this.#nextId++, fragment });
		if ('cancelled' in outcome) return outcome;
		if ('error' in outcome) return { ok: false, error: outcome.error, recovered: null };
		const { message, trace } = outcome;
		if (message.type !== 'link')
			return { ok: false, error: 'This link could not be opened.', recovered: null };
		const decoded = message.decoded;
		// The run travelled separately; put it back where it was taken from.
		if (decoded.ok) decoded.state.trace = trace;
		else if (decoded.recovered && trace) decoded.recovered.trace = trace;
		return decoded;
	}

	/** Decodes a comparison link, as `decodeComparePermalink` does; never rejects. */
	async decodeCompareLink(fragment: string): Promise<DecodedComparePermalink | Cancelled> {
		const outcome = await this.#request({ type: 'compare-link', id: this.#nextId++, fragment });
		if ('cancelled' in outcome) return outcome;
		if ('error' in outcome) return { ok: false, error: outcome.error, recovered: null };
		const { message, traces } = outcome;
		if (message.type !== 'compare-link')
			return { ok: false, error: 'This link could not be opened.', recovered: null };
		const decoded = message.decoded;
		// The runs travelled separately; put them back where they were taken from.
		const state = decoded.ok ? decoded.state : decoded.recovered;
		if (state) [state.a.trace, state.b.trace] = [traces[0] ?? null, traces[1] ?? null];
		return decoded;
	}

	/** Validates a run's JSON, as `parseTrace` does; never rejects. */
	async parseRun(text: string): Promise<ParseResult | Cancelled> {
		const outcome = await this.#request({ type: 'text', id: this.#nextId++, text });
		if ('cancelled' in outcome) return outcome;
		if ('error' in outcome) return { ok: false, error: outcome.error };
		const { message, trace } = outcome;
		if (message.type === 'rejected') return { ok: false, error: message.error };
		return trace ? { ok: true, trace } : { ok: false, error: 'The run could not be read back.' };
	}

	/** Cancels every request in flight; each resolves as cancelled. */
	cancel(): void {
		for (const current of [...this.#current.values()]) current.cancel();
	}

	#request(request: ToLoader): Promise<Outcome> {
		this.#current.get(request.type)?.cancel();
		const { id } = request;
		return new Promise<Outcome>((resolve) => {
			let worker: Worker;
			try {
				worker = this.#factory();
			} catch (error) {
				resolve({ error: `Could not start reading (${String(error)}).` });
				return;
			}
			let done = false;
			const finish = (outcome: Outcome): void => {
				if (done) return;
				done = true;
				worker.terminate();
				if (this.#current.get(request.type)?.id === id) this.#current.delete(request.type);
				resolve(outcome);
			};
			this.#current.set(request.type, { id, cancel: () => finish({ cancelled: true }) });
			worker.onmessage = (event: MessageEvent<FromLoader>) => {
				const message = event.data;
				if (message.id !== id) return;
				worker.terminate();
				// One run after the other, each read back in slices.
				const unpackAll = async (): Promise<(Trace | null)[]> => {
					const traces: (Trace | null)[] = [];
					for (const packed of packedTraces(message))
						traces.push(packed ? await unpackTrace(packed, yieldToPage) : null);
					return traces;
				};
				unpackAll().then(
					(traces) => finish({ message, trace: traces[0] ?? null, traces }),
					(error) => finish({ error: `The run could not be read back (${String(error)}).` })
				);
			};
			worker.onerror = (event) => {
				event.preventDefault();
				finish({ error: `The reader stopped unexpectedly (${event.message || 'unknown error'}).` });
			};
			worker.postMessage(request);
		});
	}
}

let shared: TraceLoader | null = null;

/** The page's one loader, shared by the Open button, the drop zone, links and runs. */
export function traceLoader(): TraceLoader {
	shared ??= new TraceLoader();
	return shared;
}

// Below this, a run is checked faster on the page than a worker starts.
const RUN_IN_WORKER_FROM_CHARS = 1024 * 1024;

/**
 * Validates the JSON of a run the recorder just made: on the page when it is small, in the
 * worker when it is big. Never rejects.
 */
export function parseRecordedRun(text: string): Promise<ParseResult | Cancelled> {
	if (text.length < RUN_IN_WORKER_FROM_CHARS) return Promise.resolve(parseTrace(text));
	return traceLoader().parseRun(text);
}
