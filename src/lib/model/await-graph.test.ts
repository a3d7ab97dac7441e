import { describe, expect, it } from 'vitest';
import { AwaitTrees, awaitGraph, type AwaitGraph, type AwaitTreeNode } from './await-graph';
import { buildIndex } from './build-index';
import { collectScopes, groupLinksAt } from './scopes';
import { seek } from './seek';
import { corpusRun } from './testing';
import type { Awaitable, EventOf } from '../trace/schema';

/** Corpus run `name`, indexed, and its first suspension on an awaitable of `kind`. */
function firstSuspendOn(name: string, kind: Awaitable['kind']) {
	const { trace } = corpusRun(name);
	const event = trace.events.find(
		(candidate): candidate is EventOf<'suspend'> =>
			candidate.kind === 'suspend' && candidate.awaits.kind === kind
	);
	if (!event) throw new Error(`${name}: no task suspends on a ${kind}`);
	return { index: buildIndex(trace), event };
}

describe('the await graph', () => {
	it('links a gathering task to its unfinished children, and only while it waits', () => {
		const { index, event: gather } = firstSuspendOn('gather_results', 'gather');
		const at = seek(index, gather.seq);
		const graph = awaitGraph(at.tasks);
		expect(graph.roots).toEqual([0]);
		expect(graph.nodes.find((node) => node.task === 0)?.awaits.map((edge) => edge.task)).toEqual([
			1, 2, 3
		]);
		for (const child of [1, 2, 3])
			expect(graph.nodes.find((node) => node.task === child)?.awaitedBy).toEqual([0]);
		// Each child that finishes leaves the graph; main keeps waiting on the rest.
		for (let seq = gather.seq; seq < index.length; seq++) {
			const snapshot = seek(index, seq);
			const g = awaitGraph(snapshot.tasks);
			const live = snapshot.tasks.filter((t) =>
				['ready', 'running', 'waiting', 'created'].includes(t.state)
			);
			expect(g.nodes.map((node) => node.task)).toEqual(live.map((task) => task.id));
			for (const edge of g.edges) {
				expect(snapshot.tasks[edge.waiter].state).toBe('waiting');
				expect(live.map((task) => task.id)).toContain(edge.task);
			}
		}
	});

	it('says what a task awaits that is not a task, and has no edges then', () => {
		const { index, event: waiting } = firstSuspendOn('lock', 'lock');
		const graph = awaitGraph(seek(index, waiting.seq).tasks);
		const node = graph.nodes.find((entry) => entry.task === waiting.task);
		expect(node?.leaf?.kind).toBe('lock');
		expect(node?.awaits).toEqual([]);
		expect(node?.awaitedBy).toEqual([0]);
	});

	it('is empty before any task exists', () => {
		const index = buildIndex(corpusRun('lock').trace);
		expect(awaitGraph(seek(index, 0).tasks)).toEqual({ nodes: [], edges: [], roots: [] });
	});

	it('links a TaskGroup’s owner to each task the group made, from create_task to its end', () => {
		for (const name of ['taskgroup_body', 'taskgroup_nested', 'timeout_in_taskgroup']) {
			const { trace } = corpusRun(name);
			const index = buildIndex(trace);
			const facts = collectScopes(trace.events);
			const groups = facts.scopes.filter((scope) => scope.kind === 'taskgroup');
			expect(groups.length, name).toBeGreaterThan(0);
			let running = 0;
			for (let seq = 0; seq < index.length; seq++) {
				const { tasks } = seek(index, seq);
				const graph = awaitGraph(tasks, groupLinksAt(facts, seq));
				const live = (task: number) =>
					!['not_created', 'done', 'failed', 'cancelled'].includes(tasks[task].state);
				for (const group of groups) {
					if (group.enterSeq > seq || (group.exitSeq !== null && group.exitSeq <= seq)) continue;
					for (const { task, seq: added } of group.covers) {
						if (task === group.owner) continue;
						const node = graph.nodes.find((entry) => entry.task === task);
						const linked = node?.awaitedBy.includes(group.owner) ?? false;
						expect(linked, `${name} @${seq}: ${group.owner} → ${task}`).toBe(
							added <= seq && live(task) && live(group.owner)
						);
						// Before its owner waits at the end of the block: the case the tasks' states miss.
						if (linked && tasks[group.owner].state !== 'waiting') running++;
					}
				}
				// Every edge joins two live tasks, and each link is one edge.
				for (const edge of graph.edges) expect(live(edge.waiter) && live(edge.task)).toBe(true);
				const keys = graph.edges.map((edge) => `${edge.waiter}>${edge.task}`);
				expect(new Set(keys).size, `${name} @${seq}`).toBe(keys.length);
			}
			expect(running, name).toBeGreaterThan(0);
		}
	});

	it('links an owner that awaits something else inside its block', () => {
		const { trace } = corpusRun('taskgroup_body');
		const index = buildIndex(trace);
		const facts = collectScopes(trace.events);
		// main sleeps 0.1 s inside the block: a.txt's task is in the group already.
		const sleep = trace.events.find(
			(event) => event.kind === 'suspend' && event.task === 0 && event.awaits.kind === 'sleep'
		)!;
		const graph = awaitGraph(seek(index, sleep.seq).tasks, groupLinksAt(facts, sleep.seq));
		const main = graph.nodes.find((node) => node.task === 0)!;
		expect(main.leaf?.label).toBe('asyncio.sleep(0.1)');
		expect(main.awaits).toEqual([{ waiter: 0, task: 1, via: 'taskgroup' }]);
		expect(graph.roots).toEqual([0]);
		// Without the groups' links, the tasks' states alone leave a.txt's task a root.
		expect(awaitGraph(seek(index, sleep.seq).tasks).roots).toEqual([0, 1]);
	});

	it('draws as trees that share, step after step, every row that did not change', () => {
		const run = corpusRun('gather_results');
		const index = buildIndex(run.trace);
		const trees = new AwaitTrees();
		// What the view shows of a node: its task, its leaf, and the same of each child.
		const text = (node: AwaitTreeNode): string =>
			`${node.task}${node.leaf ? `(${node.leaf.label})` : ''}[${node.children
				.map((child) => `${child.via}:${child.node ? text(child.node) : child.task}`)
				.join(',')}]`;
		let before = trees.of(awaitGraph([]));
		let beforeText = '';
		let shared = 0;
		for (let seq = 0; seq < index.length; seq++) {
			const graph = awaitGraph(seek(index, seq).tasks);
			const tree = trees.of(graph);
			// The same trees a fresh start draws.
			expect(tree.roots.map(text)).toEqual(new AwaitTrees().of(graph).roots.map(text));
			expect(tree.roots.map((root) => root.task)).toEqual(graph.roots);
			const now = tree.roots.map(text).join(' ');
			// Unchanged: the very same object, so nothing downstream redraws.
			if (now === beforeText) expect(tree).toBe(before);
			else expect(tree).not.toBe(before);
			// A child whose own subtree did not change keeps its node across a change above it.
			for (const root of tree.roots)
				for (const child of root.children) {
					const was = before.roots
						.find((r) => r.task === root.task)
						?.children.find((c) => c.task === child.task);
					if (was && child.node && was.node && text(was.node) === text(child.node)) {
						expect(child.node).toBe(was.node);
						shared++;
					}
				}
			before = tree;
			beforeText = now;
		}
		expect(shared).toBeGreaterThan(0);
	});

	it('cuts a cycle (a deadlock) where it closes', () => {
		const graph: AwaitGraph = {
			nodes: [
				{ task: 1, leaf: null, awaits: [{ waiter: 1, task: 2, via: 'task' }], awaitedBy: [2] },
				{ task: 2, leaf: null, awaits: [{ waiter: 2, task: 1, via: 'task' }], awaitedBy: [1] },
				{ task: 3, leaf: null, awaits: [{ waiter: 3, task: 1, via: 'task' }], awaitedBy: [] }
			],
			edges: [],
			roots: [3]
		};
		const [root] = new AwaitTrees().of(graph).roots;
		const one = root.children[0].node!;
		const two = one.children[0].node!;
		expect([root.task, one.task, two.task]).toEqual([3, 1, 2]);
		expect(two.children).toEqual([{ task: 1, via: 'task', node: null }]);
	});
});
