/**
 * The Python runtime as reactive state for components: its loading status, and
 * the one shared {@link PythonRuntime} of the page (created on first use, in the browser only).
 */
import { assets } from '$app/paths';
import { PythonRuntime, type RuntimeStatus } from './client';
import { adoptEarly, startEarly, type StatusListener } from './early';
import pythonWorkerUrl from './python.worker?worker&url';

/**
 * Starts a Python worker from a blob: URL whose one line imports the worker's module.
 * A worker loaded from a same-origin URL gets no CSP on a static host (no headers), but
 * one created from a blob: URL inherits the page's policy: no network, no eval.
 */
export function createPythonWorker(): Worker {
	// A blob has no base URL of its own: the import needs an absolute one.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	const url = new URL(pythonWorkerUrl, location.href).href;
	const bootstrap = `import ${JSON.stringify(url)};\n`;
	performance.mark('loopscope:worker-created');
	const blobUrl = URL.createObjectURL(new Blob([bootstrap], { type: 'text/javascript' }));
	try {
		return new Worker(blobUrl, { type: 'module', name: 'python' });
	} finally {
		// The worker has its own reference to the blob once constructed.
		setTimeout(() => URL.revokeObjectURL(blobUrl), 60_000);
	}
}

/** A runtime loading this app's Python from its own files, reporting to `onStatus`. */
function newRuntime(onStatus: StatusListener): PythonRuntime {
	return new PythonRuntime({
		indexURL: new URL(`${assets}/pyodide/`, location.href).href,
		createWorker: createPythonWorker,
		onStatus
	});
}

/**
 * Starts loading Python before the page that will use it exists (src/hooks.client.ts): the
 * first {@link RuntimeState} to ask for its runtime adopts this one.
 */
export function startPythonEarly(): void {
	startEarly(newRuntime);
}

/** Reactive status of the page's Python runtime. */
export class RuntimeState {
	status: RuntimeStatus = $state({ stage: 'download', message: 'Waiting to load Python…' });
	#runtime: PythonRuntime | null = null;

	/** The runtime, started on first call (or earlier, as the app started: then adopted). */
	get runtime(): PythonRuntime {
		const onStatus: StatusListener = (status) => (this.status = status);
		this.#runtime ??= adoptEarly<PythonRuntime>(onStatus) ?? newRuntime(onStatus);
		return this.#runtime;
	}

	/** True once Python can run code. */
	get ready(): boolean {
		return this.status.stage === 'ready';
	}

	/** Stops the workers. */
	dispose(): void {
		this.#runtime?.dispose();
		this.#runtime = null;
	}
}
