/**
 * A scanner asking for thousands of paths must not fill the server's disk with a line each: the
 * real `npm start` (the built app answering), its whole output read. Needs `npm run build`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Harness, PROJECT_ROOT } from './helpers.js';

const harness = new Harness();
afterEach(() => harness.cleanup());

const built = existsSync(join(PROJECT_ROOT, 'build', 'handler.js'));

describe.skipIf(!built)('the log under a scanner', () => {
	it('writes the first page not found of an address, and how many more came in one line', async () => {
		const server = await harness.startChild({ DATA_DIR: await harness.tempDir() });
		const before = server.output().split('\n').length;
		const statuses = new Set<number>();
		for (let i = 0; i < 300; i++) {
			const response = await fetch(`${server.url}/wp-admin/${i}.php`);
			statuses.add(response.status);
			await response.arrayBuffer();
		}
		// Another client error than a page not found: a method the app does not take.
		const put = await fetch(`${server.url}/`, { method: 'PUT' });
		await put.arrayBuffer();
		expect(statuses).toEqual(new Set([404]));
		expect(put.status).toBeGreaterThanOrEqual(400);
		expect(put.status).toBeLessThan(500);

		server.process.kill('SIGTERM');
		expect(await server.exited).toBe(0);
		const lines = server
			.output()
			.split('\n')
			.slice(before - 1);
		const mentions = lines.filter((line) => line.includes('wp-admin'));
		expect(mentions).toHaveLength(1);
		expect(mentions[0]).toContain('"/wp-admin/0.php" (404)');
		// Said when the server stops (or once its ten minutes are over).
		expect(lines.join('\n')).toContain('ещё 299 запросов несуществующих страниц (404)');
		expect(lines.join('\n')).toContain('299 more requests for pages not found (404)');
		expect(lines.length).toBeLessThan(20);
	});
});
