/**
 * The data folder deleted or moved while the server runs (someone tidying the laptop). Its
 * files stay open and take every write, so without a check the relay acknowledged edits that
 * were gone at the next start.
 */
import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Harness, covers, waitFor, wsUrlOf, type ChildServer, type Client } from './helpers.js';

const harness = new Harness();
afterEach(() => harness.cleanup());

const ROOM = 'sheet:folder';

/** Does the relay hold everything in the client's document (its state vector, message 100)? */
async function holds(server: ChildServer, client: Client) {
	const raw = await harness.raw(`${wsUrlOf(server.url)}/${ROOM}`);
	try {
		return covers(await raw.stateVector(), client.doc);
	} finally {
		raw.close();
	}
}

async function started() {
	const dataDir = join(await harness.tempDir(), 'data');
	const server = await harness.startChild({ DATA_DIR: dataDir });
	const writer = await harness.synced(harness.client(wsUrlOf(server.url), ROOM));
	writer.map.set('before', 1);
	await waitFor(() => holds(server, writer), 'the first edit to be saved');
	let closes = 0;
	writer.provider.on('connection-close', () => closes++);
	return { dataDir, server, writer, closes: () => closes };
}

describe('the data folder taken away while the server runs', () => {
	it('deleted: the log says so and edits are no longer acknowledged as saved', async () => {
		const { dataDir, server, writer, closes } = await started();
		await rm(dataDir, { recursive: true, force: true });
		await waitFor(() => server.output().includes('удалена или перенесена'), 'the log to say so');
		expect(server.output()).toContain('deleted or moved');

		writer.map.set('after', 2);
		await waitFor(() => closes() > 0, 'the edit to be refused');
		expect(await holds(server, writer), 'an edit acknowledged with no folder').toBe(false);
		expect(writer.map.get('after')).toBe(2); // the client keeps it
	});

	it('moved and put back: the edits made meanwhile are saved once it is back', async () => {
		const { dataDir, server, writer, closes } = await started();
		await rename(dataDir, `${dataDir}-moved`);
		await waitFor(() => server.output().includes('удалена или перенесена'), 'the log to say so');
		writer.map.set('meanwhile', 2);
		await waitFor(() => closes() > 0, 'the edit to be refused');
		expect(await holds(server, writer)).toBe(false);

		await rename(`${dataDir}-moved`, dataDir);
		await waitFor(() => server.output().includes('снова на месте'), 'the log to say it is back');
		await waitFor(() => holds(server, writer), 'the edit made meanwhile to be saved');
	});
});
