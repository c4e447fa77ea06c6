/**
 * The import's duplicate check reads the workspace's other sheets (`OtherSheets`). A sheet the
 * server is slow to bring is named as not received, never read as having no residents, and is
 * read when it comes; each sheet is closed right after it is read. Real relay, real sockets; the
 * slow line is a TCP proxy holding the relay's bytes for one sheet.
 */
import { createServer, Socket, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { Sheet } from '../../src/lib/model/sheet';
import { templateColumns } from '../../src/lib/model/templates';
import { OtherSheets, type Acquire } from '../../src/lib/import/others';
import { DocConnection } from '../../src/lib/sync/connection';
import { Harness, waitFor } from './helpers.js';

const harness = new Harness();
const proxies: Server[] = [];
afterEach(async () => {
	for (const p of proxies.splice(0)) p.close();
	await harness.cleanup();
});

/** A line in front of the relay that holds every byte both ways until `release()`. */
async function heldLine(target: URL): Promise<{ url: string; release: () => void }> {
	let held: (() => void)[] | null = [];
	const pass = (to: Socket, data: Buffer) => {
		if (held) held.push(() => to.write(data));
		else to.write(data);
	};
	const server = createServer((client) => {
		const upstream = new Socket();
		upstream.connect(Number(target.port), target.hostname);
		client.on('data', (data) => pass(upstream, data));
		upstream.on('data', (data) => pass(client, data));
		const end = () => (client.destroy(), upstream.destroy());
		client.on('close', end).on('error', end);
		upstream.on('close', end).on('error', end);
	});
	proxies.push(server);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	return {
		url: `ws://127.0.0.1:${port}${target.pathname}`,
		release: () => {
			const waiting = held ?? [];
			held = null;
			for (const write of waiting) write();
		}
	};
}

/** A colleague's sheet on the relay: a request board with one resident's phone. */
async function sheetOnServer(wsUrl: string, id: string, phone: string) {
	const client = await harness.synced(harness.client(wsUrl, `sheet:${id}`));
	const sheet = new Sheet(client.doc);
	sheet.addColumns(templateColumns('requests', 'ru'));
	sheet.addRow({ [sheet.columns().find((c) => c.title === 'Телефон')!.id]: phone });
	// Stored by the relay: a fresh client gets it.
	const check = await harness.synced(harness.client(wsUrl, `sheet:${id}`));
	const stored = new Sheet(check.doc);
	await waitFor(() => stored.rowCount === 1, `${id} on the relay`);
	stored.destroy();
	sheet.destroy();
}

/** The page's `acquire`, each sheet through `urlOf(room)`; the connections open, by room. */
function pageAcquire(urlOf: (room: string) => string, copyOf?: (room: string) => Y.Doc) {
	const open = new Map<string, DocConnection>();
	const acquire: Acquire = (room) => {
		const connection = new DocConnection({
			room,
			serverUrl: urlOf(room),
			doc: copyOf?.(room),
			persist: false,
			WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket
		});
		open.set(room, connection);
		return {
			connection,
			release: () => {
				open.delete(room);
				connection.destroy();
			}
		};
	};
	return { acquire, open };
}

function phones(rows: { sheetId: string; values: Record<string, string> }[]) {
	return rows.map((r) => `${r.sheetId}: ${Object.values(r.values).join(' ')}`.trim());
}

describe('the other sheets read for duplicates', () => {
	it('names a sheet the server has not sent as not received, and reads it when it comes', async () => {
		const server = await harness.start();
		await sheetOnServer(server.wsUrl, 'calls', '+79110000001');
		await sheetOnServer(server.wsUrl, 'requests', '+79110000002');
		const line = await heldLine(new URL(server.wsUrl));
		const { acquire, open } = pageAcquire((room) =>
			room === 'sheet:requests' ? line.url : server.wsUrl
		);

		const others = new OtherSheets(['calls', 'requests'], {
			acquire,
			room: (id) => `sheet:${id}`,
			waitMs: 500
		});
		let changes = 0;
		others.onChange = () => changes++;
		await others.ready;
		const first = others.current();
		// Read: the call list. Not received: the request board, not counted as having no one.
		expect(phones(first.rows)).toEqual(['calls: +79110000001']);
		expect(first.waiting).toEqual([{ id: 'requests', copy: false }]);
		expect(first.offline).toBe(false);
		expect(Object.keys(first.keyColumnsBySheet)).toEqual(['calls']);
		// Only the one waited for stays open (the call list was closed as soon as read).
		expect([...open.keys()].filter((room) => room !== 'sheet:requests')).toEqual([]);

		line.release();
		await waitFor(() => changes === 1, 'the request board to be read');
		const then = others.current();
		expect(phones(then.rows)).toEqual(['calls: +79110000001', 'requests: +79110000002']);
		expect(then.waiting).toEqual([]);
		expect(Object.keys(then.keyColumnsBySheet)).toEqual(['calls', 'requests']);
		// Read, it is closed at once.
		await waitFor(() => open.size === 0, 'every sheet closed');
		others.stop();
	});

	it('stopped (the dialog closed, the import started), it closes the sheet it waits for and reads no more', async () => {
		const server = await harness.start();
		await sheetOnServer(server.wsUrl, 'requests', '+79110000003');
		const line = await heldLine(new URL(server.wsUrl));
		const { acquire, open } = pageAcquire(() => line.url);

		const others = new OtherSheets(['requests'], {
			acquire,
			room: (id) => `sheet:${id}`,
			waitMs: 300
		});
		let changes = 0;
		others.onChange = () => changes++;
		await others.ready;
		expect(others.current().waiting).toEqual([{ id: 'requests', copy: false }]);
		await waitFor(() => open.size === 1, 'the background wait');
		others.stop();
		await waitFor(() => open.size === 0, 'the sheet waited for to be closed');
		expect(changes).toBe(0);
	});

	it('offline, reads the copy this browser has and says so, and names the list it has no copy of', async () => {
		// The server is gone: nothing listens where it was.
		const server = await harness.start();
		const gone = server.wsUrl;
		await server.close();
		// This browser's copy of the call list, with one resident (as IndexedDB gives it back).
		const copy = new Y.Doc();
		const calls = new Sheet(copy);
		calls.addColumns(templateColumns('callList', 'ru'));
		calls.addRow({ [calls.columns().find((c) => c.title === 'Телефон')!.id]: '+79110000004' });
		calls.destroy();
		const update = Y.encodeStateAsUpdate(copy);
		const { acquire, open } = pageAcquire(
			() => gone,
			(room) => {
				const doc = new Y.Doc();
				if (room === 'sheet:calls') Y.applyUpdate(doc, update);
				return doc;
			}
		);

		const others = new OtherSheets(['calls', 'requests'], {
			acquire,
			room: (id) => `sheet:${id}`,
			waitMs: 5_000
		});
		await others.ready;
		const now = others.current();
		expect(phones(now.rows)).toEqual(['calls: +79110000004']);
		expect(now.waiting).toEqual([
			{ id: 'calls', copy: true },
			{ id: 'requests', copy: false }
		]);
		expect(now.offline).toBe(true);
		// Waited for in the background, one at a time.
		await waitFor(() => open.size === 1, 'the background wait');
		others.stop();
		await waitFor(() => open.size === 0, 'the sheet waited for to be closed');
	});
});
