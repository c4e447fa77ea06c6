import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build', precompress: false }),
		// Absolute asset paths: one cached app shell then serves every route offline.
		paths: { relative: false },
		typescript: {
			config(tsconfig) {
				tsconfig.include.push('../server/**/*.js', '../bench/**/*.ts', '../tests/**/*.ts');
				return tsconfig;
			}
		}
	}
};

export default config;
