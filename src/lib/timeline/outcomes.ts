/**
 * How each task ended, for the lane end markers (✕ failed, ⊘ cancelled) and their tooltips.
 */
import type { Trace } from '../trace/schema';

/** The end of one task. */
export interface Outcome {
	readonly outcome: 'result' | 'exception' | 'cancelled';
	readonly seq: number;
	/** repr of the result, shortened by the recorder. */
	readonly value?: string;
	readonly error?: { readonly type: string; readonly message: string };
}

/** Every finished task's outcome, by task id (the first `task_done` of a task counts). */
export function taskOutcomes(trace: Pick<Trace, 'events'>): Map<number, Outcome> {
	const out = new Map<number, Outcome>();
	for (const event of trace.events) {
		if (event.kind !== 'task_done' || out.has(event.task)) continue;
		out.set(event.task, {
			outcome: event.outcome,
			seq: event.seq,
			...(event.value !== undefined ? { value: event.value } : {}),
			...(event.error ? { error: { type: event.error.type, message: event.error.message } } : {})
		});
	}
	return out;
}

/** The mark drawn where a lane ends: none for a normal return. */
export function endMark(outcome: Outcome['outcome'] | undefined): '✕' | '⊘' | null {
	if (outcome === 'exception') return '✕';
	if (outcome === 'cancelled') return '⊘';
	return null;
}

/** Shortens `text` to at most `max` characters with an ellipsis. */
export function truncate(text: string, max: number): string {
	const chars = [...text];
	if (chars.length <= max) return text;
	if (max <= 1) return max === 1 ? '…' : '';
	return chars.slice(0, max - 1).join('') + '…';
}
