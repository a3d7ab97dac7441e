/**
 * The await graph at a cursor: which task waits on which, as Python 3.14's
 * `asyncio.capture_call_graph()` reports it. There a task's `awaited_by` holds the tasks that
 * await it: a task that awaits another task directly (also through wait_for), the task that
 * called gather / asyncio.wait / shield on it while it is unfinished, and a TaskGroup's
 * owner, from the moment `tg.create_task` made it (the owner need not be waiting: it may still
 * run the body of its `async with`, or await something else there). Pure: a function of the
 * tasks' states and the TaskGroups' links ({@link groupLinksAt}).
 */
import type { Awaitable } from '../trace/schema';
import type { GroupLink } from './scopes';
import type { TaskState } from './types';

/** One edge: `waiter` awaits `task`, through `via`. */
export interface AwaitEdge {
	readonly waiter: number;
	readonly task: number;
	readonly via: Awaitable['kind'];
}

/** One task's place in the graph. */
export interface AwaitNode {
	readonly task: number;
	/** What it awaits that is not a task (a sleep, a lock, a queue), or null. */
	readonly leaf: Awaitable | null;
	/** The edges from it: the tasks it awaits, in the order it names them. */
	readonly awaits: readonly AwaitEdge[];
	/** The tasks awaiting it (capture_call_graph's `awaited_by`), ascending. */
	readonly awaitedBy: readonly number[];
}

/** The graph at a cursor: a node per live task (created, not finished), in task order. */
export interface AwaitGraph {
	readonly nodes: readonly AwaitNode[];
	readonly edges: readonly AwaitEdge[];
	/** Tasks no live task awaits (the tops of the trees), in task order. */
	readonly roots: readonly number[];
}

const FINISHED = new Set<TaskState['state']>(['done', 'failed', 'cancelled', 'not_created']);
// The awaitables whose `tasks` the waiter is linked to while it waits.
const THROUGH_TASKS = new Set<Awaitable['kind']>([
	'task',
	'timeout',
	'gather',
	'wait',
	'taskgroup'
]);

/**
 * The await graph of `tasks` (a snapshot's task states), with `groups`: the TaskGroups' links at
 * the same moment (`groupLinksAt(scopeFacts(index), cursor)`).
 */
export function awaitGraph(
	tasks: readonly TaskState[],
	groups: readonly GroupLink[] = []
): AwaitGraph {
	const edges: AwaitEdge[] = [];
	const live = tasks.filter((task) => !FINISHED.has(task.state));
	const awaitedBy = new Map<number, number[]>();
	const outgoing = new Map<number, AwaitEdge[]>();
	for (const waiter of live) {
		const awaits = waiter.awaits;
		// A woken task has left its await already in CPython's eyes only once it runs; until
		// then what it awaited is finished, and finished tasks are not in the graph.
		if (waiter.state !== 'waiting' || !awaits || !THROUGH_TASKS.has(awaits.kind)) continue;
		const mine: AwaitEdge[] = [];
		for (const id of awaits.tasks ?? []) {
			const task = tasks[id];
			if (!task || FINISHED.has(task.state)) continue;
			const edge: AwaitEdge = { waiter: waiter.id, task: id, via: awaits.kind };
			mine.push(edge);
			edges.push(edge);
			const by = awaitedBy.get(id) ?? [];
			if (!by.includes(waiter.id)) by.push(waiter.id);
			awaitedBy.set(id, by);
		}
		outgoing.set(waiter.id, mine);
	}
	for (const { waiter, task } of groups) {
		const from = tasks[waiter];
		const to = tasks[task];
		if (!from || !to || FINISHED.has(from.state) || FINISHED.has(to.state)) continue;
		const mine = outgoing.get(waiter) ?? [];
		// Waiting at the end of its `async with`, the owner names these tasks already.
		if (mine.some((edge) => edge.task === task)) continue;
		const edge: AwaitEdge = { waiter, task, via: 'taskgroup' };
		mine.push(edge);
		edges.push(edge);
		outgoing.set(waiter, mine);
		const by = awaitedBy.get(task) ?? [];
		if (!by.includes(waiter)) by.push(waiter);
		awaitedBy.set(task, by);
	}
	const nodes = live.map((task) => {
		const awaits = task.state === 'waiting' ? task.awaits : null;
		return {
			task: task.id,
			leaf: awaits && !THROUGH_TASKS.has(awaits.kind) ? awaits : null,
			awaits: outgoing.get(task.id) ?? [],
			awaitedBy: [...(awaitedBy.get(task.id) ?? [])].sort((a, b) => a - b)
		};
	});
	return {
		nodes,
		edges,
		roots: nodes.filter((node) => node.awaitedBy.length === 0).map((node) => node.task)
	};
}

/** A task in the graph drawn as a tree: what it waits on, and under it the tasks it awaits. */
export interface AwaitTreeNode {
	readonly task: number;
	/** What it awaits that is not a task (a sleep, a lock, a queue), or null. */
	readonly leaf: Awaitable | null;
	/** The tasks it awaits, in the order it names them. */
	readonly children: readonly AwaitTreeChild[];
}

/** One awaited task under its waiter. */
export interface AwaitTreeChild {
	readonly task: number;
	readonly via: Awaitable['kind'];
	/** Its own subtree; null where the tree would loop back to a task above it (a deadlock). */
	readonly node: AwaitTreeNode | null;
}

/** The graph as trees: one per task no live task awaits, in task order. */
export interface AwaitTree {
	readonly roots: readonly AwaitTreeNode[];
}

const same = <T>(a: readonly T[], b: readonly T[]): boolean =>
	a.length === b.length && a.every((item, i) => item === b[i]);

/**
 * The await graph as trees, step after step of one run. Each tree shares with the one before it
 * every subtree that did not change (the tree itself when nothing did): a view keyed by identity
 * then redraws only the rows that changed, where rebuilding the rows of a gather over 1,000 tasks
 * at every step of a drag cost more than the rest of the panel.
 */
export class AwaitTrees {
	#shown = new Map<number, AwaitTreeNode>();
	#tree: AwaitTree = { roots: [] };

	/** The tree of `graph`, sharing what it can with the one returned last. */
	of(graph: AwaitGraph): AwaitTree {
		const byTask = new Map(graph.nodes.map((node) => [node.task, node]));
		const built = new Map<number, AwaitTreeNode>();
		const before = this.#shown;
		// `above`: the tasks on the way down, to cut a cycle where it closes. A subtree that met
		// no cut is the same wherever it hangs: built once.
		const build = (task: number, above: Set<number>): { node: AwaitTreeNode; cut: boolean } => {
			const done = built.get(task);
			if (done) return { node: done, cut: false };
			const source = byTask.get(task);
			let cut = false;
			const old = before.get(task);
			const children = (source?.awaits ?? []).map((edge, i): AwaitTreeChild => {
				let node: AwaitTreeNode | null = null;
				if (!above.has(edge.task) && byTask.has(edge.task)) {
					above.add(edge.task);
					const sub = build(edge.task, above);
					above.delete(edge.task);
					node = sub.node;
					cut ||= sub.cut;
				} else cut = true;
				const was = old?.children[i];
				return was && was.task === edge.task && was.via === edge.via && was.node === node
					? was
					: { task: edge.task, via: edge.via, node };
			});
			const leaf = source?.leaf ?? null;
			const node: AwaitTreeNode =
				old && old.leaf === leaf && same(old.children, children) ? old : { task, leaf, children };
			if (!cut) built.set(task, node);
			return { node, cut };
		};
		const roots = graph.roots.map((task) => build(task, new Set([task])).node);
		this.#shown = built;
		if (!same(this.#tree.roots, roots)) this.#tree = { roots };
		return this.#tree;
	}
}
