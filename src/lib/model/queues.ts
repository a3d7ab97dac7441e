/**
 * The ready queue and the timers as the replay keeps them: the loop's own list from the
 * latest loop_iteration (shared, never copied) plus what changed since. A task's step
 * leaving the queue is nearly always its head (FIFO), which only moves an offset, so
 * replaying a step costs O(1) instead of copying a queue of fifty entries.
 */
import type { ReadyItem, Timer } from '../trace/schema';

/** A FIFO ready queue: `base[head..]` then `added`. Immutable: operations return a new one. */
export interface ReadyQueue {
	readonly base: readonly ReadyItem[];
	readonly head: number;
	readonly added: readonly ReadyItem[];
}

/** Pending timers: the loop's list, then timers set since, each sorted by deadline. */
export interface TimerSet {
	readonly base: readonly Timer[];
	readonly added: readonly Timer[];
}

/** An empty queue. */
export const NO_READY: ReadyQueue = { base: [], head: 0, added: [] };
/** No timers. */
export const NO_TIMERS: TimerSet = { base: [], added: [] };

/** The queue's entries in order. */
export function readyItems(queue: ReadyQueue): readonly ReadyItem[] {
	if (queue.head === 0 && queue.added.length === 0) return queue.base;
	return [...queue.base.slice(queue.head), ...queue.added];
}

/** Whether an entry matches. */
export function readyHas(queue: ReadyQueue, match: (item: ReadyItem) => boolean): boolean {
	for (let k = queue.head; k < queue.base.length; k++) if (match(queue.base[k])) return true;
	return queue.added.some(match);
}

/** The first entry that matches. */
export function readyFind(
	queue: ReadyQueue,
	match: (item: ReadyItem) => boolean
): ReadyItem | undefined {
	for (let k = queue.head; k < queue.base.length; k++)
		if (match(queue.base[k])) return queue.base[k];
	return queue.added.find(match);
}

/** The queue with `item` at the back. */
export function readyPush(queue: ReadyQueue, item: ReadyItem): ReadyQueue {
	return { ...queue, added: [...queue.added, item] };
}

/** The queue without its first entry that matches (unchanged if none does). */
export function readyRemove(queue: ReadyQueue, match: (item: ReadyItem) => boolean): ReadyQueue {
	const { base, head, added } = queue;
	if (head < base.length && match(base[head])) return { base, head: head + 1, added };
	for (let k = head + 1; k < base.length; k++)
		if (match(base[k]))
			return { base: [...base.slice(head, k), ...base.slice(k + 1)], head: 0, added };
	const at = added.findIndex(match);
	if (at < 0) return queue;
	return { base, head, added: [...added.slice(0, at), ...added.slice(at + 1)] };
}

/**
 * The queue after the loop has run, in FIFO order, every entry up to and including the
 * first of the loop's own list that matches (callbacks the recorder runs silently, such as
 * a sleep's timer, go with it). `ran` is called with each entry taken. Entries queued
 * since the iteration began (`added`) run in the next one; one of them matches only when
 * the loop's list was cut short, and then only it is taken.
 */
export function readyRunThrough(
	queue: ReadyQueue,
	match: (item: ReadyItem) => boolean,
	ran: (item: ReadyItem) => void
): ReadyQueue {
	const { base, head, added } = queue;
	for (let k = head; k < base.length; k++)
		if (match(base[k])) {
			for (let j = head; j <= k; j++) ran(base[j]);
			return { base, head: k + 1, added };
		}
	const at = added.findIndex(match);
	if (at < 0) return queue;
	ran(added[at]);
	return { base, head, added: [...added.slice(0, at), ...added.slice(at + 1)] };
}

/** The queue without any entry that matches. */
export function readyRemoveAll(queue: ReadyQueue, match: (item: ReadyItem) => boolean): ReadyQueue {
	if (!readyHas(queue, match)) return queue;
	return { base: readyItems(queue).filter((item) => !match(item)), head: 0, added: [] };
}

/** All pending timers, in the order they fire: by deadline, then in the order they were set. */
export function timerItems(timers: TimerSet): readonly Timer[] {
	const { base, added } = timers;
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

/** Whether a timer matches. */
export function timerHas(timers: TimerSet, match: (timer: Timer) => boolean): boolean {
	return timers.base.some(match) || timers.added.some(match);
}

/** With a new timer, after those with the same deadline (they were set earlier). */
export function timerAdd(timers: TimerSet, timer: Timer): TimerSet {
	const added = timers.added;
	let at = added.length;
	while (at > 0 && added[at - 1].when > timer.when) at--;
	return { base: timers.base, added: [...added.slice(0, at), timer, ...added.slice(at)] };
}

/** Without the timers that match. */
export function timerRemoveAll(timers: TimerSet, match: (timer: Timer) => boolean): TimerSet {
	if (!timerHas(timers, match)) return timers;
	const keep = (timer: Timer): boolean => !match(timer);
	return { base: timers.base.filter(keep), added: timers.added.filter(keep) };
}
