/**
 * Opens the run on screen on another page of the app, in this tab, at the same moment: presenter
 * mode, the printable storyboard. The address carries the run as a share link does; a run too
 * long for a link is handed over in memory (see ./handoff).
 */
import { goto } from '$app/navigation';
import type { Player } from '$lib/player/player.svelte';
import { encodePermalink } from './permalink';
import { handOver } from './handoff';

/** Goes to `path` (a resolved route, e.g. `resolve('/present')`) with `player`'s run and moment. */
export async function openRunAt(path: string, player: Player): Promise<void> {
	const trace = player.trace;
	if (!trace) return;
	const at = {
		cursor: player.cursor,
		task: player.selectedTask,
		axis: player.axis,
		loopView: player.loopView
	};
	handOver({ trace, at });
	const { fragment } = await encodePermalink({
		code: trace.source.code,
		filename: trace.source.filename,
		trace,
		...at
	});
	// eslint-disable-next-line svelte/no-navigation-without-resolve -- resolved by the caller
	await goto(`${path}${fragment}`);
}
