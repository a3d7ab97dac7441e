/**
 * The page's side of the trace-file worker: `open(file)` reads and validates a file in a
 * worker and resolves to a trace, or to the first problem with it. Each file gets a fresh
 * worker, ended as soon as it answers (files are opened rarely; this frees the worker's copy
 * of a big trace at once). Opening a second file while the first is still being read cancels
 * the first: only the newest answer counts.
 */
import type { Trace } from '$lib/trace/schema';
import type { FromFileWorker, ToFileWorker } from './trace-file-protocol';

/** The outcome of {@link TraceFileReader.open}. */
export type OpenedFile =
	| { ok: true; trace: Trace; name: string }
	| { ok: false; error: string; name: string }
	| { ok: false; cancelled: true; name: string };

/** How to start the worker; injectable for tests. */
export type FileWorkerFactory = () => Worker;

const defaultFactory: FileWorkerFactory = () =>
	new Worker(new URL('./trace-file.worker.ts', import.meta.url), { type: 'module' });

/** Reads trace files in a Web Worker. */
export class TraceFileReader {
	#factory: FileWorkerFactory;
	#nextId = 1;
	#current: { id: number; worker: Worker; cancel: () => void } | null = null;

	constructor(factory: FileWorkerFactory = defaultFactory) {
		this.#factory = factory;
	}

	/** Reads `file`; never rejects. */
	open(file: File): Promise<OpenedFile> {
		this.cancel();
		const id = this.#nextId++;
		const name = file.name;
		return new Promise<OpenedFile>((resolve) => {
			let worker: Worker;
			try {
				worker = this.#factory();
			} catch (error) {
				resolve({ ok: false, name, error: `Could not start reading the file (${String(error)}).` });
				return;
			}
			const finish = (result: OpenedFile): void => {
				worker.terminate();
				if (this.#current?.id === id) this.#current = null;
				resolve(result);
			};
			this.#current = { id, worker, cancel: () => finish({ ok: false, cancelled: true, name }) };
			worker.onmessage = (event: MessageEvent<FromFileWorker>) => {
				const message = event.data;
				if (message.id !== id) return;
				if (message.type === 'rejected') return finish({ ok: false, name, error: message.error });
				// Validated in the worker against the schema; this is the same object, re-read.
				const trace = JSON.parse(new TextDecoder().decode(message.json)) as Trace;
				finish({ ok: true, name, trace });
			};
			worker.onerror = (event) => {
				event.preventDefault();
				finish({
					ok: false,
					name,
					error: `The file reader stopped unexpectedly (${event.message || 'unknown error'}).`
				});
			};
			const request: ToFileWorker = { type: 'parse', id, file };
			worker.postMessage(request);
		});
	}

	/** Stops reading the file being read, if any; its `open` resolves as cancelled. */
	cancel(): void {
		this.#current?.cancel();
		this.#current = null;
	}
}

let shared: TraceFileReader | null = null;

/** The page's one reader, shared by the Open button and the drop zone (the newest file wins). */
export function traceFileReader(): TraceFileReader {
	shared ??= new TraceFileReader();
	return shared;
}
