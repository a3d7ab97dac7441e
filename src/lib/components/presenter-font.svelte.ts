/**
 * Presenter mode's type on any page: while `scale()` gives a number, the root font size follows
 * the window (see `presenterFontPx`), so every part of the page, the timeline's canvas included,
 * grows with it; it goes back when `scale()` gives null or the component goes away.
 */
import { innerHeight, innerWidth } from 'svelte/reactivity/window';
import { presenterFontPx } from './presenter';

/** Call during a component's initialisation. */
export function presenterFont(scale: () => number | null): void {
	$effect(() => {
		const factor = scale();
		if (factor === null) return;
		const px = presenterFontPx(innerWidth.current ?? 1280, innerHeight.current ?? 720, factor);
		const root = document.documentElement;
		root.style.fontSize = `${px}px`;
		return () => root.style.removeProperty('font-size');
	});
}
