/**
 * Typed cell values: the one entry point the grid and the CSV import use.
 *
 * Cells are strings. Each type has a stored form (phone `+78121234567`, date `2024-03-05`,
 * date-time `2024-03-05T14:30`, number `1234.5`, checkbox `true`/`false`, choice: the
 * option's value); `normalizeValue` turns what an operator typed or a file held into it.
 * Invalid input is never dropped: it is kept exactly as typed, with a reason for the flag
 * (`messageFor` words it). An empty cell is valid in every type.
 */
import type { Locale } from '$lib/i18n';
import type { ColumnType } from '$lib/model/sheet';
import { formatCheckbox, isStoredCheckbox, normalizeCheckbox } from './checkbox';
import { choiceKey, normalizeChoice, type ChoiceList } from './choice';
import { isBlank, trimValue } from './clean';
export { withoutHidden, withPlainSpaces } from './clean';
import {
	formatDate,
	formatDateTime,
	isEarlyBirth,
	isFutureBirth,
	isStoredDate,
	isStoredDateTime,
	parseDate,
	parseDateTime,
	type DateOptions
} from './date';
import { formatNumber, isStoredNumber, parseNumber } from './number';
import { formatPhone, isStoredPhone, normalizePhone } from './phone';
import { EMPTY, invalid, valid, type ValueResult } from './result';

export type { ValueResult } from './result';
export type { PhoneReason, PhoneResult } from './phone';
export type { DateOptions, DateReason, DateResult } from './date';
export type { NumberReason, NumberResult } from './number';
export type { CheckboxReason, CheckboxResult } from './checkbox';
export type { ChoiceList, ChoiceReason, ChoiceResult } from './choice';
export {
	AREA_CODE,
	areaCodeCompletes,
	typedAreaCode,
	normalizePhone,
	formatPhone,
	isStoredPhone,
	joinPhones,
	phoneNumber,
	phoneParts,
	readablePhones,
	storedPhoneNumbers,
	storedRussianNumber,
	ALTERNATIVE_SEPARATOR,
	WIDE_LIST_SEPARATOR,
	storedPhones,
	PHONE_LIST_SEPARATOR
} from './phone';
export {
	parseDate,
	parseDateTime,
	formatDate,
	formatDateTime,
	localIsoDate,
	localIsoDateTime,
	nearestYear,
	excelSerialDate,
	EARLIEST_BIRTH
} from './date';
export { parseNumber, formatNumber } from './number';
export { normalizeCheckbox, formatCheckbox } from './checkbox';
export { normalizeChoice, choiceKey } from './choice';
export { messageFor } from './messages';

export interface ValueOptions extends DateOptions {
	/**
	 * A choice column's options. Without them a choice value cannot be checked and is kept as
	 * typed (valid); with them (even `[]`) anything that is not an option is flagged.
	 */
	choices?: ChoiceList;
	/** A phone column's area code (`812`): local numbers (`555-12-34`) are that city's. */
	areaCode?: string;
}

/**
 * Text is kept exactly as typed, leading spaces too; only line breaks become `\n`. What
 * `normalizeValue` stores for a text, long-text or person column (always valid).
 */
export function normalizeText(raw: string): string {
	return raw.indexOf('\r') === -1 ? raw : raw.replace(/\r\n?/g, '\n');
}

/**
 * What to store for `raw` typed into (or imported into) a column of `type`. `value` is the
 * stored form when `ok`, else `raw` unchanged.
 */
export function normalizeValue(
	type: ColumnType,
	raw: string,
	options: ValueOptions = {}
): ValueResult {
	switch (type) {
		case 'text':
		case 'longtext':
		case 'person':
			return valid(normalizeText(raw));
	}
	if (isBlank(raw)) return EMPTY;
	switch (type) {
		case 'phone':
			return normalizePhone(raw, options.areaCode);
		case 'date':
			return parseDate(raw, options);
		case 'datetime':
			return parseDateTime(raw, options);
		case 'number':
			return parseNumber(raw);
		case 'checkbox':
			return normalizeCheckbox(raw);
		case 'choice':
			return options.choices ? normalizeChoice(raw, options.choices) : valid(raw);
		default:
			return valid(raw);
	}
}

/** A stored value as the grid shows it (`+7 (812) 123-45-67`, `05.03.2024`, `1 234,5`, да). */
export function formatValue(type: ColumnType, stored: string, locale: Locale = 'ru'): string {
	switch (type) {
		case 'phone':
			return formatPhone(stored);
		case 'date':
			return formatDate(stored);
		case 'datetime':
			return formatDateTime(stored);
		case 'number':
			return formatNumber(stored, locale);
		case 'checkbox':
			return formatCheckbox(stored, locale);
		default:
			return stored;
	}
}

/**
 * Whether a stored cell is valid for its column's type: for flagging cells, and after a
 * column's type changes. `ok` with `value === stored`: valid as it is. `ok` with another
 * value: convertible (store `value`; `8 812 123-45-67` in a column just made a phone column).
 * Not `ok`: keep the cell and flag it with `reason`.
 */
export function validateStored(
	type: ColumnType,
	stored: string,
	options: ValueOptions = {}
): ValueResult {
	if (stored === '') return EMPTY;
	let already: boolean;
	switch (type) {
		case 'phone':
			already = isStoredPhone(stored);
			break;
		case 'date':
			already = isStoredDate(stored);
			if (already && options.birthDate && isFutureBirth(stored, options))
				return invalid(stored, 'future-birth');
			if (already && options.birthDate && isEarlyBirth(stored))
				return invalid(stored, 'early-birth');
			break;
		case 'datetime':
			already = isStoredDateTime(stored);
			break;
		case 'number':
			already = isStoredNumber(stored);
			break;
		case 'checkbox':
			already = isStoredCheckbox(stored);
			break;
		default:
			already = false;
	}
	return already ? valid(stored) : normalizeValue(type, stored, options);
}

// ---------------------------------------------------------------- guessing a column's type

/** Share of the non-empty samples that must parse for a type to be chosen on samples alone. */
export const GUESS_SHARE = 0.9;
/** Share that is enough when the column's header names the type too. */
export const HINTED_SHARE = 0.5;
/** A choice column: at most this many distinct values… */
export const CHOICE_MAX_DISTINCT = 12;
/** …among at least this many non-empty samples (unless the header says it is a choice)… */
export const CHOICE_MIN_SAMPLES = 20;
/** …none of them longer than this. */
export const CHOICE_MAX_LENGTH = 60;
/** A value this long (or with a line break) makes a long-text column. */
export const LONGTEXT_LENGTH = 200;

/** What a header names, tried in this order (lower-cased header, ё as е). */
const HEADER_HINTS: [ColumnType, RegExp][] = [
	['phone', /телефон|(^|[^а-я])(тел|моб|сот)\.?([^а-я]|$)|мобильн|сотов|phone|mobile|^tel\b/],
	['datetime', /время|datetime|date and time|\btime\b/],
	['date', /дата|(^|[^а-я])д\s?[./]\s?р\.?|(^|[^а-я])др([^а-я]|$)|рожд|date|birth/],
	['number', /кол-?во|количеств|сумма|попытк|возраст|\b(amount|count|qty|quantity|sum)\b/],
	[
		'person',
		/оператор|волонтер|исполнител|ответственн|координатор|водител|курьер|operator|volunteer|assignee/
	],
	['choice', /статус|результат|категори|вид помощи|повод|status|result|outcome|category|kind/]
];

function headerHint(header: string): ColumnType | undefined {
	const text = choiceKey(header);
	if (!text) return undefined;
	for (const [type, pattern] of HEADER_HINTS) if (pattern.test(text)) return type;
	return undefined;
}

/** A number that is more likely a code: a leading zero (`007`) or ten digits and more. */
function looksLikeIdentifier(value: string): boolean {
	const s = trimValue(value);
	let digits = 0;
	for (let i = 0; i < s.length; i++) {
		const code = s.charCodeAt(i);
		if (code < 48 || code > 57) return false;
		digits++;
	}
	return (digits > 1 && s.charCodeAt(0) === 48) || digits >= 10;
}

/**
 * The type a CSV column most likely has, from some of its values and its header.
 * 1. A header naming a type (Телефон, Тел., Моб. → phone; Дата…, Д.р. → date; Время → datetime;
 *    Кол-во, Количество, Сумма → number) wins when at least half the samples fit it (for a
 *    phone: look like a number, even one too short), or when there are no samples.
 * 2. Else the first of checkbox, phone, date, datetime, number that ≥ 90 % of the non-empty
 *    samples parse as (numbers with a leading zero or ten digits and more are codes: one of
 *    them among the samples, and the column is no number column).
 * 3. A header naming a person (Оператор, Волонтёр…) → person.
 * 4. ≤ 12 distinct values among ≥ 20 samples (or a header like Статус, Результат) → choice.
 * 5. Line breaks or very long values → longtext; else text.
 */
export function guessColumnType(samples: readonly string[], header = ''): ColumnType {
	const hint = headerHint(header);
	let total = 0;
	let phones = 0;
	let phoneLike = 0;
	let dates = 0;
	let dateTimes = 0;
	let numbers = 0;
	let codes = 0;
	let checkboxes = 0;
	let longest = 0;
	let lineBreaks = false;
	const distinct = new Set<string>();
	for (const sample of samples) {
		if (isBlank(sample)) continue;
		total++;
		const phone = normalizePhone(sample);
		if (phone.ok) phones++;
		if (phone.ok || phone.reason !== 'letters') phoneLike++;
		if (parseDate(sample).ok) dates++;
		if (parseDateTime(sample).ok) dateTimes++;
		if (looksLikeIdentifier(sample)) codes++;
		else if (parseNumber(sample).ok) numbers++;
		if (normalizeCheckbox(sample).ok) checkboxes++;
		if (sample.length > longest) longest = sample.length;
		if (sample.includes('\n')) lineBreaks = true;
		if (distinct.size <= CHOICE_MAX_DISTINCT) distinct.add(choiceKey(sample));
	}
	if (total === 0) return hint ?? 'text';

	const hinted: Partial<Record<ColumnType, number>> = {
		phone: phoneLike,
		date: dates,
		datetime: dateTimes,
		// One code among the numbers (`0071`) makes them codes: read as a number, its zeros would
		// be lost (found by exploration: «012345» became 12345 without a word).
		number: codes > 0 ? 0 : numbers
	};
	const hintedCount = hint ? hinted[hint] : undefined;
	if (hint && hintedCount !== undefined && hintedCount >= total * HINTED_SHARE) return hint;

	const strong: [ColumnType, number][] = [
		['checkbox', checkboxes],
		['phone', phones],
		['date', dates],
		['datetime', dateTimes],
		['number', codes > 0 ? 0 : numbers]
	];
	for (const [type, count] of strong) if (count >= total * GUESS_SHARE) return type;

	if (hint === 'person') return 'person';
	const fewValues = distinct.size <= CHOICE_MAX_DISTINCT && longest <= CHOICE_MAX_LENGTH;
	if (fewValues && (total >= CHOICE_MIN_SAMPLES || hint === 'choice')) return 'choice';
	if (lineBreaks || longest > LONGTEXT_LENGTH) return 'longtext';
	return 'text';
}
