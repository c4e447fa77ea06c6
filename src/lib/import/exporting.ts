/**
 * A sheet (or the rows of the current filtered, sorted view) as the rows of a CSV file: values
 * as the grid shows them (`+7 (812) 123-45-67`, `05.03.1941`, да/нет), which the import reads
 * back into exactly the stored values, and the file name a coordinator recognises.
 */
import { EXPORT_FORMATS, type ExportFormat } from '../csv';
import type { Locale } from '../i18n';
import type { Column, Sheet } from '../model/sheet';
import { formatValue } from '../values';

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
			return EXPORT_FORMATS[format].delimiter === ';' ? stored.replace('.', ',') : stored;
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
	format: ExportFormat;
	locale: Locale;
}

export function sheetExportRows(
	sheet: Sheet,
	options: SheetExportOptions
): { header: string[]; rows: string[][] } {
	const columns = sheet.columns();
	const ids = options.rowIds ?? sheet.rowIds();
	const rows: string[][] = new Array(ids.length);
	for (let r = 0; r < ids.length; r++) {
		const row = sheet.getRow(ids[r]);
		const cells: string[] = new Array(columns.length);
		for (let c = 0; c < columns.length; c++) {
			const col = columns[c];
			cells[c] = exportValue(col, row[col.id] ?? '', options.format, options.locale);
		}
		rows[r] = cells;
	}
	return { header: columns.map((c) => c.title), rows };
}

// eslint-disable-next-line no-control-regex -- control characters are what we remove
const FORBIDDEN_IN_NAMES = /[\\/:*?"<>|\u0000-\u001f]+/g;

/** `Обзвон 65+ 2024-05-01.csv`: the sheet's title and the date, safe on every system. */
export function exportFileName(title: string, date: Date = new Date(), suffix = ''): string {
	const day = [
		date.getFullYear(),
		String(date.getMonth() + 1).padStart(2, '0'),
		String(date.getDate()).padStart(2, '0')
	].join('-');
	const clean = title.replace(FORBIDDEN_IN_NAMES, '_').replace(/\s+/g, ' ').trim().slice(0, 100);
	return `${clean || 'export'}${suffix} ${day}.csv`;
}

/** Save bytes as a file through the browser's download. */
export function downloadBytes(bytes: Uint8Array, fileName: string, type = 'text/csv'): void {
	const blob = new Blob([bytes as BlobPart], { type });
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
