// Every page is prerendered to static HTML; the app needs no server.
export const prerender = true;
export const trailingSlash = 'always';
