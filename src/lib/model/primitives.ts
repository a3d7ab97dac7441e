/**
 * The program's queues, locks, semaphores, events and conditions at a cursor: what each holds,
 * who holds it and who waits on it. The recorder writes a primitive's whole state on the event
 * that ends a step that changed it (`sync`); here those states are folded once per trace into
 * a list of change points, and a cursor finds its state by binary search.
 */
import type { Primitive, PrimitiveState, Trace } from '../trace/schema';
import { lastAtOrBefore } from './geometry';

/** One primitive at a cursor. */
export interface PrimitiveView {
	readonly primitive: Primitive;
	/** Its state as the last step before the cursor left it; null before it was first seen. */
	readonly state: PrimitiveState | null;
	/** The seq of the event that recorded that state (-1 before). */
	readonly since: number;
}

interface PrimitiveTimeline {
	/** Seqs of the events that changed something, ascending. */
	readonly seqs: number[];
	/** The state of every primitive after each of those events (shared where unchanged). */
	readonly states: (readonly (PrimitiveState | null)[])[];
	/** The seq that recorded each primitive's state, after each of those events. */
	readonly sinces: (readonly number[])[];
}

const timelines = new WeakMap<Trace, PrimitiveTimeline>();

function timelineOf(trace: Trace): PrimitiveTimeline {
	let timeline = timelines.get(trace);
	if (timeline) return timeline;
	const count = trace.primitives?.length ?? 0;
	let states: (PrimitiveState | null)[] = new Array<PrimitiveState | null>(count).fill(null);
	let sinces: number[] = new Array<number>(count).fill(-1);
	timeline = { seqs: [], states: [], sinces: [] };
	if (count > 0)
		for (const event of trace.events) {
			if ((event.kind !== 'suspend' && event.kind !== 'task_done') || !event.sync) continue;
			states = [...states];
			sinces = [...sinces];
			for (const state of event.sync)
				if (state.id < count) {
					states[state.id] = state;
					sinces[state.id] = event.seq;
				}
			timeline.seqs.push(event.seq);
			timeline.states.push(states);
			timeline.sinces.push(sinces);
		}
	timelines.set(trace, timeline);
	return timeline;
}

/** Every primitive of the run at event `cursor`, in the order the program made them. */
export function primitivesAt(trace: Trace, cursor: number): readonly PrimitiveView[] {
	const primitives = trace.primitives ?? [];
	if (primitives.length === 0) return [];
	const timeline = timelineOf(trace);
	const at = lastAtOrBefore(timeline.seqs, cursor);
	const states = at >= 0 ? timeline.states[at] : null;
	const sinces = at >= 0 ? timeline.sinces[at] : null;
	return primitives.map((primitive, id) => ({
		primitive,
		state: states?.[id] ?? null,
		since: sinces?.[id] ?? -1
	}));
}

/** The primitive a suspension waits on, by its kind and the task that waits: the one whose
 * state at `cursor` lists `task` among its waiters (a queue's getters or putters, a
 * condition's waiters or those acquiring its lock). */
export function primitiveWaitedOn(
	views: readonly PrimitiveView[],
	task: number
): PrimitiveView | null {
	for (const view of views) {
		const state = view.state;
		if (!state) continue;
		if (
			state.waiters.includes(task) ||
			state.putters?.includes(task) ||
			state.acquiring?.includes(task)
		)
			return view;
	}
	return null;
}

/**
 * A primitive's state in a few words: `2 of 2 items: 'a', 'b'` (without the items when
 * `items` is false: a drawing shows them), `locked, held by Task-2`, `value 0`, `set`.
 */
export function primitiveSummary(
	view: PrimitiveView,
	name: (task: number) => string,
	items = true
): string {
	const { primitive, state } = view;
	if (!state) return 'not used yet';
	switch (primitive.kind) {
		case 'queue': {
			const size = state.size ?? 0;
			const of = primitive.maxsize ? ` of ${primitive.maxsize}` : '';
			const listed = state.items ?? [];
			const more = size > listed.length ? `, … ${size - listed.length} more` : '';
			const list = items && listed.length ? `: ${listed.join(', ')}${more}` : '';
			return `${size}${of} ${size === 1 && !of ? 'item' : 'items'}${list}`;
		}
		case 'lock':
		case 'condition':
			return state.locked
				? `locked, held by ${state.holder !== null && state.holder !== undefined ? name(state.holder) : 'a callback'}`
				: 'unlocked';
		case 'semaphore':
			return `value ${state.value ?? 0}`;
		case 'event':
			return state.set ? 'set' : 'not set';
	}
}
