/**
 * The embed's options, read from its query string:
 * `?example=get_users_batch&autoplay=1&step=12&axis=step&theme=dark&speed=8&predict=1&loop=machine&coach=1`.
 * Unknown or malformed values are ignored (an embed is pasted by hand into slides and blog
 * posts; a typo must not break it), and each is reported so the page can say so.
 */
import type { Axis } from '$lib/model';
import type { LoopView } from '$lib/model/machine';

/** The embed's options. */
export interface EmbedOptions {
	/** An example to show when there is no permalink fragment. */
	example: string | null;
	/** Start playing once loaded. */
	autoplay: boolean;
	/** The event to open at, counted from 1 as the controls show it (overrides the link's). */
	step: number | null;
	/** The timeline axis (overrides the link's). */
	axis: Axis | null;
	/** Colour theme; `auto` follows the reader's system. */
	theme: 'light' | 'dark' | 'auto';
	/** Playback speed in events per second, or null for the default. */
	speed: number | null;
	/** Start in predict mode: the future hidden, stopping at each question. */
	predict: boolean;
	/** The loop panel's view: its lists or the machine (overrides the link's). */
	loop: LoopView | null;
	/** Show the coaching notes on the run's gotchas (the playground and lessons always do). */
	coach: boolean;
	/** Options that were present but not understood, as `name=value`. */
	ignored: string[];
}

/**
 * What to tell the reader about options that were ignored, or null when there were none:
 * `This embed ignored “step=-3” and “axis=x”, which it does not understand.`
 */
export function ignoredOptionsText(options: EmbedOptions): string | null {
	const shown = options.ignored
		.slice(0, 3)
		.map((option) => `“${option.length > 40 ? `${option.slice(0, 39)}…` : option}”`);
	if (shown.length === 0) return null;
	const more = options.ignored.length - shown.length;
	if (more > 0) shown.push(`${more} more`);
	const list =
		shown.length === 1 ? shown[0] : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
	return `This embed ignored ${list}, which it does not understand.`;
}

const TRUE = new Set(['', '1', 'true', 'yes', 'on']);
const FALSE = new Set(['0', 'false', 'no', 'off']);

/** Parses the embed's query string (`location.search`, with or without `?`). */
export function parseEmbedOptions(search: string): EmbedOptions {
	const params = new URLSearchParams(search);
	const options: EmbedOptions = {
		example: null,
		autoplay: false,
		step: null,
		axis: null,
		theme: 'auto',
		speed: null,
		predict: false,
		loop: null,
		coach: false,
		ignored: []
	};
	const ignore = (name: string, value: string): void => {
		options.ignored.push(`${name}=${value}`);
	};
	for (const [name, raw] of params) {
		const value = raw.trim();
		switch (name) {
			case 'example':
				if (/^[\w-]{1,80}$/.test(value)) options.example = value;
				else ignore(name, raw);
				break;
			case 'autoplay':
			case 'predict':
			case 'coach':
				if (TRUE.has(value.toLowerCase())) options[name] = true;
				else if (FALSE.has(value.toLowerCase())) options[name] = false;
				else ignore(name, raw);
				break;
			case 'step':
				if (/^\d{1,9}$/.test(value)) options.step = Number(value);
				else ignore(name, raw);
				break;
			case 'axis':
				if (value === 'time' || value === 'step') options.axis = value;
				else ignore(name, raw);
				break;
			case 'loop':
				if (value === 'list' || value === 'machine') options.loop = value;
				else ignore(name, raw);
				break;
			case 'theme':
				if (value === 'light' || value === 'dark' || value === 'auto') options.theme = value;
				else ignore(name, raw);
				break;
			case 'speed': {
				const speed = Number(value);
				if (value !== '' && Number.isFinite(speed) && speed > 0 && speed <= 1000)
					options.speed = speed;
				else ignore(name, raw);
				break;
			}
			default:
				ignore(name, raw);
		}
	}
	return options;
}
