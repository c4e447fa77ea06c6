/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * The offline application: after the first visit the app opens with no network and with the
 * server down. The built files are cached at install; navigations go to the network first (so
 * a new version is picked up) and fall back to the cached app shell. The data itself comes
 * from IndexedDB, never from this cache. The relay (/sync) and /healthz are never cached.
 */
import { build, files, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;

const CACHE = `shtab-${version}`;
/** With `ssr = false` every route gets the same shell, so one cached copy serves them all. */
const SHELL = '/';
const ASSETS = [...build, ...files, SHELL];
const PRECACHED = new Set(ASSETS);

sw.addEventListener('install', (event) => {
	event.waitUntil(
		(async () => {
			const cache = await caches.open(CACHE);
			await cache.addAll(ASSETS);
			await sw.skipWaiting();
		})()
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
			await sw.clients.claim();
		})()
	);
});

sw.addEventListener('fetch', (event) => {
	const request = event.request;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;
	if (url.pathname.startsWith('/sync') || url.pathname === '/healthz') return;

	if (request.mode === 'navigate') {
		event.respondWith(
			(async () => {
				try {
					const response = await fetch(request);
					if (response.ok && url.pathname === SHELL) {
						const cache = await caches.open(CACHE);
						await cache.put(SHELL, response.clone());
					}
					return response;
				} catch {
					return (await caches.match(SHELL)) ?? Response.error();
				}
			})()
		);
		return;
	}

	if (PRECACHED.has(url.pathname)) {
		event.respondWith((async () => (await caches.match(url.pathname)) ?? fetch(request))());
	}
});
