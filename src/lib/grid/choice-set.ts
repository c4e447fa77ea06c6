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

/**
 * The values a filter picks once options renamed are followed (`renames`: old → new, as the
 * column dialog noted them): a value that is no option now picks the name it was renamed to,
 * and that one the next (a rename of a rename). An operator's own filter is in her browser
 * only: found by exploration, the coordinator renamed «перезвонить» «перезвонить позже» and the
 * residents an operator had filtered on vanished from her screen. Her filter keeps the old name
 * (an undo of the rename brings it back); `followed` are the old names followed, not shown.
 */
export function followRenames(
	values: readonly string[],
	renames: ReadonlyMap<string, string>,
	options: readonly string[]
): { values: string[]; followed: Set<string> } {
	const out = [...values];
	const followed = new Set<string>();
	if (!renames.size) return { values: out, followed };
	// A value is the option however it is spelled (case, spaces, ё), as the grid reads it.
	const byKey = new Map([...renames].map(([from, to]) => [choiceKey(from), to]));
	const isOption = new Set(options.map(choiceKey));
	const seen = new Set(out.map(choiceKey));
	for (let i = 0; i < out.length; i++) {
		const key = choiceKey(out[i]);
		const to = out[i] === '' || isOption.has(key) ? undefined : byKey.get(key);
		if (to === undefined) continue;
		followed.add(out[i]);
		if (seen.has(choiceKey(to))) continue;
		seen.add(choiceKey(to));
		out.push(to);
	}
	return { values: out, followed };
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

/**
 * A choice column's values over the grid's rows, for the counts the filter shows beside each
 * value (as Excel's and Google Sheets' filters do): `counted` — how many of the rows counted
 * (those the other filters and the search let through) hold each value, '' for an empty cell;
 * `seen` — every value in the column, counted or not, with how many rows hold it (a value that
 * is no option is listed even where the other filters hide its rows, so that ticking the others
 * does not silently hide it too). A choice cell holds one value, spelled as its option.
 */
export interface ChoiceTally {
	counted: Map<string, number>;
	/** How many rows were counted. */
	total: number;
	seen: Map<string, number>;
}

/** Tallies the rows `each` hands over: its value, and whether the row is counted. */
export function tallyChoices(
	each: (add: (value: unknown, counted: boolean) => void) => void
): ChoiceTally {
	const counted = new Map<string, number>();
	const seen = new Map<string, number>();
	let total = 0;
	each((raw, isCounted) => {
		const value = typeof raw === 'string' ? raw : '';
		seen.set(value, (seen.get(value) ?? 0) + 1);
		if (!isCounted) return;
		total++;
		counted.set(value, (counted.get(value) ?? 0) + 1);
	});
	return { counted, total, seen };
}

export interface ChoiceFilterValue {
	value: string;
	color?: string;
	/** Rows counted with this value; null before the rows were counted. */
	count: number | null;
}

/**
 * The values the filter offers, in order: the options, then values that are no option (flagged
 * in their cells, kept) — those still ticked in the model and those found in the rows — in
 * alphabetical order, then empty. At most `maxExtra` of the other values are listed (the ones
 * in the most rows, and every one ticked in the model); the rest are `unlisted`, still part of
 * "Выбрать все".
 */
export function choiceFilterValues(
	options: readonly { value: string; color?: string }[],
	model: ChoiceSetModel | null,
	tally: ChoiceTally | null,
	maxExtra = 100
): { values: ChoiceFilterValue[]; unlisted: string[] } {
	const count = (value: string) => (tally ? (tally.counted.get(value) ?? 0) : null);
	const known = new Set(options.map((o) => o.value));
	const ticked = new Set((model?.values ?? []).filter((v) => v !== '' && !known.has(v)));
	const found = [...(tally?.seen ?? [])]
		.filter(([v]) => v !== '' && !known.has(v) && !ticked.has(v))
		.sort((a, b) => b[1] - a[1]);
	const room = Math.max(0, maxExtra - ticked.size);
	const extra = [...ticked, ...found.slice(0, room).map(([v]) => v)].sort((a, b) =>
		a.localeCompare(b, 'ru')
	);
	return {
		values: [
			...options.map((o) => ({ value: o.value, color: o.color, count: count(o.value) })),
			...extra.map((value) => ({ value, count: count(value) })),
			{ value: '', count: count('') }
		],
		unlisted: found.slice(room).map(([v]) => v)
	};
}
