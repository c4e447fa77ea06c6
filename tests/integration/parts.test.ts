/**
 * A long message of the relay (a big list, a colleague's import) goes to the app's pages in
 * parts (`messagePart`, `server/relay.js`; `src/lib/sync/parts.ts`). Sent whole, on a slow line
 * (a 3G modem) it was one message for minutes: y-websocket closed a connection that had received
 * no message for 30 s and the download began again, the relay's pings and the colleagues'
 * presences waited behind it, and the status bar said the server did not answer while the list
 * was still coming. An unmodified y-websocket client still gets every message whole.
 */
import { createServer, Socket, type Server } from 'node:net';
import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { createLevelStore, type DocStore } from '../../server/store.js';
import { DocConnection, SILENT_MS } from '../../src/lib/sync/connection';
import { MAX_PARTED_BYTES, messagePart } from '../../src/lib/sync/parts';
import {
	Harness,
	captureLog,
	encodeMessage,
	updateMessage,
	waitConverged,
	waitFor
} from './helpers.js';
import * as encoding from 'lib0/encoding';

const harness = new Harness();
const connections: DocConnection[] = [];
const closers: (() => void)[] = [];
afterEach(async () => {
	for (const c of connections.splice(0)) c.destroy();
	for (const close of closers.splice(0)) close();
	await harness.cleanup();
});

/** The app's own connection (as in the browser, without its IndexedDB copy). */
function page(wsUrl: string, room: string, doc?: Y.Doc) {
	const connection = new DocConnection({
		room,
		serverUrl: wsUrl,
		persist: false,
		doc,
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket
	});
	connections.push(connection);
	return connection;
}

/**
 * A TCP proxy in front of the relay that passes `bytesPerSecond` one way — from the relay to the
 * page (`down`) or from the page to the relay (`up`) — and the other way at once, and reads from
 * the sending side only as it passes its bytes on: a slow line, whose back-pressure reaches the
 * sender as a real one's does.
 */
async function slowLine(
	target: URL,
	bytesPerSecond: number,
	direction: 'down' | 'up' = 'down'
): Promise<string> {
	const server: Server = createServer((client) => {
		const upstream = new Socket();
		upstream.connect(Number(target.port), target.hostname);
		const [from, to] = direction === 'down' ? [upstream, client] : [client, upstream];
		to.on('data', (data) => from.write(data));
		const stop = throttle(from, to, bytesPerSecond);
		const end = () => (stop(), client.destroy(), upstream.destroy());
		client.on('close', end).on('error', end);
		upstream.on('close', end).on('error', end);
	});
	closers.push(() => server.close());
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	return `ws://127.0.0.1:${port}${target.pathname}`;
}

/** Passes what `from` sends to `to` at `bytesPerSecond`; returns the stop. */
function throttle(from: Socket, to: Socket, bytesPerSecond: number): () => void {
	const TICK_MS = 50;
	const BUFFER = 16 * 1024;
	const queue: Buffer[] = [];
	let queued = 0;
	from.on('data', (data) => {
		queue.push(data);
		queued += data.length;
		if (queued > BUFFER) from.pause();
	});
	const timer = setInterval(() => {
		let budget = (bytesPerSecond * TICK_MS) / 1000;
		while (budget > 0 && queue.length > 0) {
			const head = queue[0];
			const piece = head.subarray(0, budget);
			if (piece.length === head.length) queue.shift();
			else queue[0] = head.subarray(piece.length);
			budget -= piece.length;
			queued -= piece.length;
			to.write(piece);
		}
		if (queued <= BUFFER && from.isPaused()) from.resume();
	}, TICK_MS);
	return () => clearInterval(timer);
}

/** `[101, total, piece]`. */
const part = (total: number, piece: number[]) =>
	encodeMessage((e) => {
		encoding.writeVarUint(e, messagePart);
		encoding.writeVarUint(e, total);
		encoding.writeVarUint8Array(e, new Uint8Array(piece));
	});

/** `rows` residents of about 90 bytes each, in one transaction (an import). */
function importList(doc: Y.Doc, rows: number) {
	const map = doc.getMap('m');
	doc.transact(() => {
		for (let i = 0; i < rows; i++)
			map.set(
				`row ${i}`,
				`Жителева Мария Ивановна ${i}, +7912${String(i).padStart(7, '0')}, ул. Ленина, д. ${i % 300}`
			);
	});
}

/** When each message came on the page's sockets from now on, and how many were closed. */
function arrivals(connection: DocConnection) {
	const times: number[] = [];
	const watched = new Set<unknown>();
	const watch = () => {
		const ws = connection.provider.ws as unknown as WebSocket | null;
		if (!ws || watched.has(ws)) return;
		watched.add(ws);
		ws.on('message', () => times.push(Date.now()));
	};
	watch();
	connection.provider.on('status', watch);
	let closes = 0;
	connection.provider.on('connection-close', () => closes++);
	const maxGap = () => Math.max(...times.slice(1).map((t, i) => t - times[i]));
	return { times, closes: () => closes, maxGap };
}

describe('a long message in parts', () => {
	it('a page on a slow line keeps receiving while a big list takes longer than y-websocket waits, and gets it all on one connection', async () => {
		const server = await harness.start();
		const room = 'sheet:slow-parts';
		// Борис opened the list yesterday: his browser has its first rows.
		const anna = page(server.wsUrl, room);
		anna.doc.getMap('m').set('Орлов', 'дозвонились');
		await waitFor(() => anna.status.state === 'saved', 'the first row saved');
		const borisDoc = new Y.Doc();
		Y.applyUpdate(borisDoc, Y.encodeStateAsUpdate(anna.doc));
		// Today the department's list was imported: about 1.5 MB he lacks, over 40 KB/s.
		importList(anna.doc, 16_000);
		await waitFor(() => anna.status.state === 'saved', 'the import saved', 30_000);
		const expected = anna.doc.getMap('m').size;

		const line = await slowLine(new URL(server.wsUrl), 40_000);
		const boris = page(line, room, borisDoc);
		const seen = arrivals(boris);
		const started = Date.now();
		await waitFor(
			() => boris.doc.getMap('m').size === expected,
			'the whole list on the slow line',
			80_000
		);
		// It took longer than y-websocket's 30 s without a message…
		expect(Date.now() - started).toBeGreaterThan(30_000);
		// …and no connection was closed, nor any silence as long as the status bar's.
		expect(seen.closes()).toBe(0);
		expect(seen.maxGap()).toBeLessThan(SILENT_MS);
		await waitFor(() => boris.status.state === 'saved', 'his page to say all is saved');
	}, 120_000);

	it("a colleague's presence comes while the list is still coming, and her edit in it after it", async () => {
		const server = await harness.start();
		const room = 'sheet:between-parts';
		const anna = page(server.wsUrl, room);
		importList(anna.doc, 10_000);
		await waitFor(() => anna.status.state === 'saved', 'the import saved', 30_000);

		// Борис opens the list for the first time over 100 KB/s: about 10 s.
		const line = await slowLine(new URL(server.wsUrl), 100_000);
		const boris = page(line, room);
		/** Each change the relay brought: did it leave anything Yjs could not apply yet? */
		const applied: { size: number; pending: boolean; value: unknown }[] = [];
		boris.doc.on('afterTransaction', (transaction: Y.Transaction) => {
			if (transaction.origin !== boris.provider) return;
			const map = boris.doc.getMap('m');
			applied.push({
				size: map.size,
				pending: boris.doc.store.pendingStructs !== null,
				value: map.get('row 5')
			});
		});
		let sawAnnaWhileLoading: boolean | null = null;
		boris.awareness.on('change', () => {
			if (sawAnnaWhileLoading !== null) return;
			const state = boris.awareness.getStates().get(anna.doc.clientID);
			if (state?.user?.name === 'Анна') sawAnnaWhileLoading = boris.doc.getMap('m').size === 0;
		});
		const shown: (number | null)[] = [];
		boris.onStatus(() => {
			const received = boris.status.download?.received ?? null;
			if (shown.at(-1) !== received) shown.push(received);
		});
		await waitFor(() => boris.provider.wsconnected, 'his connection');
		await new Promise((resolve) => setTimeout(resolve, 2_000));

		// Анна, on a fast line, marks a resident of the list and is seen in it.
		anna.doc.getMap('m').set('row 5', 'дозвонились');
		anna.awareness.setLocalStateField('user', { name: 'Анна' });

		await waitFor(() => boris.doc.getMap('m').get('row 5') === 'дозвонились', 'her edit', 60_000);
		expect(sawAnnaWhileLoading).toBe(true);
		// The list came first, whole, then her edit: nothing waited in Yjs for what it is on.
		expect(applied.map((a) => a.pending)).not.toContain(true);
		expect(applied[0].size).toBe(10_000);
		expect(applied.at(-1)?.value).toBe('дозвонились');
		expect(boris.doc.getMap('m').size).toBe(10_000);
		// Meanwhile his status said how much of the list had come (the page shows it), in steps.
		expect(shown.length).toBeGreaterThan(5);
		expect(shown.at(-1)).toBe(null);
	}, 90_000);

	it('an unmodified y-websocket client gets every message whole; a page that asks for parts gets parts that add up to the same', async () => {
		const server = await harness.start({ partBytes: 4096 });
		const room = 'sheet:whole';
		const writer = await harness.synced(harness.client(server.wsUrl, room));
		importList(writer.doc, 2_000);
		const reader = harness.client(server.wsUrl, room);
		await waitFor(() => reader.map.size === 2_000, 'the unmodified client to have the list');

		const emptyStep1 = new Uint8Array([0, 0, 1, 0]); // sync step 1 of an empty doc
		const whole = await harness.raw(`${server.wsUrl}/${room}`);
		whole.send(emptyStep1);
		const answer = await whole.next(0); // a sync message: the first is the relay's step 1
		expect(decoding.readVarUint(answer)).toBe(0);
		const step2 = await whole.next(0);
		const list = step2.arr; // the whole message, type included
		expect(decoding.readVarUint(step2)).toBe(1);
		expect(list.length).toBeGreaterThan(100_000);
		expect(whole.messages.map((m) => m[0])).not.toContain(messagePart);

		const parted = await harness.raw(`${server.wsUrl}/${room}?parts=1`);
		const pieces: Uint8Array[] = [];
		parted.ws.on('message', (data: Buffer) => {
			if (data[0] !== messagePart) return;
			const decoder = decoding.createDecoder(new Uint8Array(data));
			decoding.readVarUint(decoder);
			expect(decoding.readVarUint(decoder)).toBe(list.length);
			pieces.push(decoding.readVarUint8Array(decoder));
			parted.send(new Uint8Array([messagePart])); // taken
		});
		parted.send(emptyStep1);
		await waitFor(
			() => pieces.reduce((sum, p) => sum + p.length, 0) === list.length,
			'every part of the list'
		);
		expect(Math.max(...pieces.map((p) => p.length))).toBe(4096);
		expect(Buffer.concat(pieces)).toEqual(Buffer.from(list));
	});

	it('an edit sent while the relay waits for a slow page to take the parts of one list does not overtake the next', async () => {
		const server = await harness.start({ partBytes: 16 * 1024 });
		const room = 'sheet:order';
		const writer = await harness.synced(harness.client(server.wsUrl, room));
		// Another writer (an import's slices are written by its worker's own Yjs client, and a
		// colleague's edit by hers): Yjs would not hold back her short write for what it lacks.
		const colleague = await harness.synced(harness.client(server.wsUrl, room));
		const page = await harness.raw(`${server.wsUrl}/${room}?parts=1`);
		// A slow page: it takes a part only 100 ms after the one before, so the relay has three
		// unanswered when it finishes sending a long message.
		let answers = Promise.resolve();
		/** The messages as the page handles them: whole ones that come amid parts after those. */
		const handled: Uint8Array[] = [];
		let pieces: Uint8Array[] = [];
		let held: Uint8Array[] = [];
		let total = 0;
		let received = 0;
		page.ws.on('message', (data: Buffer) => {
			const message = new Uint8Array(data);
			if (message[0] !== messagePart) {
				if (total > 0) held.push(message);
				else handled.push(message);
				return;
			}
			const decoder = decoding.createDecoder(message);
			decoding.readVarUint(decoder);
			total = decoding.readVarUint(decoder);
			const piece = decoding.readVarUint8Array(decoder);
			pieces.push(piece);
			received += piece.length;
			answers = answers
				.then(() => new Promise((resolve) => setTimeout(resolve, 100)))
				.then(() => page.send(new Uint8Array([messagePart])));
			if (received < total) return;
			handled.push(new Uint8Array(Buffer.concat(pieces)), ...held);
			pieces = [];
			held = [];
			total = 0;
			received = 0;
		});
		page.send(new Uint8Array([0, 0, 1, 0])); // sync step 1 of an empty doc
		await waitFor(() => server.relay.stats().connections === 3, 'three connections');

		// Two long writes (an import in slices, each its own update), then a short one after them.
		writer.map.set('slice 1', 'x'.repeat(100_000));
		await new Promise((resolve) => setTimeout(resolve, 50));
		writer.map.set('slice 2', 'y'.repeat(100_000));
		await new Promise((resolve) => setTimeout(resolve, 50));
		colleague.map.set('committed', 'yes');

		// What the page's doc held each time it applied a message, in the order it handles them.
		const doc = new Y.Doc();
		const seen: string[][] = [];
		await waitFor(
			() => {
				while (handled.length > 0) {
					const decoder = decoding.createDecoder(handled.shift()!);
					if (decoding.readVarUint(decoder) !== 0) continue;
					if (decoding.readVarUint(decoder) === 0) continue; // its step 1
					Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
					seen.push([...doc.getMap('m').keys()].sort());
				}
				return doc.getMap('m').has('committed') && doc.getMap('m').size === 3;
			},
			'every write on the page',
			30_000
		);
		// «committed» came after both slices, never with one of them missing.
		expect(seen.filter((keys) => keys.includes('committed'))[0]).toEqual([
			'committed',
			'slice 1',
			'slice 2'
		]);
	});

	it('a page that stops reading is still dropped once its backlog passes MAX_BUFFERED_BYTES', async () => {
		const logs = captureLog();
		const server = await harness.start({
			maxBufferedBytes: 256 * 1024,
			partBytes: 16 * 1024,
			log: logs.log
		});
		const writer = await harness.synced(harness.client(server.wsUrl, 'sheet:stalled'));
		const stalled = await harness.raw(`${server.wsUrl}/sheet:stalled?parts=1`);
		stalled.ws.pause(); // reads nothing, so answers no part
		await waitFor(() => server.relay.stats().connections === 2, 'two connections');

		const chunk = 'x'.repeat(64 * 1024);
		let written = 0;
		await waitFor(() => {
			writer.map.set(`chunk${written++}`, chunk);
			return logs.warnings('bytes waiting to be sent').length > 0;
		}, 'the page that does not read to be dropped');
		expect(server.relay.stats().connections).toBe(1);
	});

	it.each([
		['says it is longer than any list', [part(MAX_PARTED_BYTES + 1, [0, 0])]],
		['parts longer than the message they belong to', [part(4, [0, 0, 1]), part(4, [0, 0])]],
		['a part of another message amid one', [part(10, [0, 0, 1]), part(11, [1])]],
		['an empty part', [part(3, [])]],
		['bytes after a part', [Uint8Array.of(...part(3, [0]), 7)]],
		['parts that make no message', [part(3, [200, 7, 7])]],
		['parts that make a sync message of no known kind', [part(2, [0]), part(2, [9])]],
		['a part cut short', [Uint8Array.of(messagePart, 3, 2, 0)]]
	])(
		'bad parts (%s) close the connection, and the page goes on',
		async (_, frames) => {
			const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
			closers.push(() => {
				for (const ws of wss.clients) ws.terminate();
				wss.close();
			});
			await new Promise((resolve) => wss.once('listening', resolve));
			const closed = new Promise<void>((resolve) =>
				wss.once('connection', (ws) => {
					// A message a second, an empty presence: the connection is not closed for silence.
					const alive = setInterval(() => ws.send(Uint8Array.of(1, 1, 0)), 1_000);
					ws.once('close', () => (clearInterval(alive), resolve()));
					for (const frame of frames) ws.send(frame);
				})
			);
			const { port } = wss.address() as { port: number };
			const anna = page(`ws://127.0.0.1:${port}/sync`, 'sheet:garbage');
			anna.doc.getMap('m').set('Петров', 'не дозвонились');
			await closed;
			expect(anna.doc.getMap('m').toJSON()).toEqual({ Петров: 'не дозвонились' });
			expect(anna.status.pending).toBe(1);
		},
		20_000
	);
});

describe("the page's own long message in parts", () => {
	it("a page's big upload on a slow line reaches the relay and a colleague on one connection, and her edits made meanwhile come after it, in order", async () => {
		// The relay checks for pongs every 10 s: a connection it takes for dead goes in 20 s.
		const server = await harness.start({ pingIntervalMs: 10_000 });
		const room = 'sheet:slow-upload';
		const colleague = page(server.wsUrl, room);
		colleague.doc.getMap('m').set('Орлов', 'дозвонились');
		await waitFor(() => colleague.status.state === 'saved', 'the first row saved');
		// The coordinator's browser had the list; offline, she imported the department's list:
		// about 2 MB the relay lacks, to go up a 40 KB/s line when her modem is back.
		const doc = new Y.Doc();
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(colleague.doc));
		importList(doc, 22_000);
		const expected = doc.getMap('m').size;
		expect(Y.encodeStateAsUpdate(doc).length).toBeGreaterThan(1_900_000);

		const line = await slowLine(new URL(server.wsUrl), 40_000, 'up');
		const coordinator = page(line, room, doc);
		const seen = arrivals(coordinator);
		const shown: (number | null)[] = [];
		const states = new Set<string>();
		coordinator.onStatus(() => {
			const sent = coordinator.status.upload?.sent ?? null;
			if (shown.at(-1) !== sent) shown.push(sent);
			if (coordinator.status.upload) states.add(coordinator.status.state);
		});
		/** What the colleague's doc held each time the relay brought her a change. */
		const applied: { size: number; pending: boolean; later: unknown }[] = [];
		colleague.doc.on('afterTransaction', (transaction: Y.Transaction) => {
			if (transaction.origin !== colleague.provider) return;
			const map = colleague.doc.getMap('m');
			applied.push({
				size: map.size,
				pending: colleague.doc.store.pendingStructs !== null,
				later: map.get('позже')
			});
		});
		const started = Date.now();
		await waitFor(() => coordinator.provider.wsconnected, 'her connection');
		await new Promise((resolve) => setTimeout(resolve, 3_000));

		// Meanwhile the colleague marks a resident, and the coordinator, still uploading, another.
		colleague.doc.getMap('m').set('Орлов', 'перезвонить');
		await waitFor(
			() => coordinator.doc.getMap('m').get('Орлов') === 'перезвонить',
			"the colleague's edit on the coordinator's page during the upload"
		);
		coordinator.doc.getMap('m').set('позже', 'после импорта');

		await waitFor(
			() => colleague.doc.getMap('m').get('позже') === 'после импорта',
			"the coordinator's later edit at the colleague's",
			100_000
		);
		// It took longer than y-websocket's 30 s without a message, and the relay's heartbeat…
		expect(Date.now() - started).toBeGreaterThan(30_000);
		// …on one connection, never silent as long as the status bar's «no answer».
		expect(seen.closes()).toBe(0);
		expect(seen.maxGap()).toBeLessThan(SILENT_MS);
		// The whole list reached the colleague before the later edit, nothing waiting in Yjs.
		expect(applied.map((a) => a.pending)).not.toContain(true);
		expect(applied.find((a) => a.later !== undefined)?.size).toBe(expected + 1);
		expect(colleague.doc.getMap('m').size).toBe(expected + 1);
		// Her status said how much had gone, in steps, and never that all was on the server.
		expect(shown.length).toBeGreaterThan(5);
		expect([...states]).toEqual(['syncing']);
		await waitFor(() => coordinator.status.state === 'saved', 'her page to say all is saved');
		expect(coordinator.status.upload).toBe(null);
		expect(coordinator.doc.getMap('m').get('Орлов')).toBe('перезвонить');
	}, 150_000);
	it('the status does not say all is saved once the relay has taken every part, only once it has stored the message', async () => {
		// A store that keeps a long update waiting until the test lets it through.
		const level = await createLevelStore({ dir: await harness.tempDir() });
		let storeIt = () => {};
		const stored = new Promise<void>((resolve) => (storeIt = resolve));
		const store: DocStore = {
			load: (room) => level.load(room),
			append: (room, update) =>
				update.length > 64 * 1024
					? stored.then(() => level.append(room, update))
					: level.append(room, update),
			compact: (room, update) => level.compact(room, update),
			close: () => level.close()
		};
		const server = await harness.start({ store });
		const doc = new Y.Doc();
		importList(doc, 3_000); // about 300 KB made offline, not counted as waiting
		const coordinator = page(server.wsUrl, 'sheet:taken-not-stored', doc);
		const states: string[] = [];
		let uploaded = false;
		coordinator.onStatus(() => {
			if (coordinator.status.upload) uploaded = true;
			if (states.at(-1) !== coordinator.status.state) states.push(coordinator.status.state);
		});
		await waitFor(
			() => uploaded && coordinator.status.upload === null,
			'every part taken by the relay'
		);
		const beforeStored = [...states];
		storeIt();
		await waitFor(() => coordinator.status.state === 'saved', 'all saved once stored');
		expect(beforeStored).not.toContain('saved');
	});
});

describe('bad parts from a page close only that connection', () => {
	const MAX_MESSAGE_BYTES = 4096;
	const CLOSE_MESSAGE_TOO_BIG = 1009;
	const CLOSE_BAD_MESSAGE = 4400;
	const TAKEN = [messagePart];

	/** A sync update of about `bytes` bytes, whole (type included). */
	function updateOf(bytes: number, key = 'list') {
		const doc = new Y.Doc();
		doc.getMap('m').set(key, 'x'.repeat(bytes));
		return updateMessage(Y.encodeStateAsUpdate(doc));
	}
	/** `message` as parts of `size` bytes. */
	function partsOf(message: Uint8Array, size: number) {
		const parts: Uint8Array[] = [];
		for (let at = 0; at < message.length; at += size)
			parts.push(part(message.length, [...message.subarray(at, at + size)]));
		return parts;
	}

	async function start() {
		const logs = captureLog();
		const { wsUrl } = await harness.start({ maxMessageBytes: MAX_MESSAGE_BYTES, log: logs.log });
		const sameRoom = [harness.client(wsUrl, 'sheet:victim'), harness.client(wsUrl, 'sheet:victim')];
		const otherRoom = [
			harness.client(wsUrl, 'ws:bystander'),
			harness.client(wsUrl, 'ws:bystander')
		];
		await Promise.all([...sameRoom, ...otherRoom].map((c) => harness.synced(c)));
		return { wsUrl, logs, sameRoom, otherRoom };
	}

	it('a message in parts is handled as if it had come whole, each part answered, and what came amid them after it', async () => {
		const { wsUrl, sameRoom } = await start();
		const sender = await harness.raw(`${wsUrl}/sheet:victim?parts=1`);
		const list = updateOf(3_000);
		const parts = partsOf(list, 1_000);
		const [first, ...rest] = parts;
		sender.send(first);
		// Her edit sent after the list began to go is handled after it, once the list is whole.
		const edit = new Y.Doc();
		edit.getMap('m').set('позже', 'дозвонились');
		sender.send(updateMessage(Y.encodeStateAsUpdate(edit)));
		/** Whether the list was there each time something reached the colleague. */
		const listThere: boolean[] = [];
		sameRoom[1].doc.on('afterTransaction', () => listThere.push(sameRoom[1].map.has('list')));
		await new Promise((resolve) => setTimeout(resolve, 200));
		for (const p of rest) sender.send(p);
		await waitFor(
			() => sameRoom[1].map.get('позже') === 'дозвонились' && sameRoom[1].map.has('list'),
			'the list and the edit at a colleague'
		);
		expect(listThere).not.toContain(false);
		await waitFor(
			() =>
				sender.messages.filter((m) => m.length === 1 && m[0] === messagePart).length ===
				parts.length,
			'an answer to each part'
		);
	});

	const bad: [string, Uint8Array[], number][] = [
		[
			'a message said to be over MAX_MESSAGE_BYTES',
			[part(MAX_MESSAGE_BYTES + 1, [0, 0])],
			CLOSE_MESSAGE_TOO_BIG
		],
		[
			'parts longer than the message they belong to',
			[part(4, [0, 0, 1]), part(4, [0, 0])],
			CLOSE_BAD_MESSAGE
		],
		['a part of another message amid one', [part(10, [0, 0, 1]), part(11, [1])], CLOSE_BAD_MESSAGE],
		['an empty part', [part(3, [])], CLOSE_BAD_MESSAGE],
		['bytes after a part', [Uint8Array.of(...part(3, [0]), 7)], CLOSE_BAD_MESSAGE],
		['parts that make no message', [part(3, [200, 7, 7])], CLOSE_BAD_MESSAGE],
		[
			'parts that make a sync message of no known kind',
			[part(2, [0]), part(2, [9])],
			CLOSE_BAD_MESSAGE
		],
		['parts that make a part', [part(2, [messagePart]), part(2, [1])], CLOSE_BAD_MESSAGE],
		['a part cut short', [Uint8Array.of(messagePart, 3, 2, 0)], CLOSE_BAD_MESSAGE]
	];
	it.each(bad)(
		'%s: that connection is closed with one log line, the rest go on',
		async (rule, frames, code) => {
			const { wsUrl, logs, sameRoom, otherRoom } = await start();
			const sender = await harness.raw(`${wsUrl}/sheet:victim?parts=1`);
			for (const frame of frames) sender.send(frame);
			expect((await sender.closed).code).toBe(code);
			const lines = logs.lines.filter((l) => l.level !== 'info');
			expect(lines).toHaveLength(1);
			expect(lines[0].message).toContain('sheet:victim');

			sameRoom[0].map.set('after', rule);
			otherRoom[1].map.set('after', rule);
			await waitConverged(sameRoom, 1);
			await waitConverged(otherRoom, 1);
			expect(sameRoom[1].map.get('after')).toBe(rule);
			expect(otherRoom[0].map.get('after')).toBe(rule);
		}
	);

	it('a message said to be over MAX_MESSAGE_BYTES is refused at its first part, before any is kept or answered', async () => {
		const { wsUrl, logs } = await start();
		const sender = await harness.raw(`${wsUrl}/sheet:victim?parts=1`);
		const [first, ...rest] = partsOf(updateOf(MAX_MESSAGE_BYTES), 1_000);
		sender.send(first);
		for (const p of rest) sender.send(p);
		expect((await sender.closed).code).toBe(CLOSE_MESSAGE_TOO_BIG);
		expect(sender.messages.map((m) => [...m])).not.toContainEqual(TAKEN);
		expect(logs.warnings('over the limit')).toHaveLength(1);
	});

	it('what a page sends amid the parts of a message is bounded: past MAX_BUFFERED_BYTES held, that connection is closed', async () => {
		const logs = captureLog();
		const { wsUrl, relay } = await harness.start({ maxBufferedBytes: 8 * 1024, log: logs.log });
		const colleague = await harness.synced(harness.client(wsUrl, 'sheet:held'));
		const sender = await harness.raw(`${wsUrl}/sheet:held?parts=1`);
		const [first] = partsOf(updateOf(3_000), 1_000);
		sender.send(first); // and never the rest
		for (let i = 0; i < 5; i++) sender.send(updateOf(2_000, `edit ${i}`));
		expect((await sender.closed).code).toBe(CLOSE_MESSAGE_TOO_BIG);
		expect(logs.warnings('amid the parts')).toHaveLength(1);
		expect(relay.stats().connections).toBe(1);
		// Nothing held was handled: none of it reached the colleague.
		colleague.map.set('after', 'yes');
		await waitFor(() => colleague.map.get('after') === 'yes', 'her own edit');
		expect([...colleague.map.keys()]).toEqual(['after']);
	});

	it('a client that did not ask for parts is closed for one, as for any unknown message', async () => {
		const { wsUrl, logs } = await start();
		const sender = await harness.raw(`${wsUrl}/sheet:victim`);
		sender.send(part(3, [0, 0, 0]));
		expect((await sender.closed).code).toBe(CLOSE_BAD_MESSAGE);
		expect(logs.warnings('unknown message type 101')).toHaveLength(1);
	});
});
