/**
 * Whether a decoded file's text is plain: no character `withoutHidden` takes out (control
 * characters, zero-width and bidirectional marks, the soft hyphen, the byte-order mark) and no
 * odd space `withPlainSpaces` makes ordinary (no-break, thin, ideographic…). Then none of its
 * cells has one, and the import's analysis does not look through 900,000 cells for them
 * (`AnalyzeOptions.plain`). Read from the file's bytes, where each such character has bytes of
 * its own: in a single-byte encoding a byte (0xA0 and 0xAD in Windows-1251, 0x9A in KOI8-R),
 * in UTF-8 a sequence of two or three. Never "plain" when the text has one; now and then "not
 * plain" when it has none (a zero-width joiner inside an emoji, a leading BOM when UTF-8 is
 * forced): then the cells are read one by one.
 */
import type { CsvEncoding, DecodedCsv } from '../csv';
import { withPlainSpaces, withoutHidden } from '../values';

/** Whether a text of one character has a hidden character or an odd space. */
function unplain(text: string): boolean {
	return withoutHidden(text) !== text || withPlainSpaces(text) !== text;
}

/** For each byte of a single-byte encoding, whether it decodes to such a character. */
const singleByteTables = new Map<string, Uint8Array>();

function singleByteTable(label: 'windows-1251' | 'koi8-r'): Uint8Array {
	let table = singleByteTables.get(label);
	if (!table) {
		table = new Uint8Array(256);
		const decoder = new TextDecoder(label);
		for (let b = 0; b < 256; b++) table[b] = unplain(decoder.decode(Uint8Array.of(b))) ? 1 : 0;
		singleByteTables.set(label, table);
	}
	return table;
}

/** Whether `bytes[i]` is a continuation byte in `[low, high]`. */
function next(bytes: Uint8Array, i: number, low: number, high: number): boolean {
	return i < bytes.length && bytes[i] >= low && bytes[i] <= high;
}

/**
 * Whether UTF-8 `bytes` have at `i` a control byte or a sequence of the characters above: C2 A0,
 * C2 AD (U+00A0, U+00AD), E1 9A 80 (U+1680), E2 80 80–8F (U+2000–U+200F), E2 80 AA–AF
 * (U+202A–U+202F), E2 81 9F–A4 (U+205F–U+2064), E2 81 A6–A9 (U+2066–U+2069), E3 80 80 (U+3000),
 * EF BB BF (U+FEFF). Such a lead byte never continues another character, so the sequence is that
 * character wherever it stands.
 */
function utf8UnplainAt(bytes: Uint8Array, i: number): boolean {
	const b = bytes[i];
	if (b < 0x20) return b !== 0x09 && b !== 0x0a && b !== 0x0d;
	if (b === 0x7f) return true;
	if (b === 0xc2) return next(bytes, i + 1, 0xa0, 0xa0) || next(bytes, i + 1, 0xad, 0xad);
	if (b === 0xe1) return next(bytes, i + 1, 0x9a, 0x9a) && next(bytes, i + 2, 0x80, 0x80);
	if (b === 0xe2) {
		if (next(bytes, i + 1, 0x80, 0x80))
			return next(bytes, i + 2, 0x80, 0x8f) || next(bytes, i + 2, 0xaa, 0xaf);
		if (next(bytes, i + 1, 0x81, 0x81))
			return next(bytes, i + 2, 0x9f, 0xa4) || next(bytes, i + 2, 0xa6, 0xa9);
		return false;
	}
	if (b === 0xe3) return next(bytes, i + 1, 0x80, 0x80) && next(bytes, i + 2, 0x80, 0x80);
	if (b === 0xef) return next(bytes, i + 1, 0xbb, 0xbb) && next(bytes, i + 2, 0xbf, 0xbf);
	return false;
}

/*
 * Four bytes at a time (the bench's 18 MB file byte by byte took 50–230 ms in Node, four at a
 * time 14–63 ms, under load): a word is looked at byte by byte only when one of its bytes may be
 * such a byte, by the bit tests of «Bit Twiddling Hacks»: `(x - 0x20202020) & ~x & 0x80808080`
 * is not 0 when a byte is under 0x20, and `(y - 0x01010101) & ~y & 0x80808080`, for `y` the word
 * XOR a byte repeated, when a byte is that byte. Neither ever misses one. Line ends (under 0x20)
 * have about one word a line looked at.
 */

/** The bytes before `bytes`' first whole aligned word, and its words. */
function words(bytes: Uint8Array): { head: number; words: Int32Array } {
	const head = (4 - (bytes.byteOffset % 4)) % 4;
	if (bytes.length - head < 4) return { head: bytes.length, words: new Int32Array(0) };
	const count = (bytes.length - head) >> 2;
	return { head, words: new Int32Array(bytes.buffer, bytes.byteOffset + head, count) };
}

/** `byte` in each of a word's four bytes. */
function repeated(byte: number): number {
	return byte | (byte << 8) | (byte << 16) | (byte << 24) | 0;
}

/** Whether UTF-8 `bytes` from `start` have one of the sequences of `utf8UnplainAt`. */
function utf8Unplain(bytes: Uint8Array, start: number): boolean {
	const { head, words: all } = words(bytes);
	for (let i = start; i < head; i++) if (utf8UnplainAt(bytes, i)) return true;
	const del = repeated(0x7f);
	const c2 = repeated(0xc2); // with its last bit cleared: C2 and C3
	const e0 = repeated(0xe0); // with its last two bits cleared: E0–E3
	const ef = repeated(0xef);
	const notLast = repeated(0xfe);
	const notLastTwo = repeated(0xfc);
	for (let w = 0; w < all.length; w++) {
		const x = all[w];
		const y1 = x ^ del;
		const y2 = (x & notLast) ^ c2;
		const y3 = (x & notLastTwo) ^ e0;
		const y4 = x ^ ef;
		const found =
			((x - 0x20202020) & ~x) |
			((y1 - 0x01010101) & ~y1) |
			((y2 - 0x01010101) & ~y2) |
			((y3 - 0x01010101) & ~y3) |
			((y4 - 0x01010101) & ~y4);
		if ((found & 0x80808080) !== 0) {
			const at = head + (w << 2);
			for (let k = at < start ? start : at; k < at + 4; k++)
				if (utf8UnplainAt(bytes, k)) return true;
		}
	}
	for (let i = Math.max(start, head + (all.length << 2)); i < bytes.length; i++)
		if (utf8UnplainAt(bytes, i)) return true;
	return false;
}

/** Whether single-byte `bytes` have a byte marked in `table`. */
function singleByteUnplain(bytes: Uint8Array, table: Uint8Array): boolean {
	// The marked bytes from 0x20 up (0x7F, 0xA0, 0xAD in Windows-1251): each tested for.
	const high: number[] = [];
	for (let b = 0x20; b < 256; b++) if (table[b] === 1) high.push(b);
	const { head, words: all } = words(bytes);
	for (let i = 0; i < head; i++) if (table[bytes[i]] === 1) return true;
	if (high.length <= 3) {
		// Missing ones as the first (or DEL): testing for a byte twice finds nothing more.
		const a = repeated(high[0] ?? 0x7f);
		const b = repeated(high[1] ?? high[0] ?? 0x7f);
		const c = repeated(high[2] ?? high[0] ?? 0x7f);
		for (let w = 0; w < all.length; w++) {
			const x = all[w];
			const y1 = x ^ a;
			const y2 = x ^ b;
			const y3 = x ^ c;
			const found =
				((x - 0x20202020) & ~x) |
				((y1 - 0x01010101) & ~y1) |
				((y2 - 0x01010101) & ~y2) |
				((y3 - 0x01010101) & ~y3);
			if ((found & 0x80808080) !== 0) {
				const at = head + (w << 2);
				for (let k = at; k < at + 4; k++) if (table[bytes[k]] === 1) return true;
			}
		}
	} else {
		for (let i = head; i < head + (all.length << 2); i++) if (table[bytes[i]] === 1) return true;
	}
	for (let i = head + (all.length << 2); i < bytes.length; i++)
		if (table[bytes[i]] === 1) return true;
	return false;
}

/**
 * Whether the text `decodeCsvBytes` made of `bytes` (`decoded`, without its text) is plain, as
 * above. False for what it does not read this way: UTF-16, and a file of two encodings
 * (`utf8Lines`).
 */
export function plainBytes(
	bytes: Uint8Array,
	decoded: { encoding: CsvEncoding; utf8Lines?: DecodedCsv['utf8Lines'] }
): boolean {
	if (decoded.utf8Lines) return false;
	switch (decoded.encoding) {
		case 'windows-1251':
		case 'koi8-r':
			return !singleByteUnplain(bytes, singleByteTable(decoded.encoding));
		case 'utf-8':
			return !utf8Unplain(bytes, 0);
		case 'utf-8-bom':
			// Its byte-order mark is no part of the text.
			return !utf8Unplain(bytes, 3);
		default:
			return false;
	}
}
