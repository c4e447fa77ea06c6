/**
 * A sheet (or the rows of the current filtered, sorted view) as the rows of a CSV file: values
 * as the grid shows them (`+7 (812) 123-45-67`, `05.03.1941`, да/нет), which the import reads
 * back into exactly the stored values, and the file name a coordinator recognises.
 */
import { encodeCsv, EXPORT_FORMATS, type ExportFormat } from '../csv';
import type { Locale } from '../i18n';
import type { Column, Sheet } from '../model/sheet';
import { yieldToPage } from '../ui/tasks';
import { formatValue } from '../values';
import { isStoredNumber } from '../values/number';

/** A stored value as it goes into the file. */
export function exportValue(
	column: Pick<Column, 'type'>,
	stored: string,
	format: ExportFormat,
	locale: Locale
): string {
	if (!stored) return stored;
	switch (column.type) {
		case 'number':
			// Excel in a Russian locale reads `1234,5` as a number, and `1234.5` as a date or text.
			// A cell kept as typed because it is no number (`около 5.5`) is written as typed.
			return EXPORT_FORMATS[format].delimiter === ';' && isStoredNumber(stored)
				? stored.replace('.', ',')
				: stored;
		case 'phone':
		case 'date':
		case 'datetime':
		case 'checkbox':
			return formatValue(column.type, stored, locale);
		default:
			return stored;
	}
}

export interface SheetExportOptions {
	/** Rows in the order to write; default every row of the sheet, in sheet order. */
	rowIds?: string[];
	/**
	 * Columns in the order to write (the operator's view: hidden ones left out); default every
	 * column of the sheet. A column deleted since is left out.
	 */
	columnIds?: string[];
	format: ExportFormat;
	locale: Locale;
}

export function sheetExportRows(
	sheet: Sheet,
	options: SheetExportOptions
): { header: string[]; rows: string[][] } {
	return exportRows(sheet, exportColumns(sheet, options), options);
}

/** The columns to write: the ones asked for that the sheet still has, or every column. */
function exportColumns(sheet: Sheet, options: Pick<SheetExportOptions, 'columnIds'>): Column[] {
	return options.columnIds
		? options.columnIds.flatMap((id) => sheet.column(id) ?? [])
		: sheet.columns();
}

function exportRows(
	sheet: Sheet,
	columns: Column[],
	options: SheetExportOptions
): { header: string[]; rows: string[][] } {
	// Rows given by the caller (a view taken when the dialog opened, a slice of a long export)
	// may have been deleted by a colleague since: a deleted row is never written.
	const ids = options.rowIds ? options.rowIds.filter((id) => sheet.hasRow(id)) : sheet.rowIds();
	const rows = sheet.rowValues(
		ids,
		columns.map((c) => c.id)
	);
	for (const cells of rows) {
		for (let c = 0; c < columns.length; c++) {
			if (cells[c]) cells[c] = exportValue(columns[c], cells[c], options.format, options.locale);
		}
	}
	return { header: columns.map((c) => c.title), rows };
}

/** Rows per slice of a sliced export: one short task each. */
export const EXPORT_SLICE_ROWS = 5000;

/**
 * The file's bytes written slice by slice, yielding to the page between slices, so a
 * 100,000-row export never freezes it. The parts go to a `Blob` as they are.
 */
export async function exportSheetParts(
	sheet: Sheet,
	options: SheetExportOptions & {
		onProgress?: (rows: number, total: number) => void;
		sliceRows?: number;
	}
): Promise<{ parts: Uint8Array[]; unmappable: number }> {
	const ids = options.rowIds ?? sheet.rowIds();
	// Taken once, as the header: a column a colleague deletes, adds or moves while the slices are
	// written would shift the cells of the later slices under the wrong titles.
	const columns = exportColumns(sheet, options);
	const size = Math.max(1, options.sliceRows ?? EXPORT_SLICE_ROWS);
	const parts: Uint8Array[] = [];
	let unmappable = 0;
	for (let at = 0; at === 0 || at < ids.length; at += size) {
		if (at > 0) await yieldToPage();
		const slice = ids.slice(at, at + size);
		const { header, rows } = exportRows(sheet, columns, { ...options, rowIds: slice });
		const encoded = encodeCsv({ header, rows, format: options.format, start: at === 0 });
		parts.push(encoded.bytes);
		unmappable += encoded.unmappable;
		options.onProgress?.(at + slice.length, ids.length);
	}
	return { parts, unmappable };
}

/** Characters no file name may hold on Windows (and `/` nowhere). */
const FORBIDDEN_IN_NAMES = /[\\/:*?"<>|]+/g;
/**
 * Control and format characters (C0, C1, the bidirectional overrides and isolates, zero-width
 * ones) and halves of characters: taken out. A title «Отчёт\u202Egpj.exe» could show in the
 * downloads as a name ending «exe.jpg…», and a line break in a name is no name.
 */
const INVISIBLE_IN_NAMES = /[\p{Cc}\p{Cf}\p{Cs}]+/gu;
/** The title's part of a name, at most: in characters, and in UTF-8 bytes (255 on most disks). */
const NAME_MAX_CHARS = 100;
const NAME_MAX_BYTES = 150;

/**
 * `Обзвон 65+ 2024-05-01.csv`: the sheet's title and the date, safe on every system. Whatever a
 * colleague titled the list (`../../x`, `<script>`, 300 letters, a right-to-left override), the
 * name is one file's, in the downloads folder, reads as it is, and fits: characters a system
 * forbids become `_`, invisible ones go, dots and spaces at its start go (`.x` is a hidden
 * file), and it is cut whole characters at a time. `CON`, `NUL` and the like are reserved on
 * Windows only as a whole name, which the date after them never leaves.
 */
export function exportFileName(title: string, date: Date = new Date(), suffix = ''): string {
	const day = [
		date.getFullYear(),
		String(date.getMonth() + 1).padStart(2, '0'),
		String(date.getDate()).padStart(2, '0')
	].join('-');
	const cleaned = title
		.replace(INVISIBLE_IN_NAMES, (run) => (/[\t\n\r]/.test(run) ? ' ' : ''))
		.replace(FORBIDDEN_IN_NAMES, '_')
		.replace(/\s+/g, ' ')
		.replace(/^[\s.]+/, '')
		.trim();
	const clean = cutName(cleaned).trim();
	return `${clean || 'export'}${suffix} ${day}.csv`;
}

/** At most `NAME_MAX_CHARS` characters and `NAME_MAX_BYTES` bytes, never half a character. */
function cutName(name: string): string {
	const encoder = new TextEncoder();
	let out = '';
	let bytes = 0;
	let chars = 0;
	for (const char of name) {
		const size = encoder.encode(char).length;
		if (chars + 1 > NAME_MAX_CHARS || bytes + size > NAME_MAX_BYTES) break;
		out += char;
		bytes += size;
		chars++;
	}
	return out;
}

/** Save bytes (one array, or the parts of a sliced export) as a file through the download. */
export function downloadBytes(
	bytes: Uint8Array | Uint8Array[],
	fileName: string,
	type = 'text/csv'
): void {
	const blob = new Blob((Array.isArray(bytes) ? bytes : [bytes]) as BlobPart[], { type });
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = fileName;
	a.style.display = 'none';
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
