import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { LATER_BY_MS, Sheet } from './sheet';

const T0 = new Date('2026-12-01T10:00:00Z').getTime();

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

	it('writes nothing more when the later value already won (no extra change, no history entry)', () => {
		const { marina, natasha, exchange, row, result } = operators(1, 2);
		vi.setSystemTime(T0 + 60_000);
		marina.setCell(row, result, 'не дозвонились');
		vi.setSystemTime(T0 + 3 * 60_000);
		natasha.setCell(row, result, 'дозвонились');
		const entries = marina.history.length + natasha.history.length;
		exchange(0);
		const after = natasha.history.length;
		expect(natasha.getCell(row, result)).toBe('дозвонились');
		// One entry each crossed over, and at most one repair entry was added.
		expect(after).toBeLessThanOrEqual(entries + 1);
		expect(marina.history.length).toBe(after);
	});
});
