import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/** In development the relay listens on Vite's own HTTP server, at /sync/<room>. */
function relayPlugin(): Plugin {
	return {
		name: 'shtab-relay',
		async configureServer(server) {
			const { attachRelay } = await import('./server/attach.js');
			if (server.httpServer) await attachRelay(server.httpServer);
		},
		async configurePreviewServer(server) {
			const { attachRelay } = await import('./server/attach.js');
			await attachRelay(server.httpServer);
		}
	};
}

export default defineConfig({
	plugins: [sveltekit(), relayPlugin()],
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['src/**/*.spec.ts', 'tests/unit/**/*.test.ts'],
					environment: 'node',
					// Some tests work on 100,000 rows: seconds on a busy 2-core CI machine.
					testTimeout: 30_000
				}
			},
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					environment: 'node',
					testTimeout: 60_000,
					hookTimeout: 60_000
				}
			},
			{
				extends: true,
				test: {
					name: 'e2e',
					include: ['tests/e2e/**/*.test.ts'],
					environment: 'node',
					testTimeout: 120_000,
					hookTimeout: 120_000,
					fileParallelism: false,
					// Real Chromium, a real relay and real timers on a shared 2-core machine: a test
					// that fails once is run once more. Vitest prints it with «(retry x1)», so a race
					// stays visible (each is a lead: two were real bugs, 2026-12-05); a test that
					// fails twice fails the run.
					retry: 1
				}
			}
		]
	}
});
