/**
 * CSV text → header and rows, with every problem reported against the line a coordinator
 * sees, and never an exception. Runs in a Web Worker and in Node (no DOM).
 *
 * PapaParse parses the decoded STRING (not a File, no `worker: true`: see DESIGN.md). The scan
 * for the line breaks between records (the one that detects the line break) also says where
 * each record starts, so a well-formed file is parsed in slices of `batchSize` records without
 * PapaParse's per-record `step` callback (a fifth of the parse time). The first slice in which
 * PapaParse finds a quote problem, and everything after it, is read as before: with a `step`
 * callback, one record at a time, so that the broken record can be cut back to its line. Both
 * ways give the same rows, errors and progress calls. Around them:
 * - the separator is our own guess (`detectDelimiter`), the line break too (`detectLineBreak`:
 *   PapaParse takes one kind; a file with mixed CRLF/LF between records is normalised first,
 *   outside quotes only, so no cell changes);
 * - a quote left open, or a stray quote that makes a cell swallow the following lines, costs
 *   one line, not the rest of the file: that line is read without quotes, reported as an error,
 *   and parsing resumes on the next line;
 * - blank records (every cell empty or only spaces: `isSpacesOnly`) are skipped; the line
 *   numbers still count them;
 * - ragged rows: a short row is padded with empty cells (warning); a long row keeps its extra
 *   cells in extra columns — the header gets empty titles for them — and is reported (warning);
 *   extra cells that are all empty (a trailing `;`) are dropped silently;
 * - `'=…`, `'+…`, `'-…`, `'@…` lose the apostrophe an export put in front (see `formula.ts`).
 *
 * Line numbers: `line` is the row number Excel shows for the record (header = 1, blank lines
 * counted; a cell with line breaks is still one row); `textLine` is the line a text editor
 * shows where the record starts. They differ only after cells with line breaks.
 */
import Papa from 'papaparse';
import { decodeCsvBytes, type CsvEncoding, type EncodingOverride } from './decode';
import { detectDelimiter, detectHeader, HEADER_SAMPLE_ROWS, type CsvDelimiter } from './detect';
import { fieldOfHeader } from './mapping';
import { restoreFormula } from './formula';
import { isInvisibleCode, isSpaceCode } from '../values/clean';
import { titleKey, type ColumnType } from '../model/sheet';
import { normalizeValue } from '../values';

export type LineBreak = '\r\n' | '\n' | '\r';

export type CsvErrorCode =
	| 'unterminated-quote'
	| 'malformed-quote'
	| 'stray-quote'
	| 'too-few-fields'
	| 'too-many-fields'
	| 'repeated-header'
	| 'column-numbers'
	| 'title-above-header'
	| 'header-continued'
	| 'note-below-table';

export interface CsvError {
	/** Row number in Excel (1-based, the header row and blank rows included). */
	line: number;
	/** Line in a text editor where the record starts (1-based). */
	textLine: number;
	/** Index in `rows` of the row concerned, when it was kept. */
	row?: number;
	code: CsvErrorCode;
	/** An error means the row may be wrong; a warning that it was read, but check it. */
	severity: 'error' | 'warning';
	messageRu: string;
	messageEn: string;
}

export interface ParseOptions {
	/** Default: guessed from the first 64 KB. */
	delimiter?: CsvDelimiter;
	/** Whether the first record is a header; default `'auto'` (`detectHeader`). */
	header?: boolean | 'auto';
	/**
	 * Called every `batchSize` records read (the header included) and once at the end with the
	 * final row count. Progress is in characters of the decoded text, not bytes of the file.
	 */
	onProgress?: (rowsDone: number, charsDone: number, charsTotal: number) => void;
	batchSize?: number;
	/** Undo the export's formula neutralisation (default true). */
	restoreFormulas?: boolean;
}

export interface ParsedCsv {
	header: string[] | null;
	/** Every row has the same number of cells (the header's, or more: see ragged rows). */
	rows: string[][];
	/** For each row, its `line` (Excel row number) in the file. */
	rowLines: number[];
	errors: CsvError[];
	/** Problems beyond `MAX_REPORTED_ERRORS`, counted but not listed. */
	errorsOmitted: number;
	delimiter: CsvDelimiter;
	lineBreak: LineBreak;
	/** True when records were separated by more than one kind of line break. */
	mixedLineBreaks: boolean;
	/** Blank records skipped. */
	emptyLines: number;
}

export const DEFAULT_BATCH_SIZE = 5000;
/** A 100,000-row file with a systematic problem would otherwise list 100,000 warnings. */
export const MAX_REPORTED_ERRORS = 1000;

const QUOTE = 34;
const APOSTROPHE = 39;
const CR = 13;
const LF = 10;
const TAB = 9;
const BOM = '\uFEFF';

// ---------------------------------------------------------------- line breaks

interface BreakCounts {
	crlf: number;
	lf: number;
	cr: number;
}

/**
 * Count the line breaks between records (outside quoted cells); with `rewrite`, also return
 * the text with each of them replaced by `\n`; with `starts` (not with `rewrite`), push there
 * the offset right after each of them: where the next record starts. A quote opens a quoted
 * cell only at the start of a field, as in PapaParse. A quote never closed ends the scan: the
 * rest of the text is that cell (PapaParse reports it, and the caller reads it record by
 * record).
 */
function scanRecordBreaks(
	text: string,
	delimiter: string,
	rewrite: boolean,
	starts?: number[],
	inCells?: BreakCounts
): { counts: BreakCounts; text: string } {
	const counts: BreakCounts = { crlf: 0, lf: 0, cr: 0 };
	const delim = delimiter.charCodeAt(0);
	const parts: string[] = [];
	let copied = 0;
	// Jump between quotes and breaks with indexOf (native speed), never char by char.
	let quote = text.indexOf('"');
	let cr = text.indexOf('\r');
	let lf = text.indexOf('\n');
	let pos = 0;
	for (;;) {
		if (quote !== -1 && quote < pos) quote = text.indexOf('"', pos);
		if (cr !== -1 && cr < pos) cr = text.indexOf('\r', pos);
		if (lf !== -1 && lf < pos) lf = text.indexOf('\n', pos);
		const lineBreak = cr === -1 ? lf : lf === -1 ? cr : Math.min(cr, lf);
		if (quote !== -1 && (lineBreak === -1 || quote < lineBreak)) {
			const before = quote === 0 ? LF : text.charCodeAt(quote - 1);
			pos = quote + 1;
			if (before !== delim && before !== CR && before !== LF) continue;
			// A quoted cell: jump past its closing quote (`""` is a quote inside it).
			let close = text.indexOf('"', pos);
			while (close !== -1 && text.charCodeAt(close + 1) === QUOTE)
				close = text.indexOf('"', close + 2);
			if (inCells) countBreaks(text, pos, close === -1 ? text.length : close, inCells);
			if (close === -1) break;
			pos = close + 1;
			continue;
		}
		if (lineBreak === -1) break;
		let length = 1;
		if (lineBreak === lf) counts.lf++;
		else if (text.charCodeAt(lineBreak + 1) === LF) {
			counts.crlf++;
			length = 2;
		} else counts.cr++;
		if (rewrite) {
			parts.push(text.slice(copied, lineBreak), '\n');
			copied = lineBreak + length;
		}
		pos = lineBreak + length;
		starts?.push(pos);
	}
	if (!rewrite) return { counts, text };
	parts.push(text.slice(copied));
	return { counts, text: parts.join('') };
}

/**
 * Add the line breaks of `text` from `from` to `to` to `counts`, each kind on its own (a CR
 * before an LF is a CRLF, not a CR too); `from…to` is inside a quoted cell, where they are rare.
 */
function countBreaks(text: string, from: number, to: number, counts: BreakCounts) {
	for (let i = text.indexOf('\r', from); i !== -1 && i < to; i = text.indexOf('\r', i + 1)) {
		if (i + 1 < to && text.charCodeAt(i + 1) === LF) counts.crlf++;
		else counts.cr++;
	}
	for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1))
		if (i === from || text.charCodeAt(i - 1) !== CR) counts.lf++;
}

function countOf(text: string, char: string): number {
	let n = 0;
	for (let i = text.indexOf(char); i !== -1; i = text.indexOf(char, i + 1)) n++;
	return n;
}

/**
 * The line break between records, and whether several kinds are mixed. Cheap when every break
 * in the file is of one kind (the usual case); otherwise one scan that skips quoted cells.
 */
export function detectLineBreak(
	text: string,
	delimiter: CsvDelimiter
): { lineBreak: LineBreak; mixed: boolean } {
	return lineBreakOf(text, delimiter);
}

function lineBreakOf(
	text: string,
	delimiter: CsvDelimiter
): { lineBreak: LineBreak; mixed: boolean } {
	const cr = countOf(text, '\r');
	if (cr === 0) return { lineBreak: '\n', mixed: false };
	const lf = countOf(text, '\n');
	if (lf === 0) return { lineBreak: '\r', mixed: false };
	if (cr === lf && countOf(text, '\r\n') === cr) return { lineBreak: '\r\n', mixed: false };
	return betweenRecords(scanRecordBreaks(text, delimiter, false).counts);
}

/** The line break of the records whose breaks (outside quoted cells) are `counts`. */
function betweenRecords(counts: BreakCounts): { lineBreak: LineBreak; mixed: boolean } {
	const kinds: [LineBreak, number][] = [
		['\r\n', counts.crlf],
		['\n', counts.lf],
		['\r', counts.cr]
	];
	const present = kinds.filter(([, n]) => n > 0);
	if (present.length <= 1) return { lineBreak: present[0]?.[0] ?? '\r\n', mixed: false };
	return { lineBreak: present.sort((a, b) => b[1] - a[1])[0][0], mixed: true };
}

/**
 * `lineBreakOf`, and where each record after the first starts pushed to `starts`, in one scan:
 * the fast reader needs the starts anyway, and the breaks inside quoted cells, counted on the
 * way, give the whole text's counts that `lineBreakOf` takes first — without its passes over
 * the text for them (13 ms of the bench's file in the import worker).
 */
function recordBreaks(
	text: string,
	delimiter: CsvDelimiter,
	starts: number[]
): { lineBreak: LineBreak; mixed: boolean } {
	const inCells: BreakCounts = { crlf: 0, lf: 0, cr: 0 };
	const { counts } = scanRecordBreaks(text, delimiter, false, starts, inCells);
	const crlf = counts.crlf + inCells.crlf;
	const cr = crlf + counts.cr + inCells.cr;
	const lf = crlf + counts.lf + inCells.lf;
	if (cr === 0) return { lineBreak: '\n', mixed: false };
	if (lf === 0) return { lineBreak: '\r', mixed: false };
	if (cr === lf && crlf === cr) return { lineBreak: '\r\n', mixed: false };
	return betweenRecords(counts);
}

// ---------------------------------------------------------------- messages

function message(
	code: CsvErrorCode,
	line: number,
	found = 0,
	expected = 0,
	text = ''
): { messageRu: string; messageEn: string } {
	switch (code) {
		case 'title-above-header':
			return {
				messageRu: `Строка ${line}: «${text}» — надпись над таблицей, а не житель; пропущена.`,
				messageEn: `Line ${line}: “${text}” is a caption above the table, not a resident; skipped.`
			};
		case 'header-continued': {
			const titles = text.split('\t');
			return {
				messageRu: `Строка ${line}: продолжение строки заголовков, а не житель — названия столбцов взяты из обеих строк: ${titles.map((t) => `«${t}»`).join(', ')}.`,
				messageEn: `Line ${line} continues the title row, not a resident — the column titles are taken from both lines: ${titles.map((t) => `“${t}”`).join(', ')}.`
			};
		}
		case 'note-below-table':
			return {
				messageRu: `Строка ${line}: «${text}» — надпись под таблицей, а не житель; пропущена.`,
				messageEn: `Line ${line}: “${text}” is a note under the table, not a resident; skipped.`
			};
		case 'unterminated-quote':
			return {
				messageRu: `Строка ${line}: кавычка открыта и не закрыта до конца файла. Строка прочитана без учёта кавычек — проверьте её.`,
				messageEn: `Line ${line}: a quote is opened and never closed. The line was read ignoring quotes — please check it.`
			};
		case 'malformed-quote':
			return {
				messageRu: `Строка ${line}: лишняя кавычка в ячейке захватила следующие строки. Строка прочитана без учёта кавычек — проверьте её.`,
				messageEn: `Line ${line}: a stray quote in a cell swallowed the following lines. The line was read ignoring quotes — please check it.`
			};
		case 'stray-quote':
			return {
				messageRu: `Строка ${line}: кавычки в ячейке расставлены неправильно; значение прочитано как есть — проверьте его.`,
				messageEn: `Line ${line}: quotes inside a cell are malformed; the value was read as is — please check it.`
			};
		case 'repeated-header':
			return {
				messageRu: `Строка ${line}: снова строка заголовков (списки склеены в один файл?) — пропущена.`,
				messageEn: `Line ${line}: the title row again (lists joined into one file?) — skipped.`
			};
		case 'column-numbers':
			return {
				messageRu: `Строка ${line}: «${text}» — номера столбцов под заголовками, а не житель; пропущена.`,
				messageEn: `Line ${line}: “${text}” numbers the columns under the titles, not a resident; skipped.`
			};
		case 'too-few-fields':
			return {
				messageRu: `Строка ${line}: значений ${found}, а столбцов ${expected} — недостающие ячейки оставлены пустыми.`,
				messageEn: `Line ${line}: values ${found}, columns ${expected} — the missing cells are left empty.`
			};
		case 'too-many-fields':
			return {
				messageRu: `Строка ${line}: значений ${found}, а столбцов ${expected} — лишние значения сохранены в дополнительных столбцах.`,
				messageEn: `Line ${line}: values ${found}, columns ${expected} — the extra values are kept in extra columns.`
			};
	}
}

// ---------------------------------------------------------------- malformed lines

/** The end of the physical line that `from` is on: the next CR or LF, or the end. */
function endOfLine(text: string, from: number): number {
	let i = from;
	while (i < text.length) {
		const c = text.charCodeAt(i);
		if (c === CR || c === LF) break;
		i++;
	}
	return i;
}

function breakLength(text: string, at: number): number {
	if (at >= text.length) return 0;
	return text.charCodeAt(at) === CR && text.charCodeAt(at + 1) === LF ? 2 : 1;
}

/**
 * One line whose quotes are broken, split as well as it can be: a field that starts with a
 * quote and closes before a separator (or the end) is unquoted; anything else is taken as is.
 */
export function splitLineLeniently(line: string, delimiter: string): string[] {
	const cells: string[] = [];
	let i = 0;
	for (;;) {
		if (line.charCodeAt(i) === QUOTE) {
			let value = '';
			let from = i + 1;
			let closedAt = -1;
			for (let q = line.indexOf('"', from); q !== -1; q = line.indexOf('"', from)) {
				if (line.charCodeAt(q + 1) === QUOTE) {
					value += line.slice(from, q + 1);
					from = q + 2;
				} else if (q + 1 === line.length || line[q + 1] === delimiter) {
					value += line.slice(from, q);
					closedAt = q + 1;
					break;
				} else {
					value += line.slice(from, q + 1);
					from = q + 1;
				}
			}
			if (closedAt !== -1) {
				cells.push(value);
				if (closedAt >= line.length) return cells;
				i = closedAt + delimiter.length;
				continue;
			}
		}
		const next = line.indexOf(delimiter, i);
		if (next === -1) {
			cells.push(line.slice(i));
			return cells;
		}
		cells.push(line.slice(i, next));
		i = next + delimiter.length;
	}
}

// ---------------------------------------------------------------- parse

/**
 * A cell with only spaces in it (the space bar, a no-break space, a line feed): nothing a
 * coordinator wants as a row. A TAB or a CR is not counted: an export writes a cell starting
 * with one as `'…` (`formula.ts`), and what it wrote is read back as it was.
 */
export function isSpacesOnly(cell: string): boolean {
	for (let i = 0; i < cell.length; i++) {
		const code = cell.charCodeAt(i);
		if (code === TAB || code === CR || !isSpaceCode(code)) return false;
	}
	return true;
}

/** Every cell empty, or only spaces (`isSpacesOnly`): a blank line. */
function isBlankRecord(cells: string[]): boolean {
	for (let i = 0; i < cells.length; i++) {
		const cell = cells[i];
		if (cell !== '' && !isSpacesOnly(cell)) return false;
	}
	return true;
}

/** Line numbers (1-based) in a text editor at the given character offsets. */
function textLinesAt(text: string, offsets: number[]): Map<number, number> {
	const sorted = [...new Set(offsets)].sort((a, b) => a - b);
	const lines = new Map<number, number>();
	const lineBreak = /\r\n|\r|\n/g;
	let line = 1;
	let counted = 0;
	for (const offset of sorted) {
		lineBreak.lastIndex = counted;
		while (lineBreak.exec(text) && lineBreak.lastIndex <= offset) {
			line++;
			counted = lineBreak.lastIndex;
		}
		lines.set(offset, line);
	}
	return lines;
}

interface PendingError {
	code: CsvErrorCode;
	severity: 'error' | 'warning';
	line: number;
	offset: number;
	/** Index among the kept records (header included), when kept. */
	record?: number;
	found?: number;
	expected?: number;
	/** The text of a line skipped above the header. */
	text?: string;
}

/**
 * The records read so far (blank ones left out), shared by the two readers: the fast one
 * hands over to the careful one at the first slice with a quote problem.
 */
interface ReadState {
	text: string;
	delimiter: CsvDelimiter;
	/**
	 * Whether the quick checks that read the text where they can instead of the rows may be
	 * used (`parseCsv`); `parseCsvRecordByRecord` reads the rows, as before them.
	 */
	quick: boolean;
	newline: LineBreak;
	restore: boolean;
	batchSize: number;
	onProgress: ParseOptions['onProgress'];
	cells: string[][];
	lines: number[];
	offsets: number[];
	pending: PendingError[];
	emptyLines: number;
	/** Records read so far, blank ones included: the last one's `line`. */
	line: number;
}

/**
 * Keep one record (`line` already counted) that starts at `start` and ends at `end`. `restore`
 * false: no cell of it starts with an apostrophe (`restoreFormula` would keep each as it is).
 */
function addRecord(
	state: ReadState,
	cells: string[],
	start: number,
	end: number,
	restore = state.restore
) {
	if (isBlankRecord(cells)) {
		state.emptyLines++;
		return;
	}
	if (restore) for (let i = 0; i < cells.length; i++) cells[i] = restoreFormula(cells[i]);
	state.cells.push(cells);
	state.lines.push(state.line);
	state.offsets.push(start);
	const { onProgress, batchSize } = state;
	if (onProgress && state.cells.length % batchSize === 0)
		onProgress(state.cells.length, end, state.text.length);
}

/**
 * Read the records without a `step` callback, `batchSize` of them per `Papa.parse` call (so
 * progress comes at the pace it did with one), from `starts`: where each record starts, as the
 * line-break scan found them. Returns where it stopped: the end of the text, or the start of
 * the first slice in which PapaParse found a problem (or other records than the scan), which
 * `readStepwise` then reads. A slice starts and ends between records, where PapaParse on the
 * whole text would be at the start of a record too, so parsing it alone gives the records that
 * the whole text would.
 */
function readFast(state: ReadState, starts: number[]): number {
	const { text, delimiter, newline, batchSize } = state;
	// A break at the very end is followed by no record (PapaParse reports an empty one).
	const count = starts[starts.length - 1] === text.length ? starts.length - 1 : starts.length;
	for (let first = 0; first < count; first += batchSize) {
		const last = Math.min(first + batchSize, count);
		const from = starts[first];
		const to = last < starts.length ? starts[last] : text.length;
		const slice = text.slice(from, to);
		const result = Papa.parse<string[]>(slice, {
			delimiter,
			newline,
			quoteChar: '"',
			header: false,
			dynamicTyping: false,
			skipEmptyLines: false
		});
		const data = result.data;
		// A slice that ends with a line break ends with PapaParse's empty record after it.
		const endsWithBreak = last < starts.length;
		const agrees =
			result.errors.length === 0 &&
			data.length === last - first + (endsWithBreak ? 1 : 0) &&
			(!endsWithBreak || (data[data.length - 1].length === 1 && data[data.length - 1][0] === ''));
		if (!agrees) return from;
		// A slice without an apostrophe has no cell that `restoreFormula` changes: the call for
		// each of its 60,000 cells was 15 ms of the bench's parse in the import worker (CPU
		// profile).
		const restore = state.restore && slice.includes("'");
		for (let r = first; r < last; r++) {
			state.line++;
			addRecord(
				state,
				data[r - first],
				starts[r],
				r + 1 < starts.length ? starts[r + 1] : to,
				restore
			);
		}
	}
	return text.length;
}

/**
 * Read the records from `base` on with a `step` callback, one record at a time: a record with
 * broken quotes is reported, and one that swallowed the lines after its first is cut back to
 * that line, parsing resuming on the next.
 */
function readStepwise(state: ReadState, base: number) {
	const { text, delimiter, newline } = state;
	while (base < text.length) {
		let previousEnd = 0;
		let resumeAt = -1;
		const chunk = base === 0 ? text : text.slice(base);
		const chunkBase = base;
		Papa.parse<string[]>(chunk, {
			delimiter,
			newline,
			quoteChar: '"',
			header: false,
			dynamicTyping: false,
			skipEmptyLines: false,
			step(result, parser) {
				const start = chunkBase + previousEnd;
				const end = chunkBase + result.meta.cursor;
				previousEnd = result.meta.cursor;
				// PapaParse reports an empty record after the last line break: not a line.
				if (start >= text.length) return;
				const line = ++state.line;
				let cells = result.data;
				if (result.errors.length > 0) {
					const unterminated = result.errors.some((e) => e.code === 'MissingQuotes');
					const lineEnd = endOfLine(text, start);
					const nextLine = lineEnd + breakLength(text, lineEnd);
					// Stray quotes in a record that spans lines: it has most likely swallowed the
					// records after it (a cell with line breaks AND bad quotes is rarer, and is
					// still reported).
					const swallowed = nextLine < end;
					if (unterminated || swallowed) {
						// The record swallowed the lines after its first: keep that line alone.
						cells = splitLineLeniently(text.slice(start, lineEnd), delimiter);
						state.pending.push({
							code: unterminated ? 'unterminated-quote' : 'malformed-quote',
							severity: 'error',
							line,
							offset: start,
							record: isBlankRecord(cells) ? undefined : state.cells.length
						});
						resumeAt = nextLine;
						parser.abort();
					} else {
						state.pending.push({
							code: 'stray-quote',
							severity: 'warning',
							line,
							offset: start,
							record: isBlankRecord(cells) ? undefined : state.cells.length
						});
					}
				}
				addRecord(state, cells, start, end);
			}
		});
		if (resumeAt === -1) break;
		base = resumeAt;
	}
}

/** Lines that may stand above a table's header. */
const MAX_PREAMBLE = 5;
/** Values a caption line may hold (a caption and a date), fewer than its header has. */
const MAX_CAPTION_VALUES = 2;
/** Longest part of a skipped caption quoted in its warning. */
const MAX_QUOTED_TITLE = 80;

function filledCells(cells: string[] | undefined): number {
	let n = 0;
	for (const cell of cells ?? []) if (cell.trim() !== '') n++;
	return n;
}

/** Titles we know a header needs under captions of more than two values. */
const MIN_KNOWN_TITLES_UNDER_WIDE_CAPTION = 2;

function knownTitles(cells: string[] | undefined): number {
	let n = 0;
	for (const cell of cells ?? []) if (fieldOfHeader(cell) !== null) n++;
	return n;
}

/**
 * How many records above the header are captions: lines of at most two values, fewer than the
 * header's (`Список жителей старше 65 лет;;;;`, `Выгрузка из 1С от 12.04.2020`,
 * `Выгрузка от;12.04.2020;;`, `sep=;`), followed by a line that reads as a header and holds a
 * title we know. Captions of more values, still fewer than the header's (a title, the
 * district and the date each in a cell of its own), are taken above a header of two titles we
 * know or more, when no caption line has one (a line of group titles over the header, «ФИО;
 * Контакты;;», is none). Without such a header after them they are data (a resident with only a
 * name), and 0 is returned.
 */
export function preambleLength(records: string[][]): number {
	const limit = Math.min(MAX_PREAMBLE, records.length - 1);
	// The widest caption above the candidate header: «Выгрузка от;12.04.2020» holds two values.
	let widest = 0;
	let titled = false;
	for (let p = 1; p <= limit; p++) {
		widest = Math.max(widest, filledCells(records[p - 1]));
		titled ||= knownTitles(records[p - 1]) > 0;
		const header = records[p];
		const filled = filledCells(header);
		if (filled < 2 || filled <= widest) continue;
		// A title we know (ФИО, Телефон…) in it: a list of names and addresses without titles
		// whose first resident has a name only would otherwise lose that resident, and the next
		// one would be taken for the header (found by review). Under a caption of three values
		// or more, two of them (found by exploration: «Список граждан;Калининский район;на
		// 01.04.2020» above the header left the whole file without titles, nothing mapped).
		const known = knownTitles(header);
		if (known === 0) continue;
		if (widest > MAX_CAPTION_VALUES && (titled || known < MIN_KNOWN_TITLES_UNDER_WIDE_CAPTION))
			continue;
		if (detectHeader(records.slice(p, p + HEADER_SAMPLE_ROWS + 1))) return p;
	}
	return 0;
}

/** Parse CSV text. Never throws; see the module comment for every rule. */
export function parseCsv(input: string, options: ParseOptions = {}): ParsedCsv {
	return parseWith(input, options, true);
}

/**
 * `parseCsv` with every record read through PapaParse's `step` callback, one at a time: what
 * `parseCsv` does from the first slice with a quote problem on, and did for the whole file
 * before the fast reader. It gives exactly what `parseCsv` gives (a property test checks it on
 * thousands of hostile files), only slower.
 */
export function parseCsvRecordByRecord(input: string, options: ParseOptions = {}): ParsedCsv {
	return parseWith(input, options, false);
}

function parseWith(input: string, options: ParseOptions, fast: boolean): ParsedCsv {
	let text = input.startsWith(BOM) ? input.slice(BOM.length) : input;
	const delimiter = options.delimiter ?? detectDelimiter(text);
	const starts = [0];
	const { lineBreak, mixed } = fast
		? recordBreaks(text, delimiter, starts)
		: lineBreakOf(text, delimiter);
	if (mixed) {
		text = scanRecordBreaks(text, delimiter, true).text;
		if (fast) {
			starts.length = 1;
			scanRecordBreaks(text, delimiter, false, starts);
		}
	}

	const state: ReadState = {
		text,
		delimiter,
		quick: fast,
		newline: mixed ? '\n' : lineBreak,
		restore: options.restoreFormulas ?? true,
		batchSize: Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE),
		onProgress: options.onProgress,
		cells: [],
		lines: [],
		offsets: [],
		pending: [],
		emptyLines: 0,
		line: 0
	};
	if (text.length > 0) readStepwise(state, fast ? readFast(state, starts) : 0);
	const { cells: records, lines: recordLines, offsets: recordOffsets, pending } = state;

	// Lines above the header (a caption «Список жителей…», 1C's «Выгрузка от…», Excel's `sep=;`)
	// are skipped, each reported: taken for the header, they left the real one as a resident.
	// Only while the header is guessed: a coordinator who says where it is is taken at their word.
	const auto = options.header === undefined || options.header === 'auto';
	const preamble = auto ? preambleLength(records) : 0;
	if (preamble > 0) {
		const lines = recordLines.splice(0, preamble);
		const offsets = recordOffsets.splice(0, preamble);
		records.splice(0, preamble).forEach((cells, i) => {
			pending.push({
				code: 'title-above-header',
				severity: 'warning',
				line: lines[i],
				offset: offsets[i],
				text: cells
					.filter((c) => c.trim() !== '')
					.join(' ')
					.slice(0, MAX_QUOTED_TITLE)
			});
		});
		for (const e of pending) {
			if (e.record === undefined || e.code === 'title-above-header') continue;
			e.record = e.record >= preamble ? e.record - preamble : undefined;
		}
	}
	const useHeader =
		preamble > 0 ||
		(auto ? detectHeader(records.slice(0, HEADER_SAMPLE_ROWS + 1)) : options.header === true);
	const header = useHeader && records.length > 0 ? records[0] : null;
	if (header && auto) joinHeaderLines(state, header);
	if (header) dropRepeatedHeaders(state, header, auto);
	if (header && auto) dropNotesBelow(state, header);
	dropEmptyColumnsAtTheEnd(records);
	const first = header ? 1 : 0;
	const expected = records.length > 0 ? records[0].length : 0;
	let width = expected;
	for (let r = first; r < records.length; r++) {
		const cells = records[r];
		if (cells.length > expected) {
			let last = cells.length;
			while (last > expected && cells[last - 1] === '') last--;
			if (last < cells.length) cells.length = last;
			if (last > expected) {
				pending.push({
					code: 'too-many-fields',
					severity: 'warning',
					line: recordLines[r],
					offset: recordOffsets[r],
					record: r,
					found: last,
					expected
				});
				if (last > width) width = last;
			}
		} else if (cells.length < expected) {
			pending.push({
				code: 'too-few-fields',
				severity: 'warning',
				line: recordLines[r],
				offset: recordOffsets[r],
				record: r,
				found: cells.length,
				expected
			});
		}
	}
	for (const cells of records) while (cells.length < width) cells.push('');

	pending.sort((a, b) => a.line - b.line);
	const listed = pending.slice(0, MAX_REPORTED_ERRORS);
	const textLines = textLinesAt(
		text,
		listed.map((e) => e.offset)
	);
	const errors = listed.map((e): CsvError => {
		const row = e.record === undefined ? undefined : e.record - first;
		return {
			line: e.line,
			textLine: textLines.get(e.offset) ?? 1,
			...(row !== undefined && row >= 0 ? { row } : {}),
			code: e.code,
			severity: e.severity,
			...message(e.code, e.line, e.found, e.expected, e.text)
		};
	});
	const rows = header ? records.slice(1) : records;
	options.onProgress?.(rows.length, text.length, text.length);
	return {
		header,
		rows,
		rowLines: header ? recordLines.slice(1) : recordLines,
		errors,
		errorsOmitted: pending.length - listed.length,
		delimiter,
		lineBreak,
		mixedLineBreaks: mixed,
		emptyLines: state.emptyLines
	};
}

/** Lines under the header that may continue it: Excel's header of two or three rows. */
const MAX_HEADER_CONTINUATIONS = 2;
/** Titles of a resident's name: a value under one is a resident's, no part of a title. */
const NAME_FIELDS = new Set(['name', 'lastName', 'firstName', 'patronymic']);
/** Types whose values are no titles: a line with one of them is data. */
const VALUE_TYPES: readonly ColumnType[] = ['number', 'date', 'phone'];

/** Lines below looked at to tell a column of numbers, dates or phones (`valueColumn`). */
const VALUE_COLUMN_SAMPLE = 20;
/**
 * Titles we know whose values are numbers, dates or phones: a word under one may continue it
 * («Номер» over «квартиры»). Under any other title we know, a word is a value of its own
 * («Примечание» over «адрес» is a note).
 */
const VALUE_FIELDS = new Set(['phone', 'birthDate', 'attempts', 'callDate', 'requestDate']);
/** A title's words: letters, one to three words (no digit, no mark but a hyphen). */
const TITLE_WORDS = /^\p{L}+(?:[ -]\p{L}+){0,2}$/u;

/**
 * Whether column `j` holds numbers, dates or phones in the lines `below`: of its first
 * `VALUE_COLUMN_SAMPLE` values, at least two, and four in five of them such values.
 */
function valueColumn(below: readonly (readonly string[])[], j: number): boolean {
	let values = 0;
	let typed = 0;
	for (const cells of below) {
		const value = (cells[j] ?? '').trim();
		if (value === '') continue;
		values++;
		if (VALUE_TYPES.some((type) => normalizeValue(type, value).ok)) typed++;
		if (values >= VALUE_COLUMN_SAMPLE) break;
	}
	return values >= 2 && typed * 5 >= values * 4;
}

/**
 * The titles of a header continued by the line under it, and those it changed; null when the
 * line is no continuation. Each value of the line goes with the title above it, joined
 * («Дата» + «рождения» → «Дата рождения»), or alone under an empty title or where it is a title
 * we know, the two joined are not, and the one above is none (a group's caption over its
 * columns: «Контакты» over «Телефон» → «Телефон»). A continuation has no number, date or phone,
 * nothing under a name title, and makes at least one title we know that was not (it would
 * otherwise be a resident with a note only, or without a name) — or each of its values is a
 * title's words under a title, over a column of numbers, dates or phones (`valueColumn`):
 * «Номер» over «квартиры», «Дата» over «выдачи», titles we do not know (found in review: the
 * second line became a resident). A value of a resident's is no word over such a column.
 */
function continuedTitles(
	header: readonly string[],
	row: readonly string[],
	below: readonly (readonly string[])[]
): { titles: string[]; changed: string[] } | null {
	const titles = [...header];
	const changed: string[] = [];
	let known = false;
	// Every value so far a title's words over a column of values.
	let overValues = true;
	for (let j = 0; j < row.length; j++) {
		const sub = row[j].replace(/\s+/g, ' ').trim();
		if (sub === '') continue;
		const top = (header[j] ?? '').replace(/\s+/g, ' ').trim();
		const topField = top ? fieldOfHeader(top) : null;
		if (topField && NAME_FIELDS.has(topField)) return null;
		if (VALUE_TYPES.some((type) => normalizeValue(type, sub).ok)) return null;
		const joined = top ? `${top} ${sub}` : sub;
		// A title we know above is no group's caption: «Примечание» over «адрес» is a note.
		const title = fieldOfHeader(joined) || topField || !fieldOfHeader(sub) ? joined : sub;
		const field = fieldOfHeader(title);
		if (field && field !== topField) known = true;
		else if (overValues)
			overValues =
				top !== '' &&
				(!topField || VALUE_FIELDS.has(topField)) &&
				TITLE_WORDS.test(sub) &&
				valueColumn(below, j);
		while (titles.length <= j) titles.push('');
		titles[j] = title;
		changed.push(title);
	}
	return known || (overValues && changed.length > 0) ? { titles, changed } : null;
}

/**
 * A header of two rows, as Excel exports a title split over them («Дата» over «рождения») or a
 * group's caption over its columns («Контакты» over «Телефон;Адрес»): the line under the header
 * is joined into it (`continuedTitles`) and left out with a warning. Found by exploration: the
 * second line became a resident, flagged, and «Дата рождения» went unmapped. Only while the
 * header is guessed, like the captions above it; two such lines at most, data after them.
 */
function joinHeaderLines(state: ReadState, header: string[]) {
	const { cells: records, lines, offsets, pending } = state;
	let joined = 0;
	while (joined < MAX_HEADER_CONTINUATIONS && records.length > 2) {
		const continued = continuedTitles(
			header,
			records[1],
			records.slice(2, 2 + VALUE_COLUMN_SAMPLE * 2)
		);
		if (!continued) break;
		joined++;
		header.length = 0;
		header.push(...continued.titles);
		pending.push({
			code: 'header-continued',
			severity: 'warning',
			line: lines[1],
			offset: offsets[1],
			text: continued.changed.join('\t')
		});
		records.splice(1, 1);
		lines.splice(1, 1);
		offsets.splice(1, 1);
		for (const e of pending) {
			if (e.record === undefined || e.record < 1) continue;
			if (e.record === 1) delete e.record;
			else e.record--;
		}
	}
}

/**
 * Columns at the right with nothing in them, no title and no value on any line, as Excel writes
 * a used range wider than the table (every line ends in «;;;…»): dropped, or the mapping listed
 * each as an empty «Столбец N» (found by exploration). Empty cells only: a cell of spaces keeps
 * its column. Each line is looked at from its end down to the widest line found so far.
 */
function dropEmptyColumnsAtTheEnd(records: string[][]) {
	let used = 0;
	for (const cells of records) {
		let last = cells.length;
		while (last > used && cells[last - 1] === '') last--;
		if (last > used) used = last;
	}
	for (const cells of records) if (cells.length > used) cells.length = used;
}

/**
 * How a line under a table starts: a total, the clerk's signature (`Исп. Петрова О.В.`), the
 * official who signs the list (`Начальник отдела`, `Главный специалист`).
 */
const NOTE_BELOW =
	/^\s*(итого|всего|исп\.|исполнитель|ответственн(ый|ая)|составил[а]?|подготовил[а]?|проверил[а]?|подпись|руководитель|начальник|заместитель|зам\.|директор|председатель|заведующ(ий|ая)|(главн(ый|ая)\s+|ведущ(ий|ая)\s+)?специалист|согласовано|утверждаю|м\.\s?п\.)(?![а-яёa-z])/i;

/**
 * The lines at the end of a file that are notes under the table, not residents, each starting
 * as a total or a signature does (`Итого: 5 человек`, `Исп. Петрова О.В., тел. 555-12-34`), and
 * the short lines after it (its second line, «тел. 555-12-34»). A line of at most two values,
 * fewer than the header has, is a note by its first word; one of more values only after an
 * empty line, or without a phone where the header's phone column is: «Исполнитель;Петрова
 * А.А.;тел. 222-33-44» (found by exploration: it became a resident named «Исполнитель», its
 * «phone» flagged), where «Всего: 2;+7 911 000-11-22;пр. Мира, 2» is a resident. Left out with
 * a warning each (found by exploration: they became residents). Only while the header is
 * guessed, like the captions above it. Only the lines at the end are read, from the last up.
 */
function dropNotesBelow(state: ReadState, header: string[]) {
	const { cells: records, lines, offsets, pending } = state;
	const phone = header.findIndex((title) => fieldOfHeader(title) === 'phone');
	const short = (r: number) => {
		const filled = filledCells(records[r]);
		return filled <= MAX_CAPTION_VALUES && filled < header.length;
	};
	const noteStart = (r: number) => {
		const cells = records[r];
		if (!NOTE_BELOW.test(cells.find((c) => c.trim() !== '') ?? '')) return false;
		if (short(r) || lines[r] > lines[r - 1] + 1) return true;
		return phone < 0 || !normalizeValue('phone', cells[phone] ?? '').ok;
	};
	// Up from the last line, through notes and short lines: the first note of them is where the
	// notes start. The short lines above it are residents with a name only.
	let end = records.length;
	for (let r = records.length - 1; r >= 2; r--) {
		if (noteStart(r)) end = r;
		else if (!short(r)) break;
	}
	if (end === records.length) return;
	for (let r = end; r < records.length; r++) {
		pending.push({
			code: 'note-below-table',
			severity: 'warning',
			line: lines[r],
			offset: offsets[r],
			text: records[r]
				.filter((c) => c.trim() !== '')
				.join(' ')
				.slice(0, MAX_QUOTED_TITLE)
		});
	}
	for (const e of pending) if (e.record !== undefined && e.record >= end) e.record = undefined;
	records.length = end;
	lines.length = end;
	offsets.length = end;
}

/**
 * A UTF-16 unit of ASCII or Russian text in lower case, as `toLocaleLowerCase('ru')` writes
 * it; -1 for any other (which takes the call). Asked for every row of a file: the call was
 * about 50 ms of reading a 100,000-row file in Node (a CPU profile).
 */
function lowerCode(code: number): number {
	if ((code >= 0x41 && code <= 0x5a) || (code >= 0x410 && code <= 0x42f)) return code + 0x20;
	if (code >= 0x400 && code <= 0x40f) return code + 0x50; // Ѐ…Џ, Ё among them
	if (code < 0x80 || (code >= 0x430 && code <= 0x45f)) return code;
	return -1;
}

/**
 * Whether `titleKey(cell)` is `key`; the key is made only when the cell's start does not already
 * tell. While a cell's characters are plain (ASCII but spaces and control characters, Russian
 * letters), `titleKey` keeps each where it is, in lower case (`lowerCode`), so the first one
 * that differs from the key's settles it. Asked for each row that starts with the header's first
 * letter: `titleKey` (`toLocaleLowerCase('ru')`) took about 8 µs a call, 40 ms for the bench's
 * 4,835 residents whose name starts with «Ф» of «ФИО» in Node.
 */
export function hasTitleKey(cell: string, key: string): boolean {
	let j = 0;
	for (; j < cell.length; j++) {
		const code = cell.charCodeAt(j);
		if (!((code > 32 && code < 127) || (code >= 0x400 && code <= 0x45f))) break;
		if (j >= key.length || lowerCode(code) !== key.charCodeAt(j)) return false;
	}
	if (j === cell.length) return j === key.length;
	return titleKey(cell) === key;
}

/**
 * Lists joined into one file (copied one under the other in Excel) repeat their title row in
 * the middle: such a row is not a resident. It is left out with a warning, once its cells say
 * the header's titles again (case and spaces aside; empty cells after them allowed).
 *
 * So is a line that numbers the columns, as official forms do under their titles
 * (`1;2;;3;4`: its values, the empty cells of merged ones aside, count 1, 2, 3… from the
 * first): it became a resident named «2» (found by exploration). Only while the header is
 * `guessed`, like the captions above it.
 */
function dropRepeatedHeaders(state: ReadState, header: string[], guessed: boolean) {
	const keys = header.map(titleKey);
	const last = keys.findLastIndex((k) => k !== '');
	if (last < 0) return;
	const { cells, lines, offsets, pending, text, quick } = state;
	const initial = keys[0].charAt(0);
	const initialCode = initial.charCodeAt(0);
	const delimiterCode = state.delimiter.charCodeAt(0);
	/**
	 * Whether the record at `offset` is surely no repeat, told from the text alone: its first
	 * character, when the first cell starts with it as it is (no quote, separator, apostrophe
	 * that `restoreFormula` may drop, space or mark `repeats` would skip), is not the header's
	 * initial. Reading each row's first cell for it was about 18 ms of the bench's parse in the
	 * import worker (CPU profile); the text is read in order, the rows are not.
	 */
	const surelyOther = (offset: number) => {
		const code = text.charCodeAt(offset);
		if (code <= 32 || code === QUOTE || code === APOSTROPHE || code === delimiterCode) return false;
		const lower = lowerCode(code);
		return lower >= 0 && lower !== initialCode;
	};
	const repeats = (row: string[]) => {
		if (row.length <= last) return false;
		// Most rows differ at their first letter: no key is made for them.
		const head = row[0];
		let i = 0;
		while (i < head.length) {
			const code = head.charCodeAt(i);
			if (code > 32 && !isSpaceCode(code) && !isInvisibleCode(code)) break;
			i++;
		}
		const lower = lowerCode(head.charCodeAt(i));
		if (lower >= 0 ? lower !== initialCode : head.charAt(i).toLocaleLowerCase('ru') !== initial)
			return false;
		if (!hasTitleKey(head, keys[0])) return false;
		for (let c = 1; c < row.length; c++)
			if (c <= last ? !hasTitleKey(row[c], keys[c]) : row[c] !== '') return false;
		return true;
	};
	// Index among the kept records, before → after; -1 for a record left out.
	const moved: number[] = new Array(cells.length);
	let kept = 1;
	moved[0] = 0;
	// Column numbers are looked for only right under the header (or a repeat of it): a resident's
	// row elsewhere may count 1, 2, 3… (found in review: «1;2;3;4;5» of entrance, floor, flat…
	// in the middle of a file was dropped).
	let underHeader = true;
	for (let r = 1; r < cells.length; r++) {
		const repeated = quick && surelyOther(offsets[r]) ? false : repeats(cells[r]);
		const numbers = repeated || !guessed || !underHeader ? '' : columnNumbers(cells[r]);
		underHeader = repeated;
		if (!repeated && numbers === '') {
			moved[r] = kept;
			cells[kept] = cells[r];
			lines[kept] = lines[r];
			offsets[kept] = offsets[r];
			kept++;
			continue;
		}
		moved[r] = -1;
		pending.push({
			code: repeated ? 'repeated-header' : 'column-numbers',
			severity: 'warning',
			line: lines[r],
			offset: offsets[r],
			...(repeated ? {} : { text: numbers })
		});
	}
	if (kept === cells.length) return;
	cells.length = lines.length = offsets.length = kept;
	for (const e of pending) {
		if (e.record === undefined) continue;
		const to = moved[e.record];
		if (to >= 0) e.record = to;
		else delete e.record;
	}
}

/** Columns a numbering line counts at least: a resident's row may hold a number or two. */
const MIN_COLUMN_NUMBERS = 3;

/**
 * The numbers of a line that numbers the columns (`1;2;;3;4` → `1 2 3 4`), or '' for any other
 * line. Most lines fail at their first cell, which is no «1».
 */
function columnNumbers(row: string[]): string {
	let next = 1;
	for (const cell of row) {
		const value = cell.trim();
		if (value === '') continue;
		if (value !== String(next)) return '';
		next++;
	}
	const count = next - 1;
	if (count < MIN_COLUMN_NUMBERS) return '';
	return Array.from({ length: count }, (_, i) => i + 1).join(' ');
}

/** Decode (`decodeCsvBytes`) and parse a file's bytes: what the import worker runs. */
export function parseCsvBytes(
	bytes: Uint8Array,
	options: ParseOptions & { encoding?: EncodingOverride } = {}
): ParsedCsv & { encoding: CsvEncoding } {
	const { text, encoding } = decodeCsvBytes(bytes, options.encoding);
	return { ...parseCsv(text, options), encoding };
}
