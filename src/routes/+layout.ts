// Client-rendered: the data lives in the browser (IndexedDB) and the relay, never in SSR HTML.
export const ssr = false;
export const prerender = false;
