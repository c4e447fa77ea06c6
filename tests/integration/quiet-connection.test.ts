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
import { DocConnection, SILENT_MS, type SyncState } from '../../src/lib/sync/connection';
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
	// «unanswered»: connected, the relay silent for SILENT_MS (the status bar says so).
	const label = () => (connection.status.unanswered ? 'unanswered' : connection.status.state);
	const states: (SyncState | 'unanswered')[] = [label()];
	let closes = 0;
	connection.onStatus(() => {
		if (states.at(-1) !== label()) states.push(label());
	});
	connection.provider.on('connection-close', () => closes++);
	return { states, closes: () => closes };
}

interface Modem {
	url: string;
	/**
	 * Stops passing bytes either way without closing anything, as a mobile modem that lost its
	 * network does (no close, no error, only silence).
	 */
	cut: () => void;
	/** Passes the relay's answer to the next upgrade, then cuts (a line dead as it opened). */
	cutAfterUpgrade: () => void;
	/** Holds the bytes either way, as a server laptop asleep; `release()` passes them on. */
	hold: () => void;
	release: () => void;
	/** Every chunk waits this long each way (a slow line). */
	delayMs: number;
}

/** A TCP proxy in front of the relay. */
async function modem(target: URL): Promise<Modem> {
	let cut = false;
	let cutAfterUpgrade = false;
	let held: (() => void)[] | null = null;
	const line: Modem = {
		url: '',
		cut: () => (cut = true),
		cutAfterUpgrade: () => (cutAfterUpgrade = true),
		hold: () => (held ??= []),
		release: () => {
			const waiting = held ?? [];
			held = null;
			for (const pass of waiting) pass();
		},
		delayMs: 0
	};
	const pass = (to: Socket, data: Buffer) => {
		if (cut) return;
		const write = () => setTimeout(() => to.write(data), line.delayMs);
		if (held) held.push(write);
		else write();
	};
	const server = createServer((client) => {
		const upstream = new Socket();
		upstream.connect(Number(target.port), target.hostname);
		client.on('data', (data) => pass(upstream, data));
		upstream.on('data', (data) => {
			const headersEnd = cutAfterUpgrade && !cut ? data.indexOf('\r\n\r\n') : -1;
			if (headersEnd < 0) return pass(client, data);
			pass(client, data.subarray(0, headersEnd + 4));
			cut = true;
		});
		const end = () => (client.destroy(), upstream.destroy());
		client.on('close', end).on('error', end);
		upstream.on('close', end).on('error', end);
	});
	proxies.push(server);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	line.url = `ws://127.0.0.1:${port}${target.pathname}`;
	return line;
}

/** Anna's page on a relay behind a modem, synced once; the states watched from then on. */
async function throughModem(room: string) {
	const server = await harness.start();
	const line = await modem(new URL(server.wsUrl));
	const anna = page(line.url, room);
	await waitFor(() => anna.status.state === 'saved', 'the first sync');
	return { line, anna, seen: watch(anna) };
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
		const { line, anna, seen } = await throughModem('sheet:modem');

		line.cut();
		anna.doc.getMap('m').set('Петров', 'не дозвонились');
		await waitFor(() => anna.status.state === 'syncing', 'her edit to be counted');
		await waitFor(() => seen.closes() > 0, 'the silent connection to be closed', SILENCE_MS);
		expect(seen.states).toContain('offline');
		expect(anna.status.state).not.toBe('saved');
		expect(anna.status.pending).toBeGreaterThan(0);
	}, 60_000);

	it('a silent line is told as a server not answering within seconds of her edit, long before y-websocket gives it up', async () => {
		const { line, anna, seen } = await throughModem('sheet:silent');

		line.cut();
		anna.doc.getMap('m').set('Петров', 'не дозвонились');
		// y-websocket would close it 30 s after the last message; told well before that.
		await waitFor(() => anna.status.unanswered, 'the status to say so', 15_000);
		expect(seen.closes()).toBe(0);
		expect(seen.states).toEqual(['saved', 'syncing', 'unanswered']);
		expect(anna.status.pending).toBe(1);
	}, 30_000);

	it('a server that only paused (a laptop asleep) brings the status back on the same connection', async () => {
		const { line, anna, seen } = await throughModem('sheet:asleep');

		line.hold();
		anna.doc.getMap('m').set('Петров', 'не дозвонились');
		await waitFor(() => anna.status.unanswered, 'the status to say so', 15_000);
		line.release();
		await waitFor(() => anna.status.state === 'saved', 'her edit to be confirmed', 15_000);
		expect(anna.status.pending).toBe(0);
		expect(seen.closes()).toBe(0);
		// Back through «Синхронизация…» when the first bytes to come back are not the answer.
		expect(seen.states.slice(0, 3)).toEqual(['saved', 'syncing', 'unanswered']);
		expect(seen.states.slice(3).filter((s) => s !== 'syncing')).toEqual(['saved']);
	}, 40_000);

	it('a slow line that answers is never told as a server not answering', async () => {
		const { line, anna, seen } = await throughModem('sheet:slow');

		// Two seconds there and back: slow, but under SILENT_MS.
		line.delayMs = 1_000;
		for (let i = 0; i < 3; i++) {
			anna.doc.getMap('m').set(`Петров ${i}`, 'не дозвонились');
			await waitFor(() => anna.status.state === 'saved', 'her edit to be confirmed', 15_000);
			await new Promise((resolve) => setTimeout(resolve, SILENT_MS));
		}
		expect(seen.states).not.toContain('unanswered');
		expect(seen.states).not.toContain('offline');
		expect(seen.closes()).toBe(0);
	}, 60_000);

	it('a line dead as the connection opens is still taken for lost when the list is in the browser', async () => {
		const server = await harness.start();
		const line = await modem(new URL(server.wsUrl));
		line.cutAfterUpgrade();
		const anna = page(line.url, 'sheet:dead-at-open');
		// Her copy has the list (and an edit): the first exchange is a difference, not the whole
		// list, and gets no long wait (FIRST_SYNC_MAX_MS; found in review: 5 min of «Синхронизация…»).
		anna.doc.getMap('m').set('Петров', 'не дозвонились');
		const seen = watch(anna);
		await waitFor(() => seen.closes() > 0, 'the dead connection to be closed', SILENCE_MS);
		expect(anna.status.pending).toBe(1);
	}, 60_000);
});
