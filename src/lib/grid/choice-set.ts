/**
 * The filter of a choice column: "the value is one of these", a set of options ('' for an empty
 * cell). Its model is plain JSON, so it is kept in the operator's view (localStorage) and in a
 * named view of the sheet: `{ filterType: 'choiceSet', values: ['не дозвонились', ''] }`.
 *
 * A text filter's model on a choice column (a view saved before the column had this filter, or
 * a template's view "Не дозвонились": `{ filterType: 'text', type: 'equals', filter: … }`) is
 * read as the set of options it matches, so such views keep working.
 */
import { choiceKey } from '$lib/values';

export const CHOICE_SET = 'choiceSet';

export interface ChoiceSetModel {
	filterType: typeof CHOICE_SET;
	/** The values a row may have to be shown; '' is an empty cell. */
	values: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

/** What a text filter condition says of a value (AG Grid's text filter: case and ё/е aside). */
function textPasses(type: string, filter: string, value: string): boolean {
	const v = choiceKey(value);
	const f = choiceKey(filter);
	switch (type) {
		case 'equals':
			return v === f;
		case 'notEqual':
			return v !== f;
		case 'contains':
			return v.includes(f);
		case 'notContains':
			return !v.includes(f);
		case 'startsWith':
			return v.startsWith(f);
		case 'endsWith':
			return v.endsWith(f);
		case 'blank':
			return v === '';
		case 'notBlank':
			return v !== '';
		default:
			return true;
	}
}

/**
 * A filter model as this column's set of values, or `null` for "every value" (no filter).
 * `options` are the column's option values now; a text model keeps the options it matches.
 */
export function toChoiceSet(model: unknown, options: readonly string[]): ChoiceSetModel | null {
	if (!isObject(model)) return null;
	if (model.filterType === CHOICE_SET) {
		const values = Array.isArray(model.values)
			? [...new Set(model.values.filter((v): v is string => typeof v === 'string'))]
			: [];
		return { filterType: CHOICE_SET, values };
	}
	if (model.filterType === 'text') {
		const type = typeof model.type === 'string' ? model.type : 'contains';
		const filter = typeof model.filter === 'string' ? model.filter : '';
		const values = ['', ...options].filter((v) => textPasses(type, filter, v));
		// An "equals" naming no option (yet) keeps its value: the row with it still shows.
		if (type === 'equals' && filter && !values.length) values.push(filter);
		return { filterType: CHOICE_SET, values };
	}
	return null;
}

/** Whether a cell's stored value is in the set: a test built once per model, run per row. */
export function choiceSetMatcher(model: ChoiceSetModel): (value: string | undefined) => boolean {
	const set = new Set(model.values);
	return (value) => set.has(value ?? '');
}

/**
 * The model for the ticked values, or `null` when every one of `all` is ticked (then the
 * filter is off and a new option shows too).
 */
export function choiceSetModel(
	ticked: Iterable<string>,
	all: readonly string[]
): ChoiceSetModel | null {
	const values = [...new Set(ticked)];
	const set = new Set(values);
	if (all.every((v) => set.has(v))) return null;
	const order = new Map(all.map((v, i) => [v, i]));
	values.sort((a, b) => (order.get(a) ?? all.length) - (order.get(b) ?? all.length));
	return { filterType: CHOICE_SET, values };
}

/** The filter in a few words for the filter row: "не дозвонились, перезвонить", "(пусто)". */
export function choiceSetSummary(
	model: ChoiceSetModel | null,
	labels: { all: string; empty: string; none: string }
): string {
	if (!model) return labels.all;
	if (!model.values.length) return labels.none;
	return model.values.map((v) => (v === '' ? labels.empty : v)).join(', ');
}
