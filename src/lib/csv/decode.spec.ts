import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../bench/data';
import {
	decodeCsvBytes,
	encodeWindows1251,
	bomlessUtf16,
	hasUtf8Cyrillic,
	isWindows1251Char,
	notTextKind,
	withoutZeroPadding
} from './decode';

const SAMPLE =
	'ФИО;Телефон;Примечание\r\nФёдорова Анна Петровна;8 911 123-45-67;«Ветеран» № 5 — ёж\r\n';

function utf8(text: string): Uint8Array {
	return new TextEncoder().encode(text);
}

function withBom(bytes: Uint8Array): Uint8Array {
	const out = new Uint8Array(bytes.length + 3);
	out.set([0xef, 0xbb, 0xbf]);
	out.set(bytes, 3);
	return out;
}

describe('decodeCsvBytes', () => {
	it('reads UTF-8 with a BOM as utf-8-bom and drops the BOM', () => {
		const result = decodeCsvBytes(withBom(utf8(SAMPLE)));
		expect(result).toEqual({ text: SAMPLE, encoding: 'utf-8-bom' });
	});

	it('reads a Windows-1251 file with a UTF-8 BOM glued on by a tool as Windows-1251 (found by exploration)', () => {
		// A script that «makes the file UTF-8 for Excel» by prepending the BOM to the
		// department's Windows-1251 bytes: read as UTF-8, every Russian letter became «�».
		const { bytes } = encodeWindows1251(SAMPLE);
		expect(decodeCsvBytes(withBom(bytes))).toEqual({ text: SAMPLE, encoding: 'windows-1251' });
		// A UTF-8 file with its BOM and one broken byte (cut short) is still UTF-8: one «�», not
		// every letter garbled.
		const cut = withBom(utf8(SAMPLE + 'Иванова')).slice(0, -1);
		const read = decodeCsvBytes(cut);
		expect(read.encoding).toBe('utf-8-bom');
		expect(read.text).toBe(SAMPLE + 'Иванов\uFFFD');
		// Chosen by hand, UTF-8 is UTF-8.
		expect(decodeCsvBytes(withBom(bytes), 'utf-8').text).toContain('\uFFFD');
	});

	it('reads plain UTF-8 as utf-8', () => {
		expect(decodeCsvBytes(utf8(SAMPLE))).toEqual({ text: SAMPLE, encoding: 'utf-8' });
	});

	it('falls back to Windows-1251 when the bytes are not valid UTF-8', () => {
		const { bytes, unmappable } = encodeWindows1251(SAMPLE);
		expect(unmappable).toBe(0);
		expect(decodeCsvBytes(bytes)).toEqual({ text: SAMPLE, encoding: 'windows-1251' });
	});

	it('reads a KOI8-R file as KOI8-R, not as Windows-1251 (found by exploration)', () => {
		// An old mail or Linux program's export: read as Windows-1251 it gave «жйп;фЕМЕЖПО» for
		// «ФИО;Телефон», «йЧБОПЧБ бООБ» for the resident, and the list had no encoding to choose
		// instead. Both put letters in bytes 0xC0–0xFF, so the letters themselves decide.
		const koi8 = (text: string) => {
			const decoder = new TextDecoder('koi8-r');
			const byChar = new Map<string, number>();
			for (let b = 0; b < 256; b++) byChar.set(decoder.decode(new Uint8Array([b])), b);
			return new Uint8Array([...text].map((c) => byChar.get(c)!));
		};
		const text = 'ФИО;Телефон;Примечание\r\nФёдорова Анна Петровна;8 911 123-45-67;Ветеран\r\n';
		expect(decodeCsvBytes(koi8(text))).toEqual({ text, encoding: 'koi8-r' });
		// In capitals, as some departments write names, and as short as a title row.
		for (const short of [
			'ФИО;ТЕЛЕФОН\r\nИВАНОВА АННА ПЕТРОВНА;89111234567',
			'ФИО;Тел.;Д/р',
			'Щукин Юрий'
		])
			expect(decodeCsvBytes(koi8(short))).toEqual({ text: short, encoding: 'koi8-r' });
		// Windows-1251 stays Windows-1251, whatever its letters.
		for (const cp of [
			SAMPLE,
			'ФИО;Тел.;Д/р',
			'ФИО;ТЕЛ',
			'Щукин Юрий;Цой Эдуард;Шишкин Фёдор',
			'Хрущёв Жжж'
		])
			expect(decodeCsvBytes(encodeWindows1251(cp).bytes)).toEqual({
				text: cp,
				encoding: 'windows-1251'
			});
		// And each can be chosen by hand.
		expect(decodeCsvBytes(koi8(text), 'windows-1251').encoding).toBe('windows-1251');
		expect(decodeCsvBytes(encodeWindows1251(SAMPLE).bytes, 'koi8-r')).toEqual({
			text: new TextDecoder('koi8-r').decode(encodeWindows1251(SAMPLE).bytes),
			encoding: 'koi8-r'
		});
	});

	it('reads each line of a file joined from a Windows-1251 and a UTF-8 one in its own encoding (found by exploration)', () => {
		// Two departments' lists copied one under the other as bytes (`copy /b`, a script): the
		// file is no UTF-8, and read whole as Windows-1251 the UTF-8 residents became
		// «РЎРёРґРѕСЂРѕРІ РРІР°РЅ» in the preview and the list; the other way round, the title row
		// and every Windows-1251 resident did.
		const first =
			'ФИО;Телефон;Примечание\r\nФёдорова Анна Петровна;8 911 123-45-67;«Ветеран» № 5\r\n';
		const second = 'Сидоров Иван Ильич;8 921 111-22-33;ёж, «дочь»\r\nРоманова Вера;;\r\n';
		const join = (...parts: Uint8Array[]) => {
			const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
			let at = 0;
			for (const part of parts) {
				out.set(part, at);
				at += part.length;
			}
			return out;
		};
		const cp = (text: string) => encodeWindows1251(text).bytes;
		expect(decodeCsvBytes(join(cp(first), utf8(second)))).toEqual({
			text: first + second,
			encoding: 'windows-1251',
			utf8Lines: 2
		});
		expect(decodeCsvBytes(join(utf8(first), cp(second)))).toEqual({
			text: first + second,
			encoding: 'windows-1251',
			utf8Lines: 2
		});
		// A line break inside a quoted cell splits nothing: each part of it is read the same way.
		const quoted = 'Орлова Ольга;;"первая строка\nвторая"\r\n';
		expect(decodeCsvBytes(join(cp(first), utf8(quoted))).text).toBe(first + quoted);
		// A Windows-1251 line whose bytes happen to make UTF-8 sequences, but no Russian letter
		// («ПЁ», «Д№»), stays Windows-1251; so does a whole Windows-1251 file.
		expect(decodeCsvBytes(cp('ПЁ;Д№\r\n' + first))).toEqual({
			text: 'ПЁ;Д№\r\n' + first,
			encoding: 'windows-1251'
		});
		// A UTF-8 file cut short in the middle of a letter stays UTF-8: one «�», not every
		// letter of it garbled (it was read whole as Windows-1251).
		const cut = utf8(first + second + 'Иванова').slice(0, -1);
		expect(decodeCsvBytes(cut)).toEqual({
			text: first + second + 'Иванов\uFFFD',
			encoding: 'utf-8'
		});
		// Chosen by hand, the file is read whole in the encoding chosen.
		expect(decodeCsvBytes(join(cp(first), utf8(second)), 'windows-1251').utf8Lines).toBeUndefined();
	});

	it('reads an ASCII-only file as UTF-8 (the same text either way)', () => {
		const text = 'name;phone\r\nIvanov;+79111234567\r\n';
		expect(decodeCsvBytes(encodeWindows1251(text).bytes)).toEqual({ text, encoding: 'utf-8' });
	});

	it('obeys an override: a 1251 file read as UTF-8 shows replacement characters', () => {
		const { bytes } = encodeWindows1251('Иванов');
		expect(decodeCsvBytes(bytes, 'utf-8').text).toContain('\uFFFD');
		expect(decodeCsvBytes(utf8('Иванов'), 'windows-1251')).toEqual({
			text: new TextDecoder('windows-1251').decode(utf8('Иванов')),
			encoding: 'windows-1251'
		});
	});

	it("reads Excel's Unicode text (UTF-16 LE with a BOM)", () => {
		const text = 'ФИО\tТелефон\r\n';
		const bytes = new Uint8Array(2 + text.length * 2);
		bytes.set([0xff, 0xfe]);
		for (let i = 0; i < text.length; i++) {
			bytes[2 + i * 2] = text.charCodeAt(i) & 0xff;
			bytes[3 + i * 2] = text.charCodeAt(i) >> 8;
		}
		expect(decodeCsvBytes(bytes)).toEqual({ text, encoding: 'utf-16le' });
	});

	it('reads UTF-16 LE or BE when the coordinator chooses it, with or without its BOM', () => {
		const text = 'ФИО\tТелефон\r\nИванова Анна\t8 911 123-45-67\r\n';
		const le = new Uint8Array(Buffer.from(text, 'utf16le'));
		const be = new Uint8Array(le.length);
		for (let i = 0; i < le.length; i += 2) [be[i], be[i + 1]] = [le[i + 1], le[i]];
		const bom = (b: Uint8Array, mark: number[]) => Uint8Array.from([...mark, ...b]);
		expect(decodeCsvBytes(le, 'utf-16le')).toEqual({ text, encoding: 'utf-16le' });
		expect(decodeCsvBytes(bom(le, [0xff, 0xfe]), 'utf-16le')).toEqual({
			text,
			encoding: 'utf-16le'
		});
		expect(decodeCsvBytes(be, 'utf-16be')).toEqual({ text, encoding: 'utf-16be' });
		expect(decodeCsvBytes(bom(be, [0xfe, 0xff]), 'utf-16be')).toEqual({
			text,
			encoding: 'utf-16be'
		});
		// Without a BOM it is told by its bytes too, and it is text, not a binary file.
		expect(decodeCsvBytes(le)).toEqual({ text, encoding: 'utf-16le' });
		expect(decodeCsvBytes(be)).toEqual({ text, encoding: 'utf-16be' });
		expect(notTextKind(le)).toBeNull();
		expect(withoutZeroPadding(le)).toBe(le);
		// Other files are not taken for it.
		expect(decodeCsvBytes(utf8(SAMPLE)).encoding).toBe('utf-8');
		expect(decodeCsvBytes(encodeWindows1251(SAMPLE).bytes).encoding).toBe('windows-1251');
	});

	it('decodes an empty file as empty UTF-8 text', () => {
		expect(decodeCsvBytes(new Uint8Array())).toEqual({ text: '', encoding: 'utf-8' });
	});
});

describe('encodeWindows1251', () => {
	it('matches the WHATWG decoder for every one of the 256 bytes', () => {
		const all = new Uint8Array(256).map((_, i) => i);
		const text = new TextDecoder('windows-1251').decode(all);
		const { bytes, unmappable } = encodeWindows1251(text);
		expect(unmappable).toBe(0);
		expect([...bytes]).toEqual([...all]);
	});

	it('writes every Russian letter, ё and № as one byte', () => {
		const text = 'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя№';
		const { bytes } = encodeWindows1251(text);
		expect(bytes.length).toBe(text.length);
		expect(new TextDecoder('windows-1251').decode(bytes)).toBe(text);
	});

	it('replaces characters it cannot hold with ? and counts them (an emoji is one)', () => {
		const { bytes, unmappable } = encodeWindows1251('Zoë 👵 日本');
		expect(new TextDecoder('windows-1251').decode(bytes)).toBe('Zo? ? ??');
		expect(unmappable).toBe(4);
		expect(isWindows1251Char('ë'.charCodeAt(0))).toBe(false);
		expect(isWindows1251Char('ё'.charCodeAt(0))).toBe(true);
	});
});

describe('notTextKind', () => {
	const bytes = (...parts: (number[] | string)[]) =>
		Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p)] : p)));

	it('tells a workbook, an old workbook and a PDF by their first bytes', () => {
		expect(notTextKind(bytes([0x50, 0x4b, 0x03, 0x04], '[Content_Types].xml'))).toBe('xlsx');
		expect(notTextKind(bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).toBe('xls');
		expect(notTextKind(bytes('%PDF-1.7\n'))).toBe('pdf');
	});

	it('takes bytes full of control characters for no text', () => {
		const random = new Uint8Array(4096);
		let seed = 7;
		for (let i = 0; i < random.length; i++)
			random[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
		expect(notTextKind(random)).toBe('binary');
	});

	it('takes text for text: Windows-1251, UTF-8, UTF-16 with its BOM, a stray control character', () => {
		const line = 'Иванова Анна;+7 (812) 123-45-67;ул. Ленина\t1\r\n';
		expect(notTextKind(encodeWindows1251(line.repeat(50)).bytes)).toBeNull();
		expect(notTextKind(bytes(line.repeat(50)))).toBeNull();
		const utf16 = Buffer.from('\ufeff' + line.repeat(50), 'utf16le');
		expect(notTextKind(new Uint8Array(utf16))).toBeNull();
		expect(notTextKind(bytes(line.repeat(50), [0x01], line, [0x1a]))).toBeNull();
		expect(notTextKind(new Uint8Array())).toBeNull();
	});
});

describe('withoutZeroPadding', () => {
	it('drops the zero bytes padding a file, so a small list is text again', () => {
		const list = encodeWindows1251('ФИО;Телефон\r\nИванова;8 911 123-45-67\r\n').bytes;
		const padded = new Uint8Array(list.length + 20);
		padded.set(list);
		expect(notTextKind(padded)).toBe('binary');
		expect(withoutZeroPadding(padded)).toEqual(list);
		expect(notTextKind(withoutZeroPadding(padded))).toBeNull();
		expect(withoutZeroPadding(list)).toBe(list);
	});

	it('leaves UTF-16 as it is: its last character may end in a zero byte', () => {
		const utf16 = new Uint8Array(Buffer.from('\ufeffФИО\n', 'utf16le'));
		expect(utf16.at(-1)).toBe(0);
		expect(withoutZeroPadding(utf16)).toBe(utf16);
	});
});

describe('hasUtf8Cyrillic', () => {
	/** As it was before it read four bytes at a time (an `indexOf` for each lead byte). */
	function hasUtf8CyrillicBefore(bytes: Uint8Array): boolean {
		for (const lead of [0xd0, 0xd1]) {
			for (let i = bytes.indexOf(lead); i !== -1; i = bytes.indexOf(lead, i + 1))
				if (bytes[i + 1] >= 0x80 && bytes[i + 1] <= 0xbf) return true;
		}
		return false;
	}

	it('answers as the byte-by-byte search did, wherever the pair is and however the bytes are aligned', () => {
		const random = createRandom(20261207);
		// Bytes a Windows-1251 file is made of, the two leads and continuation bytes among them.
		const alphabet = [0x20, 0x3b, 0x0d, 0x0a, 0x41, 0xc0, 0xe0, 0xff, 0xd0, 0xd1, 0xcf, 0xd2];
		const continuations = [0x80, 0x98, 0xa8, 0xab, 0xb8, 0xb9, 0xbb, 0xbf, 0x7f, 0xc0];
		let found = 0;
		for (let n = 0; n < 4000; n++) {
			const buffer = new Uint8Array(1 + Math.floor(random() * 40));
			for (let i = 0; i < buffer.length; i++)
				buffer[i] =
					random() < 0.15
						? continuations[Math.floor(random() * continuations.length)]
						: alphabet[Math.floor(random() * alphabet.length)];
			// A view that starts and ends anywhere in its buffer, as a file's subarray may.
			const from = Math.floor(random() * Math.min(4, buffer.length));
			const to = from + Math.floor(random() * (buffer.length - from + 1));
			const bytes = buffer.subarray(from, to);
			const expected = hasUtf8CyrillicBefore(bytes);
			if (expected) found++;
			expect(hasUtf8Cyrillic(bytes), `${[...bytes]} from ${from}`).toBe(expected);
		}
		expect(found).toBeGreaterThan(500);
		expect(found).toBeLessThan(3500);
	});
});

describe('the sniffs before decoding answer as they did when they read every byte', () => {
	const SNIFF = 65_536;
	/** `bomlessUtf16` as it was: every pair of the first 64 KB counted, both byte orders. */
	function bomlessUtf16Before(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
		const pairs = Math.floor(Math.min(bytes.length, SNIFF) / 2);
		if (pairs < 2) return null;
		for (const [high, low, label] of [
			[1, 0, 'utf-16le'],
			[0, 1, 'utf-16be']
		] as const) {
			let highOk = 0;
			let highZero = 0;
			let lowZero = 0;
			for (let i = 0; i < pairs; i++) {
				const h = bytes[2 * i + high];
				if (h === 0) highZero++;
				if (h === 0 || h === 0x04) highOk++;
				if (bytes[2 * i + low] === 0) lowZero++;
			}
			if (highZero > 0 && highOk * 10 >= pairs * 9 && lowZero * 20 <= pairs) return label;
		}
		return null;
	}
	/** `notTextKind`'s count of control bytes as it was: one byte at a time. */
	function binaryBefore(bytes: Uint8Array): boolean {
		const end = Math.min(bytes.length, SNIFF);
		let controls = 0;
		for (let i = 0; i < end; i++) {
			const b = bytes[i];
			if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1a)
				controls++;
		}
		return controls > 0 && controls * 100 >= end;
	}
	const texts = [
		'ФИО;Телефон;Адрес\r\nИванова Анна;8 911 123-45-67;ул. Ленина, д. 1\r\n',
		'Сидоров Пётр;«Ветеран» № 5;Ёлкина\tулица\n',
		'Name;Phone\r\nSmith;+7 911\r\n'
	];

	const koi8 = new TextDecoder('koi8-r').decode(Uint8Array.from({ length: 256 }, (_, b) => b));
	const koi8Bytes = new Map([...koi8].map((c, b) => [c, b]));

	it('on text in every encoding, UTF-16 near its thresholds, control bytes near theirs, any alignment', () => {
		const random = createRandom(20261208);
		const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
		const counts = { utf16: 0, binary: 0, text: 0 };
		for (let n = 0; n < 1500; n++) {
			let text = '';
			const length = pick([3, 40, 400, 4000, 40_000]);
			while (text.length < length) text += pick(texts);
			let bytes: Uint8Array;
			const kind = random();
			if (kind < 0.15) bytes = new Uint8Array(Buffer.from(text, 'utf16le'));
			else if (kind < 0.3) bytes = new Uint8Array(Buffer.from(text, 'utf16le').swap16());
			else if (kind < 0.5) bytes = utf8(text);
			else if (kind < 0.75) bytes = encodeWindows1251(text).bytes;
			else bytes = Uint8Array.from(text, (c) => koi8Bytes.get(c) ?? 0x3f);
			// Damage: bytes set to zero, to 0x04, to control bytes, or random, a share near the
			// thresholds (1 in 10 high bytes, 1 in 20 low ones, 1 in 100 bytes).
			const copy = new Uint8Array(bytes.length + 4);
			const offset = Math.floor(random() * 4);
			copy.set(bytes, offset);
			const view = copy.subarray(offset, offset + bytes.length);
			const share = pick([0, 0.005, 0.01, 0.012, 0.05, 0.09, 0.11, 0.3]);
			const value = pick([0, 0x04, 0x01, 0x1b, 0x09, 0x1a, -1]);
			for (let i = 0; i < view.length; i++)
				if (random() < share) view[i] = value < 0 ? Math.floor(random() * 256) : value;
			const expectedUtf16 = bomlessUtf16Before(view);
			expect(bomlessUtf16(view), `utf16 ${n}`).toBe(expectedUtf16);
			const expectedKind =
				expectedUtf16 ||
				(view[0] === 0xff && view[1] === 0xfe) ||
				(view[0] === 0xfe && view[1] === 0xff)
					? null
					: binaryBefore(view)
						? 'binary'
						: null;
			const kindNow = notTextKind(view);
			if (kindNow !== 'xlsx' && kindNow !== 'xls' && kindNow !== 'pdf')
				expect(kindNow, `kind ${n}`).toBe(expectedKind);
			if (expectedUtf16) counts.utf16++;
			if (expectedKind) counts.binary++;
			if (!expectedUtf16 && !expectedKind) counts.text++;
		}
		// Each answer came up often enough to be told apart.
		expect(Math.min(counts.utf16, counts.binary, counts.text)).toBeGreaterThan(50);
	});
});
