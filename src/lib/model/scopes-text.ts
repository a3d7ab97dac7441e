/**
 * Scopes and cancellations in words: the sentences narrate.ts says for `scope`,
 * `cancel_caught` and `uncancel` events, and for a `cancel` a TaskGroup or a timeout asks
 * for, naming the scope ("the TaskGroup on line 12 cancels Task-3 because Task-2 raised
 * ValueError"); and the lines of a cancellation path's tooltip.
 */
import type { EventOf } from '../trace/schema';
import type { TraceIndex } from './build-index';
import { scopeFacts, scopeName, type CancelPath, type Scope } from './scopes';
import { capitalize, code } from './text';
import { formatSeconds } from './time-format';

/** How the sentences name tasks and lines (the Narrator's own wording). */
export interface Namer {
	name(task: number): string;
	onLine(line: number | null): string;
}

function scopeOf(index: TraceIndex, id: number | undefined): Scope | undefined {
	return id === undefined ? undefined : scopeFacts(index).scopes.find((s) => s.id === id);
}

// `Task-2 raised ValueError`, from the task_done of the task that failed.
function failure(index: TraceIndex, names: Namer, task: number): string {
	for (const event of index.trace.events)
		if (event.kind === 'task_done' && event.task === task && event.error)
			return `${names.name(task)} raised ${event.error.type}`;
	return `${names.name(task)} failed`;
}

/** The sentence for a `cancel` that names its scope, or null (narrate.ts words it then). */
export function scopedCancelSentence(
	index: TraceIndex,
	names: Namer,
	event: EventOf<'cancel'>
): string | null {
	const scope = scopeOf(index, event.scope);
	if (!scope) return null;
	const target = names.name(event.task);
	const count = cancelCount(index, event);
	if (event.via === 'timeout') {
		const convert =
			scope.owner === event.task
				? `; leaving the scope, the timeout turns it into TimeoutError`
				: '';
		return `${capitalize(scopeName(scope))} has reached its deadline, so it cancels ${target}${count}: a CancelledError is thrown in at the await ${target} is paused on${convert}.`;
	}
	if (event.via === 'taskgroup') {
		const why =
			event.by !== null && event.by !== event.task
				? ` because ${failure(index, names, event.by)}`
				: '';
		const what =
			scope.owner === event.task ? `the task running its \`async with\` body` : 'one of its tasks';
		return `${capitalize(scopeName(scope))} cancels ${target} (${what})${why}${count}: a CancelledError is thrown in at its await.`;
	}
	return null;
}

// `, whose cancelling() count is now 2`: said when it is more than one (nested scopes).
function cancelCount(index: TraceIndex, event: EventOf<'cancel'>): string {
	const path = scopeFacts(index).paths.find((p) => p.seq === event.seq);
	return path && path.cancelling > 1
		? ` (its cancelling() count is now ${path.cancelling}: more than one request is pending)`
		: '';
}

/** The sentence for a `scope` event. */
export function scopeSentence(index: TraceIndex, names: Namer, event: EventOf<'scope'>): string {
	const scope = scopeOf(index, event.scope);
	const who = names.name(event.task);
	const name = scope ? scopeName(scope) : 'a scope';
	switch (event.op) {
		case 'enter': {
			if (event.scope_kind === 'taskgroup')
				return `${who} enters ${code('async with asyncio.TaskGroup()')}${names.onLine(event.line)}: every task created in the group belongs to it, and the block ends only when all of them have finished; if one fails, the group cancels the others.`;
			if (event.scope_kind === 'shield')
				return `${who} awaits ${code('asyncio.shield()')}${names.onLine(event.line)}: cancelling ${who} will not cancel the shielded task, which goes on.`;
			const deadline =
				event.deadline !== null && event.deadline !== undefined
					? `its deadline is t = ${formatSeconds(event.deadline)}`
					: 'it has no deadline';
			return `${who} enters ${code(event.label ?? 'asyncio.timeout()')}${names.onLine(event.line)}: ${deadline}; if the block has not finished by then, ${who} is cancelled and the cancellation becomes TimeoutError.`;
		}
		case 'add':
			return event.child !== undefined
				? `${capitalize(name)} (in ${who}) now covers ${names.name(event.child)} too.`
				: `${capitalize(name)} (in ${who}) covers one more task.`;
		case 'deadline':
			return `${capitalize(name)} (in ${who}) is rescheduled: its deadline is now ${event.deadline !== null && event.deadline !== undefined ? `t = ${formatSeconds(event.deadline)}` : 'none'}.`;
		case 'exit':
			return exitSentence(name, who, event);
	}
}

function exitSentence(name: string, who: string, event: EventOf<'scope'>): string {
	const left = capitalize(name);
	const count =
		typeof event.cancelling === 'number' && event.cancelling > 0
			? ` ${who}'s cancelling() count is still ${event.cancelling}.`
			: '';
	const error = event.error;
	if (!error) {
		if (event.body === 'CancelledError')
			return `${left} ends; the CancelledError was dealt with inside it, and ${who} goes on.${count}`;
		return `${left} ends: ${who} goes on after it.${count}`;
	}
	if (error.type === 'TimeoutError' && event.body === 'CancelledError')
		return `${left} has expired, so it turns the CancelledError into TimeoutError, which ${who} now sees.${count}`;
	if (error.type.endsWith('ExceptionGroup'))
		return `${left} has waited for all its tasks and raises ${error.type} in ${who}: ${code(error.message)}, gathering the failures.${count}`;
	if (error.type === 'CancelledError')
		return `${left} ends, passing the CancelledError on: ${who} is being cancelled.${count}`;
	return `${left} ends, and ${error.type} goes on out of it in ${who}.${count}`;
}

/** The sentence for a `cancel_caught` event. */
export function caughtSentence(names: Namer, event: EventOf<'cancel_caught'>): string {
	const who = names.name(event.task);
	const count =
		event.cancelling !== null
			? ` Its cancelling() count is ${event.cancelling}${event.cancelling > 0 ? ': the request is still pending (call uncancel() to go on as if it had not been made)' : ''}.`
			: '';
	if (event.op === 'reraised')
		return `${who} raises the CancelledError again${names.onLine(event.line)}, so the cancellation goes on.${count}`;
	return `${who} catches CancelledError${names.onLine(event.line)}.${count}`;
}

/** The sentence for an `uncancel` event. */
export function uncancelSentence(names: Namer, event: EventOf<'uncancel'>): string {
	return `${names.name(event.task)}'s cancellation request is taken back (uncancel()): its cancelling() count is now ${event.cancelling}.`;
}

/** A cancellation path in a few lines, for a tooltip. */
export function pathLines(index: TraceIndex, path: CancelPath): string[] {
	const names = index.tables.names;
	const name = (task: number): string => names[task] ?? `task ${task}`;
	const scope = scopeOf(index, path.scope ?? undefined);
	const fateScope = scopeOf(index, path.fateScope ?? undefined);
	const lines: string[] = [];
	// A task's name is said as Python spells it (`main()`), never capitalised.
	const asker = scope
		? capitalize(scopeName(scope))
		: path.by !== null
			? name(path.by)
			: 'A callback';
	const because =
		path.via === 'taskgroup' && path.by !== null && path.by !== path.target
			? ` because ${failure(index, { name, onLine: () => '' }, path.by)}`
			: '';
	lines.push(
		`${asker} cancels ${name(path.target)}${path.line !== null ? ` (line ${path.line})` : ''}${because}`
	);
	if (path.landSeq !== null)
		lines.push(
			`CancelledError lands${path.landLine !== null ? ` on line ${path.landLine}` : ''}; cancelling() = ${path.cancelling}`
		);
	if (path.caught) lines.push(`caught on line ${path.caught.line ?? '?'}`);
	if (path.reraised) lines.push(`raised again on line ${path.reraised.line ?? '?'}`);
	lines.push(fateText(path.fate, fateScope));
	return lines;
}

/** What became of a cancellation, in a few words. */
export function fateText(fate: CancelPath['fate'], scope?: Scope): string {
	switch (fate) {
		case 'caught':
			return 'caught: the task goes on';
		case 'cancelled':
			return 'the task ends cancelled';
		case 'timeout':
			return `turned into TimeoutError by ${scope ? scopeName(scope) : 'the timeout'}`;
		case 'group':
			return `gathered into an ExceptionGroup by ${scope ? scopeName(scope) : 'the TaskGroup'}`;
		case 'raised':
			return 'the task ends with another exception';
		case 'pending':
			return 'not settled by the end of the run';
	}
}
