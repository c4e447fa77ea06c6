/**
 * Rows → CSV bytes in the three dialects a Russian office needs.
 *
 * - `excel-ru` (default): UTF-8 with a BOM, `;`, CRLF. Excel in a Russian locale opens it with
 *   a double click, Cyrillic intact (without the BOM it would guess Windows-1251).
 * - `utf8-comma`: plain UTF-8, `,`, CRLF — Google Sheets, LibreOffice, scripts.
 * - `windows-1251`: `;`, CRLF, Windows-1251 — old Excel versions and 1C. Characters it cannot
 *   hold become `?` and are counted (`encodeCsv(...).unmappable`).
 *
 * Cells are quoted (RFC 4180, `"` doubled) when they hold any of `;` `,` TAB — whatever the
 * chosen separator, so that `detectDelimiter` can never be fooled by our own files — or `"`,
 * CR, LF, or start or end with white space (Excel would trim it). Formulas are neutralised
 * (see `formula.ts`). Every record ends with CRLF, the last one too, as Excel writes it.
 */
import { encodeWindows1251 } from './decode';
import type { CsvDelimiter } from './detect';
import { neutralizeFormula } from './formula';

export type ExportFormat = 'excel-ru' | 'utf8-comma' | 'windows-1251';

export interface ExportDialect {
	delimiter: CsvDelimiter;
	encoding: 'utf-8' | 'windows-1251';
	bom: boolean;
}

export const EXPORT_FORMATS: Record<ExportFormat, ExportDialect> = {
	'excel-ru': { delimiter: ';', encoding: 'utf-8', bom: true },
	'utf8-comma': { delimiter: ',', encoding: 'utf-8', bom: false },
	'windows-1251': { delimiter: ';', encoding: 'windows-1251', bom: false }
};
export const DEFAULT_EXPORT_FORMAT: ExportFormat = 'excel-ru';
export const CSV_LINE_BREAK = '\r\n';
export const CSV_MIME_TYPE = 'text/csv';

const UTF8_BOM = new Uint8Array([0xef, 0xbb, 0xbf]);
const NEEDS_QUOTES = /[;,\t"\r\n]/;
const SPACE = /\s/;
const QUOTE = /"/g;

/** Whether a cell must be quoted: a special character inside, or white space at an edge. */
function needsQuotes(cell: string): boolean {
	if (NEEDS_QUOTES.test(cell)) return true;
	const first = cell.charCodeAt(0);
	const last = cell.charCodeAt(cell.length - 1);
	// Printable ASCII is never white space: skip the regex for nearly every cell.
	return (
		((first <= 32 || first >= 127) && SPACE.test(cell[0])) ||
		((last <= 32 || last >= 127) && SPACE.test(cell[cell.length - 1]))
	);
}

export interface ExportOptions {
	header: string[];
	/** Rows shorter than the header are padded with empty cells; longer ones are kept whole. */
	rows: string[][];
	format?: ExportFormat;
	/** Prefix formula-like cells with `'` (default true). */
	neutralizeFormulas?: boolean;
	/**
	 * Whether this is the start of the file: the header line and the BOM (default true). A file
	 * written in slices passes false for every slice after the first.
	 */
	start?: boolean;
}

/** One field as written to the file. */
export function csvCell(value: string, neutralize = true): string {
	const cell = neutralize ? neutralizeFormula(value) : value;
	return needsQuotes(cell) ? `"${cell.replace(QUOTE, '""')}"` : cell;
}

/** The CSV text (no BOM) in the dialect of `format`. */
export function exportCsvText(options: ExportOptions): string {
	const { header, rows, neutralizeFormulas = true, start = true } = options;
	const { delimiter } = EXPORT_FORMATS[options.format ?? DEFAULT_EXPORT_FORMAT];
	const width = header.length;
	// One flat list of pieces joined once: far less garbage than a string per line.
	const parts: string[] = [];
	for (let r = start ? -1 : 0; r < rows.length; r++) {
		const cells = r < 0 ? header : rows[r];
		const n = Math.max(width, cells.length);
		for (let i = 0; i < n; i++) {
			const value = cells[i];
			parts.push(value ? csvCell(value, neutralizeFormulas) : '');
			parts.push(i < n - 1 ? delimiter : CSV_LINE_BREAK);
		}
		if (n === 0) parts.push(CSV_LINE_BREAK);
	}
	return parts.join('');
}

/** The file's bytes plus how many characters Windows-1251 could not hold (0 for UTF-8). */
export function encodeCsv(options: ExportOptions): { bytes: Uint8Array; unmappable: number } {
	const dialect = EXPORT_FORMATS[options.format ?? DEFAULT_EXPORT_FORMAT];
	const text = exportCsvText(options);
	if (dialect.encoding === 'windows-1251') return encodeWindows1251(text);
	const body = new TextEncoder().encode(text);
	if (!dialect.bom || options.start === false) return { bytes: body, unmappable: 0 };
	const bytes = new Uint8Array(UTF8_BOM.length + body.length);
	bytes.set(UTF8_BOM);
	bytes.set(body, UTF8_BOM.length);
	return { bytes, unmappable: 0 };
}

/** The file's bytes, ready for a `Blob` download. */
export function exportCsv(options: ExportOptions): Uint8Array {
	return encodeCsv(options).bytes;
}
