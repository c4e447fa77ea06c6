import { spawn } from 'node:child_process';
import { appendFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ClassicLevel } from 'classic-level';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	COMPACT_AFTER_UPDATES,
	COMPACT_BUSY_UPDATES,
	LEVEL_DIR,
	createLevelStore,
	type DocStore
} from '../../server/store.js';
import {
	Harness,
	PROJECT_ROOT,
	captureLog,
	contentOf,
	selfOriginUpdate,
	waitConverged,
	waitFor
} from './helpers.js';

const harness = new Harness();
afterEach(() => harness.cleanup());

/** A LevelDB store that counts how often rooms are loaded and compacted. */
async function countingStore(dir: string) {
	const store = await createLevelStore({ dir });
	const calls = { load: 0, compact: 0 };
	const counted: DocStore = {
		load: (room) => (calls.load++, store.load(room)),
		append: (room, update) => store.append(room, update),
		compact: (room, update) => (calls.compact++, store.compact(room, update)),
		close: () => store.close()
	};
	return { store: counted, calls };
}

/** Number of entries LevelDB holds for `room` in the store in `dir` (which must be closed). */
/** The sequence number (key suffix) and size of each stored update of a room. */
async function storedUpdates(dir: string, room: string) {
	const db = new ClassicLevel<string, Uint8Array>(join(dir, LEVEL_DIR), { valueEncoding: 'view' });
	const entries = await db.iterator({ gte: `${room}\u0000`, lt: `${room}\u0001` }).all();
	await db.close();
	return entries.map(([key, value]) => ({
		seq: Number(key.split('\u0000')[1]),
		bytes: value.length
	}));
}

async function entriesOf(dir: string, room: string) {
	const db = new ClassicLevel<string, Uint8Array>(join(dir, LEVEL_DIR), { valueEncoding: 'view' });
	const keys = await db.keys({ gte: `${room}\u0000`, lt: `${room}\u0001` }).all();
	await db.close();
	return keys.length;
}

describe('documents in memory', () => {
	it('a doc leaves memory DOC_IDLE_MS after its last client and comes back from the store intact', async () => {
		const dir = await harness.tempDir();
		const { store, calls } = await countingStore(dir);
		const server = await harness.start({ store, docIdleMs: 50 });
		const writer = await harness.synced(harness.client(server.wsUrl, 'sheet:idle'));
		for (let i = 0; i < 30; i++) writer.map.set(`k${i}`, i);
		const witness = harness.client(server.wsUrl, 'sheet:idle');
		await waitConverged([writer, witness], 30);
		writer.provider.destroy();
		witness.provider.destroy();

		await waitFor(() => server.relay.stats().rooms === 0, 'the doc to leave memory');
		expect(calls).toEqual({ load: 1, compact: 1 });

		const fresh = await harness.synced(harness.client(server.wsUrl, 'sheet:idle'));
		expect(contentOf(fresh)).toBe(contentOf(writer));
		expect(calls.load).toBe(2);

		fresh.provider.destroy();
		await waitFor(() => server.relay.stats().rooms === 0, 'the doc to leave memory again');
		await server.close();
		expect(await entriesOf(dir, 'sheet:idle')).toBe(1); // compacted into one update
	});

	it('a client reconnecting within the grace period reuses the doc in memory', async () => {
		const { store, calls } = await countingStore(await harness.tempDir());
		const server = await harness.start({ store, docIdleMs: 60_000 });
		const first = await harness.synced(harness.client(server.wsUrl, 'sheet:grace'));
		first.map.set('kept', true);
		const witness = harness.client(server.wsUrl, 'sheet:grace');
		await waitConverged([first, witness], 1);
		first.provider.destroy();
		witness.provider.destroy();
		await waitFor(() => server.relay.stats().connections === 0, 'everyone to leave');
		expect(server.relay.stats().rooms).toBe(1);

		const again = await harness.synced(harness.client(server.wsUrl, 'sheet:grace'));
		expect(again.map.get('kept')).toBe(true);
		expect(calls).toEqual({ load: 1, compact: 0 });
	});

	it('close() flushes: a doc still in memory is compacted and survives a restart', async () => {
		const dir = await harness.tempDir();
		const server = await harness.start({ dataDir: dir, docIdleMs: 60_000 });
		const writer = await harness.synced(harness.client(server.wsUrl, 'ws:flush'));
		for (let i = 0; i < 10; i++) writer.map.set(`k${i}`, i);
		await waitConverged([writer, harness.client(server.wsUrl, 'ws:flush')], 10);
		await server.close();
		expect(await entriesOf(join(dir, 'docs'), 'ws:flush')).toBe(1);

		const again = await harness.start({ dataDir: dir });
		const fresh = await harness.synced(harness.client(again.wsUrl, 'ws:flush'));
		expect(contentOf(fresh)).toBe(contentOf(writer));
	});
});

describe('the LevelDB store', () => {
	it(`a room with more than ${COMPACT_AFTER_UPDATES} updates is compacted, and loads the same`, async () => {
		const dir = await harness.tempDir();
		const store = await createLevelStore({ dir });
		const doc = new Y.Doc();
		const updates: Uint8Array[] = [];
		doc.on('update', (update: Uint8Array) => updates.push(update));
		for (let i = 0; i < COMPACT_AFTER_UPDATES + 20; i++) doc.getMap('m').set(`k${i % 50}`, i);
		for (const update of updates) await store.append('sheet:many', update);
		const loaded = new Y.Doc();
		Y.applyUpdate(loaded, (await store.load('sheet:many')) as Uint8Array);
		expect(loaded.getMap('m').toJSON()).toEqual(doc.getMap('m').toJSON());
		await store.close();
		expect(await entriesOf(dir, 'sheet:many')).toBeLessThan(COMPACT_AFTER_UPDATES);

		const reopened = await createLevelStore({ dir });
		const again = new Y.Doc();
		Y.applyUpdate(again, (await reopened.load('sheet:many')) as Uint8Array);
		expect(again.getMap('m').toJSON()).toEqual(doc.getMap('m').toJSON());
		expect(await reopened.load('sheet:none')).toBeNull();
		await reopened.close();
	});

	it(`a room past ${COMPACT_AFTER_UPDATES} updates is compacted in its first pause, not while edits keep coming`, async () => {
		const dir = await harness.tempDir();
		// A pause of 1 s here (200 ms by default), so that a slow machine's timers do not make one.
		const store = await createLevelStore({ dir, compactQuietMs: 1000 });
		try {
			const doc = new Y.Doc();
			doc.on('update', (update: Uint8Array) => void store.append('sheet:busy', update));
			for (let i = 0; i < COMPACT_AFTER_UPDATES + 20; i++) doc.getMap('m').set(`k${i % 50}`, i);
			// 1.5 s more of edits, 25 ms apart: the compaction would have run and ended meanwhile.
			for (let i = 0; i < 60; i++) {
				await new Promise((resolve) => setTimeout(resolve, 25));
				doc.getMap('m').set(`late${i % 5}`, i);
			}
			expect((await store.loadEach('sheet:busy')).length).toBe(COMPACT_AFTER_UPDATES + 80);
			await waitFor(
				async () => (await store.loadEach('sheet:busy')).length < COMPACT_AFTER_UPDATES,
				'the compaction in the pause',
				15_000
			);
			const loaded = new Y.Doc();
			Y.applyUpdate(loaded, (await store.load('sheet:busy')) as Uint8Array);
			expect(loaded.getMap('m').toJSON()).toEqual(doc.getMap('m').toJSON());
		} finally {
			await store.close();
		}
	});

	it(`a room written without a pause is compacted anyway past ${COMPACT_BUSY_UPDATES} updates`, async () => {
		const dir = await harness.tempDir();
		const store = await createLevelStore({ dir, compactQuietMs: 60_000 });
		try {
			const doc = new Y.Doc();
			doc.on('update', (update: Uint8Array) => void store.append('sheet:stream', update));
			for (let i = 0; i < COMPACT_BUSY_UPDATES + 20; i++) doc.getMap('m').set(`k${i % 50}`, i);
			await waitFor(
				async () => (await store.loadEach('sheet:stream')).length < COMPACT_AFTER_UPDATES,
				'the compaction past the bound',
				15_000
			);
			const loaded = new Y.Doc();
			Y.applyUpdate(loaded, (await store.load('sheet:stream')) as Uint8Array);
			expect(loaded.getMap('m').toJSON()).toEqual(doc.getMap('m').toJSON());
		} finally {
			await store.close();
		}
	});

	it('edits typed while the compaction of a pause runs are kept: the doc that leaves memory comes back with them', async () => {
		const dir = await harness.tempDir();
		const quietMs = 100;
		const level = await createLevelStore({ dir, compactQuietMs: quietMs });
		const server = await harness.start({ store: level, docIdleMs: 50 });
		const room = 'sheet:pause';
		const anna = await harness.synced(harness.client(server.wsUrl, room));
		const vera = await harness.synced(harness.client(server.wsUrl, room));
		const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
		/** Resolves once Vera holds `key`: the relay has stored the update and sent it on. */
		const veraHas = (key: string) =>
			new Promise<void>((resolve) => {
				const seen = () => {
					if (!vera.map.has(key)) return;
					vera.map.unobserve(seen);
					resolve();
				};
				vera.map.observe(seen);
				seen();
			});
		// Anna fills in more than COMPACT_AFTER_UPDATES cells, stops for the pause, and types again
		// a little after it (0 to 40 ms late, once each): each time the room's compaction starts in
		// the pause and runs (reading, merging, deleting ~0.5 MB: 100 ms or more here) while her
		// next edits come in, which must not be among the updates it deletes.
		let typed = 0;
		for (const [round, late] of [0, 5, 15, 40].entries()) {
			const burst = COMPACT_AFTER_UPDATES + 20;
			for (let i = 0; i < burst; i++) anna.map.set(`r${round}-cell${i}`, 'ш'.repeat(1000));
			await veraHas(`r${round}-cell${burst - 1}`);
			await sleep(quietMs + late);
			const until = performance.now() + 400;
			for (let i = 0; performance.now() < until; i++) {
				anna.map.set(`r${round}-typed${i}`, i);
				typed++;
				await sleep(2);
			}
		}
		const total = 4 * (COMPACT_AFTER_UPDATES + 20) + typed;
		await waitConverged([anna, vera], total);
		// The pauses' compactions ran: the log no longer holds each edit on its own.
		await waitFor(
			async () => (await level.loadEach(room)).length < COMPACT_AFTER_UPDATES,
			'the compaction in the pause'
		);

		// Both leave; the doc leaves memory, written back from the store's log, and a colleague
		// who opens the sheet later gets it from there.
		const expected = contentOf(anna);
		anna.provider.destroy();
		vera.provider.destroy();
		await waitFor(() => server.relay.stats().rooms === 0, 'the doc to leave memory');
		const galina = await harness.synced(harness.client(server.wsUrl, room));
		await waitFor(() => galina.map.size >= total, 'every edit at Галина', 5000).catch(() => {});
		const lost = Object.keys(anna.map.toJSON()).filter((key) => !galina.map.has(key));
		expect(lost, 'edits lost from the store').toEqual([]);
		expect(contentOf(galina)).toBe(expected);
	});

	it('a room waiting for its pause: close() compacts it at once, no timer outlives the store, and an unclosed store lets its process exit', async () => {
		const dir = await harness.tempDir();
		const logs = captureLog();
		const store = await createLevelStore({ dir, log: logs.log, compactQuietMs: 1000 });
		const doc = new Y.Doc();
		doc.on('update', (update: Uint8Array) => void store.append('sheet:waiting', update));
		for (let i = 0; i < COMPACT_AFTER_UPDATES + 20; i++) doc.getMap('m').set(`k${i % 50}`, i);
		// All in LevelDB (loadEach waits for that), so the pause's timer is set; the pause is not
		// over yet when the server stops.
		expect(await store.loadEach('sheet:waiting')).toHaveLength(COMPACT_AFTER_UPDATES + 20);
		await store.close();
		// Past the pause: a timer left behind would run its compaction on the closed database now.
		await new Promise((resolve) => setTimeout(resolve, 1300));
		expect(logs.lines.filter((line) => line.level !== 'info')).toEqual([]);
		expect(await entriesOf(dir, 'sheet:waiting')).toBeLessThan(COMPACT_AFTER_UPDATES);
		const reopened = await createLevelStore({ dir });
		const loaded = new Y.Doc();
		Y.applyUpdate(loaded, (await reopened.load('sheet:waiting')) as Uint8Array);
		expect(loaded.getMap('m').toJSON()).toEqual(doc.getMap('m').toJSON());
		await reopened.close();

		// A process that ends without close() (a script, a test) while a room waits a minute for
		// its pause ends at once; its updates are in the write-ahead file for the next start.
		const other = await harness.tempDir();
		const started = performance.now();
		const child = spawn(
			process.execPath,
			[
				'--input-type=module',
				'-e',
				`const { createLevelStore } = await import(process.argv[1]);
				const Y = await import('yjs');
				const store = await createLevelStore({ dir: process.argv[2], compactQuietMs: 60000 });
				const doc = new Y.Doc();
				doc.on('update', (update) => store.append('sheet:left', update));
				for (let i = 0; i < ${COMPACT_AFTER_UPDATES + 20}; i++) doc.getMap('m').set('k' + i, i);
				await new Promise((resolve) => setTimeout(resolve, 100));`,
				join(PROJECT_ROOT, 'server/store.js'),
				other
			],
			{ cwd: PROJECT_ROOT, stdio: 'inherit' }
		);
		const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
		const within = new Promise((resolve) => setTimeout(() => resolve('still running'), 20_000));
		const outcome = await Promise.race([exited, within]);
		if (outcome !== 0) child.kill('SIGKILL');
		expect(outcome, `exit after ${Math.round(performance.now() - started)} ms`).toBe(0);
		const after = await createLevelStore({ dir: other, log: captureLog().log });
		const left = new Y.Doc();
		Y.applyUpdate(left, (await after.load('sheet:left')) as Uint8Array);
		expect(left.getMap('m').size).toBe(COMPACT_AFTER_UPDATES + 20);
		await after.close();
	});

	it('compact(room, merged) keeps the updates appended after the call, also when it waits for a compaction already running', async () => {
		const dir = await harness.tempDir();
		const store = await createLevelStore({ dir });
		const doc = new Y.Doc();
		doc.on('update', (update: Uint8Array) => void store.append('sheet:given', update));
		for (let i = 0; i < COMPACT_AFTER_UPDATES + 100; i++) {
			doc.getMap('m').set(`k${i}`, 'ш'.repeat(2500));
		}
		// Past COMPACT_AFTER_UPDATES, loading starts a compaction of the room in the background.
		await store.load('sheet:given');
		// Everything appended so far, merged by the caller: it waits for that compaction to end.
		const compaction = store.compact('sheet:given', Y.encodeStateAsUpdate(doc));
		for (let i = 0; i < 20; i++) {
			doc.getMap('m').set(`after${i}`, i);
			await new Promise((resolve) => setImmediate(resolve));
		}
		await compaction;
		await store.close();
		const reopened = await createLevelStore({ dir });
		const loaded = new Y.Doc();
		Y.applyUpdate(loaded, (await reopened.load('sheet:given')) as Uint8Array);
		await reopened.close();
		const lost = Object.keys(doc.getMap('m').toJSON()).filter((k) => !loaded.getMap('m').has(k));
		expect(lost).toEqual([]);
		expect(loaded.getMap('m').toJSON()).toEqual(doc.getMap('m').toJSON());
	});

	it('keeps a big first update as it is and compacts the small edits after it', async () => {
		const dir = await harness.tempDir();
		const store = await createLevelStore({ dir });
		const doc = new Y.Doc();
		const updates: Uint8Array[] = [];
		doc.on('update', (update: Uint8Array) => updates.push(update));
		doc.getMap('rows').set('import', 'x'.repeat(200_000)); // the base: a big import
		for (let i = 0; i < COMPACT_AFTER_UPDATES + 20; i++) doc.getMap('m').set(`k${i % 50}`, i);
		for (const update of updates) await store.append('sheet:big', update);
		await store.close();
		// The base, untouched under its own key, then the merged tail (and the edits that came
		// after the compaction began).
		const left = await storedUpdates(dir, 'sheet:big');
		expect(left[0].seq).toBe(1);
		expect(left[0].bytes).toBe(updates[0].length);
		expect(left.length).toBeGreaterThanOrEqual(2);
		expect(left.length).toBeLessThan(COMPACT_AFTER_UPDATES);
		const reopened = await createLevelStore({ dir });
		const again = new Y.Doc();
		Y.applyUpdate(again, (await reopened.load('sheet:big')) as Uint8Array);
		expect(again.getMap('m').toJSON()).toEqual(doc.getMap('m').toJSON());
		expect(again.getMap('rows').get('import')).toHaveLength(200_000);
		// Compacting on unload (the store merges its own log) leaves one update, all of it.
		await reopened.compact('sheet:big');
		await reopened.close();
		expect(await entriesOf(dir, 'sheet:big')).toBe(1);
		const last = await createLevelStore({ dir });
		const merged = new Y.Doc();
		Y.applyUpdate(merged, (await last.load('sheet:big')) as Uint8Array);
		expect(merged.getMap('m').toJSON()).toEqual(doc.getMap('m').toJSON());
		expect(merged.getMap('rows').get('import')).toHaveLength(200_000);
		await last.close();
	});

	it('an excluded update is left out of loads and merges at once, and out of the log at the next compaction; appends meanwhile are kept', async () => {
		const dir = await harness.tempDir();
		const store = await createLevelStore({ dir });
		const doc = new Y.Doc();
		const updates: Uint8Array[] = [];
		doc.on('update', (update: Uint8Array) => updates.push(update));
		doc.getMap('m').set('before', 1);
		// It merges with the others (Y.mergeUpdates takes it) but does not apply.
		const broken = selfOriginUpdate(4242);
		await store.append('sheet:x', updates[0]);
		await store.append('sheet:x', broken);
		store.exclude('sheet:x', broken);
		const loaded = new Y.Doc();
		Y.applyUpdate(loaded, (await store.load('sheet:x')) as Uint8Array);
		expect(loaded.getMap('m').toJSON()).toEqual({ before: 1 });
		// Edits appended while the compaction that drops it runs are all kept.
		const compaction = store.compact('sheet:x');
		for (let i = 0; i < 30; i++) {
			doc.getMap('m').set(`k${i}`, i);
			await store.append('sheet:x', updates[updates.length - 1]);
		}
		await compaction;
		await store.close();
		const left = await createLevelStore({ dir });
		const all = await left.loadEach('sheet:x');
		expect(all.some((u) => u.length === broken.length && u.every((b, i) => b === broken[i]))).toBe(
			false
		);
		const again = new Y.Doc();
		Y.applyUpdate(again, (await left.load('sheet:x')) as Uint8Array);
		expect(again.getMap('m').toJSON()).toEqual(doc.getMap('m').toJSON());
		await left.close();
	});

	it('rooms do not see each other’s updates', async () => {
		const store = await createLevelStore({ dir: await harness.tempDir() });
		const a = new Y.Doc();
		a.getMap('m').set('room', 'a');
		const b = new Y.Doc();
		b.getMap('m').set('room', 'b');
		await store.append('sheet:a', Y.encodeStateAsUpdate(a));
		await store.append('sheet:a-b', Y.encodeStateAsUpdate(b));
		const loaded = new Y.Doc();
		Y.applyUpdate(loaded, (await store.load('sheet:a')) as Uint8Array);
		expect(loaded.getMap('m').toJSON()).toEqual({ room: 'a' });
		await store.close();
	});

	it('an append that returned survives kill -9 even before LevelDB has it (write-ahead file)', async () => {
		const dir = await harness.tempDir();
		const crashing = spawn(
			process.execPath,
			[
				'--input-type=module',
				'-e',
				`const { createLevelStore } = await import(process.argv[1]);
				const Y = await import('yjs');
				const store = await createLevelStore({ dir: process.argv[2] });
				const doc = new Y.Doc();
				const updates = [];
				doc.on('update', (update) => updates.push(update));
				for (let i = 0; i < 200; i++) doc.getMap('m').set('k' + i, i);
				for (const update of updates) await store.append('sheet:wal', update);
				process.kill(process.pid, 'SIGKILL');`,
				join(PROJECT_ROOT, 'server/store.js'),
				dir
			],
			{ cwd: PROJECT_ROOT, stdio: 'inherit' }
		);
		const signal = await new Promise((resolve) => crashing.once('exit', (_code, s) => resolve(s)));
		expect(signal).toBe('SIGKILL');
		const walFiles = (await readdir(dir)).filter((name) => name.startsWith('wal-'));
		expect(walFiles).toHaveLength(1);
		await appendFile(join(dir, walFiles[0]), Buffer.from([9, 9, 9])); // a torn last record

		const logs = captureLog();
		const store = await createLevelStore({ dir, log: logs.log });
		const doc = new Y.Doc();
		Y.applyUpdate(doc, (await store.load('sheet:wal')) as Uint8Array);
		expect(doc.getMap('m').size).toBe(200);
		expect(logs.warnings('replayed 200 updates')).toHaveLength(1);
		expect(logs.warnings('3 bytes after the last complete record')).toHaveLength(1);
		await store.close();
		expect((await readdir(dir)).filter((name) => name.startsWith('wal-'))).toEqual([]);
	});

	it('with a store that writes asynchronously, each update is broadcast only once stored, in order', async () => {
		const dir = await harness.tempDir();
		const level = await createLevelStore({ dir, sync: true });
		/** Keys of the map, in the order their updates were stored. */
		const stored: string[] = [];
		const slow: DocStore = {
			load: (room) => level.load(room),
			// Later appends finish sooner: only the relay's queue keeps them in order.
			append: async (room, update) => {
				const keys = Y.decodeUpdate(update).structs.flatMap((struct) =>
					struct instanceof Y.Item && struct.parentSub ? [struct.parentSub] : []
				);
				await new Promise((resolve) => setTimeout(resolve, keys.length ? 40 - stored.length : 0));
				await level.append(room, update);
				stored.push(...keys);
			},
			compact: (room, update) => level.compact(room, update),
			close: () => level.close()
		};
		const server = await harness.start({ store: slow });
		const writer = await harness.synced(harness.client(server.wsUrl, 'sheet:slow'));
		const witness = await harness.synced(harness.client(server.wsUrl, 'sheet:slow'));
		/** Keys as the witness received them, and how many were stored at that moment. */
		const seen: { key: string; storedThen: number }[] = [];
		witness.map.observe((event) => {
			for (const key of event.keysChanged) seen.push({ key, storedThen: stored.length });
		});
		for (let i = 0; i < 10; i++) {
			writer.map.set(`k${i}`, i);
			await new Promise((resolve) => setTimeout(resolve, 2));
		}
		await waitConverged([writer, witness], 10);
		expect(seen.map((s) => s.key)).toEqual(Array.from({ length: 10 }, (_, i) => `k${i}`));
		expect(stored).toEqual(seen.map((s) => s.key));
		for (const [i, s] of seen.entries()) expect(s.storedThen).toBeGreaterThan(i);
	});

	it('with sync writes (STORE_SYNC=1) an append resolves once LevelDB has it, no write-ahead file', async () => {
		const dir = await harness.tempDir();
		const store = await createLevelStore({ dir, sync: true });
		const doc = new Y.Doc();
		doc.getMap('m').set('synced', true);
		await store.append('ws:sync', Y.encodeStateAsUpdate(doc));
		expect((await readdir(dir)).filter((name) => name.startsWith('wal-'))).toEqual([]);
		await store.close();
		expect(await entriesOf(dir, 'ws:sync')).toBe(1);
	});
});
