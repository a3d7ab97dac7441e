import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/*
 * Layers, one direction: a folder of src/lib may import its own layer and the layers below it,
 * never one above. ESLint checks it (no-restricted-imports, below), so `npm run check` fails on
 * an upward import.
 *
 *   0 trace/                      the contract: schema, validation, link and file codecs, limits
 *   1 model/, timeline/           everything derived from a trace (timeline/ is its d3 maths);
 *     examples/, lessons/,        the programs, their traces and the lessons' steps: data read
 *     offline/                    through trace/; the service worker's pure cache plan
 *   2 player/, draft/             state: playback, the learner's drafts
 *   3 session/, compare/, share/  the run stack and its glue with the browser: a session opens
 *                                 runs into a Player; share/ reads files and links into a run and
 *                                 hands a run and its moment (a Player's) to another page
 *   4 components/                 drawing and input
 *   5 src/routes/                 pages
 *
 * Beside them: recorder/ imports only trace/; runtime/ (the worker clients) imports trace/ and
 * recorder/, and is used from layer 3 up. trace/ and model/ also import no Svelte, SvelteKit
 * or Pyodide: they run in Node, in a worker and in tests without a DOM.
 */
const LAYERS = [
	['trace'],
	['model', 'timeline', 'examples', 'lessons', 'offline'],
	['player', 'draft'],
	['session', 'compare', 'share'],
	['components'],
	['routes']
];
const ALL = LAYERS.flat().concat(['recorder', 'runtime']);
const BELOW = {
	recorder: ['trace'],
	runtime: ['trace', 'recorder']
};
// What each folder may import: its own layer, those below, and runtime/ from layer 3 up.
LAYERS.forEach((layer, rank) => {
	const allowed = LAYERS.slice(0, rank + 1).flat();
	if (rank >= 3) allowed.push('recorder', 'runtime');
	for (const folder of layer) BELOW[folder] = allowed;
});

const PURE = ['trace', 'model'];

// What trace/ and model/ never import, their tests included.
const IMPURE = {
	group: ['svelte', 'svelte/*', '$app/*', 'pyodide', 'pyodide/*'],
	message: 'trace/ and model/ are pure TypeScript: no Svelte, SvelteKit or Pyodide.'
};

/** The no-restricted-imports patterns for one folder: every folder above it, and impure modules. */
function layerPatterns(folder) {
	const above = ALL.filter((other) => other !== folder && !BELOW[folder].includes(other));
	const patterns = [
		{
			// `$lib/player/x`, `$lib/player`, `../player/x`, `../../routes/x`.
			regex: `^(\\$lib/|(\\.\\./)+)(${above.join('|')})(/|$)`,
			message: `${folder}/ sits below these folders (layers: see eslint.config.js): move the code it needs down, or this code up.`
		}
	];
	// Test support (fixtures, synthetic runs, assertions) lives in testing/ folders beside the
	// tests and never ships: app code does not import it.
	patterns.push({
		regex: '(^|/)testing(/|$)',
		message: 'testing/ is test support: import it from tests and benchmarks only.'
	});
	if (PURE.includes(folder)) patterns.push(IMPURE);
	return patterns;
}

const TESTS = ['**/*.test.ts', '**/*.bench.ts'];

// Tests and benchmarks may reach up (a model test records a program through recorder/), but a
// pure folder's tests stay pure like the code they test.
const layerRules = ALL.flatMap((folder) => {
	const files = [folder === 'routes' ? 'src/routes/**' : `src/lib/${folder}/**`];
	const rule = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
	const code = { files, ignores: TESTS, rules: rule(layerPatterns(folder)) };
	if (!PURE.includes(folder)) return [code];
	return [
		code,
		{
			files: TESTS.map((test) => `${files[0]}/${test.slice(3)}`),
			rules: rule([IMPURE])
		}
	];
});

export default ts.config(
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'no-undef': 'off',
			'@typescript-eslint/consistent-type-imports': 'error',
			'@typescript-eslint/no-explicit-any': 'error',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	...layerRules,
	{
		ignores: [
			'build/',
			'.subpath-build/',
			'.svelte-kit/',
			'static/pyodide/',
			'node_modules/',
			'test-results/',
			'playwright-report/'
		]
	}
);
