/**
 * Which CSV column goes into which sheet column. Lists come from the social protection
 * department, from polyclinics and from other headquarters, each with its own titles for the
 * same thing (`ФИО`, `Ф.И.О.`, `Фамилия, имя, отчество`): titles are compared after
 * normalisation (`headerKey`) and through synonyms (`HEADER_SYNONYMS`).
 */
import { guessColumnType, type ValueOptions } from '../values';
import { cleanLabel } from '../values/clean';
import { titleKey, uniqueTitle, type Column, type ColumnType } from '../model/sheet';

/** The things a headquarters' list is about, whatever a file calls them. */
export type HeaderField =
	| 'name'
	| 'lastName'
	| 'firstName'
	| 'patronymic'
	| 'phone'
	| 'address'
	| 'birthDate'
	| 'category'
	| 'notes'
	| 'outcome'
	| 'status'
	| 'attempts'
	| 'callDate'
	| 'requestDate'
	| 'operator'
	| 'volunteer'
	| 'helpKind'
	| 'clinic'
	| 'snils'
	| 'email'
	| 'district';

/** Titles seen in real lists, per field. Compared with `headerKey`, so case, `ё`, dots,
 * commas, slashes and spaces do not matter (`Д/р` = `Д.р.` = `ДР`). */
export const HEADER_SYNONYMS: Record<HeaderField, readonly string[]> = {
	name: [
		'ФИО',
		'Ф.И.О.',
		'Фамилия Имя Отчество',
		'Фамилия, имя, отчество',
		'ФИО полностью',
		'ФИО гражданина',
		'ФИО жителя',
		'ФИО заявителя',
		'ФИО получателя',
		'ФИО ветерана',
		'Житель',
		'Заявитель',
		'Получатель',
		'Full name',
		'Name'
	],
	lastName: ['Фамилия', 'Last name', 'Surname'],
	firstName: ['Имя', 'First name'],
	patronymic: ['Отчество', 'Patronymic'],
	phone: [
		'Телефон',
		'Тел.',
		'Телефоны',
		'Номер',
		'Номер телефона',
		'Моб. телефон',
		'Мобильный телефон',
		'Мобильный',
		'Сотовый',
		'Сотовый телефон',
		'Контактный телефон',
		'Телефон для связи',
		'Дом. телефон',
		'Домашний телефон',
		'Тел. дом.',
		'Тел. моб.',
		'Телефон домашний',
		'Телефон мобильный',
		'Телефон 2',
		'Второй телефон',
		'Доп. телефон',
		'Дополнительный телефон',
		'Phone',
		'Phone number'
	],
	address: [
		'Адрес',
		'Адрес проживания',
		'Адрес регистрации',
		'Адрес фактического проживания',
		'Фактический адрес',
		'Место жительства',
		'Адрес доставки',
		'Address'
	],
	birthDate: [
		'Дата рождения',
		'Д.р.',
		'Д/р',
		'Дата рожд.',
		'Год рождения',
		'Г.р.',
		'Date of birth',
		'Birth date'
	],
	category: [
		'Категория',
		'Льготная категория',
		'Категория граждан',
		'Социальная категория',
		'Льгота',
		'Category'
	],
	notes: [
		'Примечание',
		'Примечания',
		'Комментарий',
		'Комментарии',
		'Заметки',
		'Доп. информация',
		'Дополнительная информация',
		'Notes',
		'Comment'
	],
	outcome: ['Результат звонка', 'Результат', 'Итог звонка', 'Итог', 'Call outcome', 'Result'],
	status: ['Статус', 'Статус заявки', 'Состояние', 'Status'],
	attempts: ['Попытки', 'Количество попыток', 'Кол-во попыток', 'Число попыток', 'Attempts'],
	callDate: ['Дата звонка', 'Дата обзвона', 'Call date'],
	requestDate: ['Дата заявки', 'Дата обращения', 'Request date'],
	operator: ['Оператор', 'Оператор колл-центра', 'Кто звонил', 'Operator'],
	volunteer: [
		'Волонтёр',
		'Волонтеры',
		'Исполнитель',
		'Доброволец',
		'Ответственный волонтёр',
		'Volunteer'
	],
	helpKind: ['Вид помощи', 'Тип помощи', 'Вид заявки', 'Тип заявки', 'Kind of help'],
	clinic: ['Поликлиника', 'Поликлиника №', 'Медучреждение', 'Мед. учреждение', 'Polyclinic'],
	snils: ['СНИЛС', 'SNILS'],
	email: ['E-mail', 'Email', 'Эл. почта', 'Электронная почта'],
	district: ['Район', 'District']
};

/** Parts of a name a file may hold in columns of their own. */
const NAME_PARTS = new Set<HeaderField>(['lastName', 'firstName', 'patronymic']);

/** Fields close enough that a file's `Статус` may fill a sheet's `Результат`, and back. */
const RELATED_FIELDS: Partial<Record<HeaderField, HeaderField>> = {
	outcome: 'status',
	status: 'outcome'
};

/** How many rows the type of a new column is guessed from. */
export const TYPE_SAMPLE_ROWS = 200;
const NON_KEY_CHARS = /[^\p{L}\p{N}]+/gu;

/**
 * A title reduced to what identifies it: lower case, `ё` → `е`, only letters and digits
 * (`Ф.И.О.` → `фио`, `Моб. телефон` → `мобтелефон`, `Д/р` → `др`).
 */
/** «№», «#», «N», «№ п/п», «N п/п», «п/п», «Номер п/п»: the title of a file's line numbers. */
export function isRowNumberTitle(title: string): boolean {
	const t = title.trim().toLowerCase();
	return /^(№|#|n|no|nn)\.?$/.test(t) || /^(№|#|n|no|номер)?\s*\.?\s*п\s*[/.]?\s*п\.?$/.test(t);
}

/** A line number as a file writes it: digits, perhaps with a dot («12.»). */
const LINE_NUMBER = /^\s*\d{1,7}\.?\s*$/;

/**
 * Whether a column's first values count its lines: 1, 2, 3… (from any start), one more each
 * line. Other numbers under «№» (a request's number, a case number) are data (found in review).
 */
function areLineNumbers(values: string[]): boolean {
	if (values.length === 0 || !values.every((v) => LINE_NUMBER.test(v))) return false;
	const numbers = values.map((v) => parseInt(v, 10));
	return numbers.every((n, i) => i === 0 || n === numbers[i - 1] + 1);
}

export function headerKey(title: string): string {
	return title.toLowerCase().replace(/ё/g, 'е').replace(NON_KEY_CHARS, '');
}

/**
 * A congratulation campaign's own columns (`model/templates.ts`), in both languages and in a
 * department's words, for the mapping only: a department's Russian file imported into a campaign
 * made with the English interface put «Повод», «Подарочный набор» and «Дата» into new columns
 * beside an empty «Occasion», «Gift set» and «Date» (found by exploration). Not titles that tell
 * a header row (`fieldOfHeader`): a bare «Дата» there would change how a header split over two
 * lines («Дата» over «выдачи») is read.
 */
const CAMPAIGN_SYNONYMS: readonly (readonly string[])[] = [
	['Повод', 'Праздник', 'Памятная дата', 'Occasion'],
	['Подарочный набор', 'Подарок', 'Gift set'],
	['Дата', 'Дата поздравления', 'Date']
];
const CAMPAIGN_FIELD_BY_KEY = new Map<string, number>(
	CAMPAIGN_SYNONYMS.flatMap((titles, i) => titles.map((title) => [headerKey(title), i] as const))
);

const FIELD_BY_KEY = new Map<string, HeaderField>();
for (const [field, titles] of Object.entries(HEADER_SYNONYMS) as [HeaderField, string[]][]) {
	for (const title of titles) FIELD_BY_KEY.set(headerKey(title), field);
}
// Bare abbreviations that would read badly in the list above.
FIELD_BY_KEY.set('др', 'birthDate');
FIELD_BY_KEY.set('тел', 'phone');

/** The field a title stands for, or null for a title we do not know. */
export function fieldOfHeader(title: string): HeaderField | null {
	const key = headerKey(title);
	return key ? (FIELD_BY_KEY.get(key) ?? null) : null;
}

/** A title that names a date of birth (`Дата рождения`, `Д/р`): such dates cannot be later than today. */
function isBirthDateTitle(title: string): boolean {
	return fieldOfHeader(title) === 'birthDate';
}

/**
 * How a column's values are read and checked, in the grid and by an import alike: a choice
 * column's options, or as dates of birth.
 */
export function valueOptions(
	column: Pick<Column, 'type' | 'options' | 'title' | 'storedTitle' | 'areaCode'>
): ValueOptions {
	if (column.type === 'choice' && column.options) return { choices: column.options };
	if (column.type === 'phone' && column.areaCode) return { areaCode: column.areaCode };
	// As stored: «Дата рождения (2)» is how the grid tells apart two columns given one title.
	if (column.type === 'date' && isBirthDateTitle(column.storedTitle ?? column.title))
		return { birthDate: true };
	return {};
}

export type ImportTarget =
	| { kind: 'existing'; columnId: string }
	| { kind: 'new'; title: string; type: ColumnType }
	| { kind: 'skip' };

export interface ColumnMapping {
	csvIndex: number;
	target: ImportTarget;
}

export interface SheetColumnRef {
	id: string;
	title: string;
	type: ColumnType;
}

export interface AutoMapOptions {
	/** Data rows (or the first few hundred) for guessing the types of new columns. */
	rows?: string[][];
	/** Title of an untitled CSV column, given its 1-based number (default `Столбец N`). */
	untitled?: (n: number) => string;
}

/**
 * A mapping for every CSV column, in CSV order:
 * 1. the sheet column with the same title (after `headerKey`);
 * 2. else the sheet column with the same field (`Тел.` → `Телефон`), or a related one
 *    (`Статус` ↔ `Результат`), or a campaign's column in the other language (`Повод` →
 *    `Occasion`: `CAMPAIGN_SYNONYMS`);
 * 3. else a new column with the CSV title (made unique) and the type `guessColumnType` gives
 *    for the column's values; a column with neither a title nor any value is skipped.
 * A sheet column takes at most one CSV column, the first that matches, except two: the full
 * name takes Фамилия, Имя and Отчество (when the file has no full name), and the phone column
 * takes every phone column of the file; their values are joined on import.
 */
export function autoMap(
	csvHeaders: string[],
	sheetColumns: SheetColumnRef[],
	options: AutoMapOptions = {}
): ColumnMapping[] {
	const { rows = [], untitled = (n: number) => `Столбец ${n}` } = options;
	const sample = rows.length > TYPE_SAMPLE_ROWS ? rows.slice(0, TYPE_SAMPLE_ROWS) : rows;
	const used = new Set<string>();
	const byKey = new Map<string, string>();
	const byField = new Map<HeaderField, string>();
	const byCampaignField = new Map<number, string>();
	for (const col of sheetColumns) {
		const key = headerKey(col.title);
		if (key && !byKey.has(key)) byKey.set(key, col.id);
		const field = fieldOfHeader(col.title);
		if (field && !byField.has(field)) byField.set(field, col.id);
		const campaignField = CAMPAIGN_FIELD_BY_KEY.get(key);
		if (campaignField !== undefined && !byCampaignField.has(campaignField))
			byCampaignField.set(campaignField, col.id);
	}
	/** Claim a sheet column for one CSV column; false when there is none or it is taken. */
	const take = (id: string | undefined): id is string => {
		if (!id || used.has(id)) return false;
		used.add(id);
		return true;
	};

	// Exact titles first, so `Статус` goes to `Статус` even if `Результат` came earlier.
	const exact = csvHeaders.map((title) => {
		const id = byKey.get(headerKey(title));
		return take(id) ? id : null;
	});
	// Фамилия, Имя, Отчество go together into the sheet's full name, unless the file has a full
	// name too; a second phone column joins the first in the phone column (several numbers in a
	// cell are a list there).
	const nameId = byField.get('name');
	const fullName = csvHeaders.some(
		(title, i) => fieldOfHeader(title) === 'name' || (nameId !== undefined && exact[i] === nameId)
	);
	// Only when the sheet has one phone column: with a home and a mobile one, each takes its own.
	const phones = sheetColumns.filter(
		(c) => c.type === 'phone' || fieldOfHeader(c.title) === 'phone'
	);
	const phoneId = phones.length === 1 ? byField.get('phone') : undefined;
	const titles = new Set(sheetColumns.map((c) => titleKey(c.title)));
	return csvHeaders.map((rawTitle, csvIndex): ColumnMapping => {
		const exactId = exact[csvIndex];
		if (exactId) return { csvIndex, target: { kind: 'existing', columnId: exactId } };
		const field = fieldOfHeader(rawTitle);
		if (field && NAME_PARTS.has(field) && nameId && !fullName) {
			used.add(nameId);
			return { csvIndex, target: { kind: 'existing', columnId: nameId } };
		}
		if (field) {
			const id = byField.get(field);
			if (take(id)) return { csvIndex, target: { kind: 'existing', columnId: id } };
			if (field === 'phone' && phoneId && id === phoneId)
				return { csvIndex, target: { kind: 'existing', columnId: phoneId } };
			const related = RELATED_FIELDS[field];
			const relatedId = related ? byField.get(related) : undefined;
			if (take(relatedId)) return { csvIndex, target: { kind: 'existing', columnId: relatedId } };
		}
		const campaignField = CAMPAIGN_FIELD_BY_KEY.get(headerKey(rawTitle));
		const campaignId = campaignField === undefined ? undefined : byCampaignField.get(campaignField);
		if (take(campaignId)) return { csvIndex, target: { kind: 'existing', columnId: campaignId } };
		const values: string[] = [];
		for (const row of sample) {
			const cell = row[csvIndex];
			if (cell && cell.trim()) values.push(cell);
		}
		const clean = cleanLabel(rawTitle);
		if (!clean && values.length === 0) return { csvIndex, target: { kind: 'skip' } };
		// The file's own line numbers («№», «№ п/п»): the sheet numbers its rows itself. Found by
		// exploration: they became a second «№» column, exported with the list.
		if (isRowNumberTitle(clean) && areLineNumbers(values))
			return { csvIndex, target: { kind: 'skip' } };
		const title = uniqueTitle(clean || untitled(csvIndex + 1), titles);
		return {
			csvIndex,
			target: { kind: 'new', title, type: guessColumnType(values, clean || undefined) }
		};
	});
}
