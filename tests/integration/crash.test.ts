/**
 * The store under SIGKILL at random moments: a child process appends updates to three rooms
 * (small ones, big ones that rotate the write-ahead file, compactions in a worker thread
 * meanwhile) and is killed mid-work, again and again on the same directory (each start replays
 * what the last one left). Every update the store called durable must be in the room when it is
 * opened again, and each room's updates must apply whole (nothing missing in the middle).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createLevelStore } from '../../server/store.js';
import { Harness, PROJECT_ROOT, waitFor } from './helpers.js';

const harness = new Harness();
afterEach(() => harness.cleanup());

const WRITER = join(PROJECT_ROOT, 'tests/integration/fixtures/store-writer.mjs');
const ROUNDS = 6;

/** Runs the writer until `killAfterMs` after it is ready, kills it, returns what it acknowledged. */
async function writeUntilKilled(dir: string, seed: number, killAfterMs: number) {
	const child = spawn(process.execPath, [WRITER, dir, String(seed)], { cwd: PROJECT_ROOT });
	let out = '';
	let err = '';
	child.stdout.on('data', (chunk) => (out += chunk));
	child.stderr.on('data', (chunk) => (err += chunk));
	const exited = new Promise<NodeJS.Signals | null>((resolve) =>
		child.once('exit', (_, signal) => resolve(signal))
	);
	await waitFor(() => out.startsWith('ready\n') || child.exitCode !== null, 'the writer to start');
	await new Promise((resolve) => setTimeout(resolve, killAfterMs));
	child.kill('SIGKILL');
	expect(await exited, `the writer died before it was killed: ${err}`).toBe('SIGKILL');
	// Only whole lines: the last one may be cut by the kill.
	return out
		.split('\n')
		.filter((line) => line.startsWith('ack '))
		.map((line) => {
			const [, room, key, size] = line.split(' ');
			return { room, key, size: Number(size) };
		})
		.filter((ack) => Number.isFinite(ack.size));
}

describe('the store killed with SIGKILL mid-work', () => {
	it(
		'keeps every update it called durable, over six crashes and restarts',
		{ timeout: 120_000 },
		async () => {
			const dir = await harness.tempDir();
			const acked: { room: string; key: string; size: number }[] = [];
			for (let round = 0; round < ROUNDS; round++) {
				// Killed at different moments: early (replaying), mid-batch, mid-compaction.
				const killAfter = [40, 700, 150, 1200, 300, 900][round];
				const got = await writeUntilKilled(dir, 7919 * (round + 1), killAfter);
				expect(got.length, `round ${round} wrote something`).toBeGreaterThan(0);
				acked.push(...got);
			}
			expect(
				acked.some((a) => a.size > 1_000_000),
				'big updates were among them'
			).toBe(true);

			const store = await createLevelStore({ dir, log: { warn: () => {}, error: () => {} } });
			try {
				for (const room of ['sheet:a', 'sheet:b', 'sheet:c']) {
					const doc = new Y.Doc();
					const update = await store.load(room);
					expect(update, room).not.toBeNull();
					Y.applyUpdate(doc, update as Uint8Array);
					// Nothing waits for a missing update in the middle.
					expect(doc.store.pendingStructs, `${room}: updates missing in the middle`).toBeNull();
					expect(doc.store.pendingDs, room).toBeNull();
					const map = doc.getMap<string>('m');
					const lost = acked
						.filter((a) => a.room === room)
						.filter((a) => (map.get(a.key) ?? '').length !== a.size || !map.has(a.key));
					expect(lost, `${room}: durable updates lost`).toEqual([]);
				}
			} finally {
				await store.close();
			}
		}
	);
});
