import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** WCAG 2.2 AA, as axe-core tags its rules: what every page and mode must pass. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Runs axe on the page as it is now and expects no violation of {@link WCAG_TAGS}; a failure
 * lists each violation with the elements it found, so the report says what to fix. `within` (a
 * selector) keeps axe to one part of the page.
 */
export async function expectNoViolations(
	page: Page,
	when?: string,
	{ within }: { within?: string } = {}
): Promise<void> {
	const axe = new AxeBuilder({ page }).withTags(WCAG_TAGS);
	const { violations } = await (within ? axe.include(within) : axe).analyze();
	const found = violations.map(
		(violation) =>
			`${violation.id} (${violation.help}): ${violation.nodes
				.map((node) => `${node.target.join(' ')} — ${node.failureSummary ?? ''}`)
				.join('; ')}`
	);
	expect(found, when).toEqual([]);
}
