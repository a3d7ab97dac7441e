/**
 * The Compare page's address, for links to a comparison.
 */

/**
 * The Compare page's URL with `fragment`, from a page whose base path is `base` (as in
 * `$app/paths`) at `here` (its location). Any query string is dropped.
 */
export function compareUrl(base: string, here: string, fragment = ''): string {
	const url = new URL(`${base}/compare/`, here);
	url.search = '';
	url.hash = fragment;
	return url.href;
}
