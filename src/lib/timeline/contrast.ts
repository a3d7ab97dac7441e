/**
 * WCAG 2 contrast between two colours, for checking that the timeline's inks stand out from
 * their grounds (WCAG 1.4.11: graphics need 3:1).
 */
import { color } from 'd3';

/** The relative luminance of a CSS colour (0 black … 1 white); NaN when it cannot be parsed. */
export function luminance(css: string): number {
	const parsed = color(css)?.rgb();
	if (!parsed) return NaN;
	const channel = (value: number) => {
		const c = value / 255;
		return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	};
	return 0.2126 * channel(parsed.r) + 0.7152 * channel(parsed.g) + 0.0722 * channel(parsed.b);
}

/** The contrast ratio of two CSS colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
	const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
	return (light + 0.05) / (dark + 0.05);
}
