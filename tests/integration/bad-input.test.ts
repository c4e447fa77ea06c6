import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MAX_PRESENCES_PER_CONNECTION, messageAwareness, messageSync } from '../../server/relay.js';
import {
	Harness,
	captureLog,
	encodeMessage,
	updateMessage,
	waitConverged,
	waitFor,
	type Client
} from './helpers.js';

const MAX_MESSAGE_BYTES = 4096;
const CLOSE_UNSUPPORTED_DATA = 1003;
const CLOSE_MESSAGE_TOO_BIG = 1009;
const CLOSE_BAD_MESSAGE = 4400;

const harness = new Harness();
afterEach(() => harness.cleanup());

/** A valid update message of a few hundred bytes, to cut short. */
function someUpdateMessage() {
	const doc = new Y.Doc();
	doc.getText('t').insert(0, 'x'.repeat(300));
	return updateMessage(Y.encodeStateAsUpdate(doc));
}

const badFrames: Array<{ rule: string; frame: () => Uint8Array | string; code: number }> = [
	{
		rule: 'garbage bytes',
		frame: () => Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]),
		code: CLOSE_BAD_MESSAGE
	},
	{
		rule: 'a sync update whose payload is not a Yjs update',
		frame: () =>
			encodeMessage((e) => {
				encoding.writeVarUint(e, messageSync);
				encoding.writeVarUint(e, 2);
				encoding.writeVarUint8Array(e, Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]));
			}),
		code: CLOSE_BAD_MESSAGE
	},
	{
		rule: 'a truncated sync message',
		frame: () => {
			const message = someUpdateMessage();
			return message.subarray(0, message.length >> 1);
		},
		code: CLOSE_BAD_MESSAGE
	},
	{
		rule: 'an unknown message type',
		frame: () => Uint8Array.from([7]),
		code: CLOSE_BAD_MESSAGE
	},
	{
		rule: 'an unknown sync message type',
		frame: () => Uint8Array.from([messageSync, 9, 0]),
		code: CLOSE_BAD_MESSAGE
	},
	{
		rule: 'an awareness update that is not one',
		frame: () =>
			encodeMessage((e) => {
				encoding.writeVarUint(e, messageAwareness);
				encoding.writeVarUint8Array(e, Uint8Array.from([1, 5, 1, 4, 123, 34, 120, 34]));
			}),
		code: CLOSE_BAD_MESSAGE
	},
	{ rule: 'a text frame', frame: () => 'hello', code: CLOSE_UNSUPPORTED_DATA },
	{
		rule: 'a frame over MAX_MESSAGE_BYTES',
		frame: () => new Uint8Array(MAX_MESSAGE_BYTES + 1),
		code: CLOSE_MESSAGE_TOO_BIG
	}
];

describe('bad frames close only their own connection', () => {
	let wsUrl: string;
	let logs: ReturnType<typeof captureLog>;
	let sameRoom: Client[];
	let otherRoom: Client[];

	beforeEach(async () => {
		logs = captureLog();
		({ wsUrl } = await harness.start({ maxMessageBytes: MAX_MESSAGE_BYTES, log: logs.log }));
		sameRoom = [harness.client(wsUrl, 'sheet:victim'), harness.client(wsUrl, 'sheet:victim')];
		otherRoom = [harness.client(wsUrl, 'ws:bystander'), harness.client(wsUrl, 'ws:bystander')];
		await Promise.all([...sameRoom, ...otherRoom].map((c) => harness.synced(c)));
	});

	for (const { rule, frame, code } of badFrames) {
		it(`${rule}: that connection is closed (${code}) with one log line, the rest go on`, async () => {
			const attacker = await harness.raw(`${wsUrl}/sheet:victim`);
			attacker.send(frame());
			expect((await attacker.closed).code).toBe(code);

			const lines = logs.lines.filter((l) => l.level !== 'info');
			expect(lines).toHaveLength(1);
			expect(lines[0].level).toBe('warn');
			expect(lines[0].message).toContain('sheet:victim');

			sameRoom[0].map.set('after', rule);
			otherRoom[1].map.set('after', rule);
			await waitConverged(sameRoom, 1);
			await waitConverged(otherRoom, 1);
			expect(sameRoom[1].map.get('after')).toBe(rule);
			expect(otherRoom[0].map.get('after')).toBe(rule);
		});
	}

	it('garbage never reaches the document', async () => {
		const attacker = await harness.raw(`${wsUrl}/sheet:victim`);
		attacker.send(badFrames[1].frame());
		await attacker.closed;
		const fresh = await harness.synced(harness.client(wsUrl, 'sheet:victim'));
		expect(fresh.doc.store.clients.size).toBe(0);
	});
});

/** An awareness message announcing `names.length` presences, from client id `firstId` on. */
function presencesMessage(firstId: number, names: string[]) {
	return encodeMessage((e) => {
		encoding.writeVarUint(e, messageAwareness);
		const update = encoding.createEncoder();
		encoding.writeVarUint(update, names.length);
		names.forEach((name, i) => {
			encoding.writeVarUint(update, firstId + i);
			encoding.writeVarUint(update, 1);
			encoding.writeVarString(update, JSON.stringify({ user: { name, color: '#123456' } }));
		});
		encoding.writeVarUint8Array(e, encoding.toUint8Array(update));
	});
}

describe('presence spam', () => {
	it('a presence with a 1 MB name, or more presences than a page has, closes that connection; nobody gets them', async () => {
		const logs = captureLog();
		const { wsUrl } = await harness.start({ log: logs.log });
		const operators = [
			harness.client(wsUrl, 'sheet:victim'),
			harness.client(wsUrl, 'sheet:victim')
		];
		await Promise.all(operators.map((c) => harness.synced(c)));
		const closedWithin = (attacker: Awaited<ReturnType<typeof harness.raw>>) =>
			Promise.race([
				attacker.closed.then(({ code }) => code),
				new Promise((resolve) => setTimeout(() => resolve('still open'), 3000))
			]);

		// Before: the relay kept and passed on both (a 9 MB message of 100,000 made-up
		// colleagues stalled it for more than a second, and every page took them all).
		const longName = await harness.raw(`${wsUrl}/sheet:victim`);
		longName.send(presencesMessage(900_000, ['Я'.repeat(500_000)]));
		expect(await closedWithin(longName)).toBe(CLOSE_BAD_MESSAGE);
		const crowd = await harness.raw(`${wsUrl}/sheet:victim`);
		const names = Array.from({ length: MAX_PRESENCES_PER_CONNECTION + 1 }, (_, i) => `Гость ${i}`);
		crowd.send(presencesMessage(800_000, names));
		expect(await closedWithin(crowd)).toBe(CLOSE_BAD_MESSAGE);
		expect(logs.lines.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual([
			expect.stringMatching(/sheet:victim.*presence update of \d+ bytes \(over 16384\)/),
			expect.stringMatching(/sheet:victim.*more than 8 presences on one connection/)
		]);

		// A page's own presence still goes through, after them.
		const colleague = await harness.raw(`${wsUrl}/sheet:victim`);
		colleague.send(presencesMessage(700_000, ['Борис']));
		for (const operator of operators) {
			await waitFor(
				() => operator.provider.awareness.getStates().has(700_000),
				'the colleague’s presence'
			);
			const names = [...operator.provider.awareness.getStates().values()].map(
				(state) => (state.user as { name?: string } | undefined)?.name
			);
			expect(names.filter((name) => name !== undefined)).toEqual(['Борис']);
			expect(operator.provider.awareness.getStates().size).toBe(2);
		}
	});
});

describe('upgrade requests', () => {
	/** The HTTP status the server answered a WebSocket upgrade with, or the socket error. */
	function upgradeStatus(url: string): Promise<number | string> {
		return new Promise((resolve) => {
			const ws = new WebSocket(url);
			ws.on('unexpected-response', (_req, res) => {
				resolve(res.statusCode ?? 0);
				ws.terminate();
			});
			ws.on('open', () => {
				resolve(101);
				ws.terminate();
			});
			ws.on('error', (error) => resolve(error.message));
		});
	}

	it('rooms with invalid names get 400 at upgrade', async () => {
		const { url, wsUrl } = await harness.start();
		const base = url.replace(/^http/, 'ws');
		for (const room of [
			'',
			'sheet:',
			'ws:',
			'other:abc',
			'sheet:a b',
			'sheet:a%2Fb',
			'sheet:a/b',
			`sheet:${'a'.repeat(65)}`,
			'sheet:%E0%A4%A'
		]) {
			expect(await upgradeStatus(`${wsUrl}/${room}`), room).toBe(400);
		}
		expect(await upgradeStatus(`${base}/sync`)).not.toBe(101);
		expect(await upgradeStatus(`${wsUrl}/sheet:${'a'.repeat(64)}`)).toBe(101);
		expect(await upgradeStatus(`${wsUrl}/sheet%3Aabc_-1?token=x`)).toBe(101);
		expect(await upgradeStatus(`${wsUrl}/ws:Z9`)).toBe(101);
	});

	it('upgrades outside /sync/ are not taken by the relay', async () => {
		const { url } = await harness.start();
		expect(await upgradeStatus(`${url.replace(/^http/, 'ws')}/other`)).toMatch(/hang up|closed/);
	});

	it('a room the authorizer refuses gets 403 and no byte of the document', async () => {
		const { wsUrl } = await harness.start({ authorize: ({ room }) => room !== 'sheet:secret' });
		expect(await upgradeStatus(`${wsUrl}/sheet:secret`)).toBe(403);
		expect(await upgradeStatus(`${wsUrl}/sheet:public`)).toBe(101);
	});

	it('/healthz answers with the number of rooms and connections', async () => {
		const { url, wsUrl } = await harness.start();
		expect(await (await fetch(`${url}/healthz`)).json()).toEqual({
			ok: true,
			access: true,
			rooms: 0,
			connections: 0
		});
		await harness.synced(harness.client(wsUrl, 'sheet:health'));
		const response = await fetch(`${url}/healthz`);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/json');
		expect(await response.json()).toEqual({ ok: true, access: true, rooms: 1, connections: 1 });
		expect((await fetch(`${url}/elsewhere`)).status).toBe(404);
	});
});
