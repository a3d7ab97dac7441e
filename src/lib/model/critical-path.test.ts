import { describe, expect, it } from 'vitest';
import { criticalPath } from './critical-path';
import { sleepOn, TraceBuilder } from './testing/fixtures';

describe('the critical path of a run of many roots', () => {
	it('walks back through every root, the last to end first', () => {
		// asyncio.run called 2,000 times: each root is found by the walk once.
		const b = new TraceBuilder('x');
		for (let i = 0; i < 2_000; i++) {
			const task = b.task(`r(${i})`, null, 1);
			b.at(i)
				.iteration([task])
				.start(task, 1)
				.suspend(task, 1, sleepOn(0.5, i + 0.5));
			b.at(i + 0.5)
				.iteration([task])
				.start(task, 1)
				.done(task, 1, 'None');
		}
		const path = criticalPath(b.build());
		expect(path).toHaveLength(2_000);
		expect(path.map((step) => step.task)).toEqual(Array.from({ length: 2_000 }, (_, i) => i));
	});
});
