import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { LATER_BY_MS, Sheet } from './sheet';
import { createNetwork, seededRandom } from './testing';

const T0 = new Date('2026-12-01T10:00:00Z').getTime();
const MIN = 60_000;

/** y-websocket after a reconnect: each side gets the other's missing changes as ONE update. */
function reconnect(a: Y.Doc, b: Y.Doc) {
	for (let k = 0; k < 4; k++) {
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)), 'remote');
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)), 'remote');
	}
}

/**
 * Марина's and Наташа's replicas of one call list (client ids chosen, so that each one's value
 * is Yjs's winner in one of the runs), with a resident and the result column.
 */
function operators(marinaClient: number, natashaClient: number) {
	const docs = [new Y.Doc(), new Y.Doc()];
	docs[0].clientID = marinaClient;
	docs[1].clientID = natashaClient;
	const outbox: Uint8Array[][] = [[], []];
	docs.forEach((doc, i) =>
		doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin !== 'remote') outbox[i].push(update);
		})
	);
	const marina = new Sheet(docs[0], { author: { id: 'marina', name: 'Марина' } });
	const natasha = new Sheet(docs[1], { author: { id: 'natasha', name: 'Наташа' } });
	const send = (from: 0 | 1) => {
		for (const u of outbox[from].splice(0)) Y.applyUpdate(docs[1 - from], u, 'remote');
	};
	/** Both ways until nothing is left to send (a repair is one more update). */
	const exchange = (first: 0 | 1) => {
		for (let i = 0; i < 4; i++) {
			send(first);
			send(first === 0 ? 1 : 0);
		}
		expect(outbox.flat()).toEqual([]);
	};
	const [name, result] = marina.addColumns([{ title: 'ФИО' }, { title: 'Результат звонка' }]);
	const row = marina.addRow({ [name]: 'Лебедева Ольга' });
	marina.setCell(row, result, 'новый');
	exchange(0);
	return { marina, natasha, send, exchange, row, result };
}

const RUNS = [
	{ marinaClient: 1, natashaClient: 2, first: 0 },
	{ marinaClient: 2, natashaClient: 1, first: 0 },
	{ marinaClient: 1, natashaClient: 2, first: 1 },
	{ marinaClient: 2, natashaClient: 1, first: 1 }
] as const;

describe('two values of one cell written at the same time: the later one stays', () => {
	beforeEach(() => {
		vi.useFakeTimers({ toFake: ['Date'] });
		vi.setSystemTime(T0);
	});
	afterEach(() => vi.useRealTimers());

	it.each(RUNS)(
		'an older result logged offline does not replace a later call (clients %o)',
		({ marinaClient, natashaClient, first }) => {
			const { marina, natasha, exchange, row, result } = operators(marinaClient, natashaClient);
			// Марина, offline, logs her call; Наташа, two minutes later, reaches the resident.
			vi.setSystemTime(T0 + 60_000);
			marina.setCell(row, result, 'не дозвонились');
			vi.setSystemTime(T0 + 3 * 60_000);
			natasha.setCell(row, result, 'дозвонились');
			vi.setSystemTime(T0 + 10 * 60_000);
			exchange(first);
			expect(marina.getCell(row, result)).toBe('дозвонились');
			expect(natasha.getCell(row, result)).toBe('дозвонились');
			// The history says what happened, the older call included.
			const values = natasha.history.forCell(row, result).map((i) => [i.author.name, i.value]);
			expect(values).toContainEqual(['Марина', 'не дозвонились']);
			expect(values[0]).toEqual(['Наташа', 'дозвонились']);
		}
	);

	it.each(RUNS)(
		'the later one stays the other way round too (clients %o)',
		({ marinaClient, natashaClient, first }) => {
			const { marina, natasha, exchange, row, result } = operators(marinaClient, natashaClient);
			vi.setSystemTime(T0 + 60_000);
			natasha.setCell(row, result, 'дозвонились');
			vi.setSystemTime(T0 + 3 * 60_000);
			marina.setCell(row, result, 'нужна помощь');
			exchange(first);
			expect(marina.getCell(row, result)).toBe('нужна помощь');
			expect(natasha.getCell(row, result)).toBe('нужна помощь');
		}
	);

	it("within a second of each other, Yjs's order stays: nothing is written again", () => {
		const { marina, natasha, exchange, row, result } = operators(2, 1);
		vi.setSystemTime(T0 + 60_000);
		natasha.setCell(row, result, 'дозвонились');
		vi.setSystemTime(T0 + 60_000 + LATER_BY_MS);
		marina.setCell(row, result, 'не дозвонились');
		const before = marina.history.length;
		expect(natasha.history.length).toBe(before);
		exchange(0);
		expect(marina.getCell(row, result)).toBe(natasha.getCell(row, result));
		// Each has the other's entry, and no repair entry.
		expect(marina.history.length).toBe(before + 1);
		expect(natasha.history.length).toBe(before + 1);
	});

	it('an undo is a change at its own time (found in review)', () => {
		for (const [marinaClient, natashaClient] of [
			[1, 2],
			[2, 1]
		]) {
			const { marina, natasha, exchange, row, result } = operators(marinaClient, natashaClient);
			const undo = natasha.createUndoManager();
			vi.setSystemTime(T0 + 60_000);
			marina.setCell(row, result, 'не дозвонились'); // offline
			vi.setSystemTime(T0 + 3 * 60_000);
			natasha.setCell(row, result, 'дозвонились');
			vi.setSystemTime(T0 + 5 * 60_000);
			undo.undo(); // Наташа takes hers back: «новый»
			expect(natasha.getCell(row, result)).toBe('новый');
			exchange(0);
			expect([marina.getCell(row, result), natasha.getCell(row, result)]).toEqual([
				'новый',
				'новый'
			]);
		}
	});

	it('a value written over hers knowingly stays, however old her clock says hers is', () => {
		const { marina, natasha, exchange, send, row, result } = operators(2, 1);
		vi.setSystemTime(T0 + 10 * 60_000);
		marina.setCell(row, result, 'не дозвонились');
		send(0);
		// Наташа's clock is behind: her change reads as older, but she saw Марина's value.
		vi.setSystemTime(T0 + 5 * 60_000);
		natasha.setCell(row, result, 'дозвонились');
		exchange(1);
		expect(marina.getCell(row, result)).toBe('дозвонились');
		expect(natasha.getCell(row, result)).toBe('дозвонились');
	});

	it('writes no history entry for a repair', () => {
		const { marina, natasha, exchange, row, result } = operators(2, 1);
		vi.setSystemTime(T0 + 60_000);
		marina.setCell(row, result, 'не дозвонились');
		vi.setSystemTime(T0 + 3 * 60_000);
		natasha.setCell(row, result, 'дозвонились');
		const before = [marina.history.length, natasha.history.length];
		exchange(0);
		expect(natasha.getCell(row, result)).toBe('дозвонились');
		// Each has the other's entry, and nothing more: a repair is nobody's change.
		expect([marina.history.length, natasha.history.length]).toEqual(before.map((n) => n + 1));
	});

	// Found in review: two values of one operator, a reload, three operators, and a fuzz.
	/** Марина's and Наташа's replicas with one resident, exchanging as y-websocket does. */
	function reconnecting(marinaClient: number, natashaClient: number) {
		const docs = [new Y.Doc(), new Y.Doc()];
		docs[0].clientID = marinaClient;
		docs[1].clientID = natashaClient;
		const marina = new Sheet(docs[0], { author: { id: 'marina', name: 'Марина' } });
		const natasha = new Sheet(docs[1], { author: { id: 'natasha', name: 'Наташа' } });
		const [, result] = marina.addColumns([{ title: 'ФИО' }, { title: 'Результат' }]);
		const row = marina.addRow({});
		marina.setCell(row, result, 'новый');
		reconnect(docs[0], docs[1]);
		return { docs, marina, natasha, result, row };
	}

	it.each([
		[1, 2],
		[2, 1]
	])(
		"offline operator logged two attempts in the cell; the colleague's later call stays (clients %i, %i)",
		(ca, cb) => {
			const { docs, marina, natasha, result, row } = reconnecting(ca, cb);
			vi.setSystemTime(T0 + 1 * MIN);
			marina.setCell(row, result, 'занято'); // offline, first attempt
			vi.setSystemTime(T0 + 2 * MIN);
			marina.setCell(row, result, 'не дозвонились'); // offline, second attempt
			vi.setSystemTime(T0 + 10 * MIN);
			natasha.setCell(row, result, 'дозвонились'); // online, 8 minutes later
			vi.setSystemTime(T0 + 20 * MIN);
			reconnect(docs[0], docs[1]);
			expect(marina.getCell(row, result)).toBe('дозвонились');
			expect(natasha.getCell(row, result)).toBe('дозвонились');
		}
	);

	it.each([
		[1, 2],
		[2, 1]
	])(
		'the later writer reloaded her tab before the offline one came back (clients %i, %i)',
		(ca, cb) => {
			const { docs, marina, natasha, result, row } = reconnecting(ca, cb);
			vi.setSystemTime(T0 + 1 * MIN);
			marina.setCell(row, result, 'не дозвонились');
			vi.setSystemTime(T0 + 10 * MIN);
			natasha.setCell(row, result, 'дозвонились');
			// Наташа's page reloads (same browser, same operator id; Yjs gives a new client id)
			natasha.destroy();
			const again = new Y.Doc();
			again.clientID = 99;
			Y.applyUpdate(again, Y.encodeStateAsUpdate(docs[1]), 'remote');
			const natasha2 = new Sheet(again, { author: { id: 'natasha', name: 'Наташа' } });
			vi.setSystemTime(T0 + 20 * MIN);
			reconnect(docs[0], again);
			expect(marina.getCell(row, result)).toBe('дозвонились');
			expect(natasha2.getCell(row, result)).toBe('дозвонились');
		}
	);

	it.each([
		[2, 1, 3],
		[3, 1, 2],
		[3, 2, 1]
	])('three operators at once: the latest (C, 5 min) stays (clients %i, %i, %i)', (c0, c1, c2) => {
		const docs = [c0, c1, c2].map((c) => {
			const d = new Y.Doc();
			d.clientID = c;
			return d;
		});
		const [a, b, c] = docs.map(
			(d, i) => new Sheet(d, { author: { id: 'abc'[i], name: 'ABC'[i] } })
		);
		const [, result] = a.addColumns([{ title: 'ФИО' }, { title: 'Результат' }]);
		const row = a.addRow({});
		a.setCell(row, result, 'новый');
		reconnect(docs[0], docs[1]);
		reconnect(docs[0], docs[2]);
		vi.setSystemTime(T0 + 1 * MIN);
		a.setCell(row, result, 'A');
		vi.setSystemTime(T0 + 3 * MIN);
		b.setCell(row, result, 'B');
		vi.setSystemTime(T0 + 5 * MIN);
		c.setCell(row, result, 'C');
		// A's laptop reaches C first (C repairs at 20 min), B only at 30 min (B repairs), then all.
		vi.setSystemTime(T0 + 20 * MIN);
		Y.applyUpdate(docs[2], Y.encodeStateAsUpdate(docs[0], Y.encodeStateVector(docs[2])), 'remote');
		vi.setSystemTime(T0 + 30 * MIN);
		Y.applyUpdate(docs[1], Y.encodeStateAsUpdate(docs[0], Y.encodeStateVector(docs[1])), 'remote');
		vi.setSystemTime(T0 + 40 * MIN);
		for (let k = 0; k < 3; k++) {
			reconnect(docs[0], docs[1]);
			reconnect(docs[1], docs[2]);
			reconnect(docs[0], docs[2]);
		}
		expect([a, b, c].map((s) => s.getCell(row, result))).toEqual(['C', 'C', 'C']);
	});

	it('fuzz: 3-4 replicas, random times and deliveries, converge to the latest and stop', () => {
		const bad: string[] = [];
		for (let seed = 1; seed <= 300; seed++) {
			const rnd = seededRandom(seed);
			const n = 3 + (seed % 2);
			const net = createNetwork(n, rnd);
			const sheets = net.docs.map(
				(d, i) => new Sheet(d, { author: { id: 'op' + i, name: 'op' + i } })
			);
			vi.setSystemTime(T0);
			const [, col] = sheets[0].addColumns([{ title: 'a' }, { title: 'b' }]);
			const row = sheets[0].addRow({});
			sheets[0].setCell(row, col, 'новый');
			net.sync();
			net.sync();
			const times = sheets.map((_, i) => T0 + (i + 1) * MIN + Math.floor(rnd() * 10) * MIN);
			sheets.forEach((s, i) => {
				vi.setSystemTime(times[i]);
				s.setCell(row, col, 'v' + i);
			});
			const latest = 'v' + times.indexOf(Math.max(...times));
			const unique = times.filter((t) => t === Math.max(...times)).length === 1;
			let rounds = 0;
			let now = T0 + 30 * MIN;
			while (net.pending() && rounds < 50) {
				now += 5 * MIN * rnd();
				vi.setSystemTime(now);
				net.sync();
				rounds++;
			}
			const vals = sheets.map((s) => s.getCell(row, col));
			if (rounds >= 50) bad.push(`seed ${seed}: no end`);
			else if (new Set(vals).size !== 1) bad.push(`seed ${seed}: diverged ${vals}`);
			else if (unique && vals[0] !== latest)
				bad.push(
					`seed ${seed}: ${vals[0]} not latest ${latest} times ${times.map((t) => (t - T0) / MIN)}`
				);
		}
		expect(bad).toEqual([]);
	});
});
