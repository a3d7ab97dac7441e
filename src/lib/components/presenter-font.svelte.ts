/**
 * Presenter mode's type on any page: while `scale()` gives a number, the root font size follows
 * the window (see `presenterFontPx`), so every part of the page, the timeline's canvas included,
 * grows with it; it goes back when `scale()` gives null or the component goes away.
 */
import { innerHeight, innerWidth } from 'svelte/reactivity/window';
import { presenterFontPx } from './presenter';

/**
 * Call during a component's initialisation. `minPx`: never smaller than this (a page with more
 * to fit scales by less, but presenting never makes its type smaller than the page's own).
 */
export function presenterFont(scale: () => number | null, minPx = 0): void {
	$effect(() => {
		const factor = scale();
		if (factor === null) return;
		const fit = presenterFontPx(innerWidth.current ?? 1280, innerHeight.current ?? 720, factor);
		const px = Math.max(fit, minPx);
		const root = document.documentElement;
		root.style.fontSize = `${px}px`;
		return () => root.style.removeProperty('font-size');
	});
}
