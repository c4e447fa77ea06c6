/**
 * The relay's limits for a client that has access: connections per address
 * (`MAX_PER_ADDRESS`) and documents in memory (`MAX_DOCS`). One client opened 3,000
 * lists in 4 s and the server grew by 190 MB; an honest office never meets these limits, and
 * nothing stored is lost when a document is dropped to make room for another.
 */
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
});
