/**
 * The messages between the page and a Python worker. Hand-written and typed.
 *
 * The page sends one `init` to the worker itself, carrying a MessagePort; from then on
 * everything travels over that port, which the worker keeps in a closure where the
 * program it runs cannot reach it. A worker records one program and is then terminated.
 */

/** Resource limits for one recording; omitted fields use the recorder's defaults. */
export interface RunLimits {
	maxEvents?: number;
	maxOutputChars?: number;
	maxVirtualSeconds?: number;
	maxLinesPerStep?: number;
}

/** The one message posted to the worker itself: where Python is, and the private reply port. */
export interface InitMessage {
	type: 'init';
	indexURL: string;
	port: MessagePort;
	/**
	 * Python's memory just after a load, taken by the page's first worker before it ran
	 * anything: starting from it takes a fraction of a full load.
	 */
	snapshot?: Uint8Array;
	/** Take that snapshot and send it back with `ready` (the page's first worker). */
	makeSnapshot?: boolean;
}

/** A request over the port. */
export type ToWorker = {
	type: 'record';
	id: number;
	code: string;
	filename: string;
	limits?: RunLimits;
};

/** Where the worker is in starting Python. */
export type LoadStage = 'download' | 'start' | 'recorder' | 'ready';

/** A message from the worker, over the port. */
export type FromWorker =
	| { type: 'status'; stage: LoadStage; message: string }
	| { type: 'ready'; python: string; pyodide: string; snapshot?: Uint8Array }
	| { type: 'record-result'; id: number; trace: string }
	| { type: 'failure'; id: number | null; message: string };
