import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The repository's own eslint.config.js, run on source text that is never written to disk.
const eslint = new ESLint({ cwd: process.cwd() });

async function importErrors(path: string, code: string): Promise<string[]> {
	const [result] = await eslint.lintText(code, { filePath: path });
	return result.messages
		.filter((message) => message.ruleId === 'no-restricted-imports')
		.map((message) => message.message);
}

describe('the layering rule in eslint.config.js', () => {
	it('fails an upward import from model/, through $lib and relative', async () => {
		const path = 'src/lib/model/upward.ts';
		const viaLib = await importErrors(
			path,
			"import { Player } from '$lib/player/player.svelte';\nexport const p = Player;\n"
		);
		expect(viaLib).toHaveLength(1);
		expect(viaLib[0]).toMatch(/model\/ sits below/);
		const relative = await importErrors(
			path,
			"import { codeMarks } from '../components/code-marks';\nexport const c = codeMarks;\n"
		);
		expect(relative).toHaveLength(1);
	});

	it('fails Svelte, SvelteKit and Pyodide in trace/ and model/, tests included', async () => {
		const code =
			"import { tick } from 'svelte';\nimport { goto } from '$app/navigation';\nimport { loadPyodide } from 'pyodide';\nexport const all = [tick, goto, loadPyodide];\n";
		expect(await importErrors('src/lib/trace/impure.ts', code)).toHaveLength(3);
		expect(await importErrors('src/lib/model/impure.test.ts', code)).toHaveLength(3);
	});

	it('lets a folder import its own layer and those below', async () => {
		const code =
			"import { seek } from '$lib/model';\nimport type { Trace } from '../trace/schema';\nexport const s: [typeof seek, Trace | null] = [seek, null];\n";
		expect(await importErrors('src/lib/player/ok.ts', code)).toEqual([]);
		expect(await importErrors('src/lib/timeline/ok.ts', code)).toEqual([]);
	});

	it('keeps recorder/ on trace/ alone, and share/ below components/', async () => {
		expect(
			await importErrors(
				'src/lib/recorder/x.ts',
				"import { seek } from '../model/seek';\nexport const s = seek;\n"
			)
		).toHaveLength(1);
		expect(
			await importErrors(
				'src/lib/share/x.ts',
				"import X from '$lib/components/RunView.svelte';\nexport const x = X;\n"
			)
		).toHaveLength(1);
	});

	it('keeps test support out of app code, not out of tests', async () => {
		const code = "import { FIXTURES } from './testing/fixtures';\nexport const f = FIXTURES;\n";
		expect(await importErrors('src/lib/model/app.ts', code)).toHaveLength(1);
		expect(await importErrors('src/lib/model/app.test.ts', code)).toEqual([]);
	});
});
