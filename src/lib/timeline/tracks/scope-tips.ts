/**
 * What the tooltip says over a scope bracket or a cancellation path: the scope, the tasks it
 * covers, its deadline(s) and how it ended; the path from who asked to what became of the
 * CancelledError, with the task's cancelling() count.
 */
import type { TraceIndex } from '$lib/model';
import { scopeFacts } from '$lib/model/scopes';
import { fateText, pathLines } from '$lib/model/scopes-text';
import { formatSeconds } from '$lib/model/time-format';
import type { Tip, TipLine } from '../tooltip';
import { scopeTag } from './scope-brackets';

function nameOf(index: TraceIndex, task: number): string {
	return index.tables.names[task] ?? `task ${task}`;
}

/** The tooltip of scope `id`, or null if the trace has none such. */
export function scopeTip(index: TraceIndex, id: number): Tip | null {
	const scope = scopeFacts(index).scopes.find((s) => s.id === id);
	if (!scope) return null;
	const lines: TipLine[] = [];
	const events = index.trace.events;
	const t0 = events[scope.enterSeq]?.t ?? 0;
	const exit = scope.exitSeq !== null ? events[scope.exitSeq] : undefined;
	lines.push({ kind: 'text', text: `${scope.label} in ${nameOf(index, scope.owner)}` });
	const others = scope.covers.map((c) => c.task).filter((task) => task !== scope.owner);
	if (others.length > 0)
		lines.push({
			kind: 'text',
			text: `${scope.kind === 'shield' ? 'shields' : 'covers'} ${others.map((task) => nameOf(index, task)).join(', ')}`
		});
	const deadlines = scope.deadlines.filter((d) => d.at !== null);
	if (deadlines.length > 0)
		lines.push({
			kind: 'text',
			text: `deadline ${deadlines.map((d) => `t = ${formatSeconds(d.at ?? 0)}`).join(' → ')}`
		});
	if (exit) {
		const how = scope.error
			? `raises ${scope.error.type}${scope.body === 'CancelledError' && scope.error.type !== 'CancelledError' ? ' (from the CancelledError)' : ''}`
			: 'ends normally';
		lines.push({ kind: 'text', text: how });
		if (scope.cancellingAfter !== null && scope.cancellingAfter > 0)
			lines.push({ kind: 'text', text: `cancelling() = ${scope.cancellingAfter} after it` });
		lines.push({ kind: 'muted', text: `${formatSeconds(t0)} → ${formatSeconds(exit.t)}` });
	} else lines.push({ kind: 'muted', text: `from ${formatSeconds(t0)}, still open at the end` });
	// Where the Python that ran differs from the tutorials' (the recorder runs 3.14).
	if (scope.label.startsWith('asyncio.wait_for'))
		lines.push({
			kind: 'muted',
			text: 'Python 3.12+ runs wait_for as an asyncio.timeout around the await, in the same task; 3.11 wrapped a coroutine in a task of its own and cancelled that task at the deadline'
		});
	return { title: scopeTag(scope), lines };
}

/** The tooltip of cancellation path `n` (its index in scopeFacts(index).paths), or null. */
export function cancelTip(index: TraceIndex, n: number): Tip | null {
	const path = scopeFacts(index).paths[n];
	if (!path) return null;
	const lines: TipLine[] = pathLines(index, path)
		.slice(0, -1)
		.map((text) => ({ kind: 'text', text }));
	const fateScope =
		path.fateScope !== null
			? scopeFacts(index).scopes.find((s) => s.id === path.fateScope)
			: undefined;
	const fate = fateText(path.fate, fateScope);
	lines.push(
		path.fate === 'cancelled'
			? { kind: 'state', state: 'cancelled', text: fate }
			: { kind: 'text', text: fate }
	);
	return { title: `Cancellation of ${nameOf(index, path.target)}`, lines };
}
