/**
 * The embed as an API: a slide (or any page framing `/embed/`) drives it with `postMessage` and
 * hears its state back. Pure: what a message asks for, and what the embed says; the page does
 * the moving. Every message is checked, so a host page cannot make the embed do anything but
 * step through the run it shows.
 *
 * To the embed: `{ type: 'loopscope', command, step? }` where command is one of
 * {@link EMBED_COMMANDS}; `seek` takes `step` (1-based, as the embed's `step=` option).
 * From the embed, after every move once a host has sent a command (`get` asks without moving):
 * `{ type: 'loopscope:state', step, steps, time, playing, predict, atEnd }`.
 */

/** What a host page can ask of the embed. */
export const EMBED_COMMANDS = [
	'next',
	'prev',
	'first',
	'last',
	'seek',
	'play',
	'pause',
	'predict-on',
	'predict-off',
	'get'
] as const;

/** One of {@link EMBED_COMMANDS}. */
export type EmbedCommandName = (typeof EMBED_COMMANDS)[number];

/** A host page's request, checked. */
export type EmbedCommand =
	{ command: Exclude<EmbedCommandName, 'seek'> } | { command: 'seek'; step: number };

/** What the embed tells its host after each move. */
export interface EmbedState {
	type: 'loopscope:state';
	/** The step on screen, from 1. */
	step: number;
	/** How many steps the run has. */
	steps: number;
	/** The virtual time at that step, in seconds. */
	time: number;
	playing: boolean;
	predict: boolean;
	atEnd: boolean;
}

/**
 * The command a message carries, or null when it is not one of ours (another library's message,
 * a malformed one): those are ignored without a word, as a page ignores messages it does not
 * know.
 */
export function parseEmbedCommand(data: unknown): EmbedCommand | null {
	if (typeof data !== 'object' || data === null) return null;
	const { type, command, step } = data as Record<string, unknown>;
	if (type !== 'loopscope' || typeof command !== 'string') return null;
	if (!(EMBED_COMMANDS as readonly string[]).includes(command)) return null;
	if (command === 'seek') {
		if (typeof step !== 'number' || !Number.isInteger(step) || step < 1) return null;
		return { command, step };
	}
	return { command: command as Exclude<EmbedCommandName, 'seek'> };
}

/** The state message for a player at `cursor` of `last + 1` steps. */
export function embedState(facts: {
	cursor: number;
	last: number;
	time: number;
	playing: boolean;
	predict: boolean;
}): EmbedState {
	return {
		type: 'loopscope:state',
		step: facts.cursor + 1,
		steps: facts.last + 1,
		time: facts.time,
		playing: facts.playing,
		predict: facts.predict,
		atEnd: facts.cursor >= facts.last
	};
}
