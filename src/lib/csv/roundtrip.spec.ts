/**
 * The property that makes export and import safe to use on people's data: whatever a sheet
 * holds, exporting it in any of the three formats and importing the file gives back exactly
 * the same header and rows.
 */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../model/testing';
import { decodeCsvBytes, isWindows1251Char } from './decode';
import { EXPORT_FORMATS, exportCsv, type ExportFormat } from './export';
import { isSpacesOnly, parseCsv } from './parse';

const SHEETS = Number(process.env.CSV_PROPERTY_SHEETS ?? 200);
const MAX_COLUMNS = 6;
const MAX_ROWS = 12;
const EMPTY_CELL_SHARE = 0.25;

/** Pieces cells are made of: everything that has ever broken a CSV round trip. */
const FRAGMENTS = [
	'Иванова',
	'Пётр',
	'ЁЛКА',
	'ёж',
	'"',
	'""',
	';',
	',',
	'\t',
	'\r',
	'\n',
	'\r\n',
	'\n\r',
	' ',
	'  ',
	'\u00a0',
	'=',
	'+',
	'-',
	'@',
	"'",
	"'=",
	"''+",
	'=HYPERLINK("http://x";"y")',
	'@SUM(A1)',
	'+7 (812) 123-45-67',
	'+79111234567',
	'-5',
	'-1 234,5',
	'-2+3',
	'№ 5',
	'«Ветеран»',
	'—',
	'abc',
	'123',
	'#',
	'\u0098',
	'é',
	'👵',
	'日本',
	'\u2028',
	'\uFFFD'
];

const representableIn1251 = (text: string) =>
	[...text].every((char) => char.length === 1 && isWindows1251Char(char.charCodeAt(0)));

function generateSheet(random: () => number, fragments: string[]) {
	const pick = () => fragments[Math.floor(random() * fragments.length)];
	const cell = () => {
		if (random() < EMPTY_CELL_SHARE) return '';
		let value = '';
		const pieces = 1 + Math.floor(random() * 4);
		for (let i = 0; i < pieces; i++) value += pick();
		return value;
	};
	const columns = 1 + Math.floor(random() * MAX_COLUMNS);
	// A header of real titles: the first one Russian (a Windows-1251 file must not pass for
	// UTF-8), the others anything at all but never empty.
	const header = Array.from({ length: columns }, (_, i) =>
		i === 0 ? `Имя${cell()}` : cell() || pick()
	);
	const rows = Array.from({ length: Math.floor(random() * (MAX_ROWS + 1)) }, () =>
		Array.from({ length: columns }, cell)
	);
	return { header, rows };
}

describe('export → import round trip (property)', () => {
	const formats = Object.keys(EXPORT_FORMATS) as ExportFormat[];

	it.each(formats)(
		`gives back exactly the same header and rows for ${SHEETS} random sheets: %s`,
		(format) => {
			const fragments =
				format === 'windows-1251' ? FRAGMENTS.filter(representableIn1251) : FRAGMENTS;
			const random = seededRandom(formats.indexOf(format) + 1);
			let cells = 0;
			for (let n = 0; n < SHEETS; n++) {
				const { header, rows } = generateSheet(random, fragments);
				const bytes = exportCsv({ header, rows, format });
				const decoded = decodeCsvBytes(bytes);
				const parsed = parseCsv(decoded.text, { header: true });
				const context = `sheet ${n}: ${JSON.stringify({ header, rows })}`;
				// A row with nothing in it (or only spaces) is a blank line, and blank lines are not
				// data.
				const expected = rows.filter((row) => row.some((value) => !isSpacesOnly(value)));
				expect(parsed.header, context).toEqual(header);
				expect(parsed.rows, context).toEqual(expected);
				expect(parsed.errors, context).toEqual([]);
				if (header.length > 1) expect(parsed.delimiter).toBe(EXPORT_FORMATS[format].delimiter);
				expect(decoded.encoding).toBe(
					format === 'excel-ru' ? 'utf-8-bom' : format === 'utf8-comma' ? 'utf-8' : 'windows-1251'
				);
				cells += rows.length * header.length;
			}
			expect(cells).toBeGreaterThan(SHEETS * 10);
		}
	);

	it('also holds for the header guess on a realistic list', () => {
		const header = ['ФИО', 'Телефон', 'Примечание'];
		const rows = [
			['=Иванова', '+7 (812) 123-45-67', '"Сын"; звонить\r\nвечером'],
			['Петров', "'-5", '@ночью']
		];
		for (const format of formats) {
			const parsed = parseCsv(decodeCsvBytes(exportCsv({ header, rows, format })).text);
			expect(parsed.header).toEqual(header);
			expect(parsed.rows).toEqual(rows);
		}
	});
});
