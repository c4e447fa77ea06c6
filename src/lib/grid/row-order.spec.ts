import { describe, expect, it } from 'vitest';
import { seededRandom } from '$lib/model/testing';
import {
	mergeOrder,
	numberComparator,
	packColumn,
	positionsOf,
	rowComparator,
	sortOrder,
	textComparator,
	unpackColumn,
	type SortKey
} from './row-order';

/** Cyrillic and Latin names in any case, ё and е, numbers inside text, numbers, empties. */
const PIECES = [
	'Иванов',
	'иванов',
	'ИВАНОВ',
	'Ёлкин',
	'Елкин',
	'ёлкин',
	'Абрамов',
	'Яковлева',
	'Smith',
	'smith',
	'Zed',
	'дом 2',
	'дом 10',
	'дом 1',
	'2024-05-01',
	'2024-05-01T10:30',
	'1999-12-31',
	'+79211234567',
	'10',
	'9',
	'-3',
	'2.5',
	'02',
	'abc',
	' ',
	''
];

function randomValue(random: () => number): string {
	const r = random();
	if (r < 0.15) return '';
	if (r < 0.35) return String(Math.floor(random() * 200) - 50);
	if (r < 0.4) return (random() * 100).toFixed(2);
	const a = PIECES[Math.floor(random() * PIECES.length)];
	return random() < 0.5 ? a : `${a} ${PIECES[Math.floor(random() * PIECES.length)]}`.trim();
}

function randomColumns(random: () => number, rows: number, count: number): string[][] {
	return Array.from({ length: count }, () =>
		Array.from({ length: rows }, () => randomValue(random))
	);
}

/** The order AG Grid gave: a stable sort of the rows with the comparators, desc reversed. */
function referenceOrder(columns: string[][], keys: SortKey[]): number[] {
	const compares = keys.map((k) => (k.kind === 'number' ? numberComparator : textComparator));
	const rows = Array.from(columns[0].keys());
	return rows.sort((a, b) => {
		for (let c = 0; c < keys.length; c++) {
			const r = compares[c](columns[c][a], columns[c][b]);
			if (r) return keys[c].descending ? -r : r;
		}
		return 0; // Array.prototype.sort is stable: ties keep the grid's order.
	});
}

const KEY_SETS: SortKey[][] = [
	[{ kind: 'text', descending: false }],
	[{ kind: 'text', descending: true }],
	[{ kind: 'number', descending: false }],
	[{ kind: 'number', descending: true }],
	[
		{ kind: 'text', descending: false },
		{ kind: 'number', descending: true }
	],
	[
		{ kind: 'number', descending: false },
		{ kind: 'text', descending: false },
		{ kind: 'text', descending: true }
	]
];

describe('the order of a sort', () => {
	it('is the synchronous comparators’ order on random Cyrillic, Latin, number and empty values', () => {
		for (let seed = 1; seed <= 30; seed++) {
			const random = seededRandom(seed);
			const keys = KEY_SETS[seed % KEY_SETS.length];
			const columns = randomColumns(random, 50 + Math.floor(random() * 400), keys.length);
			expect([...sortOrder(columns, keys)], `seed ${seed}`).toEqual(referenceOrder(columns, keys));
		}
	});

	it('puts empty text last, numbers inside text by value, and ё with е regardless of case', () => {
		const names = ['', 'дом 10', 'ёлкин', 'Абрамов', 'дом 2', 'Елкин', ''];
		const order = sortOrder([names], [{ kind: 'text', descending: false }]);
		expect([...order].map((i) => names[i])).toEqual([
			'Абрамов',
			'дом 2',
			'дом 10',
			'ёлкин',
			'Елкин',
			'',
			''
		]);
	});

	it('leaves spaces around a value out (the grid does not show them); spaces only count as empty', () => {
		const names = ['Волков', '   ', '  Кузнецов   Пётр ', '=1+2', 'Абрамов', ''];
		const order = sortOrder([names], [{ kind: 'text', descending: false }]);
		expect([...order].map((i) => names[i])).toEqual([
			'=1+2',
			'Абрамов',
			'Волков',
			'  Кузнецов   Пётр ',
			'   ',
			''
		]);
	});

	it('sorts numbers by value, then the other values as Russian text (Cyrillic before Latin)', () => {
		const values = ['10', 'abc', '9', '', '-3', '2.5', 'нет'];
		const order = sortOrder([values], [{ kind: 'number', descending: false }]);
		expect([...order].map((i) => values[i])).toEqual(['-3', '2.5', '9', '10', '', 'нет', 'abc']);
	});

	it('keeps rows equal on every sort column in the grid’s order, ascending and descending', () => {
		const values = ['Петров', 'петров', 'Абрамов', 'ПЕТРОВ', 'Абрамов'];
		const asc = sortOrder([values], [{ kind: 'text', descending: false }]);
		expect([...asc]).toEqual([2, 4, 0, 1, 3]);
		const desc = sortOrder([values], [{ kind: 'text', descending: true }]);
		expect([...desc]).toEqual([0, 1, 3, 2, 4]);
	});

	it('sorts by the second column where the first one ties', () => {
		const names = ['Иванов', 'Абрамов', 'Иванов', 'Абрамов'];
		const attempts = ['3', '1', '12', '2'];
		const order = sortOrder(
			[names, attempts],
			[
				{ kind: 'text', descending: false },
				{ kind: 'number', descending: true }
			]
		);
		expect([...order]).toEqual([3, 1, 2, 0]);
	});

	it('a column packed for the worker comes out value for value', () => {
		const values = ['Иванов', '', 'a\u0000b', 'дом "5";\nкв. 2', '', '😀 Смайл', ' '];
		const packed = packColumn(values);
		expect(packed.lengths).toHaveLength(values.length);
		expect(unpackColumn(packed)).toEqual(values);
	});

	it('gives positions as the inverse of the order', () => {
		const order = Int32Array.from([2, 0, 3, 1]);
		expect([...positionsOf(order)]).toEqual([1, 3, 0, 2]);
	});
});

describe('rows changed since a snapshot', () => {
	it('merged into the snapshot’s order land where a full sort puts them', () => {
		for (let seed = 1; seed <= 30; seed++) {
			const random = seededRandom(100 + seed);
			const keys = KEY_SETS[seed % KEY_SETS.length];
			const rows = 100 + Math.floor(random() * 300);
			const columns = randomColumns(random, rows, keys.length);
			const snapshot = sortOrder(columns, keys);
			// Some rows change in a sort column, some are new (appended), some removed.
			const now = columns.map((c) => c.slice());
			const changed = new Set<number>();
			for (let k = 0; k < rows / 10; k++) {
				const row = Math.floor(random() * rows);
				now[Math.floor(random() * keys.length)][row] = randomValue(random);
				changed.add(row);
			}
			const added = Math.floor(random() * 20);
			for (let k = 0; k < added; k++) {
				for (const c of now) c.push(randomValue(random));
				changed.add(rows + k);
			}
			const removed = new Set<number>();
			for (let k = 0; k < rows / 20; k++) removed.add(Math.floor(random() * rows));
			const kept = [...snapshot].filter((i) => !changed.has(i) && !removed.has(i));
			const moved = [...changed].filter((i) => !removed.has(i));
			const compare = rowComparator(keys, (row, c) => now[c][row]);
			const merged = [...mergeOrder(kept, moved, compare)];
			const expected = referenceOrder(now, keys).filter((i) => !removed.has(i));
			expect(merged, `seed ${seed}`).toEqual(expected);
		}
	});

	it('a changed row equal to kept ones goes among them by its place in the grid', () => {
		const values = ['Б', 'А', 'Б', 'В'];
		// Row 2 was «Я» in the snapshot and is now «Б», like row 0.
		const compare = rowComparator([{ kind: 'text', descending: false }], (row) => values[row]);
		expect([...mergeOrder([1, 0, 3], [2], compare)]).toEqual([1, 0, 2, 3]);
		const desc = rowComparator([{ kind: 'text', descending: true }], (row) => values[row]);
		expect([...mergeOrder([3, 0, 1], [2], desc)]).toEqual([3, 0, 2, 1]);
	});
});
