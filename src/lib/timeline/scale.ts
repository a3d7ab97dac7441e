/**
 * The timeline's x domain, kept free of the DOM so it can be tested. Zoom and pan are a range
 * of this domain held by the Viewport; the pixel scale is rebuilt from that range each frame.
 */

/**
 * The data domain of an axis: from 0 to the end of the run (never empty), widened by `pad`
 * (a fraction of the run) on both sides so marks at the very start and end are not cut.
 */
export function axisDomain(end: number, pad = 0): [number, number] {
	const e = end > 0 && Number.isFinite(end) ? end : 1;
	const m = e * Math.max(0, pad);
	return [m === 0 ? 0 : -m, e + m];
}
