/** The columns a new sheet of each kind starts with (the lists in DOMAIN.md). */
import type { ChoiceOption, NewColumn } from './sheet';
import type { SheetKind } from './workspace';
import type { Locale } from '$lib/i18n';

type Template = {
	ru: string;
	en: string;
	type?: NewColumn['type'];
	width?: number;
	/** A choice column's options: [Russian, English, colour]. */
	options?: [string, string, string][];
};

const GREEN = '#2e7d32';
const RED = '#c62828';
const AMBER = '#b26a00';
const BLUE = '#1565c0';
const GREY = '#616161';
const PURPLE = '#6a1b9a';

const CATEGORY: Template['options'] = [
	['Старше 65 лет', 'Over 65', BLUE],
	['Инвалид 1-й группы', 'Disabled, group 1', PURPLE],
	['Одинокая мать, дети до 7 лет', 'Single mother, children under 7', AMBER],
	['Другое', 'Other', GREY]
];

const CALL_OUTCOME: Template['options'] = [
	['дозвонились', 'reached', GREEN],
	['не дозвонились', 'not reached', GREY],
	['перезвонить', 'call back', AMBER],
	['неверный номер', 'wrong number', RED],
	['отказ', 'refused', PURPLE],
	['нужна помощь', 'needs help', BLUE]
];

const STATUS: Template['options'] = [
	['новая', 'new', BLUE],
	['в работе', 'in progress', AMBER],
	['выполнена', 'done', GREEN],
	['отменена', 'cancelled', GREY]
];

const KIND_OF_HELP: Template['options'] = [
	['покупка продуктов и предметов первой необходимости', 'buying groceries and essentials', GREEN],
	['доставка продуктовых наборов', 'delivering food sets', GREEN],
	['доставка льготных лекарств', 'delivering preferential medicines', BLUE],
	['покупка лекарств', 'buying medicines', BLUE],
	['оплата услуг ЖКХ', 'paying utility bills', AMBER],
	['выгул собак', 'walking dogs', PURPLE],
	['психологическая помощь', 'psychological help', PURPLE],
	['консультация', 'consultation', GREY],
	['иная помощь', 'other help', GREY]
];

const OCCASION: Template['options'] = [
	['9 Мая', '9 May', RED],
	['27 января', '27 January', BLUE],
	['Новый год', 'New Year', GREEN],
	['Другое', 'Other', GREY]
];

const CAMPAIGN_RESULT: Template['options'] = [
	['поздравили по телефону', 'congratulated by phone', GREEN],
	['не дозвонились', 'not reached', GREY],
	['поздравили лично, с письмом и набором', 'visited with a letter and a gift set', BLUE],
	['вручили набор', 'gift set delivered', BLUE],
	['отказ', 'refused', PURPLE]
];

const person: Template[] = [
	{ ru: 'ФИО', en: 'Full name', width: 240 },
	{ ru: 'Телефон', en: 'Phone', type: 'phone' },
	{ ru: 'Адрес', en: 'Address', width: 260 }
];

const TEMPLATES: Record<SheetKind, Template[]> = {
	callList: [
		...person,
		{ ru: 'Дата рождения', en: 'Date of birth', type: 'date', width: 130 },
		{ ru: 'Категория', en: 'Category', type: 'choice', options: CATEGORY },
		{ ru: 'Результат звонка', en: 'Call outcome', type: 'choice', options: CALL_OUTCOME },
		{ ru: 'Попытки', en: 'Attempts', type: 'number', width: 100 },
		{ ru: 'Оператор', en: 'Operator', type: 'person' },
		{ ru: 'Дата звонка', en: 'Call date', type: 'date', width: 130 },
		{ ru: 'Примечание', en: 'Notes', type: 'longtext', width: 280 }
	],
	requests: [
		...person,
		{
			ru: 'Вид помощи',
			en: 'Kind of help',
			type: 'choice',
			width: 200,
			options: KIND_OF_HELP
		},
		{ ru: 'Статус', en: 'Status', type: 'choice', options: STATUS },
		{ ru: 'Волонтёр', en: 'Volunteer', type: 'person' },
		{ ru: 'Дата заявки', en: 'Request date', type: 'date', width: 130 },
		{ ru: 'Примечание', en: 'Notes', type: 'longtext', width: 280 }
	],
	campaign: [
		...person,
		{ ru: 'Повод', en: 'Occasion', type: 'choice', options: OCCASION },
		{ ru: 'Результат', en: 'Result', type: 'choice', options: CAMPAIGN_RESULT },
		{ ru: 'Подарочный набор', en: 'Gift set', type: 'checkbox', width: 130 },
		{ ru: 'Дата', en: 'Date', type: 'date', width: 130 },
		{ ru: 'Примечание', en: 'Notes', type: 'longtext', width: 280 }
	],
	other: [
		{ ru: 'Название', en: 'Name', width: 240 },
		{ ru: 'Примечание', en: 'Notes', type: 'longtext', width: 280 }
	]
};

export function templateColumns(kind: SheetKind, locale: Locale): NewColumn[] {
	return TEMPLATES[kind].map((t) => {
		const column: NewColumn = { title: t[locale], type: t.type ?? 'text', width: t.width };
		if (t.options) {
			const options: ChoiceOption[] = t.options.map(([ru, en, color]) => ({
				value: locale === 'ru' ? ru : en,
				color
			}));
			column.options = options;
		}
		return column;
	});
}
