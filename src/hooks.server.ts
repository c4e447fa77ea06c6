import type { HandleServerError } from '@sveltejs/kit';

/**
 * SvelteKit wrote a line for every page not found (and every other error of the client's: a
 * method not allowed, a bad address): a scanner asking for thousands of paths filled the disk.
 * Those are counted by the server instead, once per address in ten minutes
 * (`server/app.js`, `requestLog`); only errors of ours (5xx) are written here, as before.
 */
export const handleError: HandleServerError = ({ error, status, event }) => {
	if (status < 500) return;
	console.error(`[app] ${status} ${event.request.method} ${event.url.pathname}:`, error);
};
