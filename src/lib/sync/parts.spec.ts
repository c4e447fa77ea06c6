/**
 * The page's own long messages go to the relay in parts (`partedWebSocket`), over a real socket
 * to a small WebSocket server that plays the relay: it records every frame and answers the parts
 * when the test says so.
 */
import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import { messagePart, partedWebSocket, PARTS_AHEAD, type PartedSocket } from './parts';

const PART = 10;
const closers: (() => void)[] = [];
afterEach(() => {
	for (const close of closers.splice(0)) close();
});

/** A socket of `partedWebSocket` (parts of `PART` bytes) connected to a relay that records. */
async function connect() {
	const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
	await new Promise((resolve) => wss.once('listening', resolve));
	const frames: Uint8Array[] = [];
	const relay = new Promise<ServerSocket>((resolve) =>
		wss.once('connection', (ws) => {
			ws.on('message', (data: Buffer) => frames.push(new Uint8Array(data)));
			resolve(ws);
		})
	);
	let reports = 0;
	const Socket = partedWebSocket(WebSocket as unknown as typeof globalThis.WebSocket, {
		partBytes: PART,
		onUpload: () => reports++
	});
	const { port } = wss.address() as { port: number };
	const socket = new Socket(`ws://127.0.0.1:${port}`) as globalThis.WebSocket & PartedSocket;
	socket.binaryType = 'arraybuffer';
	closers.push(() => {
		socket.close();
		for (const ws of wss.clients) ws.terminate();
		wss.close();
	});
	await new Promise((resolve) => socket.addEventListener('open', resolve));
	const server = await relay;
	/** Waits until the relay has `count` frames. */
	const received = async (count: number) => {
		while (frames.length < count) await new Promise((resolve) => setTimeout(resolve, 5));
		// Nothing more on its way: the socket holds what it may not send yet.
		await new Promise((resolve) => setTimeout(resolve, 50));
		return frames.map(show);
	};
	const take = () => server.send(Uint8Array.of(messagePart));
	return { socket, frames, received, take, reports: () => reports };
}

/** A message of `length` bytes, each `byte`. */
const message = (byte: number, length: number) => new Uint8Array(length).fill(byte);

/** A frame as `whole <byte>×<length>` or `part <total>: <byte>×<length>`. */
function show(frame: Uint8Array): string {
	if (frame[0] !== messagePart) return `whole ${frame[0]}×${frame.length}`;
	const decoder = decoding.createDecoder(frame);
	decoding.readVarUint(decoder);
	if (!decoding.hasContent(decoder)) return 'taken';
	const total = decoding.readVarUint(decoder);
	const piece = decoding.readVarUint8Array(decoder);
	return `part ${total}: ${piece[0]}×${piece.length}`;
}

describe("the page's long messages in parts", () => {
	it('a short message goes whole; a long one in parts, at most PARTS_AHEAD unanswered, the next as the relay takes one', async () => {
		const { socket, received, take } = await connect();
		socket.send(message(1, PART));
		socket.send(message(2, 5 * PART + 3));
		expect(await received(1 + PARTS_AHEAD)).toEqual([
			`whole 1×${PART}`,
			...Array(PARTS_AHEAD).fill(`part ${5 * PART + 3}: 2×${PART}`)
		]);
		take();
		take();
		take();
		expect((await received(7)).slice(4)).toEqual([
			`part 53: 2×${PART}`,
			`part 53: 2×${PART}`,
			'part 53: 2×3'
		]);
	});

	it('a short message sent while a long one goes follows its first part; one after a second long one waits for its first part', async () => {
		const { socket, received, take } = await connect();
		socket.send(message(2, 4 * PART)); // three parts go, one waits
		socket.send(message(3, 2 * PART)); // a second long one: waits for the first
		socket.send(message(4, 1)); // waits behind the second's first part
		expect(await received(3)).toEqual(Array(3).fill(`part 40: 2×${PART}`));
		take(); // the first's last part goes; the second's first needs one more answer
		expect((await received(4)).slice(3)).toEqual([`part 40: 2×${PART}`]);
		take();
		expect((await received(6)).slice(4)).toEqual([`part 20: 3×${PART}`, 'whole 4×1']);
		socket.send(message(5, 1)); // after the second's first part: at once
		expect((await received(7)).slice(6)).toEqual(['whole 5×1']);
	});

	it("the answer to a relay's part goes at once, even behind a long message waiting for answers", async () => {
		const { socket, received } = await connect();
		socket.send(message(2, 4 * PART));
		socket.send(message(3, 2 * PART));
		socket.send(Uint8Array.of(messagePart));
		expect((await received(4)).slice(3)).toEqual(['taken']);
	});

	it('says how much the relay has taken, and nothing once it has taken all', async () => {
		const { socket, received, take, reports } = await connect();
		socket.send(message(2, 2 * PART + 5));
		expect(socket.upload).toEqual({ sent: 0, total: 25 });
		await received(3);
		take();
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(socket.upload).toEqual({ sent: PART, total: 25 });
		socket.send(message(3, 2 * PART)); // more to go: the total grows
		expect(socket.upload).toEqual({ sent: PART, total: 45 });
		take();
		take();
		await received(5);
		take();
		take();
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(socket.upload).toBe(null);
		expect(reports()).toBe(7);
	});
});
