/**
 * Russian phone numbers, written every way a call list holds them, stored in E.164:
 * `+7XXXXXXXXXX`, with an extension as `+7XXXXXXXXXX;ext=123` (RFC 3966). A cell may hold
 * several numbers (a mobile and a landline, a relative's): `8 911 123-45-67, 8 812 555-12-34`
 * is stored `+79111234567, +78125551234` and shown `+7 (911) 123-45-67, +7 (812) 555-12-34`.
 * A number may carry a short note, as lists write who answers it or what it is:
 * `8 911 123-45-67 (дочь)`, `дом. 8 812 555-12-34` are stored `+79111234567 (дочь)`,
 * `+78125551234 (дом.)` and shown `+7 (911) 123-45-67 (дочь)`.
 *
 * Rules (in this order):
 * - Spaces (NBSP too), quotes, Excel's leading apostrophe around the number are ignored;
 *   so are the separators `- – — ( ) . / , ;` between digits.
 * - An extension at the end — `доб. 123`, `доб 123`, `вн. 12`, `ext 123`, `x123`, `#123` —
 *   is kept.
 * - Words after the number (and its extension), in brackets or not — `(дочь)`, `сосед Иван` —
 *   or before it — `дочь: …`, `моб. …` — are its note: up to 40 characters from a letter on,
 *   with no digit, bracket, `,` or `;` in them — but a note in brackets to the end of the
 *   value may have `,` or `;` between its words, stored « — » (`8 912 345-67-89 (дочь Мария,
 *   звонить вечером)` → `+79123456789 (дочь Мария — звонить вечером)`: a comma in a stored cell
 *   separates its numbers). `тел.` (`телефон`, `т.`) before a number says
 *   nothing and is dropped. Any other letter (letters between digits, a longer note) →
 *   'letters'; so is a value without any digit (`нет`, `—`).
 * - `+7 …`, `8 …`, `7 …` followed by 10 digits, or 10 digits alone, is a Russian number when
 *   the area code starts with 3, 4, 8 or 9 (the Russian ranges of zone +7); `+7 6xx`, `+7 7xx`
 *   are Kazakhstan → 'not-russian', as is any other country code (`+380…`, `+375…`, also
 *   dialled as `00380…` or `8 10 380…`).
 * - A local number, 5 to 7 digits without `+` (`555-12-34`, Kaluga's `56-78-90`): with the
 *   column's area code (`812`, `4842`) that makes 10 digits with it, it is that city's number
 *   (`+78125551234`); without one → 'no-area-code', which says what to do; with one that does
 *   not fit (a 6-digit number, code 812) → 'local-length'.
 * - The same local number after the long-distance 8, as lists write every number
 *   (`8 529-94-28`), is that city's number when the column has an area code and the digits after
 *   the 8 are exactly its local length (7 for 812, 6 for 4842): `8 529-94-28` with 812 is
 *   `+78125299428`. Without a code it is 'no-area-code', as the same number without the 8 is
 *   (one reason for one problem: it was 'too-short' with the 8); with a code of another length
 *   'local-length'. The 8 is not dropped when what follows is `0…`, `8…` (no local number
 *   starts so) or `9…` (`8 911-12-34` is how a mobile number with three digits missing begins,
 *   far likelier than a local one).
 * - A local length starting with 0 or 8 that is not such a number (`892-28-73`, `012-34-56`;
 *   also `812-34-56` with 812, though `8 12-34-56` is Kaluga's with 4842) → 'local-start': no
 *   local number starts so, and a code is not what is missing.
 * - Fewer than 10 digits otherwise → 'too-short' (digits are missing), and so are
 *   10 digits from 78, 79, 88, 89 (`8 911 123 45 6`: no area code starts so, it is a trunk
 *   prefix and a digit is missing); more → 'too-long' (often two numbers with only spaces
 *   between them). Without `+`, `00` or `8 10` the country is never guessed: 11 digits that
 *   don't start with 7 or 8 are 'too-long'.
 * - A value that is not one number, but numbers separated by `,`, `;` or line breaks, is
 *   those numbers (each by the rules above, an extension after a separator — `…, доб. 12` —
 *   staying with the number before it; the same number twice is kept once) when every
 *   one of them is valid; otherwise it is flagged with the first invalid one's reason. A cell
 *   is never split inside brackets (`… (сын/дочь), …`, `… (дочь или сын) / …`).
 * - So are numbers a list writes as alternatives, with `/`, `\` or «или» («либо») between them:
 *   `8 912 345-67-89 / 8 (343) 222-33-44` is `+79123456789, +73432223344`, the cell an operator
 *   dials from showing both; when only some of them are valid → 'several-numbers'.
 * An invalid value is returned exactly as typed.
 */
import { trimValue } from './clean';
import { invalid, valid, type ValueResult } from './result';

export type PhoneReason =
	| 'empty'
	| 'too-short'
	| 'no-area-code'
	| 'local-length'
	| 'local-start'
	| 'too-long'
	| 'not-russian'
	| 'letters'
	| 'excel-exponent'
	| 'several-numbers';

/**
 * A Russian area code a column's local numbers are dialled with: 3 to 5 digits, the first 3, 4
 * or 8 (9xx codes are mobile: no local numbers). St Petersburg 812, Kaluga 4842, Obninsk 484.
 */
export const AREA_CODE = /^[348]\d{2,4}$/;

/**
 * An area code as typed into a field: spaces, brackets and dashes go («(812)» → `812`); letters
 * stay, so `AREA_CODE` refuses them rather than taking what is left.
 */
export function typedAreaCode(text: string): string {
	return text.replace(/[\s()-]/g, '');
}

/** Digits of a local number without its area code: 5 (a 5-digit code) to 7 (a 3-digit code). */
const LOCAL_MIN = 5;
const LOCAL_MAX = 7;

/** A number Excel wrote as a float: `89111234567.0` (the digits are all there). */
const EXCEL_FLOAT = /^(\d{5,11})[.,]0+$/;
/** A number Excel wrote in exponent form: `8,91112E+10` (the last digits are lost). */
const EXCEL_EXPONENT = /^\d(?:[.,]\d+)?[eE]\+?\d{1,2}$/;
export type PhoneResult = ValueResult<PhoneReason>;

/** Digits of a Russian number without the country code. */
const NATIONAL_DIGITS = 10;
/** Digits kept while scanning; a longer value is 'too-long' whatever it holds. */
const MAX_DIGITS = 24;

/** The stored form of one number (also what `formatPhone` accepts). */
const STORED =
	/^\+7([3489]\d\d)(\d{3})(\d\d)(\d\d)(?:;ext=(\d{1,8}))?(?: \(([^\s\d()\n\r,;](?:[^\d()\n\r,;]{0,38}[^\s\d()\n\r,;])?)\))?$/;
/** Between the numbers of a cell in the stored form. */
export const PHONE_LIST_SEPARATOR = ', ';
/** Between the numbers of a cell as typed: `,`, `;` or a line break (spaces around them are
 * trimmed from the parts: a `\s*` here made a long run of spaces quadratic). */
const TYPED_LIST_SEPARATOR = /[,;\n\r]/;
/**
 * Between two numbers a list writes as alternatives: `/`, `\`, or «или», «либо», «или же», «or»
 * between spaces. Tried only when the cell is not one number nor a list by `TYPED_LIST_SEPARATOR`
 * (a note «сын и дочь» after one number stays its note).
 */
export const WIDE_LIST_SEPARATOR = /[,;\n\r/\\]|\s(?:или(?: же)?|либо|or)\s/i;
/** Whether a cell has one of the separators only `WIDE_LIST_SEPARATOR` knows. */
export const ALTERNATIVE_SEPARATOR = /[/\\]|\s(?:или|либо|or)\s/i;
/** A part that is only an extension (`доб. 12`, `ext=12`): it belongs to the number before it,
 * as `8 (812) 123-45-67, доб 45` is one number. */
const EXTENSION_ONLY =
	/^\(?\s*(?:добавочный|доб|внутренний|вн|extension|ext|x|х|#)\.?\s*[:=]?\s*\d{1,8}[\s.)]*$/i;

/** An extension marker and its digits, matched (sticky) where the scan met a letter; a note
 * may follow. */
const EXTENSION =
	/(?:добавочный|доб|внутренний|вн|extension|ext|x|х|#)\.?\s*[:=]?\s*(\d{1,8})[\s.)]*(?:\(?\s*([A-Za-zА-Яа-яЁё][^\d()\n\r,;]{0,39})\)?\s*)?$/iy;
/** A note after the number, from the letter where the scan stopped to the end. */
const NOTE_AFTER = /\(?\s*([A-Za-zА-Яа-яЁё][^\d()\n\r,;]{0,39})\)?\s*$/y;
/** A note in brackets to the end, its words separated by `,` or `;` (`bracketedNote`). */
const NOTE_IN_BRACKETS = /([A-Za-zА-Яа-яЁё][^\d()\n\r]*)\)\s*$/y;
/** A `,` or `;` between a note's words: the cell's separator between numbers, stored « — ». */
const NOTE_COMMA = /\s*[,;]\s*/g;
/** A label before the number (`дочь:`, `моб.`, `(сосед)`): its words, up to 40 characters. */
const NOTE_BEFORE = /[A-Za-zА-Яа-яЁё][^\d()+\n\r,;:]{0,39}/y;
/** A label that only says "phone": dropped. */
const PHONE_LABEL = /^(?:тел(?:ефон)?|т|tel|phone)\.?$/i;
/** Characters trimmed from the ends of a note. */
const NOTE_EDGES = /^[\s\-–—:]+|[\s\-–—:]+$/g;
/** Longest note kept with a number. */
const MAX_NOTE = 40;

/**
 * The label starting at `i` when a number follows it (after `)`, `:`, spaces or `(`): where
 * the label ends and where the number begins; else null. The spaces are skipped by a loop: in
 * a regular expression, a run of them with nothing after is tried from each of its spaces
 * (quadratic).
 */
function labelAt(s: string, i: number): { end: number; number: number } | null {
	NOTE_BEFORE.lastIndex = i;
	if (!NOTE_BEFORE.exec(s)) return null;
	const end = NOTE_BEFORE.lastIndex;
	let j = end;
	if (s.charCodeAt(j) === 0x29) j++; // )
	while (j < s.length && isSpace(s.charCodeAt(j))) j++;
	if (s.charCodeAt(j) === 0x3a) j++; // :
	while (j < s.length && (isSpace(s.charCodeAt(j)) || s.charCodeAt(j) === 0x28)) j++;
	const next = s.charCodeAt(j);
	return next === 0x2b || (next >= 48 && next <= 57) ? { end, number: j } : null;
}

function isSpace(code: number): boolean {
	return code === 32 || code === 9 || code === 0xa0 || code === 0x202f;
}

/**
 * A note in brackets after the number, from the letter at `i` to the cell's end, with a `,` or
 * `;` between its words — «(дочь Мария, звонить вечером)»: as stored, « — » in their place (a
 * comma in a stored cell separates its numbers); null when it is not one, or longer than
 * `MAX_NOTE` so.
 */
function bracketedNote(s: string, i: number): string | null {
	let k = i - 1;
	while (k >= 0 && isSpace(s.charCodeAt(k))) k--;
	if (s.charCodeAt(k) !== 0x28) return null; // (
	NOTE_IN_BRACKETS.lastIndex = i;
	const match = NOTE_IN_BRACKETS.exec(s);
	if (!match) return null;
	const note = match[1].replace(NOTE_COMMA, ' — ').replace(NOTE_EDGES, '').replace(/\s+/g, ' ');
	return note && note.length <= MAX_NOTE ? note : null;
}

/** A note as stored: its ends trimmed, its spaces collapsed; '' when nothing is left. */
function cleanNote(text: string): string {
	return text.replace(NOTE_EDGES, '').replace(/\s+/g, ' ').slice(0, MAX_NOTE).trim();
}

/** Digits of the value being scanned: reused, so a call allocates only its result. */
const digits = new Uint8Array(MAX_DIGITS);

function isSeparator(code: number): boolean {
	return (
		code === 32 ||
		code === 0x2d || // -
		code === 0x28 || // (
		code === 0x29 || // )
		code === 0x2e || // .
		code === 0x2f || // /
		code === 0x2c || // ,
		code === 0x3b || // ;
		code === 9 ||
		code === 0xa0 ||
		(code >= 0x2000 && code <= 0x200b) ||
		(code >= 0x2010 && code <= 0x2015) || // hyphens and dashes
		code === 0x2212 || // minus sign
		code === 0x202f
	);
}

/**
 * Parse a phone number, or several, as typed; see the module comment for the rules. `areaCode`
 * (`AREA_CODE`, else ignored) completes local numbers.
 */
export function normalizePhone(raw: string, areaCode = ''): PhoneResult {
	const code = AREA_CODE.test(areaCode) ? areaCode : '';
	// A phone column Excel took for numbers: as a float the number is whole, in exponent form its
	// last digits are gone (found by exploration: both read as "too many digits" or "letters",
	// which says nothing of the cause). The float is read by its whole part only, before the
	// value as typed: its zeros after the point are no digits of the number (found in review:
	// `555123.0`, a local number a digit short, was stored as +78125551230 with the code 812, and
	// `8921765432.0`, a mobile a digit short, as +79217654320 — somebody else's number).
	const trimmed = trimValue(raw);
	const float = EXCEL_FLOAT.exec(trimmed);
	if (float) {
		const whole = normalizeOnePhone(float[1], code);
		return whole.ok ? whole : invalid(raw, whole.reason);
	}
	const one = normalizeOnePhone(raw, code);
	if (!one.ok && EXCEL_EXPONENT.test(trimmed)) return invalid(raw, 'excel-exponent');
	// Two numbers run together are too long; with a note or a line break between, letters.
	if (one.ok || (one.reason !== 'too-long' && one.reason !== 'letters')) return one;
	if (isStoredPhone(raw)) return valid(raw);
	const list = phoneList(raw, phoneParts(raw), code);
	if (list?.ok) return list;
	// `8 912 345-67-89 / 8 (343) 222-33-44`, `… или …`: a list too, when every number is valid;
	// when only some are, flagged as several numbers (found by exploration: flagged as letters,
	// or as too many digits, a hotline operator could not tell that the cell held two numbers).
	if (ALTERNATIVE_SEPARATOR.test(raw)) {
		const parts = phoneParts(raw, WIDE_LIST_SEPARATOR);
		const wide = phoneList(raw, parts, code);
		if (wide?.ok) return wide;
		if (wide && parts.some((part) => normalizeOnePhone(part, code).ok))
			return invalid(raw, 'several-numbers');
	}
	return list ?? one;
}

/**
 * The numbers of `parts` as a stored list (the same number twice kept once) when every one is
 * valid; else flagged with the first invalid one's reason; null for fewer than two parts.
 */
function phoneList(raw: string, parts: string[], code: string): PhoneResult | null {
	if (parts.length <= 1) return null;
	const numbers = new Set<string>();
	for (const part of parts) {
		const phone = normalizeOnePhone(part, code);
		if (!phone.ok) return invalid(raw, phone.reason);
		numbers.add(phone.value);
	}
	return valid([...numbers].join(PHONE_LIST_SEPARATOR));
}

/** An area code of each length (`AREA_CODE`): which one does not matter, only its length. */
const SOME_AREA_CODES = ['300', '3000', '30000'];

/**
 * True when some area code completes `raw`: a local number (`555-12-34`), also after the trunk 8
 * (`8 555-12-34`, flagged 'too-short' without a code), or several of them. What the import counts
 * to ask the coordinator for the code.
 */
export function areaCodeCompletes(raw: string): boolean {
	return SOME_AREA_CODES.some((code) => normalizePhone(raw, code).ok);
}

/**
 * The numbers of a cell as typed, each as its own text: split at `,`, `;` and line breaks (with
 * `WIDE_LIST_SEPARATOR`, at `/`, `\` and «или» too), an extension after a separator (`…, доб. 12`,
 * `…;ext=12`) kept with the number before it.
 */
export function phoneParts(raw: string, separator = TYPED_LIST_SEPARATOR): string[] {
	const parts: string[] = [];
	for (const piece of bracketed(trimValue(raw), separator)) {
		const part = piece.trim();
		if (part === '') continue;
		if (parts.length > 0 && EXTENSION_ONLY.test(part)) parts[parts.length - 1] += ' ' + part;
		else parts.push(part);
	}
	return parts;
}

/**
 * `text` split at `separator`, but not inside brackets: a note after a number,
 * «(дочь Мария, звонить вечером)», «(сын/дочь)», «(дочь или сын)», stays whole with its number
 * (found in review: a cell only partly readable kept «дочь Мария» and listed the rest as unread).
 * A bracket never closed splits as if it were not there, and so does one with a digit after the
 * separator: a note has none, it is another number («(дочь, 8 921 000-00-00)», «(мама или 8 921
 * …)»: found in review, such a cell was read as no number at all, its resident not found by
 * either and added again) — and one whose note the number cannot carry whole either.
 */
function bracketed(text: string, separator: RegExp): string[] {
	const pieces = text.split(separator);
	if (pieces.length === 1 || !text.includes('(')) return pieces;
	// The separators themselves, to join the pieces inside brackets back as written.
	const between = text.match(new RegExp(separator.source, separator.flags + 'g')) ?? [];
	const joined: string[] = [];
	// One pass (a cell of 100,000 «(,» is no slower than one of commas): the pieces from `start`
	// are one while a bracket among them is open.
	let start = 0;
	let depth = 0;
	for (let i = 0; i < pieces.length; i++) {
		if (depth > 0 && hasDigit(pieces[i])) {
			// Not a note: the pieces from `start` are split as written.
			for (let k = start; k < i; k++) joined.push(pieces[k]);
			start = i;
			depth = 0;
		}
		depth = Math.max(0, depth + bracketDepth(pieces[i]));
		if (depth > 0) continue;
		let piece = pieces[start];
		for (let k = start; k < i; k++) piece += between[k] + pieces[k + 1];
		// Joined only when that makes its note one the number can carry: a longer one, one after
		// an extension, one over two lines, are split as written, their number still read (found
		// in review: «8 912 345-67-89 (дочь Мария Ивановна, звонить только вечером после работы)»
		// had no number left, and its resident was not found by it).
		const read = i === start ? null : normalizeOnePhone(piece, '');
		if (!read || read.ok || read.reason !== 'letters') joined.push(piece);
		else for (let k = start; k <= i; k++) joined.push(pieces[k]);
		start = i + 1;
	}
	for (let k = start; k < pieces.length; k++) joined.push(pieces[k]);
	return joined;
}

function hasDigit(text: string): boolean {
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code >= 48 && code <= 57) return true;
	}
	return false;
}

/** Brackets opened and not closed in `text` (negative: closed more). */
function bracketDepth(text: string): number {
	let depth = 0;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code === 0x28) depth++;
		else if (code === 0x29) depth--;
	}
	return depth;
}

/**
 * Whether the `length` digits scanned are the trunk 8 and a local number (5 to 7 digits, not
 * starting with 0, 8 or 9): what some area code completes (`8 529-94-28` with 812, `8 56-78-90`
 * with 4842).
 */
function isTrunkLocal(length: number): boolean {
	return (
		digits[0] === 8 &&
		length - 1 >= LOCAL_MIN &&
		length - 1 <= LOCAL_MAX &&
		digits[1] !== 0 &&
		digits[1] !== 8 &&
		digits[1] !== 9
	);
}

/** One number as typed; `areaCode` is valid or ''. */
function normalizeOnePhone(raw: string, areaCode: string): PhoneResult {
	const s = trimValue(raw);
	if (s.length === 0) return invalid(raw, 'empty');

	let count = 0;
	let plus = false;
	let extension = '';
	let note = '';
	for (let i = 0; i < s.length; i++) {
		const code = s.charCodeAt(i);
		if (code >= 48 && code <= 57) {
			if (count < MAX_DIGITS) digits[count] = code - 48;
			count++;
		} else if (code === 0x2b && count === 0 && !plus) {
			plus = true;
		} else if (!isSeparator(code)) {
			if (count === 0 && !plus && !note) {
				// A label before the number.
				const label = labelAt(s, i);
				if (label) {
					const text = cleanNote(s.slice(i, label.end));
					note = PHONE_LABEL.test(text) ? '' : text;
					i = label.number - 1;
					continue;
				}
			}
			if (count > 0) {
				EXTENSION.lastIndex = i;
				const match = EXTENSION.exec(s);
				if (match) {
					extension = match[1];
					if (match[2] && !note) note = cleanNote(match[2]);
					else if (match[2]) return invalid(raw, 'letters');
					break;
				}
				NOTE_AFTER.lastIndex = i;
				const after = note ? null : NOTE_AFTER.exec(s);
				if (after) {
					note = cleanNote(after[1]);
					break;
				}
				const inBrackets = note ? null : bracketedNote(s, i);
				if (inBrackets) {
					note = inBrackets;
					break;
				}
			}
			return invalid(raw, 'letters');
		}
	}
	if (count === 0) return invalid(raw, 'letters');
	if (count > MAX_DIGITS) return invalid(raw, 'too-long');

	// International prefixes dialled from Russia: 00… and 8 10 …
	let start = 0;
	if (!plus && count >= 12) {
		if (digits[0] === 0 && digits[1] === 0) {
			plus = true;
			start = 2;
		} else if (digits[0] === 8 && digits[1] === 1 && digits[2] === 0) {
			plus = true;
			start = 3;
		}
	}

	let national: number;
	const length = count - start;
	if (!plus && length >= LOCAL_MIN && length <= LOCAL_MAX && digits[0] !== 0 && digits[0] !== 8) {
		if (length + areaCode.length !== NATIONAL_DIGITS)
			return invalid(raw, areaCode ? 'local-length' : 'no-area-code');
		for (let i = length - 1; i >= 0; i--) digits[i + areaCode.length] = digits[i];
		for (let i = 0; i < areaCode.length; i++) digits[i] = areaCode.charCodeAt(i) - 48;
		count = NATIONAL_DIGITS;
		national = 0;
	} else if (
		!plus &&
		areaCode &&
		length - 1 + areaCode.length === NATIONAL_DIGITS &&
		isTrunkLocal(length)
	) {
		// A local number after the trunk 8 (`8 529-94-28`, lists put 8 before every number): the
		// 8 goes, the column's code takes its place (found in review: it stayed «не хватает кода
		// города» after the coordinator gave the code).
		for (let i = length - 1; i >= 1; i--) digits[i - 1 + areaCode.length] = digits[i];
		for (let i = 0; i < areaCode.length; i++) digits[i] = areaCode.charCodeAt(i) - 48;
		count = NATIONAL_DIGITS;
		national = 0;
	} else if (plus) {
		if (digits[start] !== 7) return invalid(raw, 'not-russian');
		national = start + 1;
	} else if (length === NATIONAL_DIGITS + 1 && (digits[0] === 8 || digits[0] === 7)) {
		national = 1;
	} else if (length === NATIONAL_DIGITS) {
		// No area code in zone +7 starts with 78, 79, 88 or 89: that is a trunk 7 or 8
		// followed by a mobile number with a digit missing.
		if ((digits[0] === 7 || digits[0] === 8) && digits[1] >= 8) return invalid(raw, 'too-short');
		national = 0;
	} else if (!plus && areaCode && length + areaCode.length === NATIONAL_DIGITS) {
		// The local length of the column's code, but starting with 0 or 8, as no local number
		// does (`892-28-73` with 812): not «no area code», which the coordinator has just given
		// (found by exploration: the report asked for the code she had given).
		return invalid(raw, 'local-start');
	} else if (!plus && isTrunkLocal(length)) {
		// A local number after the trunk 8 (`8 529-94-28`) that no code, or not this one, completes:
		// the reason a local number without the 8 has (it said «слишком короткий» for one and
		// «без кода города» for the other), as the import's question for the code counts it.
		return invalid(raw, areaCode ? 'local-length' : 'no-area-code');
	} else if (!plus && length >= LOCAL_MIN && length <= LOCAL_MAX) {
		// A local length starting with 0 or 8 that no area code completes (`892-28-73`,
		// `012-34-56`): no local number starts so, with a code or without one.
		return invalid(raw, 'local-start');
	} else {
		return invalid(raw, length < NATIONAL_DIGITS ? 'too-short' : 'too-long');
	}
	const rest = count - national;
	if (rest < NATIONAL_DIGITS) return invalid(raw, 'too-short');
	if (rest > NATIONAL_DIGITS) return invalid(raw, 'too-long');
	const area = digits[national];
	if (area !== 3 && area !== 4 && area !== 8 && area !== 9) return invalid(raw, 'not-russian');

	const value = storedRussianNumber(digits, national);
	const withExtension = extension ? value + ';ext=' + extension : value;
	return valid(note ? `${withExtension} (${note})` : withExtension);
}

/**
 * True when `stored` is already in the stored form: `+7XXXXXXXXXX[;ext=N][ (note)]`, or several
 * such numbers, different, separated by `, `.
 */
export function isStoredPhone(stored: string): boolean {
	if (isPlainStoredPhone(stored) || STORED.test(stored)) return true;
	if (!stored.includes(PHONE_LIST_SEPARATOR)) return false;
	const numbers = stored.split(PHONE_LIST_SEPARATOR);
	return numbers.every((n) => STORED.test(n)) && new Set(numbers).size === numbers.length;
}

/**
 * `+7`, then 10 digits, the first 3, 4, 8 or 9: one number in its stored form, without an
 * extension. Checked without a regular expression: it is what nearly every phone cell holds
 * (an import's duplicate search asks for 100,000 of them).
 */
function isPlainStoredPhone(cell: string): boolean {
	if (cell.length !== 12 || cell.charCodeAt(0) !== 0x2b || cell.charCodeAt(1) !== 0x37)
		return false;
	const area = cell.charCodeAt(2);
	if (area !== 0x33 && area !== 0x34 && area !== 0x38 && area !== 0x39) return false;
	for (let i = 3; i < 12; i++) {
		const c = cell.charCodeAt(i);
		if (c < 0x30 || c > 0x39) return false;
	}
	return true;
}

/**
 * The numbers of a stored cell (`+79111234567 (дочь), +78125551234` gives two), each with its
 * note.
 */
export function storedPhones(stored: string): string[] {
	return stored.includes(PHONE_LIST_SEPARATOR) ? stored.split(PHONE_LIST_SEPARATOR) : [stored];
}

/**
 * A phone cell that does not fit as a whole (kept as typed: a landline without its area code
 * beside a mobile): the numbers of it that can be read, stored, and the parts that cannot, as
 * written; null when it has none of one or the other (a cell of words, or one read whole).
 */
export function readablePhones(
	value: string,
	areaCode = ''
): { numbers: string[]; rest: string[] } | null {
	if (isStoredPhone(value)) return null;
	const numbers: string[] = [];
	const rest: string[] = [];
	const separator = ALTERNATIVE_SEPARATOR.test(value) ? WIDE_LIST_SEPARATOR : undefined;
	for (const part of phoneParts(value, separator)) {
		const one = normalizePhone(part, areaCode);
		if (one.ok) numbers.push(...storedPhones(one.value));
		else rest.push(part);
	}
	return numbers.length && rest.length ? { numbers, rest } : null;
}

/** A stored number without its note (`+79111234567 (дочь)` → `+79111234567`). */
export function phoneNumber(stored: string): string {
	const space = stored.indexOf(' (');
	return space < 0 ? stored : stored.slice(0, space);
}

/** The numbers of a stored cell without their notes, each once: what says who a resident is. */
export function storedPhoneNumbers(stored: string): string[] {
	const entries = storedPhones(stored);
	if (!stored.includes(' (')) return entries;
	return [...new Set(entries.map(phoneNumber))];
}

/**
 * Two stored phone cells as one: the first's numbers (with their notes), then those of the
 * second it lacks, compared by number (`+78121234567 (дочь)` has `+78121234567`).
 */
export function joinPhones(a: string, b: string): string {
	const numbers = storedPhones(a);
	const have = new Set(storedPhoneNumbers(a));
	for (const phone of storedPhones(b)) {
		const [number] = storedPhoneNumbers(phone);
		if (have.has(number)) continue;
		have.add(number);
		numbers.push(phone);
	}
	return numbers.join(PHONE_LIST_SEPARATOR);
}

/**
 * `+78121234567;ext=12` → `+7 (812) 123-45-67 доб. 12`, several numbers separated by `, `;
 * anything else unchanged.
 */
export function formatPhone(stored: string): string {
	if (stored.includes(PHONE_LIST_SEPARATOR)) {
		if (!isStoredPhone(stored)) return stored;
		return stored.split(PHONE_LIST_SEPARATOR).map(formatOnePhone).join(PHONE_LIST_SEPARATOR);
	}
	return formatOnePhone(stored);
}

function formatOnePhone(stored: string): string {
	const m = STORED.exec(stored);
	if (!m) return stored;
	const main = `+7 (${m[1]}) ${m[2]}-${m[3]}-${m[4]}`;
	const withExtension = m[5] ? `${main} доб. ${m[5]}` : main;
	return m[6] ? `${withExtension} (${m[6]})` : withExtension;
}

/**
 * `+7` and the ten digits of a Russian number from `digits[from]` on (each 0–9), as stored.
 * Built from char codes: four times faster than String() of a ten-digit number.
 */
export function storedRussianNumber(digits: ArrayLike<number>, from: number): string {
	const n = from;
	return String.fromCharCode(
		0x2b, // +
		0x37, // 7
		48 + digits[n],
		48 + digits[n + 1],
		48 + digits[n + 2],
		48 + digits[n + 3],
		48 + digits[n + 4],
		48 + digits[n + 5],
		48 + digits[n + 6],
		48 + digits[n + 7],
		48 + digits[n + 8],
		48 + digits[n + 9]
	);
}
