/**
 * The narration's claims, checked at every event of every corpus program (tests/corpus):
 * against the trace's structured fields, against the program's source (which coroutine a
 * line belongs to), and against CPython 3.11's own run of the same program (each task's
 * outcome and exception, the order in which the loop ran task steps).
 */
import { describe, expect, it } from 'vitest';
import type { Trace } from '../trace/schema';
import { buildIndex } from './build-index';
import { narrationFacts } from './facts';
import { narrate } from './narrate';
import { eventTask } from './replay';
import { corpusRun, corpusRuns } from './testing';

const runs = corpusRuns();

/**
 * The function whose body holds `line`, found by indentation: its name, and whether it is a
 * coroutine (an `async def` without `yield`: call stacks hold coroutine frames, not those of
 * plain functions or async generators).
 */
function enclosingDef(
	lines: readonly string[],
	line: number
): { name: string; coroutine: boolean } | null {
	const text = lines[line - 1] ?? '';
	let indent = text.length - text.trimStart().length;
	for (let at = line - 1; at >= 1; at--) {
		const candidate = lines[at - 1];
		if (!candidate.trim() || candidate.trim().startsWith('#')) continue;
		const depth = candidate.length - candidate.trimStart().length;
		if (depth >= indent) continue;
		const def = /^\s*(async\s+)?def\s+(\w+)/.exec(candidate);
		if (def) {
			const body: string[] = [];
			for (let k = at; k < lines.length; k++) {
				const next = lines[k];
				if (next.trim() && next.length - next.trimStart().length <= depth) break;
				body.push(next);
			}
			const generator = body.some((text) => /\byield\b/.test(text));
			return { name: def[2], coroutine: Boolean(def[1]) && !generator };
		}
		if (/^\s*class\s/.test(candidate) || depth === 0) return null;
		indent = depth;
	}
	return null;
}

/** The last component of a qualified name: `Worker.run` → `run`. */
const short = (qualname: string): string => qualname.split('.').pop() ?? qualname;

function outcomes(trace: Trace) {
	const done = new Map<number, { outcome: string; error?: string }>();
	for (const event of trace.events)
		if (event.kind === 'task_done')
			done.set(event.task, {
				outcome: event.outcome,
				...(event.outcome === 'exception' ? { error: event.error?.type } : {})
			});
	return trace.tasks.map((task) => ({ name: task.name, coro: task.coro, ...done.get(task.id) }));
}

describe('the corpus', () => {
	it('has at least 30 programs, with failure and cancellation paths among them', () => {
		expect(runs.length).toBeGreaterThanOrEqual(30);
		const kinds = new Set(runs.flatMap((run) => run.trace.events.map((event) => event.kind)));
		expect(kinds).toContain('cancel');
		const vias = new Set(
			runs.flatMap((run) =>
				run.trace.events.flatMap((event) => (event.kind === 'cancel' ? [event.via] : []))
			)
		);
		for (const via of ['call', 'timeout', 'taskgroup'] as const) expect(vias).toContain(via);
	});
});

describe.each(runs.map((run) => [run.name, run] as const))('%s', (_, run) => {
	const { trace, expected } = run;
	const differs = Array.isArray(expected.differs);

	it.skipIf(differs)("matches CPython's tasks, their outcomes and the order of their steps", () => {
		expect(outcomes(trace)).toEqual(expected.tasks);
		const steps = trace.events.flatMap((event) =>
			event.kind === 'step_start' ? [trace.tasks[event.task].name] : []
		);
		expect(steps).toEqual(expected.steps);
	});

	it("at every event, the narration's claims agree with the trace and the source", () => {
		const index = buildIndex(trace);
		const lines = trace.source.code.split('\n');
		const events = trace.events;
		const doneAt = new Map<number, number>();
		events.forEach((event) => {
			if (event.kind === 'task_done') doneAt.set(event.task, event.seq);
		});
		const lastCancel = new Map<number, { by: number | null; via: string }>();
		for (const event of events) {
			const facts = narrationFacts(index, event.seq);
			expect(facts).not.toBeNull();
			if (!facts) continue;
			// Who acts is the task the event names.
			expect(facts.actor).toBe(eventTask(event));
			if (facts.actor !== null)
				expect(narrate(index, event.seq)).toContain(index.tables.names[facts.actor]);

			// Which function runs: the coroutine whose `async def` holds the line.
			const running = (event.kind === 'line' || event.kind === 'stdout') && facts.line !== null;
			if ((running || event.kind === 'suspend') && facts.line !== null && facts.frame !== null) {
				const def = enclosingDef(lines, facts.line);
				if (def?.coroutine) expect(short(facts.frame), `line ${facts.line}`).toBe(def.name);
			}

			switch (event.kind) {
				case 'cancel':
					expect(facts.cancel).toEqual({ by: event.by, via: event.via });
					if (!lastCancel.has(event.task)) lastCancel.set(event.task, event);
					break;
				case 'step_start': {
					const resume = facts.resume;
					const cause = event.cause;
					expect(resume?.kind).toBe(cause.kind);
					if (cause.kind === 'cancel') {
						// A cancellation was asked for, by whom and how the cause says.
						const asked = lastCancel.get(event.task);
						expect(asked).toMatchObject({ by: cause.by, via: cause.via });
						expect(resume?.raises?.type).toBe('CancelledError');
						lastCancel.delete(event.task);
					} else if (cause.kind === 'awaited') {
						// What the await hands back: the delivering task has ended that way.
						if (cause.task !== undefined) {
							expect(doneAt.get(cause.task)).toBeLessThan(event.seq);
							const ended = events[doneAt.get(cause.task) ?? -1];
							if (ended?.kind === 'task_done' && resume?.awaited?.kind === 'task')
								expect(ended.outcome).toBe(cause.outcome);
						}
						if (cause.outcome === 'exception') expect(resume?.raises?.type).toBe(cause.error?.type);
						if (cause.outcome === 'cancelled') expect(resume?.raises?.type).toBe('CancelledError');
						if (cause.outcome === 'result') {
							expect(resume?.raises).toBeNull();
							expect(resume?.receives).toBe(cause.value ?? null);
						}
					} else expect(resume?.raises).toBeNull();
					break;
				}
				case 'task_done':
					// What the end means for each waiter is what its next step says.
					for (const waiter of facts.waiters) {
						const next = events.find(
							(later) =>
								later.seq > event.seq && later.kind === 'step_start' && later.task === waiter.task
						);
						if (waiter.gets === 'raised' && next?.kind === 'step_start')
							expect(next.cause).toMatchObject({ kind: 'awaited', outcome: 'exception' });
						if (waiter.gets === 'value' && waiter.left === 0 && next?.kind === 'step_start')
							expect(next.cause).toMatchObject({ kind: 'awaited', outcome: 'result' });
					}
					break;
				default:
					break;
			}
		}
	});
});

describe('facts that matter, on the programs that show them', () => {
	const at = (name: string) => {
		const { trace } = corpusRun(name);
		return { trace, index: buildIndex(trace) };
	};
	const id = (trace: Trace, label: string): number =>
		trace.tasks.find((task) => task.label === label)?.id ?? -1;

	it('gather without return_exceptions: the failing child is raised into main while a sibling sleeps', () => {
		const { trace, index } = at('gather_exceptions');
		const job5 = id(trace, 'job(5, 0.15, True)');
		const job6 = id(trace, 'job(6, 0.3, False)');
		const resume = trace.events.find(
			(event) =>
				event.kind === 'step_start' && event.task === 0 && event.cause.outcome === 'exception'
		);
		const facts = narrationFacts(index, resume?.seq ?? -1)?.resume;
		expect(facts).toMatchObject({ from: job5, raises: { type: 'RuntimeError' } });
		expect(facts?.unfinished).toEqual([job6]);
		expect(resume?.t).toBe(0.45);
	});

	it('gather with return_exceptions=True: the exception comes back as a value', () => {
		const { trace, index } = at('gather_exceptions');
		const resume = trace.events.find(
			(event) => event.kind === 'step_start' && event.task === 0 && event.cause.kind === 'awaited'
		);
		const facts = narrationFacts(index, resume?.seq ?? -1)?.resume;
		expect(facts?.raises).toBeNull();
		expect(facts?.exceptionsAsValues).toEqual([id(trace, 'job(2, 0.2, True)')]);
	});

	it('wait_for: the timeout cancels main at its deadline, and main prints what CPython printed', () => {
		const { trace, index } = at('wait_for');
		const cancel = trace.events.find((event) => event.kind === 'cancel');
		expect(cancel).toMatchObject({ task: 0, by: null, via: 'timeout', t: 0.3 });
		const resume = trace.events.find(
			(event) => event.kind === 'step_start' && event.cause.kind === 'cancel'
		);
		expect(narrationFacts(index, resume?.seq ?? -1)?.resume).toMatchObject({
			via: 'timeout',
			raises: { type: 'CancelledError' }
		});
		// Between the cancel and the step that receives it, main is marked as being cancelled.
		const snapshotTask = narrationFacts(index, cancel?.seq ?? -1);
		expect(snapshotTask?.cancel?.via).toBe('timeout');
		expect(corpusRun('wait_for').expected.stdout).toContain('too slow');
	});

	it('a print inside a coroutine awaited directly is credited to that coroutine', () => {
		const { trace, index } = at('wait_for');
		const print = trace.events.find(
			(event) => event.kind === 'stdout' && event.text.startsWith('compute(1) cancelled')
		);
		expect(narrationFacts(index, print?.seq ?? -1)).toMatchObject({ actor: 0, frame: 'compute' });
		const after = trace.events.find(
			(event) => event.kind === 'stdout' && event.text.startsWith('too slow')
		);
		expect(narrationFacts(index, after?.seq ?? -1)).toMatchObject({ actor: 0, frame: 'main' });
	});

	it('a TaskGroup: the failing child cancels its siblings and the body, each told who and how', () => {
		const { trace } = at('taskgroup_fail');
		const fail = id(trace, 'fail()');
		const cancels = trace.events.filter((event) => event.kind === 'cancel');
		expect(
			cancels.map((event) => event.kind === 'cancel' && [event.task, event.by, event.via])
		).toEqual([
			[id(trace, "slow('s1')"), fail, 'taskgroup'],
			[id(trace, "slow('s2')"), fail, 'taskgroup'],
			[0, fail, 'taskgroup']
		]);
	});
});
