/**
 * The ready queue and the timers as the replay keeps them. Each belongs to one world and is
 * updated in place (a checkpoint clones it), so that every operation the reducer makes costs
 * O(1) amortised, whatever the queue's length: a run that creates 60,000 tasks in one step
 * queues 60,000 steps, and copying the queue on each of them made replaying it quadratic.
 *
 * Entries removed from the middle are marked dead and skipped, then swept out once they
 * outnumber the live ones. Lookups (a task's entries, its step, the first plain callback, a
 * task's timers) go through an index built on first use (a short queue is scanned instead: most queues hold a handful of entries).
 */
import type { ReadyItem, Timer } from '../trace/schema';
import type { ActiveThread } from './types';

// Lookup keys are numbers: building an index of 100,000 entries with string keys cost
// hundreds of milliseconds in allocations alone.
type Key = number;

// Below this many entries a scan is cheaper than keeping an index up to date.
const INDEX_FROM = 32;
// Longer lists are scanned this many times before an index is built for them.
const SCANS_BEFORE_INDEX = 2;

/**
 * Values in the order they were pushed, in parallel with dead marks; an index from key to
 * positions is built on demand and dropped when a sweep moves the positions.
 */
class EntryList<T> {
	#values: T[];
	#dead: boolean[];
	#head = 0;
	#deadCount = 0;
	#keys: (value: T) => Key[];
	#index: Map<Key, { at: number[]; from: number }> | null = null;
	// Lookups by scanning since the index was last dropped: a one-off lookup (a task ending
	// with 100,000 steps queued) scans; repeated ones build the index.
	#scans = 0;

	constructor(values: readonly T[], keys: (value: T) => Key[]) {
		this.#values = values.slice();
		this.#dead = values.map(() => false);
		this.#keys = keys;
	}

	get length(): number {
		return this.#values.length - this.#head - this.#deadCount;
	}

	/** Live values in order. */
	values(): T[] {
		if (this.#deadCount === 0) return this.#values.slice(this.#head);
		const out: T[] = [];
		for (let k = this.#head; k < this.#values.length; k++)
			if (!this.#dead[k]) out.push(this.#values[k]);
		return out;
	}

	/** The first live value, if any (the head is always live: see {@link kill}). */
	head(): T | undefined {
		return this.#head < this.#values.length ? this.#values[this.#head] : undefined;
	}

	/** A copy with its own marks (the values themselves are immutable and shared). */
	clone(): EntryList<T> {
		return new EntryList(this.values(), this.#keys);
	}

	/** The value at a position from {@link first} or {@link all}. */
	at(position: number): T {
		return this.#values[position];
	}

	/** Puts `value` at the back. */
	push(value: T): void {
		const at = this.#values.length;
		this.#values.push(value);
		this.#dead.push(false);
		if (this.#index)
			for (const key of this.#keys(value)) {
				const slot = this.#index.get(key);
				if (slot) slot.at.push(at);
				else this.#index.set(key, { at: [at], from: 0 });
			}
	}

	/** The position of the first live value with `key`, or -1. */
	first(key: Key): number {
		if (!this.#index && this.#scanNext()) {
			for (let k = this.#head; k < this.#values.length; k++)
				if (!this.#dead[k] && this.#keys(this.#values[k]).includes(key)) return k;
			return -1;
		}
		const slot = this.#indexed().get(key);
		if (!slot) return -1;
		while (slot.from < slot.at.length && this.#dead[slot.at[slot.from]]) slot.from++;
		return slot.from < slot.at.length ? slot.at[slot.from] : -1;
	}

	/** The positions of every live value with `key`, in order. */
	all(key: Key): number[] {
		const out: number[] = [];
		if (!this.#index && this.#scanNext()) {
			for (let k = this.#head; k < this.#values.length; k++)
				if (!this.#dead[k] && this.#keys(this.#values[k]).includes(key)) out.push(k);
			return out;
		}
		const slot = this.#indexed().get(key);
		if (slot)
			for (let k = slot.from; k < slot.at.length; k++)
				if (!this.#dead[slot.at[k]]) out.push(slot.at[k]);
		return out;
	}

	/** Removes the live values from the head through `position`, and returns them in order. */
	takeThrough(position: number): T[] {
		const taken: T[] = [];
		const positions: number[] = [];
		for (let k = this.#head; k <= position; k++)
			if (!this.#dead[k]) {
				taken.push(this.#values[k]);
				positions.push(k);
			}
		this.kill(positions);
		return taken;
	}

	/**
	 * Marks the values at `positions` (from one {@link first} or {@link all} call) removed.
	 * Positions stay valid until the end of the call.
	 */
	kill(positions: readonly number[]): void {
		for (const position of positions) {
			if (this.#dead[position]) continue;
			this.#dead[position] = true;
			this.#deadCount++;
		}
		// The queue is FIFO: the head leaving only moves an offset.
		while (this.#head < this.#values.length && this.#dead[this.#head]) {
			this.#head++;
			this.#deadCount--;
		}
		if (
			(this.#deadCount > 16 && this.#deadCount > this.length) ||
			(this.#head > 64 && this.#head * 2 > this.#values.length)
		)
			this.#sweep();
	}

	#scanNext(): boolean {
		return this.#values.length - this.#head < INDEX_FROM || ++this.#scans <= SCANS_BEFORE_INDEX;
	}

	#sweep(): void {
		this.#scans = 0;
		this.#values = this.values();
		this.#dead = this.#values.map(() => false);
		this.#head = 0;
		this.#deadCount = 0;
		this.#index = null;
	}

	#indexed(): Map<Key, { at: number[]; from: number }> {
		if (this.#index) return this.#index;
		const index = new Map<Key, { at: number[]; from: number }>();
		for (let k = this.#head; k < this.#values.length; k++) {
			if (this.#dead[k]) continue;
			for (const key of this.#keys(this.#values[k])) {
				const slot = index.get(key);
				if (slot) slot.at.push(k);
				else index.set(key, { at: [k], from: 0 });
			}
		}
		this.#index = index;
		return index;
	}
}

/** Whether a ready-queue entry is a task's step (rather than a callback). */
export function isStepItem(item: ReadyItem): boolean {
	return (
		item.task !== null &&
		(item.what === 'start' || item.what === 'resume' || item.what === 'wakeup')
	);
}

/** Which ready entry an operation looks for: a task's step, or the first plain callback. */
export type ReadyMatch = { readonly stepOf: number } | { readonly callback: true };

// A task's entries: 2·task + 2 (null: 0); its steps: 2·task + 3; plain callbacks: 1.
const taskKey = (task: number | null): Key => (task === null ? 0 : 2 * task + 2);
const STEP_OFFSET = 1;
const CALLBACK_KEY: Key = 1;

const readyKeys = (item: ReadyItem): Key[] => [
	taskKey(item.task),
	isStepItem(item) ? taskKey(item.task) + STEP_OFFSET : CALLBACK_KEY
];

const matchKey = (match: ReadyMatch): Key =>
	'stepOf' in match ? taskKey(match.stepOf) + STEP_OFFSET : CALLBACK_KEY;

/**
 * A FIFO ready queue: the loop's own list from the latest loop_iteration (`base`), then what
 * was queued since (`added`), which runs in the next iteration.
 */
export class ReadyQueue {
	#base: EntryList<ReadyItem>;
	#added: EntryList<ReadyItem>;

	/** A queue whose loop list is `items`, in order. */
	constructor(items: readonly ReadyItem[] = []) {
		this.#base = new EntryList(items, readyKeys);
		this.#added = new EntryList<ReadyItem>([], readyKeys);
	}

	/** Number of entries. */
	get length(): number {
		return this.#base.length + this.#added.length;
	}

	/** The entries in order. */
	items(): ReadyItem[] {
		return [...this.#base.values(), ...this.#added.values()];
	}

	/** Puts `item` at the back. */
	push(item: ReadyItem): void {
		this.#added.push(item);
	}

	/**
	 * The loop runs, in FIFO order, every entry of its own list up to and including the first
	 * that matches (callbacks the recorder runs silently, such as a sleep's timer, go with it);
	 * `ran` gets each entry taken. Entries queued since the iteration began run in the next
	 * one: one of them matches only when the loop's list was cut short, and then only it is
	 * taken.
	 */
	runThrough(match: ReadyMatch, ran: (item: ReadyItem) => void): void {
		const key = matchKey(match);
		const at = this.#base.first(key);
		if (at >= 0) {
			for (const item of this.#base.takeThrough(at)) ran(item);
			return;
		}
		const added = this.#added.first(key);
		if (added < 0) return;
		ran(this.#added.at(added));
		this.#added.kill([added]);
	}

	/** Removes every entry of `task`; what remains becomes the loop's list. */
	removeAll(task: number): void {
		const key = taskKey(task);
		if (this.#base.first(key) < 0 && this.#added.first(key) < 0) return;
		this.#base = new EntryList(
			this.items().filter((item) => item.task !== task),
			readyKeys
		);
		this.#added = new EntryList<ReadyItem>([], readyKeys);
	}

	/** A copy that later changes to either cannot disturb. */
	clone(): ReadyQueue {
		const copy = new ReadyQueue();
		copy.#base = this.#base.clone();
		copy.#added = this.#added.clone();
		return copy;
	}
}

const timerKeys = (timer: Timer): Key[] => [taskKey(timer.task)];

/**
 * Pending timers: the loop's list from the latest loop_iteration (in firing order), and the
 * timers set since; a set one fires after listed ones with the same deadline.
 */
export class TimerSet {
	#base: EntryList<Timer>;
	#added: EntryList<Timer>;

	/** The timers of `listed`, already in firing order. */
	constructor(listed: readonly Timer[] = []) {
		this.#base = new EntryList(listed, timerKeys);
		this.#added = new EntryList<Timer>([], timerKeys);
	}

	/** Number of timers. */
	get length(): number {
		return this.#base.length + this.#added.length;
	}

	/** All pending timers, in the order they fire: by deadline, then in the order they were set. */
	items(): Timer[] {
		const base = this.#base.values();
		// Kept in the order set, sorted only here: inserting in order cost O(timers) each time.
		// The sort is stable, so timers due together stay in the order they were set.
		const added = this.#added.values().sort((a, b) => a.when - b.when);
		if (added.length === 0) return base;
		const merged: Timer[] = [];
		let j = 0;
		for (const timer of base) {
			while (j < added.length && added[j].when < timer.when) merged.push(added[j++]);
			merged.push(timer);
		}
		while (j < added.length) merged.push(added[j++]);
		return merged;
	}

	/** Whether `task` has a timer due at `when`. */
	has(task: number | null, when: number): boolean {
		return [this.#base, this.#added].some((list) =>
			list.all(taskKey(task)).some((at) => list.at(at).when === when)
		);
	}

	/** Adds a timer, after those with the same deadline (they were set earlier). */
	add(timer: Timer): void {
		this.#added.push(timer);
	}

	/** Removes `task`'s timers, or only those due at or before `dueBy`. */
	removeOf(task: number | null, dueBy = Number.POSITIVE_INFINITY): void {
		for (const list of [this.#base, this.#added])
			list.kill(list.all(taskKey(task)).filter((at) => list.at(at).when <= dueBy));
	}

	/** A copy that later changes to either cannot disturb. */
	clone(): TimerSet {
		const copy = new TimerSet();
		copy.#base = this.#base.clone();
		copy.#added = this.#added.clone();
		return copy;
	}
}

const threadKeys = (thread: ActiveThread): Key[] => [thread.worker];

/**
 * Work in flight on worker threads, in the order it started. Changed in place, like the
 * queues above, and cloned only by a checkpoint: a copy per thread_start made a run of
 * 100,000 unfinished jobs quadratic (35 s and 933 MB for a 330 kB link).
 */
export class ThreadList {
	#list: EntryList<ActiveThread>;

	/** The threads of `running`, in the order they started. */
	constructor(running: readonly ActiveThread[] = []) {
		this.#list = new EntryList(running, threadKeys);
	}

	/** Number of threads at work. */
	get length(): number {
		return this.#list.length;
	}

	/** The threads at work, in the order they started. */
	items(): ActiveThread[] {
		return this.#list.values();
	}

	/** The thread that started first, if any is at work. */
	first(): ActiveThread | undefined {
		return this.#list.head();
	}

	/** A job starts on a worker. */
	start(thread: ActiveThread): void {
		this.#list.push(thread);
	}

	/** The oldest job on `worker` ends (nothing happens when none is at work). */
	end(worker: number): void {
		const at = this.#list.first(worker);
		if (at >= 0) this.#list.kill([at]);
	}

	/** A copy that later changes to either cannot disturb. */
	clone(): ThreadList {
		const copy = new ThreadList();
		copy.#list = this.#list.clone();
		return copy;
	}
}
