import { describe, expect, it } from 'vitest';
import { buildIndex, seek, type TraceIndex } from '$lib/model';
import { getUsersBatch } from '$lib/model/testing/fixtures';
import { manyTasksTrace } from '$lib/model/testing/synthetic';
import type { Trace } from '$lib/trace/schema';
import { FALLBACK } from '$lib/components/timeline/paint';
import { escapeXml, runViewSvg, wrapText, type RunViewSvgInput } from './export-svg';

/**
 * Whether `xml` is well formed, as far as this document's subset of XML goes (no comments,
 * CDATA or processing instructions): every `<` opens a tag, tags nest and close, attribute
 * values are quoted, and `&` only starts an entity. Node has no DOMParser; the e2e spec parses
 * the same output with the browser's.
 */
function wellFormed(xml: string): string | null {
	const stack: string[] = [];
	let i = 0;
	while (i < xml.length) {
		const lt = xml.indexOf('<', i);
		const text = xml.slice(i, lt < 0 ? xml.length : lt);
		if (/&(?!(amp|lt|gt|quot|#39|#\d+);)/.test(text)) return `bare & in text: ${text}`;
		if (text.includes('>')) return `bare > in text: ${text}`;
		if (lt < 0) break;
		const gt = xml.indexOf('>', lt);
		if (gt < 0) return 'unclosed tag';
		const tag = xml.slice(lt + 1, gt);
		if (tag.includes('<')) return `< inside a tag: ${tag}`;
		const close = /^\/([A-Za-z][\w:-]*)$/.exec(tag);
		if (close) {
			if (stack.pop() !== close[1]) return `mismatched </${close[1]}>`;
		} else {
			const open = /^([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)$/.exec(tag);
			if (!open) return `bad tag: <${tag}>`;
			if (/&(?!(amp|lt|gt|quot|#39|#\d+);)/.test(open[2])) return `bare & in attribute: ${tag}`;
			if (!open[3]) stack.push(open[1]);
		}
		i = gt + 1;
	}
	return stack.length === 0 ? null : `unclosed <${stack.at(-1)}>`;
}

function svgOf(trace: Trace, seq: number, over: Partial<RunViewSvgInput> = {}): string {
	const index: TraceIndex = buildIndex(trace);
	return runViewSvg({
		index,
		snapshot: seek(index, seq),
		axis: 'time',
		width: 1200,
		palette: FALLBACK,
		...over
	});
}

const count = (text: string, needle: string) => text.split(needle).length - 1;

describe('runViewSvg', () => {
	const trace = getUsersBatch();
	const seq = 12;

	it('is a well-formed standalone SVG document of the width asked', () => {
		const svg = svgOf(trace, seq, { width: 900 });
		expect(wellFormed(svg)).toBeNull();
		const root = /^<svg [^>]*>/.exec(svg)?.[0] ?? '';
		expect(root).toContain('xmlns="http://www.w3.org/2000/svg"');
		expect(root).toContain('width="900"');
		const height = Number(/height="(\d+)"/.exec(root)?.[1]);
		expect(height).toBeGreaterThan(200);
		expect(root).toContain(`viewBox="0 0 900 ${height}"`);
		expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
	});

	it('draws one lane group per lane, the four state patterns and the header', () => {
		const svg = svgOf(trace, seq);
		expect(count(svg, '<g class="lane"')).toBe(trace.tasks.length);
		for (const state of ['running', 'ready', 'waiting', 'blocked']) {
			expect(svg).toContain(`<pattern id="ls-${state}"`);
		}
		expect(svg).toContain(trace.source.filename);
		expect(svg).toContain(`step ${seq + 1} of ${trace.events.length}`);
		expect(svg).toContain('t = ');
		expect(svg).toContain('url(#ls-waiting)');
	});

	it('writes the narration at the cursor as plain text, wrapped to the width', () => {
		const index = buildIndex(trace);
		const narration = seek(index, seq).narration.replace(/`/g, '');
		const svg = svgOf(trace, seq, { width: 480 });
		const text = /<text class="narration"[^>]*>(.*?)<\/text>/s.exec(svg)?.[1] ?? '';
		const lines = [...text.matchAll(/<tspan[^>]*>(.*?)<\/tspan>/g)].map((match) => match[1]);
		expect(lines.length).toBeGreaterThan(1);
		expect(lines.join(' ')).toBe(escapeXml(narration).replace(/\s+/g, ' ').trim());
	});

	it('leaves the header and the narration to the page around it with captions: false', () => {
		const svg = svgOf(trace, seq, { width: 600, captions: false });
		const full = svgOf(trace, seq, { width: 600 });
		expect(wellFormed(svg)).toBeNull();
		expect(svg).not.toContain('class="narration"');
		expect(svg).not.toContain('class="header"');
		expect(svg).not.toContain(`step ${seq + 1} of`);
		expect(count(svg, '<g class="lane"')).toBe(trace.tasks.length);
		// The lanes alone: shorter by the header and the narration's lines.
		const heightOf = (doc: string) => Number(/height="(\d+)"/.exec(doc)?.[1]);
		expect(heightOf(svg)).toBeLessThan(heightOf(full) - 34 - 2 * 16);
	});

	it('escapes text from the program: a hostile task label cannot make an element', () => {
		const hostile: Trace = structuredClone(trace);
		hostile.tasks[1] = { ...hostile.tasks[1], name: `<script>"x" & 'y'</script>` };
		hostile.tasks[2] = { ...hostile.tasks[2], name: '<img src=x onerror=alert(1)>' };
		hostile.source = { ...hostile.source, filename: '<b>&.py' };
		const svg = svgOf(hostile, seq);
		expect(wellFormed(svg)).toBeNull();
		expect(svg).not.toContain('<script');
		expect(svg).not.toContain('<img');
		expect(svg).not.toContain('<b>');
		expect(svg).toContain('&lt;script&gt;');
		expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt;');
		expect(svg).toContain('&lt;b&gt;&amp;.py');
	});

	it('draws at most the cap of lanes, and counts the rest', () => {
		const many = manyTasksTrace(40);
		const svg = svgOf(many, 5, { maxLanes: 10 });
		expect(wellFormed(svg)).toBeNull();
		expect(count(svg, '<g class="lane"')).toBe(10);
		expect(svg).toContain(`+${many.tasks.length - 10} more lanes`);
		const all = svgOf(many, 5);
		expect(count(all, '<g class="lane"')).toBe(many.tasks.length);
		expect(all).not.toContain('more lanes');
	});

	it('draws the range asked: a zoomed view shows fewer ticks of a finer step', () => {
		const whole = svgOf(trace, seq);
		const zoomed = svgOf(trace, seq, { range: [0, 0.05] });
		expect(zoomed).not.toBe(whole);
		expect(zoomed).toMatch(/>\d+ ms</);
		expect(whole).not.toMatch(/>\d+ ms</);
	});
});

describe('escapeXml and wrapText', () => {
	it('escapes the five XML specials and drops control characters', () => {
		expect(escapeXml(`a&b<c>d"e'f\u0001`)).toBe('a&amp;b&lt;c&gt;d&quot;e&#39;f');
	});

	it('wraps on spaces, and cuts a word longer than a line', () => {
		expect(wrapText('one two three four', 9)).toEqual(['one two', 'three', 'four']);
		expect(wrapText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
	});
});
