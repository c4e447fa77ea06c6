import { describe, expect, it } from 'vitest';
import { generateCallListCsv } from '../../../bench/data';
import { detectDelimiter, detectHeader } from './detect';

describe('detectDelimiter', () => {
	it('picks `;` in a Russian file whose addresses are full of commas', () => {
		const text =
			'ФИО;Адрес;Телефон\r\n' +
			'Иванова А. П.;ул. Садовая, д. 5, кв. 3;8 911 123-45-67\r\n' +
			'Петров П.;Невский пр., д. 10;8 812 555-12-34\r\n' +
			'Сидорова;пр. Ветеранов, д. 1, корп. 2, кв. 77;\r\n';
		expect(detectDelimiter(text)).toBe(';');
	});

	it('picks `,` when it splits every line the same way', () => {
		expect(
			detectDelimiter('name,phone,address\nIvanov,+7911,"Sadovaya 5; flat 3"\nPetrov,,x\n')
		).toBe(',');
	});

	it('picks TAB for text copied from Excel', () => {
		expect(detectDelimiter('ФИО\tТелефон\nИванов, Иван\t8 911\nПетров; Пётр\t\n')).toBe('\t');
	});

	it('ignores separators inside quoted cells, line breaks included', () => {
		const text = 'a,b\r\n"x;y;z\r\n;;;",1\r\n"p;q",2\r\n';
		expect(detectDelimiter(text)).toBe(',');
	});

	it('prefers the separator under which the quotes are well-formed', () => {
		// One record, one `,` and one `;` each: only `,` puts the quote at a field's start.
		expect(detectDelimiter('Имя,"\'=HYPERLINK(""http://x"";""y"")"\r\n')).toBe(',');
		expect(detectDelimiter('Имя;"a,b"\r\n')).toBe(';');
	});

	it('falls back to `;` for a one-column file', () => {
		expect(detectDelimiter('ФИО\nИванов\nПетров\n')).toBe(';');
		expect(detectDelimiter('')).toBe(';');
	});

	it('keeps a one-column file of addresses or names whole, commas and all (found by exploration)', () => {
		// Its title is one known title with no separator: the commas are in the values. Split at
		// them, «ул. Садовая» and « д. 5» went into two columns, the second without a title.
		const addresses =
			'Адрес\r\nул. Садовая, д. 5\r\nНевский пр., д. 10, кв. 3\r\nпр. Ветеранов, д. 1\r\n';
		expect(detectDelimiter(addresses)).toBe(';');
		const names = '"ФИО"\nИванова Анна, 1940 г.р.\nПетров Олег, 1950 г.р.\n';
		expect(detectDelimiter(names)).toBe(';');
		// Under the one title, a separator found in fewest lines: not `;` for a line with `;`.
		expect(detectDelimiter('ФИО\nИванова Анна; Петрова Мария\nСидоров\n')).toBe('\t');
		// A title that is no known one above a wider table (a caption) changes nothing.
		expect(detectDelimiter('Список жителей\nФИО,Телефон\nИванова,8 911\nПетров,8 912\n')).toBe(',');
		// A title row with the separator is split by it as before.
		expect(detectDelimiter('ФИО,Телефон\nИванова,8 911\nПетров,8 912\n')).toBe(',');
	});

	it('guesses from the start of a big file and ignores its cut last record', () => {
		const text = generateCallListCsv({ rows: 2000, seed: 5 });
		expect(text.length).toBeGreaterThan(64 * 1024);
		expect(detectDelimiter(text)).toBe(';');
	});
});

describe('detectHeader', () => {
	it('sees the header of a call list', () => {
		const rows = [
			['ФИО', 'Телефон', 'Дата рождения'],
			['Иванова Анна Петровна', '8 911 123-45-67', '05.03.1941'],
			['Петров Пётр', '+7 (812) 555-12-34', '12.12.1950']
		];
		expect(detectHeader(rows)).toBe(true);
	});

	it('sees that a file without header starts with data', () => {
		const rows = [
			['Иванова Анна Петровна', '8 911 123-45-67', '05.03.1941'],
			['Петров Пётр', '+7 (812) 555-12-34', '12.12.1950']
		];
		expect(detectHeader(rows)).toBe(false);
	});

	it('sees unknown titles above typed columns as a header', () => {
		const rows = [
			['Кто', 'Куда звонить', 'Когда'],
			['Иванова', '8 911 123-45-67', '05.03.2024'],
			['Петров', '89111234568', '06.03.2024']
		];
		expect(detectHeader(rows)).toBe(true);
	});

	it('takes a first row repeated below (a category) as data', () => {
		const rows = [
			['Иванова', 'Пенсионер'],
			['Петров', 'Ветеран труда'],
			['Сидорова', 'Пенсионер']
		];
		expect(detectHeader(rows)).toBe(false);
	});

	it('takes text over text with unique, filled titles as a header', () => {
		expect(
			detectHeader([
				['Кто', 'Что'],
				['Иванова', 'продукты']
			])
		).toBe(true);
	});

	it('sees the header of a list with empty columns after it, as Excel saves a used range wider than the table (found by exploration)', () => {
		// Someone once typed or formatted a cell far to the right: every line of the file ends in
		// «;;;…». Each empty title counted as a vote for data, and from 17 of them on the header
		// was taken for a resident — nothing mapped, the titles imported as a row.
		const empty = (n: number) => Array<string>(n).fill('');
		for (const extra of [20, 200]) {
			const rows = [
				['ФИО', 'Дата рождения', 'Телефон', 'Адрес', ...empty(extra)],
				[
					'Иванова Анна Петровна',
					'05.03.1941',
					'8 911 123-45-67',
					'ул. Ленина, 1',
					...empty(extra)
				],
				['Петров Пётр', '12.12.1950', '+7 (812) 555-12-34', 'пр. Мира, 2', ...empty(extra)]
			];
			expect(detectHeader(rows)).toBe(true);
			// Text over text too, and with empty columns between the titles.
			expect(
				detectHeader([
					['Кто', '', 'Что', ...empty(extra)],
					['Иванова', '', 'продукты', ...empty(extra)]
				])
			).toBe(true);
		}
		// An empty title over a column with values still says data: a file without titles whose
		// first resident has no phone.
		expect(
			detectHeader([
				['Иванова Анна Петровна', '', '', ''],
				['Петров Пётр', '8 911 123-45-67', '12.12.1950', 'ул. Ленина, 1'],
				['Сидоров Иван', '+7 (812) 555-12-34', '01.01.1940', 'пр. Мира, 2']
			])
		).toBe(false);
	});

	it('never takes an empty first row or no rows as a header', () => {
		expect(detectHeader([])).toBe(false);
		expect(detectHeader([['', '']])).toBe(false);
	});
});
