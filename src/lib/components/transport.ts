/**
 * The transport buttons shared by the playground's controls and the embed's bar: one
 * list, whose names and shortcut hints come from the keymap, so a button and its key
 * always say the same thing.
 */
import { PLAYER_KEYS, type KeyActions } from '$lib/player/keyboard';
import type { Player } from '$lib/player/player.svelte';
import type { IconName } from './Icon.svelte';

/** A player action a button can trigger. */
export type PlayerAction = keyof KeyActions;

/** One transport button (play/pause is drawn apart: its label changes). */
export interface TransportAction {
	/** The player action, as the keymap names it. */
	action: PlayerAction;
	/** The accessible name, which e2e tests and screen readers use. */
	label: string;
	/** The tooltip, naming the keyboard shortcut. */
	title: string;
	icon: IconName;
	run: (player: Player) => void;
}

/** The keymap's entry for a player action. */
export function keyOf(action: PlayerAction): { label: string; does: string } {
	const binding = PLAYER_KEYS.find((candidate) => candidate.action === action);
	return { label: binding?.label ?? '', does: binding?.does ?? action };
}

const button = (action: PlayerAction, icon: IconName): TransportAction => {
	const key = keyOf(action);
	return {
		action,
		label: key.does,
		title: `${key.does} (${key.label})`,
		icon,
		run: (player) => player[action]()
	};
};

/** Before play/pause, in the playground. */
export const BEFORE_PLAY: TransportAction[] = [
	button('toStart', 'start'),
	button('prevIteration', 'prevIteration'),
	button('stepBack', 'back')
];

/** After play/pause, in the playground. */
export const AFTER_PLAY: TransportAction[] = [
	button('stepForward', 'forward'),
	button('nextIteration', 'nextIteration'),
	button('toEnd', 'end')
];

/** The iteration jumps, which a small embed leaves out. */
export const ITERATION_ACTIONS: ReadonlySet<PlayerAction> = new Set([
	'prevIteration',
	'nextIteration'
]);
