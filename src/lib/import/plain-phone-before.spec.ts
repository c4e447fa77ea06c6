/**
 * The oracle of `plainPhone`, the analysis' way for a phone cell of the commonest kind: whatever
 * it reads, it must read as `normalizeValue('phone', …)` does (the analysis before it, cell by
 * cell), with any area code of the column's; and it must read most of what a department's list
 * holds (else the test says nothing). Random cells written around numbers of 8 to 13 digits
 * (prefixes, spaces, dashes, brackets, and now and then any other character); numbers of each
 * form it takes and of many it leaves; and the phones of the bench's generated list.
 */
import { describe, expect, it } from 'vitest';
import { createRandom, generateRows } from '../../../bench/data';
import { normalizeValue } from '../values';
import { plainPhone } from './plan';

/** What the analysis stored for the cell before (`readCell`), with the column's area code. */
function before(raw: string, areaCode?: string): string | null {
	const result = normalizeValue('phone', raw, areaCode ? { areaCode } : {});
	return result.ok ? result.value : null;
}

const CODES = [undefined, '812', '4842', '30000'];

/** Between digits: mostly nothing, a space, a dash or a bracket; sometimes anything else. */
const BETWEEN = ['', '', '', '', '', ' ', ' ', '-', '-', '(', ')', ') ', ' ('];
const OTHER = ['.', ',', ';', '+', '\u00a0', '\t', '/', '"', "'", 'x', 'д', '\n', '  ', '.0', 'e'];
const PREFIXES = ['', '', '8', '8', '7', '+7', '+7', '+8', '+', '+ 7', '00', '8 10 7'];
const FIRST = '3489348970165';

/** A cell written around a number of 8 to 13 digits, as lists write them, and miswrite them. */
function randomCell(rnd: () => number): string {
	const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)];
	const odd = () => (rnd() < 0.1 ? pick(OTHER) : '');
	let cell = odd() + pick(PREFIXES) + pick(BETWEEN);
	const digits = 8 + Math.floor(rnd() * 6);
	for (let i = 0; i < digits; i++) {
		cell += i === 0 ? pick(FIRST.split('')) : String(Math.floor(rnd() * 10));
		if (i < digits - 1) cell += rnd() < 0.03 ? pick(OTHER) : pick(BETWEEN);
	}
	return cell + (rnd() < 0.1 ? pick([' ', ')', '-', ' (дочь)']) : '') + odd();
}

describe('plainPhone (the commonest phone cell) against the reading before', () => {
	it('reads random cells as normalizeValue does, or leaves them to it', () => {
		const rnd = createRandom(20261208);
		let read = 0;
		const total = 120_000;
		for (let n = 0; n < total; n++) {
			const cell = randomCell(rnd);
			const fast = plainPhone(cell);
			if (fast === null) continue;
			read++;
			for (const code of CODES)
				expect([cell, code, fast]).toEqual([cell, code, before(cell, code)]);
		}
		// Enough of them read the fast way for the comparison to mean something.
		expect(read).toBeGreaterThan(total / 30);
	});

	it('reads the numbers of every form it takes, and no other', () => {
		const cells = [
			'8 911 234-56-78',
			'+7(911)2345678',
			'+7 911 234 56 78',
			'89112345678',
			'8(812)234-56-78',
			'+7 (812) 234-56-78',
			'79112345678',
			'+7-981-962-92-69',
			'(812) 234-56-78',
			'8124567890',
			'3012345678',
			// Not read: the general way says what they are.
			'7891234567',
			'8812345678',
			'+8 911 234-56-78',
			'+79112345678 ',
			' 89112345678',
			'+ 79112345678',
			'89112345678.0',
			'8911234567.0',
			'8 911 234-56-7,00',
			'8.911.234.56.78',
			'8 911 234-56-78 (дочь)',
			'8 911 234-56-78, 8 812 234-56-78',
			'234-56-78',
			'8 234-56-78',
			'+7 111 234-56-78',
			'6 911 234-56-78',
			'+7 911 234-56-7',
			'8 911 234-56-789',
			'008 911 234-56-78',
			'8 10 7 911 234 56 78'
		];
		for (const cell of cells) {
			const fast = plainPhone(cell);
			if (fast !== null)
				for (const code of CODES)
					expect([cell, code, fast]).toEqual([cell, code, before(cell, code)]);
		}
		expect(cells.slice(0, 11).map((cell) => plainPhone(cell) !== null)).toEqual(
			Array(11).fill(true)
		);
	});

	it('reads the phones of the bench’s list as before, nearly all of them the fast way', () => {
		const { rows } = generateRows({ rows: 20_000, seed: 7 });
		let read = 0;
		let filled = 0;
		for (const row of rows) {
			const cell = row[1];
			if (cell === '') continue;
			filled++;
			const fast = plainPhone(cell);
			if (fast === null) continue;
			read++;
			expect([cell, fast]).toEqual([cell, before(cell)]);
		}
		expect(read).toBeGreaterThan(filled * 0.7);
	});
});
