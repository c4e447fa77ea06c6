/**
 * A key form that never arrives whole (the client goes away mid-way) is logged once per address
 * in ten minutes: anyone who reaches the port, key or not, wrote a line with each.
 */
import net from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { Harness, captureLog, waitFor } from './helpers.js';

const harness = new Harness();
afterEach(() => harness.cleanup());

it('a loop of key forms cut short writes one line, and one with how many more', async () => {
	const logs = captureLog();
	const running = await harness.start({ accessKey: 'k7mp-x2qa-9fzt-hw4c', log: logs.log });
	for (let i = 0; i < 40; i++) {
		const socket = net.connect(running.port, '127.0.0.1');
		socket.on('error', () => {});
		await new Promise((resolve) => socket.on('connect', resolve));
		socket.write(
			'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n' +
				'Content-Length: 100\r\n\r\nkey=abc'
		);
		await new Promise((resolve) => setTimeout(resolve, 20));
		socket.destroy();
	}
	const unread = () => logs.lines.filter((l) => l.message.includes('could not be read'));
	await waitFor(() => unread().length > 0, 'the first form not read to be logged');
	await new Promise((resolve) => setTimeout(resolve, 300));
	expect(unread()).toHaveLength(1);
	await running.close();
	const summary = logs.lines.filter((l) => l.message.includes('непрочитанных форм ключа'));
	expect(summary).toHaveLength(1);
	expect(summary[0].message).toMatch(/ещё 39 непрочитанных форм ключа/);
});
