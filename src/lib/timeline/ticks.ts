/**
 * Axis ticks and the labels a learner reads: virtual seconds in s / ms / µs chosen from the
 * tick spacing, loop iterations as whole numbers.
 */
import { format, precisionFixed, tickStep, type ScaleLinear } from 'd3';

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

const UNITS = [
	{ unit: 's', scale: 1 },
	{ unit: 'ms', scale: 1e3 },
	{ unit: 'µs', scale: 1e6 }
] as const;

function unitFor(magnitude: number): (typeof UNITS)[number] {
	if (magnitude >= 0.5 || magnitude === 0) return UNITS[0];
	if (magnitude >= 5e-4) return UNITS[1];
	return UNITS[2];
}

/**
 * Labels for time ticks spaced `step` seconds apart: `0.0 s`, `0.25 s`, `12.5 ms`, `800 µs`.
 * The unit follows `magnitude` (the largest time in view), the decimals follow the step.
 */
export function formatSecondsTick(value: number, step: number, magnitude = step): string {
	const u = unitFor(magnitude);
	const digits = Math.min(6, precisionFixed(step * u.scale));
	const v = value * u.scale;
	// Avoid "-0 s" at the origin after floating-point rescaling.
	const text = format(`.${digits}f`)(Math.abs(v) < 1e-12 ? 0 : v);
	return `${text} ${u.unit}`;
}

/** A precise time for tooltips: `1.5 s`, `0.25 s`, `12.5 ms`; trailing zeros dropped. */
export function formatSeconds(t: number): string {
	if (t === 0) return '0 s';
	const a = Math.abs(t);
	const u = a >= 0.1 ? UNITS[0] : a >= 1e-4 ? UNITS[1] : UNITS[2];
	const v = t * u.scale;
	const text = Number(v.toPrecision(6)).toString();
	return `${text} ${u.unit}`;
}

/** A duration for tooltips, like formatSeconds. */
export function formatDuration(d: number): string {
	return formatSeconds(Math.max(0, d));
}

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
