import { describe, expect, it } from 'vitest';
import { decodeRows, encodeChunk, encodeChunkView, SINGLE_BYTE } from './chunk-codec';
import { seededRandom } from './testing';

/**
 * The chunk writer as it was before 426d787 and 6a6055b (each row read as one string; one table
 * look-up a character), copied from `git show 426d787^:src/lib/model/chunk-codec.ts` with its own
 * buffer: the new writer must give the same bytes for any rows `cleanRows` lets through (a
 * `width` of strings each) and for rows with more cells, whatever the buffer's growth.
 */
const before = (() => {
	const RS = 0x1e;
	const US = 0x1f;
	const ESC = 0x1b;
	const utf8 = new TextEncoder();
	let buffer: Uint8Array<ArrayBuffer> = new Uint8Array(1 << 16);
	function grow(used: number, needed: number): Uint8Array<ArrayBuffer> {
		const next = new Uint8Array(Math.max(buffer.length * 2, used + needed));
		next.set(buffer.subarray(0, used));
		buffer = next;
		return next;
	}
	const CP1251_HIGH = [
		0x402, 0x403, 0x201a, 0x453, 0x201e, 0x2026, 0x2020, 0x2021, 0x20ac, 0x2030, 0x409, 0x2039,
		0x40a, 0x40c, 0x40b, 0x40f, 0x452, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x98,
		0x2122, 0x459, 0x203a, 0x45a, 0x45c, 0x45b, 0x45f, 0xa0, 0x40e, 0x45e, 0x408, 0xa4, 0x490, 0xa6,
		0xa7, 0x401, 0xa9, 0x404, 0xab, 0xac, 0xad, 0xae, 0x407, 0xb0, 0xb1, 0x406, 0x456, 0x491, 0xb5,
		0xb6, 0xb7, 0x451, 0x2116, 0x454, 0xbb, 0x458, 0x405, 0x455, 0x457
	];
	const CP1251 = new Uint8Array(0x10000);
	CP1251_HIGH.forEach((unit, i) => (CP1251[unit] = 0x80 + i));
	for (let unit = 0x410; unit < 0x450; unit++) CP1251[unit] = 0xc0 + unit - 0x410;
	function writeHeader(header: unknown[], first: number): number {
		const head = utf8.encode(JSON.stringify(header));
		if (buffer.length < first + head.length + 1) grow(first, head.length + 1);
		buffer.set(head, first);
		buffer[first + head.length] = 0x0a;
		return first + head.length + 1;
	}
	function writeSingleByte(header: unknown[], rows: string[][], width: number): number {
		buffer[0] = 0x01;
		let n = writeHeader(header, 1);
		let out = buffer;
		for (let r = 0; r < rows.length; r++) {
			if (r > 0) out[n++] = RS;
			const row = rows[r];
			for (let c = 0; c < width; c++) {
				const cell = row[c];
				if (n + cell.length * 2 + 2 > out.length) out = grow(n, cell.length * 2 + 2);
				if (c > 0) out[n++] = US;
				for (let i = 0; i < cell.length; i++) {
					const ch = cell.charCodeAt(i);
					if (ch < 0x80) {
						if (ch === RS || ch === US || ch === ESC) {
							out[n++] = ESC;
							out[n++] = ch ^ 0x40;
						} else out[n++] = ch;
					} else {
						const byte = CP1251[ch];
						if (byte === 0) return -1;
						out[n++] = byte;
					}
				}
			}
		}
		return n;
	}
	function writeUtf8(header: unknown[], rows: string[][], width: number): number {
		let n = writeHeader(header, 0);
		let out = buffer;
		for (let r = 0; r < rows.length; r++) {
			if (r > 0) out[n++] = RS;
			const row = rows[r];
			for (let c = 0; c < width; c++) {
				const cell = row[c];
				if (n + cell.length * 3 + 2 > out.length) out = grow(n, cell.length * 3 + 2);
				if (c > 0) out[n++] = US;
				for (let i = 0; i < cell.length; i++) {
					const ch = cell.charCodeAt(i);
					if (ch < 0x80) {
						if (ch === RS || ch === US || ch === ESC) {
							out[n++] = ESC;
							out[n++] = ch ^ 0x40;
						} else out[n++] = ch;
					} else if (ch < 0x800) {
						out[n++] = 0xc0 | (ch >> 6);
						out[n++] = 0x80 | (ch & 0x3f);
					} else if (ch < 0xd800 || ch > 0xdfff) {
						out[n++] = 0xe0 | (ch >> 12);
						out[n++] = 0x80 | ((ch >> 6) & 0x3f);
						out[n++] = 0x80 | (ch & 0x3f);
					} else {
						const low = i + 1 < cell.length ? cell.charCodeAt(i + 1) : 0;
						if (ch < 0xdc00 && low >= 0xdc00 && low <= 0xdfff) {
							const code = ((ch - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
							i++;
							out[n++] = 0xf0 | (code >> 18);
							out[n++] = 0x80 | ((code >> 12) & 0x3f);
							out[n++] = 0x80 | ((code >> 6) & 0x3f);
							out[n++] = 0x80 | (code & 0x3f);
						} else {
							out[n++] = 0xef;
							out[n++] = 0xbf;
							out[n++] = 0xbd;
						}
					}
				}
			}
		}
		return n;
	}
	return (header: unknown[], rows: string[][], width: number): Uint8Array => {
		const n = writeSingleByte(header, rows, width);
		const end = n >= 0 ? n : writeUtf8(header, rows, width);
		return buffer.slice(0, end);
	};
})();

/** Characters where the writers' paths part: Russian, ASCII, the escapes, NUL, outside 1251. */
const UNITS = [
	'а',
	'Ж',
	'ё',
	'Ё',
	'№',
	'z',
	' ',
	'1',
	'\u0000',
	'\u001e',
	'\u001f',
	'\u001b',
	'\u007f',
	'\u0098',
	'\u0081',
	'\u00a0',
	'é',
	'Ѐ',
	'€',
	'😀',
	'\ud83d',
	'\ude00',
	'\ufffd'
];

function randomRows(random: () => number, width: number, count: number, long: boolean) {
	// Mostly Windows-1251 text; one chunk in three has one character outside it somewhere.
	const outside = random() < 0.35;
	const cell = () => {
		const length =
			long && random() < 0.05 ? 20_000 + Math.floor(random() * 30_000) : Math.floor(random() * 14);
		let s = '';
		for (let i = 0; i < length; i++) s += UNITS[Math.floor(random() * (outside ? 23 : 17))];
		return random() < 0.1 ? '' : s;
	};
	return Array.from({ length: count }, () => {
		const row = Array.from({ length: width }, cell);
		// Rows with more cells than `width` (the writer reads the first `width`).
		if (random() < 0.1) row.push(cell(), 'лишняя');
		return row;
	});
}

/** Where two byte strings first differ (-1 when equal): `toEqual` on megabytes is too slow. */
function firstDifference(a: Uint8Array, b: Uint8Array): number {
	const length = Math.min(a.length, b.length);
	for (let i = 0; i < length; i++) if (a[i] !== b[i]) return i;
	return a.length === b.length ? -1 : length;
}

describe('the chunk writer against the one before 426d787/6a6055b', () => {
	it('gives the same bytes for any rows, the buffer grown or not (property)', () => {
		const random = seededRandom(19411);
		for (let run = 0; run < 400; run++) {
			const width = Math.floor(random() * 6);
			const count = Math.floor(random() * 30);
			const rows = randomRows(random, width, count, run % 4 === 0);
			const header = ['a0', count, Array.from({ length: width }, (_, i) => `c${i}`)];
			expect(
				firstDifference(encodeChunk(header, rows, width), before(header, rows, width)),
				`run ${run}`
			).toBe(-1);
		}
	});

	it('gives the same bytes for cells that fill the buffer exactly, and a character outside 1251 at the end', () => {
		const header = ['a0', 1, ['x', 'y']];
		for (const size of [(1 << 15) - 40, (1 << 16) - 40, 1 << 17]) {
			for (const shift of [-1, 0, 1]) {
				const big = 'Ж'.repeat(size + shift);
				for (const rows of [
					[[big, '']],
					[['', big]],
					[[big, big + '😀']],
					[['\u001e'.repeat(size + shift), 'а']],
					[
						['а', 'б'],
						[big, '\ud83d']
					]
				])
					expect(
						firstDifference(encodeChunk(header, rows, 2), before(header, rows, 2)),
						`${size}+${shift}`
					).toBe(-1);
			}
		}
	});

	it('gives the same bytes for cells of escapes only (two bytes a character), each far longer than the buffer', () => {
		// Each four times the one before: more than the buffer's doubling gives, so only a
		// reservation of two bytes a character keeps every byte (a typed array drops the others).
		const header = ['a0', 2, ['x', 'y']];
		for (const size of [1 << 16, 1 << 18, 1 << 20, 1 << 22]) {
			const rows = [
				['а', 'б'],
				['\u001f'.repeat(size), 'ё\u001b']
			];
			expect(
				firstDifference(encodeChunk(header, rows, 2), before(header, rows, 2)),
				`${size}`
			).toBe(-1);
		}
	});

	it('gives, for each chunk of a slice written one after another as views, the same bytes', () => {
		// As `stageRows` writes a slice: each chunk at the end of the one before, all of them
		// still whole when the slice's last chunk is written (growing the buffer or not).
		const random = seededRandom(7070);
		for (let slice = 0; slice < 60; slice++) {
			const width = 1 + Math.floor(random() * 4);
			const written: { view: Uint8Array; expected: Uint8Array }[] = [];
			let end = 0;
			for (let chunk = 0; chunk < 8; chunk++) {
				const count = 1 + Math.floor(random() * 20);
				const rows = randomRows(random, width, count, slice % 3 === 0);
				const header = ['a' + chunk, count, Array.from({ length: width }, (_, i) => `c${i}`)];
				const view = encodeChunkView(header, rows, width, end);
				end = view.byteOffset + view.length;
				written.push({ view, expected: before(header, rows, width) });
			}
			for (const [i, { view, expected }] of written.entries())
				expect(firstDifference(view, expected), `slice ${slice} chunk ${i}`).toBe(-1);
		}
	});

	it('gives the same bytes for chunks of thousands of rows, cells of every make', () => {
		// The writer reads each cell through `String.prototype.charCodeAt.call`: cells of this
		// many makes are what made `cell.charCodeAt` slow there. The cells come as the import's
		// do: pieces of one text (sliced strings), strings joined piece by piece, one-byte and
		// two-byte ones; a US, RS or ESC in a cell is escaped, a character outside 1251 anywhere
		// makes the chunk UTF-8.
		const random = seededRandom(20261207);
		const text = Array.from({ length: 4000 }, () => UNITS[Math.floor(random() * 8)]).join('');
		const words = [
			'Иванова',
			'Анна',
			'+7 (812) 555-12-34',
			'ул. Садовая, д. 5',
			'1958-09-09',
			'2',
			''
		];
		let outside = false;
		const cell = (odd: number): string => {
			const pick = random();
			if (pick < 0.3) {
				const at = Math.floor(random() * 3900);
				return text.slice(at, at + Math.floor(random() * 40));
			}
			if (pick < 0.6) return words[Math.floor(random() * words.length)];
			if (pick < 0.9) {
				let s = '';
				for (let i = Math.floor(random() * 4); i > 0; i--)
					s += words[Math.floor(random() * 6)] + ' ';
				return s;
			}
			// NUL, RS, US, ESC, U+007F, U+0098, U+0081, U+00A0 (all in 1251), then those outside it.
			return random() < odd
				? UNITS[8 + Math.floor(random() * (outside ? 15 : 8))]
				: String(Math.floor(random() * 1e6));
		};
		for (let run = 0; run < 40; run++) {
			const width = 1 + Math.floor(random() * 12);
			const count = 1 + Math.floor(random() * 3000);
			const odd = [0, 0.002, 0.05, 0.001][run % 4];
			outside = run % 4 === 3;
			const rows = Array.from({ length: count }, () =>
				Array.from({ length: width }, () => cell(odd))
			);
			const header = ['a0', count, Array.from({ length: width }, (_, i) => `c${i}`)];
			expect(
				firstDifference(encodeChunk(header, rows, width), before(header, rows, width)),
				`run ${run}`
			).toBe(-1);
			// As `stageRows` writes the import worker's: a view of the buffer, from a chunk's end.
			const view = encodeChunkView(header, rows, width, 1000 + run);
			expect(firstDifference(view, before(header, rows, width)), `view ${run}`).toBe(-1);
		}
	});

	it('gives the same bytes for separators, escapes and widths, and for a chunk going UTF-8 midway (found in review of 9a4fbc0)', () => {
		// A US of a cell's own, alone or beside escapes and NUL; a width of 1 (every row one cell)
		// and 0; empty rows; a chunk going UTF-8 in its first, a middle or its last row (an emoji,
		// a lone surrogate, a pair cut by a cell's or a row's end) after rows in Windows-1251
		// that grew the buffer; all as views one after another. Each is decoded back too.
		const big = (unit: string, length: number) => unit.repeat(length);
		const filler = (count: number, width: number, cell: string) =>
			Array.from({ length: count }, () => Array.from({ length: width }, () => cell));
		const half = big('Ж', 4096);
		const cases: [string, string[][], number][] = [
			['no rows', [], 3],
			['width 0', filler(5, 0, ''), 0],
			['width 0, cells beyond it', filler(3, 2, 'а'), 0],
			['one cell', [['а\x1fб']], 1],
			['one empty cell', [['']], 1],
			['width 1, separators and escapes', [['\x1f'], [''], ['\x1e'], ['\x1b'], ['\x00'], ['']], 1],
			['width 1, empty rows', filler(40, 1, ''), 1],
			['empty rows', filler(40, 3, ''), 3],
			[
				'cells ending in ESC, starting with US',
				[
					['а\x1b', '\x1fб', '\x1b'],
					['\x1e', '', '\x1b\x1b']
				],
				3
			],
			['UTF-8 in the last row after rows in 1251', [...filler(12, 2, half), ['а', 'б😀']], 2],
			['UTF-8 in the first row, rows in 1251 after it', [['😀', 'а'], ...filler(9, 2, half)], 2],
			[
				'a lone surrogate in a middle row',
				[...filler(4, 2, half), ['\ude00', 'б'], ...filler(4, 2, half)],
				2
			],
			['a lone surrogate after rows in 1251', [...filler(6, 2, half), ['\ud83d', '\x1f']], 2],
			["a pair cut by a cell's end", [...filler(4, 2, half), ['а\ud83d', '\ude00б']], 2],
			[
				"a pair cut by a row's end",
				[
					[half, half],
					[half, half + '\ud83d'],
					['\ude00', 'б']
				],
				2
			],
			[
				'UTF-8 with a US of its own',
				[
					[half, half],
					['€\x1f', '\x1e\x1b\x00']
				],
				2
			],
			[
				'rows with cells beyond the width',
				[
					[half, half, '\x1f'],
					['а', 'б', '😀'],
					['в', 'г']
				],
				2
			]
		];
		const asUtf8 = (cell: string) => new TextDecoder().decode(new TextEncoder().encode(cell));
		const headers = cases.map(([, rows, width]) => [
			'a0',
			rows.length,
			Array.from({ length: width }, (_, i) => `c${i}`)
		]);
		const expected = cases.map(([, rows, width], i) => before(headers[i], rows, width));
		for (const [i, [name, rows, width]] of cases.entries()) {
			const bytes = encodeChunk(headers[i], rows, width);
			expect(firstDifference(bytes, expected[i]), name).toBe(-1);
			const single = bytes[0] === SINGLE_BYTE;
			const cells = rows.map((row) => row.slice(0, width).map(single ? (c) => c : asUtf8));
			expect(decodeRows(bytes, rows.length, width), name).toEqual(cells);
		}
		// As `stageRows` writes a slice: views one after another (no other chunk written between).
		let end = 0;
		const views = cases.map(([, rows, width], i) => {
			const view = encodeChunkView(headers[i], rows, width, end);
			end = view.byteOffset + view.length;
			return view;
		});
		for (const [i, view] of views.entries())
			expect(firstDifference(view, expected[i]), `view: ${cases[i][0]}`).toBe(-1);
	});

	it('throws on a hole or a null in any row, as before', () => {
		const header = ['a0', 4, ['x', 'y']];
		for (const hole of [undefined, null] as unknown as string[])
			for (const at of [0, 3]) {
				// In the first row, or in the last (after rows written).
				const rows = [
					['Ж'.repeat(4096), 'а'],
					['б', 'в'],
					['г', 'д'],
					['е', 'ё']
				];
				rows[at][1] = hole;
				expect(() => before(header, rows, 2)).toThrow(TypeError);
				expect(() => encodeChunk(header, rows, 2), `${hole} in row ${at}`).toThrow(TypeError);
			}
	});

	it('throws on a hole in a row, as before (rows reach it through cleanRows, never with one)', () => {
		const holey = [['а', undefined as unknown as string, 'б']];
		expect(() => before(['a0', 1, ['x', 'y', 'z']], holey, 3)).toThrow(TypeError);
		expect(() => encodeChunk(['a0', 1, ['x', 'y', 'z']], holey, 3)).toThrow(TypeError);
	});
});
