/**
 * A tab left open over an upgrade of the server runs the old app: it must not sync with the new
 * server (it could not read what the new app writes, or would write in the old way) until it is
 * reloaded. The page says its version when it connects; the relay closes a page of another
 * version before sending it anything, and the page stops reconnecting and says so.
 */
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { CLOSE_APP_VERSION as RELAY_CLOSE } from '../../server/relay.js';
import { CLOSE_APP_VERSION, DocConnection } from '../../src/lib/sync/connection';
import { captureLog, Harness, waitFor } from './helpers.js';

const harness = new Harness();
const connections: DocConnection[] = [];
afterEach(async () => {
	for (const c of connections.splice(0)) c.destroy();
	await harness.cleanup();
});

/** The app's own connection (as in the browser, without its IndexedDB copy). */
function page(wsUrl: string, room: string, appVersion?: string) {
	const connection = new DocConnection({
		room,
		serverUrl: wsUrl,
		persist: false,
		appVersion,
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket
	});
	connections.push(connection);
	return connection;
}

describe('a page of another app version than the server', () => {
	it('is closed before it gets anything, sends nothing, stops reconnecting and says so', async () => {
		const { lines, log } = captureLog();
		const server = await harness.start({ appVersion: 'v2', log });
		const room = 'sheet:versions';
		const colleague = await harness.synced(harness.client(server.wsUrl, room));
		colleague.map.set('written by the new app', 'yes');

		const old = page(server.wsUrl, room, 'v1');
		old.doc.getMap('m').set('typed in the old tab', 'yes');
		await waitFor(() => old.status.outdated, 'the old page to be told');
		expect(CLOSE_APP_VERSION).toBe(RELAY_CLOSE);
		expect(old.status.state).toBe('offline');
		expect(old.status.pending).toBeGreaterThan(0);
		// No reconnection: one refusal in the log, still after a while. (The browser's `online`
		// event, which reconnects a page, is guarded too: `connection.ts`; Node has no window.)
		await new Promise((resolve) => setTimeout(resolve, 1500));
		const refusals = () => lines.filter((l) => l.message.includes('asked to reload'));
		expect(refusals()).toHaveLength(1);
		expect(refusals()[0].message).toContain('app version "v1", the server "v2"');
		expect(old.provider.wsconnected || old.provider.wsconnecting).toBe(false);
		// Nothing crossed either way.
		expect(old.doc.getMap('m').has('written by the new app')).toBe(false);
		expect(colleague.map.has('typed in the old tab')).toBe(false);

		// After the reload (the new app, the same browser's changes): they go to the server.
		const reloaded = page(server.wsUrl, room, 'v2');
		Y.applyUpdate(reloaded.doc, Y.encodeStateAsUpdate(old.doc));
		await waitFor(() => reloaded.status.state === 'saved', 'the reloaded page to sync');
		await waitFor(() => colleague.map.get('typed in the old tab') === 'yes', 'the old edit');
		expect(reloaded.doc.getMap('m').get('written by the new app')).toBe('yes');
		expect(reloaded.status.outdated).toBe(false);
	});

	it('a page of the same version, and a client that says none, sync as before', async () => {
		const server = await harness.start({ appVersion: 'v2' });
		const room = 'sheet:same';
		const same = page(server.wsUrl, room, 'v2');
		const plain = await harness.synced(harness.client(server.wsUrl, room));
		same.doc.getMap('m').set('a', '1');
		plain.map.set('b', '2');
		await waitFor(() => plain.map.get('a') === '1', 'the page’s edit at the plain client');
		await waitFor(() => same.doc.getMap('m').get('b') === '2', 'the plain client’s edit');
		await waitFor(() => same.status.state === 'saved', 'the page saved');
		expect(same.status.outdated).toBe(false);
	});

	it('a version with a line break is logged on one line', async () => {
		const { lines, log } = captureLog();
		const server = await harness.start({ appVersion: 'v2', log });
		const forged = page(server.wsUrl, 'sheet:forged', 'v1\n[relay] everything is fine');
		await waitFor(() => forged.status.outdated, 'the page to be told');
		const refusal = lines.find((l) => l.message.includes('asked to reload'));
		expect(refusal?.message).toContain('"v1\\n[relay] everything is fine"');
		expect(refusal?.message).not.toContain('\n');
	});

	it('a server without a built app checks nothing', async () => {
		const server = await harness.start();
		const any = page(server.wsUrl, 'sheet:dev', 'whatever');
		any.doc.getMap('m').set('a', '1');
		await waitFor(() => any.status.state === 'saved', 'the page saved');
		expect(any.status.outdated).toBe(false);
	});
});
