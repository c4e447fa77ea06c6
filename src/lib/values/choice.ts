/**
 * A choice cell stores one of its column's option values, spelled as the option is. Typed
 * text matches an option ignoring case, extra spaces and ё/е (`«  выгул   собак»` →
 * `Выгул собак`, `Ещё раз` → `Еще раз` if that is the option). Anything else is kept as
 * typed and flagged 'not-an-option'.
 */
import { isBlank, trimValue, withoutHidden } from './clean';
import { EMPTY, invalid, valid, type ValueResult } from './result';

export type ChoiceReason = 'not-an-option';
export type ChoiceResult = ValueResult<ChoiceReason>;
export type ChoiceList = readonly { readonly value: string }[];

const SPACES = /[\s\u00a0\u202f\u2000-\u200b\ufeff]+/g;
const YO = /ё/g;

/**
 * The text two spellings of one option share: lower case, single spaces, е for ё, without
 * invisible control characters (`withoutHidden`: «Смир\u200bнова» is «смирнова», as imported).
 */
export function choiceKey(text: string): string {
	return trimValue(withoutHidden(text)).replace(SPACES, ' ').toLowerCase().replace(YO, 'е');
}

interface ChoiceIndex {
	values: string[];
	exact: Set<string>;
	byKey: Map<string, string>;
}

/**
 * One index per options list, found by identity: the grid and the CSV import pass the same
 * list for every cell of a column. The values are compared on each use (a few string
 * identity checks), so a list changed in place is indexed again.
 */
const indexes = new WeakMap<ChoiceList, ChoiceIndex>();

function indexOf(options: ChoiceList): ChoiceIndex {
	const known = indexes.get(options);
	if (known && known.values.length === options.length) {
		let same = true;
		for (let i = 0; i < options.length && same; i++) same = known.values[i] === options[i].value;
		if (same) return known;
	}
	const index: ChoiceIndex = { values: [], exact: new Set(), byKey: new Map() };
	for (const { value } of options) {
		index.values.push(value);
		index.exact.add(value);
		const key = choiceKey(value);
		if (!index.byKey.has(key)) index.byKey.set(key, value); // the first of two lookalikes wins
	}
	indexes.set(options, index);
	return index;
}

/** Match typed text to one of `options`; an empty value is always valid. */
export function normalizeChoice(raw: string, options: ChoiceList): ChoiceResult {
	if (isBlank(raw)) return EMPTY;
	const index = indexOf(options);
	if (index.exact.has(raw)) return valid(raw);
	const value = index.byKey.get(choiceKey(raw));
	return value === undefined ? invalid(raw, 'not-an-option') : valid(value);
}
