import { describe, expect, it } from 'vitest';
import { COLUMN_TYPES } from '$lib/model/sheet';
import {
	formatValue,
	guessColumnType,
	messageFor,
	normalizeValue,
	validateStored,
	type ValueResult
} from './index';

const outcomes = [
	{ value: 'Дозвонились' },
	{ value: 'Не дозвонились' },
	{ value: 'Неверный номер' }
];

describe('normalizeValue', () => {
	it('text is kept exactly as typed, leading and trailing spaces too', () => {
		expect(normalizeValue('text', '  кв. 12 ')).toEqual({ ok: true, value: '  кв. 12 ' });
		expect(normalizeValue('person', ' Анна')).toEqual({ ok: true, value: ' Анна' });
	});

	it('Windows line breaks in text become \\n', () => {
		expect(normalizeValue('longtext', 'звонить\r\nпосле 18:00\rне раньше').value).toBe(
			'звонить\nпосле 18:00\nне раньше'
		);
	});

	it('an empty or blank cell is valid in every type and stored empty', () => {
		for (const type of COLUMN_TYPES) {
			expect(normalizeValue(type, '', { choices: outcomes })).toEqual({ ok: true, value: '' });
		}
		for (const type of COLUMN_TYPES.filter((t) => !['text', 'longtext', 'person'].includes(t))) {
			expect(normalizeValue(type, ' \u00a0 ', { choices: outcomes }).value).toBe('');
		}
	});

	it('each typed column stores its normalised form', () => {
		expect(normalizeValue('phone', '8 812 123-45-67').value).toBe('+78121234567');
		expect(normalizeValue('date', '09.05.1945').value).toBe('1945-05-09');
		expect(normalizeValue('datetime', '05.03.2024 14:30').value).toBe('2024-03-05T14:30');
		expect(normalizeValue('number', '1 234,5').value).toBe('1234.5');
		expect(normalizeValue('checkbox', 'Да').value).toBe('true');
		expect(normalizeValue('choice', 'не дозвонились', { choices: outcomes }).value).toBe(
			'Не дозвонились'
		);
	});

	it('invalid input is kept as typed, with the reason', () => {
		const cases: [Parameters<typeof normalizeValue>[0], string, string][] = [
			['phone', '123-45-67', 'no-area-code'],
			['phone', '8 911 123-45-6', 'too-short'],
			['date', '31.02.1950', 'no-such-date'],
			['datetime', 'вечером', 'not-a-date'],
			['number', 'много', 'not-a-number'],
			['checkbox', 'может быть', 'not-yes-no']
		];
		for (const [type, raw, reason] of cases) {
			expect(normalizeValue(type, raw)).toEqual({ ok: false, value: raw, reason });
		}
		expect(normalizeValue('choice', 'Перезвонить', { choices: outcomes })).toEqual({
			ok: false,
			value: 'Перезвонить',
			reason: 'not-an-option'
		});
	});

	it("a phone column's area code completes local numbers, typed or stored", () => {
		expect(normalizeValue('phone', '555-12-34', { areaCode: '812' }).value).toBe('+78125551234');
		expect(validateStored('phone', '555-12-34', { areaCode: '812' })).toEqual({
			ok: true,
			value: '+78125551234'
		});
		expect(validateStored('phone', '555-12-34').ok).toBe(false);
	});

	it('a choice column without options keeps any value', () => {
		expect(normalizeValue('choice', 'Перезвонить')).toEqual({ ok: true, value: 'Перезвонить' });
	});

	it('date options reach the date parsers', () => {
		expect(normalizeValue('date', '45356').ok).toBe(false);
		expect(normalizeValue('date', '45356', { fromExcelSerial: true }).value).toBe('2024-03-05');
		expect(normalizeValue('date', '01.02.30', { currentYear: 2029 }).value).toBe('1930-02-01');
	});
});

describe('formatValue', () => {
	it('stored values are shown the way a coordinator writes them', () => {
		expect(formatValue('phone', '+78121234567')).toBe('+7 (812) 123-45-67');
		expect(formatValue('date', '1945-05-09')).toBe('09.05.1945');
		expect(formatValue('datetime', '2024-03-05T14:30')).toBe('05.03.2024 14:30');
		expect(formatValue('number', '1234.5')).toBe('1\u00a0234,5');
		expect(formatValue('number', '1234.5', 'en')).toBe('1,234.5');
		expect(formatValue('checkbox', 'true')).toBe('да');
		expect(formatValue('choice', 'Дозвонились')).toBe('Дозвонились');
		expect(formatValue('text', '  как есть ')).toBe('  как есть ');
	});

	it('an invalid value is shown as it was typed', () => {
		expect(formatValue('phone', '123-45-67')).toBe('123-45-67');
		expect(formatValue('date', '31.02.1950')).toBe('31.02.1950');
		expect(formatValue('number', 'много')).toBe('много');
	});
});

describe('validateStored', () => {
	it('a value in its stored form is valid as it is', () => {
		const cases: [Parameters<typeof validateStored>[0], string][] = [
			['phone', '+78121234567;ext=12'],
			['date', '2024-02-29'],
			['datetime', '2024-03-05T14:30'],
			['number', '-1234.5'],
			['checkbox', 'false'],
			['text', 'что угодно']
		];
		for (const [type, stored] of cases) {
			expect(validateStored(type, stored)).toEqual({ ok: true, value: stored });
		}
	});

	it('after a column becomes a phone column, numbers typed as text convert', () => {
		expect(validateStored('phone', '8 (911) 123-45-67')).toEqual({
			ok: true,
			value: '+79111234567'
		});
	});

	it('after a type change, values that do not convert are kept and flagged', () => {
		expect(validateStored('number', 'двое')).toEqual({
			ok: false,
			value: 'двое',
			reason: 'not-a-number'
		});
		expect(validateStored('date', '2023-02-29')).toMatchObject({
			ok: false,
			reason: 'no-such-date'
		});
	});

	it('a stored date of birth after today is flagged', () => {
		const birth = { birthDate: true, today: '2026-12-04' };
		expect(validateStored('date', '2026-12-05', birth)).toEqual({
			ok: false,
			value: '2026-12-05',
			reason: 'future-birth'
		});
		expect(validateStored('date', '2026-12-04', birth).ok).toBe(true);
		expect(validateStored('date', '2026-12-05').ok).toBe(true);
		// And one before 1901: a resident of 125 years or more (found by exploration).
		expect(validateStored('date', '1850-01-01', birth)).toEqual({
			ok: false,
			value: '1850-01-01',
			reason: 'early-birth'
		});
		expect(validateStored('date', '1901-01-01', birth).ok).toBe(true);
		expect(validateStored('date', '1850-01-01').ok).toBe(true);
	});

	it('a date column turned into a date-time column converts its dates to midnight', () => {
		expect(validateStored('datetime', '2024-03-05')).toEqual({
			ok: true,
			value: '2024-03-05T00:00'
		});
	});

	it('a choice value is checked against the options when they are given', () => {
		expect(validateStored('choice', 'Дозвонились', { choices: outcomes }).ok).toBe(true);
		expect(validateStored('choice', 'Отказ', { choices: outcomes }).ok).toBe(false);
	});
});

/** `count` values cycling through `values`. */
function column(values: string[], count = 40): string[] {
	return Array.from({ length: count }, (_, i) => values[i % values.length]);
}

describe('guessColumnType', () => {
	const names = column([
		'Иванова Мария Петровна',
		'Петров Иван Сергеевич',
		'Смирнова Анна Ивановна',
		'Кузнецов Олег Викторович',
		'Соколова Вера Андреевна',
		'Попов Николай Фёдорович',
		'Лебедева Галина Михайловна',
		'Козлов Пётр Ильич',
		'Новикова Зоя Павловна',
		'Морозов Андрей Юрьевич',
		'Волкова Нина Степановна',
		'Зайцев Борис Львович',
		'Павлова Лидия Егоровна',
		'Семёнов Виктор Олегович'
	]);

	it('a column of phones written every way is a phone column', () => {
		const phones = column([
			'8 812 123-45-67',
			'+7(911)1234567',
			'89111234567',
			'8 (921) 765 43 21',
			'+7 904 555-12-12',
			'9219876543',
			'8-812-555-55-55',
			'+7 (813) 702-11-22',
			'8 911 000 11 22',
			'123-45-67' // one local number among forty still makes a phone column
		]);
		expect(guessColumnType(phones, 'Контакт')).toBe('phone');
	});

	it('a Телефон column of local numbers is still a phone column (flagged too short)', () => {
		expect(guessColumnType(column(['123-45-67', '555-12-12', '702-11-22']), 'Телефон')).toBe(
			'phone'
		);
		expect(guessColumnType(column(['123-45-67', '555-12-12']), 'Тел.')).toBe('phone');
	});

	it('birth dates are a date column', () => {
		const births = column(['12.04.1945', '1.5.1950', '03.11.1938', '27.01.1944', '09.05.1947']);
		expect(guessColumnType(births, 'Дата рождения')).toBe('date');
		expect(guessColumnType(births)).toBe('date');
	});

	it('a birth-date header decides even when some dates are wrong (Д/р, Д.р., ДР)', () => {
		const births = column(['05.03.1941', '31.02.1950', '']);
		for (const header of ['Д/р', 'д / р', 'Д.р.', 'ДР', 'Дата рожд.'])
			expect(guessColumnType(births, header)).toBe('date');
		expect(guessColumnType(births, 'Адрес')).not.toBe('date');
	});

	it('dates with times of day are a date-time column', () => {
		const calls = column(['05.03.2024 14:30', '05.03.2024 9:05', '06.03.2024', '2024-03-07T10:00']);
		expect(guessColumnType(calls, 'Когда звонили')).toBe('datetime');
	});

	it('counts are a number column', () => {
		expect(guessColumnType(column(['1', '2', '3', '1', '4']), 'Попытки')).toBe('number');
		expect(guessColumnType(column(['1 500,00', '250', '12 000,50']), 'Сумма')).toBe('number');
	});

	it('ones and zeros are a checkbox, unless the header says they are counts', () => {
		const flags = column(['1', '0', '0', '1']);
		expect(guessColumnType(flags)).toBe('checkbox');
		expect(guessColumnType(flags, 'Кол-во наборов')).toBe('number');
	});

	it('да / нет is a checkbox column', () => {
		expect(guessColumnType(column(['да', 'нет', '', 'Да']), 'Подарочный набор')).toBe('checkbox');
	});

	it('a few repeated values are a choice column', () => {
		const outcome = column(['Дозвонились', 'Не дозвонились', 'Неверный номер', 'Отказ']);
		expect(guessColumnType(outcome, 'Итог')).toBe('choice');
		const category = column(['Старше 65', 'Инвалид 1 группы', 'Одинокая мать']);
		expect(guessColumnType(category, 'Категория')).toBe('choice');
	});

	it('a Статус header makes a choice column out of a few samples', () => {
		expect(guessColumnType(['Новая', 'В работе', 'Новая', 'Закрыта'], 'Статус')).toBe('choice');
	});

	it('few samples with few values are not enough for a choice column', () => {
		expect(guessColumnType(['Новая', 'В работе', 'Новая'], 'Заметка')).toBe('text');
	});

	it('an operator column is a person column', () => {
		expect(guessColumnType(column(['Анна', 'Олег', 'Мария']), 'Оператор')).toBe('person');
		expect(guessColumnType(names, 'Волонтёр')).toBe('person');
	});

	it('names and addresses are text', () => {
		expect(guessColumnType(names, 'ФИО')).toBe('text');
		const addresses = column(
			Array.from({ length: 30 }, (_, i) => `пр. Просвещения, д. ${i + 1}, кв. ${i * 7}`)
		);
		expect(guessColumnType(addresses, 'Адрес')).toBe('text');
	});

	it('document numbers are text, not numbers or phones', () => {
		const snils = Array.from({ length: 30 }, (_, i) => `${100 + i}-456-789 ${10 + i}`);
		expect(guessColumnType(snils, 'СНИЛС')).toBe('text');
		const inn = column(Array.from({ length: 30 }, (_, i) => String(7707083893 + i * 1013)));
		expect(guessColumnType(inn, 'ИНН')).toBe('text');
		const codes = column(['007', '012', '0345'], 3);
		expect(guessColumnType(codes, 'Код')).toBe('text');
		// Found by exploration: 28 codes without a leading zero and 2 with one made a number
		// column, and «012345» became 12345 without a word.
		const mixed = [
			...Array.from({ length: 28 }, (_, i) => String(23456 + i * 7)),
			'012345',
			'0071'
		];
		expect(guessColumnType(mixed, 'Код соцзащиты')).toBe('text');
		expect(guessColumnType(mixed)).toBe('text');
		// Amounts and counts stay numbers («0» and «0,5» are no codes).
		expect(guessColumnType(['0', '12', '0,5', '3', '250'], 'Сумма')).toBe('number');
	});

	it('notes with line breaks are long text', () => {
		const notes = ['Просила перезвонить\nпосле обеда', 'Нужны лекарства', 'Не открывает'];
		expect(guessColumnType(notes, 'Примечание')).toBe('longtext');
	});

	it('an empty column takes its type from the header, else text', () => {
		expect(guessColumnType(['', ' ', ''], 'Моб. телефон')).toBe('phone');
		expect(guessColumnType([], 'Д.р.')).toBe('date');
		expect(guessColumnType([], 'Количество')).toBe('number');
		expect(guessColumnType(['', ''])).toBe('text');
	});

	it('a date header does not force dates on values that are not dates', () => {
		expect(guessColumnType(column(['вчера', 'на прошлой неделе', 'не помнит']), 'Дата')).toBe(
			'choice'
		);
	});
});

describe('messageFor', () => {
	it('a message names the value a coordinator has to fix', () => {
		expect(messageFor('no-such-date', 'ru', '31.02.1950')).toBe('Такой даты нет: 31.02.1950');
		expect(messageFor('too-short', 'ru')).toBe('Номер слишком короткий: не хватает цифр');
		expect(messageFor('too-short', 'ru', '8 911 123-45-6')).toBe(
			'Номер слишком короткий: не хватает цифр (8 911 123-45-6)'
		);
		expect(messageFor('no-such-date', 'en', '31.02.1950')).toBe(
			'There is no such date: 31.02.1950'
		);
	});

	it('a long value is shortened in the message', () => {
		const message = messageFor('not-a-number', 'ru', 'я'.repeat(100));
		expect(message.length).toBeLessThan(60);
		expect(message.endsWith('…')).toBe(true);
	});

	it('every reason a parser gives has its own message in both languages', () => {
		const fallback = messageFor('no-such-reason', 'ru');
		const results: ValueResult[] = [
			normalizeValue('phone', '123'),
			normalizeValue('phone', '8 911 123 45 67 89'),
			normalizeValue('phone', '+380501234567'),
			normalizeValue('phone', 'нет'),
			normalizeValue('date', 'вчера'),
			normalizeValue('date', '31.02.2024'),
			normalizeValue('date', '01.01.1700'),
			normalizeValue('date', '01.01.2024 10:00'),
			normalizeValue('date', '45356'),
			normalizeValue('datetime', '01.01.2024 25:00'),
			normalizeValue('datetime', '2024-01-01T10:00Z'),
			normalizeValue('number', 'x'),
			normalizeValue('number', '12345678901234567'),
			normalizeValue('checkbox', '?'),
			normalizeValue('choice', '?', { choices: [] })
		];
		const reasons = results.map((r) => (r.ok ? 'ok' : r.reason));
		expect(new Set(reasons).size).toBe(results.length);
		for (const reason of [...reasons, 'empty']) {
			expect(reason).not.toBe('ok');
			expect(messageFor(reason, 'ru')).not.toBe(fallback);
			expect(messageFor(reason, 'en')).not.toBe(messageFor('no-such-reason', 'en'));
		}
	});

	it('an unknown reason still gets a message', () => {
		expect(messageFor('constructor', 'ru')).toBe('Значение не подходит для этого столбца');
	});
});
