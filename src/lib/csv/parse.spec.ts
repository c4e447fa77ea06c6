import { describe, expect, it } from 'vitest';
import { createRandom, generateCallListCsv, generateRows } from '../../../bench/data';
import { titleKey } from '../model/sheet';
import { encodeWindows1251 } from './decode';
import { DELIMITERS, detectDelimiter } from './detect';
import {
	DEFAULT_BATCH_SIZE,
	detectLineBreak,
	hasTitleKey,
	MAX_REPORTED_ERRORS,
	parseCsv,
	parseCsvBytes,
	parseCsvRecordByRecord,
	type ParseOptions
} from './parse';

const BIG_ROWS = 100_000;

describe('parseCsv: quoting and line breaks', () => {
	it('reads quotes, `;` and line breaks (CRLF, LF, CR) inside quoted cells', () => {
		const text =
			'ФИО;Примечание\r\n' +
			'Иванова;"Сын — ""Алексей""; звонить\r\nвечером"\r\n' +
			'Петров;"строка 1\nстрока 2\rстрока 3"\r\n';
		const result = parseCsv(text);
		expect(result.header).toEqual(['ФИО', 'Примечание']);
		expect(result.rows).toEqual([
			['Иванова', 'Сын — "Алексей"; звонить\r\nвечером'],
			['Петров', 'строка 1\nстрока 2\rстрока 3']
		]);
		expect(result.errors).toEqual([]);
		expect(result.lineBreak).toBe('\r\n');
		expect(result.mixedLineBreaks).toBe(false);
	});

	it('reads LF-only and CR-only files', () => {
		expect(parseCsv('a;b\n1;2\n', { header: true }).rows).toEqual([['1', '2']]);
		expect(parseCsv('a;b\r1;2\r', { header: true }).rows).toEqual([['1', '2']]);
	});

	it('reads a file mixing CRLF and LF between records without touching cells', () => {
		const text = 'ФИО;Примечание\r\nИванова;"a\r\nb"\nПетров;"c\nd"\r\nСидоров;e\n';
		const result = parseCsv(text);
		expect(result.mixedLineBreaks).toBe(true);
		expect(result.rows).toEqual([
			['Иванова', 'a\r\nb'],
			['Петров', 'c\nd'],
			['Сидоров', 'e']
		]);
	});

	it('drops a BOM left in the text and keeps spaces around values', () => {
		const result = parseCsv('\uFEFFФИО;Телефон\r\n Иванова  ;8 911\r\n');
		expect(result.header).toEqual(['ФИО', 'Телефон']);
		expect(result.rows).toEqual([[' Иванова  ', '8 911']]);
	});

	it('reads the bench call list exactly as generated', () => {
		const text = generateCallListCsv({ rows: 3000, seed: 11 });
		const expected = generateRows({ rows: 3000, seed: 11 });
		const result = parseCsv(text);
		expect(result.delimiter).toBe(';');
		expect(result.header).toEqual(expected.header);
		expect(result.rows).toEqual(expected.rows);
		expect(result.errors).toEqual([]);
		expect(result.rowLines.slice(0, 3)).toEqual([2, 3, 4]);
	});
});

describe('parseCsv: empty lines and ragged rows', () => {
	it('skips empty lines but counts them in line numbers', () => {
		const text = 'ФИО;Телефон\r\n\r\nИванова;1\r\n;\r\n\r\nПетров\r\n';
		const result = parseCsv(text, { header: true });
		expect(result.rows).toEqual([
			['Иванова', '1'],
			['Петров', '']
		]);
		expect(result.rowLines).toEqual([3, 6]);
		expect(result.emptyLines).toBe(3);
		expect(result.errors).toEqual([
			expect.objectContaining({ line: 6, textLine: 6, row: 1, code: 'too-few-fields' })
		]);
	});

	it('skips a record whose cells hold only spaces, as an empty one', () => {
		// Cells "cleared" with a space bar, or a no-break space from a copy, in Excel.
		const text = 'ФИО;Телефон\r\n   ; \r\nИванова;1\r\n"  ";\u00a0\r\nПетров;2\r\n';
		const result = parseCsv(text, { header: true });
		expect(result.rows).toEqual([
			['Иванова', '1'],
			['Петров', '2']
		]);
		expect(result.rowLines).toEqual([3, 5]);
		expect(result.emptyLines).toBe(2);
		expect(result.errors).toEqual([]);
		// A cell with text and spaces around it is kept as it is.
		expect(parseCsv('ФИО;Телефон\r\n  Иванова ; \r\n', { header: true }).rows).toEqual([
			['  Иванова ', ' ']
		]);
	});

	it('leaves out the title row repeated in the middle (lists joined into one file), with a warning', () => {
		const text = [
			'ФИО;Телефон;Адрес',
			'Иванова;1;Ленина 5',
			'ФИО;Телефон;Адрес',
			'"Петров ""Пётр""";2;Мира 1',
			' фио ; ТЕЛЕФОН ;адрес;',
			'ФИО;Телефон;Адрес;лишнее',
			'ФИО;Телефон',
			'Сидорова;3;'
		].join('\r\n');
		for (const parse of [parseCsv, parseCsvRecordByRecord]) {
			const result = parse(text, { header: true });
			// A row with one more value, or one value fewer, is not the title row again: kept.
			expect(result.rows.map((r) => r[0])).toEqual([
				'Иванова',
				'Петров "Пётр"',
				'ФИО',
				'ФИО',
				'Сидорова'
			]);
			expect(result.rowLines).toEqual([2, 4, 6, 7, 8]);
			const repeated = result.errors.filter((e) => e.code === 'repeated-header');
			expect(repeated.map((e) => e.line)).toEqual([3, 5]);
			expect(repeated[0]).toMatchObject({
				severity: 'warning',
				messageRu: 'Строка 3: снова строка заголовков (списки склеены в один файл?) — пропущена.'
			});
			// The other warnings still point at their rows after the two left out.
			const short = result.errors.find((e) => e.code === 'too-few-fields');
			expect(short?.line).toBe(7);
			expect(result.rows[short?.row ?? -1]?.[1]).toBe('Телефон');
			expect(result.rows[short?.row ?? -1]?.[2]).toBe('');
		}
		// Titles of any letters, repeated in the other case, are the title row again.
		for (const title of ['Name', 'ёлка', 'Ёлка', 'Ђак', 'Σημείωση', 'Ärzte', '№ п/п', 'ǅemal'])
			for (const again of [title.toLocaleUpperCase('ru'), title.toLocaleLowerCase('ru')])
				for (const parse of [parseCsv, parseCsvRecordByRecord])
					expect(
						parse(`${title};b\nИванова;1\n${again};B\nПетров;2`, { header: true }).rows,
						`${title} / ${again}`
					).toEqual([
						['Иванова', '1'],
						['Петров', '2']
					]);
		// Without a title row nothing is compared.
		expect(parseCsv('Иванова;1\r\nИванова;1\r\n', { header: false }).rows).toHaveLength(2);
		// An invisible mark in front (a left-to-right mark, a zero-width space from a web page)
		// is nothing, as in the titles (found in review).
		for (const parse of [parseCsv, parseCsvRecordByRecord])
			expect(
				parse('\u200eФИО;Телефон\r\nИванова;1\r\n\u200eФИО;Телефон\r\nПетров;2', { header: true })
					.rows
			).toEqual([
				['Иванова', '1'],
				['Петров', '2']
			]);
		// A no-break space in front (copied from a web page or Word) is a space too.
		for (const parse of [parseCsv, parseCsvRecordByRecord])
			expect(
				parse('ФИО;Телефон\r\nИванова;1\r\n\u00a0ФИО;Телефон\u00a0\r\n', { header: true }).rows
			).toEqual([['Иванова', '1']]);
	});

	it('pads a short row with empty cells and says so in Russian and English', () => {
		const result = parseCsv('a;b;c\r\n1;2;3\r\n4\r\n', { header: true });
		expect(result.rows).toEqual([
			['1', '2', '3'],
			['4', '', '']
		]);
		expect(result.errors).toHaveLength(1);
		expect(result.errors[0]).toMatchObject({
			line: 3,
			row: 1,
			code: 'too-few-fields',
			severity: 'warning'
		});
		expect(result.errors[0].messageRu).toBe(
			'Строка 3: значений 1, а столбцов 3 — недостающие ячейки оставлены пустыми.'
		);
		// Not «1 values for 3 columns» (found going through the English interface).
		expect(result.errors[0].messageEn).toBe(
			'Line 3: values 1, columns 3 — the missing cells are left empty.'
		);
	});

	it('keeps extra cells of a long row in extra columns with empty titles', () => {
		const result = parseCsv('a;b\r\n1;2\r\n3;4;5;6\r\n', { header: true });
		expect(result.header).toEqual(['a', 'b', '', '']);
		expect(result.rows).toEqual([
			['1', '2', '', ''],
			['3', '4', '5', '6']
		]);
		expect(result.errors).toMatchObject([{ line: 3, row: 1, code: 'too-many-fields' }]);
	});

	it('drops empty extra cells (a trailing separator) silently', () => {
		const result = parseCsv('a;b\r\n1;2;\r\n3;4;;\r\n', { header: true });
		expect(result.rows).toEqual([
			['1', '2'],
			['3', '4']
		]);
		expect(result.errors).toEqual([]);
	});

	it('lists at most MAX_REPORTED_ERRORS problems and counts the rest', () => {
		const text = 'a;b\n' + '1\n'.repeat(MAX_REPORTED_ERRORS + 5);
		const result = parseCsv(text, { header: true });
		expect(result.errors).toHaveLength(MAX_REPORTED_ERRORS);
		expect(result.errorsOmitted).toBe(5);
	});
});

describe('parseCsv: malformed quotes', () => {
	it('an unterminated quote costs one line, not the rest of the file', () => {
		const text = 'ФИО;Примечание\r\nИванова;"не закрыта\r\nПетров;ок\r\nСидоров;ок\r\n';
		const result = parseCsv(text);
		expect(result.rows).toEqual([
			['Иванова', '"не закрыта'],
			['Петров', 'ок'],
			['Сидоров', 'ок']
		]);
		expect(result.errors).toMatchObject([
			{ line: 2, textLine: 2, row: 0, code: 'unterminated-quote', severity: 'error' }
		]);
		expect(result.errors[0].messageRu).toContain('Строка 2');
	});

	it('a stray quote that swallows the next lines is cut back to its line', () => {
		const text =
			'ФИО;Примечание;Телефон\r\n' +
			'Иванова;"Сын" сказал;1\r\n' +
			'Петров;ок;2\r\n' +
			'Сидоров;"Дочь";3\r\n' +
			'Козлов;ок;4\r\n';
		const result = parseCsv(text);
		expect(result.rows).toEqual([
			['Иванова', '"Сын" сказал', '1'],
			['Петров', 'ок', '2'],
			['Сидоров', 'Дочь', '3'],
			['Козлов', 'ок', '4']
		]);
		expect(result.errors).toMatchObject([{ line: 2, code: 'malformed-quote', severity: 'error' }]);
	});

	it('stray quotes inside one line are read as PapaParse reads them, with a warning', () => {
		const result = parseCsv('a;b\r\n1;"Сын — "Алексей", телефон";x\r\n', { header: true });
		expect(result.rows).toEqual([['1', 'Сын — "Алексей", телефон', 'x']]);
		expect(result.errors.map((e) => [e.code, e.severity])).toEqual([
			['stray-quote', 'warning'],
			['too-many-fields', 'warning']
		]);
	});

	it('reports the text-editor line as well when cells hold line breaks', () => {
		const text = 'a;b\r\n1;"x\r\ny\r\nz"\r\n2;"open\r\n3;ok\r\n';
		const result = parseCsv(text, { header: true });
		expect(result.errors).toMatchObject([{ line: 3, textLine: 5, code: 'unterminated-quote' }]);
		expect(result.rows).toEqual([
			['1', 'x\r\ny\r\nz'],
			['2', '"open'],
			['3', 'ok']
		]);
	});
});

describe('parseCsv: captions above the header', () => {
	const HEADER = 'ФИО;Телефон;Адрес;Дата рождения';
	const ROWS = [
		'Иванова Анна Петровна;8 (812) 123-45-67;ул. Ленина, 1;05.03.1941',
		'Петров Пётр Ильич;+7 911 000-11-22;пр. Мира, 2;12.04.1938'
	];
	const residents = [
		['Иванова Анна Петровна', '8 (812) 123-45-67', 'ул. Ленина, 1', '05.03.1941'],
		['Петров Пётр Ильич', '+7 911 000-11-22', 'пр. Мира, 2', '12.04.1938']
	];

	it.each([
		['a caption in the first cell, as Excel saves it', ['Список жителей старше 65 лет;;;']],
		['1C’s line, with no separator at all', ['Выгрузка из 1С от 12.04.2020']],
		["Excel's separator line", ['sep=;']],
		['a caption, a blank line and a date', ['Список жителей', '', ';;;', '12.04.2020;;;']],
		['a caption with its date in the next cell', ['Выгрузка от;12.04.2020;;']],
		// Found by exploration: a caption of three values was taken for no caption, the header
		// under it for a resident, and nothing was mapped (the coordinator can only tick the
		// first line as the titles).
		[
			'a caption, its district and its date in cells of their own',
			['Список граждан старше 65 лет;Калининский район;по состоянию на 01.04.2020;']
		],
		[
			'a form’s caption over three lines, the widest of three values',
			['Приложение 2;;;', 'Список граждан;;;', ';Отдел соцзащиты;Калининский район;на 01.04.2020']
		]
	])('are skipped and reported: %s', (_, above) => {
		const parsed = parseCsv([...above, HEADER, ...ROWS].join('\r\n'));
		expect(parsed.header).toEqual(HEADER.split(';'));
		expect(parsed.rows).toEqual(residents);
		const skipped = parsed.errors.filter((e) => e.code === 'title-above-header');
		expect(skipped.length).toBeGreaterThan(0);
		expect(skipped.every((e) => e.severity === 'warning')).toBe(true);
		expect(parsed.errors.filter((e) => e.code !== 'title-above-header')).toEqual([]);
		// The rows keep the line numbers Excel shows.
		expect(parsed.rowLines).toEqual([above.length + 2, above.length + 3]);
	});

	/**
	 * Found by exploration: a social protection file ends with «Итого: 5 человек» and the
	 * clerk's signature with her phone; both were imported as residents (7 for 5).
	 */
	it('lines under the table (a total, a signature) are skipped and reported', () => {
		const below = ['Итого: 2 человека;;;', ';;;', 'Исп. Петрова О.В., тел. 555-12-34;;;'];
		const parsed = parseCsv([HEADER, ...ROWS, ...below].join('\r\n'));
		expect(parsed.rows).toEqual(residents);
		const skipped = parsed.errors.filter((e) => e.code === 'note-below-table');
		expect(skipped.map((e) => [e.line, e.severity])).toEqual([
			[4, 'warning'],
			[6, 'warning']
		]);
		expect(skipped[0].messageRu).toBe(
			'Строка 4: «Итого: 2 человека» — надпись под таблицей, а не житель; пропущена.'
		);
		// A resident whose name starts like one, or a total in the middle, is a resident.
		for (const rows of [
			[...ROWS, 'Исаева Ольга;;;'],
			[ROWS[0], 'Итого по дому: 1;;;', ROWS[1]],
			[...ROWS, 'Всего: 2;+7 911 000-11-22;пр. Мира, 2;']
		]) {
			expect(parseCsv([HEADER, ...rows].join('\r\n')).rows).toHaveLength(3);
		}
		// Found in review: a surname that starts like one is a resident; a note's own second line
		// (a phone with no word before it) goes with it.
		expect(parseCsv([HEADER, ...ROWS, 'Начальникова Мария;;;'].join('\r\n')).rows).toHaveLength(3);
		const signed = parseCsv([HEADER, ...ROWS, 'Итого: 2;;;', 'тел. 555-12-34;;;'].join('\r\n'));
		expect(signed.rows).toEqual(residents);
		expect(signed.errors.map((e) => e.code)).toEqual(['note-below-table', 'note-below-table']);
		// A header given by the coordinator: every line is taken at her word.
		expect(parseCsv([HEADER, ...ROWS, ...below].join('\r\n'), { header: true }).rows).toHaveLength(
			4
		);
	});

	/**
	 * Found by exploration: Excel's export of a header of two rows — a title split over them
	 * («Дата» over «рождения»), or a group's caption over its columns («Контакты» over
	 * «Телефон;Адрес») — took the first for the header and the second for a resident.
	 */
	it.each([
		[
			'a title split over two lines',
			['ФИО;Телефон;Адрес;Дата;', ';;;рождения;'],
			['ФИО', 'Телефон', 'Адрес', 'Дата рождения'],
			'«Дата рождения»'
		],
		[
			'a group’s caption over its columns',
			['ФИО;Контакты;;Дата рождения', ';Телефон;Адрес;'],
			['ФИО', 'Телефон', 'Адрес', 'Дата рождения'],
			'«Телефон», «Адрес»'
		],
		[
			'both, under a caption above the table',
			['Список жителей;;;', '№;ФИО;Контакты;;Дата', ';;Телефон;Адрес;рождения'],
			['№', 'ФИО', 'Телефон', 'Адрес', 'Дата рождения'],
			'«Телефон», «Адрес», «Дата рождения»'
		]
	])('a header of two lines is read as one: %s', (_, head, titles, said) => {
		const numbered = head.length === 3;
		const rows = numbered ? ROWS.map((r, i) => `${i + 1};${r}`) : ROWS;
		const parsed = parseCsv([...head, ...rows].join('\r\n'));
		expect(parsed.header).toEqual(titles);
		expect(parsed.rows).toEqual(numbered ? residents.map((r, i) => [`${i + 1}`, ...r]) : residents);
		expect(parsed.rowLines).toEqual([head.length + 1, head.length + 2]);
		const joined = parsed.errors.filter((e) => e.code === 'header-continued');
		expect(joined.map((e) => [e.line, e.severity, e.row])).toEqual([
			[head.length, 'warning', undefined]
		]);
		expect(joined[0].messageEn).toMatch(/^Line \d continues the title row, not a resident — /);
		expect(joined[0].messageRu).toBe(
			`Строка ${head.length}: продолжение строки заголовков, а не житель — названия столбцов взяты из обеих строк: ${said}.`
		);
	});

	it('a line under the header that is a resident stays one, whatever it lacks', () => {
		for (const under of [
			// A resident without a name (a merged name cell), with a note only, or a phone.
			';;второй;',
			';8 911 000-11-22;;',
			// A name only.
			'Сидоров Иван;;;',
			// Values that are no titles: a date under «Дата».
			';;;05.03.1941'
		]) {
			const parsed = parseCsv(['ФИО;Телефон;Адрес;Дата', under, ...ROWS].join('\r\n'));
			expect(parsed.header).toEqual(['ФИО', 'Телефон', 'Адрес', 'Дата']);
			expect(parsed.rows).toHaveLength(3);
			expect(parsed.errors.filter((e) => e.code === 'header-continued')).toEqual([]);
		}
		// A note that is a title's word, under a title we know.
		const note = parseCsv(['ФИО;Телефон;Адрес;Примечание', ';;;адрес', ...ROWS].join('\r\n'));
		expect(note.header).toEqual(['ФИО', 'Телефон', 'Адрес', 'Примечание']);
		expect(note.rows).toHaveLength(3);
		// The coordinator who says where the header is is taken at her word.
		const told = parseCsv(['ФИО;Телефон;Адрес;Дата', ';;;рождения', ...ROWS].join('\r\n'), {
			header: true
		});
		expect(told.rows).toHaveLength(3);
	});

	/**
	 * Found in review: a title split over two lines that we do not know («Номер» over «квартиры»,
	 * «Дата» over «выдачи») was no continuation — it made no title we know — and the second line
	 * became a resident. A word over a column of numbers or dates is a title's, not a value.
	 */
	it('a header split over two lines into titles we do not know is read as one', () => {
		const rows = [
			'Иванова Анна Петровна;8 (812) 123-45-67;12;05.03.2020',
			'Петров Пётр Ильич;+7 911 000-11-22;45;06.03.2020',
			'Сидоров Иван;8 911 555-66-77;7;07.03.2020'
		];
		const parsed = parseCsv(['ФИО;Телефон;Номер;Дата', ';;квартиры;выдачи', ...rows].join('\r\n'));
		expect(parsed.header).toEqual(['ФИО', 'Телефон', 'Номер квартиры', 'Дата выдачи']);
		expect(parsed.rows.map((r) => r[0])).toEqual([
			'Иванова Анна Петровна',
			'Петров Пётр Ильич',
			'Сидоров Иван'
		]);
		expect(parsed.rowLines).toEqual([3, 4, 5]);
		const joined = parsed.errors.filter((e) => e.code === 'header-continued');
		expect(joined.map((e) => [e.line, e.messageRu])).toEqual([
			[
				2,
				'Строка 2: продолжение строки заголовков, а не житель — названия столбцов взяты из обеих строк: «Номер квартиры», «Дата выдачи».'
			]
		]);
		// One word under one title, the rest of the line empty: the same.
		const one = parseCsv(
			[
				'ФИО;Телефон;Номер',
				';;квартиры',
				...rows.map((r) => r.split(';').slice(0, 3).join(';'))
			].join('\r\n')
		);
		expect(one.header).toEqual(['ФИО', 'Телефон', 'Номер квартиры']);
		expect(one.rows).toHaveLength(3);
	});

	it('a first resident under the header is never taken for its second line', () => {
		const rows = [
			'Петров Пётр Ильич;+7 911 000-11-22;45;06.03.2020;',
			'Сидоров Иван;8 911 555-66-77;7;07.03.2020;'
		];
		for (const first of [
			// A name: a resident, whatever else the line has (a word over the numbers and dates).
			'Иванова Анна;;нет;не помнит;',
			'Иванова;;;;',
			// Words, but over columns of text: a resident without a name, with a note or an address.
			';;;;звонить утром',
			// A value: a number, a date or a phone.
			';;квартира 12;;',
			';;;05.03.1941;',
			// Not a title's words: digits, a mark, a long text.
			';;кв. 5;;',
			';;нет (уточнить у дочери);;'
		]) {
			const parsed = parseCsv(['ФИО;Телефон;Номер;Дата;Примечание', first, ...rows].join('\r\n'));
			expect(parsed.header, first).toEqual(['ФИО', 'Телефон', 'Номер', 'Дата', 'Примечание']);
			expect(parsed.rows, first).toHaveLength(3);
			expect(
				parsed.errors.filter((e) => e.code === 'header-continued'),
				first
			).toEqual([]);
		}
		// Too few values below to tell a column of numbers: a resident.
		const short = parseCsv(['ФИО;Номер', ';квартиры', 'Петров Пётр;45'].join('\r\n'));
		expect(short.rows).toHaveLength(2);
	});

	/**
	 * Found by exploration: a signature of three values under the table, «Исполнитель;Петрова
	 * А.А.;тел. 222-33-44» or «Начальник отдела;;Сидоров» in a wider table, became a resident
	 * named «Исполнитель», his «phone» flagged.
	 */
	it.each([
		['after an empty line', ['', 'Исполнитель;Петрова А.А.;тел. 222-33-44;']],
		['with no phone in the phone column', ['Исполнитель;Петрова А.А.;тел. 222-33-44;']],
		[
			'over two lines',
			['', 'Начальник отдела;;Сидоров;', 'Исполнитель;Петрова А.А.;тел. 222-33-44;']
		],
		['of a specialist, dated', ['Главный специалист;Петрова А.А.;;01.04.2020']]
	])('a signature of more values under the table is skipped and reported: %s', (_, below) => {
		const parsed = parseCsv([HEADER, ...ROWS, ...below].join('\r\n'));
		expect(parsed.rows).toEqual(residents);
		const skipped = parsed.errors.filter((e) => e.code === 'note-below-table');
		expect(skipped).toHaveLength(below.filter((l) => l !== '').length);
		expect(skipped.every((e) => e.severity === 'warning')).toBe(true);
		expect(skipped.at(-1)!.messageRu).toMatch(
			/^Строка \d: «.+» — надпись под таблицей, а не житель; пропущена\.$/
		);
	});

	it('keeps a resident under the table who has a phone, and short lines in the middle', () => {
		// A line that starts like a signature but has a phone where the phone goes, with no empty
		// line above it: a resident. A resident with a name only in the middle: a resident.
		const rows = [
			ROWS[0],
			'Сидоров Иван;;;',
			ROWS[1],
			'Исполнитель Петрова;+7 911 222-33-44;пр. Мира, 3;'
		];
		const parsed = parseCsv([HEADER, ...rows].join('\r\n'));
		expect(parsed.rows).toHaveLength(4);
		expect(parsed.errors).toEqual([]);
		// Nor a line of a name, a phone and an address at the end after an empty line.
		const after = parseCsv([HEADER, ...ROWS, '', 'Сидоров Иван;;ул. Садовая, 5;'].join('\r\n'));
		expect(after.rows).toHaveLength(3);
	});

	/**
	 * Found by exploration: a social protection department's form numbers its columns in the
	 * line under the titles («1;2;3;4;5;6;7», a merged cell left empty), and once more under each
	 * title row repeated where Excel's pages join. Each became a resident named «2» with the
	 * phone «5», in a list that must count 8,907 veterans.
	 */
	it('the line numbering the columns under the titles is skipped and reported', () => {
		const header = '№ п/п;ФИО;;Телефон;Адрес;Дата рождения';
		const rows = [
			'1;Иванова Анна Петровна;;8 (812) 123-45-67;ул. Ленина, 1;05.03.1941',
			'2;Петров Пётр Ильич;;+7 911 000-11-22;пр. Мира, 2;12.04.1938'
		];
		const numbers = '1;2;;3;4;5';
		const parsed = parseCsv(
			['Список ветеранов;;;;;', header, numbers, rows[0], header, numbers, rows[1]].join('\r\n')
		);
		expect(parsed.rows.map((r) => r[1])).toEqual(['Иванова Анна Петровна', 'Петров Пётр Ильич']);
		expect(parsed.rowLines).toEqual([4, 7]);
		const skipped = parsed.errors.filter((e) => e.code === 'column-numbers');
		expect(skipped.map((e) => [e.line, e.severity, e.messageRu])).toEqual([
			[
				3,
				'warning',
				'Строка 3: «1 2 3 4 5» — номера столбцов под заголовками, а не житель; пропущена.'
			],
			[
				6,
				'warning',
				'Строка 6: «1 2 3 4 5» — номера столбцов под заголовками, а не житель; пропущена.'
			]
		]);
		// Numbers that do not count the columns from 1 are data, and so is every line of a file
		// whose header the coordinator gave.
		for (const line of ['1;2;;;;', '2;3;;4;5;6', '1;2;;4;3;5']) {
			expect(parseCsv([header, line, rows[0]].join('\r\n')).rows).toHaveLength(2);
		}
		expect(parseCsv([header, numbers, rows[0]].join('\r\n'), { header: true }).rows).toHaveLength(
			2
		);
		// A resident's row that counts 1, 2, 3… away from the header is data (found in review).
		const flats = '№;Подъезд;Этаж;Квартира;Жильцов';
		const middle = parseCsv([flats, '7;1;4;15;2', '1;2;3;4;5', '9;3;1;40;1'].join('\r\n'));
		expect(middle.rows).toEqual([
			['7', '1', '4', '15', '2'],
			['1', '2', '3', '4', '5'],
			['9', '3', '1', '40', '1']
		]);
		expect(middle.errors).toEqual([]);
	});

	it('a list of two columns keeps its header and rows, with a caption above or without', () => {
		const rows = ['Иванова Анна;8 (812) 123-45-67', 'Петров Пётр;+7 911 000-11-22'];
		for (const above of [[], ['Список на обзвон;']]) {
			const parsed = parseCsv([...above, 'ФИО;Телефон', ...rows].join('\r\n'));
			expect(parsed.header).toEqual(['ФИО', 'Телефон']);
			expect(parsed.rows.map((r) => r[0])).toEqual(['Иванова Анна', 'Петров Пётр']);
		}
	});

	it('the warning quotes the caption and its line', () => {
		const parsed = parseCsv(['Выгрузка из 1С от 12.04.2020', HEADER, ...ROWS].join('\r\n'));
		expect(parsed.errors.map((e) => [e.line, e.messageRu])).toEqual([
			[
				1,
				'Строка 1: «Выгрузка из 1С от 12.04.2020» — надпись над таблицей, а не житель; пропущена.'
			]
		]);
	});

	it('a list without titles whose first resident has only a name loses no one', () => {
		const text = ['Сидорова Мария;;;', ...ROWS].join('\r\n');
		const parsed = parseCsv(text);
		expect(parsed.header).toBeNull();
		expect(parsed.rows).toEqual([['Сидорова Мария', '', '', ''], ...residents]);
	});

	it('a list of names and addresses without titles whose first resident has a name only loses no one', () => {
		// Found by review: «Петров Пётр» was taken for the header, and Иванова for a caption.
		const text = [
			'Иванова Мария;;',
			'Петров Пётр;ул. Ленина, 5;кв. 3',
			'Сидоров Иван;ул. Мира, 3;кв. 12',
			'Кузнецова Анна;пр. Победы, 7;кв. 40'
		].join('\r\n');
		const parsed = parseCsv(text);
		expect(parsed.header).toBeNull();
		expect(parsed.rows.map((r) => r[0])).toEqual([
			'Иванова Мария',
			'Петров Пётр',
			'Сидоров Иван',
			'Кузнецова Анна'
		]);
	});

	it('a wide first line is a caption only above a header of titles we know, none of them its own', () => {
		// No titles: the first resident, of three values, is kept.
		const text = ['Сидорова Мария;8 911 000-11-22;ул. Мира, 3;', ...ROWS].join('\r\n');
		expect(parseCsv(text).rows).toHaveLength(3);
		// One title we know under a wide line is not enough to call that line a caption.
		const one = parseCsv(
			['Иванова Анна;Калининский;01.04.2020;', 'ФИО;Что нужно;Откуда;Пожелание', 'a;b;c;d'].join(
				'\r\n'
			)
		);
		expect(one.errors.filter((e) => e.code === 'title-above-header')).toEqual([]);
		// A line of group titles over the header (ФИО, Контакты) is no caption: it has a title
		// we know.
		const grouped = parseCsv(
			['ФИО;Контакты;;Дата рождения', ';Телефон;Адрес;', ...ROWS].join('\r\n')
		);
		expect(grouped.errors.filter((e) => e.code === 'title-above-header')).toEqual([]);
	});

	it('a list whose every line ends in empty cells (a used range wider than the table) keeps its header (found by exploration)', () => {
		const tail = ';'.repeat(30);
		const parsed = parseCsv(
			['Список жителей' + tail, HEADER + tail, ...ROWS.map((r) => r + tail)].join('\r\n')
		);
		expect(parsed.header).toEqual(HEADER.split(';'));
		// The empty columns are dropped: the mapping listed 30 «Столбец N» with nothing in them.
		expect(parsed.rows).toEqual(residents);
		expect(parsed.errors.map((e) => e.code)).toEqual(['title-above-header']);
		// A column with a title, or with a value on one line, stays.
		const titled = parseCsv([HEADER + ';Итог;;', ...ROWS.map((r) => r + ';;;')].join('\r\n'));
		expect(titled.header).toEqual([...HEADER.split(';'), 'Итог']);
		const valued = parseCsv([HEADER + ';;;', ROWS[0] + ';;;', ROWS[1] + ';;да;'].join('\r\n'));
		expect(valued.header).toEqual([...HEADER.split(';'), '', '']);
		expect(valued.rows[1]).toEqual([...residents[1], '', 'да']);
		expect(valued.rows[0]).toEqual([...residents[0], '', '']);
	});

	it('a header the coordinator pointed at is taken as it is', () => {
		const text = ['Список жителей;;;', HEADER, ...ROWS].join('\r\n');
		expect(parseCsv(text, { header: true }).header).toEqual(['Список жителей', '', '', '']);
		expect(parseCsv(text, { header: false }).rows).toHaveLength(4);
	});
});

describe('parseCsv: options', () => {
	it("restores cells an export neutralised (`'=…` → `=…`), and can be told not to", () => {
		const text = "a;b\r\n'=1+1;''-5\r\n";
		expect(parseCsv(text, { header: true }).rows).toEqual([['=1+1', "'-5"]]);
		expect(parseCsv(text, { header: true, restoreFormulas: false }).rows).toEqual([
			["'=1+1", "''-5"]
		]);
	});

	it('guesses the header, or takes the caller’s word for it', () => {
		const text = 'Иванова;8 911 123-45-67\r\nПетров;8 911 123-45-68\r\n';
		expect(parseCsv(text).header).toBeNull();
		expect(parseCsv(text).rows).toHaveLength(2);
		expect(parseCsv(text, { header: true }).header).toEqual(['Иванова', '8 911 123-45-67']);
	});

	it('reports progress in batches, ending at the full length', () => {
		const text = generateCallListCsv({ rows: 1000, seed: 2 });
		const calls: [number, number, number][] = [];
		parseCsv(text, { batchSize: 300, onProgress: (...args) => calls.push(args) });
		expect(calls.map((c) => c[0])).toEqual([300, 600, 900, 1000]);
		expect(calls.at(-1)).toEqual([1000, text.length, text.length]);
		for (let i = 1; i < calls.length; i++) expect(calls[i][1]).toBeGreaterThan(calls[i - 1][1]);
	});

	it('returns an empty result for an empty file', () => {
		expect(parseCsv('')).toMatchObject({ header: null, rows: [], errors: [] });
		expect(parseCsv('\r\n\r\n')).toMatchObject({ header: null, rows: [], emptyLines: 2 });
	});

	it('decodes and parses bytes in one call', () => {
		const bytes = new TextEncoder().encode('ФИО;Телефон\nИванова;1\n');
		expect(parseCsvBytes(bytes)).toMatchObject({
			encoding: 'utf-8',
			header: ['ФИО', 'Телефон'],
			rows: [['Иванова', '1']]
		});
	});
});

describe('parseCsv: a whole district', () => {
	it(
		'reads a 100,000-row call list (25 MB in UTF-8) in Windows-1251 exactly as generated',
		{ timeout: 60_000 },
		() => {
			const text = generateCallListCsv({ rows: BIG_ROWS, seed: 4 });
			const { bytes, unmappable } = encodeWindows1251(text);
			expect(unmappable).toBe(0);
			const started = performance.now();
			const result = parseCsvBytes(bytes);
			const elapsed = performance.now() - started;
			const expected = generateRows({ rows: BIG_ROWS, seed: 4 });
			expect(result.encoding).toBe('windows-1251');
			expect(result.errors).toEqual([]);
			expect(result.header).toEqual(expected.header);
			expect(result.rows).toHaveLength(BIG_ROWS);
			// toEqual on 1.2 million cells takes longer than the parse itself.
			expect(JSON.stringify(result.rows) === JSON.stringify(expected.rows)).toBe(true);
			// About 0.7 s on an idle 2-core machine; room for a loaded CI runner.
			expect(elapsed).toBeLessThan(20_000);
		}
	);
});

describe('detectLineBreak', () => {
	it('answers without a scan when the file has one kind of break', () => {
		expect(detectLineBreak('a\r\nb\r\n', ';')).toEqual({ lineBreak: '\r\n', mixed: false });
		expect(detectLineBreak('a\nb', ';')).toEqual({ lineBreak: '\n', mixed: false });
	});

	it('looks only between records when quoted cells hold other breaks', () => {
		expect(detectLineBreak('a;"x\ny"\r\nb;c\r\n', ';')).toEqual({
			lineBreak: '\r\n',
			mixed: false
		});
	});
});

describe('parseCsv: the fast reader gives what the record-by-record reader gave', () => {
	type Random = () => number;
	const pick = <T>(random: Random, items: readonly T[]): T =>
		items[Math.floor(random() * items.length)];

	/** Text of a cell, hostile: separators, quotes, line breaks, ё, Latin, formula starts. */
	function cellText(random: Random, inQuotes: boolean): string {
		const plain = ['а', 'Б', 'ё', 'Ё', 'x', 'Z', '7', ' ', "'", '=', '-', '+', '@', '.'];
		const quoted = [...plain, ';', ',', '\t', '\r\n', '\n', '\r', '""'];
		let text = '';
		const length = Math.floor(random() * 6);
		for (let i = 0; i < length; i++) text += pick(random, inQuotes ? quoted : plain);
		return text;
	}

	function field(random: Random): string {
		const r = random();
		if (r < 0.55) return cellText(random, false);
		if (r < 0.85) return '"' + cellText(random, true) + '"';
		if (r < 0.88) return cellText(random, false) + '"' + cellText(random, false); // stray quote
		if (r < 0.91) return '"' + cellText(random, true) + '"' + cellText(random, false); // "ab"c
		if (r < 0.94) return '"' + cellText(random, true) + '"  '; // spaces after the quote
		if (r < 0.96) return '"' + cellText(random, true); // never closed
		return '';
	}

	function randomCsv(random: Random): string {
		const delimiter = pick(random, [';', ',', '\t']);
		const breaks: string[] =
			random() < 0.7 ? [pick(random, ['\r\n', '\n', '\r'])] : ['\r\n', '\n', '\r'];
		const width = 1 + Math.floor(random() * 4);
		const records = Math.floor(random() * (random() < 0.1 ? 200 : 25));
		let text = random() < 0.1 ? '\uFEFF' : '';
		for (let r = 0; r < records; r++) {
			if (r > 0) text += pick(random, breaks);
			if (random() < 0.08) continue; // a blank line
			const fields = random() < 0.8 ? width : 1 + Math.floor(random() * (width + 3));
			const cells: string[] = [];
			for (let f = 0; f < fields; f++) cells.push(field(random));
			text += cells.join(delimiter);
		}
		if (random() < 0.6) text += pick(random, breaks);
		return text;
	}

	function parseBoth(text: string, options: ParseOptions) {
		const fast: unknown[] = [];
		const reference: unknown[] = [];
		return {
			fast: parseCsv(text, { ...options, onProgress: (...args) => fast.push(args) }),
			fastProgress: fast,
			reference: parseCsvRecordByRecord(text, {
				...options,
				onProgress: (...args) => reference.push(args)
			}),
			referenceProgress: reference
		};
	}

	it('on random files with quotes, separators and line breaks in cells, ragged rows and broken quotes', () => {
		const random = createRandom(20240501);
		let withErrors = 0;
		for (let i = 0; i < 3000; i++) {
			const text = randomCsv(random);
			const options: ParseOptions = {
				delimiter: random() < 0.5 ? undefined : detectDelimiter(text),
				header: pick(random, [undefined, 'auto', true, false] as const),
				batchSize: pick(random, [1, 2, 3, 5, 8, undefined]),
				restoreFormulas: random() < 0.8
			};
			const result = parseBoth(text, options);
			expect(result.fast, JSON.stringify({ text, options })).toEqual(result.reference);
			expect(result.fastProgress).toEqual(result.referenceProgress);
			if (result.reference.errors.some((e) => e.severity === 'error')) withErrors++;
		}
		// The fallback to the record-by-record reader was exercised too.
		expect(withErrors).toBeGreaterThan(100);
	});

	it('on random lists with their title row again, apostrophes and formula starts at any cell', () => {
		// The quick checks of `parseCsv`: a repeat of the title row told from the record's first
		// character in the text, and the formula restore skipped in slices with no apostrophe.
		const random = createRandom(1208);
		const titles = ['ФИО', 'фио', 'Ёлка', 'Name', '№ п/п', '=Итог', '', "'ФИО", '"ФИО"'];
		const fronts = ['', '', '', ' ', '\u00a0', '\u200e', "'", '"', '\t', '=', 'Ф', 'ф', 'Ё', 'И'];
		const names = ['Фролов', 'Иванова', 'Ёлкина', 'фио', 'ФИО', 'Name', 'NAME', '', '=1+1', '-5'];
		const cell = (delimiter: string, title: string): string => {
			const r = random();
			let value = r < 0.3 ? title : pick(random, names);
			if (random() < 0.3) value = pick(random, fronts) + value;
			if (random() < 0.1) value = "'" + pick(random, ['=', '+', '-', '@', ' =', '']) + value;
			if (value.includes('"') || value.includes(delimiter) || random() < 0.15)
				return '"' + value.replaceAll('"', '""') + '"';
			return value;
		};
		let repeats = 0;
		let restored = 0;
		for (let i = 0; i < 1500; i++) {
			const delimiter = pick(random, DELIMITERS);
			const lineBreak = pick(random, ['\r\n', '\n', '\r']);
			const header = Array.from({ length: 1 + Math.floor(random() * 3) }, () =>
				pick(random, titles)
			);
			const lines = [header.join(delimiter)];
			const rows = Math.floor(random() * 40);
			for (let r = 0; r < rows; r++) {
				const again = random() < 0.15;
				const cells = header.map((title) => (again ? cell(delimiter, title) : cell(delimiter, '')));
				if (random() < 0.05) cells.push('');
				lines.push(random() < 0.05 ? '' : cells.join(delimiter));
			}
			const text = lines.join(lineBreak) + (random() < 0.5 ? lineBreak : '');
			const options: ParseOptions = {
				delimiter: random() < 0.7 ? delimiter : undefined,
				header: pick(random, [undefined, 'auto', true, true, false] as const),
				batchSize: pick(random, [1, 2, 3, 7, undefined]),
				restoreFormulas: random() < 0.9
			};
			const result = parseBoth(text, options);
			expect(result.fast, JSON.stringify({ text, options })).toEqual(result.reference);
			expect(result.fastProgress).toEqual(result.referenceProgress);
			if (result.reference.errors.some((e) => e.code === 'repeated-header')) repeats++;
			if (result.reference.rows.some((row) => row.some((c) => /^[=+\-@]/.test(c)))) restored++;
		}
		// Both checks met files that tell them apart.
		expect(repeats).toBeGreaterThan(200);
		expect(restored).toBeGreaterThan(200);
	});

	it('on the bench call list, with a broken quote in a later slice', () => {
		const text = generateCallListCsv({ rows: 3 * DEFAULT_BATCH_SIZE, seed: 5 });
		const at = text.indexOf('\r\n', Math.floor(text.length * 0.7)) + 2;
		for (const input of [text, text.slice(0, at) + 'Иванова;"не закрыта' + text.slice(at)]) {
			const result = parseBoth(input, {});
			expect(result.fast).toEqual(result.reference);
			expect(result.fastProgress).toEqual(result.referenceProgress);
		}
	});
});

describe('hasTitleKey: whether a cell says a title again, as titleKey would tell', () => {
	const pick = <T>(random: () => number, items: readonly T[]): T =>
		items[Math.floor(random() * items.length)];

	it('on titles and names in any case, with spaces, invisible characters, ё, Latin and more', () => {
		const random = createRandom(1207);
		const titles = ['ФИО', 'Фамилия', 'Телефон', 'Дата рождения', 'e-mail', 'СНИЛС', 'ИНН', 'Ёлка'];
		const names = ['Фролов Пётр', 'Фио', 'ФИОН', 'ФИ', 'Ф', 'İnci', 'ﬁo', 'Élan'];
		const extras = [' ', '  ', '\u00a0', '\u200b', '\u00ad', '\t', 'Ё', 'ё', 'İ', 'ß', '1', '.'];
		const change = (text: string): string => {
			let out = '';
			for (const char of text) {
				const r = random();
				out += r < 0.3 ? char.toUpperCase() : r < 0.6 ? char.toLowerCase() : char;
				if (random() < 0.05) out += pick(random, extras);
			}
			if (random() < 0.2) out = pick(random, extras) + out;
			if (random() < 0.2) out += pick(random, extras);
			return out;
		};
		let same = 0;
		for (let i = 0; i < 20_000; i++) {
			const key = titleKey(change(pick(random, titles)));
			const cell = change(pick(random, random() < 0.6 ? titles : names));
			const expected = titleKey(cell) === key;
			if (expected) same++;
			expect(hasTitleKey(cell, key), JSON.stringify({ cell, key })).toBe(expected);
		}
		expect(same).toBeGreaterThan(500);
	});
});
