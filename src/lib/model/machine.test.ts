import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Trace } from '../trace/schema';
import { parseTrace } from '../trace/validate';
import { buildIndex } from './build-index';
import { machineOf, type Machine } from './machine';
import { isStepItem } from './queues';
import { seek } from './seek';
import { primitivesAt } from './primitives';
import { corpusRun, corpusRuns } from './testing';
import { FIXTURES } from './testing/fixtures';
import type { Snapshot } from './types';

const dir = new URL('../../../traces/', import.meta.url);
const files = existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.json')) : [];
const load = (name: string): Trace => {
	const parsed = parseTrace(readFileSync(new URL(name, dir), 'utf8'));
	if (!parsed.ok) throw new Error(`${name}: ${parsed.error}`);
	return parsed.trace;
};

/** Checks that every task is in exactly one place, and that the place is what the model says. */
function expectAgrees(snapshot: Snapshot, machine: Machine): void {
	const live = snapshot.tasks.filter((task) => task.state !== 'not_created');
	expect(machine.tokens.map((token) => token.task)).toEqual(live.map((task) => task.id));
	for (const token of machine.tokens) {
		const state = snapshot.tasks[token.task];
		expect(token.state).toBe(state.state);
		switch (token.place) {
			case 'running':
				expect(['running', 'blocked']).toContain(state.state);
				expect(machine.running).toBe(token.task);
				break;
			case 'ready': {
				if (token.slot < 0) {
					expect(['ready', 'created']).toContain(state.state);
					break;
				}
				const entry = machine.ready[token.slot];
				expect(entry.rider).toBe(token.task);
				expect(entry.item.task).toBe(token.task);
				if (isStepItem(entry.item)) expect(['ready', 'created']).toContain(state.state);
				else {
					expect(['waiting', 'ready']).toContain(state.state);
					expect(['sleep_done', 'timeout', 'thread_done']).toContain(entry.item.what);
				}
				break;
			}
			case 'timers':
				expect(state.state).toBe('waiting');
				expect(state.awaits?.kind).toBe('sleep');
				if (token.slot >= 0) expect(machine.timers[token.slot].timer.task).toBe(token.task);
				else expect(snapshot.timers.some((timer) => timer.task === token.task)).toBe(true);
				break;
			case 'threads':
				expect(state.state).toBe('waiting');
				expect(state.awaits?.kind).toBe('thread');
				break;
			case 'waiting':
				expect(state.state).toBe('waiting');
				if (token.group >= 0 && token.slot >= 0)
					expect(machine.waiting[token.group].tasks[token.slot]).toBe(token.task);
				break;
			case 'finished':
				expect(['done', 'failed', 'cancelled']).toContain(state.state);
				if (token.slot >= 0) expect(machine.finished[token.slot]).toBe(token.task);
				break;
		}
	}
	// Each shown entry carries at most the one token that is there, and no token is drawn twice.
	const riders = [
		...machine.ready.map((entry) => entry.rider),
		...machine.timers.map((entry) => entry.rider),
		...machine.threads.map((entry) => entry.rider),
		...machine.waiting.flatMap((group) => group.tasks),
		...machine.finished,
		machine.tokens.some((token) => token.place === 'running') ? machine.running : null
	].filter((rider) => rider !== null);
	expect(new Set(riders).size).toBe(riders.length);
}

function expectAgreesEverywhere(trace: Trace): void {
	const index = buildIndex(trace);
	for (let cursor = 0; cursor < trace.events.length; cursor++) {
		const snapshot = seek(index, cursor);
		expectAgrees(snapshot, machineOf(snapshot));
		const primitives = primitivesAt(trace, cursor);
		if (primitives.length) {
			const machine = machineOf(snapshot, undefined, primitives);
			expectAgrees(snapshot, machine);
			// Every primitive with a state is in view once: on its waiters' group, or on its own.
			const shown = [
				...machine.waiting.flatMap((group) => (group.primitive ? [group.primitive] : [])),
				...machine.values
			].map((view) => view.primitive.id);
			expect(shown.sort((a, b) => a - b)).toEqual(
				primitives.filter((view) => view.state).map((view) => view.primitive.id)
			);
		}
	}
}

describe('machineOf: each task in exactly one place, the one the model says', () => {
	it.each(files)('traces/%s', (name) => expectAgreesEverywhere(load(name)));
	it.each(Object.entries(FIXTURES))('fixture %s', (_, make) => expectAgreesEverywhere(make()));
	it.each(corpusRuns().map((run) => [run.name, run.trace] as const))('corpus %s', (_, trace) =>
		expectAgreesEverywhere(trace)
	);
});

describe('machineOf on get_users_batch', () => {
	const trace = load('get_users_batch.json');
	const index = buildIndex(trace);
	const at = (cursor: number) => machineOf(seek(index, cursor));
	const byName = (name: string) => trace.tasks.findIndex((task) => task.name === name);

	it('puts the three sleeping fetches on the timers and main in the gather', () => {
		// The last fetch has just suspended: all three sleep, the loop has not polled yet.
		const cursor = trace.events.findIndex(
			(event, k) =>
				event.kind === 'suspend' &&
				seek(index, k).tasks.filter((task) => task.awaits?.kind === 'sleep').length === 3
		);
		expect(cursor).toBeGreaterThan(0);
		const machine = at(cursor);
		expect(machine.phase).toBe('run');
		expect(machine.timers.map((entry) => entry.rider)).toEqual([
			byName('Task-2'),
			byName('Task-3'),
			byName('Task-4')
		]);
		expect(machine.timers.every((entry) => entry.timer.when === machine.timers[0].timer.when)).toBe(
			true
		);
		expect(machine.waiting).toHaveLength(1);
		expect(machine.waiting[0].kind).toBe('gather');
		expect(machine.waiting[0].tasks).toEqual([byName('Task-1')]);
		// The await graph: main awaits the three fetches through its gather.
		expect(machine.waiting[0].awaited).toEqual([
			byName('Task-2'),
			byName('Task-3'),
			byName('Task-4')
		]);
		expect(machine.waiting[0].primitive).toBeNull();
		expect(machine.running).toBeNull();
		// The next turn: time jumps to the deadline and the three timers' callbacks are ready.
		const next = at(cursor + 1);
		expect(next.phase).toBe('poll');
		expect(next.ready.map((entry) => [entry.item.what, entry.rider])).toEqual([
			['sleep_done', byName('Task-2')],
			['sleep_done', byName('Task-3')],
			['sleep_done', byName('Task-4')]
		]);
	});

	it('walks a fetch from the timers through the ready queue to the running slot, then sets it aside', () => {
		const task = byName('Task-2');
		const places: string[] = [];
		for (let cursor = 0; cursor < trace.events.length; cursor++) {
			const token = at(cursor).tokens.find((entry) => entry.task === task);
			if (token && places.at(-1) !== token.place) places.push(token.place);
		}
		expect(places).toEqual(['ready', 'running', 'timers', 'ready', 'running', 'finished']);
	});

	it('starts before the loop and ends with every task set aside', () => {
		expect(at(0).phase).toBe('start');
		const end = at(trace.events.length - 1);
		expect(end.phase).toBe('end');
		expect(end.tokens.every((token) => token.place === 'finished')).toBe(true);
		expect(end.finished).toHaveLength(trace.tasks.length);
	});
});

describe('machineOf with the queues and locks in view', () => {
	/** The machine at the first event of corpus program `name` that `find` picks. */
	function machineAt(name: string, find: (trace: Trace, cursor: number) => boolean) {
		const { trace } = corpusRun(name);
		const index = buildIndex(trace);
		const cursor = trace.events.findIndex((_, k) => find(trace, k));
		expect(cursor, name).toBeGreaterThan(0);
		return machineOf(seek(index, cursor), undefined, primitivesAt(trace, cursor));
	}

	it('names the lock two depositors wait on, and who holds it', () => {
		const machine = machineAt('lock', (trace, k) => {
			const event = trace.events[k];
			return event.kind === 'suspend' && event.awaits.kind === 'lock' && event.task === 3;
		});
		const group = machine.waiting.find((entry) => entry.kind === 'lock');
		expect(group?.tasks).toEqual([2, 3]);
		expect(group?.primitive?.primitive.name).toBe('lock');
		expect(group?.primitive?.state).toMatchObject({ locked: true, holder: 1 });
		expect(group?.awaited).toEqual([]);
		expect(machine.values).toEqual([]);
	});

	it('shows the items of a full queue on the producer waiting to put', () => {
		const machine = machineAt('queue_maxsize', (trace, k) => {
			const event = trace.events[k];
			return event.kind === 'suspend' && event.awaits.kind === 'queue_put';
		});
		const group = machine.waiting.find((entry) => entry.kind === 'queue_put');
		expect(group?.primitive?.state?.items).toEqual(['0', '1']);
		expect(group?.primitive?.primitive.maxsize).toBe(2);
	});

	it('keeps a queue nobody waits on in view, with its items', () => {
		const machine = machineAt('queue_maxsize', (trace, k) => {
			const state = primitivesAt(trace, k)[0]?.state;
			return (
				!!state && (state.size ?? 0) > 0 && state.waiters.length === 0 && !state.putters?.length
			);
		});
		expect(machine.values.map((view) => view.primitive.kind)).toEqual(['queue']);
		expect(machine.values[0].state?.items?.length).toBeGreaterThan(0);
	});
});

describe('machineOf caps', () => {
	it('shows the first entries of a long ready queue and counts the rest', () => {
		const trace = load('get_users_batch.json');
		const index = buildIndex(trace);
		const cursor = trace.events.findIndex((event) => event.kind === 'loop_iteration');
		const snapshot = seek(index, cursor);
		const caps = { ready: 1, timers: 1, groups: 1, perGroup: 1, threads: 1, finished: 1 };
		const machine = machineOf(snapshot, caps);
		expect(machine.ready.length).toBeLessThanOrEqual(1);
		expect(machine.ready.length + machine.readyMore).toBe(snapshot.ready.length);
		expectAgrees(snapshot, machine);
	});
});
