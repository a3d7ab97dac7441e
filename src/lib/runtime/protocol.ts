/**
 * The messages between the page and the Python worker. Hand-written and typed:
 * every request carries an id, and every reply names the request it answers, so
 * the client can drop replies to requests it has given up on.
 */

/** Resource limits for one recording; omitted fields use the recorder's defaults. */
export interface RunLimits {
	maxEvents?: number;
	maxOutputChars?: number;
	maxVirtualSeconds?: number;
	maxLinesPerStep?: number;
}

/** A message to the worker. */
export type ToWorker =
	| { type: 'init'; id: number; indexURL: string }
	| { type: 'record'; id: number; code: string; filename: string; limits?: RunLimits };

/** Where the worker is in starting Python. */
export type LoadStage = 'download' | 'start' | 'recorder' | 'ready';

/** A message from the worker. */
export type FromWorker =
	| { type: 'status'; stage: LoadStage; message: string }
	| { type: 'ready'; id: number; python: string; pyodide: string }
	| { type: 'record-result'; id: number; trace: string }
	| { type: 'failure'; id: number; message: string };
