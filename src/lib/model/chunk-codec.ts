/**
 * A chunk's bytes as the sheet stores them (`sheet.ts`, the `chunks` map): a header line of
 * JSON, a newline, then the rows — rows separated by RS (0x1E), cells by US (0x1F); inside a
 * cell, RS, US and ESC (0x1B) are written as ESC and the character with bit 6 flipped
 * (`ESC ^`, `ESC _`, `ESC [`). No other character is escaped, so the header's newline is the
 * first one (the header's JSON has none). The rows are in one of two encodings:
 * - Windows-1251 (since 2026-12-06), when every character of the chunk has a byte there — any
 *   Russian text does. Then the bytes start with `SINGLE_BYTE` (0x01), before the header.
 *   A Russian letter is one byte instead of UTF-8's two: a call list's chunks are two thirds
 *   of the size (bench: 17.8 MB instead of 26.8 for 100,000 rows), and every copy of them
 *   (this encoder's, Yjs's two into the update, the relay's, the store's) is that much shorter.
 * - UTF-8 otherwise (an emoji, a Latin letter with an accent…), and in every chunk written
 *   between 2026-12-05 and 2026-12-06 (still read: `fixtures/sheet-utf8-chunks.yjs`). Then the
 *   bytes start with the header's `[`.
 *
 * Why not the JSON string chunks were stored as before (still read, see `sheet.ts`): Yjs writes
 * a string through `TextEncoder.encode`, which is slow for Russian text, on top of
 * `JSON.stringify`. Bytes are copied as they are. On a 100,000-row call list the write went
 * from about 275 ms (stringify ~100 ms, Yjs's encoding ~175 ms) to about 150 ms (this encoder,
 * one pass over the characters, ~95 ms; Yjs ~45 ms): see `bench/model.bench.ts`.
 *
 * Characters as `TextEncoder` writes them: a lone surrogate (half of an emoji, cut) becomes
 * U+FFFD, as it did when Yjs encoded the string.
 */

const RS = 0x1e;
const US = 0x1f;
const ESC = 0x1b;
const NEWLINE = 0x0a;

const utf8 = new TextEncoder();
/** A cell may start with U+FEFF: it is a character of the cell, not a mark to drop. */
const text = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * Reused between chunks (grown when a chunk needs more); each chunk's bytes are a copy of it
 * (`encodeChunk`), or a view of it while a staged slice is written (`encodeChunkView`).
 */
let buffer: Uint8Array<ArrayBuffer> = new Uint8Array(1 << 16);

/** A larger buffer holding the first `used` bytes of this one (the views given before keep theirs). */
function grow(used: number, needed: number): Uint8Array<ArrayBuffer> {
	const next = new Uint8Array(Math.max(buffer.length * 2, used + needed));
	next.set(buffer.subarray(0, used));
	buffer = next;
	return next;
}

/**
 * The first byte of a chunk whose rows are in Windows-1251 (one byte a Russian letter, where
 * UTF-8 takes two); a chunk that starts with its header (`[`) has them in UTF-8.
 */
export const SINGLE_BYTE = 0x01;

/** Windows-1251's bytes 0x80–0xFF, as the WHATWG Encoding standard (and `TextDecoder`) reads them. */
const CP1251_HIGH = [
	0x402, 0x403, 0x201a, 0x453, 0x201e, 0x2026, 0x2020, 0x2021, 0x20ac, 0x2030, 0x409, 0x2039, 0x40a,
	0x40c, 0x40b, 0x40f, 0x452, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x98, 0x2122,
	0x459, 0x203a, 0x45a, 0x45c, 0x45b, 0x45f, 0xa0, 0x40e, 0x45e, 0x408, 0xa4, 0x490, 0xa6, 0xa7,
	0x401, 0xa9, 0x404, 0xab, 0xac, 0xad, 0xae, 0x407, 0xb0, 0xb1, 0x406, 0x456, 0x491, 0xb5, 0xb6,
	0xb7, 0x451, 0x2116, 0x454, 0xbb, 0x458, 0x405, 0x455, 0x457
];
/**
 * UTF-16 unit → its Windows-1251 byte; 0 for the units it has no byte for, and for the four the
 * encoder looks at twice: NUL (its byte is 0), and RS, US and ESC (escaped). ASCII is itself, so
 * that one look-up, with no test of the unit's range, writes almost every character: the test
 * `ch < 0x80`, taken and not taken in turn in Russian text (a space, a digit, a letter), was
 * mispredicted often (`node bench/run.js model`, profiled).
 */
const CP1251 = new Uint8Array(0x10000);
for (let unit = 1; unit < 0x80; unit++) CP1251[unit] = unit;
CP1251[RS] = CP1251[US] = CP1251[ESC] = 0;
CP1251_HIGH.forEach((unit, i) => (CP1251[unit] = 0x80 + i));
for (let unit = 0x410; unit < 0x450; unit++) CP1251[unit] = 0xc0 + unit - 0x410;

/** Made when first needed: a platform without it still reads the UTF-8 chunks. */
let cp1251: TextDecoder | null = null;

/** The header line's bytes (with its newline) in the buffer, from `first`: where they end. */
function writeHeader(header: unknown[], first: number): number {
	const head = utf8.encode(JSON.stringify(header));
	if (buffer.length < first + head.length + 1) grow(first, head.length + 1);
	buffer.set(head, first);
	buffer[first + head.length] = NEWLINE;
	return first + head.length + 1;
}

/**
 * The header and the rows (`width` cells each) as one chunk's bytes: in Windows-1251 when every
 * character has a byte there (a Russian call list: two thirds of the UTF-8's size, so less to
 * copy for the encoder, Yjs, the relay and the store), else in UTF-8.
 */
export function encodeChunk(
	header: unknown[],
	rows: readonly (readonly string[])[],
	width: number
) {
	const n = writeSingleByte(header, rows, width, 0, Infinity);
	// `buffer` read after the UTF-8 pass: it may grow the buffer, a new one (found by
	// `direct-update.spec.ts`: a chunk with an emoji, larger than the buffer, was cut short).
	const end = n >= 0 ? n : n === NOT_CLEAN ? n : writeUtf8(header, rows, width, 0, Infinity);
	if (end === NOT_CLEAN) throw new TypeError('a chunk’s cell is not a string');
	return buffer.slice(0, end);
}

/**
 * `encodeChunk`'s bytes written at `start` of the encoder's own buffer, and given as a view of it,
 * not a copy: for the chunks of one staged slice (`staging.ts`), which Yjs reads only while it
 * writes the slice's update, itself a copy. The next chunk of the slice goes at the view's end
 * (`byteOffset + length`); the next slice starts again at 0, over them. Found profiling the
 * import worker: each chunk's copy (`slice`, into memory touched for the first time) took
 * 0.31–0.43 s of a 100,000-row import's 1.0–1.4 s of staging in Chromium.
 * Any other use of the bytes must copy them: the next chunk written overwrites them.
 */
export function encodeChunkView(
	header: unknown[],
	rows: readonly (readonly string[])[],
	width: number,
	start: number
): Uint8Array {
	const view = encodeChunkViewIfClean(header, rows, width, start, Infinity);
	if (!view) throw new TypeError('a chunk’s cell is not a string');
	return view;
}

/**
 * `encodeChunkView` of rows as they come (an import's mapped rows): null, with nothing kept, when
 * a cell of the first `width` of a row is not a string or is longer than `maxCell` — the rows are
 * then to be cleaned (`cleanRows`, `sheet.ts`) and written again. Their bytes otherwise are those
 * of the cleaned rows (the cells past `width` are left out either way), and the rows are read
 * once: the separate pass that cleaned every row first cost 10–23 ms of a 100,000-row import's
 * staging (`node bench/run.js model`, profiled).
 */
export function encodeChunkViewIfClean(
	header: unknown[],
	rows: readonly (readonly unknown[])[],
	width: number,
	start: number,
	maxCell: number
): Uint8Array | null {
	const n = writeSingleByte(header, rows, width, start, maxCell);
	if (n === NOT_CLEAN) return null;
	const end = n >= 0 ? n : writeUtf8(header, rows, width, start, maxCell);
	if (end === NOT_CLEAN) return null;
	return buffer.subarray(start, end);
}

/** What the writers return at a cell that is not a string or is longer than they are told. */
const NOT_CLEAN = -2;

/**
 * The chunk's bytes in Windows-1251 into `buffer` from `start`: where they end, or -1 at a
 * character it lacks (`NOT_CLEAN` at a cell that is not a string or is longer than `maxCell`).
 */
function writeSingleByte(
	header: unknown[],
	rows: readonly (readonly unknown[])[],
	width: number,
	start: number,
	maxCell: number
): number {
	if (buffer.length < start + 1) grow(start, 1);
	buffer[start] = SINGLE_BYTE;
	return writeCells(rows, width, writeHeader(header, start + 1), maxCell);
}

/**
 * The rows in Windows-1251 into `buffer` from `n`, cell by cell: where they end, or
 * -1 at a character Windows-1251 lacks. Each character is read with
 * `String.prototype.charCodeAt.call(cell, i)`, not `cell.charCodeAt(i)`: V8 looks `charCodeAt`
 * up by the string's kind (a piece of a text, a string joined piece by piece, one or two bytes a
 * character…), and once it has seen more than four kinds there (the import's mapped rows) the
 * look-up is generic and each character a call — the "cells made one by one read slowly" that a
 * writer reading a few rows' cells joined into one string (removed since) worked around. Called
 * on the function itself it is read inline whatever the kind: on the import worker's 100,000
 * mapped rows 73–97 ms instead of 218–331 (Chromium, a scratch worker, seven rounds in turns),
 * faster than that joined writer's 100–128 ms, and the same on PapaParse's rows.
 */
function writeCells(
	rows: readonly (readonly unknown[])[],
	width: number,
	n: number,
	maxCell: number
): number {
	let out = buffer;
	for (let r = 0; r < rows.length; r++) {
		if (r > 0) {
			if (n + 1 > out.length) out = grow(n, 1);
			out[n++] = RS;
		}
		const row = rows[r];
		for (let c = 0; c < width; c++) {
			const cell = row[c];
			if (typeof cell !== 'string' || cell.length > maxCell) return NOT_CLEAN;
			// At most 2 bytes a UTF-16 unit (an escape), plus a separator.
			if (n + cell.length * 2 + 2 > out.length) out = grow(n, cell.length * 2 + 2);
			if (c > 0) out[n++] = US;
			const length = cell.length;
			for (let i = 0; i < length; i++) {
				const ch = String.prototype.charCodeAt.call(cell, i);
				const byte = CP1251[ch];
				if (byte !== 0) out[n++] = byte;
				else if (ch === RS || ch === US || ch === ESC) {
					out[n++] = ESC;
					out[n++] = ch ^ 0x40;
				} else if (ch === 0) out[n++] = 0;
				else return -1;
			}
		}
	}
	return n;
}

/**
 * The chunk's bytes in UTF-8 into `buffer` from `start`: where they end (`NOT_CLEAN` at a cell
 * that is not a string or is longer than `maxCell`).
 */
function writeUtf8(
	header: unknown[],
	rows: readonly (readonly unknown[])[],
	width: number,
	start: number,
	maxCell: number
): number {
	let n = writeHeader(header, start);
	let out = buffer;
	for (let r = 0; r < rows.length; r++) {
		if (r > 0) out[n++] = RS;
		const row = rows[r];
		for (let c = 0; c < width; c++) {
			const cell = row[c];
			if (typeof cell !== 'string' || cell.length > maxCell) return NOT_CLEAN;
			// At most 3 bytes a UTF-16 unit (a pair's 4 bytes are 2 each), plus a separator.
			if (n + cell.length * 3 + 2 > out.length) out = grow(n, cell.length * 3 + 2);
			if (c > 0) out[n++] = US;
			const length = cell.length;
			for (let i = 0; i < length; i++) {
				const ch = String.prototype.charCodeAt.call(cell, i);
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
					const low = i + 1 < length ? String.prototype.charCodeAt.call(cell, i + 1) : 0;
					if (ch < 0xdc00 && low >= 0xdc00 && low <= 0xdfff) {
						const code = ((ch - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
						i++;
						out[n++] = 0xf0 | (code >> 18);
						out[n++] = 0x80 | ((code >> 12) & 0x3f);
						out[n++] = 0x80 | ((code >> 6) & 0x3f);
						out[n++] = 0x80 | (code & 0x3f);
					} else {
						// A lone surrogate: U+FFFD, as TextEncoder writes it.
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

/** Where the header line of a chunk's bytes ends (its newline), or -1. */
export function headerEnd(bytes: Uint8Array): number {
	return bytes.indexOf(NEWLINE);
}

/** The header of a chunk's bytes (its JSON, parsed). */
export function decodeHeader(bytes: Uint8Array): unknown {
	const end = headerEnd(bytes);
	if (end < 0) throw new Error('a chunk without a header line');
	return JSON.parse(text.decode(bytes.subarray(bytes[0] === SINGLE_BYTE ? 1 : 0, end)));
}

/** A cell with its escapes undone: every ESC in the bytes starts one (`ESC ^` → RS…). */
function unescape(cell: string): string {
	if (!cell.includes('\u001b')) return cell;
	const parts = cell.split('\u001b');
	let out = parts[0];
	for (let i = 1; i < parts.length; i++) {
		const part = parts[i];
		if (part) out += String.fromCharCode(part.charCodeAt(0) ^ 0x40) + part.slice(1);
	}
	return out;
}

/** The rows of a chunk's bytes: `count` rows of `width` cells. */
export function decodeRows(bytes: Uint8Array, count: number, width: number): string[][] {
	const rest = bytes.subarray(headerEnd(bytes) + 1);
	const body =
		bytes[0] === SINGLE_BYTE
			? (cp1251 ??= new TextDecoder('windows-1251')).decode(rest)
			: text.decode(rest);
	if (width === 0) return Array.from({ length: count }, () => []);
	const lines = body.split('\x1e');
	const escaped = body.includes('\x1b');
	const rows = new Array<string[]>(lines.length);
	for (let r = 0; r < lines.length; r++) {
		const cells = lines[r].split('\x1f');
		if (escaped) for (let c = 0; c < cells.length; c++) cells[c] = unescape(cells[c]);
		rows[r] = cells;
	}
	// Bytes that do not match their header (not written by this code): as many rows and cells
	// as the header says, missing ones empty, extra ones left out.
	if (rows.length !== count) {
		rows.length = count;
		for (let r = 0; r < count; r++) rows[r] ??= [];
	}
	for (const row of rows) {
		if (row.length === width) continue;
		const had = row.length;
		row.length = width;
		row.fill('', had);
	}
	return rows;
}
