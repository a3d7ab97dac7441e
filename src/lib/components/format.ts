/** Small text formatters shared by the panels. */
import { formatSeconds as seconds } from '$lib/model/text';

/**
 * Virtual seconds as a learner reads them, the same as the narration says them: `0 s`,
 * `0.5 s`, `1.25 s`, `3600 s`.
 */
export function formatSeconds(t: number): string {
	return `${seconds(t)} s`;
}
