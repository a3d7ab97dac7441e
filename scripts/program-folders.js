// Where the project's Python programs live: the corpus (tests/corpus), the playground's examples
// and the lessons' programs. Each program `x.py` has beside it what python3 printed for it
// (`x.expected.json`, `npm run corpus`) and a checked-in recorded trace (`npm run traces`):
// src/lib/recorder/corpus.test.ts fails when the recorder prints otherwise than CPython, or when
// a checked-in trace drifts from what the recorder now writes.
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';

/** Each folder of programs, where their traces go, and the traces' file-name ending. */
export const PROGRAM_FOLDERS = [
	{ programs: 'tests/corpus', traces: 'tests/corpus', suffix: '.trace.json' },
	{ programs: 'src/lib/examples', traces: 'traces', suffix: '.json' },
	{ programs: 'src/lib/lessons/programs', traces: 'traces/lessons', suffix: '.json' }
];

/**
 * Every program, in a stable order, with the paths of its files.
 * @param {string} root the repository's folder
 * @returns {{ name: string, file: string, program: string, expected: string, trace: string }[]}
 *   `name`: the program's path from `root`; the others are absolute paths (`file`: its name)
 */
export function programs(root) {
	return PROGRAM_FOLDERS.flatMap((folder) =>
		readdirSync(join(root, folder.programs))
			.filter((name) => name.endsWith('.py'))
			.sort()
			.map((file) => {
				const stem = basename(file, '.py');
				return {
					name: join(folder.programs, file),
					file,
					program: join(root, folder.programs, file),
					expected: join(root, folder.programs, `${stem}.expected.json`),
					trace: join(root, folder.traces, `${stem}${folder.suffix}`)
				};
			})
	);
}

/**
 * Whether a program is one of those named on a command line: by a prefix of its file name
 * (`queue`) or of its path (`src/lib/lessons`). No names: every program.
 * @param {{ name: string, file: string }} entry
 * @param {string[]} names
 */
export function isNamed(entry, names) {
	return (
		names.length === 0 ||
		names.some((name) => entry.file.startsWith(name) || entry.name.startsWith(name))
	);
}
