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
import { DocConnection, SILENT_MS } from '../../src/lib/sync/connection';
import { MAX_PARTED_BYTES, messagePart } from '../../src/lib/sync/parts';
import { Harness, captureLog, encodeMessage, waitFor } from './helpers.js';
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
 * A TCP proxy in front of the relay that passes `bytesPerSecond` from the relay to the page (the
 * other way at once), and reads from the relay only as it passes them on: a slow line, whose
 * back-pressure reaches the relay as a real one's does.
 */
async function slowLine(target: URL, bytesPerSecond: number): Promise<string> {
	const TICK_MS = 50;
	const BUFFER = 16 * 1024;
	const server: Server = createServer((client) => {
		const upstream = new Socket();
		upstream.connect(Number(target.port), target.hostname);
		client.on('data', (data) => upstream.write(data));
		const queue: Buffer[] = [];
		let queued = 0;
		upstream.on('data', (data) => {
			queue.push(data);
			queued += data.length;
			if (queued > BUFFER) upstream.pause();
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
				client.write(piece);
			}
			if (queued <= BUFFER && upstream.isPaused()) upstream.resume();
		}, TICK_MS);
		const end = () => (clearInterval(timer), client.destroy(), upstream.destroy());
		client.on('close', end).on('error', end);
		upstream.on('close', end).on('error', end);
	});
	closers.push(() => server.close());
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	return `ws://127.0.0.1:${port}${target.pathname}`;
}

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

	const part = (total: number, piece: number[]) =>
		encodeMessage((e) => {
			encoding.writeVarUint(e, messagePart);
			encoding.writeVarUint(e, total);
			encoding.writeVarUint8Array(e, new Uint8Array(piece));
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
