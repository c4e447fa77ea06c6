import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { attachRelay, closeAttachedRelay } from '../../server/attach.js';
import { Harness, captureLog, waitConverged, waitFor } from './helpers.js';

const harness = new Harness();
let server: http.Server | null = null;
afterEach(async () => {
	harness.closeClients();
	await closeAttachedRelay();
	if (server) await new Promise((resolve) => server?.close(resolve));
	server = null;
	await harness.cleanup();
});

describe('the relay attached to another HTTP server (vite dev)', () => {
	it('takes /sync/ upgrades, leaves the others to their handlers, and may be attached twice', async () => {
		server = http.createServer();
		const options = { dataDir: await harness.tempDir(), log: captureLog().log };
		await attachRelay(server, options);
		await attachRelay(server, options);
		const otherUpgrades: string[] = [];
		server.on('upgrade', (req, socket) => {
			if (req.url?.startsWith('/sync/')) return;
			otherUpgrades.push(req.url ?? '');
			socket.destroy();
		});
		await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as { port: number };

		const wsUrl = `ws://127.0.0.1:${port}/sync`;
		const a = await harness.synced(harness.client(wsUrl, 'sheet:dev'));
		const b = harness.client(wsUrl, 'sheet:dev');
		a.map.set('hello', 'dev');
		await waitConverged([a, b], 1);

		const hmr = new WebSocket(`ws://127.0.0.1:${port}/vite-hmr`);
		hmr.on('error', () => {});
		await waitFor(() => otherUpgrades.includes('/vite-hmr'), 'the other upgrade handler');
		expect(otherUpgrades).toEqual(['/vite-hmr']);
	});
});
