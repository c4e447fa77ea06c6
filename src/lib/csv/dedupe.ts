/**
 * The same resident in a list twice: inside the file, already in the target sheet, or in
 * another sheet of the headquarters. Hash maps only: 100,000 incoming rows against 100,000
 * existing ones is two passes, not 10^10 comparisons.
 *
 * Who is the same person:
 * - the same normalised full name AND the same date of birth; or
 * - the same normalised full name AND the same address (lists without phones or birth dates);
 *   or
 * - the same phone (normalised, `+7XXXXXXXXXX`; a cell with several numbers separated by `,`
 *   or `;` gives several), unless both rows have a name and the names differ, or both have a
 *   birth date and the dates differ: an elderly couple sharing a landline are two residents,
 *   and skipping one of them would leave a person uncalled.
 *
 * Names: lower case, `ё` → `е`, punctuation → space, spaces collapsed (`Иванова  А.П.` =
 * `иванова а п`), Latin letters that look like Cyrillic ones read as those in a Russian name
 * (`Иванoва` with a Latin `o` = `иванова`: `foldLookalikes`). Birth dates: the stored date (`yyyy-mm-dd`) when it parses, else the trimmed
 * text. Addresses are normalised like names. A row with none of these keys is a duplicate
 * only of a row with the same values in `KeyColumns.row` (when given; an odd space read as a space): so importing a
 * file twice never adds such rows twice either.
 */
import {
	ALTERNATIVE_SEPARATOR,
	choiceKey,
	isStoredPhone,
	joinPhones,
	normalizePhone,
	normalizeValue,
	phoneParts,
	readablePhones,
	storedPhoneNumbers,
	WIDE_LIST_SEPARATOR,
	withoutHidden,
	withPlainSpaces
} from '../values';

export type DuplicatePolicy = 'skip' | 'update' | 'keep';
/** Why two rows are the same person. */
export type DuplicateKey = 'phone' | 'name-birth' | 'name-address' | 'same-row';

/** Column ids holding the keys. `name` may be several columns (Фамилия, Имя, Отчество). */
export interface KeyColumns {
	phone?: string;
	name?: string | readonly string[];
	birthDate?: string;
	address?: string;
	/** Columns compared, all together, for rows that have none of the other keys. */
	row?: readonly string[];
}

export interface IncomingRow {
	/** Row number in the file, as in `CsvError.line`. */
	line: number;
	/** Column id → value (stored form). */
	values: Record<string, string>;
}

export interface ExistingRow {
	sheetId: string;
	rowId: string;
	values: Record<string, string>;
	/** A row of the target sheet someone deleted (in «Удалённые строки»): matched apart. */
	deleted?: true;
}

export interface DuplicateInfo {
	line: number;
	/** The first earlier line of the file with the same person. */
	inFile: { line: number; by: DuplicateKey } | null;
	/** Rows of the target sheet with the same person (at most `MAX_LISTED_MATCHES`). */
	inSheet: { rowId: string; by: DuplicateKey }[];
	/** Rows of other sheets with the same person (at most `MAX_LISTED_MATCHES`). */
	inOtherSheets: { sheetId: string; rowId: string; by: DuplicateKey }[];
	/** Deleted rows of the target sheet with the same person (`ExistingRow.deleted`). */
	inDeleted?: { rowId: string; by: DuplicateKey }[];
}

export interface FindDuplicatesOptions {
	incoming: IncomingRow[];
	existing: ExistingRow[];
	/** Key columns of the incoming rows (and of the target sheet). */
	keyColumns: KeyColumns;
	/** The sheet the file goes into; existing rows of any other sheet are "other sheets". */
	targetSheetId: string;
	/** Key columns of other sheets, whose column ids differ; default `keyColumns`. */
	keyColumnsBySheet?: Record<string, KeyColumns>;
	/**
	 * Filled with every row of the target sheet (not deleted) that some incoming row matched, by
	 * any key: all of them, not only the `MAX_LISTED_MATCHES` listed per line.
	 */
	present?: Set<string>;
}

/** Matches listed per row and place; a common phone (a reception desk) may match hundreds. */
export const MAX_LISTED_MATCHES = 10;
/** Rows looked at per key (insertion order: the sheets first, then the file): a reception
 * desk's phone shared by a thousand rows must not make the search quadratic. */
export const MAX_BUCKET_SCAN = 500;

/** Between the numbers of a phone cell (as in `normalizePhone`). */
const PHONE_SEPARATORS = /[,;\n\r]/;
/** Runs of anything but letters and digits (punctuation, spaces, combining marks). */
const NOT_NAME = /[^\p{L}\p{N}]+/gu;
const YO = /ё/g;

/** The normalised name being built: reused, so a call allocates only its result. */
let nameBuffer = new Uint16Array(256);
const UTF16 = new TextDecoder('utf-16le');
/** Longer names go through the decoder (each code is an argument of `fromCharCode`). */
const MAX_CODES_APPLIED = 1024;

/**
 * `Иванова  Анна-Мария Ё.` → `иванова анна мария е`: lower case, `ё` → `е`, punctuation as
 * spaces, spaces collapsed. This runs for every name and address of both sides (200,000 times
 * for a 100,000-row file): text of ASCII and Russian letters, which is nearly all of it, is
 * lower-cased and cut into words in one pass over its characters, written into a buffer that
 * becomes the result in one allocation (no `toLowerCase` copy, no pieces joined: 1.7× faster
 * than slicing words out of `toLowerCase`, itself 2.5× faster than the regular expressions).
 * Any other character takes the general way.
 */
export function normalizeName(name: string): string {
	// Nearly every name is words of letters with one space between them (`Иванова Анна
	// Петровна`): then it only needs lower-casing, which V8 does at once, or nothing at all.
	let clean = 0;
	let upper = false;
	let afterSpace = true; // or at the start
	// Latin letters and Cyrillic ones both (`Иванoва`): the look-alikes are read as Cyrillic
	// (`foldLookalikes`), the general way. Text of one script only never folds.
	let latin = false;
	let cyrillic = false;
	for (; clean < name.length; clean++) {
		const c = name.charCodeAt(clean);
		if (c >= 0x410 && c <= 0x44f) {
			cyrillic = true;
			if (c < 0x430) upper = true;
			afterSpace = false;
		} else if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) {
			latin = true;
			if (c < 0x61) upper = true;
			afterSpace = false;
		} else if (c >= 0x30 && c <= 0x39) afterSpace = false;
		else if (c === 0x20 && !afterSpace) afterSpace = true;
		else break;
	}
	if (clean === name.length && !afterSpace && !(latin && cyrillic))
		return upper ? name.toLowerCase() : name;
	if (nameBuffer.length < name.length) nameBuffer = new Uint16Array(name.length * 2);
	const out = nameBuffer;
	let n = 0;
	let space = false;
	latin = false;
	cyrillic = false;
	for (let i = 0; i < name.length; i++) {
		const c = nameCode(name.charCodeAt(i));
		if (c === OTHER) return normalizeAnyName(name);
		if (c === HIDDEN) continue;
		if (c === SEPARATOR) space = n > 0;
		else {
			if (space) out[n++] = 0x20;
			space = false;
			out[n++] = c;
			if (c >= 0x61) {
				if (c >= 0x430) cyrillic = true;
				else latin = true;
			}
		}
	}
	if (n === 0) return '';
	if (latin && cyrillic) return normalizeAnyName(name);
	// A short name as character codes (cheaper than a decoder's call into the browser for each);
	// only ASCII and Cyrillic in the buffer: no surrogate or BOM for the decoder to change.
	if (n <= MAX_CODES_APPLIED) return String.fromCharCode.apply(null, out.subarray(0, n) as never);
	return UTF16.decode(out.subarray(0, n));
}

const SEPARATOR = -1;
const OTHER = -2;
/** A control character inside a word (`Ивано\x01ва`): left out, as the import takes it out. */
const HIDDEN = -3;

/**
 * What `normalizeName` writes for a character of ASCII or Russian text: its lower-case letter
 * (`toLowerCase`'s, `е` for `ё`) or digit; `SEPARATOR` for ASCII punctuation, spaces, tabs and
 * line breaks; `HIDDEN` for other control characters (`withoutHidden`); `OTHER` for anything else.
 */
function nameCode(c: number): number {
	if (c >= 0x430 && c <= 0x44f) return c; // а–я
	if (c >= 0x410 && c <= 0x42f) return c + 0x20; // А–Я
	if (c === 0x451 || c === 0x401) return 0x435; // ё, Ё → е
	if (c === 0x450 || c === 0x400) return 0x450; // ѐ, Ѐ → ѐ
	if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) return c; // a–z, 0–9
	if (c >= 0x41 && c <= 0x5a) return c + 0x20; // A–Z
	if (c < 0x20 ? c !== 9 && c !== 10 && c !== 13 && c !== 11 && c !== 12 : c === 0x7f)
		return HIDDEN;
	return c < 0x80 ? SEPARATOR : OTHER;
}

/**
 * `normalizeName` for any text (Latin with accents, Ukrainian, combining marks…, and Latin
 * look-alikes in Russian text: `foldLookalikes`). Invisible characters (a zero-width space, a
 * soft hyphen, a bidirectional override) are left out, not read as a space: «Смир\u200bнова»
 * is «смирнова», as the import stores it (`withoutHidden`); any other space (no-break, thin,
 * figure…) is one. A letter written as a letter and its mark (`е` + U+0308, from a PDF or a Mac)
 * is the letter (NFC), and a mark left on its own (a stress mark, `е́`) is left out: the mark was
 * read as a space, «Алёна» as «але на», and the resident missed.
 */
function normalizeAnyName(name: string): string {
	return foldLookalikes(withoutHidden(name).normalize('NFC').replace(MARK, ''))
		.toLowerCase()
		.replace(YO, 'е')
		.replace(NOT_NAME, ' ')
		.trim();
}

/**
 * Latin letters drawn as Cyrillic ones, and the Cyrillic letter each is read as: a list typed with the keyboard
 * on the wrong layout for a letter, or copied from a PDF, has «Иванoва» with a Latin `o`,
 * «Пeтрoв», «Смирнова А.B.». Capitals as they look (`B` is `В`, `H` is `Н`, `T` is `Т`), and
 * each small letter as its capital is read (`b` is `в`, `h` is `н`, `t` is `т`): a name is the
 * same in capitals and in small letters (found in review: «ИBАНОВА» from a PDF, put into proper
 * case by Excel's ПРОПНАЧ, is «Иbанова»; «TOM» was read as Cyrillic, «Tom» not).
 */
const LOOKALIKES = new Map<string, string>([
	['a', 'а'],
	['b', 'в'],
	['c', 'с'],
	['e', 'е'],
	['h', 'н'],
	['k', 'к'],
	['m', 'м'],
	['o', 'о'],
	['p', 'р'],
	['t', 'т'],
	['x', 'х'],
	['y', 'у'],
	['A', 'А'],
	['B', 'В'],
	['C', 'С'],
	['E', 'Е'],
	['H', 'Н'],
	['K', 'К'],
	['M', 'М'],
	['O', 'О'],
	['P', 'Р'],
	['T', 'Т'],
	['X', 'Х'],
	['Y', 'У'],
	['ë', 'ё'],
	['Ë', 'Ё']
]);
/** A combining mark (after NFC: one no letter takes, such as a stress mark). */
const MARK = /\p{M}/gu;
const LOOKALIKE = /[abcehkmoptxyABCEHKMOPTXYëË]/g;
const CYRILLIC = /\p{Script=Cyrillic}/u;
/** A word: letters, digits and the marks on them. */
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
/** A letter of a word (not a digit or a mark). */
const LETTER = /\p{L}/gu;

/**
 * Text with Cyrillic in it, its Latin look-alikes (`LOOKALIKES`) as the Cyrillic letters: in a
 * word with a Cyrillic letter (`Иванoва`), and in a word of look-alikes only (the `B` of
 * «Смирнова А.B.»). A word with another Latin letter (`Smith`, `Tim`) and text without Cyrillic
 * (a foreign resident, `Anna Petrova`) are left as they are. Only for comparing: what was typed
 * is stored as typed.
 */
export function foldLookalikes(text: string): string {
	if (!CYRILLIC.test(text)) return text;
	return text.replace(WORD, (word) => {
		if (!CYRILLIC.test(word)) {
			const letters = word.match(LETTER);
			if (!letters || letters.some((letter) => !LOOKALIKES.has(letter))) return word;
		}
		return word.replace(LOOKALIKE, (c) => LOOKALIKES.get(c) ?? c);
	});
}

/** `yyyy-mm-dd` (digits, not checked as a date): the birth key either way, as is. */
function isStoredDateShape(cell: string): boolean {
	if (cell.length !== 10 || cell.charCodeAt(4) !== 0x2d || cell.charCodeAt(7) !== 0x2d)
		return false;
	for (let i = 0; i < 10; i++) {
		const c = cell.charCodeAt(i);
		if (i !== 4 && i !== 7 && (c < 0x30 || c > 0x39)) return false;
	}
	return true;
}

const NO_PHONES: readonly string[] = Object.freeze([]);

/**
 * Every valid phone in a cell (`8 911 123-45-67, 8 812 555-12-34` gives two), without its note
 * (`(дочь)`): the number is who it is.
 */
export function phoneKeys(cell: string): string[] {
	if (!cell) return [];
	if (isStoredPhone(cell)) return storedPhoneNumbers(cell);
	const whole = normalizePhone(cell);
	if (whole.ok) return whole.value ? storedPhoneNumbers(whole.value) : [];
	// Numbers written as alternatives, `… / …`, `… или …`: each valid one is a key too.
	const alternatives = ALTERNATIVE_SEPARATOR.test(cell);
	if (!alternatives && !PHONE_SEPARATORS.test(cell)) return [];
	const keys: string[] = [];
	const take = (parts: string[]) => {
		for (const part of parts) {
			const phone = normalizePhone(part);
			if (!phone.ok || !phone.value) continue;
			for (const key of storedPhoneNumbers(phone.value)) if (!keys.includes(key)) keys.push(key);
		}
	};
	take(phoneParts(cell));
	if (alternatives) take(phoneParts(cell, WIDE_LIST_SEPARATOR));
	return keys;
}

function birthKey(cell: string): string {
	if (isStoredDateShape(cell)) return cell;
	const date = normalizeValue('date', cell);
	return date.ok ? date.value : cell.trim();
}

const KEY_SEPARATOR = '\u0000';

/** `KeyColumns` with the name as a list: worked out once per sheet, not once per row. */
interface KeyColumnList {
	phone?: string;
	name: readonly string[];
	birthDate?: string;
	address?: string;
	row?: readonly string[];
}

function keyColumnList(columns: KeyColumns): KeyColumnList {
	const name = typeof columns.name === 'string' ? [columns.name] : (columns.name ?? []);
	return { ...columns, name };
}

/**
 * Two keys as one number, for the maps of the index: the name and the birth date (or the
 * address) are hashed together, character by character (FNV-1a), into 30 bits, a small integer
 * for V8. The keys were strings (`name\0birth`) built for every row of both sides: the map had
 * to copy each such joined string and hash it, and compare keys held in strings all over
 * memory: the duplicate search of a 100,000-row call list took 0.65–0.74 s in Node, 0.49–0.57 s
 * with numbers. Two different pairs may get the same number: a bucket holds one pair's people
 * only, a pair whose number another took has its own (`PairMap`).
 */
export function pairKey(a: string, b: string): number {
	return pairKeyAfter(hashOf(a), b);
}

const FNV_START = 0x811c9dc5;

/** The hash of `pairKey` after its first key's characters. */
function hashOf(a: string): number {
	let h = FNV_START;
	for (let i = 0; i < a.length; i++) h = Math.imul(h ^ a.charCodeAt(i), 0x01000193);
	return h;
}

/** `pairKey` of a first key hashed to `h` (`hashOf`) and `b`. */
function pairKeyAfter(h: number, b: string): number {
	h = Math.imul(h ^ 0xffff, 0x01000193); // between the two: «ab»+«c» is not «a»+«bc»
	for (let i = 0; i < b.length; i++) h = Math.imul(h ^ b.charCodeAt(i), 0x01000193);
	return (h ^ (h >>> 15)) & 0x3fffffff;
}

/** No key (a name without a birth date, or an address): `pairKey` is never negative. */
const NO_KEY = -1;

/**
 * `pairKey(name, normalizeName(address))`, the name hashed to `nameHash` (`hashOf`), or `NO_KEY` when the address normalises to nothing:
 * hashed as `normalizeName` writes its characters, without making the normalised string (an
 * address has punctuation, so nearly every one took `normalizeName`'s longer way, 100,000 new
 * strings kept until the search ends). Text with any other character goes the general way.
 */
function addressPairKey(nameHash: number, address: string): number {
	let h = Math.imul(nameHash ^ 0xffff, 0x01000193);
	let n = 0;
	let space = false;
	let latin = false;
	let cyrillic = false;
	for (let i = 0; i < address.length; i++) {
		const c = nameCode(address.charCodeAt(i));
		if (c === OTHER) return addressPairKeyOf(nameHash, address);
		if (c === HIDDEN) continue;
		if (c === SEPARATOR) space = n > 0;
		else {
			if (space) {
				h = Math.imul(h ^ 0x20, 0x01000193);
				n++;
			}
			space = false;
			h = Math.imul(h ^ c, 0x01000193);
			n++;
			if (c >= 0x61) {
				if (c >= 0x430) cyrillic = true;
				else latin = true;
			}
		}
	}
	if (n === 0) return NO_KEY;
	// `ул. Ленина, корп. B`: the look-alikes read as Cyrillic (`foldLookalikes`), the general way.
	if (latin && cyrillic) return addressPairKeyOf(nameHash, address);
	return (h ^ (h >>> 15)) & 0x3fffffff;
}

/** `addressPairKey` by the normalised string (`normalizeName`). */
function addressPairKeyOf(nameHash: number, address: string): number {
	const normalized = normalizeName(address);
	return normalized ? pairKeyAfter(nameHash, normalized) : NO_KEY;
}

/** Where the words of the name in `nameBuffer` begin and end (`nameHash`: three at most). */
const wordStarts = [0, 0, 0];
const wordEnds = [0, 0, 0];
/** What `nameHash` found: the name's length once normalised (0: no name; -1: not read). */
let nameLength = 0;

/**
 * `hashOf(inAnyOrder(normalizeName(raw)))`, the name's part of its pairs' numbers, made without
 * the strings (the lower-cased name, its words, the words joined in order: about five for each
 * of 100,000 rows): its characters are written as `normalizeName` writes them into a buffer, and
 * its words (three at most) hashed in `inAnyOrder`'s order. `nameLength` says what it found; -1:
 * a character of any other script, Latin letters beside Cyrillic ones, or more words, for the
 * general way (the strings).
 */
function nameHash(raw: string): number {
	if (nameBuffer.length < raw.length) nameBuffer = new Uint16Array(raw.length * 2);
	const out = nameBuffer;
	let n = 0;
	let words = 0;
	let space = false;
	let latin = false;
	let cyrillic = false;
	for (let i = 0; i < raw.length; i++) {
		const c = nameCode(raw.charCodeAt(i));
		if (c === OTHER) return (nameLength = -1);
		if (c === HIDDEN) continue;
		if (c === SEPARATOR) {
			space = n > 0;
			continue;
		}
		if (n === 0 || space) {
			if (words === 3) return (nameLength = -1);
			if (n > 0) {
				wordEnds[words - 1] = n;
				out[n++] = 0x20;
			}
			wordStarts[words++] = n;
			space = false;
		}
		out[n++] = c;
		if (c >= 0x61) {
			if (c >= 0x430) cyrillic = true;
			else latin = true;
		}
	}
	// Latin letters beside Cyrillic ones (`Иванoва`): the general way (`foldLookalikes`).
	if (latin && cyrillic) return (nameLength = -1);
	nameLength = n;
	if (n === 0) return FNV_START;
	wordEnds[words - 1] = n;
	// The words in `inAnyOrder`'s order: as strings compare (code by code, a prefix first).
	let first = 0;
	let second = 1;
	let third = 2;
	if (words === 2) {
		if (compareWords(out, 0, 1) > 0) {
			first = 1;
			second = 0;
		}
	} else if (words === 3) {
		let low = 0;
		let high = 1;
		if (compareWords(out, 0, 1) > 0) {
			low = 1;
			high = 0;
		}
		if (compareWords(out, 2, high) >= 0) {
			first = low;
			second = high;
		} else if (compareWords(out, 2, low) >= 0) {
			first = low;
			second = 2;
			third = high;
		} else {
			first = 2;
			second = low;
			third = high;
		}
	}
	let h = hashWord(FNV_START, out, first);
	if (words > 1) h = hashWord(Math.imul(h ^ 0x20, 0x01000193), out, second);
	if (words > 2) h = hashWord(Math.imul(h ^ 0x20, 0x01000193), out, third);
	return h;
}

/** Word `a` of the buffer against word `b`, as `<`, `===` and `>` compare strings. */
function compareWords(out: Uint16Array, a: number, b: number): number {
	const aStart = wordStarts[a];
	const bStart = wordStarts[b];
	const aLength = wordEnds[a] - aStart;
	const bLength = wordEnds[b] - bStart;
	const length = aLength < bLength ? aLength : bLength;
	for (let i = 0; i < length; i++) {
		const d = out[aStart + i] - out[bStart + i];
		if (d !== 0) return d;
	}
	return aLength - bLength;
}

function hashWord(h: number, out: Uint16Array, word: number): number {
	for (let i = wordStarts[word]; i < wordEnds[word]; i++) h = Math.imul(h ^ out[i], 0x01000193);
	return h;
}

/**
 * One row in the index: who it is (its keys, '' or `NO_KEY` when missing) and where it is. One
 * object per row, its fields set once: 200,000 of them live until the search ends.
 */
class Person {
	/** The search that last reported this row (a row may match on several keys). */
	seen = 0;
	/** `address`, once asked for. */
	#address: string | undefined = undefined;
	constructor(
		readonly phones: readonly string[],
		/** The name as the row has it (its parts joined): normalised only when compared (`name`). */
		readonly rawName: string,
		/** `name`, when made already; else made when asked for. */
		private madeName: string | undefined,
		/** Whether `name` is not empty. */
		readonly hasName: boolean,
		readonly birth: string,
		/** The address as the row has it: normalised only when compared (`address`). */
		readonly rawAddress: string,
		/** `pairKey` of the name and birth date, of the name and address: or `NO_KEY`. */
		readonly nameBirth: number,
		readonly nameAddress: number,
		/** The row's values, for a row with none of the keys above. */
		readonly row: string,
		/** Incoming line, or -1 for an existing row. */
		readonly line: number,
		readonly sheetId: string,
		readonly rowId: string
	) {}

	/**
	 * The normalised address: asked for only when the pair's number matched another row's, rare.
	 * The search needs its number only (`addressPairKey`), made without the string.
	 */
	get address(): string {
		return (this.#address ??= normalizeName(this.rawAddress));
	}

	/**
	 * The normalised name, its words in one order (`inAnyOrder`): asked for only when a pair's
	 * number or a phone matched another row's. The search needs its hash (`nameHash`).
	 */
	get name(): string {
		return (this.madeName ??= inAnyOrder(normalizeName(this.rawName)));
	}
}

/**
 * What `readPairs` read of a row: its name and the numbers of its pairs. Module fields, read at
 * once by the caller, so that the count of every row's keys (`findDuplicates`) makes no object.
 */
const pairs = {
	rawName: '',
	/** The normalised name, when made (the general way); else made when asked for (`Person`). */
	name: undefined as string | undefined,
	hasName: false,
	birth: '',
	rawAddress: '',
	nameBirth: NO_KEY,
	nameAddress: NO_KEY
};

/** Reads a row's name, birth date and address into `pairs` (not the pairs' numbers). */
function readKeys(values: Record<string, string>, columns: KeyColumnList): void {
	const nameColumns = columns.name;
	let rawName: string;
	// One column: its value alone (a space after it, as the parts get, changes nothing).
	if (nameColumns.length === 1) rawName = values[nameColumns[0]] ?? '';
	else {
		rawName = '';
		for (const id of nameColumns) rawName += (values[id] ?? '') + ' ';
	}
	pairs.rawName = rawName;
	pairs.name = undefined;
	pairs.birth = columns.birthDate ? birthKey(values[columns.birthDate] ?? '') : '';
	pairs.rawAddress = columns.address ? (values[columns.address] ?? '') : '';
}

/** Reads a row's name, birth date and address into `pairs`, and the numbers of its pairs. */
function readPairs(values: Record<string, string>, columns: KeyColumnList): void {
	readKeys(values, columns);
	const { rawName, birth, rawAddress } = pairs;
	let hash = nameHash(rawName);
	let name: string | undefined;
	if (nameLength < 0) {
		name = inAnyOrder(normalizeName(rawName));
		hash = hashOf(name);
	}
	const hasName = name === undefined ? nameLength > 0 : name !== '';
	pairs.name = name;
	pairs.hasName = hasName;
	pairs.nameBirth = hasName && birth ? pairKeyAfter(hash, birth) : NO_KEY;
	pairs.nameAddress = hasName && rawAddress ? addressPairKey(hash, rawAddress) : NO_KEY;
}

/** The row's `Person`, its name and pairs read into `pairs` just before (`RowKeys.recall`). */
function personOf(
	values: Record<string, string>,
	columns: KeyColumnList,
	line: number,
	sheetId: string,
	rowId: string
): Person {
	const { rawName, name, hasName, birth, rawAddress, nameBirth, nameAddress } = pairs;
	const phone = columns.phone ? (values[columns.phone] ?? '') : '';
	const phones = phone ? phoneKeys(phone) : NO_PHONES;
	let row = '';
	if (columns.row && !phones.length && nameBirth === NO_KEY && nameAddress === NO_KEY) {
		let filled = false;
		for (const id of columns.row) {
			const value = values[id] ?? '';
			if (value) filled = true;
			// A no-break or other odd space as the ordinary one: the import stores a name's and an
			// address's so (`withPlainSpaces`), the list may keep one an operator pasted (found in
			// review: the list's own export, imported again, added such a row twice).
			row += withPlainSpaces(value) + KEY_SEPARATOR;
		}
		if (!filled) row = '';
	}
	return new Person(
		phones,
		rawName,
		name,
		hasName,
		birth,
		rawAddress,
		nameBirth,
		nameAddress,
		row,
		line,
		sheetId,
		rowId
	);
}

/**
 * A normalised name's words in one order, so a name is the same whichever order it was written
 * in: «Иванова Анна Петровна», «Анна Петровна Иванова» (an operator typed it so) and a list made
 * from a file whose columns were «Отчество;Имя;Фамилия» («Петровна Анна Иванова», found in
 * review) are one person.
 */
function inAnyOrder(name: string): string {
	const first = name.indexOf(' ');
	if (first < 0) return name;
	const second = name.indexOf(' ', first + 1);
	// Two or three words, nearly every name, without an array (this runs for every row).
	if (second < 0) {
		const a = name.slice(0, first);
		const b = name.slice(first + 1);
		return a <= b ? name : b + ' ' + a;
	}
	if (name.indexOf(' ', second + 1) < 0) {
		const x = name.slice(0, first);
		const y = name.slice(first + 1, second);
		const z = name.slice(second + 1);
		const [low, high] = x <= y ? [x, y] : [y, x];
		if (z >= high) return low + ' ' + high + ' ' + z;
		return z >= low ? low + ' ' + z + ' ' + high : z + ' ' + low + ' ' + high;
	}
	return name.split(' ').sort().join(' ');
}

/** Same phone: the same person unless a name or a birth date on both sides says otherwise. */
function samePhonePerson(a: Person, b: Person): boolean {
	if (a.hasName && b.hasName && a.name !== b.name) return false;
	if (a.birth && b.birth && a.birth !== b.birth) return false;
	return true;
}

/** Most keys belong to one row: store it alone, an array only from the second one on. */
type Bucket = Person | Person[];

/**
 * Add `person` under `key`, whose bucket (looked up just before: none is `undefined`, not looked
 * up again) was `bucket`.
 */
function addTo<K>(map: Map<K, Bucket>, key: K, person: Person, bucket: Bucket | undefined) {
	if (bucket === undefined) map.set(key, person);
	else if (Array.isArray(bucket)) bucket.push(person);
	else map.set(key, [bucket, person]);
}

/** The search for one incoming row's matches, the result going into `info`. */
interface Search {
	/** Numbers the searches (from 1): a person whose `seen` is this one was already reported. */
	id: number;
	targetSheetId: string;
	/** The target sheet's deleted rows among those searched. */
	deleted: ReadonlySet<string>;
	/** The row searched has a name (a deleted row matched by phone alone must have one too). */
	named: boolean;
	info: DuplicateInfo;
	/** `FindDuplicatesOptions.present`. */
	present?: Set<string>;
}

/** The lists of a row that matches nothing: shared, frozen (a push would throw). */
const NO_MATCHES = Object.freeze([]) as unknown as never[];

/** Record that the row searched is the same person as `match`, by `by`. */
function report(search: Search, match: Person, by: DuplicateKey) {
	const { info } = search;
	if (match.line >= 0) {
		if (!info.inFile || match.line < info.inFile.line) info.inFile = { line: match.line, by };
	} else if (match.sheetId === search.targetSheetId && search.deleted.has(match.rowId)) {
		// A deleted row keeps a resident out only when it is surely that resident: by a phone, only
		// with a name on both sides (found in review: a deleted row with a number and no name kept
		// «Сидорова Мария» out, and the report said she was deleted).
		if (by === 'phone' && !(search.named && match.hasName)) return;
		info.inDeleted ??= [];
		if (info.inDeleted.length < MAX_LISTED_MATCHES) info.inDeleted.push({ rowId: match.rowId, by });
	} else if (match.sheetId === search.targetSheetId) {
		search.present?.add(match.rowId);
		if (info.inSheet === NO_MATCHES) info.inSheet = [];
		if (info.inSheet.length < MAX_LISTED_MATCHES) info.inSheet.push({ rowId: match.rowId, by });
	} else {
		if (info.inOtherSheets === NO_MATCHES) info.inOtherSheets = [];
		if (info.inOtherSheets.length < MAX_LISTED_MATCHES)
			info.inOtherSheets.push({ sheetId: match.sheetId, rowId: match.rowId, by });
	}
}

/** Whether a person of a bucket is the one searched for (`samePhonePerson`, or the pair's). */
type Same = (a: Person, b: Person) => boolean;

/** The pair itself, not only its `pairKey` (two pairs may share a number). */
const sameNameBirth: Same = (a, b) => a.name === b.name && a.birth === b.birth;
const sameNameAddress: Same = (a, b) => a.name === b.name && a.address === b.address;

/**
 * People by a pair of keys (`pairKey`), each bucket one pair's: a pair whose number an earlier
 * pair took goes into a map of the pairs themselves (`name\0birth`), as all of them did before
 * the numbers. Found in review: with the two pairs in one bucket, the `MAX_BUCKET_SCAN` people
 * looked at could all be the other pair's, and a resident already in the list was not found.
 */
class PairMap {
	readonly #byKey = new Map<number, Bucket>();
	/** The pairs whose number was taken (rare: a few in 200,000 rows). */
	#taken: Map<string, Bucket> | undefined;
	/** The last `get` gave a bucket of `#taken` (or would add there): what `add` is told. */
	#lastTaken = false;

	constructor(
		readonly same: Same,
		readonly second: (person: Person) => string
	) {}

	/** The bucket of `person`'s pair, whose number is `key`. */
	get(key: number, person: Person): Bucket | undefined {
		const bucket = this.#byKey.get(key);
		this.#lastTaken =
			bucket !== undefined && !this.same(person, Array.isArray(bucket) ? bucket[0] : bucket);
		if (!this.#lastTaken) return bucket;
		return this.#taken?.get(person.name + KEY_SEPARATOR + this.second(person));
	}

	/** Add `person` under `key`. */
	add(key: number, person: Person) {
		this.addLooked(key, person, this.get(key, person));
	}

	/** Add `person` under `key`, whose bucket the last `get` (for this person) gave. */
	addLooked(key: number, person: Person, bucket: Bucket | undefined) {
		if (!this.#lastTaken) addTo(this.#byKey, key, person, bucket);
		else {
			this.#taken ??= new Map();
			addTo(this.#taken, person.name + KEY_SEPARATOR + this.second(person), person, bucket);
		}
	}
}

/**
 * Report the people of a bucket, each once per search (the first `MAX_BUCKET_SCAN`), who are
 * `same` as `person` (none asked: all).
 */
function reportBucket(
	search: Search,
	bucket: Bucket | undefined,
	by: DuplicateKey,
	person: Person,
	same: Same | null
) {
	if (bucket === undefined) return;
	if (!Array.isArray(bucket)) {
		if (bucket.seen === search.id || (same && !same(person, bucket))) return;
		bucket.seen = search.id;
		report(search, bucket, by);
		return;
	}
	const limit = Math.min(bucket.length, MAX_BUCKET_SCAN);
	for (let i = 0; i < limit; i++) {
		const match = bucket[i];
		if (match.seen === search.id || (same && !same(person, match))) continue;
		match.seen = search.id;
		report(search, match, by);
	}
}

class PersonIndex {
	readonly #byNameBirth = new PairMap(sameNameBirth, (p) => p.birth);
	readonly #byNameAddress = new PairMap(sameNameAddress, (p) => p.address);
	readonly #byRow = new Map<string, Bucket>();
	readonly #byPhone = new Map<string, Bucket>();

	add(person: Person) {
		if (person.nameBirth !== NO_KEY) this.#byNameBirth.add(person.nameBirth, person);
		if (person.nameAddress !== NO_KEY) this.#byNameAddress.add(person.nameAddress, person);
		if (person.row) addTo(this.#byRow, person.row, person, this.#byRow.get(person.row));
		for (const phone of person.phones)
			addTo(this.#byPhone, phone, person, this.#byPhone.get(phone));
	}

	/**
	 * Report every indexed row that is the same person, each once, with the key that matched;
	 * then add `person`. Each key is looked up once for both (a map of 100,000 keys: every
	 * lookup is a cache miss).
	 */
	searchAndAdd(person: Person, search: Search) {
		const { nameBirth, nameAddress, row, phones } = person;
		const byNameBirth = nameBirth !== NO_KEY ? this.#byNameBirth.get(nameBirth, person) : undefined;
		reportBucket(search, byNameBirth, 'name-birth', person, null);
		const byNameAddress =
			nameAddress !== NO_KEY ? this.#byNameAddress.get(nameAddress, person) : undefined;
		reportBucket(search, byNameAddress, 'name-address', person, null);
		const byRow = row ? this.#byRow.get(row) : undefined;
		reportBucket(search, byRow, 'same-row', person, null);
		if (phones.length === 1) {
			const byPhone = this.#byPhone.get(phones[0]);
			reportBucket(search, byPhone, 'phone', person, samePhonePerson);
			addTo(this.#byPhone, phones[0], person, byPhone);
		} else {
			for (const phone of phones)
				reportBucket(search, this.#byPhone.get(phone), 'phone', person, samePhonePerson);
			for (const phone of phones) addTo(this.#byPhone, phone, person, this.#byPhone.get(phone));
		}
		// Each pair's bucket as looked up above (a fresh row's none: not looked up again).
		if (nameBirth !== NO_KEY) this.#byNameBirth.addLooked(nameBirth, person, byNameBirth);
		if (nameAddress !== NO_KEY) this.#byNameAddress.addLooked(nameAddress, person, byNameAddress);
		if (row) addTo(this.#byRow, row, person, byRow);
	}
}

// ---------------------------------------------------------------- which rows can match at all

/**
 * Hashes of a row's keys (`KeyCounts`), one kind from another by their start: the pairs' numbers
 * (`pairKey`), a phone's key, the row's values (`Person.row`).
 */
const NAME_BIRTH_SEED = 0x1b873593;
const NAME_ADDRESS_SEED = 0x5bd1e995;
const PHONE_SEED = 0x27d4eb2f;
const ROW_SEED = 0x165667b1;

/** A 32-bit number spread over all its bits (MurmurHash3's finish), never 0 (`KeyCounts`' empty). */
function spread(h: number): number {
	h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
	h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
	h ^= h >>> 16;
	return h === 0 ? 1 : h;
}

/** `spread` of a pair's number. */
function pairHash(seed: number, key: number): number {
	return spread(Math.imul(seed ^ key, 0x01000193));
}

/** `spread` of a phone's key (`phoneKeys`), from its characters. */
function phoneHash(key: string, from = 0, to = key.length): number {
	let h = PHONE_SEED;
	for (let i = from; i < to; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
	return spread(h);
}

/**
 * Whether `cell` has a plain stored number (`isPlainStoredPhone`: `+7`, then 10 digits, the first
 * 3, 4, 8 or 9) in its 12 characters from `at`.
 */
function plainPhoneAt(cell: string, at: number): boolean {
	if (cell.charCodeAt(at) !== 0x2b || cell.charCodeAt(at + 1) !== 0x37) return false;
	const area = cell.charCodeAt(at + 2);
	if (area !== 0x33 && area !== 0x34 && area !== 0x38 && area !== 0x39) return false;
	for (let i = at + 3; i < at + 12; i++) {
		const c = cell.charCodeAt(i);
		if (c < 0x30 || c > 0x39) return false;
	}
	return true;
}

/**
 * The hashes of a row's keys, appended to `out` (each key of `personOf`: its pairs' numbers, its
 * phones' keys, its values when it has none of those), without the row's `Person`. A key may
 * give a hash more (a number twice in a cell): a row is then looked at for nothing, never missed.
 */
function keyHashes(values: Record<string, string>, columns: KeyColumnList, out: Hashes): void {
	readPairs(values, columns);
	const { nameBirth, nameAddress } = pairs;
	if (nameBirth !== NO_KEY) out.push(pairHash(NAME_BIRTH_SEED, nameBirth));
	if (nameAddress !== NO_KEY) out.push(pairHash(NAME_ADDRESS_SEED, nameAddress));
	const phone = columns.phone ? (values[columns.phone] ?? '') : '';
	let phones = 0;
	if (phone.length === 12 && plainPhoneAt(phone, 0)) {
		// Nearly every phone cell: one stored number, its own key (`phoneKeys`).
		out.push(phoneHash(phone));
		phones = 1;
	} else if (
		phone.length === 26 &&
		plainPhoneAt(phone, 0) &&
		phone.charCodeAt(12) === 0x2c &&
		phone.charCodeAt(13) === 0x20 &&
		plainPhoneAt(phone, 14)
	) {
		// Two of them (`, ` between): each its key (the same one twice: a hash more, see above).
		out.push(phoneHash(phone, 0, 12));
		out.push(phoneHash(phone, 14));
		phones = 2;
	} else if (phone) {
		const keys = phoneKeys(phone);
		for (const key of keys) out.push(phoneHash(key));
		phones = keys.length;
	}
	if (!columns.row || phones || nameBirth !== NO_KEY || nameAddress !== NO_KEY) return;
	// `Person.row`, hashed as it is written: each value with odd spaces as plain ones
	// (`withPlainSpaces`), then `KEY_SEPARATOR`.
	let h = ROW_SEED;
	let filled = false;
	for (const id of columns.row) {
		const value = values[id] ?? '';
		if (value) filled = true;
		for (let i = 0; i < value.length; i++) {
			const c = value.charCodeAt(i);
			h = Math.imul(h ^ (isOddSpace(c) ? 0x20 : c), 0x01000193);
		}
		h = Math.imul(h ^ 0, 0x01000193);
	}
	if (filled) out.push(spread(h));
}

/** A character `withPlainSpaces` makes an ordinary space. */
function isOddSpace(c: number): boolean {
	return (
		c === 0xa0 ||
		c === 0x1680 ||
		(c >= 0x2000 && c <= 0x200a) ||
		c === 0x202f ||
		c === 0x205f ||
		c === 0x3000
	);
}

/** The key hashes of every row, one after another (`starts`: where each row's begin). */
class Hashes {
	values = new Int32Array(1024);
	length = 0;

	push(h: number) {
		if (this.length === this.values.length) {
			const grown = new Int32Array(this.values.length * 2);
			grown.set(this.values);
			this.values = grown;
		}
		this.values[this.length++] = h;
	}
}

/**
 * How many rows have each key hash, 1 or 2 (2: more than one), in one table of numbers (open
 * addressing): no string, no object, no `Map` entry per row. A row none of whose hashes another
 * row has can match no row by any key, nor be matched: the search (`PersonIndex`) is left the
 * rows that can (a file of 100,000 residents, a few of them twice: those few).
 */
class KeyCounts {
	readonly #keys: Int32Array;
	readonly #counts: Uint8Array;
	readonly #mask: number;

	constructor(hashes: number) {
		let size = 1024;
		while (size < hashes * 2) size *= 2;
		this.#keys = new Int32Array(size);
		this.#counts = new Uint8Array(size);
		this.#mask = size - 1;
	}

	/** Counts `h` (not 0) once more; its slot. */
	add(h: number): number {
		const keys = this.#keys;
		let i = h & this.#mask;
		for (;;) {
			const key = keys[i];
			if (key === h) {
				this.#counts[i] = 2;
				return i;
			}
			if (key === 0) {
				keys[i] = h;
				this.#counts[i] = 1;
				return i;
			}
			i = (i + 1) & this.#mask;
		}
	}

	/** Whether the hash in `slot` (`add`) is more than one row's. */
	shared(slot: number): boolean {
		return this.#counts[slot] === 2;
	}
}

/**
 * Of every row (the existing ones, then the incoming ones, each with its key columns): whether it
 * may be the same person as another row (`may`: one of its keys' hashes is another row's), and
 * what `readPairs` found, for its `Person` without hashing its name again (`recall`).
 */
class RowKeys {
	readonly may: Uint8Array;
	readonly #hasName: Uint8Array;
	readonly #nameBirth: Int32Array;
	readonly #nameAddress: Int32Array;

	constructor(
		count: number,
		each: (visit: (values: Record<string, string>, columns: KeyColumnList) => void) => void
	) {
		const hashes = new Hashes();
		const starts = new Int32Array(count + 1);
		const hasName = (this.#hasName = new Uint8Array(count));
		const nameBirth = (this.#nameBirth = new Int32Array(count));
		const nameAddress = (this.#nameAddress = new Int32Array(count));
		let r = 0;
		each((values, columns) => {
			keyHashes(values, columns, hashes);
			hasName[r] = pairs.hasName ? 1 : 0;
			nameBirth[r] = pairs.nameBirth;
			nameAddress[r] = pairs.nameAddress;
			starts[++r] = hashes.length;
		});
		const counts = new KeyCounts(hashes.length);
		const slots = hashes.values;
		for (let i = 0; i < hashes.length; i++) slots[i] = counts.add(slots[i]);
		const may = (this.may = new Uint8Array(count));
		for (let row = 0; row < count; row++)
			for (let i = starts[row]; i < starts[row + 1]; i++)
				if (counts.shared(slots[i])) {
					may[row] = 1;
					break;
				}
	}

	/**
	 * `readPairs` of row `r` (its values and key columns given) from what was found: its name is
	 * not hashed again, and made only when asked for (`Person.name`: the same string).
	 */
	recall(r: number, values: Record<string, string>, columns: KeyColumnList): void {
		readKeys(values, columns);
		pairs.hasName = this.#hasName[r] === 1;
		pairs.nameBirth = this.#nameBirth[r];
		pairs.nameAddress = this.#nameAddress[r];
	}
}

/** For each incoming row, in order: its duplicates in the file, the sheet, other sheets. */
export function findDuplicates(options: FindDuplicatesOptions): DuplicateInfo[] {
	const { incoming, existing, targetSheetId, keyColumnsBySheet = {} } = options;
	const keyColumns = keyColumnList(options.keyColumns);
	const index = new PersonIndex();
	const otherColumns = new Map<string, KeyColumnList>();
	const deleted = new Set<string>();
	const columnsOf = (sheetId: string): KeyColumnList => {
		const own = keyColumnsBySheet[sheetId];
		if (!own) return keyColumns;
		let columns = otherColumns.get(sheetId);
		if (!columns) {
			columns = keyColumnList(own);
			otherColumns.set(sheetId, columns);
		}
		return columns;
	};
	// First the hashes of every row's keys, counted: only a row with a hash another row has is
	// looked for and put into the index (its buckets are the same as with every row in it: a
	// row left out shares no key with any row).
	const keys = new RowKeys(existing.length + incoming.length, (visit) => {
		for (const row of existing) visit(row.values, columnsOf(row.sheetId));
		for (const row of incoming) visit(row.values, keyColumns);
	});
	const { may } = keys;
	for (let r = 0; r < existing.length; r++) {
		const row = existing[r];
		if (row.deleted) deleted.add(row.rowId);
		if (!may[r]) continue;
		const columns = columnsOf(row.sheetId);
		keys.recall(r, row.values, columns);
		index.add(personOf(row.values, columns, -1, row.sheetId, row.rowId));
	}
	const duplicates: DuplicateInfo[] = new Array(incoming.length);
	// One search, its row's fields set for each row in turn.
	const search: Search = {
		id: 0,
		targetSheetId,
		deleted,
		named: false,
		info: null as unknown as DuplicateInfo,
		present: options.present
	};
	for (let i = 0; i < incoming.length; i++) {
		const row = incoming[i];
		// Most rows match nothing: they share the empty lists until a match needs its own.
		const info: DuplicateInfo = {
			line: row.line,
			inFile: null,
			inSheet: NO_MATCHES,
			inOtherSheets: NO_MATCHES
		};
		duplicates[i] = info;
		const r = existing.length + i;
		if (!may[r]) continue;
		keys.recall(r, row.values, keyColumns);
		const person = personOf(row.values, keyColumns, row.line, targetSheetId, '');
		search.id = i + 1;
		search.named = person.hasName;
		search.info = info;
		index.searchAndAdd(person, search);
	}
	return duplicates;
}

// ---------------------------------------------------------------- the plan

export interface SkippedRow {
	line: number;
	reason: 'duplicate-in-sheet' | 'duplicate-in-file' | 'ambiguous-in-sheet' | 'deleted-in-sheet';
	/** The row of the sheet, or the earlier line of the file, it duplicates. */
	rowId?: string;
	duplicateOfLine?: number;
	messageRu: string;
	messageEn: string;
}

export interface ImportPlan {
	/** New rows, in file order. */
	toAdd: IncomingRow[];
	/** Existing rows of the target sheet to update with the file's non-empty values. */
	toUpdate: { rowId: string; values: Record<string, string>; lines: number[] }[];
	skipped: SkippedRow[];
	/** With 'update': later lines folded into an earlier line of the same person. */
	merged: { line: number; intoLine: number }[];
	/**
	 * With 'update': cells of a later line that differ from the earlier line of the same person
	 * (or of the same row of the sheet): the earlier value is kept, and this is reported.
	 */
	mergeKept: MergeKept[];
}

/**
 * A cell of a later line of the file not folded in: `kept` (line `intoLine`'s) stays. With
 * 'skip', a value of a skipped line that is not written anywhere.
 */
export interface MergeKept {
	line: number;
	/** The earlier line of the file; none for a line skipped as already in the sheet (`rowId`). */
	intoLine?: number;
	/** With 'skip': the row of the sheet the line was skipped as (`kept` is its value). */
	rowId?: string;
	column: string;
	kept: string;
	file: string;
	/**
	 * With 'skip': the line was skipped as a repeat of `intoLine`, or as the row `rowId` of the
	 * sheet, and this value of it (which that line, or row, has not) is not written anywhere.
	 */
	skipped?: true;
	/**
	 * This line's phone cell did not fit its column (flagged), and the later line `laterLine` of
	 * the same resident gave the cell a number: `file` is what of it is not entered (all of it, or
	 * the parts that cannot be read), `kept` the numbers entered from the file.
	 */
	laterLine?: number;
}

export interface PlanImportOptions {
	incoming: IncomingRow[];
	/** `findDuplicates` for the same rows, same order. */
	duplicates: DuplicateInfo[];
	policy: DuplicatePolicy;
	/** Columns holding a list of phone numbers: two lines' different numbers are both kept. */
	listColumns?: readonly string[];
	/**
	 * A phone column's area code (by column), the one its values were read with: a later line's
	 * flagged cell gives its local numbers with it, as a row of the list's cell does
	 * (`commitPreparedImport`).
	 */
	areaCodes?: Readonly<Record<string, string>>;
	/**
	 * With 'skip': the values of a row of the target sheet (by column id; a column it lacks is
	 * not compared), asked only for a line skipped as that one row: what the line has that the
	 * row has not is reported (`MergeKept.rowId`).
	 */
	sheetValues?: (rowId: string) => Record<string, string> | undefined;
	/**
	 * Add the lines whose resident was deleted from the list, as new rows (the coordinator's
	 * choice: she emptied the list to load it again). Otherwise they are left out.
	 */
	addDeleted?: boolean;
}

/** Why two rows are the same person, in words («тот же телефон»). */
export function duplicateKeyWords(by: DuplicateKey, locale: 'ru' | 'en'): string {
	return KEY_WORDS[by][locale];
}

const KEY_WORDS: Record<DuplicateKey, { ru: string; en: string }> = {
	phone: { ru: 'тот же телефон', en: 'same phone' },
	'name-birth': { ru: 'те же ФИО и дата рождения', en: 'same name and date of birth' },
	'name-address': { ru: 'те же ФИО и адрес', en: 'same name and address' },
	'same-row': { ru: 'те же значения', en: 'same values' }
};

/**
 * Fold a later line's values into an earlier one's: an empty cell takes the value; a phone
 * column takes the numbers it lacks, and a valid number over one that is not; any other
 * different value (not only in case or spaces) is not taken but handed to `differs`. Found by
 * exploration: the later line's values replaced the earlier's, and a resident's first phone was
 * lost unreported. (A found row of the sheet takes values for its empty cells, and the numbers
 * its phone cell lacks: see `commitPreparedImport`.)
 */
function mergeValues(
	into: Record<string, string>,
	from: Record<string, string>,
	lists: ReadonlySet<string>,
	differs: (column: string, kept: string, file: string) => void,
	/**
	 * An earlier line's phone cell that did not fit gave way to this line's numbers (`kept`, the
	 * cell now): `lost` is what of it is not entered, all of it or the parts that cannot be read.
	 */
	dropped: (column: string, kept: string, lost: string) => void,
	/** A phone column's empty cell took this line's cell that does not fit. */
	filledFlagged: (column: string) => void,
	/** Phone columns' area codes (`PlanImportOptions.areaCodes`). */
	areaCodes: Readonly<Record<string, string>> = {}
) {
	for (const column in from) {
		const value = from[column];
		if (value === '') continue;
		const have = into[column] ?? '';
		if (have === '') {
			into[column] = value;
			if (lists.has(column) && !isStoredPhone(value)) filledFlagged(column);
		} else if (have === value || choiceKey(have) === choiceKey(value)) continue;
		else if (lists.has(column) && isStoredPhone(value)) {
			// (The invalid one is flagged with its line already.) An earlier line's cell flagged for
			// one number that cannot be read still gives the numbers it has (found in review: her
			// mobile from that line was lost, the later line's number put in its place).
			const readable = isStoredPhone(have) ? null : readablePhones(have, areaCodes[column]);
			const earlier = readable ? readable.numbers.reduce(joinPhones) : have;
			into[column] = isStoredPhone(earlier) ? joinPhones(earlier, value) : value;
			// What of it is not entered is named on its line, not dropped without a word (found in
			// review: the report counted line 2's «123-45-67» «Не по формату», the dialog did not).
			if (!isStoredPhone(have))
				dropped(column, into[column], readable ? readable.rest.join(', ') : have);
		} else {
			// A later line's phone cell flagged for one number that cannot be read (a landline
			// without its area code beside a mobile) still gives the numbers it has; the rest is
			// handed on (found by exploration: the resident's new mobile was left out).
			const readable =
				lists.has(column) && isStoredPhone(have) ? readablePhones(value, areaCodes[column]) : null;
			if (readable) into[column] = joinPhones(have, readable.numbers.join(', '));
			differs(column, into[column], readable ? readable.rest.join(', ') : value);
		}
	}
}

/**
 * Whether a line skipped as a row of the sheet has a value that the row has not, by the rule of
 * `mergeValues`: the row's cell is empty, or differs in more than case or spaces — for a phone
 * column, the line's valid numbers are not all among the row's (however the row writes them).
 */
function notInRow(file: string, have: string, list: boolean): boolean {
	if (file === '' || file === have || choiceKey(file) === choiceKey(have)) return false;
	if (!list || have === '' || !isStoredPhone(file)) return true;
	const numbers = phoneKeys(have);
	return !storedPhoneNumbers(file).every((n) => numbers.includes(n));
}

/**
 * What an import does with its duplicates (other sheets never change the plan: they are shown,
 * not acted on — a resident on the call list may well have a request too):
 * - 'skip': a row already in the sheet, or earlier in the file, is not added. Importing the same
 *   file twice adds nothing the second time.
 * - 'update': a row already in the sheet fills that row's empty cells with its non-empty ones,
 *   and adds to its phone cell the numbers it lacks (`commitPreparedImport`: a filled cell is
 *   replaced only when the coordinator asks for it, «Заменять записанное значениями из файла»,
 *   and then by the line kept here); a row that matches several rows
 *   of the sheet (a couple sharing a landline) fills none and is reported, not guessed; a row
 *   seen earlier in the file is folded into that earlier row by the same rule (`mergeValues`:
 *   the earlier value stays, the difference is reported). Nothing is added twice, nothing is
 *   erased.
 * - 'keep': every row is added; duplicates are only reported by `findDuplicates`.
 */
export function planImport(options: PlanImportOptions): ImportPlan {
	const { incoming, duplicates, policy } = options;
	const plan: ImportPlan = { toAdd: [], toUpdate: [], skipped: [], merged: [], mergeKept: [] };
	const lists = new Set(options.listColumns ?? []);
	if (policy === 'keep') {
		plan.toAdd = incoming.slice();
		return plan;
	}
	/** Where each kept line's values went: a new row (its first line) or an update. */
	const target = new Map<number, { values: Record<string, string>; line?: number }>();
	/**
	 * Of the values planned for a row: the line a phone cell that did not fit came from, when
	 * not the row's first line (few: recorded as `mergeValues` takes one into an empty cell).
	 */
	const flaggedFrom = new Map<Record<string, string>, Record<string, number>>();
	/** `mergeValues` for the line `line` into the row `to`: what it drops is named on its line. */
	const merge = (
		to: { values: Record<string, string>; line?: number },
		row: IncomingRow,
		intoLine: number | undefined
	) =>
		mergeValues(
			to.values,
			row.values,
			lists,
			(column, kept, file) => plan.mergeKept.push({ line: row.line, intoLine, column, kept, file }),
			(column, kept, file) =>
				plan.mergeKept.push({
					line: flaggedFrom.get(to.values)?.[column] ?? to.line ?? row.line,
					laterLine: row.line,
					column,
					kept,
					file
				}),
			(column) => {
				const from = flaggedFrom.get(to.values);
				if (from) from[column] = row.line;
				else flaggedFrom.set(to.values, { [column]: row.line });
			},
			options.areaCodes
		);
	const updates = new Map<string, ImportPlan['toUpdate'][number]>();
	let byLine: Map<number, Record<string, string>> | undefined;
	/**
	 * A line whose resident is among the list's deleted rows only is not added back (found by
	 * exploration: an operator deleted a resident who had died, and the department's next
	 * week's list added him again, counted among the new residents, without a word).
	 */
	const deletedLines = new Set<number>();
	const skipDeleted = (row: IncomingRow, match: { by: DuplicateKey }) => {
		const by = KEY_WORDS[match.by];
		deletedLines.add(row.line);
		plan.skipped.push({
			line: row.line,
			reason: 'deleted-in-sheet',
			messageRu: `Строка ${row.line}: житель удалён из списка (${by.ru}) — не добавлен. Если он снова нужен, восстановите строку в «Удалённые строки».`,
			messageEn: `Line ${row.line}: this resident was deleted from the list (${by.en}) — not added. If needed again, restore the row from “Deleted rows”.`
		});
	};
	incoming.forEach((row, i) => {
		const dup = duplicates[i];
		const sheetMatch = dup?.inSheet[0];
		const fileMatch = dup?.inFile;
		const deletedMatch = sheetMatch || options.addDeleted ? undefined : dup?.inDeleted?.[0];
		if (deletedMatch) {
			skipDeleted(row, deletedMatch);
			return;
		}
		// The same resident's later line (matched to the skipped one by a new phone, say) is
		// left out too; with 'update' it was added (found in review).
		if (!sheetMatch && fileMatch && deletedLines.has(fileMatch.line)) {
			skipDeleted(row, fileMatch);
			return;
		}
		if (policy === 'skip') {
			if (sheetMatch) {
				const by = KEY_WORDS[sheetMatch.by];
				plan.skipped.push({
					line: row.line,
					reason: 'duplicate-in-sheet',
					rowId: sheetMatch.rowId,
					messageRu: `Строка ${row.line}: уже есть в таблице (${by.ru}) — пропущена.`,
					messageEn: `Line ${row.line}: already in the sheet (${by.en}) — skipped.`
				});
				// What it has that the row has not (a second phone, a note, a value for an empty
				// cell) is said too (found while fixing the skipped-repeat report: lost without a
				// word). Not for a line matching several rows: which resident it is, is not known.
				const have = dup.inSheet.length === 1 ? options.sheetValues?.(sheetMatch.rowId) : undefined;
				if (have)
					for (const column in row.values) {
						const file = row.values[column];
						const kept = have[column];
						if (kept === undefined || !notInRow(file, kept, lists.has(column))) continue;
						plan.mergeKept.push({
							line: row.line,
							rowId: sheetMatch.rowId,
							column,
							kept,
							file,
							skipped: true
						});
					}
			} else if (fileMatch) {
				const by = KEY_WORDS[fileMatch.by];
				plan.skipped.push({
					line: row.line,
					reason: 'duplicate-in-file',
					duplicateOfLine: fileMatch.line,
					messageRu: `Строка ${row.line}: повтор строки ${fileMatch.line} (${by.ru}) — пропущена.`,
					messageEn: `Line ${row.line}: repeats line ${fileMatch.line} (${by.en}) — skipped.`
				});
				// What it has that the line kept has not is said, not lost without a word (found by
				// exploration: a resident's second phone).
				byLine ??= new Map(incoming.map((r) => [r.line, r.values]));
				const first = byLine.get(fileMatch.line) ?? {};
				for (const column in row.values) {
					const file = row.values[column];
					const kept = first[column] ?? '';
					if (!file || choiceKey(file) === choiceKey(kept)) continue;
					if (lists.has(column) && joinPhones(kept, file) === kept) continue;
					plan.mergeKept.push({
						line: row.line,
						intoLine: fileMatch.line,
						column,
						kept,
						file,
						skipped: true
					});
				}
			} else plan.toAdd.push(row);
			return;
		}
		// 'update'
		if (sheetMatch && dup.inSheet.length > 1) {
			// Which of them? Filling the first one's cells put a request onto the wrong resident
			// (found by exploration): the coordinator decides.
			const by = KEY_WORDS[sheetMatch.by];
			const n = dup.inSheet.length;
			plan.skipped.push({
				line: row.line,
				reason: 'ambiguous-in-sheet',
				rowId: sheetMatch.rowId,
				messageRu: `Строка ${row.line}: подходит к нескольким жителям списка (${by.ru}, строк: ${n}${n >= MAX_LISTED_MATCHES ? ' и более' : ''}) — не внесена, внесите вручную.`,
				messageEn: `Line ${row.line}: matches several residents of the list (${by.en}, rows: ${n}${n >= MAX_LISTED_MATCHES ? ' or more' : ''}) — not written, enter it by hand.`
			});
			return;
		}
		if (sheetMatch) {
			let update = updates.get(sheetMatch.rowId);
			if (!update) {
				update = { rowId: sheetMatch.rowId, values: {}, lines: [] };
				updates.set(sheetMatch.rowId, update);
				plan.toUpdate.push(update);
			}
			// A later line of the same resident is folded into her row as into a new resident's
			// first line, and counted so (found in review: it was counted nowhere, the totals one
			// short of the file's lines for each resident of the list the file has twice).
			if (update.lines.length) plan.merged.push({ line: row.line, intoLine: update.lines[0] });
			merge(update, row, update.lines[0]);
			update.lines.push(row.line);
			target.set(row.line, update);
			return;
		}
		const earlier = fileMatch ? target.get(fileMatch.line) : undefined;
		if (fileMatch && earlier) {
			merge(earlier, row, fileMatch.line);
			target.set(row.line, earlier);
			plan.merged.push({ line: row.line, intoLine: fileMatch.line });
			return;
		}
		const added: IncomingRow = { line: row.line, values: { ...row.values } };
		plan.toAdd.push(added);
		target.set(row.line, added);
	});
	return plan;
}
