import { describe, expect, it } from 'vitest';
import { buildIndex } from './build-index';
import { narrate } from './narrate';
import {
	cancellingAt,
	collectScopes,
	coveredAt,
	deadlineAt,
	openScopesAt,
	scopeFacts,
	xAtTime
} from './scopes';
import { pathLines } from './scopes-text';
import { seek } from './seek';
import { corpusRun, corpusRuns } from './testing';

const SCOPED = ['taskgroup_nested', 'timeout_in_taskgroup', 'cancel_uncancel', 'shield'];

function facts(name: string) {
	const index = buildIndex(corpusRun(name).trace);
	return { index, facts: scopeFacts(index) };
}

describe('scopes on the corpus, at every step', () => {
	it.each(SCOPED)('%s: open scopes, covered tasks and narration agree with the trace', (name) => {
		const { index, facts: f } = facts(name);
		expect(f.scopes.length).toBeGreaterThan(0);
		for (let seq = 0; seq < index.length; seq++) {
			const open = openScopesAt(f, seq);
			const expected = f.scopes.filter(
				(s) => s.enterSeq <= seq && (s.exitSeq === null || seq < s.exitSeq)
			);
			expect(open.map((s) => s.id).sort()).toEqual(expected.map((s) => s.id).sort());
			const world = seek(index, seq);
			for (const scope of open) {
				// An open scope's owner is alive, and each task it covers exists by then.
				expect(world.tasks[scope.owner].state).not.toBe('done');
				for (const task of coveredAt(scope, seq))
					expect(world.tasks[task].state).not.toBe('not_created');
				// Nested: its parent is open too, one level up.
				if (scope.parent !== null) {
					const parent = open.find((s) => s.id === scope.parent);
					expect(parent?.depth).toBe(scope.depth - 1);
				}
			}
			const event = index.trace.events[seq];
			const text = narrate(index, seq);
			expect(text).not.toMatch(/undefined|NaN|null|\[object/);
			if (event.kind === 'scope' && event.op === 'enter')
				expect(text).toMatch(/asyncio\.(TaskGroup|timeout|wait_for|shield)/);
			if (event.kind === 'cancel' && event.scope !== undefined)
				expect(text).toMatch(
					/The (TaskGroup|asyncio\.(timeout|wait_for)\(.*\)( deadline)?) on line \d+/
				);
		}
	});

	it.each(corpusRuns().map((run) => run.name))(
		'%s: cancelling() as the program printed it',
		(name) => {
			// Programs that print `cancelling = N` (or `cancelling: N`) read the count the model
			// keeps for that task at that moment.
			const { index, facts: f } = facts(name);
			let checked = 0;
			for (const event of index.trace.events) {
				if (event.kind !== 'stdout' || event.task === null) continue;
				const said = /cancelling\s*[=:]\s*(\d+)/.exec(event.text);
				if (!said) continue;
				expect(cancellingAt(f, event.task, event.seq)).toBe(Number(said[1]));
				checked++;
			}
			// The programs written to show the count do print it (the others may not).
			const shows = name === 'cancel_uncancel' || name === 'timeout_in_taskgroup';
			expect(checked > 0 || !shows).toBe(true);
		}
	);
});

describe('nested TaskGroups (taskgroup_nested)', () => {
	const { index, facts: f } = facts('taskgroup_nested');
	const [outer, inner] = f.scopes;

	it('has the outer group over main and its three tasks, the inner one nested in it', () => {
		expect(outer).toMatchObject({ kind: 'taskgroup', owner: 0, line: 25, depth: 0, parent: null });
		expect(outer.covers.map((c) => c.task)).toEqual([0, 1, 2, 3]);
		expect(inner).toMatchObject({ kind: 'taskgroup', owner: 2, line: 17, depth: 1, parent: 0 });
		expect(inner.covers.map((c) => c.task)).toEqual([2, 4, 5]);
		expect(outer.error?.type).toBe('ExceptionGroup');
		expect(inner.error?.type).toBe('CancelledError');
	});

	it('follows each cancellation to what becomes of it', () => {
		const byTarget = new Map(f.paths.map((p) => [p.target, p]));
		expect(byTarget.get(2)).toMatchObject({ via: 'taskgroup', by: 3, scope: 0, fate: 'cancelled' });
		expect(byTarget.get(0)).toMatchObject({
			via: 'taskgroup',
			by: 3,
			scope: 0,
			landLine: 25,
			cancelling: 1,
			fate: 'group',
			fateScope: 0
		});
		expect(byTarget.get(5)).toMatchObject({ by: 2, scope: 1, landLine: 6, fate: 'cancelled' });
		expect(pathLines(index, byTarget.get(0)!)).toEqual([
			'The TaskGroup on line 25 cancels main() because failing() raised ValueError',
			'CancelledError lands on line 25; cancelling() = 1',
			'gathered into an ExceptionGroup by the TaskGroup on line 25'
		]);
	});

	it('names the scope in the narration of the cancel', () => {
		const cancel = index.trace.events.find((e) => e.kind === 'cancel' && e.task === 0);
		expect(narrate(index, cancel!.seq)).toMatch(
			/^The TaskGroup on line 25 cancels main\(\) \(the task running its `async with` body\) because failing\(\) raised ValueError/
		);
	});
});

describe('a timeout inside a TaskGroup (timeout_in_taskgroup)', () => {
	const { facts: f } = facts('timeout_in_taskgroup');

	it('turns the expired one into TimeoutError, and passes the group’s cancellation on', () => {
		const timeouts = f.scopes.filter((s) => s.kind === 'timeout');
		expect(timeouts.map((s) => [s.owner, s.expired, s.error?.type ?? null])).toEqual([
			[1, false, null],
			[2, true, 'TimeoutError'],
			[0, false, 'CancelledError']
		]);
		// The body's timeout sits in main's second TaskGroup: main's count is 1 as it is left.
		const body = timeouts[2];
		expect(f.scopes.find((s) => s.id === body.parent)?.kind).toBe('taskgroup');
		expect(body.cancellingAfter).toBe(1);
		const slow = f.paths.find((p) => p.target === 2);
		expect(slow).toMatchObject({ via: 'timeout', by: null, fate: 'timeout', fateScope: 2 });
		expect(f.paths.find((p) => p.target === 0)).toMatchObject({ fate: 'group', fateScope: 3 });
	});
});

describe('caught, uncancelled and rescheduled (cancel_uncancel)', () => {
	const { index, facts: f } = facts('cancel_uncancel');

	it('sees the except take the CancelledError, and the task go on', () => {
		const stubborn = f.paths.find((p) => p.target === 1);
		expect(stubborn).toMatchObject({ via: 'call', by: 0, landLine: 7, fate: 'caught' });
		expect(stubborn?.caught?.line).toBe(8);
	});

	it('follows the timeout through a cleanup that raises again, to TimeoutError', () => {
		const main = f.paths.find((p) => p.target === 0);
		expect(main).toMatchObject({ via: 'timeout', fate: 'timeout' });
		expect(main?.caught?.line).toBe(20);
		expect(main?.reraised?.line).toBe(22);
		const scope = f.scopes[0];
		expect(scope.deadlines.map((d) => d.at)).toEqual([1.6, 0.85]);
		expect(deadlineAt(scope, scope.enterSeq)).toBe(1.6);
		expect(deadlineAt(scope, index.length)).toBe(0.85);
		expect(xAtTime(index, 'time', 0.85)).toBe(0.85);
		// Past the end of the run there is no step to put it at.
		expect(xAtTime(index, 'step', 1.6)).toBeNull();
	});
});

describe('collectScopes', () => {
	it('is empty for a run with no scope and no cancel', () => {
		expect(collectScopes(corpusRun('simple_async').trace.events)).toMatchObject({
			scopes: [],
			paths: []
		});
	});
});
