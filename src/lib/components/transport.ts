/**
 * The transport buttons shared by the playground's controls and the embed's bar: one
 * list, so a label, an icon or a shortcut hint changes in one place.
 */
import type { Player } from '$lib/player/player.svelte';
import type { IconName } from './Icon.svelte';

/** One transport button (play/pause is drawn apart: its label changes). */
export interface TransportAction {
	/** The accessible name, which e2e tests and screen readers use. */
	label: string;
	/** The tooltip, naming the keyboard shortcut. */
	title: string;
	icon: IconName;
	run: (player: Player) => void;
}

const action = (
	label: string,
	shortcut: string,
	icon: IconName,
	run: (player: Player) => void
): TransportAction => ({ label, title: `${label} (${shortcut})`, icon, run });

/** Before play/pause, in the playground. */
export const BEFORE_PLAY: TransportAction[] = [
	action('Go to start', 'Home', 'start', (player) => player.toStart()),
	action('Previous loop iteration', 'Shift+←', 'prevIteration', (player) => player.prevIteration()),
	action('Step back', '←', 'back', (player) => player.stepBack())
];

/** After play/pause, in the playground. */
export const AFTER_PLAY: TransportAction[] = [
	action('Step forward', '→', 'forward', (player) => player.stepForward()),
	action('Next loop iteration', 'Shift+→', 'nextIteration', (player) => player.nextIteration()),
	action('Go to end', 'End', 'end', (player) => player.toEnd())
];

/** The iteration jumps, which a small embed leaves out. */
export const ITERATION_LABELS = new Set(['Previous loop iteration', 'Next loop iteration']);
