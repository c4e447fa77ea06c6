import { describe, expect, it } from 'vitest';
import {
	autoMap,
	fieldOfHeader,
	headerKey,
	HEADER_SYNONYMS,
	isRowNumberTitle,
	type SheetColumnRef
} from './mapping';

const CALL_LIST: SheetColumnRef[] = [
	{ id: 'c-name', title: 'ФИО', type: 'text' },
	{ id: 'c-phone', title: 'Телефон', type: 'phone' },
	{ id: 'c-address', title: 'Адрес', type: 'text' },
	{ id: 'c-birth', title: 'Дата рождения', type: 'date' },
	{ id: 'c-category', title: 'Категория', type: 'choice' },
	{ id: 'c-outcome', title: 'Результат звонка', type: 'choice' },
	{ id: 'c-notes', title: 'Примечание', type: 'longtext' }
];

describe('header synonyms', () => {
	it.each([
		['ФИО', 'name'],
		['Ф.И.О.', 'name'],
		['Фамилия Имя Отчество', 'name'],
		['Фамилия, имя, отчество', 'name'],
		['  фио  ', 'name'],
		['Телефон', 'phone'],
		['Тел.', 'phone'],
		['тел', 'phone'],
		['Номер', 'phone'],
		['Номер телефона', 'phone'],
		['Моб. телефон', 'phone'],
		['Адрес проживания', 'address'],
		['Адрес регистрации', 'address'],
		['Дата рождения', 'birthDate'],
		['Д.р.', 'birthDate'],
		['Д/р', 'birthDate'],
		['ДР', 'birthDate'],
		['Год рождения', 'birthDate'],
		['Льготная категория', 'category'],
		['Примечания', 'notes'],
		['Комментарий', 'notes'],
		['Результат звонка', 'outcome'],
		['Статус', 'status'],
		['Оператор', 'operator'],
		['Волонтер', 'volunteer'],
		['ВОЛОНТЁР', 'volunteer'],
		['Вид помощи', 'helpKind'],
		['Поликлиника №', 'clinic'],
		['Фамилия', 'lastName'],
		['Что-то своё', null]
	])('%j stands for %s', (title, field) => {
		expect(fieldOfHeader(title)).toBe(field);
	});

	it('normalises case, ё, punctuation and spaces', () => {
		expect(headerKey(' Ф.И.О. ')).toBe('фио');
		expect(headerKey('Волонтёр')).toBe(headerKey('волонтер'));
		expect(headerKey('Дата  рождения')).toBe(headerKey('дата-рождения'));
	});

	it('has no synonym claimed by two fields', () => {
		const owner = new Map<string, string>();
		for (const [field, titles] of Object.entries(HEADER_SYNONYMS)) {
			for (const title of titles) {
				const key = headerKey(title);
				expect(owner.get(key) ?? field, `${title} is in ${owner.get(key)} and ${field}`).toBe(
					field
				);
				owner.set(key, field);
			}
		}
	});
});

describe('autoMap', () => {
	it('maps a social protection list onto a call list by synonyms', () => {
		const mapping = autoMap(
			['Ф.И.О.', 'Тел.', 'Адрес регистрации', 'Д/р', 'Льготная категория', 'Статус', 'Комментарий'],
			CALL_LIST
		);
		expect(mapping.map((m) => m.target)).toEqual([
			{ kind: 'existing', columnId: 'c-name' },
			{ kind: 'existing', columnId: 'c-phone' },
			{ kind: 'existing', columnId: 'c-address' },
			{ kind: 'existing', columnId: 'c-birth' },
			{ kind: 'existing', columnId: 'c-category' },
			{ kind: 'existing', columnId: 'c-outcome' },
			{ kind: 'existing', columnId: 'c-notes' }
		]);
		expect(mapping.map((m) => m.csvIndex)).toEqual([0, 1, 2, 3, 4, 5, 6]);
	});

	it('prefers an exact title over a synonym, and uses a sheet column once', () => {
		const sheet: SheetColumnRef[] = [
			{ id: 'home', title: 'Домашний телефон', type: 'phone' },
			{ id: 'mobile', title: 'Телефон', type: 'phone' }
		];
		const mapping = autoMap(['Моб. телефон', 'Телефон', 'Домашний телефон'], sheet);
		expect(mapping.map((m) => m.target)).toEqual([
			{ kind: 'new', title: 'Моб. телефон', type: 'phone' },
			{ kind: 'existing', columnId: 'mobile' },
			{ kind: 'existing', columnId: 'home' }
		]);
	});

	it('puts Фамилия, Имя, Отчество together into the full name, and every phone column into the phone', () => {
		const mapping = autoMap(
			['Фамилия', 'Имя', 'Отчество', 'Тел. дом.', 'Тел. моб.', 'Дата рождения'],
			CALL_LIST
		);
		expect(mapping.map((m) => m.target)).toEqual([
			{ kind: 'existing', columnId: 'c-name' },
			{ kind: 'existing', columnId: 'c-name' },
			{ kind: 'existing', columnId: 'c-name' },
			{ kind: 'existing', columnId: 'c-phone' },
			{ kind: 'existing', columnId: 'c-phone' },
			{ kind: 'existing', columnId: 'c-birth' }
		]);
	});

	it('leaves the name parts apart when the file has a full name too', () => {
		const mapping = autoMap(['Фамилия', 'ФИО'], CALL_LIST, {
			rows: [['Иванова', 'Иванова А. П.']]
		});
		expect(mapping.map((m) => m.target)).toEqual([
			{ kind: 'new', title: 'Фамилия', type: 'text' },
			{ kind: 'existing', columnId: 'c-name' }
		]);
	});

	it('creates new columns typed from their values, with unique titles', () => {
		const rows = [
			['8 911 123-45-67', '05.03.1941', 'Поликлиника № 5', '', '3'],
			['+7 (812) 555-12-34', '12.12.1950', 'ГП 12', '', '1']
		];
		const mapping = autoMap(['Куда звонить', 'Родился', 'ФИО', '', 'Примечание'], CALL_LIST, {
			rows
		});
		expect(mapping.map((m) => m.target)).toEqual([
			{ kind: 'new', title: 'Куда звонить', type: 'phone' },
			{ kind: 'new', title: 'Родился', type: 'date' },
			{ kind: 'existing', columnId: 'c-name' },
			{ kind: 'skip' },
			{ kind: 'existing', columnId: 'c-notes' }
		]);
	});

	it("leaves out the file's own line numbers («№», «№ п/п»), but not a «№» column of other values", () => {
		const rows = [
			['1', '1.', 'Иванова', 'А-17', '12', '1024'],
			['2', '2.', 'Петров', 'Б-3', '13', '1187']
		];
		const mapping = autoMap(['№', '№ п/п', 'ФИО', '№', 'N', '№'], CALL_LIST, { rows });
		expect(mapping.map((m) => m.target)).toMatchObject([
			{ kind: 'skip' },
			{ kind: 'skip' },
			{ kind: 'existing', columnId: 'c-name' },
			{ kind: 'new', title: '№' },
			{ kind: 'skip' },
			// Numbers that do not count the lines (a request's number): data.
			{ kind: 'new', title: '№ (2)' }
		]);
		for (const title of [
			'№',
			'#',
			'N',
			'No.',
			'№ п/п',
			'N п/п',
			'п/п',
			'№п/п',
			'Номер п/п',
			'п.п.'
		])
			expect(isRowNumberTitle(title), title).toBe(true);
		for (const title of ['Номер', 'Номер телефона', 'Нп', 'Код', 'Поликлиника №'])
			expect(isRowNumberTitle(title), title).toBe(false);
	});

	it('names an untitled column with values `Столбец N`, and a repeated title `X (2)`', () => {
		const mapping = autoMap(['', 'Код', 'Код'], [], { rows: [['x', '1', '2']] });
		expect(mapping.map((m) => m.target)).toMatchObject([
			{ kind: 'new', title: 'Столбец 1' },
			{ kind: 'new', title: 'Код' },
			{ kind: 'new', title: 'Код (2)' }
		]);
	});

	it("maps a campaign's own columns across languages: a Russian file into a campaign made in English, and back", () => {
		const english: SheetColumnRef[] = [
			{ id: 'name', title: 'Full name', type: 'text' },
			{ id: 'phone', title: 'Phone', type: 'phone' },
			{ id: 'occasion', title: 'Occasion', type: 'choice' },
			{ id: 'result', title: 'Result', type: 'choice' },
			{ id: 'gift', title: 'Gift set', type: 'checkbox' },
			{ id: 'date', title: 'Date', type: 'date' }
		];
		const fromRussian = autoMap(
			['ФИО', 'Телефон', 'Повод', 'Результат', 'Подарочный набор', 'Дата'],
			english
		);
		expect(fromRussian.map((m) => m.target)).toEqual(
			['name', 'phone', 'occasion', 'result', 'gift', 'date'].map((columnId) => ({
				kind: 'existing',
				columnId
			}))
		);
		const russian: SheetColumnRef[] = [
			{ id: 'name', title: 'ФИО', type: 'text' },
			{ id: 'occasion', title: 'Повод', type: 'choice' },
			{ id: 'gift', title: 'Подарочный набор', type: 'checkbox' },
			{ id: 'date', title: 'Дата', type: 'date' }
		];
		const fromEnglish = autoMap(['Full name', 'Occasion', 'Gift set', 'Date'], russian);
		expect(fromEnglish.map((m) => m.target)).toEqual(
			['name', 'occasion', 'gift', 'date'].map((columnId) => ({ kind: 'existing', columnId }))
		);
		// A department's own words for them.
		const department = autoMap(
			['ФИО ветерана', 'Праздник', 'Подарок', 'Дата поздравления'],
			russian
		);
		expect(department.map((m) => m.target)).toEqual(
			['name', 'occasion', 'gift', 'date'].map((columnId) => ({ kind: 'existing', columnId }))
		);
	});
});
