/**
 * `applySoon` (server/relay.js): the first update of a turn of the event loop is applied and
 * broadcast at once, the others read in that turn at its end. These tests mix both (updates
 * sent one turn apart and in bursts) with a client dropped in the middle of a broadcast (send →
 * detach → applyStored, re-entered from inside an apply), for both store modes.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { messageSync } from '../../server/relay.js';
import { Harness, RawClient, captureLog, covers, updateMessage, waitFor } from './helpers.js';

const harness = new Harness();
afterEach(() => harness.cleanup());

/** `count` updates of a doc with the given client id, each setting a key to `size` characters. */
function updatesOf(clientID: number, prefix: string, count: number, size: number) {
	const doc = new Y.Doc();
	doc.clientID = clientID;
	const messages: Uint8Array[] = [];
	doc.on('update', (update: Uint8Array) => messages.push(updateMessage(update)));
	for (let i = 0; i < count; i++) doc.getMap('m').set(`${prefix}${i}`, `${i}`.padEnd(size, '.'));
	return { doc, messages };
}

/** Applies the sync messages a raw client received so far to `doc`. */
function takeSync(raw: RawClient, doc: Y.Doc) {
	for (const message of raw.messages.splice(0)) {
		const decoder = decoding.createDecoder(message);
		if (decoding.readVarUint(decoder) !== messageSync) continue;
		syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), doc, null);
	}
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe.each([
	{ storeSync: false, what: 'write-ahead file' },
	{ storeSync: true, what: 'fsynced store (applySoon in a promise callback)' }
])('applied at once or at the end of the turn, $what', ({ storeSync }) => {
	it('leaves nothing unapplied when a stalled client is dropped in the middle of a broadcast', async () => {
		const logs = captureLog();
		const dataDir = await harness.tempDir();
		const server = await harness.start({
			dataDir,
			storeSync,
			maxBufferedBytes: 256 * 1024,
			log: logs.log
		});
		const room = 'sheet:apply-turns';
		const url = `${server.wsUrl}/${room}`;
		const watcher = await harness.raw(url);
		const alice = await harness.raw(url);
		const bob = await harness.raw(url);
		const stalled = await harness.raw(url);
		for (const raw of [watcher, alice, bob, stalled]) {
			await waitFor(() => raw.messages.length > 0, 'sync step 1');
			raw.messages.length = 0;
		}
		stalled.ws.pause(); // reads nothing more: its backlog grows until the relay drops it

		const a = updatesOf(301, 'a', 120, 64 * 1024);
		const b = updatesOf(302, 'b', 120, 64 * 1024);
		for (let i = 0; i < 120; i++) {
			alice.send(a.messages[i]);
			bob.send(b.messages[i]);
			// Every few updates a new turn: its first update is applied at once.
			if (i % 7 === 0) await nextTurn();
		}
		const expected = { ...a.doc.getMap('m').toJSON(), ...b.doc.getMap('m').toJSON() };
		const seen = new Y.Doc();
		// Nothing but the updates themselves reaches the relay meanwhile (no state-vector request,
		// no awareness): each must be applied by `applySoon` alone.
		await waitFor(() => {
			takeSync(watcher, seen);
			return seen.getMap('m').size === 240;
		}, 'both senders at the watcher');
		expect(seen.getMap('m').toJSON()).toEqual(expected);
		// Asked only now: a state-vector request applies whatever waits, and would hide a loss.
		expect(covers(await alice.stateVector(), a.doc)).toBe(true);
		expect(covers(await bob.stateVector(), b.doc)).toBe(true);
		expect(logs.warnings('bytes waiting to be sent')).toHaveLength(1);
		expect(logs.lines.filter((l) => l.level === 'error')).toEqual([]);
		expect(server.relay.stats().connections).toBe(3);

		harness.closeClients();
		await server.close();
		const again = await harness.start({ dataDir, storeSync });
		const client = await harness.synced(harness.client(again.wsUrl, room));
		expect(client.map.toJSON()).toEqual(expected);
	});
});
