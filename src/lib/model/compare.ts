/**
 * Comparing two runs: structured facts about where each one's time went, and which of them
 * explains the difference in total time. Pure and cheap (one pass over each trace); the words
 * are made from these facts in `./compare-text.ts`, and nowhere else.
 */
import type { RunResult, Trace } from '../trace/schema';
import { criticalPath, type PathStep } from './critical-path';
import { lastAtOrBefore } from './geometry';
import { delaysByTask, maxOverlap, runEnd, unionLength, waitsOnTasks } from './waits';

// Two virtual times closer than this are equal (floats added up by the recorder).
const EPSILON = 1e-9;

/** A step of the critical path, and how many other waits were in progress during it. */
export interface FactStep extends PathStep {
	/** Waits on time (of any task) that overlapped this step: 2 for one of three gathered sleeps. */
	readonly alongside: number;
}

/** Where one run's time went. All times in virtual seconds. */
export interface RunFacts {
	/** How long the run took. */
	readonly duration: number;
	readonly status: RunResult['status'];
	/** How many tasks the run created (the main task included). */
	readonly tasks: number;
	/** The waits that, one after another, make up the run's length. */
	readonly path: readonly FactStep[];
	/** Their total length: the part of `duration` the critical path explains. */
	readonly pathTime: number;
	/**
	 * Every wait on time itself (sleeps, threads, queues, … of every task, not waits on other
	 * tasks) that lasted: how many, their lengths added up, the time during which at least one
	 * was in progress, and the most in progress at one instant.
	 */
	readonly waits: {
		readonly count: number;
		readonly total: number;
		readonly union: number;
		readonly maxAtOnce: number;
	};
	/** asyncio.sleep(d > 0) calls: how many, and the seconds they asked for in all. */
	readonly sleeps: { readonly count: number; readonly requested: number };
	/** Blocking calls (time.sleep …): the loop stood still for `total` seconds. */
	readonly blocking: { readonly count: number; readonly total: number };
}

/** Which run. */
export type Side = 'a' | 'b';

/**
 * What explains the difference, checked in this order:
 * - `same`: the runs take equally long;
 * - `blocking`: the slower run's blocking calls (time.sleep) stall its loop for most of the gap;
 * - `overlap`: both wait about as long in all, but the faster one waits on several things at once;
 * - `less-waiting`: the faster one simply waits (or blocks) less: shorter or fewer sleeps;
 * - `other`: none of these accounts for most of the gap.
 */
export type DifferenceCause =
	| { readonly kind: 'same' }
	| { readonly kind: 'blocking'; readonly slower: Side; readonly blocked: number }
	| { readonly kind: 'overlap'; readonly faster: Side; readonly overlapped: number }
	| { readonly kind: 'less-waiting'; readonly faster: Side; readonly less: number }
	| { readonly kind: 'other' };

/** Two runs side by side. */
export interface Comparison {
	readonly a: RunFacts;
	readonly b: RunFacts;
	/** b.duration − a.duration: negative when B is faster. */
	readonly difference: number;
	/** The faster run, or null when they take equally long. */
	readonly faster: Side | null;
	/** How many times longer the slower run takes; null when the faster one takes no time. */
	readonly ratio: number | null;
	readonly cause: DifferenceCause;
}

/** The facts of one run. */
export function runFacts(trace: Trace): RunFacts {
	const delays = delaysByTask(trace);
	const path = criticalPath(trace, delays);
	const all = delays.flat();
	const leaves = all.filter(
		(delay) => delay.kind !== 'blocking' && !waitsOnTasks(delay) && delay.end > delay.start
	);
	const blocks = all.filter((delay) => delay.kind === 'blocking');
	const starts = Float64Array.from(leaves, (leaf) => leaf.start).sort();
	const ends = Float64Array.from(leaves, (leaf) => leaf.end).sort();
	let sleeps = 0;
	let requested = 0;
	for (const event of trace.events)
		if (
			event.kind === 'suspend' &&
			event.awaits.kind === 'sleep' &&
			event.awaits.until !== undefined
		) {
			const asked = event.awaits.until - event.t;
			if (asked <= EPSILON) continue;
			sleeps++;
			requested += asked;
		}
	return {
		duration: runEnd(trace),
		status: trace.result.status,
		tasks: trace.tasks.length,
		path: path.map((step) => ({
			...step,
			// Leaves that overlap the step, less the step's own wait (blocking calls are no leaves).
			alongside: Math.max(
				0,
				lastAtOrBefore(starts, step.end - EPSILON) +
					1 -
					(lastAtOrBefore(ends, step.start + EPSILON) + 1) -
					(step.kind === 'blocking' ? 0 : 1)
			)
		})),
		pathTime: sum(path.map((step) => step.end - step.start)),
		waits: {
			count: leaves.length,
			total: sum(leaves.map((delay) => delay.end - delay.start)),
			union: unionLength(leaves),
			maxAtOnce: maxOverlap(leaves)
		},
		sleeps: { count: sleeps, requested },
		blocking: { count: blocks.length, total: sum(blocks.map((delay) => delay.end - delay.start)) }
	};
}

/** Compares two runs: their facts, the difference in total time, and its cause. */
export function compareRuns(a: Trace, b: Trace): Comparison {
	return compareFacts(runFacts(a), runFacts(b));
}

/** {@link compareRuns} from facts already computed. */
export function compareFacts(a: RunFacts, b: RunFacts): Comparison {
	const difference = b.duration - a.duration;
	const faster: Side | null = Math.abs(difference) <= EPSILON ? null : difference < 0 ? 'b' : 'a';
	const fast = faster === 'b' ? b : a;
	const slow = faster === 'b' ? a : b;
	return {
		a,
		b,
		difference,
		faster,
		ratio: faster === null ? 1 : fast.duration > EPSILON ? slow.duration / fast.duration : null,
		cause: faster === null ? { kind: 'same' } : causeOf(fast, slow, faster)
	};
}

function causeOf(fast: RunFacts, slow: RunFacts, faster: Side): DifferenceCause {
	const gap = slow.duration - fast.duration;
	const slower: Side = faster === 'a' ? 'b' : 'a';
	// "Most of the gap": a cause must account for more than half of it.
	const blocked = slow.blocking.total - fast.blocking.total;
	if (blocked > gap / 2) return { kind: 'blocking', slower, blocked };
	// Time spent waiting or blocked, overlaps counted as often as they happen.
	const less = slow.waits.total + slow.blocking.total - (fast.waits.total + fast.blocking.total);
	const overlapped = fast.waits.total - fast.waits.union - (slow.waits.total - slow.waits.union);
	if (Math.abs(less) <= gap / 2 && overlapped > gap / 2)
		return { kind: 'overlap', faster, overlapped };
	if (less > gap / 2) return { kind: 'less-waiting', faster, less };
	return { kind: 'other' };
}

function sum(values: readonly number[]): number {
	return values.reduce((total, value) => total + value, 0);
}
