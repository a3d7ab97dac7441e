/**
 * The root font size in CSS pixels, as reactive state: layouts measured in pixels (the
 * timeline's canvas) follow it when presenter mode or the reader changes it.
 */
import { createSubscriber } from 'svelte/reactivity';
import { BASE_FONT_PX } from '$lib/timeline/metrics';

const subscribe = createSubscriber((update) => {
	if (typeof window === 'undefined') return;
	// The root size changes with a class, a style or a data attribute on <html>, or the zoom.
	const observer = new MutationObserver(update);
	observer.observe(document.documentElement, { attributes: true });
	addEventListener('resize', update);
	return () => {
		observer.disconnect();
		removeEventListener('resize', update);
	};
});

/** The root font size in pixels (the base size outside a browser). */
export function rootFontPx(): number {
	subscribe();
	if (typeof window === 'undefined') return BASE_FONT_PX;
	const px = parseFloat(getComputedStyle(document.documentElement).fontSize);
	return px > 0 ? px : BASE_FONT_PX;
}
