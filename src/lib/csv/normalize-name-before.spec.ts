import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../bench/data';
import { withoutHidden } from '../values/clean';
import { normalizeName } from './dedupe';
import { composedOracle, foldLookalikesOracle } from './lookalikes.testing';

/**
 * `normalizeName` as it was before 25efecf (names compared without a decoder call each), copied
 * verbatim from `git show 25efecf^:src/lib/csv/dedupe.ts`: the fast path must give, for any
 * name, exactly what it gave — a name normalised differently is a duplicate missed or a
 * resident merged with another. Since then one thing changed on purpose: Latin letters that look
 * like Cyrillic ones are read as those in Russian text (`Иванoва` with a Latin `o`), so the name
 * goes through `foldLookalikesOracle` (written apart from `foldLookalikes`) before the old code.
 */
function normalizeNameNow(name: string): string {
	return normalizeNameBefore(foldLookalikesOracle(composedOracle(withoutHidden(name))));
}

const NOT_NAME = /[^\p{L}\p{N}]+/gu;
const YO = /ё/g;
let nameBuffer = new Uint16Array(256);
const UTF16 = new TextDecoder('utf-16le');
function normalizeNameBefore(name: string): string {
	if (nameBuffer.length < name.length) nameBuffer = new Uint16Array(name.length * 2);
	const out = nameBuffer;
	let n = 0;
	let space = false;
	for (let i = 0; i < name.length; i++) {
		const c = nameCode(name.charCodeAt(i));
		if (c === OTHER) return normalizeAnyName(name.toLowerCase());
		if (c === HIDDEN) continue;
		if (c === SEPARATOR) space = n > 0;
		else {
			if (space) out[n++] = 0x20;
			space = false;
			out[n++] = c;
		}
	}
	return n === 0 ? '' : UTF16.decode(out.subarray(0, n));
}
const SEPARATOR = -1;
const OTHER = -2;
const HIDDEN = -3;
function nameCode(c: number): number {
	if (c >= 0x430 && c <= 0x44f) return c;
	if (c >= 0x410 && c <= 0x42f) return c + 0x20;
	if (c === 0x451 || c === 0x401) return 0x435;
	if (c === 0x450 || c === 0x400) return 0x450;
	if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) return c;
	if (c >= 0x41 && c <= 0x5a) return c + 0x20;
	if (c < 0x20 ? c !== 9 && c !== 10 && c !== 13 && c !== 11 && c !== 12 : c === 0x7f)
		return HIDDEN;
	return c < 0x80 ? SEPARATOR : OTHER;
}
function normalizeAnyName(lower: string): string {
	return withoutHidden(lower).replace(YO, 'е').replace(NOT_NAME, ' ').trim();
}

/** Pieces of names as lists really have them, and the odd ones a file brings. */
const PIECES = [
	'Иванова',
	'АННА',
	'петровна',
	'Ёлкина',
	'СЕМЁН',
	'Smith',
	'O',
	'Я',
	'1941',
	'kB2',
	// Latin lookalikes of Cyrillic letters (А, В, Е, К, М, Н, О, Р, С, Т, Х; а, е, о, р, с, у, х)
	'AВEKMHOPCTX',
	'aеopcyx',
	'Петрова',
	'Ꙋ',
	'İstanbul', // İ lower-cases to two units
	'ΣΟΦΙΑ', // final sigma
	'ÉMILE',
	'Straße',
	'Ґанна',
	'Її',
	'Ѐ',
	'ѐ',
	'Ё',
	'ё',
	'е\u0308', // е with a combining diaeresis
	'И\u0306',
	'\u0301',
	'ǅ',
	'ﬁ'
];
const ODD = [
	' ',
	'  ',
	'\t',
	'\n',
	'\r\n',
	'\u00a0',
	'\u2009',
	'\u3000',
	'\u200b',
	'\u200e',
	'\u202e',
	'\ufeff',
	'\u00ad',
	'-',
	'—',
	'.',
	',',
	'\u0000',
	'\u0001',
	'\u007f',
	'\u0085',
	'😀',
	'\ud83d', // lone halves of an emoji
	'\ude00',
	'𝐀', // a letter outside the BMP
	'\uffff'
];

describe('normalizeName against the function before 25efecf, look-alikes folded', () => {
	it('gives the same for names with odd characters anywhere (property)', () => {
		const random = createRandom(4242);
		const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
		for (let n = 0; n < 50_000; n++) {
			const parts: string[] = [];
			const count = Math.floor(random() * 5);
			for (let i = 0; i < count; i++) {
				parts.push(random() < 0.7 ? pick(PIECES.slice(0, 10)) : pick(PIECES));
				if (i + 1 < count) parts.push(random() < 0.8 ? ' ' : pick(ODD));
			}
			if (random() < 0.2) parts.unshift(pick(ODD));
			if (random() < 0.2) parts.push(pick(ODD));
			const name = parts.join('');
			expect(normalizeName(name), JSON.stringify(name)).toBe(normalizeNameNow(name));
		}
	});

	it('gives the same for every single UTF-16 unit, alone and inside a name', () => {
		const differ: string[] = [];
		for (let c = 0; c < 0x10000; c++) {
			const ch = String.fromCharCode(c);
			for (const name of [ch, `Анна${ch}`, `${ch}Анна`, `Иванова ${ch} Анна`, `Ab${ch}cD`])
				if (normalizeName(name) !== normalizeNameNow(name)) differ.push(JSON.stringify(name));
		}
		expect(differ).toEqual([]);
	});

	it('gives the same for long names, around the 1,024 codes read with fromCharCode', () => {
		for (const length of [1, 511, 1023, 1024, 1025, 1026, 2048, 5000, 70_000]) {
			for (const name of [
				'Ё'.repeat(length),
				'Анна '.repeat(length).slice(0, length),
				'ab-'.repeat(length).slice(0, length),
				'Я'.repeat(length) + '.',
				' '.repeat(length) + 'Ж'
			])
				expect(normalizeName(name), `${name.slice(0, 8)}… ${name.length}`).toBe(
					normalizeNameNow(name)
				);
		}
	});
});
