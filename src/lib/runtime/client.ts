/**
 * The page's side of the Python workers. Every run gets a fresh interpreter in a fresh
 * worker, terminated after its one run, so nothing a program does (a listener, a patched
 * builtin, a changed limit) reaches the next run. A spare is loaded ahead, one load at a
 * time, so Run stays fast without two loads competing for the machine. The first worker
 * sends back a snapshot of Python's memory taken just after it loaded, before anything ran;
 * every later worker starts from that pristine image, several times faster than a full load.
 */
import type { Trace } from '$lib/trace/schema';
import type { FromWorker, InitMessage, LoadStage, RunLimits, ToWorker } from './protocol';

/**
 * What records a program for a page (the playground, a lesson, each side of Compare): resolves
 * to the run as a validated {@link Trace}. Rejects with {@link RuntimeTimeout},
 * {@link InvalidRecording}, {@link RecordingSuperseded} (nothing to tell: a newer run took its
 * place), or the runtime's own error. `$lib/session/recorder` makes one from a runtime.
 */
export type Recorder = (code: string, filename: string) => Promise<Trace>;

/** The recorder's output failed validation: a bug in the recorder, said in plain words. */
export class InvalidRecording extends Error {
	constructor(reason: string) {
		super(`The recorder produced an invalid trace: ${reason}`);
		this.name = 'InvalidRecording';
	}
}

/** A newer run's check replaced this one's before it finished: drop it without a word. */
export class RecordingSuperseded extends Error {
	constructor() {
		super('A newer run replaced this one.');
		this.name = 'RecordingSuperseded';
	}
}

/** What the UI shows about the runtime. */
export interface RuntimeStatus {
	stage: LoadStage | 'error';
	message: string;
	python?: string;
	pyodide?: string;
}

/** Raised when a run outlives its deadline and its worker is stopped. */
export class RuntimeTimeout extends Error {
	constructor(seconds: number) {
		super(
			`Python did not answer within ${seconds} s, so Loopscope stopped it and started a fresh one. Your code is kept.`
		);
		this.name = 'RuntimeTimeout';
	}
}

/** How to make a worker: injected so tests can substitute their own. */
export type WorkerFactory = () => Worker;

/** Python's versions, once a worker has loaded it. */
export interface PythonVersions {
	python: string;
	pyodide: string;
}

/** How a worker starts Python: from scratch (taking a snapshot, for the first) or from one. */
type Boot = { makeSnapshot: true } | { snapshot: Uint8Array } | Record<string, never>;

type Reply = Extract<FromWorker, { type: 'record-result' | 'failure' }>;

// Ids are unique across workers, so a reply can only answer the request that asked for it.
let nextRequestId = 1;

/** One worker, for one run. It listens only on the private port it handed over at init. */
class OneRunWorker {
	readonly ready: Promise<PythonVersions>;
	/** Python's memory just after its load, when this worker was asked for it and sent it. */
	snapshot: Uint8Array | null = null;
	#worker: Worker;
	#port: MessagePort;
	#request: { id: number; settle: (reply: Reply | Error) => void } | null = null;
	#used = false;

	constructor(
		factory: WorkerFactory,
		indexURL: string,
		boot: Boot,
		onStatus: (status: RuntimeStatus) => void
	) {
		this.#worker = factory();
		const channel = new MessageChannel();
		this.#port = channel.port1;
		let settleReady: (versions: PythonVersions | Error) => void = () => {};
		this.ready = new Promise((resolve, reject) => {
			settleReady = (versions) =>
				versions instanceof Error ? reject(versions) : resolve(versions);
		});
		this.ready.catch(() => {}); // a failed spare is reported when a run asks for it
		this.#port.onmessage = (event: MessageEvent<FromWorker>) => {
			const message = event.data;
			switch (message?.type) {
				case 'status':
					onStatus({ stage: message.stage, message: message.message });
					return;
				case 'ready':
					// Only from the worker asked for it, and only before it was given a program.
					if (
						'makeSnapshot' in boot &&
						!this.#used &&
						this.snapshot === null &&
						message.snapshot instanceof Uint8Array
					)
						this.snapshot = message.snapshot;
					settleReady({ python: message.python, pyodide: message.pyodide });
					return;
				case 'failure':
					if (message.id === null) settleReady(new Error(message.message));
					else this.#answer(message);
					return;
				case 'record-result':
					this.#answer(message);
					return;
			}
		};
		// Anything posted on the worker itself is not ours: the worker deletes postMessage.
		this.#worker.onmessage = null;
		this.#worker.onerror = (event) => {
			const error = new Error(event.message || 'The Python worker failed.');
			settleReady(error);
			this.#request?.settle(error);
		};
		const init: InitMessage = { type: 'init', indexURL, port: channel.port2, ...boot };
		this.#worker.postMessage(init, [channel.port2]);
	}

	#answer(reply: Reply): void {
		// Only the reply to the one request this worker was sent, and only once.
		if (!this.#request || reply.id !== this.#request.id) return;
		const { settle } = this.#request;
		this.#request = null;
		settle(reply);
	}

	/** Records `code`; a worker runs one program only. */
	record(code: string, filename: string, limits?: RunLimits): Promise<string> {
		if (this.#used) return Promise.reject(new Error('This worker has already run a program.'));
		this.#used = true;
		const id = nextRequestId++;
		return new Promise((resolve, reject) => {
			this.#request = {
				id,
				settle: (reply) => {
					if (reply instanceof Error) reject(reply);
					else if (reply.type === 'failure') reject(new Error(reply.message));
					else resolve(reply.trace);
				}
			};
			const request: ToWorker = { type: 'record', id, code, filename, limits };
			this.#port.postMessage(request);
		});
	}

	terminate(reason: Error): void {
		this.#worker.terminate();
		this.#port.close();
		this.#request?.settle(reason);
		this.#request = null;
	}
}

/** Options for {@link PythonRuntime}. */
export interface RuntimeOptions {
	/** Where pyodide.mjs and its files are served (ends with a slash). */
	indexURL: string;
	createWorker: WorkerFactory;
	onStatus: (status: RuntimeStatus) => void;
	/** How long one run may take before its worker is stopped. */
	timeoutSeconds?: number;
}

/** Pyodide in Web Workers: a fresh worker per run, a warm spare, and a watchdog. */
export class PythonRuntime {
	#options: RuntimeOptions;
	#spare: OneRunWorker | null;
	#running = new Set<OneRunWorker>();
	// Python's memory after the first load: later workers start from it, several times faster.
	#snapshot: Uint8Array | null = null;
	#disposed = false;

	constructor(options: RuntimeOptions) {
		this.#options = options;
		this.#spare = this.#spawn(true);
	}

	#spawn(first: boolean): OneRunWorker {
		const { createWorker, indexURL, onStatus } = this.#options;
		// Only the first load reports its progress: a spare loads quietly behind a ready page.
		const boot: Boot = this.#snapshot
			? { snapshot: this.#snapshot }
			: first
				? { makeSnapshot: true }
				: {};
		const worker = new OneRunWorker(createWorker, indexURL, boot, first ? onStatus : () => {});
		worker.ready.then(
			(versions) => {
				this.#snapshot ??= worker.snapshot;
				if (first) onStatus({ stage: 'ready', message: 'Python is ready.', ...versions });
			},
			(error: Error) => onStatus({ stage: 'error', message: error.message })
		);
		return worker;
	}

	/** Resolves when Python has loaded in the spare, the worker the next run will use. */
	async ready(): Promise<PythonVersions> {
		this.#spare ??= this.#spawn(false);
		return this.#spare.ready;
	}

	/** Takes the spare for a run, and has the next one load as soon as this one has. */
	#take(): OneRunWorker {
		const worker = this.#spare ?? this.#spawn(false);
		this.#spare = null;
		// Never two loads at once (they would share two cores with the page); a load beside a
		// run is fine, and has the next spare ready sooner.
		worker.ready.then(
			() => {
				if (!this.#disposed) this.#spare ??= this.#spawn(false);
			},
			() => {}
		);
		return worker;
	}

	/** Records a program in a fresh worker and returns the trace as JSON text. */
	async record(code: string, filename: string, limits?: RunLimits): Promise<string> {
		const worker = this.#take();
		this.#running.add(worker);
		const seconds = this.#options.timeoutSeconds ?? 20;
		let timer: ReturnType<typeof setTimeout> | undefined;
		try {
			await worker.ready;
			const deadline = new Promise<never>((_, reject) => {
				timer = setTimeout(() => reject(new RuntimeTimeout(seconds)), seconds * 1000);
			});
			return await Promise.race([worker.record(code, filename, limits), deadline]);
		} finally {
			clearTimeout(timer);
			worker.terminate(new Error('The run is over.'));
			this.#running.delete(worker);
		}
	}

	/** Stops every worker. */
	dispose(): void {
		this.#disposed = true;
		const reason = new Error('The runtime was closed.');
		this.#spare?.terminate(reason);
		this.#spare = null;
		for (const worker of this.#running) worker.terminate(reason);
	}
}
