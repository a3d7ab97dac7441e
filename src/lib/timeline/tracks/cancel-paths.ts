/**
 * The cancellation paths (issue #20): from who asks (a task's lane, or a timeout's deadline when
 * a callback asks) to the lane and moment where the CancelledError is thrown in (⚡), then along
 * that lane to what becomes of it: caught (the task goes on), the task ends cancelled, turned into
 * TimeoutError by a timeout or gathered into an ExceptionGroup by a TaskGroup. Like the arrows,
 * an overlay of pure shapes with a hit-test for the tooltip.
 */
import { xOf } from '$lib/model';
import { scopeFacts, type CancelFate, type CancelPath } from '$lib/model/scopes';
import type { ScopeInput } from './scope-brackets';

/** One cancellation, in pixels from the top of the drawn window. */
export interface CancelShape {
	readonly key: string;
	/** The path's index in scopeFacts(index).paths. */
	readonly path: number;
	/** SVG path data from the asker to where it lands (empty when both are one point). */
	readonly ask: string;
	readonly askHead: string;
	/** Where the CancelledError lands, and the line from there to its fate along the lane. */
	readonly landX: number;
	readonly landY: number;
	readonly trail: string;
	/** The fate's mark and short text (`TimeoutError`), where it is settled; null while pending. */
	readonly fate: CancelFate;
	readonly fateX: number | null;
	readonly fateText: string;
	/** Where the fate's text goes: after the mark, or before it near the plot's right edge. */
	readonly fateTextX: number;
	readonly fateAnchor: 'start' | 'end';
	/** Number of pending requests right after this one, shown when more than one. */
	readonly cancelling: number;
}

/** What the paths are drawn over: what the scope brackets are drawn over. */
export type CancelInput = ScopeInput;

/** The short words at a path's end. */
export function fateLabel(fate: CancelFate): string {
	switch (fate) {
		case 'caught':
			return 'caught';
		case 'cancelled':
			return 'cancelled';
		case 'timeout':
			return 'TimeoutError';
		case 'group':
			return 'ExceptionGroup';
		case 'raised':
			return 'raised';
		case 'pending':
			return '';
	}
}

function laneMid(lane: number, first: number, lh: number): number {
	return (lane - first + 0.5) * lh;
}

/** The cancellation paths in sight. */
export function cancelShapes(input: CancelInput): CancelShape[] {
	const { index, axis, laneOfTask, first, last, scale, width, metrics: m } = input;
	const cut = input.revealUntil ?? null;
	const lh = m.laneHeight;
	const out: CancelShape[] = [];
	const paths = scopeFacts(index).paths;
	paths.forEach((path: CancelPath, n) => {
		if (cut !== null && path.seq > cut) return;
		const to = laneOfTask.get(path.target);
		if (to === undefined) return;
		const landSeq =
			path.landSeq !== null && (cut === null || path.landSeq <= cut) ? path.landSeq : null;
		const askX = scale(xOf(index, axis, path.seq));
		const landX = landSeq !== null ? scale(xOf(index, axis, landSeq)) : askX;
		const from = path.by !== null ? laneOfTask.get(path.by) : undefined;
		const fromIn = from !== undefined && from !== to;
		const lo = Math.min(to, fromIn ? from : to);
		const hi = Math.max(to, fromIn ? from : to);
		if (hi < first || lo >= last) return;
		const settled = path.fateSeq !== null && (cut === null || path.fateSeq <= cut);
		const fateX = settled && path.fateSeq !== null ? scale(xOf(index, axis, path.fateSeq)) : null;
		const right = Math.max(askX, landX, fateX ?? -Infinity);
		if (right < -10 || Math.min(askX, landX) > width + 10) return;
		const landY = laneMid(to, first, lh);
		let ask = '';
		let askHead = '';
		if (fromIn) {
			// From the asker's lane to the target's: a curve that leaves and arrives level.
			const fy = laneMid(from, first, lh);
			const dir = landY > fy ? 1 : -1;
			const ty = landY - dir * (m.barHeight / 2 + 2);
			const bend = Math.max(12, Math.abs(landX - askX) / 2);
			ask = `M${askX},${fy}C${askX + bend},${fy} ${landX - bend},${ty} ${landX},${ty}`;
			askHead = `M${landX - 4.5},${ty - dir * 8}L${landX},${ty}L${landX + 4.5},${ty - dir * 8}Z`;
		}
		const trail = fateX !== null && fateX > landX + 1 ? `M${landX},${landY}H${fateX}` : '';
		// A task that ends cancelled already shows ⊘ at its end: no words to repeat it.
		const fateText = settled && path.fate !== 'cancelled' ? fateLabel(path.fate) : '';
		const after = (fateX ?? 0) + 10;
		const fits = after + fateText.length * m.inlineChar <= width;
		out.push({
			key: `cancel${n}`,
			path: n,
			ask,
			askHead,
			landX,
			landY,
			trail,
			fate: settled ? path.fate : 'pending',
			fateX,
			fateText,
			fateTextX: fits ? after : (fateX ?? 0) - 10,
			fateAnchor: fits ? 'start' : 'end',
			cancelling: path.cancelling
		});
	});
	return out;
}

// How near (px) the pointer must be to a landing mark, a fate mark or a trail.
const SLACK = 7;

/** The path whose landing mark, trail or fate mark is under `(x, y)`, or null. */
export function cancelAt(shapes: readonly CancelShape[], x: number, y: number): CancelShape | null {
	for (let i = shapes.length - 1; i >= 0; i--) {
		const s = shapes[i];
		if (Math.abs(y - s.landY) > SLACK + 3) continue;
		if (Math.abs(x - s.landX) <= SLACK) return s;
		if (s.fateX !== null && Math.abs(x - s.fateX) <= SLACK) return s;
		if (s.fateX !== null && x >= s.landX && x <= s.fateX) return s;
	}
	return null;
}
