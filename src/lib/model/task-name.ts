/**
 * The one way to name a task, for narration, panels, lanes, tooltips, code marks and Compare.
 * A learner knows a task by what it runs (`fetch_user(1)`, its label); where two tasks share a
 * label, asyncio's own name tells them apart (`fetch_user(1) (Task-3)`).
 */
import type { TraceTask } from '../trace/schema';

/**
 * `call`: what the task runs, disambiguated (`fetch_user(1)`; narration, Compare); `asyncio`:
 * asyncio's name (`Task-2`; the controls, code marks); `both`: `Task-2 · fetch_user(1)` (lanes,
 * panels, tooltips).
 */
export type TaskNameStyle = 'call' | 'asyncio' | 'both';

type Named = Pick<TraceTask, 'name' | 'label'>;

// Per tasks array (a trace's tasks never change): how many tasks share each label.
const labelCounts = new WeakMap<readonly Named[], Map<string, number>>();

function sharesLabel(tasks: readonly Named[], label: string): boolean {
	let counts = labelCounts.get(tasks);
	if (!counts) {
		counts = new Map();
		for (const task of tasks) counts.set(task.label, (counts.get(task.label) ?? 0) + 1);
		labelCounts.set(tasks, counts);
	}
	return (counts.get(label) ?? 0) > 1;
}

/** Task `id` of `tasks` (a trace's), named in `style`; `task 7` for an id the trace lacks. */
export function taskName(
	tasks: readonly Named[],
	id: number,
	style: TaskNameStyle = 'call'
): string {
	const task = tasks[id];
	if (!task) return `task ${id}`;
	if (style === 'asyncio') return task.name;
	if (style === 'both') return `${task.name} · ${task.label}`;
	if (!task.label) return task.name;
	return sharesLabel(tasks, task.label) ? `${task.label} (${task.name})` : task.label;
}
