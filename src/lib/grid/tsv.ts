/**
 * Tab-separated text as Excel and Google Sheets put it on the clipboard: cells separated by
 * tabs, rows by line breaks (`\r\n` from Excel, `\n` from Sheets); a cell holding a tab, a line
 * break or a quote is wrapped in double quotes with its quotes doubled. Only a quote at the very
 * start of a cell opens a quoted cell, so `5" диск` or `ООО "Ромашка"` stay as typed.
 */
import { withoutHidden } from '../values/clean';

/**
 * Parses a TSV block into rows of cells. The line break after the last row is not a row. A cell's
 * invisible control characters (a bidirectional override, a zero-width space, a stray \x01) are
 * left out, as the CSV import leaves them out (`withoutHidden`): a name copied from a web page or
 * a chat is found again by search and by the duplicates check.
 */
export function parseTsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let i = 0;
	const n = text.length;
	if (n === 0) return rows;
	for (;;) {
		let cell = '';
		if (text[i] === '"') {
			// A quoted cell, if a closing quote is followed by a tab, a line break or the end.
			let j = i + 1;
			let value = '';
			let closed = false;
			while (j < n) {
				const ch = text[j];
				if (ch === '"') {
					if (text[j + 1] === '"') {
						value += '"';
						j += 2;
						continue;
					}
					const after = text[j + 1];
					if (after === undefined || after === '\t' || after === '\n' || after === '\r') {
						closed = true;
						j++;
					}
					break;
				}
				value += ch;
				j++;
			}
			if (closed) {
				cell = value.replace(/\r\n?/g, '\n');
				i = j;
			}
		}
		if (i < n && text[i] !== '\t' && text[i] !== '\n' && text[i] !== '\r') {
			// An unquoted cell (or a quote that does not close: taken as typed).
			let j = i;
			while (j < n && text[j] !== '\t' && text[j] !== '\n' && text[j] !== '\r') j++;
			cell = text.slice(i, j);
			i = j;
		}
		row.push(withoutHidden(cell));
		if (i >= n) {
			rows.push(row);
			break;
		}
		const sep = text[i];
		if (sep === '\t') {
			i++;
			continue;
		}
		// A line break ends the row.
		i += sep === '\r' && text[i + 1] === '\n' ? 2 : 1;
		rows.push(row);
		row = [];
		if (i >= n) break;
	}
	return rows;
}

/** One cell as TSV: quoted when it holds a tab, a line break or starts with a quote. */
function tsvCell(value: string): string {
	if (/[\t\n\r]/.test(value) || value.startsWith('"')) return '"' + value.replace(/"/g, '""') + '"';
	return value;
}

/** Rows of cells as TSV, rows ended by `\r\n` except the last (what spreadsheets paste best). */
export function toTsv(rows: readonly (readonly string[])[]): string {
	return rows.map((row) => row.map(tsvCell).join('\t')).join('\r\n');
}
