import { afterEach, describe, expect, it } from 'vitest';
import { Harness, captureLog, waitConverged, waitFor } from './helpers.js';

const harness = new Harness();
afterEach(() => harness.cleanup());

describe('limits', () => {
	it('a connection that misses a pong is terminated; one that answers stays', async () => {
		const { wsUrl, relay } = await harness.start({ pingIntervalMs: 50 });
		const answering = await harness.raw(`${wsUrl}/sheet:heartbeat`);
		let pings = 0;
		answering.ws.on('ping', () => pings++);
		const mute = await harness.raw(`${wsUrl}/sheet:heartbeat`, { autoPong: false });

		expect((await mute.closed).code).toBe(1006); // terminated, no close frame
		await waitFor(() => pings >= 5, 'five pings answered');
		expect(answering.ws.readyState).toBe(answering.ws.OPEN);
		expect(relay.stats().connections).toBe(1);
	});

	it('a connection whose pong is late but which keeps sending is not dropped (a big list on a slow network)', async () => {
		const { wsUrl, relay } = await harness.start({ pingIntervalMs: 50 });
		// Its pongs wait behind a big message still coming, as on a slow network (found by
		// exploration: the relay dropped such a connection mid-way, and the list never came); the
		// browser still sends (its presence every 15 s), so it is alive.
		const slow = await harness.raw(`${wsUrl}/sheet:slow-network`, { autoPong: false });
		let pings = 0;
		slow.ws.on('ping', () => pings++);
		const emptyStep1 = new Uint8Array([0, 0, 1, 0]); // sync step 1 of an empty doc
		const sending = setInterval(() => slow.ws.send(emptyStep1), 20);
		try {
			await waitFor(() => pings >= 5, 'five pings');
			expect(slow.ws.readyState).toBe(slow.ws.OPEN);
			expect(relay.stats().connections).toBe(1);
		} finally {
			clearInterval(sending);
		}
		// Silent, it is dropped as before.
		expect((await slow.closed).code).toBe(1006);
	});

	it('a client that stops reading is dropped once its backlog passes MAX_BUFFERED_BYTES, the others go on', async () => {
		const logs = captureLog();
		const { wsUrl, relay } = await harness.start({ maxBufferedBytes: 64 * 1024, log: logs.log });
		const writer = await harness.synced(harness.client(wsUrl, 'sheet:slow'));
		const reader = await harness.synced(harness.client(wsUrl, 'sheet:slow'));
		const stalled = await harness.raw(`${wsUrl}/sheet:slow`);
		stalled.ws.pause(); // stops reading its socket: the kernel buffers fill, then ws's
		await waitFor(() => relay.stats().connections === 3, 'three connections');

		const chunk = 'x'.repeat(256 * 1024);
		let written = 0;
		await waitFor(() => {
			writer.map.set(`chunk${written++}`, chunk);
			return logs.warnings('bytes waiting to be sent').length > 0;
		}, 'the stalled client to be dropped');

		expect(logs.warnings('bytes waiting to be sent')).toHaveLength(1);
		expect(relay.stats().connections).toBe(2);
		await waitConverged([writer, reader], written);
	});
});
