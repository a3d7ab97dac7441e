/** Small text formatters shared by the panels. */

/** Virtual seconds as a learner reads them: `0 s`, `0.5 s`, `1.25 s`. */
export function formatSeconds(t: number): string {
	if (t === 0) return '0 s';
	const rounded = Math.abs(t) >= 100 ? t.toFixed(1) : String(Number(t.toPrecision(4)));
	return `${rounded} s`;
}
