/**
 * Numbers written the Russian way and the English way, stored as the plain JavaScript number
 * text (`String(n)`: `1234.5`, `-12`, `1e+21`). Never NaN: what does not parse is kept as typed.
 *
 * Decimal separator, decided from the text alone (no locale guess, same answer every time):
 * - one kind of separator appearing once is the decimal separator: `1234,5` and `1234.5` are
 *   1234.5, and so `1,234` and `1.234` are both 1.234 (the Russian reading);
 * - one kind appearing several times separates thousands: `1,234,567`, `1.234.567`;
 * - both kinds: the last one is the decimal separator, the other separates thousands:
 *   `1,234.5` (English) and `1.234,5` (German) are both 1234.5;
 * - spaces (also NBSP, narrow NBSP, thin space) separate thousands: `1 234,5`.
 * Thousands groups must have three digits (`12 34` is not a number). A leading `+`, `-` or
 * `−` is the sign; `1e5` notation is read (it is how JavaScript writes large numbers).
 * More than 15 significant digits may not be kept exactly → 'too-many-digits' (a document
 * number or an account belongs in a text column), unless the text is already exactly what
 * JavaScript writes for the number (`9007199254740991`).
 */
import type { Locale } from '$lib/i18n';
import { trimValue } from './clean';
import { invalid, valid, type ValueResult } from './result';

export type NumberReason = 'empty' | 'not-a-number' | 'too-many-digits';
export type NumberResult = ValueResult<NumberReason>;

/** Digits a double holds exactly, whatever they are. */
export const MAX_SIGNIFICANT_DIGITS = 15;

/** Marks a space (of any kind) as the thousands separator. */
const SPACE = -1;

function isGroupSpace(code: number): boolean {
	return code === 32 || code === 0xa0 || code === 0x202f || code === 0x2009 || code === 0x2007;
}

function isDigit(code: number): boolean {
	return code >= 48 && code <= 57;
}

/** Significant digits of the number written `integer.fraction` (outer zeros aside). */
function significantDigits(integer: string, fraction: string): number {
	const length = integer.length + fraction.length;
	let first = 0;
	while (first < length && digitOf(integer, fraction, first) === 48) first++;
	let last = length - 1;
	while (last > first && digitOf(integer, fraction, last) === 48) last--;
	return first === length ? 0 : last - first + 1;
}

/** The `k`-th digit (char code) of `integer` followed by `fraction`. */
function digitOf(integer: string, fraction: string, k: number): number {
	return k < integer.length ? integer.charCodeAt(k) : fraction.charCodeAt(k - integer.length);
}

/** Parse a number as typed; see the module comment for the separators. */
export function parseNumber(raw: string): NumberResult {
	const s = trimValue(raw);
	const end = s.length;
	if (end === 0) return invalid(raw, 'empty');

	let i = 0;
	const sign = s.charCodeAt(0);
	const negative = sign === 0x2d || sign === 0x2212;
	if (negative || sign === 0x2b) i = 1;

	let dots = 0;
	let commas = 0;
	let spaces = 0;
	let lastDot = -1;
	let lastComma = -1;
	let exponent = -1;
	for (let k = i; k < end && exponent === -1; k++) {
		const code = s.charCodeAt(k);
		if (isDigit(code)) continue;
		if (code === 0x2e) {
			dots++;
			lastDot = k;
		} else if (code === 0x2c) {
			commas++;
			lastComma = k;
		} else if (isGroupSpace(code)) spaces++;
		else if (code === 0x65 || code === 0x45) exponent = k;
		else return invalid(raw, 'not-a-number');
	}
	const mantissaEnd = exponent === -1 ? end : exponent;

	let decimal = -1;
	let group = 0;
	if (dots > 0 && commas > 0) {
		if (lastDot > lastComma) {
			if (dots > 1) return invalid(raw, 'not-a-number');
			decimal = lastDot;
			group = 0x2c;
		} else {
			if (commas > 1) return invalid(raw, 'not-a-number');
			decimal = lastComma;
			group = 0x2e;
		}
	} else if (dots > 0) {
		if (dots === 1) decimal = lastDot;
		else group = 0x2e;
	} else if (commas > 0) {
		if (commas === 1) decimal = lastComma;
		else group = 0x2c;
	}
	if (spaces > 0) {
		if (group !== 0) return invalid(raw, 'not-a-number');
		group = SPACE;
	}

	// Integer part: digits in groups of three after the first group.
	const integerEnd = decimal === -1 ? mantissaEnd : decimal;
	let integer = '';
	let groupLength = 0;
	let grouped = false;
	let digitCount = 0;
	for (let k = i; k < integerEnd; k++) {
		const code = s.charCodeAt(k);
		if (isDigit(code)) {
			groupLength++;
			digitCount++;
			continue;
		}
		const isGroup = group === SPACE ? isGroupSpace(code) : code === group;
		if (!isGroup || groupLength === 0 || groupLength > 3 || (grouped && groupLength !== 3)) {
			return invalid(raw, 'not-a-number');
		}
		integer += s.slice(k - groupLength, k);
		grouped = true;
		groupLength = 0;
	}
	if (grouped && groupLength !== 3) return invalid(raw, 'not-a-number');
	integer += s.slice(integerEnd - groupLength, integerEnd);

	// Fraction part: digits only.
	let fraction = '';
	if (decimal !== -1) {
		for (let k = decimal + 1; k < mantissaEnd; k++) {
			if (!isDigit(s.charCodeAt(k))) return invalid(raw, 'not-a-number');
			digitCount++;
		}
		fraction = s.slice(decimal + 1, mantissaEnd);
	}
	if (digitCount === 0) return invalid(raw, 'not-a-number');

	// Exponent: plain numbers only (`1.5e3`, not `1 500e3`).
	let power = '';
	if (exponent !== -1) {
		if (group !== 0) return invalid(raw, 'not-a-number');
		let k = exponent + 1;
		const c = s.charCodeAt(k);
		if (c === 0x2b || c === 0x2d) k++;
		if (k === end) return invalid(raw, 'not-a-number');
		for (let j = k; j < end; j++) {
			if (!isDigit(s.charCodeAt(j))) return invalid(raw, 'not-a-number');
		}
		power = 'e' + s.slice(exponent + 1);
	}

	if (significantDigits(integer, fraction) > MAX_SIGNIFICANT_DIGITS) {
		// Kept only when it is already exactly what String() writes for the number.
		return isStoredNumber(s) ? valid(s) : invalid(raw, 'too-many-digits');
	}

	// The text String() would write, built from the digits: at most 15 significant digits
	// always print back as themselves, so only a number outside String()'s fixed notation
	// (≥ 1e21, < 1e-6) or with an exponent needs the slow round trip through a double.
	let from = 0;
	while (from < integer.length && integer.charCodeAt(from) === 48) from++;
	let to = fraction.length;
	while (to > 0 && fraction.charCodeAt(to - 1) === 48) to--;
	const whole = from === 0 ? integer : integer.slice(from);
	const part = to === fraction.length ? fraction : fraction.slice(0, to);
	const tiny = whole === '' && leadingZeros(part) >= 6;
	if (power === '' && whole.length <= 21 && !tiny) {
		if (whole === '' && part === '') return valid('0');
		const text = (whole || '0') + (part ? '.' + part : '');
		return valid(negative ? '-' + text : text);
	}
	const value = Number((integer || '0') + (fraction ? '.' + fraction : '') + power);
	if (!Number.isFinite(value)) return invalid(raw, 'not-a-number');
	return valid(String(negative ? -value : value)); // String(-0) is '0'
}

function leadingZeros(text: string): number {
	let n = 0;
	while (n < text.length && text.charCodeAt(n) === 48) n++;
	return n;
}

/** True when `stored` is in the stored form: the text `String()` writes for a finite number. */
export function isStoredNumber(stored: string): boolean {
	const n = Number(stored);
	return stored !== '' && Number.isFinite(n) && String(n) === stored;
}

const formatters = new Map<Locale, Intl.NumberFormat>();

/**
 * `1234.5` → `1 234,5` (ru, NBSP between groups) or `1,234.5` (en), every decimal shown;
 * anything that is not a stored number is returned unchanged.
 */
export function formatNumber(stored: string, locale: Locale = 'ru'): string {
	if (!isStoredNumber(stored)) return stored;
	let formatter = formatters.get(locale);
	if (!formatter) {
		formatter = new Intl.NumberFormat(locale === 'ru' ? 'ru-RU' : 'en-US', {
			maximumFractionDigits: 20
		});
		formatters.set(locale, formatter);
	}
	return formatter.format(Number(stored));
}
