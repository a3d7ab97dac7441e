import { describe, expect, it } from 'vitest';
import type { RuntimeStatus } from './client';
import { adoptEarly, loadsPythonAtOnce, startEarly, type StatusListener } from './early';

describe('the pages that load Python at once', () => {
	it('are the playground, Compare and a lesson, under any base and however served', () => {
		for (const base of ['', '/loopscope']) {
			for (const path of ['/', '/index.html', '/compare/', '/compare', '/lessons/gather/']) {
				expect(loadsPythonAtOnce(`${base}${path}`, base)).toBe(true);
			}
			expect(loadsPythonAtOnce(`${base}/lessons/gather/index.html`, base)).toBe(true);
			for (const path of ['/lessons/', '/embed/', '/present/', '/slides/', '/storyboard/']) {
				expect(loadsPythonAtOnce(`${base}${path}`, base)).toBe(false);
			}
			expect(loadsPythonAtOnce(`${base}/walkthrough/edit/`, base)).toBe(false);
			expect(loadsPythonAtOnce(`${base}/lessons/a/b/`, base)).toBe(false);
		}
		// Outside the base path nothing is ours.
		expect(loadsPythonAtOnce('/', '/loopscope')).toBe(false);
		expect(loadsPythonAtOnce('/loopscopex/', '/loopscope')).toBe(false);
	});
});

describe('a runtime started early', () => {
	it('is adopted once, and its adopter hears the latest status and every later one', () => {
		let report: StatusListener = () => {};
		const runtime = { name: 'early' };
		let made = 0;
		const make = (onStatus: StatusListener) => {
			made++;
			report = onStatus;
			return runtime;
		};
		startEarly(make);
		startEarly(make);
		expect(made).toBe(1);
		report({ stage: 'download', message: 'Downloading' });
		report({ stage: 'start', message: 'Starting' });
		const heard: RuntimeStatus[] = [];
		expect(adoptEarly((status) => heard.push(status))).toBe(runtime);
		report({ stage: 'ready', message: 'Ready' });
		expect(heard.map((status) => status.stage)).toEqual(['start', 'ready']);
		expect(adoptEarly(() => {})).toBeNull();
		// Once adopted, another can be started (a later visit of the app in this document).
		startEarly(make);
		expect(made).toBe(2);
		expect(adoptEarly(() => {})).toBe(runtime);
	});

	it('is nothing to adopt when none was started', () => {
		expect(adoptEarly(() => {})).toBeNull();
	});
});
