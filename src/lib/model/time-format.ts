/**
 * The one formatter of virtual time, for every place a learner reads one: narration, the loop
 * panels, the cursor, tooltips, Compare, the storyboard and the axis ticks. Seconds from 0.1 s
 * up, as the programs write them (`asyncio.sleep(0.5)` reads `0.5 s`, never `500 ms`);
 * milliseconds below, microseconds below 0.1 ms, so a short wait keeps its digits (`12.5 ms`,
 * where seconds would round it to `0.013 s`).
 */
import { format, precisionFixed } from 'd3';

const UNITS = [
	{ unit: 's', scale: 1 },
	{ unit: 'ms', scale: 1e3 },
	{ unit: 'µs', scale: 1e6 }
] as const;

type Unit = (typeof UNITS)[number];

// The unit a time of this size reads in: seconds down to 0.1 s, then ms down to 0.1 ms.
function unitOf(magnitude: number): Unit {
	if (magnitude >= 0.1 || magnitude === 0) return UNITS[0];
	if (magnitude >= 1e-4) return UNITS[1];
	return UNITS[2];
}

// An axis changes unit later than a single time: a view up to 0.5 s wide reads 100 ms, 200 ms
// rather than 0.1 s, 0.2 s, where the labels' decimals would outgrow their space.
function tickUnitOf(magnitude: number): Unit {
	if (magnitude >= 0.5 || magnitude === 0) return UNITS[0];
	if (magnitude >= 5e-4) return UNITS[1];
	return UNITS[2];
}

/**
 * Virtual seconds with their unit: `0 s`, `0.5 s`, `1.25 s`, `3600 s`, `12.5 ms`, `20 µs`.
 * Seconds keep up to three decimals (milliseconds), smaller units three significant digits;
 * trailing zeros go, and so does floating-point noise (`0.1 + 0.2` is `0.3 s`).
 */
export function formatSeconds(seconds: number): string {
	if (seconds === 0 || !Number.isFinite(seconds)) return `${seconds} s`;
	const unit = unitOf(Math.abs(seconds));
	const value = seconds * unit.scale;
	const text = unit === UNITS[0] ? value.toFixed(3) : value.toPrecision(3);
	return `${Number(text)} ${unit.unit}`;
}

/** A length of time, like {@link formatSeconds}; a negative one (rounding) reads `0 s`. */
export function formatDuration(seconds: number): string {
	return formatSeconds(Math.max(0, seconds));
}

/**
 * The label of an axis tick at `value`, ticks `step` seconds apart: `0.0 s`, `0.25 s`,
 * `12.5 ms`, `800 µs`. The unit follows `magnitude` (the largest time in view) so every label
 * of the axis shares it, and the decimals follow the step, so neighbours differ in their last
 * digit.
 */
export function formatSecondsTick(value: number, step: number, magnitude = step): string {
	const unit = tickUnitOf(magnitude);
	const digits = Math.min(6, precisionFixed(step * unit.scale));
	const scaled = value * unit.scale;
	// Avoid "-0 s" at the origin after floating-point rescaling.
	const text = format(`.${digits}f`)(Math.abs(scaled) < 1e-12 ? 0 : scaled);
	return `${text} ${unit.unit}`;
}
