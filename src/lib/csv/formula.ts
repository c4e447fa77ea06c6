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
 * - The same after white space (spaces, no-break spaces, tabs, line breaks): ` =1+1` →
 *   `' =1+1`, `\u00a0+A1` → `'\u00a0+A1`. Excel reads ` =1+1` as text, but a spreadsheet that
 *   trims a cell's spaces as it opens the file (LibreOffice's «Обрезать пробелы» / «Trim spaces»,
 *   Google Sheets' import) runs it. Numbers and phones after spaces (` -5`,
 *   ` +7 (812) 123-45-67`) are ordinary values as above, untouched: trimmed, they are still a
 *   number or a phone. A quote before the sign (`"=1+1` as a cell's text) is no formula anywhere.
 * - A cell that already starts with `'` followed by one of those (after white space or not) gets
 *   one more `'`, so that the import rule below gives it back exactly (`'=x` → `''=x`,
 *   `' =x` → `'' =x`).
 *
 * The rule, on import: a cell starting with `'` followed by `=`, `+`, `-`, `@` (after white
 * space or not), TAB or CR loses that first `'` (Excel hides it too: it only marks the cell as text). Any other leading `'`
 * is kept. So export → import gives back every cell exactly, and a third-party file whose cell
 * is `'=A1` is read as `=A1` — which is what its author saw in Excel.
 */

import { PHONE_LIST_SEPARATOR } from '../values/phone';

const APOSTROPHE = "'";
const APOSTROPHE_CODE = 39;
/** First characters that make a spreadsheet evaluate a cell: `=`, `+`, `-`, `@`, TAB, CR. */
const FORMULA_START_CODES = new Set([61, 43, 45, 64, 9, 13]);
/** A cell already escaped by us (or by hand): apostrophes, then a formula start. */
const ESCAPED_FORMULA = /^'+(?:[\t\r]|\s*[=+\-@])/;
/** White space, then a formula start: run by a spreadsheet that trims the cell first. */
const SPACED_FORMULA = /^\s+[=+\-@]/;
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
	if (first === APOSTROPHE_CODE) return ESCAPED_FORMULA.test(cell) ? APOSTROPHE + cell : cell;
	if (FORMULA_START_CODES.has(first)) return isPlainNumberOrPhone(cell) ? cell : APOSTROPHE + cell;
	// Letters, digits and most punctuation: nothing to do (the common case, no regex).
	if (!isWhiteSpace(first) || !SPACED_FORMULA.test(cell)) return cell;
	return isPlainNumberOrPhone(cell.trimStart()) ? cell : APOSTROPHE + cell;
}

/** Whether a character code may be white space (`\s`): the fast test before the regex. */
function isWhiteSpace(code: number): boolean {
	return code === 32 || (code >= 9 && code <= 13) || code === 160 || code > 0x167f;
}

/** The inverse, applied on import: drop the `'` in front of a formula start. */
export function restoreFormula(cell: string): string {
	return cell.charCodeAt(0) === APOSTROPHE_CODE && ESCAPED_FORMULA.test(cell)
		? cell.slice(1)
		: cell;
}
