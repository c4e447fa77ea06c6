import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build', precompress: false }),
		// Absolute asset paths: one cached app shell then serves every route offline.
		paths: { relative: false },
		// Cells hold residents' personal data and whatever a file brought: a script that got into
		// the page some other way could read every list. Only the app's own scripts run (SvelteKit
		// adds the hash of its inline start-up script); styles may be inline (AG Grid and Svelte
		// set them); nothing is loaded from, sent to or framed by another site.
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self', 'data:'],
				// The relay's WebSocket: 'self' covers it in Chromium and Firefox; older Safari
				// matched 'self' to http(s) only, and would have kept the lists from syncing.
				'connect-src': ['self', 'ws:', 'wss:'],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		},
		typescript: {
			config(tsconfig) {
				tsconfig.include.push('../server/**/*.js', '../bench/**/*.ts', '../tests/**/*.ts');
				return tsconfig;
			}
		}
	}
};

export default config;
