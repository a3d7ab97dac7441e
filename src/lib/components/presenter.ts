/** Presenter mode's choices: its colour themes, and the root font size for a screen. */

/** A presenter colour theme (app.css: `:root[data-theme=…]`). */
export type PresenterTheme = 'light' | 'dark' | 'contrast';

/** The themes offered, in order. */
export const THEMES: readonly { id: PresenterTheme; label: string }[] = [
	{ id: 'light', label: 'Light' },
	{ id: 'dark', label: 'Dark' },
	{ id: 'contrast', label: 'High contrast' }
];

/**
 * The root font size (px) for a window of `width` × `height`, times the presenter's `scale`:
 * large enough to read from the back of a room, small enough that every lane, the ready
 * queue and the timers of the lessons fit at 1024×768 and 1280×720.
 */
export function presenterFontPx(width: number, height: number, scale = 1): number {
	const fit = Math.min(width / 52, height / 32);
	return Math.round(Math.min(Math.max(fit, 16), 40) * scale * 10) / 10;
}
