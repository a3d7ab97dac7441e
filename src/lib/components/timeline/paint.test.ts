import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contrastRatio } from '$lib/timeline/contrast';
import { FALLBACK, PALETTE_PROPERTIES, inks, type Palette } from './paint';

// The palettes as app.css defines them: the light one in `:root`, the dark one laid over it.
const css = readFileSync(new URL('../../../app.css', import.meta.url), 'utf8');

function block(selector: string): Record<string, string> {
	const start = css.indexOf(`${selector} {`);
	if (start < 0) throw new Error(`app.css has no ${selector} block`);
	const body = css.slice(start, css.indexOf('}', start));
	return Object.fromEntries(
		[...body.matchAll(/(--[\w-]+):\s*([^;]+);/g)].map(([, name, value]) => [name, value.trim()])
	);
}

function palette(vars: Record<string, string>): Palette {
	const entries = Object.entries(PALETTE_PROPERTIES).map(([key, prop]) => [key, vars[prop]]);
	return Object.fromEntries(entries) as unknown as Palette;
}

const light = block(':root');
const dark = { ...light, ...block(":root[data-theme='dark']") };
const PALETTES = { light: palette(light), dark: palette(dark) };

describe('the timeline’s colours against its grounds (WCAG 1.4.11, 3:1)', () => {
	for (const [name, p] of Object.entries(PALETTES)) {
		const grounds = [p.bg, p.raised];
		const atLeast3 = (ink: string, what: string) => {
			for (const ground of grounds)
				expect(contrastRatio(ink, ground), `${name}: ${what} on ${ground}`).toBeGreaterThanOrEqual(
					3
				);
		};

		it(`${name}: solid bars, outlines and zero-time marks stand out`, () => {
			atLeast3(p.running, 'a running bar');
			atLeast3(p.worker, 'a worker thread’s bar');
			const { edge, mark } = inks(p);
			for (const [state, ink] of Object.entries(edge)) atLeast3(ink, `the ${state} outline`);
			for (const [state, ink] of Object.entries(mark)) atLeast3(ink, `the ${state} mark`);
		});
	}

	it('the fallbacks are the light theme’s colours', () => {
		expect(FALLBACK).toEqual(PALETTES.light);
	});

	it('the dark theme is the same whether chosen by the system or by the page', () => {
		const start = css.indexOf('@media (prefers-color-scheme: dark)');
		const system = css.slice(
			css.indexOf('{', css.indexOf('{', start) + 1),
			css.indexOf('}', start)
		);
		const vars = Object.fromEntries(
			[...system.matchAll(/(--[\w-]+):\s*([^;]+);/g)].map(([, k, v]) => [k, v.trim()])
		);
		expect(vars).toEqual(block(":root[data-theme='dark']"));
	});
});
