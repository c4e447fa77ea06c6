/**
 * A chunk's bytes as the sheet stores them (`sheet.ts`, the `chunks` map): a header line of
 * JSON, a newline, then the rows as UTF-8 — rows separated by RS (0x1E), cells by US (0x1F);
 * inside a cell, RS, US and ESC (0x1B) are written as ESC and the character with bit 6 flipped
 * (`ESC ^`, `ESC _`, `ESC [`). No other character is escaped, so the header's newline is the
 * first one (the header's JSON has none).
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

/** Reused between chunks (grown when a chunk needs more); each chunk's bytes are a copy. */
let buffer: Uint8Array<ArrayBuffer> = new Uint8Array(1 << 16);

function grow(used: number, needed: number): Uint8Array<ArrayBuffer> {
	const next = new Uint8Array(Math.max(buffer.length * 2, used + needed));
	next.set(buffer.subarray(0, used));
	buffer = next;
	return next;
}

/** The header and the rows (`width` cells each) as one chunk's bytes. */
export function encodeChunk(
	header: unknown[],
	rows: readonly (readonly string[])[],
	width: number
) {
	const head = utf8.encode(JSON.stringify(header));
	let out = buffer;
	if (out.length < head.length + 1) out = grow(0, head.length + 1);
	out.set(head);
	let n = head.length;
	out[n++] = NEWLINE;
	for (let r = 0; r < rows.length; r++) {
		if (r > 0) out[n++] = RS;
		const row = rows[r];
		for (let c = 0; c < width; c++) {
			const cell = row[c];
			// At most 3 bytes a UTF-16 unit (a pair's 4 bytes are 2 each), plus a separator.
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
						// A lone surrogate: U+FFFD, as TextEncoder writes it.
						out[n++] = 0xef;
						out[n++] = 0xbf;
						out[n++] = 0xbd;
					}
				}
			}
		}
	}
	return out.slice(0, n);
}

/** Where the header line of a chunk's bytes ends (its newline), or -1. */
export function headerEnd(bytes: Uint8Array): number {
	return bytes.indexOf(NEWLINE);
}

/** The header of a chunk's bytes (its JSON, parsed). */
export function decodeHeader(bytes: Uint8Array): unknown {
	const end = headerEnd(bytes);
	if (end < 0) throw new Error('a chunk without a header line');
	return JSON.parse(text.decode(bytes.subarray(0, end)));
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
	const body = text.decode(bytes.subarray(headerEnd(bytes) + 1));
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
