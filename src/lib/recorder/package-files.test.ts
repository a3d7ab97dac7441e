import { describe, expect, it } from 'vitest';
import { readRecorderFiles } from './node-engine.js';
import { recorderFiles } from './package-files';

describe('the recorder package as the browser bundles it', () => {
	it('holds every file of loopscope_recorder/, as the CLI reads them', () => {
		const files = readRecorderFiles();
		expect(Object.keys(recorderFiles).sort()).toEqual(Object.keys(files));
		expect(Object.keys(files)).toContain('__init__.py');
		for (const [name, text] of Object.entries(files)) expect(recorderFiles[name]).toBe(text);
	});
});
