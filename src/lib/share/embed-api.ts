/**
 * The embed as an API: a slide (or any page framing `/embed/`) drives it with `postMessage` and
 * hears its state back. Pure: what a message asks for, and what the embed says; the page does
 * the moving. Every message is checked, so a host page cannot make the embed do anything but
 * step through the run it shows.
 *
 * To the embed: `{ type: 'loopscope', command, step? }` where command is one of
 * {@link EMBED_COMMANDS}; `seek` takes `step` (1-based, as the embed's `step=` option).
 * The same requests also read as `{ type: 'loopscope:goto', step }`, `{ type: 'loopscope:step',
 * by }` (steps forward or, negative, back), `{ type: 'loopscope:play' }`,
 * `{ type: 'loopscope:pause' }` and `{ type: 'loopscope:predict', on }`.
 * From the embed, after every move once a host has sent a command (`get` asks without moving):
 * `{ type: 'loopscope:state', step, steps, time, playing, predict, question, atEnd,
 * walkthrough }`. In a walkthrough (`/embed/#w1.…`), next / prev and steps of ±1 move through
 * its steps, and `walkthrough` says which: `{ step, steps, asking }` (null in a plain run).
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
	| { command: Exclude<EmbedCommandName, 'seek'> }
	| { command: 'seek'; step: number }
	| { command: 'step'; by: number };

/** The most steps one `loopscope:step` message moves (a slide deck moves one or a few). */
export const MAX_STEP_BY = 1_000_000;

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
	/** The open predict question, as its prompt reads, or null. */
	question: string | null;
	atEnd: boolean;
	/** In a walkthrough: its step (from 1; 0 before the first), of how many, and whether the
	 * step's question is open (its caption not shown yet); null in a plain run. */
	walkthrough: EmbedWalkthroughState | null;
}

/** Where a walkthrough in the embed is. */
export interface EmbedWalkthroughState {
	step: number;
	steps: number;
	asking: boolean;
}

/**
 * The command a message carries, or null when it is not one of ours (another library's message,
 * a malformed one): those are ignored without a word, as a page ignores messages it does not
 * know.
 */
export function parseEmbedCommand(data: unknown): EmbedCommand | null {
	if (typeof data !== 'object' || data === null) return null;
	const { type, command, step, by, on } = data as Record<string, unknown>;
	switch (type) {
		case 'loopscope:goto':
			return isStep(step) ? { command: 'seek', step } : null;
		case 'loopscope:step':
			return typeof by === 'number' && Number.isInteger(by) && Math.abs(by) <= MAX_STEP_BY
				? { command: 'step', by }
				: null;
		case 'loopscope:play':
			return { command: 'play' };
		case 'loopscope:pause':
			return { command: 'pause' };
		case 'loopscope:predict':
			return typeof on === 'boolean' ? { command: on ? 'predict-on' : 'predict-off' } : null;
	}
	if (type !== 'loopscope' || typeof command !== 'string') return null;
	if (!(EMBED_COMMANDS as readonly string[]).includes(command)) return null;
	if (command === 'seek') return isStep(step) ? { command, step } : null;
	return { command: command as Exclude<EmbedCommandName, 'seek'> };
}

// A step number as the embed's `step=` option reads it: a whole number from 1.
function isStep(step: unknown): step is number {
	return typeof step === 'number' && Number.isInteger(step) && step >= 1;
}

/** The state message for a player at `cursor` of `last + 1` steps. */
export function embedState(facts: {
	cursor: number;
	last: number;
	time: number;
	playing: boolean;
	predict: boolean;
	question?: string | null;
	walkthrough?: EmbedWalkthroughState | null;
}): EmbedState {
	return {
		type: 'loopscope:state',
		step: facts.cursor + 1,
		steps: facts.last + 1,
		time: facts.time,
		playing: facts.playing,
		predict: facts.predict,
		question: facts.question ?? null,
		atEnd: facts.cursor >= facts.last,
		walkthrough: facts.walkthrough ?? null
	};
}
