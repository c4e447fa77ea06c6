/**
 * Formula neutralisation ("CSV injection", OWASP): a cell that a spreadsheet would run as a
 * formula is written with a leading apostrophe, so Excel and LibreOffice show it as text.
 *
 * The rule, on export:
 * - A cell that starts with `=`, `+`, `-`, `@`, TAB or CR gets a `'` in front —
 *   `=HYPERLINK("…")` → `'=HYPERLINK("…")`, `@SUM(A1)` → `'@SUM(A1)`, `-2+3` → `'-2+3`
 *   (Excel would compute `-2+3`: a formula, so it is neutralised).
 * - EXCEPT ordinary values that are only digits and separators, which no spreadsheet can turn
 *   into a reference or a function call: numbers (`-12`, `+5`, `-1 234,5`, `-0.5`, `-15%`) and
 *   phones (`+7 (812) 123-45-67`, `+79111234567`: `+`, then 10–15 digits with spaces, brackets
 *   and hyphens), and a dash alone (`-`: "nothing", as lists write it). They are written
 *   untouched.
 * - Also untouched: phones as the grid shows them, with an extension and a short note in words
 *   (`+7 (911) 123-45-67 доб. 12 (дочь)`), one or several separated by `, `. A note is only
 *   letters, spaces, dots and hyphens: no operator, quote, `|` or `!` that could make a formula
 *   or a DDE call (`+7 (911) 123-45-67 (a|'b'!c)` is neutralised).
 * - A cell that already starts with `'` followed by one of those characters gets one more `'`,
 *   so that the import rule below gives it back exactly (`'=x` → `''=x`).
 *
 * The rule, on import: a cell starting with `'` followed by `=`, `+`, `-`, `@`, TAB or CR loses
 * that first `'` (Excel hides it too: it only marks the cell as text). Any other leading `'`
 * is kept. So export → import gives back every cell exactly, and a third-party file whose cell
 * is `'=A1` is read as `=A1` — which is what its author saw in Excel.
 */

import { PHONE_LIST_SEPARATOR } from '../values/phone';

const APOSTROPHE = "'";
const APOSTROPHE_CODE = 39;
/** First characters that make a spreadsheet evaluate a cell: `=`, `+`, `-`, `@`, TAB, CR. */
const FORMULA_START_CODES = new Set([61, 43, 45, 64, 9, 13]);
/** A cell already escaped by us (or by hand): apostrophes, then a formula start. */
const ESCAPED_FORMULA = /^'+[=+\-@\t\r]/;
/** `-12`, `+5`, `-0,5`, `-1 234,5` (plain or no-break space between thousands), `-15%`. */
const PLAIN_NUMBER = /^[+-](?:\d+|\d{1,3}(?:[ \u00a0]\d{3})+)(?:[.,]\d+)?%?$/;
/** `-` alone: a dash for "nothing" (a formula needs something after its sign). */
const SIGNS_ONLY = /^-$/;
/** `+7 (812) 123-45-67`, `+79111234567`, `+7-911-123-45-67`. */
const PLAIN_PHONE = /^\+[\d ()-]+$/;
/** One number as `formatPhone` shows it: `+7 (911) 123-45-67`, ` доб. 12`, ` (дочь)`. */
const SHOWN_PHONE =
	/^\+7 \(\d{3}\) \d{3}-\d\d-\d\d(?: доб\. \d{1,8})?(?: \([A-Za-zА-Яа-яЁё][A-Za-zА-Яа-яЁё .-]{0,39}\))?$/;
const PHONE_MIN_DIGITS = 10;
const PHONE_MAX_DIGITS = 15;

/** True for a signed number or a `+` phone (or several): a value that only looks like a formula. */
export function isPlainNumberOrPhone(cell: string): boolean {
	if (PLAIN_NUMBER.test(cell) || SIGNS_ONLY.test(cell)) return true;
	if (!PLAIN_PHONE.test(cell)) return isShownPhone(cell);
	let digits = 0;
	for (let i = 0; i < cell.length; i++) {
		const code = cell.charCodeAt(i);
		if (code >= 48 && code <= 57) digits++;
	}
	return digits >= PHONE_MIN_DIGITS && digits <= PHONE_MAX_DIGITS;
}

/** True for one or several phones as the grid shows them, with extensions and word notes. */
function isShownPhone(cell: string): boolean {
	return cell.split(PHONE_LIST_SEPARATOR).every((one) => SHOWN_PHONE.test(one));
}

/** The cell as it should be written to a CSV file (see the rule above). */
export function neutralizeFormula(cell: string): string {
	const first = cell.charCodeAt(0);
	// Letters, digits and most punctuation: nothing to do (the common case, no regex).
	if (first !== APOSTROPHE_CODE && !FORMULA_START_CODES.has(first)) return cell;
	if (first === APOSTROPHE_CODE) return ESCAPED_FORMULA.test(cell) ? APOSTROPHE + cell : cell;
	return isPlainNumberOrPhone(cell) ? cell : APOSTROPHE + cell;
}

/** The inverse, applied on import: drop the `'` in front of a formula start. */
export function restoreFormula(cell: string): string {
	return cell.charCodeAt(0) === APOSTROPHE_CODE && ESCAPED_FORMULA.test(cell)
		? cell.slice(1)
		: cell;
}
