/**
 * What the service worker keeps and how it answers each request, as pure functions (the
 * worker in src/service-worker.ts is only the glue to the Cache and Fetch APIs), so the rules
 * are tested without a browser.
 */

/** What SvelteKit's `$service-worker` module tells us about one build. */
export interface BuildManifest {
	/** The app's base path (`''` or `/loopscope`), without a trailing slash. */
	readonly base: string;
	/** The bundled JS and CSS (`_app/immutable/...`). */
	readonly build: readonly string[];
	/** The files of `static/`, Pyodide's runtime among them. */
	readonly files: readonly string[];
	/** The prerendered pages (`/loopscope/`, `/loopscope/embed/`). */
	readonly prerendered: readonly string[];
	/** Changes with every build: names the cache. */
	readonly version: string;
}

/** Every cache of ours starts with this, so that other caches on the origin are left alone. */
export const CACHE_PREFIX = 'loopscope-';

/** The name of the cache that holds one build. */
export function cacheName(version: string): string {
	return `${CACHE_PREFIX}${version}`;
}

/** Our caches other than `current`: an activated worker deletes them. */
export function staleCaches(names: readonly string[], current: string): string[] {
	return names.filter((name) => name.startsWith(CACHE_PREFIX) && name !== current);
}

/** The paths fetched into the cache when the worker installs: the whole app, Python included. */
export function precacheList(manifest: BuildManifest): string[] {
	const pages = manifest.prerendered.length > 0 ? manifest.prerendered : [`${manifest.base}/`];
	return [...new Set([...manifest.build, ...manifest.files, ...pages])];
}

/** How the worker answers a request. */
export type Strategy =
	/** A file of this build: from the cache, the network only if it is missing. */
	| 'cache-first'
	/** Anything else of the app's: the network, the cache when offline. */
	| 'network-first'
	/** Not ours (another origin, a POST, outside the base path): the browser handles it. */
	| 'pass';

/** The request as far as the strategy is concerned. */
export interface RequestFacts {
	readonly method: string;
	readonly url: URL;
}

/** Picks how the worker answers `request`, given the precached paths and our own origin. */
export function strategyFor(
	request: RequestFacts,
	origin: string,
	base: string,
	precached: ReadonlySet<string>
): Strategy {
	const { url } = request;
	if (request.method !== 'GET' || url.origin !== origin) return 'pass';
	if (url.pathname !== base && !url.pathname.startsWith(`${base}/`)) return 'pass';
	// The version file answers "is there a newer build?": an old copy would always say no.
	if (url.pathname.endsWith('/_app/version.json')) return 'pass';
	if (url.search === '' && precached.has(url.pathname)) return 'cache-first';
	return 'network-first';
}

/**
 * The cached page that stands in for a navigation when offline: the page itself, or its
 * directory's page (`/embed` and `/embed/index.html` are both `/embed/`).
 */
export function offlinePageFor(pathname: string): string {
	if (pathname.endsWith('/index.html')) return pathname.slice(0, -'index.html'.length);
	return pathname.endsWith('/') ? pathname : `${pathname}/`;
}

/**
 * The key a fetched answer is kept under: its path, without the query string. The app's pages
 * and files are static, so `/embed/?example=a` and `/embed/?example=b` are one file; keying by
 * the whole URL would keep a copy per query ever asked, and let any link grow the cache without
 * end. Bounded this way by the files the site serves.
 */
export function cacheKeyFor(url: URL): string {
	return url.pathname;
}
