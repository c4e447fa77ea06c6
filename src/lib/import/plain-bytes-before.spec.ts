/**
 * The oracle of `plainBytes` and of `analyzeImport`'s `plain`: what the analysis did before for
 * every cell, `withoutHidden` and `withPlainSpaces` one by one, read here on the whole decoded
 * text — `plainBytes` must say "plain" exactly when neither would change it; and the analysis
 * told the file is plain must be the whole same as the analysis that looks through each cell.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createRandom, generateCallListCsv } from '../../../bench/data';
import { autoMap, decodeCsvBytes, encodeWindows1251, parseCsv } from '../csv';
import { Sheet } from '../model/sheet';
import { templateColumns } from '../model/templates';
import { withPlainSpaces, withoutHidden } from '../values';
import { analyzeImport } from './plan';
import { plainBytes } from './plain-bytes';
import { targetsOf } from './testing';

/** The analysis before: a cell is plain when neither changes it. */
function plainBefore(text: string): boolean {
	return withoutHidden(text) === text && withPlainSpaces(text) === text;
}

/** Every character either test looks for, and their neighbours that are none. */
const UNPLAIN = [
	...Array.from({ length: 32 }, (_, c) => String.fromCharCode(c)),
	'\x7f',
	'\u0080',
	'\u009a',
	'\u00a0',
	'\u00ad',
	'\u00ae',
	'\u1680',
	'\u167f',
	...Array.from({ length: 0x30 }, (_, i) => String.fromCharCode(0x2000 + i)),
	...Array.from({ length: 0x10 }, (_, i) => String.fromCharCode(0x205c + i)),
	'\u3000',
	'\u3001',
	'\ufeff',
	'\ufefe',
	'\u200d'
];
/** What a list holds: letters, digits, punctuation, «», №, dashes, Ё, an emoji, Latin. */
const PLAIN = [
	...'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя',
	...'ABCxyz0123456789 .,;:-()/"\'+=',
	'«',
	'»',
	'№',
	'—',
	'–',
	'…',
	'€',
	'ї',
	'é',
	'ß',
	'😀',
	'\r\n',
	'\n',
	'\t'
];

function text(random: () => number, length: number, unplainChance: number): string {
	let out = '';
	for (let i = 0; i < length; i++) {
		const pool = random() < unplainChance ? UNPLAIN : PLAIN;
		out += pool[Math.floor(random() * pool.length)];
	}
	return out;
}

/** KOI8-R bytes of `text`, from the decoder's own table (`?` for a character it has not). */
function encodeKoi8r(value: string): Uint8Array {
	const decoder = new TextDecoder('koi8-r');
	const byChar = new Map<string, number>();
	for (let b = 255; b >= 0; b--) byChar.set(decoder.decode(Uint8Array.of(b)), b);
	return Uint8Array.from([...value].map((c) => byChar.get(c) ?? 0x3f));
}

/** `bytes` at `offset` bytes into a buffer of their own: the word-aligned reads start elsewhere. */
function at(bytes: Uint8Array, offset: number): Uint8Array {
	const buffer = new Uint8Array(bytes.length + offset + 3);
	buffer.set(bytes, offset);
	return buffer.subarray(offset, offset + bytes.length);
}

describe('plainBytes against withoutHidden and withPlainSpaces on the decoded text (oracle)', () => {
	it('says plain exactly when the text has no hidden character and no odd space', () => {
		const random = createRandom(20261207);
		const counts = { plain: 0, unplain: 0 };
		for (let round = 0; round < 6000; round++) {
			const length = 1 + Math.floor(random() * 40);
			// Most texts plain or with one such character, anywhere (the word edges included).
			const chance = [0, 0, 0.02, 0.05, 0.3][round % 5];
			const value = text(random, length, chance);
			const utf8 = new TextEncoder().encode(value);
			const files: [Uint8Array, Parameters<typeof decodeCsvBytes>[1]][] = [
				[utf8, undefined],
				[utf8, 'utf-8'],
				[Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8]), undefined],
				[encodeWindows1251(value).bytes, 'windows-1251'],
				[encodeKoi8r(value), 'koi8-r']
			];
			for (const [bytes, override] of files) {
				const file = at(bytes, round % 7);
				const decoded = decodeCsvBytes(file, override);
				const expected = plainBefore(decoded.text);
				const got = plainBytes(file, decoded);
				// UTF-16 and files of two encodings are not read this way: "not plain", never wrong.
				if (got || expected !== got)
					expect(
						got,
						`round ${round} ${decoded.encoding} ${JSON.stringify(decoded.text)} bytes ${[...file].map((b) => b.toString(16)).join(' ')}`
					).toBe(decoded.encoding.startsWith('utf-16') || decoded.utf8Lines ? false : expected);
				counts[got ? 'plain' : 'unplain']++;
			}
		}
		// Both answers given often: the test compares something.
		expect(counts.plain).toBeGreaterThan(5000);
		expect(counts.unplain).toBeGreaterThan(5000);
	});

	it('finds the one such character of a long file wherever it stands', () => {
		const base = generateCallListCsv({ rows: 200, seed: 7 });
		const cp1251 = encodeWindows1251(base).bytes;
		const utf8 = new TextEncoder().encode(base);
		expect(plainBytes(cp1251, decodeCsvBytes(cp1251))).toBe(true);
		expect(plainBytes(utf8, decodeCsvBytes(utf8))).toBe(true);
		const random = createRandom(5);
		for (let round = 0; round < 300; round++) {
			const odd = UNPLAIN.filter((c) => !plainBefore(c) && c !== '\r' && c !== '\n' && c !== '\t');
			const c = odd[Math.floor(random() * odd.length)];
			const i = Math.floor(random() * base.length);
			const value = base.slice(0, i) + c + base.slice(i);
			for (const bytes of [new TextEncoder().encode(value), encodeWindows1251(value).bytes]) {
				const decoded = decodeCsvBytes(bytes);
				expect(plainBytes(bytes, decoded), `${JSON.stringify(c)} at ${i}`).toBe(
					plainBefore(decoded.text)
				);
			}
		}
	});
});

describe('analyzeImport told the file is plain (oracle: each cell looked through)', () => {
	it('gives the whole same analysis on plain generated call lists', () => {
		const sheet = new Sheet(new Y.Doc());
		sheet.addColumns(templateColumns('callList', 'ru'));
		const columns = sheet.columns();
		for (let seed = 1; seed <= 12; seed++) {
			const bytes = encodeWindows1251(generateCallListCsv({ rows: 400, seed })).bytes;
			const decoded = decodeCsvBytes(bytes);
			expect(plainBytes(bytes, decoded)).toBe(true);
			const parsed = parseCsv(decoded.text);
			const targets = targetsOf(
				autoMap(parsed.header ?? [], columns, { rows: parsed.rows }),
				columns
			);
			const options = { parsed, existing: [], targetSheetId: 't' };
			const before = analyzeImport({ ...options, targets: structuredClone(targets) });
			const after = analyzeImport({ ...options, targets: structuredClone(targets), plain: true });
			expect(after, `seed ${seed}`).toEqual(before);
			expect(before.flaggedCount).toBeGreaterThan(0);
		}
	});
});
