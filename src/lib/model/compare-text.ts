/**
 * The words of a comparison, made from its facts (`./compare.ts`) in this one place: a
 * headline with the difference in total time, one sentence per run saying where its time
 * went (its critical path), and one saying why they differ. Code is quoted between
 * backticks, as in the narration.
 */
import type { Trace } from '../trace/schema';
import type { Comparison, RunFacts, Side } from './compare';
import type { PathStep, Via } from './critical-path';
import { taskName } from './task-name';
import { code, count } from './text';
import { formatDuration as s } from './time-format';

/** What the comparison says. */
export interface ComparisonText {
	/** The difference in total time: "B is 1 s faster: 0.5 s instead of 1.5 s." */
	readonly headline: string;
	/** Where each run's time went. */
	readonly a: string;
	readonly b: string;
	/** Why the totals differ. */
	readonly because: string;
}

/** The two runs' names as the text calls them (`A`, `B`) and their traces, for task names. */
export interface Named {
	readonly name: string;
	readonly trace: Trace;
}

// How many groups of steps a run's sentence lists before it sums up the rest.
const MAX_GROUPS = 3;

/** Words for a comparison of runs `a` and `b`. */
export function describeComparison(comparison: Comparison, a: Named, b: Named): ComparisonText {
	return {
		headline: headline(comparison, a.name, b.name),
		a: describeRun(comparison.a, a),
		b: describeRun(comparison.b, b),
		because: because(comparison, a.name, b.name)
	};
}

function headline(comparison: Comparison, a: string, b: string): string {
	const { faster, ratio } = comparison;
	if (faster === null) return `${a} and ${b} take the same time: ${s(comparison.a.duration)}.`;
	const [fast, slow] = faster === 'a' ? [comparison.a, comparison.b] : [comparison.b, comparison.a];
	const name = faster === 'a' ? a : b;
	const times = ratio !== null && ratio >= 1.5 ? ` (${round(ratio)}× as fast)` : '';
	return `${name} is ${s(Math.abs(comparison.difference))} faster: ${s(fast.duration)} instead of ${s(slow.duration)}${times}.`;
}

function round(ratio: number): number {
	return ratio >= 10 ? Math.round(ratio) : Math.round(ratio * 10) / 10;
}

function because(comparison: Comparison, a: string, b: string): string {
	const cause = comparison.cause;
	const nameOf = (side: Side) => (side === 'a' ? a : b);
	const factsOf = (side: Side) => (side === 'a' ? comparison.a : comparison.b);
	const other = (side: Side): Side => (side === 'a' ? 'b' : 'a');
	switch (cause.kind) {
		case 'same': {
			const how = (['a', 'b'] as const).map((side) => {
				const facts = factsOf(side);
				if (facts.blocking.total > 0) return `${nameOf(side)} ${blocks(facts)}`;
				return facts.waits.maxAtOnce <= 1
					? `${nameOf(side)} waits on one thing at a time`
					: `${nameOf(side)} waits on up to ${facts.waits.maxAtOnce} things at once`;
			});
			return `Both take as long: ${how.join('; ')}.`;
		}
		case 'blocking':
			return `${nameOf(cause.slower)} ${blocks(factsOf(cause.slower))}, so nothing overlaps it.`;
		case 'overlap': {
			const fast = factsOf(cause.faster);
			const slow = factsOf(other(cause.faster));
			const slowAtOnce =
				slow.waits.maxAtOnce <= 1
					? 'on one thing at a time'
					: `on at most ${slow.waits.maxAtOnce} things at once`;
			const totals =
				s(slow.waits.total) === s(fast.waits.total)
					? `${s(slow.waits.total)} each`
					: `${s(slow.waits.total)} and ${s(fast.waits.total)}`;
			return (
				`Both wait about as long in all (${totals}), ` +
				`but ${nameOf(other(cause.faster))} waits ${slowAtOnce}, while ` +
				`${nameOf(cause.faster)} waits on up to ${fast.waits.maxAtOnce} at once: ` +
				`${s(cause.overlapped)} of waiting overlaps.`
			);
		}
		case 'less-waiting': {
			const fast = factsOf(cause.faster);
			const slow = factsOf(other(cause.faster));
			const spent = (facts: RunFacts) => s(facts.waits.total + facts.blocking.total);
			const what =
				fast.blocking.total > 0 || slow.blocking.total > 0 ? 'waiting and blocking' : 'waiting';
			return (
				`${nameOf(cause.faster)} has less to wait for: ${spent(fast)} of ${what} ` +
				`in all, against ${spent(slow)} in ${nameOf(other(cause.faster))}.`
			);
		}
		case 'other':
			return 'Neither overlapping, blocking nor the amount of waiting explains most of the difference: follow each run’s waits on the timelines.';
	}
}

// "blocks the event loop for 1.5 s (3 blocking calls, such as time.sleep): no other task can move meanwhile"
function blocks(facts: RunFacts): string {
	return (
		`blocks the event loop for ${s(facts.blocking.total)} ` +
		`(${count(facts.blocking.count, 'blocking call')}, such as time.sleep): ` +
		'no other task can move meanwhile'
	);
}

/** A run of consecutive path steps alike: same task, same kind of wait, same label, same route. */
interface Group {
	readonly first: PathStep;
	readonly steps: number;
	readonly time: number;
}

// What a waiter awaited on the way to the task: "a gather of 3 tasks; it ends with the last of them, `x`".
function awaitedBy(via: Via, task: string): string {
	if (via.kind === 'task') return code(task);
	const what = via.kind === 'gather' ? `a gather of ${count(via.tasks, 'task')}` : code(via.label);
	const last = via.tasks > 1 ? 'the last of them to finish, ' : '';
	return `${what}; it ends with ${last}${code(task)}`;
}

function groupsOf(path: readonly PathStep[]): Group[] {
	const groups: Group[] = [];
	for (const step of path) {
		const last = groups[groups.length - 1];
		const alike =
			last &&
			last.first.task === step.task &&
			last.first.kind === step.kind &&
			last.first.label === step.label &&
			last.first.via?.waiter === step.via?.waiter &&
			last.first.via?.kind === step.via?.kind;
		const time = step.end - step.start;
		if (alike)
			groups[groups.length - 1] = {
				first: last.first,
				steps: last.steps + 1,
				time: last.time + time
			};
		else groups.push({ first: step, steps: 1, time });
	}
	return groups;
}

/** Where one run's time went, from its critical path: "A: main() waits on … 3 times, one after another (1.5 s)." */
export function describeRun(facts: RunFacts, run: Named): string {
	const nameOf = (task: number) => taskName(run.trace.tasks, task);
	const groups = groupsOf(facts.path);
	if (groups.length === 0)
		return `${run.name} never waits: it takes ${s(facts.duration)} of virtual time.`;
	const parts = groups.slice(0, MAX_GROUPS).map((group) => {
		const { first, steps, time } = group;
		const what = code(first.label);
		const times = steps === 1 ? '' : ` ${steps} times, one after another`;
		const route = first.via
			? `${code(nameOf(first.via.waiter))} awaits ${awaitedBy(first.via, nameOf(first.task))}, which `
			: `${code(nameOf(first.task))} `;
		const doing =
			first.kind === 'blocking' ? `blocks the whole loop with ${what}` : `waits on ${what}`;
		return `${route}${doing}${times} (${s(time)})`;
	});
	const rest = groups.slice(MAX_GROUPS);
	if (rest.length)
		parts.push(
			`${count(
				rest.reduce((sum, group) => sum + group.steps, 0),
				'more wait'
			)} (${s(rest.reduce((sum, group) => sum + group.time, 0))})`
		);
	return `${run.name}: ${parts.join('; then ')}.`;
}
