import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

// trace/ and model/ are pure: they must run in Node, in a worker and in tests without a DOM.
const pureLayer = {
	patterns: [
		{
			group: ['svelte', 'svelte/*', '$app/*', 'pyodide', '$lib/components/*', '$lib/player/*'],
			message: 'trace/ and model/ are pure TypeScript: no Svelte, SvelteKit or Pyodide.'
		}
	]
};

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
	{
		files: ['src/lib/trace/**', 'src/lib/model/**'],
		rules: { 'no-restricted-imports': ['error', pureLayer] }
	},
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
