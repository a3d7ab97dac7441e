/**
 * Axis ticks and the labels a learner reads: virtual seconds in s / ms / µs chosen from the
 * tick spacing (by the one time formatter, `model/time-format.ts`), loop iterations as whole
 * numbers.
 */
import { format, tickStep, type ScaleLinear } from 'd3';
import { formatSecondsTick } from '../model/time-format';

/** One tick of the x axis. */
export interface Tick {
	/** The axis value. */
	readonly value: number;
	/** Its pixel position. */
	readonly x: number;
	readonly label: string;
}

/** Roughly how many pixels apart ticks should be for labels that stay legible on a projector. */
export const TICK_SPACING = 120;

/** Ticks for the current view of the time axis or the step axis. */
export function axisTicks(
	scale: ScaleLinear<number, number>,
	axis: 'time' | 'step',
	width: number
): Tick[] {
	const [d0, d1] = scale.domain();
	const count = Math.max(2, Math.floor(width / TICK_SPACING));
	if (!(d1 > d0)) return [];
	let step = tickStep(d0, d1, count);
	if (axis === 'step') step = Math.max(1, Math.round(step));
	const first = Math.ceil(d0 / step - 1e-9);
	const last = Math.floor(d1 / step + 1e-9);
	const magnitude = Math.max(Math.abs(d0), Math.abs(d1));
	const ticks: Tick[] = [];
	for (let i = first; i <= last && ticks.length < 200; i++) {
		// Clean floating-point noise (3 × 0.1) and -0 so values compare and print as written.
		const value = Number((i * step).toPrecision(12)) + 0;
		ticks.push({
			value,
			x: scale(value),
			label: axis === 'time' ? formatSecondsTick(value, step, magnitude) : format(',')(value)
		});
	}
	return ticks;
}
