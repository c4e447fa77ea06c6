import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Harness, covers, updateMessage, waitConverged, waitFor, wsUrlOf } from './helpers.js';

const harness = new Harness();
afterEach(() => harness.cleanup());

describe('durability', () => {
	it('kill -9 of the server loses nothing a client has seen or the relay has acknowledged', async () => {
		const dataDir = await harness.tempDir();
		const first = await harness.startChild({ DATA_DIR: dataDir });
		const wsUrl = wsUrlOf(first.url);

		// Updates one client has seen from another…
		const writer = await harness.synced(harness.client(wsUrl, 'sheet:crash'));
		const witness = await harness.synced(harness.client(wsUrl, 'sheet:crash'));
		for (let i = 0; i < 100; i++) writer.map.set(`k${i}`, i);
		await waitConverged([writer, witness], 100);

		// …and updates only acknowledged by the relay (type 100), the server killed right after.
		const raw = await harness.raw(`${wsUrl}/sheet:crash`);
		const local = new Y.Doc();
		local.on('update', (update: Uint8Array) => raw.send(updateMessage(update)));
		for (let i = 0; i < 20; i++) local.getMap('m').set(`acked${i}`, i);
		expect(covers(await raw.stateVector(), local)).toBe(true);

		first.process.kill('SIGKILL');
		expect(await first.exited).toBe(null); // killed by the signal, not exited
		writer.provider.destroy();
		witness.provider.destroy();

		const second = await harness.startChild({ DATA_DIR: dataDir });
		const fresh = await harness.synced(harness.client(wsUrlOf(second.url), 'sheet:crash'));
		await waitFor(() => fresh.map.size === 120, 'every update after the restart');
		for (let i = 0; i < 100; i++) expect(fresh.map.get(`k${i}`)).toBe(i);
		for (let i = 0; i < 20; i++) expect(fresh.map.get(`acked${i}`)).toBe(i);
		expect(fresh.map.toJSON()).toEqual({ ...writer.map.toJSON(), ...local.getMap('m').toJSON() });
	});

	it('npm start serves the relay and /healthz (with or without a build)', async () => {
		const child = await harness.startChild({ DATA_DIR: await harness.tempDir() });
		const response = await fetch(`${child.url}/healthz`);
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ ok: true, access: true, rooms: 0, connections: 0 });
		const client = await harness.synced(harness.client(wsUrlOf(child.url), 'ws:started'));
		expect(client.provider.wsconnected).toBe(true);
	});
});
