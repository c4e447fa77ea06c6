/**
 * Bytes of a CSV file → text, with the encoding a Russian office file really has.
 *
 * Excel in a Russian locale saves "CSV (разделители — запятые)" in Windows-1251 and
 * "CSV UTF-8" with a byte order mark; Google Sheets and LibreOffice save plain UTF-8; Excel's
 * "Текст Юникод" is UTF-16 LE with a BOM. We decode the whole file at once (never in chunks:
 * PapaParse's chunked file reading splits UTF-8 sequences, papaparse #751/#1132):
 *
 * 1. a BOM decides (UTF-8, UTF-16 LE/BE) — except a UTF-8 BOM before bytes that are mostly
 *    no UTF-8: Windows-1251 with a BOM a tool glued on;
 * 2. else strict UTF-8 (`fatal: true`): real Windows-1251 Russian text is never valid UTF-8,
 *    because two Cyrillic letters in a row (bytes 0xC0–0xFF) never form a UTF-8 sequence;
 * 3. else Windows-1251 (every byte maps to a character, so this cannot fail) — or KOI8-R, when
 *    the letters read so are Russian and read as Windows-1251 are not (`likelyKoi8r`): both put
 *    the Russian letters in bytes 0xC0–0xFF, in another order.
 *
 * UTF-16 without a BOM (some programs write it so) is told by its bytes (`bomlessUtf16`):
 * every other byte of it is zero, which step 2 read as valid UTF-8, letters between NULs. The
 * coordinator can also choose UTF-16 LE or BE by hand when a guess is wrong.
 *
 * `TextDecoder('windows-1251')` is part of the WHATWG Encoding standard: every browser has it,
 * and so does Node 20 built with full ICU (the official builds).
 */

export type CsvEncoding =
	'utf-8' | 'utf-8-bom' | 'windows-1251' | 'koi8-r' | 'utf-16le' | 'utf-16be';
/** What a coordinator may pick by hand when the guess is wrong. */
export type EncodingOverride = 'utf-8' | 'windows-1251' | 'koi8-r' | 'utf-16le' | 'utf-16be';

export interface DecodedCsv {
	text: string;
	encoding: CsvEncoding;
	/**
	 * Lines read as UTF-8 in a file whose other lines are `encoding` (Windows-1251 or KOI8-R):
	 * two files joined as bytes (`utf8Lines`). Absent when the file is read whole in one.
	 */
	utf8Lines?: number;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;
const UTF16LE_BOM = [0xff, 0xfe] as const;
const UTF16BE_BOM = [0xfe, 0xff] as const;
/** Replaces every byte that Windows-1251 cannot encode. */
export const UNMAPPABLE_REPLACEMENT = '?';

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
	if (bytes.length < prefix.length) return false;
	for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
	return true;
}

/** `ignoreBOM: true` keeps a BOM we did not strip ourselves visible instead of eating it. */
function decode(label: string, bytes: Uint8Array, fatal = false): string {
	return new TextDecoder(label, { fatal, ignoreBOM: true }).decode(bytes);
}

/**
 * Whether the file's start looks like UTF-16 written without a BOM: the high byte of nearly
 * every character is 0x00 (Latin letters, digits, `;`, tabs, line ends) or 0x04 (Cyrillic), and
 * the low byte is nearly never 0x00. Which byte order, or null.
 */
export function bomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
	const pairs = Math.floor(Math.min(bytes.length, SNIFF_BYTES) / 2);
	if (pairs < 2) return null;
	for (const [high, low, label] of [
		[1, 0, 'utf-16le'],
		[0, 1, 'utf-16be']
	] as const) {
		let highOther = 0;
		let highZero = 0;
		let lowZero = 0;
		let i = 0;
		// A byte order is out as soon as too many pairs say no, whatever the others say: a file
		// that is no UTF-16 is told so in its first few hundred bytes, not its first 64 KB (this
		// runs three times before a file is decoded; with notTextKind's count, 14 ms of the
		// import worker's decode step in a CPU profile).
		for (; i < pairs; i++) {
			const h = bytes[2 * i + high];
			if (h === 0) highZero++;
			else if (h !== 0x04 && (pairs - ++highOther) * 10 < pairs * 9) break;
			if (bytes[2 * i + low] === 0 && ++lowZero * 20 > pairs) break;
		}
		if (i === pairs && highZero > 0) return label;
	}
	return null;
}

/** What a file that is no text is, when it can be told: a workbook saved as is, a PDF. */
export type NotTextKind = 'xlsx' | 'xls' | 'pdf' | 'binary';

/** How much of the file's start is looked at for control bytes. */
const SNIFF_BYTES = 65_536;

/**
 * Null when `bytes` look like text; else what they are instead. An Excel workbook renamed or
 * picked by mistake (a zip, or the old OLE file), a PDF, or bytes with NULs and control
 * characters text never has. A UTF-16 file (with its BOM) is text.
 */
export function notTextKind(bytes: Uint8Array): NotTextKind | null {
	if (startsWith(bytes, UTF16LE_BOM) || startsWith(bytes, UTF16BE_BOM)) return null;
	if (bomlessUtf16(bytes)) return null;
	if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'xlsx';
	if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'xls';
	if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
	const end = Math.min(bytes.length, SNIFF_BYTES);
	let controls = 0;
	// Tab, line feed, form feed, carriage return and Ctrl+Z (an old end of file) are text.
	const isControl = (b: number) =>
		b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1a;
	// Byte by byte up to a 4-byte boundary of the buffer, then a word at a time: only a word
	// with a byte below 0x20 in it (a line break, mostly) is looked at byte by byte.
	let i = 0;
	while (i < end && (bytes.byteOffset + i) % 4 !== 0) if (isControl(bytes[i++])) controls++;
	const words = new Uint32Array(bytes.buffer, bytes.byteOffset + i, (end - i) >> 2);
	for (let w = 0; w < words.length; w++) {
		const x = words[w];
		if (((x - 0x20202020) & ~x & 0x80808080) === 0) continue;
		const base = i + w * 4;
		for (let k = base; k < base + 4; k++) if (isControl(bytes[k])) controls++;
	}
	for (let k = i + words.length * 4; k < end; k++) if (isControl(bytes[k])) controls++;
	// One stray control character in a big list is a typo in a cell; one in a hundred is not text.
	return controls > 0 && controls * 100 >= end ? 'binary' : null;
}

/**
 * The file without the zero bytes some programs pad its end with (they are no part of the list,
 * and made a small list pass for no text). UTF-16 is left as it is: its last character may end
 * in a zero byte (with or without a BOM).
 */
export function withoutZeroPadding(bytes: Uint8Array): Uint8Array {
	if (startsWith(bytes, UTF16LE_BOM) || startsWith(bytes, UTF16BE_BOM)) return bytes;
	if (bomlessUtf16(bytes)) return bytes;
	let end = bytes.length;
	while (end > 0 && bytes[end - 1] === 0) end--;
	return end === bytes.length ? bytes : bytes.subarray(0, end);
}

/** Whether at least half of the text's characters past ASCII are U+FFFD: no UTF-8 it is. */
function mostlyBroken(text: string): boolean {
	let other = 0;
	let broken = 0;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code < ASCII_END) continue;
		if (code === 0xfffd) broken++;
		else other++;
	}
	return broken > 0 && broken >= other;
}

/** Decode a CSV file; never throws. `override` forces an encoding (a BOM is still dropped). */
export function decodeCsvBytes(bytes: Uint8Array, override?: EncodingOverride): DecodedCsv {
	const hasUtf8Bom = startsWith(bytes, UTF8_BOM);
	if (override === 'utf-16le' || override === 'utf-16be') {
		// Its own BOM is dropped; a file without one is read from its first byte.
		const bom = override === 'utf-16le' ? UTF16LE_BOM : UTF16BE_BOM;
		const body = startsWith(bytes, bom) ? bytes.subarray(bom.length) : bytes;
		return { text: decode(override, body), encoding: override };
	}
	if (override === 'windows-1251' || override === 'koi8-r') {
		return {
			text: decode(override, hasUtf8Bom ? bytes.subarray(UTF8_BOM.length) : bytes),
			encoding: override
		};
	}
	if (hasUtf8Bom) {
		const body = bytes.subarray(UTF8_BOM.length);
		const text = decode('utf-8', body);
		// A Windows-1251 file a tool glued a UTF-8 BOM onto (found by exploration: every Russian
		// letter became «�») is Windows-1251: nearly every letter of it is a broken sequence. A
		// UTF-8 file with a broken byte or two (cut short) stays UTF-8.
		if (override !== 'utf-8' && mostlyBroken(text)) {
			const single = likelyKoi8r(body) ? 'koi8-r' : 'windows-1251';
			return { text: decode(single, body), encoding: single };
		}
		return { text, encoding: 'utf-8-bom' };
	}
	if (override === 'utf-8') return { text: decode('utf-8', bytes), encoding: 'utf-8' };
	if (startsWith(bytes, UTF16LE_BOM)) {
		return { text: decode('utf-16le', bytes.subarray(UTF16LE_BOM.length)), encoding: 'utf-16le' };
	}
	if (startsWith(bytes, UTF16BE_BOM)) {
		return { text: decode('utf-16be', bytes.subarray(UTF16BE_BOM.length)), encoding: 'utf-16be' };
	}
	const utf16 = bomlessUtf16(bytes);
	if (utf16) return { text: decode(utf16, bytes), encoding: utf16 };
	try {
		return { text: decode('utf-8', bytes, true), encoding: 'utf-8' };
	} catch {
		const mixed = byLine(bytes);
		if (mixed) return mixed;
		const single = likelyKoi8r(bytes) ? 'koi8-r' : 'windows-1251';
		return { text: decode(single, bytes), encoding: single };
	}
}

const LF_BYTE = 0x0a;
/** The lead bytes of UTF-8's Cyrillic letters (U+0400–U+047F): «Р» and «С» in Windows-1251. */
const UTF8_CYRILLIC_LEADS = [0xd0, 0xd1] as const;

const isContinuation = (byte: number) => byte >= 0x80 && byte <= 0xbf;

const isUtf8CyrillicLead = (byte: number) =>
	byte === UTF8_CYRILLIC_LEADS[0] || byte === UTF8_CYRILLIC_LEADS[1];

/**
 * Whether the file has a UTF-8 Cyrillic letter anywhere (a lead byte, then a continuation byte).
 * Looked for from the continuation bytes, four at a time: in Windows-1251 text they are rare
 * (Ё, ё, №, «»), while the leads («Р», «С») start many words — an `indexOf` for each of those
 * was a quarter of the decoding of the bench's 18 MB file in the import worker.
 */
export function hasUtf8Cyrillic(bytes: Uint8Array): boolean {
	const end = bytes.length;
	const at = (i: number) => isContinuation(bytes[i]) && i > 0 && isUtf8CyrillicLead(bytes[i - 1]);
	// Byte by byte up to a 4-byte boundary of the buffer, then a word at a time.
	let i = 0;
	while (i < end && (bytes.byteOffset + i) % 4 !== 0) if (at(i++)) return true;
	if (i === end) return false;
	const words = new Uint32Array(bytes.buffer, bytes.byteOffset + i, (end - i) >> 2);
	for (let w = 0; w < words.length; w++) {
		// A byte 10xxxxxx becomes 0x00 here; then the usual test for a zero byte in a word.
		const x = (words[w] & 0xc0c0c0c0) ^ 0x80808080;
		if (((x - 0x01010101) & ~x & 0x80808080) === 0) continue;
		const base = i + w * 4;
		for (let k = base; k < base + 4; k++) if (at(k)) return true;
	}
	for (let k = i + words.length * 4; k < end; k++) if (at(k)) return true;
	return false;
}

/**
 * Whether bytes `start…end` (one line) are UTF-8 with a Russian letter in them and nothing a
 * text never has (C1 controls). Windows-1251 Russian text is never so: two of its letters in a
 * row make no UTF-8 sequence.
 */
function isUtf8RussianLine(bytes: Uint8Array, start: number, end: number): boolean {
	let russian = false;
	for (let i = start; i < end; i++) {
		const b = bytes[i];
		if (b < 0x80) continue;
		let length: number;
		let codePoint: number;
		if (b >= 0xc2 && b <= 0xdf) [length, codePoint] = [2, b & 0x1f];
		else if (b >= 0xe0 && b <= 0xef) [length, codePoint] = [3, b & 0x0f];
		else if (b >= 0xf0 && b <= 0xf4) [length, codePoint] = [4, b & 0x07];
		else return false;
		if (i + length > end) return false;
		for (let k = 1; k < length; k++) {
			const c = bytes[i + k];
			if (!isContinuation(c)) return false;
			codePoint = (codePoint << 6) | (c & 0x3f);
		}
		// Overlong forms, surrogates and code points past U+10FFFF are no UTF-8.
		if (length === 3 && (codePoint < 0x800 || (codePoint >= 0xd800 && codePoint <= 0xdfff)))
			return false;
		if (length === 4 && (codePoint < 0x10000 || codePoint > 0x10ffff)) return false;
		if (codePoint < 0xa0) return false;
		if (codePoint >= 0x400 && codePoint <= 0x4ff) russian = true;
		i += length - 1;
	}
	return russian;
}

/**
 * Whether a line that is no UTF-8 is still UTF-8 with a broken byte or two (a file cut short in
 * the middle of a letter): it has UTF-8 Russian letters, and most of its letters read so.
 */
function isBrokenUtf8Line(bytes: Uint8Array, start: number, end: number): boolean {
	let pair = false;
	for (let i = start; i < end - 1 && !pair; i++)
		pair = (bytes[i] === 0xd0 || bytes[i] === 0xd1) && isContinuation(bytes[i + 1]);
	return pair && !mostlyBroken(decode('utf-8', bytes.subarray(start, end)));
}

/**
 * A file that is no UTF-8 but has lines that are (found by exploration: a Windows-1251 list and
 * a UTF-8 one joined as bytes — `copy /b`, a script — and read whole as Windows-1251, the
 * UTF-8 residents became «РЎРёРґРѕСЂРѕРІ» in the preview and the list): each line is read in its
 * own encoding, the others as Windows-1251 or KOI8-R (judged on them alone). Null when no line
 * is UTF-8. A line break is one byte in all three, and no UTF-8 sequence holds one, so a cell
 * with line breaks is read the same way part by part.
 */
function byLine(bytes: Uint8Array): DecodedCsv | null {
	if (!hasUtf8Cyrillic(bytes)) return null;
	// Runs of lines in one encoding: [start, end, utf8].
	const runs: [number, number, boolean][] = [];
	let utf8Lines = 0;
	for (let start = 0; start < bytes.length;) {
		const lf = bytes.indexOf(LF_BYTE, start);
		const end = lf === -1 ? bytes.length : lf + 1;
		const utf8 = isUtf8RussianLine(bytes, start, end) || isBrokenUtf8Line(bytes, start, end);
		if (utf8) utf8Lines++;
		const last = runs[runs.length - 1];
		if (last && last[2] === utf8) last[1] = end;
		else runs.push([start, end, utf8]);
		start = end;
	}
	if (utf8Lines === 0) return null;
	const singleRuns = runs.filter((run) => !run[2]);
	// Every line with letters is UTF-8 (one cut short among them): a UTF-8 file.
	if (!singleRuns.some(([start, end]) => bytes.subarray(start, end).some((b) => b >= ASCII_END)))
		return { text: decode('utf-8', bytes), encoding: 'utf-8' };
	const sample = new Uint8Array(
		Math.min(
			SNIFF_BYTES,
			singleRuns.reduce((n, [start, end]) => n + end - start, 0)
		)
	);
	let filled = 0;
	for (const [start, end] of singleRuns) {
		if (filled >= sample.length) break;
		const part = bytes.subarray(start, Math.min(end, start + sample.length - filled));
		sample.set(part, filled);
		filled += part.length;
	}
	const single = likelyKoi8r(sample) ? 'koi8-r' : 'windows-1251';
	const text = runs
		.map(([start, end, utf8]) => decode(utf8 ? 'utf-8' : single, bytes.subarray(start, end)))
		.join('');
	return { text, encoding: single, utf8Lines };
}

/**
 * How often each Russian letter а…я comes in Russian text, per 1,000 letters (ё is counted
 * apart: `YO_FREQUENCY`).
 */
const LETTER_FREQUENCY = [
	80, 16, 45, 17, 30, 85, 9, 17, 74, 12, 35, 44, 32, 67, 110, 28, 47, 55, 63, 26, 3, 10, 5, 14, 7,
	4, 1, 19, 17, 3, 6, 20
] as const;
const YO_FREQUENCY = 3;
const LETTER_LOG = LETTER_FREQUENCY.map(Math.log);
const YO_LOG = Math.log(YO_FREQUENCY);
/** What a small letter followed by a capital one inside a word costs: «иВАНОВА» is no Russian. */
const CASE_FLIP_COST = 8;
/** How much more Russian KOI8-R must read than Windows-1251: the usual one wins a near tie. */
const KOI8_MARGIN = 3;
const CYRILLIC_SMALL_A = 0x0430;
const CYRILLIC_YO = 0x0401;
const CYRILLIC_YO_SMALL = 0x0451;

/**
 * How Russian a text reads: the log-frequency of its letters, less `CASE_FLIP_COST` for each
 * capital letter right after a small one. Windows-1251 read as KOI8-R (or the other way round)
 * turns frequent letters into rare ones (о → П, е → Х) and swaps small and capital letters.
 */
function russianScore(text: string): number {
	let score = 0;
	let afterSmall = false;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code >= CYRILLIC_A && code <= CYRILLIC_YA_SMALL) {
			const small = code >= CYRILLIC_SMALL_A;
			score += LETTER_LOG[small ? code - CYRILLIC_SMALL_A : code - CYRILLIC_A];
			if (afterSmall && !small) score -= CASE_FLIP_COST;
			afterSmall = small;
		} else if (code === CYRILLIC_YO || code === CYRILLIC_YO_SMALL) {
			score += YO_LOG;
			if (afterSmall && code === CYRILLIC_YO) score -= CASE_FLIP_COST;
			afterSmall = code === CYRILLIC_YO_SMALL;
		} else afterSmall = false;
	}
	return score;
}

/**
 * Whether bytes that are no UTF-8 are KOI8-R rather than Windows-1251 (found by exploration: a
 * KOI8-R file, from an old mail or Linux program, was read as Windows-1251 — «жйп;фЕМЕЖПО» for
 * «ФИО;Телефон» — and could not be read otherwise). Judged on the file's start.
 */
export function likelyKoi8r(bytes: Uint8Array): boolean {
	const sample = bytes.subarray(0, SNIFF_BYTES);
	return (
		russianScore(decode('koi8-r', sample)) >
		russianScore(decode('windows-1251', sample)) + KOI8_MARGIN
	);
}

/**
 * Windows-1251 bytes 0x80–0xBF (0xC0–0xFF are А…я in order, U+0410…U+044F). Byte 0x98 is
 * unassigned; the WHATWG decoder maps it to U+0098, so we map it back for an exact round trip.
 */
const CP1251_HIGH = [
	0x0402, 0x0403, 0x201a, 0x0453, 0x201e, 0x2026, 0x2020, 0x2021, 0x20ac, 0x2030, 0x0409, 0x2039,
	0x040a, 0x040c, 0x040b, 0x040f, 0x0452, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x0098, 0x2122, 0x0459, 0x203a, 0x045a, 0x045c, 0x045b, 0x045f, 0x00a0, 0x040e, 0x045e, 0x0408,
	0x00a4, 0x0490, 0x00a6, 0x00a7, 0x0401, 0x00a9, 0x0404, 0x00ab, 0x00ac, 0x00ad, 0x00ae, 0x0407,
	0x00b0, 0x00b1, 0x0406, 0x0456, 0x0491, 0x00b5, 0x00b6, 0x00b7, 0x0451, 0x2116, 0x0454, 0x00bb,
	0x0458, 0x0405, 0x0455, 0x0457
] as const;
const CP1251_HIGH_START = 0x80;
const CP1251_LETTERS_START = 0xc0;
const CYRILLIC_A = 0x0410;
const CYRILLIC_YA_SMALL = 0x044f;
const ASCII_END = 0x80;

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

const CP1251_ENCODE = new Map<number, number>(
	CP1251_HIGH.map((codePoint, i) => [codePoint, CP1251_HIGH_START + i])
);

/** Whether a UTF-16 code unit is a character with a Windows-1251 byte. */
export function isWindows1251Char(code: number): boolean {
	return (
		code < ASCII_END || (code >= CYRILLIC_A && code <= CYRILLIC_YA_SMALL) || CP1251_ENCODE.has(code)
	);
}

/**
 * Encode text as Windows-1251. A character it cannot hold (Latin letters with accents, emoji,
 * Chinese…) becomes `?`; `unmappable` says how many, so the export can warn the coordinator.
 */
export function encodeWindows1251(text: string): { bytes: Uint8Array; unmappable: number } {
	const bytes = new Uint8Array(text.length);
	let length = 0;
	let unmappable = 0;
	const replacement = UNMAPPABLE_REPLACEMENT.charCodeAt(0);
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		let byte: number | undefined;
		if (code < ASCII_END) byte = code;
		else if (code >= CYRILLIC_A && code <= CYRILLIC_YA_SMALL)
			byte = CP1251_LETTERS_START + code - CYRILLIC_A;
		else byte = CP1251_ENCODE.get(code);
		if (byte === undefined) {
			unmappable++;
			byte = replacement;
			// A character outside the BMP (an emoji) is two UTF-16 units but one `?`.
			if (isHighSurrogate(code) && isLowSurrogate(text.charCodeAt(i + 1))) i++;
		}
		bytes[length++] = byte;
	}
	return { bytes: bytes.subarray(0, length), unmappable };
}
