/**
 * The relay's limits for a client that has access: connections per address
 * (`MAX_PER_ADDRESS`) and documents in memory (`MAX_DOCS`). One client opened 3,000
 * lists in 4 s and the server grew by 190 MB; an honest office never meets these limits, and
 * nothing stored is lost when a document is dropped to make room for another.
 */
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DocConnection } from '../../src/lib/sync/connection';
import { CLOSE_TOO_MANY, CLOSE_TOO_MANY_REASONS } from '../../server/relay.js';
import { Harness, captureLog, waitFor, wsUrlOf, type RawClient } from './helpers.js';

const harness = new Harness();
afterEach(() => harness.cleanup());

/** Whether the relay closed the socket (code and reason), or still holds it after a moment. */
async function outcome(raw: RawClient) {
	return Promise.race([
		raw.closed,
		new Promise<'open'>((resolve) => setTimeout(() => resolve('open'), 300))
	]);
}

describe('limits for a client with access', () => {
	it('one address holds at most MAX_PER_ADDRESS connections; the next is told why, and let in once one closes', async () => {
		const logs = captureLog();
		const { wsUrl, relay } = await harness.start({ maxPerAddress: 3, log: logs.log });
		const held = [];
		for (let i = 0; i < 3; i++) held.push(await harness.raw(`${wsUrl}/sheet:tab${i}`));
		await waitFor(() => relay.stats().connections === 3, 'three connections');

		for (let i = 0; i < 5; i++) {
			const refused = await harness.raw(`${wsUrl}/sheet:more${i}`);
			expect(await refused.closed).toEqual({
				code: CLOSE_TOO_MANY,
				reason: CLOSE_TOO_MANY_REASONS.connections
			});
		}
		// No document was loaded for them, and the log said it once.
		expect(relay.stats()).toEqual({ rooms: 3, connections: 3 });
		expect(logs.warnings('MAX_PER_ADDRESS')).toHaveLength(1);

		held[0].close();
		await waitFor(() => relay.stats().connections === 2, 'the first to be gone');
		const again = await harness.raw(`${wsUrl}/sheet:more0`);
		expect(await outcome(again)).toBe('open');
		expect(relay.stats().connections).toBe(3);
	});

	it('at MAX_DOCS the document idle longest is dropped for a new one, and what it held is there when it is opened again', async () => {
		const { wsUrl, relay } = await harness.start({ maxDocs: 2, docIdleMs: 60_000 });
		const writer = await harness.synced(harness.client(wsUrl, 'sheet:first'));
		writer.map.set('resident', 'Иванова А. П., +7 (812) 555-01-02');
		const second = await harness.synced(harness.client(wsUrl, 'sheet:second'));
		second.map.set('n', 2);
		// Stored: the relay passes an edit on only once it is.
		const colleague = await harness.synced(harness.client(wsUrl, 'sheet:first'));
		await waitFor(() => colleague.map.get('resident') !== undefined, 'the edit to be stored');
		const colleague2 = await harness.synced(harness.client(wsUrl, 'sheet:second'));
		await waitFor(() => colleague2.map.get('n') === 2, 'the second edit to be stored');
		harness.closeClients();
		await waitFor(() => relay.stats().connections === 0, 'every client gone');
		expect(relay.stats().rooms).toBe(2); // idle, kept for DOC_IDLE_MS

		for (let i = 0; i < 6; i++) {
			const reader = await harness.synced(harness.client(wsUrl, `sheet:other${i}`));
			expect(relay.stats().rooms).toBeLessThanOrEqual(2);
			reader.provider.destroy();
			await waitFor(() => relay.stats().connections === 0, 'the reader to be gone');
		}

		const back = await harness.synced(harness.client(wsUrl, 'sheet:first'));
		expect(back.map.get('resident')).toBe('Иванова А. П., +7 (812) 555-01-02');
		const backSecond = await harness.synced(harness.client(wsUrl, 'sheet:second'));
		expect(backSecond.map.get('n')).toBe(2);
	});

	it('at MAX_DOCS with every document in use, a connection to another is told why, and nothing held is dropped', async () => {
		const logs = captureLog();
		const { wsUrl, relay } = await harness.start({ maxDocs: 2, log: logs.log });
		const a = await harness.synced(harness.client(wsUrl, 'sheet:a'));
		const b = await harness.synced(harness.client(wsUrl, 'sheet:b'));
		const refused = await harness.raw(`${wsUrl}/sheet:c`);
		expect(await refused.closed).toEqual({
			code: CLOSE_TOO_MANY,
			reason: CLOSE_TOO_MANY_REASONS.docs
		});
		expect(logs.warnings('MAX_DOCS')).toHaveLength(1);
		expect(relay.stats()).toEqual({ rooms: 2, connections: 2 });
		// The two in use go on.
		const a2 = await harness.synced(harness.client(wsUrl, 'sheet:a'));
		a.map.set('k', 'v');
		await waitFor(() => a2.map.get('k') === 'v', 'an edit to reach a colleague');
		expect(b.provider.wsconnected).toBe(true);
	});

	it('a client opening list after list keeps at most MAX_DOCS in memory', async () => {
		const { wsUrl, relay } = await harness.start({ maxDocs: 10, docIdleMs: 60_000 });
		let most = 0;
		for (let i = 0; i < 60; i++) {
			const raw = await harness.raw(`${wsUrl}/sheet:flood${i}`);
			await raw.next(0); // its sync step 1: the document was loaded
			raw.close();
			most = Math.max(most, relay.stats().rooms);
		}
		expect(most).toBeLessThanOrEqual(10);
	});

	it("the operator's page says the server does not take the tab, keeps her change, and sends it once let in", async () => {
		const { wsUrl, url } = await harness.start({ maxPerAddress: 2 });
		const others = [await harness.raw(`${wsUrl}/ws:office`), await harness.raw(`${wsUrl}/sheet:x`)];
		const anna = new DocConnection({
			room: 'sheet:calls',
			serverUrl: wsUrlOf(url),
			persist: false,
			WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket
		});
		try {
			anna.doc.getMap('m').set('call', 'не дозвонились');
			await waitFor(() => anna.status.serverBusy, 'the status to say the server is busy');
			expect(anna.status.state).not.toBe('saved');
			expect(anna.status.pending).toBeGreaterThan(0);
			// Refused, it asks again in a while, not five times a second.
			let refused = 0;
			anna.provider.on('connection-close', () => refused++);
			await new Promise((resolve) => setTimeout(resolve, 2_000));
			expect(refused).toBeLessThanOrEqual(1);

			for (const other of others) other.close();
			await waitFor(() => anna.status.state === 'saved', 'her change to be saved', 20_000);
			expect(anna.status.serverBusy).toBe(false);
			const colleague = await harness.synced(harness.client(wsUrl, 'sheet:calls'));
			expect(colleague.map.get('call')).toBe('не дозвонились');
		} finally {
			anna.destroy();
		}
	}, 40_000);

	it('an X-Forwarded-For of its own does not give a client another count when TRUSTED_PROXIES is unset', async () => {
		const { wsUrl, relay } = await harness.start({ maxPerAddress: 2 });
		const forwarded = (i: number) => ({ headers: { 'X-Forwarded-For': `10.0.0.${i}` } });
		await harness.raw(`${wsUrl}/sheet:a`, forwarded(1));
		await harness.raw(`${wsUrl}/sheet:b`, forwarded(2));
		const third = await harness.raw(`${wsUrl}/sheet:c`, forwarded(3));
		expect(await third.closed).toEqual({
			code: CLOSE_TOO_MANY,
			reason: CLOSE_TOO_MANY_REASONS.connections
		});
		expect(relay.stats().connections).toBe(2);
	});

	it('a socket cut without a close frame frees its place at once, and one that stops answering at the heartbeat', async () => {
		const { wsUrl, relay } = await harness.start({ maxPerAddress: 2, pingIntervalMs: 300 });
		const cut = await harness.raw(`${wsUrl}/sheet:a`);
		const silent = await harness.raw(`${wsUrl}/sheet:b`);
		// The Wi-Fi of one tab dropped and its browser cut the socket: the relay sees the TCP end.
		(cut.ws as unknown as { _socket: import('node:net').Socket })._socket.destroy();
		await waitFor(() => relay.stats().connections === 1, 'the cut socket to be let go');
		expect(await outcome(await harness.raw(`${wsUrl}/sheet:c`))).toBe('open');
		// The other laptop left the network without a word: its socket stays, unanswering, until
		// the heartbeat drops it (two intervals at most); then the tab coming back gets in.
		(silent.ws as unknown as { _socket: import('node:net').Socket })._socket.pause();
		const refused = await harness.raw(`${wsUrl}/sheet:d`);
		expect((await refused.closed).code).toBe(CLOSE_TOO_MANY);
		await waitFor(() => relay.stats().connections === 1, 'the silent socket to be dropped');
		expect(await outcome(await harness.raw(`${wsUrl}/sheet:d`))).toBe('open');
	});

	it('upgrades given up half-way take no place: the address still gets all of its connections', async () => {
		const slow = () => new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 50));
		const { url, wsUrl, relay } = await harness.start({ maxPerAddress: 3, authorize: slow });
		const { port } = new URL(url);
		for (let i = 0; i < 10; i++) {
			// The request sent, the socket gone before the relay answers (a tab closed while it
			// connected, a network that dropped).
			await new Promise<void>((resolve) => {
				const socket = connect(Number(port), '127.0.0.1', () => {
					socket.write(
						`GET /sync/sheet:gone${i} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n` +
							'Upgrade: websocket\r\nConnection: Upgrade\r\n' +
							'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
						() => {
							socket.destroy();
							resolve();
						}
					);
				});
			});
		}
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(relay.stats().connections).toBe(0);
		for (let i = 0; i < 3; i++)
			expect(await outcome(await harness.raw(`${wsUrl}/sheet:tab${i}`))).toBe('open');
		expect(relay.stats().connections).toBe(3);
	});

	it('a list dropped for room while its last edit is still being stored, and opened again while it is written back, loses nothing', async () => {
		const { wsUrl, relay } = await harness.start({ maxDocs: 2, docIdleMs: 60_000 });
		const big = 'Иванова А. П., ул. Ленина 5, кв. 12; '.repeat(40_000);
		const writer = await harness.synced(harness.client(wsUrl, 'sheet:calls'));
		writer.map.set('note', big);
		writer.map.set('last', 'перезвонить в 18:00');
		// Gone at once, before the relay could store what it sent.
		writer.provider.destroy();
		// Two other lists at once: the first is dropped for the second while it is being stored.
		const b = harness.client(wsUrl, 'sheet:b');
		const c = harness.client(wsUrl, 'sheet:c');
		await harness.synced(b);
		await harness.synced(c);
		b.provider.destroy();
		await waitFor(() => relay.stats().connections === 1, 'b to be let go');
		// Back to the list at once: it waits for its write-back, then has everything.
		const back = await harness.synced(harness.client(wsUrl, 'sheet:calls'));
		expect(back.map.get('last')).toBe('перезвонить в 18:00');
		expect(back.map.get('note')).toBe(big);
	}, 30_000);
});
