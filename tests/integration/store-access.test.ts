import { chmod, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Harness, captureLog, waitFor } from './helpers.js';

const harness = new Harness();
afterEach(() => harness.cleanup());

/** The permission bits of a path (owner, group, others). */
const modeOf = async (path: string) => (await stat(path)).mode & 0o777;

const RESIDENT = 'Иванова Мария Петровна, +7 (911) 123-45-67';

// Mode bits do not exist on Windows; there the folder keeps the permissions it inherits.
describe.skipIf(process.platform === 'win32')('who can read the lists on the laptop', () => {
	it('DATA_DIR and its documents are created readable by the server’s OS user only', async () => {
		const dataDir = join(await harness.tempDir(), 'data');
		const server = await harness.start({ dataDir });
		const client = await harness.synced(harness.client(server.wsUrl, 'sheet:access'));
		client.map.set('a', RESIDENT);
		await waitFor(async () => (await readdir(join(dataDir, 'docs'))).length > 0, 'store files');

		expect(await modeOf(dataDir)).toBe(0o700);
		expect(await modeOf(join(dataDir, 'docs'))).toBe(0o700);
	});

	it('a documents folder others could read is closed, with a warning, and its lists still open', async () => {
		const dataDir = await harness.tempDir();
		const first = captureLog();
		const server = await harness.start({ dataDir, log: first.log });
		const writer = await harness.synced(harness.client(server.wsUrl, 'sheet:access'));
		writer.map.set('a', RESIDENT);
		// The room's log in the store: the relay has it once a second client reads it back.
		const check = await harness.synced(harness.client(server.wsUrl, 'sheet:access'));
		await waitFor(() => check.map.get('a') === RESIDENT, 'the edit through the relay');
		harness.closeClients();
		await server.close();
		expect(first.warnings('open to other users')).toEqual([]);

		// Made before this check existed, or by hand: every user of the laptop can read it.
		await chmod(join(dataDir, 'docs'), 0o755);
		const second = captureLog();
		const again = await harness.start({ dataDir, log: second.log });
		expect(await modeOf(join(dataDir, 'docs'))).toBe(0o700);
		const warnings = second.warnings('open to other users');
		expect(warnings).toHaveLength(1);
		expect(warnings[0].message).toContain('mode 755');

		const reader = await harness.synced(harness.client(again.wsUrl, 'sheet:access'));
		await waitFor(() => reader.map.get('a') === RESIDENT, 'the list after the restart');
	});
});
