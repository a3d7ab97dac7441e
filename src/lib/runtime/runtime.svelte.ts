/**
 * The Python runtime as reactive state for components: its loading status, and
 * the one shared {@link PythonRuntime} of the page (created on first use, in the browser only).
 */
import { assets } from '$app/paths';
import { PythonRuntime, type RuntimeStatus } from './client';
import PythonWorker from './python.worker?worker';

/** Reactive status of the page's Python runtime. */
export class RuntimeState {
	status: RuntimeStatus = $state({ stage: 'download', message: 'Waiting to load Python…' });
	#runtime: PythonRuntime | null = null;

	/** The runtime, started on first call. */
	get runtime(): PythonRuntime {
		this.#runtime ??= new PythonRuntime({
			// A plain string is wanted here, not reactive state: the URL is read once.
			// eslint-disable-next-line svelte/prefer-svelte-reactivity
			indexURL: new URL(`${assets}/pyodide/`, location.href).href,
			createWorker: () => new PythonWorker({ name: 'python' }),
			onStatus: (status) => (this.status = status)
		});
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
