import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { messageSync } from 'y-websocket';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { syncUpdateMessage } from './connection';

/** The message y-websocket's provider sends for an update. */
function providersMessage(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, messageSync);
	syncProtocol.writeUpdate(encoder, update);
	return encoding.toUint8Array(encoder);
}

describe('syncUpdateMessage', () => {
	it('is byte for byte the message y-websocket makes, at every length of its length prefix', () => {
		for (const length of [0, 1, 127, 128, 300, 16_383, 16_384, 2_097_151, 2_097_152, 540_000]) {
			const update = new Uint8Array(length);
			for (let i = 0; i < length; i++) update[i] = (i * 31 + length) & 255;
			const ours = syncUpdateMessage(update);
			const theirs = providersMessage(update);
			// The header (kinds and length prefix) shown on failure; every byte compared.
			expect([...ours.subarray(0, 8)], `length ${length}`).toEqual([...theirs.subarray(0, 8)]);
			expect(ours.length, `length ${length}`).toBe(theirs.length);
			expect(Buffer.compare(ours, theirs), `length ${length}`).toBe(0);
		}
	});

	it('carries an update that another doc reads as y-protocols does', () => {
		const doc = new Y.Doc();
		doc.getMap('m').set('ФИО', 'Иванова Анна Петровна');
		const decoder = decoding.createDecoder(syncUpdateMessage(Y.encodeStateAsUpdate(doc)));
		expect(decoding.readVarUint(decoder)).toBe(messageSync);
		const other = new Y.Doc();
		const reply = encoding.createEncoder();
		expect(syncProtocol.readSyncMessage(decoder, reply, other, null)).toBe(
			syncProtocol.messageYjsUpdate
		);
		expect(other.getMap('m').get('ФИО')).toBe('Иванова Анна Петровна');
	});
});
