/**
 * Guesses about a CSV file that a coordinator should not have to make: the separator, the line
 * break, and whether the first row is a header. The separator and the header guess are shown in
 * the import dialog; the header guess can be changed there (the separator cannot yet).
 */
import { guessColumnType, normalizeValue } from '../values';
import type { ColumnType } from '../model/sheet';
import { fieldOfHeader } from './mapping';

export type CsvDelimiter = ';' | ',' | '\t';
/** In order of preference when the evidence is equal: `;` is what Russian Excel writes. */
export const DELIMITERS: readonly CsvDelimiter[] = [';', '\t', ','];
export const DEFAULT_DELIMITER: CsvDelimiter = ';';
/** How much of the file the separator is guessed from. */
export const DELIMITER_SAMPLE_CHARS = 64 * 1024;
export const DELIMITER_SAMPLE_RECORDS = 100;
/** How many data rows the header guess looks at. */
export const HEADER_SAMPLE_ROWS = 50;

const QUOTE = 34;
const CR = 13;
const LF = 10;

interface RecordShape {
	/** Separators outside quotes. */
	count: number;
	/** False when a quote stands where this separator would make it malformed. */
	clean: boolean;
}

/**
 * For one candidate separator, each record of the sample (records, not lines: a quoted cell may
 * hold line breaks): how many times it occurs outside quotes, and whether the quotes make
 * sense with it. A quote opens a quoted field only at the start of a field, as in Excel and
 * PapaParse, and must close right before a separator or a line break; `""` inside is a quote.
 */
function recordShapes(sample: string, delimiter: string, truncated: boolean): RecordShape[] {
	const delim = delimiter.charCodeAt(0);
	const shapes: RecordShape[] = [];
	let count = 0;
	let clean = true;
	let fieldStart = true;
	let inQuotes = false;
	let empty = true;
	let i = 0;
	for (; i < sample.length && shapes.length < DELIMITER_SAMPLE_RECORDS; i++) {
		const c = sample.charCodeAt(i);
		if (inQuotes) {
			if (c === QUOTE) {
				const next = sample.charCodeAt(i + 1);
				if (next === QUOTE) i++;
				else {
					inQuotes = false;
					if (!Number.isNaN(next) && next !== delim && next !== CR && next !== LF) clean = false;
				}
			}
			continue;
		}
		if (c === CR || c === LF) {
			if (c === CR && sample.charCodeAt(i + 1) === LF) i++;
			if (!empty) shapes.push({ count, clean });
			count = 0;
			clean = true;
			fieldStart = true;
			empty = true;
			continue;
		}
		empty = false;
		if (c === delim) {
			count++;
			fieldStart = true;
			continue;
		}
		if (c === QUOTE) {
			if (fieldStart) inQuotes = true;
			else clean = false;
		}
		fieldStart = false;
	}
	// The last record counts only when the sample holds all of it.
	if (!empty && !inQuotes && i === sample.length && (!truncated || shapes.length === 0))
		shapes.push({ count, clean });
	return shapes;
}

/**
 * Whether the text's first line that is not empty is, whole (its quotes aside), one title the
 * mapping knows (`ФИО`, `Адрес`), with no separator in it.
 */
function knownTitleLine(text: string): boolean {
	const line = /^[\r\n]*([^\r\n]*)/.exec(text)?.[1] ?? '';
	const trimmed = line.trim();
	// Quoted whole, or not at all: a quote left open goes on to the next lines (a title with a
	// line break in it), so this line is not the whole record.
	const quoted = /^"([^"]*)"$/.exec(trimmed);
	const title = quoted ? quoted[1] : trimmed.includes('"') ? '' : trimmed;
	return title !== '' && fieldOfHeader(title) !== null && !DELIMITERS.some((d) => line.includes(d));
}

/**
 * The separator that splits the most records into the same number of fields with well-formed
 * quotes (a `;` file has commas in its addresses, but not the same number on every line; a
 * `,` file with a quoted `"a;b"` has its quotes in the wrong place for `;`), then the one
 * splitting records into more fields, then `;` > TAB > `,`. A file with one column (no
 * separator anywhere, or none in its title row when that is one title we know) gets `;`.
 */
export function detectDelimiter(sample: string): CsvDelimiter {
	const truncated = sample.length > DELIMITER_SAMPLE_CHARS;
	const text = truncated ? sample.slice(0, DELIMITER_SAMPLE_CHARS) : sample;
	// A file of one column whose values have commas (addresses, «Иванова Анна, 1940 г.р.»): its
	// title row is a title we know with no separator (found by exploration: the values were
	// split into two columns, the second without a title). The separator that splits fewest
	// of its lines keeps them whole.
	if (knownTitleLine(text)) {
		let fewest = Infinity;
		let one: CsvDelimiter = DEFAULT_DELIMITER;
		for (const delimiter of DELIMITERS) {
			const split = recordShapes(text, delimiter, truncated).filter((s) => s.count > 0).length;
			if (split < fewest) [fewest, one] = [split, delimiter];
		}
		return one;
	}
	let best: CsvDelimiter = DEFAULT_DELIMITER;
	let bestConsistency = 0;
	let bestFields = 0;
	for (const delimiter of DELIMITERS) {
		const shapes = recordShapes(text, delimiter, truncated);
		if (shapes.length === 0) continue;
		const frequency = new Map<number, number>();
		for (const { count, clean } of shapes)
			if (count > 0 && clean) frequency.set(count, (frequency.get(count) ?? 0) + 1);
		let mode = 0;
		let modeCount = 0;
		for (const [n, times] of frequency) {
			if (times > modeCount || (times === modeCount && n > mode)) {
				mode = n;
				modeCount = times;
			}
		}
		if (mode === 0) continue;
		const consistency = modeCount / shapes.length;
		if (consistency > bestConsistency || (consistency === bestConsistency && mode > bestFields)) {
			best = delimiter;
			bestConsistency = consistency;
			bestFields = mode;
		}
	}
	return best;
}

/** Types whose values a header title never parses as. */
const VALUE_TYPES: readonly ColumnType[] = ['number', 'date', 'datetime', 'phone', 'checkbox'];
/** Types a lone cell is tested against: a header title is never a number, date or phone. */
const LONE_VALUE_TYPES: readonly ColumnType[] = ['number', 'date', 'phone'];
/** A title the mapping knows (ФИО, Телефон…) weighs more than a guess from the data. */
const KNOWN_TITLE_VOTES = 2;

/**
 * Whether the first record is a header. Votes, column by column:
 * - for a header: a title the mapping knows (`ФИО`, `Тел.`…); a text title above a column of
 *   numbers, dates, phones or yes/no values;
 * - for data: a cell that is itself a number, a date or a phone, or fits its column's type;
 *   a cell that appears again further down the same column (`Пенсионер`); an empty cell over
 *   a column with values (a column empty all the way down says nothing);
 *   titles repeated in the row.
 * With no evidence either way (text above text) the first record is a header when its cells
 * are all filled (those of empty columns aside) and all different: a list exported from a
 * spreadsheet has one.
 */
export function detectHeader(rows: string[][]): boolean {
	const first = rows[0];
	if (!first) return false;
	const titles = first.map((cell) => cell.trim());
	const filled = titles.filter((t) => t !== '');
	if (filled.length === 0) return false;
	const data = rows.slice(1, 1 + HEADER_SAMPLE_ROWS);
	let header = 0;
	let notHeader = 0;
	// Columns with nothing in them, title nor data: Excel's used range wider than the table
	// ends every line in «;;;…». They tell nothing (found by exploration: each voted for data,
	// and from 17 of them on a list's header was taken for a resident, nothing mapped).
	let emptyColumns = 0;
	titles.forEach((title, j) => {
		if (!title) {
			if (data.some((row) => (row[j] ?? '').trim() !== '')) notHeader += 0.5;
			else emptyColumns++;
			return;
		}
		if (fieldOfHeader(title)) header += KNOWN_TITLE_VOTES;
		if (LONE_VALUE_TYPES.some((type) => isValueOf(type, title))) notHeader += KNOWN_TITLE_VOTES;
		const samples: string[] = [];
		for (const row of data) {
			const cell = (row[j] ?? '').trim();
			if (cell) samples.push(cell);
		}
		if (samples.length === 0) return;
		if (samples.includes(title)) notHeader++;
		const type = guessColumnType(samples);
		if (!VALUE_TYPES.includes(type)) return;
		if (isValueOf(type, title)) notHeader++;
		else header++;
	});
	if (new Set(filled.map((t) => t.toLowerCase())).size < filled.length) notHeader++;
	if (header !== notHeader) return header > notHeader;
	return filled.length === titles.length - emptyColumns && new Set(filled).size === filled.length;
}

function isValueOf(type: ColumnType, cell: string): boolean {
	return normalizeValue(type, cell).ok;
}
