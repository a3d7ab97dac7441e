/**
 * The programs lessons show: a lesson's own (`lessons/queue.py`, in ./programs) or one of the
 * playground's examples (`examples/fetch_user.py`), each with the trace `npm run traces` recorded
 * for it, loaded on demand so that a lesson page carries only its own.
 */
import type { Trace } from '$lib/trace/schema';
import { validateTrace } from '$lib/trace/validate';

/** A program, named by its folder and file: `lessons/queue.py`, `examples/fetch_user.py`. */
export type ProgramRef = `${'lessons' | 'examples'}/${string}.py`;

/** A program's text and its recorded run. */
export interface LessonProgram {
	ref: ProgramRef;
	/** The file name the trace was recorded under (`queue.py`). */
	filename: string;
	code: string;
	trace: Trace;
}

const lessonSources = import.meta.glob<string>('./programs/*.py', {
	query: '?raw',
	import: 'default',
	eager: true
});
const exampleSources = import.meta.glob<string>('../examples/*.py', {
	query: '?raw',
	import: 'default',
	eager: true
});
const lessonTraces = import.meta.glob<unknown>('../../../traces/lessons/*.json', {
	import: 'default'
});
const exampleTraces = import.meta.glob<unknown>('../../../traces/*.json', { import: 'default' });

function split(ref: ProgramRef): { folder: 'lessons' | 'examples'; name: string } {
	const [folder, file] = ref.split('/') as ['lessons' | 'examples', string];
	return { folder, name: file.replace(/\.py$/, '') };
}

/** The program's source, or null when there is no such program. */
export function programCode(ref: ProgramRef): string | null {
	const { folder, name } = split(ref);
	const code =
		folder === 'lessons'
			? lessonSources[`./programs/${name}.py`]
			: exampleSources[`../examples/${name}.py`];
	return code ?? null;
}

/** Loads a program and its recorded trace; throws when either is missing or the trace is invalid. */
export async function loadProgram(ref: ProgramRef): Promise<LessonProgram> {
	const { folder, name } = split(ref);
	const code = programCode(ref);
	const load =
		folder === 'lessons'
			? lessonTraces[`../../../traces/lessons/${name}.json`]
			: exampleTraces[`../../../traces/${name}.json`];
	if (code === null || !load) throw new Error(`No program ${ref} with a recorded trace.`);
	const parsed = validateTrace(await load());
	if (!parsed.ok) throw new Error(`The recorded trace of ${ref} is invalid: ${parsed.error}`);
	return { ref, filename: `${name}.py`, code, trace: parsed.trace };
}
