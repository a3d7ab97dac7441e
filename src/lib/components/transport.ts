/**
 * The transport buttons shared by the playground's controls, the embed's bar and Compare's
 * shared cursor: one list, whose names and shortcut hints come from the keymap, so a button
 * and its key always say the same thing.
 */
import { PLAYER_KEYS, type KeyActions } from '$lib/player/keyboard';
import type { IconName } from './Icon.svelte';

/** A player action a button can trigger. */
export type PlayerAction = keyof KeyActions;

/**
 * What the transport buttons drive: one run's player, or Compare's cursor over two runs. The
 * loop-iteration jumps are there only where the transport has them (a player does).
 */
export interface Transport {
	/** Whether it is playing: the play button then pauses. */
	readonly playing: boolean;
	toggle(): void;
	toStart(): void;
	stepBack(): void;
	stepForward(): void;
	toEnd(): void;
	prevIteration?(): void;
	nextIteration?(): void;
}

/** A move a transport button makes (play/pause is drawn apart: its label changes). */
export type TransportMove = Exclude<keyof Transport, 'playing' | 'toggle'>;

/** One transport button. */
export interface TransportAction {
	/** The move, as the keymap names it. */
	action: TransportMove;
	/** The accessible name, which e2e tests and screen readers use. */
	label: string;
	/** The tooltip, naming the keyboard shortcut. */
	title: string;
	icon: IconName;
}

/** The keymap's entry for a player action. */
export function keyOf(action: PlayerAction): { label: string; does: string } {
	const binding = PLAYER_KEYS.find((candidate) => candidate.action === action);
	return { label: binding?.label ?? '', does: binding?.does ?? action };
}

const button = (action: TransportMove, icon: IconName): TransportAction => {
	const key = keyOf(action);
	return { action, label: key.does, title: `${key.does} (${key.label})`, icon };
};

/** Before play/pause. */
export const BEFORE_PLAY: TransportAction[] = [
	button('toStart', 'start'),
	button('prevIteration', 'prevIteration'),
	button('stepBack', 'back')
];

/** After play/pause. */
export const AFTER_PLAY: TransportAction[] = [
	button('stepForward', 'forward'),
	button('nextIteration', 'nextIteration'),
	button('toEnd', 'end')
];

/** The iteration jumps, which a small embed leaves out. */
export const ITERATION_ACTIONS: ReadonlySet<TransportMove> = new Set([
	'prevIteration',
	'nextIteration'
]);
