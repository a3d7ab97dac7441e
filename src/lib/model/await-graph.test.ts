import { describe, expect, it } from 'vitest';
import { awaitGraph } from './await-graph';
import { buildIndex } from './build-index';
import { seek } from './seek';
import { corpusRun } from './testing';

describe('the await graph', () => {
	it('links a gathering task to its unfinished children, and only while it waits', () => {
		const run = corpusRun('gather_results');
		const index = buildIndex(run.trace);
		const gather = run.trace.events.find(
			(event) => event.kind === 'suspend' && event.awaits.kind === 'gather'
		)!;
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
		const run = corpusRun('lock');
		const index = buildIndex(run.trace);
		const waiting = run.trace.events.find(
			(event) => event.kind === 'suspend' && event.awaits.kind === 'lock'
		)!;
		const graph = awaitGraph(seek(index, waiting.seq).tasks);
		const node = graph.nodes.find(
			(entry) => waiting.kind === 'suspend' && entry.task === waiting.task
		);
		expect(node?.leaf?.kind).toBe('lock');
		expect(node?.awaits).toEqual([]);
		expect(node?.awaitedBy).toEqual([0]);
	});

	it('is empty before any task exists', () => {
		const index = buildIndex(corpusRun('lock').trace);
		expect(awaitGraph(seek(index, 0).tasks)).toEqual({ nodes: [], edges: [], roots: [] });
	});
});
