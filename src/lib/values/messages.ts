/** What each `reason` of this folder means, in words a coordinator understands. */
import type { Locale } from '$lib/i18n';
import { clip } from './clean';

const MESSAGES: Record<string, Record<Locale, string>> = {
	empty: { ru: 'Значение не заполнено', en: 'The value is empty' },
	'cell-too-long': {
		ru: 'Значение длиннее 100 000 знаков: сохранены первые 100 000',
		en: 'The value is longer than 100,000 characters: the first 100,000 are kept'
	},
	'hidden-removed': {
		ru: 'Удалены невидимые управляющие символы',
		en: 'Invisible control characters removed'
	},
	'excel-serial-date': {
		ru: 'Число из Excel прочитано как дата',
		en: 'An Excel number read as a date'
	},
	// phone
	'too-short': {
		ru: 'Номер слишком короткий: не хватает цифр',
		en: 'The number is too short: digits are missing'
	},
	'no-area-code': {
		ru: 'Местный номер без кода города: укажите код города в настройках столбца (например, 812)',
		en: 'A local number without its area code: set the area code in the column’s settings (e.g. 812)'
	},
	'local-length': {
		ru: 'Местный номер не подходит к коду города столбца: вместе с кодом должно быть 10 цифр',
		en: 'The local number does not fit the column’s area code: with the code it must have 10 digits'
	},
	'local-start': {
		ru: 'Местный номер не может начинаться с 8 или 0: проверьте, не пропущены ли цифры',
		en: 'A local number cannot start with 8 or 0: check whether digits are missing'
	},
	'too-long': {
		ru: 'В номере слишком много цифр. Если в ячейке несколько номеров, разделите их запятой',
		en: 'The number has too many digits. If the cell holds several numbers, separate them with commas'
	},
	'not-russian': {
		ru: 'Номер не российский: ожидается +7 или 8 и код 3xx, 4xx, 8xx или 9xx',
		en: 'Not a Russian number: expected +7 or 8 and an area code 3xx, 4xx, 8xx or 9xx'
	},
	letters: {
		ru: 'В номере есть буквы или лишние знаки',
		en: 'The number contains letters or other characters'
	},
	'several-numbers': {
		ru: 'В ячейке несколько номеров, и не каждый из них — верный номер: исправьте неверный или разделите номера запятой',
		en: 'The cell holds several numbers, and not each of them is a valid number: correct the wrong one or separate the numbers with commas'
	},
	'excel-exponent': {
		ru: 'Excel сохранил номер как число (8,91112E+10) и потерял его последние цифры: задайте столбцу в Excel формат «Текстовый» и введите номер заново',
		en: 'Excel saved the number as a number (8.91112E+10) and lost its last digits: format the column as Text in Excel and enter the number again'
	},
	// date, datetime
	'not-a-date': { ru: 'Это не дата: ожидается дд.мм.гггг', en: 'Not a date: expected dd.mm.yyyy' },
	'no-such-date': { ru: 'Такой даты нет', en: 'There is no such date' },
	'year-out-of-range': {
		ru: 'Год должен быть от 1800 до 2199',
		en: 'The year must be between 1800 and 2199'
	},
	'has-time': {
		ru: 'Указано время: для даты со временем выберите тип «Дата и время»',
		en: 'The value has a time of day: use the “Date and time” type'
	},
	'excel-serial': {
		ru: 'Похоже на дату из Excel, сохранённую числом: задайте в Excel формат «Дата»',
		en: 'Looks like an Excel date saved as a number: format the column as a date in Excel'
	},
	'no-such-time': { ru: 'Такого времени нет', en: 'There is no such time' },
	'future-birth': {
		ru: 'Дата рождения позже сегодняшнего дня: проверьте год',
		en: 'The date of birth is after today: check the year'
	},
	'early-birth': {
		ru: 'Дата рождения раньше 1901 года: проверьте год',
		en: 'The date of birth is before 1901: check the year'
	},
	'two-digit-year': {
		ru: 'Год из двух цифр: неясно, 19.. или 20.. Укажите год полностью',
		en: 'A two-digit year: 19.. or 20..? Enter the full year'
	},
	'no-year': {
		ru: 'Дата без года: укажите дату полностью, дд.мм.гггг',
		en: 'A date without a year: enter the full date, dd.mm.yyyy'
	},
	'birth-no-year': {
		ru: 'Дата рождения без года: год рождения не угадать — укажите дату полностью, дд.мм.гггг',
		en: 'A date of birth without a year: the year of birth cannot be guessed — enter the full date, dd.mm.yyyy'
	},
	'year-added': {
		ru: 'Дата без года: взят ближайший год',
		en: 'A date without a year: the nearest year is taken'
	},
	'time-zone': {
		ru: 'Время указано с часовым поясом: укажите местное время',
		en: 'The time has a time zone: enter the local time'
	},
	// number
	'not-a-number': { ru: 'Это не число', en: 'Not a number' },
	'too-many-digits': {
		ru: 'Слишком много цифр, число не сохранится точно; номер документа храните в столбце «Текст»',
		en: 'Too many digits to keep exactly; keep document numbers in a “Text” column'
	},
	// checkbox, choice
	'not-yes-no': { ru: 'Ожидается «да» или «нет»', en: 'Expected “yes” or “no”' },
	'not-an-option': { ru: 'Такого варианта нет в списке', en: 'Not one of the column’s options' }
};

const FALLBACK: Record<Locale, string> = {
	ru: 'Значение не подходит для этого столбца',
	en: 'The value does not fit this column'
};

/** Longest part of a cell quoted in a message. */
const MAX_QUOTED = 40;

/**
 * The message for `reason`, naming the value when one is given:
 * `messageFor('no-such-date', 'ru', '31.02.1950')` → «Такой даты нет: 31.02.1950».
 */
export function messageFor(reason: string, locale: Locale, value?: string): string {
	const text = (Object.hasOwn(MESSAGES, reason) ? MESSAGES[reason] : FALLBACK)[locale];
	if (value === undefined || value === '') return text;
	const shown = clip(value, MAX_QUOTED);
	return text.includes(':') ? `${text} (${shown})` : `${text}: ${shown}`;
}
