/**
 * Scopes and cancellation paths, from the trace's `scope`, `cancel`, `cancel_caught` and
 * `uncancel` events (issue #20): each TaskGroup, timeout (asyncio.timeout / wait_for) and
 * shield as an interval over the lanes it covers, nested where one opens inside another; each
 * cancellation as a path from who asked to where the CancelledError lands and what becomes of
 * it. Pure and computed once per trace ({@link scopeFacts}).
 */
import type { CancelVia, ScopeKind, TraceEvent } from '../trace/schema';
import type { TraceIndex } from './build-index';
import { lastAtOrBefore, xOf } from './geometry';
import type { Axis } from './types';

/** A deadline a timeout scope held, from `seq` on (the first is set as it is entered). */
export interface ScopeDeadline {
	readonly seq: number;
	/** Virtual seconds; null: no deadline (asyncio.timeout(None)). */
	readonly at: number | null;
}

/** A task a scope covers, from `seq` on (the owner from the enter, children as they are made). */
export interface Covered {
	readonly task: number;
	readonly seq: number;
}

/** One scope: entered by `owner` on `line`, left at `exitSeq` (null: still open at the end). */
export interface Scope {
	readonly id: number;
	readonly kind: ScopeKind;
	/** What the program wrote: `asyncio.TaskGroup()`, `asyncio.timeout(1)`, ... */
	readonly label: string;
	readonly owner: number;
	readonly line: number | null;
	readonly enterSeq: number;
	readonly exitSeq: number | null;
	readonly covers: readonly Covered[];
	readonly deadlines: readonly ScopeDeadline[];
	/** The exception the block raised into the scope as it was left (its type), if any. */
	readonly body: string | null;
	/** What left the scope (its type and message), if anything. */
	readonly error: { readonly type: string; readonly message: string } | null;
	/** A timeout's deadline passed. */
	readonly expired: boolean;
	/** The owner's cancelling() count once the scope was left. */
	readonly cancellingAfter: number | null;
	/** The scope this one opened inside (same owner, or the scope that covers the owner), or null. */
	readonly parent: number | null;
	/** How many scopes it is nested in. */
	readonly depth: number;
}

/** What became of a CancelledError. */
export type CancelFate =
	| 'caught' // an except took it and the task went on
	| 'cancelled' // the task ended cancelled
	| 'timeout' // a timeout scope turned it into TimeoutError
	| 'group' // a TaskGroup gathered the failure into an ExceptionGroup
	| 'raised' // the task ended with another exception
	| 'pending'; // not yet: the run ended first, or the cancellation never landed

/** One cancellation: `by` (or a callback) asks, the error lands, and becomes `fate`. */
export interface CancelPath {
	/** Seq of the cancel event. */
	readonly seq: number;
	readonly target: number;
	/** The task that asked, or null (a callback: a timeout's timer). */
	readonly by: number | null;
	readonly via: CancelVia;
	/** The scope that asked (the TaskGroup or the timeout), when the trace names it. */
	readonly scope: number | null;
	/** The line of the user's code that asked, when the program did. */
	readonly line: number | null;
	/** The target's cancelling() count right after this request. */
	readonly cancelling: number;
	/** Where the CancelledError is thrown in: that step's seq and the line paused on. */
	readonly landSeq: number | null;
	readonly landLine: number | null;
	/** An except that took it (seq, line), and where it was raised again, if it was. */
	readonly caught: { readonly seq: number; readonly line: number | null } | null;
	readonly reraised: { readonly seq: number; readonly line: number | null } | null;
	readonly fate: CancelFate;
	/** The event that settles the fate, or null while pending. */
	readonly fateSeq: number | null;
	/** The scope that converted it (timeout) or gathered it (TaskGroup). */
	readonly fateScope: number | null;
}

/** Every scope and cancellation path of a run. */
export interface ScopeFacts {
	/** By id. */
	readonly scopes: readonly Scope[];
	readonly paths: readonly CancelPath[];
	/** Per task: [seq, count] whenever its cancelling() count changes, in order. */
	readonly cancelling: ReadonlyMap<number, readonly (readonly [number, number])[]>;
}

const EMPTY: ScopeFacts = { scopes: [], paths: [], cancelling: new Map() };

type MutableScope = {
	-readonly [K in keyof Scope]: Scope[K] extends readonly (infer T)[] ? T[] : Scope[K];
};

/** The scopes and cancellation paths of the indexed trace (computed once, then shared). */
export function scopeFacts(index: TraceIndex): ScopeFacts {
	const cache = index.tables.memo;
	let facts = cache.get('scopes') as ScopeFacts | undefined;
	if (!facts) {
		facts = collectScopes(index.trace.events);
		cache.set('scopes', facts);
	}
	return facts;
}

/** {@link scopeFacts} from a list of events. */
export function collectScopes(events: readonly TraceEvent[]): ScopeFacts {
	if (!events.some((e) => e.kind === 'scope' || e.kind === 'cancel')) return EMPTY;
	const scopes: MutableScope[] = [];
	const byId = new Map<number, MutableScope>();
	// Per task, the scopes open over it (innermost last): what a new scope nests in.
	const openOver = new Map<number, MutableScope[]>();
	const counts = new Map<number, number>();
	const cancelling = new Map<number, [number, number][]>();
	const setCount = (task: number, seq: number, count: number): void => {
		counts.set(task, count);
		const list = cancelling.get(task) ?? [];
		list.push([seq, count]);
		cancelling.set(task, list);
	};
	const cover = (scope: MutableScope, task: number, seq: number): void => {
		scope.covers.push({ task, seq });
		const list = openOver.get(task) ?? [];
		list.push(scope);
		openOver.set(task, list);
	};
	const paths: { -readonly [K in keyof CancelPath]: CancelPath[K] }[] = [];
	for (const event of events) {
		switch (event.kind) {
			case 'scope': {
				if (event.op === 'enter') {
					const around = openOver.get(event.task) ?? [];
					const parent = around.length > 0 ? around[around.length - 1] : null;
					const scope: MutableScope = {
						id: event.scope,
						kind: event.scope_kind ?? 'taskgroup',
						label: event.label ?? event.scope_kind ?? 'scope',
						owner: event.task,
						line: event.line,
						enterSeq: event.seq,
						exitSeq: null,
						covers: [],
						deadlines:
							event.scope_kind === 'timeout'
								? [{ seq: event.seq, at: event.deadline ?? null }]
								: [],
						body: null,
						error: null,
						expired: false,
						cancellingAfter: null,
						parent: parent?.id ?? null,
						depth: parent ? parent.depth + 1 : 0
					};
					scopes.push(scope);
					byId.set(scope.id, scope);
					cover(scope, event.task, event.seq);
					break;
				}
				const scope = byId.get(event.scope);
				if (!scope) break;
				if (event.op === 'add' && event.child !== undefined) cover(scope, event.child, event.seq);
				else if (event.op === 'deadline')
					scope.deadlines.push({ seq: event.seq, at: event.deadline ?? null });
				else if (event.op === 'exit') {
					scope.exitSeq = event.seq;
					scope.body = event.body ?? null;
					scope.error = event.error
						? { type: event.error.type, message: event.error.message }
						: null;
					scope.expired = event.expired ?? false;
					scope.cancellingAfter = event.cancelling ?? null;
					if (typeof event.cancelling === 'number')
						setCount(scope.owner, event.seq, event.cancelling);
					for (const { task } of scope.covers) {
						const list = openOver.get(task);
						const at = list?.lastIndexOf(scope) ?? -1;
						if (list && at >= 0) list.splice(at, 1);
					}
				}
				break;
			}
			case 'cancel': {
				const count = (counts.get(event.task) ?? 0) + 1;
				setCount(event.task, event.seq, count);
				paths.push({
					seq: event.seq,
					target: event.task,
					by: event.by,
					via: event.via,
					scope: event.scope ?? null,
					line: event.line,
					cancelling: count,
					landSeq: null,
					landLine: null,
					caught: null,
					reraised: null,
					fate: 'pending',
					fateSeq: null,
					fateScope: null
				});
				break;
			}
			case 'uncancel':
				setCount(event.task, event.seq, event.cancelling);
				break;
			case 'cancel_caught':
				if (event.cancelling !== null && event.cancelling !== counts.get(event.task))
					setCount(event.task, event.seq, event.cancelling);
				break;
			case 'task_done':
				openOver.delete(event.task);
				break;
			default:
				break;
		}
	}
	settlePaths(events, paths);
	return { scopes, paths, cancelling };
}

// Follows each path from its cancel event through its target's later events: where it
// lands (the step thrown into), an except, and what settles it.
function settlePaths(
	events: readonly TraceEvent[],
	paths: { -readonly [K in keyof CancelPath]: CancelPath[K] }[]
): void {
	// Each target's events, so a path walks only its own task's (not the whole run per path).
	const ofTask = new Map<number, number[]>();
	for (const path of paths) ofTask.set(path.target, []);
	for (const event of events) {
		const list =
			'task' in event && typeof event.task === 'number' ? ofTask.get(event.task) : undefined;
		list?.push(event.seq);
	}
	for (const path of paths) {
		const own = ofTask.get(path.target) ?? [];
		for (let k = lastAtOrBefore(own, path.seq) + 1; k < own.length; k++) {
			const event = events[own[k]];
			if (!('task' in event)) continue;
			if (path.landSeq === null) {
				if (event.kind === 'step_start' && event.cause.kind === 'cancel') {
					path.landSeq = event.seq;
					path.landLine = event.line;
				} else if (event.kind === 'task_done') {
					path.fate = event.outcome === 'cancelled' ? 'cancelled' : 'pending';
					path.fateSeq = event.outcome === 'cancelled' ? event.seq : null;
					break;
				}
				continue;
			}
			if (event.kind === 'cancel_caught') {
				if (event.op === 'caught') {
					path.caught = { seq: event.seq, line: event.line };
					path.reraised = null;
				} else path.reraised = { seq: event.seq, line: event.line };
			} else if (event.kind === 'scope' && event.op === 'exit' && event.error) {
				const type = event.error.type;
				if (type === 'TimeoutError' && event.body === 'CancelledError') {
					settle(path, 'timeout', event.seq, event.scope);
					break;
				}
				if (type.endsWith('ExceptionGroup')) {
					settle(path, 'group', event.seq, event.scope);
					break;
				}
			} else if (event.kind === 'task_done') {
				const fate: CancelFate =
					event.outcome === 'cancelled'
						? 'cancelled'
						: event.outcome === 'exception'
							? 'raised'
							: 'caught';
				settle(path, fate, event.seq, null);
				break;
			} else if (event.kind === 'suspend' && path.caught !== null && path.reraised === null) {
				// Caught, not raised again, and the task awaits something else: it goes on.
				settle(path, 'caught', event.seq, null);
				break;
			}
		}
	}
}

function settle(
	path: { fate: CancelFate; fateSeq: number | null; fateScope: number | null },
	fate: CancelFate,
	seq: number,
	scope: number | null
): void {
	path.fate = fate;
	path.fateSeq = seq;
	path.fateScope = scope;
}

/** The scopes open at event `seq` (entered at or before it, not yet left), outermost first. */
export function openScopesAt(facts: ScopeFacts, seq: number): Scope[] {
	return facts.scopes
		.filter((s) => s.enterSeq <= seq && (s.exitSeq === null || s.exitSeq > seq))
		.sort((a, b) => a.depth - b.depth || a.enterSeq - b.enterSeq);
}

/** The tasks a scope covers at event `seq` (those added by then). */
export function coveredAt(scope: Scope, seq: number): number[] {
	return scope.covers.filter((c) => c.seq <= seq).map((c) => c.task);
}

/** A TaskGroup's owner and a task the group made: `waiter` awaits `task` in CPython's eyes. */
export interface GroupLink {
	readonly waiter: number;
	readonly task: number;
}

/**
 * The TaskGroups' links at event `seq`: each group's owner to every task the group has made by
 * then. CPython 3.14 links them as `tg.create_task` returns (`future_add_to_awaited_by`), not
 * when the owner reaches the end of its `async with`, and unlinks each as it ends; a child
 * that has ended is the await graph's to drop. In the order the groups made them.
 */
export function groupLinksAt(facts: ScopeFacts, seq: number): GroupLink[] {
	const out: GroupLink[] = [];
	for (const scope of facts.scopes) {
		if (scope.kind !== 'taskgroup' || scope.enterSeq > seq) continue;
		if (scope.exitSeq !== null && scope.exitSeq <= seq) continue;
		for (const c of scope.covers)
			if (c.task !== scope.owner && c.seq <= seq) out.push({ waiter: scope.owner, task: c.task });
	}
	return out;
}

/** The deadline a timeout scope holds at event `seq` (null: none, or not a timeout). */
export function deadlineAt(scope: Scope, seq: number): number | null {
	let at: number | null = null;
	for (const d of scope.deadlines) if (d.seq <= seq) at = d.at;
	return at;
}

/** A task's cancelling() count at event `seq` (0 before any request). */
export function cancellingAt(facts: ScopeFacts, task: number, seq: number): number {
	const list = facts.cancelling.get(task);
	if (!list) return 0;
	let count = 0;
	for (const [at, value] of list) {
		if (at > seq) break;
		count = value;
	}
	return count;
}

/** A scope as a learner names it: `the TaskGroup on line 12`, `the asyncio.timeout(1) on line 5`. */
export function scopeName(scope: Scope): string {
	const what =
		scope.kind === 'taskgroup'
			? 'the TaskGroup'
			: scope.kind === 'shield'
				? 'the shield'
				: scope.label.startsWith('asyncio.wait_for')
					? `the ${scope.label} deadline`
					: `the ${scope.label}`;
	return scope.line !== null ? `${what} on line ${scope.line}` : what;
}

/**
 * The x on `axis` of virtual time `t` (a deadline): itself on the time axis; on the step axis,
 * the x of the first event at or after it (where the loop reaches that time), or null when
 * the run ended before it.
 */
export function xAtTime(index: TraceIndex, axis: Axis, t: number): number | null {
	if (axis === 'time') return t;
	const at = lastAtOrBefore(index.tables.timeX, t - 1e-9) + 1;
	return at >= index.length ? null : xOf(index, axis, at);
}
