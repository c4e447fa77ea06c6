/**
 * Slow sockets (slowloris): a client that sends its request, or its WebSocket's upgrade, a header
 * at a time, or nothing at all, is answered 408 and closed once `HEADERS_TIMEOUT_MS` is over;
 * Node's own 60 s, looked at every 30 s, held each such socket a minute and a half. An upgraded
 * connection is the relay's (its heartbeat), not cut by these.
 */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Harness, waitFor } from './helpers.js';

const harness = new Harness();
const sockets: net.Socket[] = [];
afterEach(async () => {
	for (const socket of sockets.splice(0)) socket.destroy();
	await harness.cleanup();
});

/**
 * A raw socket that writes `first`, then one more header line every `everyMs` (none when
 * `first` is empty); resolves with what it received once the server closes it.
 */
function slowClient(port: number, first: string, everyMs = 100) {
	const socket = net.connect(port, '127.0.0.1');
	sockets.push(socket);
	let received = '';
	let timer: ReturnType<typeof setInterval> | undefined;
	socket.on('data', (data) => (received += data.toString('latin1')));
	socket.on('error', () => {});
	socket.on('connect', () => {
		if (!first) return;
		socket.write(first);
		let i = 0;
		timer = setInterval(() => socket.write(`X-Slow-${i++}: a\r\n`), everyMs);
	});
	return new Promise<string>((resolve) =>
		socket.on('close', () => {
			clearInterval(timer);
			resolve(received);
		})
	);
}

describe('slow sockets', () => {
	it('a request, an upgrade or a silence slower than HEADERS_TIMEOUT_MS is answered 408 and closed', async () => {
		const { port } = await harness.start({ headersTimeoutMs: 300, requestTimeoutMs: 1_000 });
		const within = <T>(promise: Promise<T>) =>
			Promise.race([
				promise,
				new Promise<never>((_, reject) =>
					setTimeout(() => reject(new Error('the socket is still held')), 10_000)
				)
			]);
		const [silent, page, upgrade] = await within(
			Promise.all([
				slowClient(port, ''),
				slowClient(port, 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n'),
				slowClient(
					port,
					'GET /sync/sheet:calls HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
						'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n'
				)
			])
		);
		for (const received of [silent, page, upgrade]) expect(received).toMatch(/^HTTP\/1\.1 408 /);
	});

	it('an operator whose sync connection is open longer than those timeouts keeps it', async () => {
		const { wsUrl, relay } = await harness.start({
			headersTimeoutMs: 300,
			requestTimeoutMs: 500
		});
		const anna = await harness.synced(harness.client(wsUrl, 'sheet:calls'));
		const boris = await harness.synced(harness.client(wsUrl, 'sheet:calls'));
		let closes = 0;
		anna.provider.on('connection-close', () => closes++);
		await new Promise((resolve) => setTimeout(resolve, 2_000));
		anna.map.set('call', 'дозвонились');
		await waitFor(() => boris.map.get('call') === 'дозвонились', 'her edit to reach him');
		expect(closes).toBe(0);
		expect(relay.stats().connections).toBe(2);
	});
});
