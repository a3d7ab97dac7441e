/**
 * The page's side of the Python worker. One worker serves requests; a spare is
 * warmed in the background so that, when a runaway program forces us to
 * terminate the busy worker, the next run does not wait for Python to load again.
 */
import type { FromWorker, LoadStage, RunLimits, ToWorker } from './protocol';

/** What the UI shows about the runtime. */
export interface RuntimeStatus {
	stage: LoadStage | 'error';
	message: string;
	python?: string;
	pyodide?: string;
}

/** Raised when a request outlives its deadline and the worker is replaced. */
export class RuntimeTimeout extends Error {
	constructor(seconds: number) {
		super(
			`Python did not answer within ${seconds} s, so Loopscope stopped it and started a fresh one. Your code is kept.`
		);
		this.name = 'RuntimeTimeout';
	}
}

type Request = Exclude<ToWorker, { type: 'init' }>;
type Reply = Extract<FromWorker, { id: number }>;
type Pending = { resolve: (reply: Reply) => void; reject: (error: Error) => void };

/** How to make a worker: injected so tests and the CLI can substitute their own. */
export type WorkerFactory = () => Worker;

class WorkerHandle {
	readonly worker: Worker;
	readonly ready: Promise<Extract<FromWorker, { type: 'ready' }>>;
	#nextId = 1;
	#pending = new Map<number, Pending>();

	constructor(factory: WorkerFactory, indexURL: string, onStatus: (status: RuntimeStatus) => void) {
		this.worker = factory();
		this.worker.onmessage = (event: MessageEvent<FromWorker>) => {
			const message = event.data;
			if (message.type === 'status') {
				onStatus({ stage: message.stage, message: message.message });
				return;
			}
			const pending = this.#pending.get(message.id);
			if (!pending) return; // a reply to a request we abandoned
			this.#pending.delete(message.id);
			if (message.type === 'failure') pending.reject(new Error(message.message));
			else pending.resolve(message);
		};
		this.worker.onerror = (event) => {
			const error = new Error(event.message || 'The Python worker failed to start.');
			for (const pending of this.#pending.values()) pending.reject(error);
			this.#pending.clear();
		};
		this.ready = this.send({ type: 'init', id: 0, indexURL }) as Promise<
			Extract<FromWorker, { type: 'ready' }>
		>;
	}

	send(message: ToWorker): Promise<Reply> {
		const id = message.type === 'init' ? 0 : this.#nextId++;
		return new Promise((resolve, reject) => {
			this.#pending.set(id, { resolve, reject });
			this.worker.postMessage({ ...message, id });
		});
	}

	terminate(reason: Error): void {
		this.worker.terminate();
		for (const pending of this.#pending.values()) pending.reject(reason);
		this.#pending.clear();
	}
}

/** Options for {@link PythonRuntime}. */
export interface RuntimeOptions {
	/** Where pyodide.mjs and its files are served (ends with a slash). */
	indexURL: string;
	createWorker: WorkerFactory;
	onStatus: (status: RuntimeStatus) => void;
	/** How long one request may take before the worker is replaced. */
	timeoutSeconds?: number;
}

/** A Pyodide runtime in a Web Worker, with a warm spare and a watchdog. */
export class PythonRuntime {
	#options: RuntimeOptions;
	#active: WorkerHandle;
	#spare: WorkerHandle | null = null;

	constructor(options: RuntimeOptions) {
		this.#options = options;
		this.#active = this.#spawn(true);
	}

	#spawn(reportStatus: boolean): WorkerHandle {
		const { createWorker, indexURL, onStatus } = this.#options;
		const handle = new WorkerHandle(createWorker, indexURL, reportStatus ? onStatus : () => {});
		if (reportStatus)
			handle.ready.then(
				(ready) =>
					onStatus({
						stage: 'ready',
						message: 'Python is ready.',
						python: ready.python,
						pyodide: ready.pyodide
					}),
				(error: Error) => onStatus({ stage: 'error', message: error.message })
			);
		return handle;
	}

	/** Resolves when Python has loaded in the active worker. */
	async ready(): Promise<{ python: string; pyodide: string }> {
		const ready = await this.#active.ready;
		// Warm a spare only once the first load is done, so the two never compete.
		this.#spare ??= this.#spawn(false);
		return { python: ready.python, pyodide: ready.pyodide };
	}

	async #request(message: Request): Promise<Reply> {
		await this.ready();
		const handle = this.#active;
		const seconds = this.#options.timeoutSeconds ?? 20;
		let timer: ReturnType<typeof setTimeout> | undefined;
		const deadline = new Promise<never>((_, reject) => {
			timer = setTimeout(() => {
				const error = new RuntimeTimeout(seconds);
				this.#replace(handle, error);
				reject(error);
			}, seconds * 1000);
		});
		try {
			return await Promise.race([handle.send(message), deadline]);
		} finally {
			clearTimeout(timer);
		}
	}

	#replace(handle: WorkerHandle, reason: Error): void {
		handle.terminate(reason);
		if (this.#active !== handle) return;
		this.#active = this.#spare ?? this.#spawn(true);
		this.#spare = null;
		this.#options.onStatus({ stage: 'start', message: 'Restarting Python…' });
		this.#active.ready.then(
			(ready) =>
				this.#options.onStatus({
					stage: 'ready',
					message: 'Python is ready.',
					python: ready.python,
					pyodide: ready.pyodide
				}),
			() => {}
		);
	}

	/** Records a program and returns the trace as JSON text. */
	async record(code: string, filename: string, limits?: RunLimits): Promise<string> {
		const reply = await this.#request({ type: 'record', id: 0, code, filename, limits });
		if (reply.type !== 'record-result') throw new Error(`Unexpected reply ${reply.type}`);
		return reply.trace;
	}

	/** Stops every worker. */
	dispose(): void {
		const reason = new Error('The runtime was closed.');
		this.#active.terminate(reason);
		this.#spare?.terminate(reason);
	}
}
