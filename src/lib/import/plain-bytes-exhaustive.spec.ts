/**
 * `plainBytes` against `withoutHidden` and `withPlainSpaces` for every character there is: each
 * code point of Unicode (surrogates aside) in UTF-8, with and without a BOM, and each byte of
 * Windows-1251 and KOI8-R, alone and between Russian letters, at every offset from a word's start.
 * Whenever either test would change the decoded text, `plainBytes` must say "not plain" (saying
 * "not plain" of a plain text only costs the per-cell look). Its list of byte sequences is
 * written by hand for UTF-8: a character added to `HIDDEN` or `ODD_SPACE` later and not to it
 * fails here.
 */
import { describe, expect, it } from 'vitest';
import { decodeCsvBytes, withoutZeroPadding, type EncodingOverride } from '../csv';
import { withPlainSpaces, withoutHidden } from '../values';
import { plainBytes } from './plain-bytes';

/** What the analysis did to a cell before: changed by either test. */
function unplain(text: string): boolean {
	return withoutHidden(text) !== text || withPlainSpaces(text) !== text;
}

const encoder = new TextEncoder();
const BOM = [0xef, 0xbb, 0xbf];
/** One buffer for every file: `bytes` are copied `offset` bytes past a word's start. */
const buffer = new Uint8Array(64);

function placed(bytes: ArrayLike<number>, offset: number): Uint8Array {
	buffer.fill(0);
	buffer.set(bytes, offset);
	return buffer.subarray(offset, offset + bytes.length);
}

function hex(bytes: Uint8Array): string {
	return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ');
}

/** The file as the worker reads it: its zero padding dropped, then decoded. */
function asWorker(file: Uint8Array, override?: EncodingOverride) {
	const bytes = withoutZeroPadding(file);
	const decoded = decodeCsvBytes(bytes, override);
	return { bytes, decoded, plain: plainBytes(bytes, decoded) };
}

describe('plainBytes for every character (oracle: withoutHidden, withPlainSpaces)', () => {
	it('says "not plain" for every code point either test changes, in UTF-8 with and without a BOM', () => {
		const missed: string[] = [];
		let found = 0;
		let checked = 0;
		for (let cp = 0; cp <= 0x10ffff; cp++) {
			if (cp >= 0xd800 && cp <= 0xdfff) continue;
			const c = String.fromCodePoint(cp);
			for (const value of [c, 'Ива' + c + 'нова']) {
				if (!unplain(value)) continue;
				found++;
				const utf8 = encoder.encode(value);
				for (let offset = 0; offset < 4; offset++) {
					checked++;
					if (plainBytes(placed(utf8, offset), { encoding: 'utf-8' }))
						missed.push(`U+${cp.toString(16)} in ${JSON.stringify(value)} at ${offset}`);
					if (plainBytes(placed([...BOM, ...utf8], offset), { encoding: 'utf-8-bom' }))
						missed.push(
							`U+${cp.toString(16)} after a BOM in ${JSON.stringify(value)} at ${offset}`
						);
				}
				// And as the worker reads the file: its encoding found by decodeCsvBytes.
				for (const bytes of [utf8, Uint8Array.from([...BOM, ...utf8])]) {
					const read = asWorker(placed(bytes, cp % 4));
					if (read.plain && unplain(read.decoded.text))
						missed.push(
							`U+${cp.toString(16)} read as ${read.decoded.encoding}: ${hex(read.bytes)}`
						);
				}
			}
		}
		expect(missed.slice(0, 20)).toEqual([]);
		// The characters the two tests change, alone and between letters: some 80 of them.
		expect(found).toBeGreaterThan(100);
		expect(checked).toBe(found * 4);
	});

	it('says "plain" of the code points neither test changes between Russian letters (UTF-8)', () => {
		// Not required (conservative is fine), but a test that says "not plain" of everything
		// would pass the one above: most characters must still be read as plain.
		let plain = 0;
		let total = 0;
		for (let cp = 0x20; cp <= 0x10ffff; cp += 7) {
			if (cp >= 0xd800 && cp <= 0xdfff) continue;
			const value = 'Ива' + String.fromCodePoint(cp) + 'нова';
			if (unplain(value)) continue;
			total++;
			if (plainBytes(encoder.encode(value), { encoding: 'utf-8' })) plain++;
		}
		expect(plain / total).toBeGreaterThan(0.999);
	});

	it('says "not plain" for every byte of Windows-1251 and KOI8-R either test changes', () => {
		const missed: string[] = [];
		let found = 0;
		for (const encoding of ['windows-1251', 'koi8-r'] as const) {
			// «Иванова» in the encoding's own bytes.
			const letters = new Map<string, number>();
			const decoder = new TextDecoder(encoding);
			for (let b = 0; b < 256; b++) letters.set(decoder.decode(Uint8Array.of(b)), b);
			const around = (word: string) => [...word].map((c) => letters.get(c) ?? 0x3f);
			for (let b = 0; b < 256; b++) {
				for (const bytes of [[b], [...around('Ива'), b, ...around('нова')]]) {
					for (let offset = 0; offset < 4; offset++) {
						// Told the encoding (the dialog's choice), and with a UTF-8 BOM a tool glued on.
						for (const file of [bytes, [...BOM, ...bytes]]) {
							const read = asWorker(placed(file, offset), encoding);
							if (!unplain(read.decoded.text)) continue;
							found++;
							if (read.plain)
								missed.push(`${encoding} 0x${b.toString(16)} at ${offset}: ${hex(read.bytes)}`);
						}
						// Its encoding found by decodeCsvBytes (a BOM before Windows-1251 bytes included).
						for (const file of [bytes, [...BOM, ...bytes]]) {
							const read = asWorker(placed(file, offset));
							if (unplain(read.decoded.text) && read.plain)
								missed.push(
									`0x${b.toString(16)} read as ${read.decoded.encoding}: ${hex(read.bytes)}`
								);
						}
					}
				}
			}
		}
		expect(missed.slice(0, 20)).toEqual([]);
		expect(found).toBeGreaterThan(200);
	});
});
