/** The columns a new sheet of each kind starts with (the lists in DOMAIN.md). */
import type { NewColumn } from './sheet';
import type { SheetKind } from './workspace';
import type { Locale } from '$lib/i18n';

type Template = { ru: string; en: string; type?: NewColumn['type']; width?: number };

const person: Template[] = [
	{ ru: 'ФИО', en: 'Full name', width: 240 },
	{ ru: 'Телефон', en: 'Phone', type: 'phone' },
	{ ru: 'Адрес', en: 'Address', width: 260 }
];

const TEMPLATES: Record<SheetKind, Template[]> = {
	callList: [
		...person,
		{ ru: 'Дата рождения', en: 'Date of birth', type: 'date', width: 130 },
		{ ru: 'Категория', en: 'Category', type: 'choice' },
		{ ru: 'Результат звонка', en: 'Call outcome', type: 'choice' },
		{ ru: 'Попытки', en: 'Attempts', type: 'number', width: 100 },
		{ ru: 'Оператор', en: 'Operator', type: 'person' },
		{ ru: 'Дата звонка', en: 'Call date', type: 'date', width: 130 },
		{ ru: 'Примечание', en: 'Notes', type: 'longtext', width: 280 }
	],
	requests: [
		...person,
		{ ru: 'Вид помощи', en: 'Kind of help', type: 'choice', width: 200 },
		{ ru: 'Статус', en: 'Status', type: 'choice' },
		{ ru: 'Волонтёр', en: 'Volunteer', type: 'person' },
		{ ru: 'Дата заявки', en: 'Request date', type: 'date', width: 130 },
		{ ru: 'Примечание', en: 'Notes', type: 'longtext', width: 280 }
	],
	campaign: [
		...person,
		{ ru: 'Повод', en: 'Occasion', type: 'choice' },
		{ ru: 'Результат', en: 'Result', type: 'choice' },
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
	return TEMPLATES[kind].map((t) => ({ title: t[locale], type: t.type ?? 'text', width: t.width }));
}
