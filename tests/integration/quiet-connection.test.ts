/**
 * An operator alone in a sheet, not typing (a night shift, a phone call): nothing comes from the
 * relay, since it sends a presence to the colleagues only, never back to its sender. y-websocket
 * takes 30 s without a message for a dead connection and closes it: found by exploration, the
 * status bar said «Нет связи с сервером» every 33 s with the server up, for the sheet and for the
 * list of sheets, and every connection was made again. The page's own connection must stay, and
 * still notice a connection that is really dead.
 */
import { createServer, Socket, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DocConnection, type SyncState } from '../../src/lib/sync/connection';
import { Harness, waitFor } from './helpers.js';

/** y-websocket's own limit (`messageReconnectTimeout`), and some. */
const SILENCE_MS = 36_000;

const harness = new Harness();
const connections: DocConnection[] = [];
const proxies: Server[] = [];
afterEach(async () => {
	for (const c of connections.splice(0)) c.destroy();
	for (const p of proxies.splice(0)) p.close();
	await harness.cleanup();
});

/** The app's own connection (as in the browser, without its IndexedDB copy). */
function page(wsUrl: string, room: string) {
	const connection = new DocConnection({
		room,
		serverUrl: wsUrl,
		persist: false,
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket
	});
	connections.push(connection);
	return connection;
}

/** Every state the status goes through from now on, and every closed connection. */
function watch(connection: DocConnection) {
	const states: SyncState[] = [connection.status.state];
	let closes = 0;
	connection.onStatus(() => {
		if (states.at(-1) !== connection.status.state) states.push(connection.status.state);
	});
	connection.provider.on('connection-close', () => closes++);
	return { states, closes: () => closes };
}

/**
 * A TCP proxy in front of the relay; `cut()` stops passing bytes either way without closing
 * anything, as a mobile modem that lost its network does (no close, no error, only silence).
 */
async function modem(target: URL): Promise<{ url: string; cut: () => void }> {
	let cut = false;
	const server = createServer((client) => {
		const upstream = new Socket();
		upstream.connect(Number(target.port), target.hostname);
		client.on('data', (data) => !cut && upstream.write(data));
		upstream.on('data', (data) => !cut && client.write(data));
		const end = () => (client.destroy(), upstream.destroy());
		client.on('close', end).on('error', end);
		upstream.on('close', end).on('error', end);
	});
	proxies.push(server);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	return { url: `ws://127.0.0.1:${port}${target.pathname}`, cut: () => (cut = true) };
}

describe('a quiet connection', () => {
	it('an operator alone in a sheet stays connected and saved while nothing happens', async () => {
		const server = await harness.start();
		const alone = page(server.wsUrl, 'sheet:night');
		alone.provider.awareness.setLocalStateField('user', { name: 'Анна' });
		alone.doc.getMap('m').set('Иванова', 'дозвонились');
		await waitFor(() => alone.status.state === 'saved', 'her edit to be saved');
		const seen = watch(alone);

		await new Promise((resolve) => setTimeout(resolve, SILENCE_MS));
		expect(seen.closes()).toBe(0);
		expect(seen.states).toEqual(['saved']);
		expect(alone.status.state).toBe('saved');
	}, 60_000);

	it('a connection that went silent is still taken for lost, and her edit waits', async () => {
		const server = await harness.start();
		const line = await modem(new URL(server.wsUrl));
		const anna = page(line.url, 'sheet:modem');
		await waitFor(() => anna.status.state === 'saved', 'the first sync');
		const seen = watch(anna);

		line.cut();
		anna.doc.getMap('m').set('Петров', 'не дозвонились');
		await waitFor(() => anna.status.state === 'syncing', 'her edit to be counted');
		await waitFor(() => seen.closes() > 0, 'the silent connection to be closed', SILENCE_MS);
		expect(seen.states).toContain('offline');
		expect(anna.status.state).not.toBe('saved');
		expect(anna.status.pending).toBeGreaterThan(0);
	}, 60_000);
});
