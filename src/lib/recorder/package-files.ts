/**
 * The recorder's Python package as the browser worker gets it: every
 * `loopscope_recorder/*.py`, bundled into the worker's script as text by Vite (so it is
 * cached with the build for offline use, and needs no fetch under any base path).
 */

const sources = import.meta.glob<string>('./loopscope_recorder/*.py', {
	query: '?raw',
	import: 'default',
	eager: true
});

/** The package's files, file name → text (the `recorderFiles` of `createEngine`). */
export const recorderFiles: Record<string, string> = Object.fromEntries(
	Object.entries(sources).map(([path, text]) => [path.slice(path.lastIndexOf('/') + 1), text])
);
