/** The columns a new sheet of each kind starts with (the lists in DOMAIN.md). */
import type { ChoiceOption, NewColumn } from './sheet';
import { ME, type ViewState } from './views';
import type { SheetKind } from './workspace';
import type { Locale } from '$lib/i18n';
import { choiceKey, normalizeChoice, type ChoiceList } from '../values/choice';

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

/**
 * Who a congratulation campaign is for (DOMAIN.md: veterans of the Great Patriotic War and
 * residents of besieged Leningrad on 9 May and 27 January, disabled children at New Year): the
 * department's list says which, and a campaign counts and filters by it.
 */
const CAMPAIGN_CATEGORY: Template['options'] = [
	['Ветеран ВОВ', 'Great Patriotic War veteran', GREEN],
	['Житель блокадного Ленинграда', 'Resident of besieged Leningrad', BLUE],
	['Ребёнок-инвалид', 'Disabled child', PURPLE],
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

/**
 * Each template option's names in the other language, by either name's `choiceKey`: «выполнена»
 * → «done», «done» → «выполнена». A sheet's options are in the language it was made in; an
 * operator with the other interface language types the words of hers (found by exploration: «done»
 * typed in a Russian request board was kept as no option, and the day's report counted one
 * request fewer «выполнена»).
 */
const OTHER_NAMES: Map<string, string[]> = (() => {
	const names = new Map<string, string[]>();
	const add = (from: string, to: string) => {
		const list = names.get(choiceKey(from)) ?? [];
		if (!list.includes(to)) list.push(to);
		names.set(choiceKey(from), list);
	};
	for (const options of [
		CATEGORY,
		CAMPAIGN_CATEGORY,
		CALL_OUTCOME,
		STATUS,
		KIND_OF_HELP,
		OCCASION,
		CAMPAIGN_RESULT
	])
		for (const [ru, en] of options ?? []) {
			add(ru, en);
			add(en, ru);
		}
	return names;
})();

/** A template option's names in the other interface language (none for other values). */
export function otherOptionNames(value: string): readonly string[] {
	return OTHER_NAMES.get(choiceKey(value)) ?? [];
}

/**
 * The option of `options` that `value` names in the other interface language, or null: «done»
 * is «выполнена» of a Russian request board, «9 мая» «9 May» of a campaign made with the English
 * interface. How a value is read into a choice column wherever it comes from — typed, pasted
 * (`typedValue`) or imported (`mappedInput`) — when it is none of the column's own options.
 */
export function optionInOtherLanguage(value: string, options: ChoiceList): string | null {
	for (const name of otherOptionNames(value)) {
		const result = normalizeChoice(name, options);
		if (result.ok && result.value !== '') return result.value;
	}
	return null;
}

const person: Template[] = [
	{ ru: 'ФИО', en: 'Full name', width: 240 },
	{ ru: 'Телефон', en: 'Phone', type: 'phone' },
	{ ru: 'Адрес', en: 'Address', width: 260 }
];

const TEMPLATES: Record<SheetKind, Template[]> = {
	callList: [
		...person,
		{ ru: 'Дата рождения', en: 'Date of birth', type: 'date', width: 140 },
		{ ru: 'Категория', en: 'Category', type: 'choice', options: CATEGORY },
		{ ru: 'Результат звонка', en: 'Call outcome', type: 'choice', options: CALL_OUTCOME },
		{ ru: 'Попытки', en: 'Attempts', type: 'number', width: 125 },
		{ ru: 'Оператор', en: 'Operator', type: 'person' },
		{ ru: 'Дата звонка', en: 'Call date', type: 'datetime', width: 150 },
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
		{ ru: 'Дата рождения', en: 'Date of birth', type: 'date', width: 140 },
		{ ru: 'Категория', en: 'Category', type: 'choice', width: 260, options: CAMPAIGN_CATEGORY },
		{ ru: 'Повод', en: 'Occasion', type: 'choice', options: OCCASION },
		{ ru: 'Результат', en: 'Result', type: 'choice', options: CAMPAIGN_RESULT },
		{ ru: 'Подарочный набор', en: 'Gift set', type: 'checkbox', width: 160 },
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

const titleOf = (title: string) => title.trim().toLowerCase().replace(/ё/g, 'е');

/** Per kind, the titles of its columns that no other kind has (ru and en). */
const OWN_TITLES: [SheetKind, Set<string>][] = (() => {
	const count = new Map<string, number>();
	const titles = (kind: SheetKind) =>
		new Set(TEMPLATES[kind].flatMap((t) => [titleOf(t.ru), titleOf(t.en)]));
	for (const kind of Object.keys(TEMPLATES) as SheetKind[])
		for (const title of titles(kind)) count.set(title, (count.get(title) ?? 0) + 1);
	return (Object.keys(TEMPLATES) as SheetKind[]).map((kind) => [
		kind,
		new Set([...titles(kind)].filter((title) => count.get(title) === 1))
	]);
})();

/**
 * The kind a new list made from a file most likely is, from the file's titles: the kind with
 * the most column titles of its own in them («Повод», «Подарочный набор» → a campaign), else a
 * call list. Found by exploration: a campaign's own export was proposed as a call list, its
 * results then all flagged as not one of «Результат звонка»'s options.
 */
export function guessKind(header: readonly string[]): SheetKind {
	const titles = new Set(header.map(titleOf));
	let best: SheetKind = 'callList';
	let most = 0;
	for (const [kind, own] of OWN_TITLES) {
		let n = 0;
		for (const title of own) if (titles.has(title)) n++;
		if (n > most) [best, most] = [kind, n];
	}
	return best;
}

/** A view a new sheet of a kind starts with: a filter "column = value" by template column. */
type TemplateView = {
	ru: string;
	en: string;
	/** Index of the column in the kind's template. */
	column: number;
	/**
	 * [Russian, English] value, `ME` for "the operator who applies the view", or `BLANK` for an
	 * empty cell (the choice filter's «(пусто)»).
	 */
	equals: [string, string] | typeof ME | typeof BLANK;
};

/** In a template view, "the cell is empty". */
const BLANK = Symbol('blank');

const TEMPLATE_VIEWS: Record<SheetKind, TemplateView[]> = {
	callList: [
		// Who is left to call: the residents with no result logged yet. Operators start every
		// morning from it (found by exploration: only the filter's «(пусто)» got there).
		{ ru: 'Ещё не звонили', en: 'Not called yet', column: 5, equals: BLANK },
		{
			ru: 'Не дозвонились',
			en: 'Not reached',
			column: 5,
			equals: ['не дозвонились', 'not reached']
		},
		{ ru: 'Перезвонить', en: 'Call back', column: 5, equals: ['перезвонить', 'call back'] },
		{ ru: 'Мои звонки', en: 'My calls', column: 7, equals: ME }
	],
	requests: [
		{ ru: 'Новые заявки', en: 'New requests', column: 4, equals: ['новая', 'new'] },
		{ ru: 'Мои заявки', en: 'My requests', column: 5, equals: ME }
	],
	campaign: [
		{
			ru: 'Не дозвонились',
			en: 'Not reached',
			column: 6,
			equals: ['не дозвонились', 'not reached']
		}
	],
	other: []
};

/**
 * The named views a new sheet starts with, given the ids `addColumns` returned for
 * `templateColumns(kind, locale)` (in the same order).
 */
export function templateViews(
	kind: SheetKind,
	locale: Locale,
	columnIds: string[]
): (ViewState & { name: string })[] {
	return TEMPLATE_VIEWS[kind].flatMap((v) => {
		const colId = columnIds[v.column];
		if (!colId) return [];
		const filter =
			v.equals === BLANK
				? { filterType: 'choiceSet', values: [''] }
				: {
						filterType: 'text',
						type: 'equals',
						filter: v.equals === ME ? ME : v.equals[locale === 'ru' ? 0 : 1]
					};
		return [{ name: v[locale], columns: [], filter: { [colId]: filter }, quickFilter: '' }];
	});
}
