/**
 * Column definitions by type: what the grid shows (through `formatValue`), which editor opens,
 * how a column filters, and the flag on a value that is not valid for its type (a red corner and
 * a tooltip with the reason from `messageFor`). Stored values stay strings. How a column sorts
 * is in `row-order.ts` (`sortKindOf`), applied by `sorting.ts`.
 */
import type { ColDef, SuppressKeyboardEventParams, ValueFormatterParams } from 'ag-grid-community';
import { formatCount, translate, type Locale } from '$lib/i18n';
import type { ChoiceOption, Column, Row } from '$lib/model/sheet';
import {
	formatValue,
	isStoredPhone,
	messageFor,
	normalizeCheckbox,
	PHONE_LIST_SEPARATOR,
	storedPhones,
	validateStored,
	withoutHidden
} from '$lib/values';
import { CheckboxRenderer } from './cells';
import { ChoiceEditor } from './choice-editor';
import { ChoiceSetFilter, ChoiceSetFloatingFilter, type ChoiceFilterLabels } from './choice-filter';
import { DateEditor } from './date-editor';
import { DateFilterInput } from './date-filter';
import { PersonEditor } from './person-editor';
import { foldLookalikes } from '$lib/csv/dedupe';
import { valueOptions } from '$lib/csv/mapping';
import { numberOf } from './row-order';
import { keepOrder } from './sorting';

/**
 * How long the text, number and date filters wait after the last key (AG Grid's own 500 ms made
 * the rows narrow about 0.6 s after typing stopped: found by exploration at 19,159 rows).
 */
export const FILTER_DEBOUNCE_MS = 200;

export interface TypedColumnOptions {
	locale: Locale;
	/** Names offered by the person editor. */
	people(colId: string): string[];
	/** A choice column's options now (the editor and the filter read them when drawn). */
	choices?(colId: string): readonly ChoiceOption[];
	toggle(rowId: string, colId: string, value: 'true' | 'false'): void;
	checkboxLabel: string;
	/**
	 * The row's values as the filters and the search read them (default: as they are). The
	 * binding gives the row the operator is on as it was before an edit, so it stays shown until
	 * she leaves it.
	 */
	filterData?(data: Row | undefined): Row | undefined;
	/** Calls `listener` on each change of the sheet's rows (a choice filter's counts follow them). */
	watchRows?(listener: () => void): () => void;
	/** A choice column's options renamed, old value → new: a filter on an old name follows. */
	renames?(colId: string): ReadonlyMap<string, string>;
}

const stored = (data: Row | undefined, colId: string) => data?.[colId] ?? '';
/** Types whose cells show their stored value as it is. */
const SHOWN_AS_STORED = new Set<Column['type']>(['text', 'longtext', 'person', 'choice']);

/** `Фёдорова` → `Федорова`: the search and the filters read ё as е (people write either). */
export function foldYo(text: string): string {
	return YO.test(text) ? text.replace(YO_ALL, (c) => (c === 'ё' ? 'е' : 'Е')) : text;
}
const YO = /[ёЁ]/;
const YO_ALL = /[ёЁ]/g;

/**
 * A value or a typed text as the search and the filters read it: ё as е, and without the
 * invisible control characters the import and a paste take out (`withoutHidden`). A list made
 * before they were taken out, or by an older client, may hold «Смир\u200bнова»: «Смирнова»
 * typed into the search did not find her (found in review).
 */
function searchable(text: string): string {
	return foldYo(withoutHidden(text));
}

/** A Latin letter `foldLookalikes` may read as Cyrillic: nearly all Russian text has none. */
const LOOKALIKE_LETTER = /[abcehkmoptxyABCEHKMOPTXY\u00eb\u00cb]/;
const CYRILLIC_LETTER = /[\u0400-\u04ff]/;
/**
 * `text` read as `searchable` reads it, and after it, on a line of its own, the same with its
 * Latin look-alikes read as Cyrillic letters as the duplicate search reads them
 * (`foldLookalikes`): «Иванoва» with a Latin `o` is found by «Иванова» (found in review: the
 * duplicate search took them for one resident, the search box did not find her). What was
 * typed stays in the text, so whatever found the row before finds it still (a Latin `B` in
 * «А.B.»). Text without a Latin look-alike, or without a Cyrillic letter, is read as before.
 */
export function searchableName(text: string): string {
	const read = searchable(text);
	// One test more for ordinary Russian text, about 20 ns a cell (Node, 100,000 rows: their
	// search texts built 6 % slower, medians of 6 pairs; each search after the same). Folding it
	// into `searchable`'s two tests, as one class or a loop over the codes, was slower still.
	if (!LOOKALIKE_LETTER.test(read) || !CYRILLIC_LETTER.test(read)) return read;
	const folded = foldYo(foldLookalikes(read));
	return folded === read ? read : `${read}\n${folded}`;
}

/**
 * Between a query word as typed and its look-alikes read as Cyrillic, when they differ: a space,
 * which no word of the search holds (AG Grid splits the text at them).
 */
const OR = ' ';

/**
 * The quick search's terms (AG Grid hands over the text in capitals, split at spaces as its
 * own parser does), read as `getQuickFilterText` reads the values (`searchable`); a word with a
 * Cyrillic letter has its Latin look-alikes read as Cyrillic too (`foldLookalikes`: «ИВАНOВА»,
 * «CMИPHOBA»), as the values' second line has them (`searchableName`): the word is found as
 * typed or so (`quickFilterMatches`). «ИВАНОВА,PE» typed still finds «Иванова,Petrova» (found
 * in review: read as «ИВАНОВА,РЕ» only, it did not, the cell's «Petrova» is no look-alike). A
 * word without Cyrillic stays as typed: a Latin «12A» still finds a flat «12A».
 */
export function parseQuickFilter(text: string): string[] {
	return searchable(text)
		.split(' ')
		.map((word) => {
			if (isWrittenNumber(word)) return word.replace(/\D/g, '');
			if (!LOOKALIKE_LETTER.test(word) || !CYRILLIC_LETTER.test(word)) return word;
			const folded = foldYo(foldLookalikes(word));
			return folded === word ? word : `${word}${OR}${folded}`;
		});
}

/** A search word's spellings (`parseQuickFilter`): as typed, and with look-alikes folded. */
export function quickFilterSpellings(word: string): string[] {
	return word.includes(OR) ? word.split(OR) : [word];
}

/**
 * AG Grid's quick filter match with `parseQuickFilter`'s words: each word is in the row's text
 * in one of its spellings (`quickFilterSpellings`).
 */
export function quickFilterMatches(words: string[], text: string): boolean {
	return words.every((word) =>
		word.includes(OR)
			? quickFilterSpellings(word).some((spelling) => text.includes(spelling))
			: text.includes(word)
	);
}

/**
 * A phone number as it is dictated or written on paper: digits with dashes or brackets, or after
 * `+`, 7 of them at least (`8-911-123-45-67`, `8(911)1234567`, `123-45-67`, `+79111234567`).
 * The search reads the word by its digits, and a cell's written numbers are in its search text by
 * their digits too (`writtenNumbers`): typed so, a resident's number found none of her requests,
 * the cell holding `+79111234567` (found by exploration). A flat's `10-2-17` and a date's
 * `05.03.1941` stay words.
 */
function isWrittenNumber(word: string): boolean {
	return (
		WRITTEN_NUMBER.test(word) &&
		(word.charCodeAt(0) === 0x2b || /[()-]/.test(word)) &&
		word.replace(/\D/g, '').length >= 7
	);
}
const WRITTEN_NUMBER = /^\+?[\d()-]+$/;

/**
 * A number as written: digits with spaces, dashes or brackets between them, perhaps `+` or `(`
 * before (`8 (921) 765-43-21`, `+7 921 765 43 21`, `1941-03-05`). Linear: separators and
 * digits take turns.
 */
const WRITTEN_RUN = /[+(]?\d(?:[\s()\u2010-\u2015-]*\d)*/g;
/** A text holds a written number of 7 digits or more: what `writtenNumbers` looks for. */
const SEVEN_DIGITS = /\d(?:[\s()\u2010-\u2015-]*\d){6}/;

/**
 * The digits of each number written in `text` with 7 digits or more, separated by spaces; ''
 * when there is none. A Russian number (10 digits, or 11 from 7 or 8) is given both ways, from 8
 * and from 7, as a phone cell's is: «8 (921) 765-43-21» in a note is found by «89217654321»,
 * «79217654321» and «9217654321», and so is «+7 921 765 43 21» (found by exploration: with
 * spaces, only «8-921-765-43-21» was found). A text without 7 digits in a row is not looked into.
 */
export function writtenNumbers(text: string): string {
	if (!SEVEN_DIGITS.test(text)) return '';
	let out = '';
	WRITTEN_RUN.lastIndex = 0;
	for (let match = WRITTEN_RUN.exec(text); match; match = WRITTEN_RUN.exec(text)) {
		const run = match[0];
		if (run.length < 7) continue;
		let digits = '';
		for (let i = 0; i < run.length; i++) {
			const code = run.charCodeAt(i);
			if (code >= 48 && code <= 57) digits += run[i];
		}
		if (digits.length < 7) continue;
		const national =
			digits.length === 10
				? digits
				: digits.length === 11 && (digits[0] === '7' || digits[0] === '8')
					? digits.slice(1)
					: '';
		if (national) out += ` 8${national} 7${national}`;
		else {
			// Digits alone are in the text already.
			if (digits.length !== run.length) out += ` ${digits}`;
			if (digits.length > 11) out += numbersAmong(run, digits);
		}
	}
	return out.slice(1);
}

/**
 * The Russian numbers (10 digits from 3, 4, 8 or 9; or 11 from 7 or 8 before one) made of whole
 * digit groups of a run with more digits, from 8 and from 7, each with a space before: another
 * number before or after hers with only spaces between (`кв. 4 8 921 765 43 21`, two numbers in
 * a phone cell kept as typed) made the run one long number, not found by «79217654321» (found
 * in review).
 */
function numbersAmong(run: string, digits: string): string {
	// The lengths of the run's digit groups (`8 (921) 765-43-21` → 1, 3, 3, 2, 2).
	const lengths: number[] = [];
	let group = 0;
	for (let i = 0; i < run.length; i++) {
		const code = run.charCodeAt(i);
		if (code >= 48 && code <= 57) group++;
		else if (group > 0) {
			lengths.push(group);
			group = 0;
		}
	}
	if (group > 0) lengths.push(group);
	let found: Set<string> | null = null;
	for (let i = 0, start = 0; i < lengths.length; start += lengths[i], i++) {
		let length = 0;
		for (let j = i; j < lengths.length && length < 11; j++) {
			length += lengths[j];
			let national = '';
			if (length === 10 && '3489'.includes(digits[start]))
				national = digits.slice(start, start + 10);
			else if (length === 11 && '78'.includes(digits[start]) && '3489'.includes(digits[start + 1]))
				national = digits.slice(start + 1, start + 11);
			if (national) (found ??= new Set()).add(national);
		}
	}
	let out = '';
	if (found) for (const national of found) out += ` 8${national} 7${national}`;
	return out;
}

/** A text with its written numbers (`writtenNumbers`) also by their digits. */
function withWrittenNumbers(text: string): string {
	const numbers = writtenNumbers(text);
	return numbers ? `${text} ${numbers}` : text;
}

/** A text filter's way of reading both the value and what she typed: any case, ё as е. */
function foldText(text: string | null): string | null {
	return text == null ? null : searchable(text.toLowerCase());
}

/** What a text filter option asks of the parts of a value (`texts`) and what she typed. */
function matches(option: string | null | undefined, texts: string[], typed: string[]): boolean {
	const any = (test: (text: string, t: string) => boolean) =>
		texts.some((text) => typed.some((t) => test(text, t)));
	switch (option) {
		case 'equals':
			return any((text, t) => text === t);
		case 'notEqual':
			return !any((text, t) => text === t);
		case 'startsWith':
			return any((text, t) => text.startsWith(t));
		case 'endsWith':
			return any((text, t) => text.endsWith(t));
		case 'notContains':
			return !any((text, t) => text.includes(t));
		default:
			return any((text, t) => text.includes(t));
	}
}

/**
 * A phone filter reads each number of the cell by its digits, and what she typed the same way,
 * a leading 8 also as 7: «529-94-28», «(812) 529», «8 812 529» and «8 812 529 94 28» all find
 * +7 (812) 529-94-28 (found by exploration: only `5299428` did). Typed without a digit
 * («дочь»), it reads the cell as text, its notes included.
 */
function phoneMatcher(p: {
	filterOption?: string | null;
	value: unknown;
	filterText: string | null;
}) {
	const value = searchable(String(p.value ?? '').toLowerCase());
	const typed = searchable((p.filterText ?? '').toLowerCase());
	const digits = typed.replace(/\D/g, '');
	if (!digits) return matches(p.filterOption, [value], [typed]);
	const numbers = value
		.split(/[,;\n]/)
		.map((n) => n.replace(/\([^)]*\)/g, '').replace(/\D/g, ''))
		.filter(Boolean);
	const forms = digits[0] === '8' ? [digits, `7${digits.slice(1)}`] : [digits];
	return matches(p.filterOption, numbers, forms);
}

/**
 * A checkbox filter reads what she typed as yes or no («да», «нет», «yes», «true», «✓»…, as a
 * cell takes them): «да» finds the ticked boxes, «нет» the others, empty ones too (found by
 * exploration: only the stored `true` found anything). Anything else finds nothing.
 */
function checkboxMatcher(p: {
	filterOption?: string | null;
	value: unknown;
	filterText: string | null;
}) {
	const typed = normalizeCheckbox(p.filterText ?? '');
	if (!typed.ok || !typed.value) return false;
	const ticked = String(p.value ?? '') === 'true';
	const wanted = typed.value === 'true';
	const negated = p.filterOption === 'notEqual' || p.filterOption === 'notContains';
	return negated ? ticked !== wanted : ticked === wanted;
}

/** The agDateColumnFilter comparator over stored ISO dates (an invalid date matches nothing). */
function dateComparator(filter: Date, value: string): number {
	if (!/^\d{4}-\d\d-\d\d/.test(value ?? '')) return NaN;
	const y = filter.getFullYear();
	const m = String(filter.getMonth() + 1).padStart(2, '0');
	const d = String(filter.getDate()).padStart(2, '0');
	const day = value.slice(0, 10);
	const want = `${y}-${m}-${d}`;
	return day < want ? -1 : day > want ? 1 : 0;
}

/**
 * Alt+↓ on a date or choice cell opens its editor, as a drop-down list opens in a spreadsheet
 * (Enter moves down here, as in Excel; F2, a typed key or a double click open any editor).
 */
function altDownOpens(p: SuppressKeyboardEventParams<Row>): boolean {
	const e = p.event;
	if (p.editing || e.type !== 'keydown' || !e.altKey || e.key !== 'ArrowDown') return false;
	if (p.node.rowIndex == null) return false;
	e.preventDefault();
	p.api.startEditingCell({
		rowIndex: p.node.rowIndex,
		colKey: p.column,
		rowPinned: p.node.rowPinned ?? undefined
	});
	return true;
}

export function typedColumnDef(c: Column, options: TypedColumnOptions): ColDef<Row> {
	const { locale } = options;
	const read = options.filterData ?? ((data: Row | undefined) => data);
	const check = valueOptions(c);
	const format = (p: ValueFormatterParams<Row, string>) =>
		formatValue(c.type, p.value ?? '', locale);
	const choiceColor = new Map((c.options ?? []).map((o) => [o.value, o.color]));
	const def: ColDef<Row> = {
		colId: c.id,
		headerName: c.title,
		width: c.width,
		// `field`, not a valueGetter: AG Grid reads `data[id]` directly. A getter function is called
		// twice per comparison when sorting (3.4 million calls for 100,000 rows). Column ids never
		// contain a dot, so AG Grid does not read them as a path. An empty cell is `undefined`.
		field: c.id as ColDef<Row>['field'],
		// Values are typed by the sheet's column, not by AG Grid's guess from the first row: with
		// none given, AG Grid guessed each column's type once rows came, and built the column again
		// (50 ms on a slow machine in the first task of a 100,000-row import into a new list).
		cellDataType: false,
		valueFormatter: format,
		// The search matches the stored value and, where it differs, the value as shown
		// (`+7 (812) 123-45-67`, `05.03.1941`). Text shows as it is stored: no second copy.
		getQuickFilterText: SHOWN_AS_STORED.has(c.type)
			? (p) => withWrittenNumbers(searchableName(stored(read(p.data), c.id)))
			: (p) => {
					const value = withoutHidden(stored(read(p.data), c.id));
					if (!value) return '';
					const both = foldYo(`${value} ${formatValue(c.type, value, locale)}`);
					// A number as people dictate it, with 8 (found by exploration: «89111234567»
					// and «8 911 123-45-67» found nothing); a phone cell kept as typed (flagged) by
					// its numbers' digits, as a note's.
					if (c.type === 'phone')
						return isStoredPhone(value)
							? `${both} ${value.replace(/\+7(\d{10})/g, '8$1')}`
							: withWrittenNumbers(both);
					// A date as stored (`1941-03-05`) is a written number to the search (8 digits with
					// dashes), read by its digits: they are added, or typed so it found the row no more
					// (found in review).
					return c.type === 'date' || c.type === 'datetime' ? withWrittenNumbers(both) : both;
				},
		// Rows are put in order by `RowSorter` (postSortRows, `sorting.ts`) with the comparator of
		// the column's type (`row-order.ts`); AG Grid's own sort stage only keeps their order.
		comparator: keepOrder,
		cellClassRules: {
			'shtab-invalid': (p) => !validateStored(c.type, p.value ?? '', check).ok
		},
		tooltipValueGetter: (p) => {
			const value = stored(p.data, c.id);
			const result = validateStored(c.type, value, check);
			if (!result.ok) return messageFor(result.reason, locale, value);
			if (c.type === 'longtext' && value.length > 40) return value;
			// Several numbers rarely fit the column: the tooltip lists them, one per line.
			if (c.type === 'phone' && value.includes(PHONE_LIST_SEPARATOR))
				return storedPhones(value)
					.map((n) => formatValue('phone', n, locale))
					.join('\n');
			return null;
		},
		filter: 'agTextColumnFilter',
		filterParams: { maxNumConditions: 1, textFormatter: foldText, debounceMs: FILTER_DEBOUNCE_MS },
		...(options.filterData ? { filterValueGetter: (p) => read(p.data)?.[c.id] } : {}),
		cellEditor: 'agTextCellEditor',
		cellEditorParams: { useFormatter: true }
	};
	switch (c.type) {
		case 'longtext':
			def.cellEditor = 'agLargeTextCellEditor';
			def.cellEditorPopup = true;
			def.cellEditorParams = { maxLength: 100_000, rows: 8, cols: 50 };
			break;
		case 'number':
			def.filter = 'agNumberColumnFilter';
			def.filterParams = { maxNumConditions: 1, debounceMs: FILTER_DEBOUNCE_MS };
			def.filterValueGetter = (p) => numberOf(stored(read(p.data), c.id));
			def.cellClass = 'ag-right-aligned-cell';
			break;
		case 'date':
		case 'datetime':
			def.filter = 'agDateColumnFilter';
			def.filterParams = {
				comparator: dateComparator,
				// The date field's hint in the interface's language (`DateFilterInput`).
				shtabPlaceholder: translate(locale, 'grid.dateFormat'),
				maxNumConditions: 1,
				debounceMs: FILTER_DEBOUNCE_MS
			};
			// дд.мм.гггг typed, as in a cell: the browser's date field showed mm/dd/yyyy in an
			// English Chromium (found by exploration).
			def.dateComponent = DateFilterInput;
			def.cellEditor = DateEditor;
			def.suppressKeyboardEvent = altDownOpens;
			def.cellEditorParams = {
				kind: c.type,
				label: c.title,
				pickLabel: translate(locale, c.type === 'date' ? 'grid.pickDate' : 'grid.pickDateTime'),
				placeholder: translate(
					locale,
					c.type === 'date' ? 'grid.dateFormat' : 'grid.dateTimeFormat'
				),
				birthDate: check.birthDate === true
			};
			break;
		case 'choice': {
			// Read when used: the options a coordinator edits show without reopening the sheet.
			const choices = () => options.choices?.(c.id) ?? c.options ?? [];
			const renames = () => options.renames?.(c.id) ?? new Map<string, string>();
			const labels: ChoiceFilterLabels = {
				all: translate(locale, 'grid.filterAll'),
				empty: translate(locale, 'grid.choiceEmpty'),
				any: translate(locale, 'grid.filterAny'),
				none: translate(locale, 'grid.filterNone'),
				group: translate(locale, 'grid.filterOf', { title: c.title })
			};
			def.filter = ChoiceSetFilter;
			def.filterParams = {
				options: choices,
				labels,
				formatCount: (n: number) => formatCount(locale, n),
				moreValues: (n: number) =>
					translate(locale, 'grid.filterMore', { count: formatCount(locale, n) }),
				watchRows: options.watchRows,
				renames
			};
			def.floatingFilterComponent = ChoiceSetFloatingFilter;
			def.floatingFilterComponentParams = { labels, options: choices, renames };
			def.suppressFloatingFilterButton = true;
			def.cellEditor = ChoiceEditor;
			def.suppressKeyboardEvent = altDownOpens;
			def.cellEditorParams = { options: choices, label: c.title, emptyLabel: labels.empty };
			def.cellStyle = (p) => {
				const color = choiceColor.get(p.value ?? '');
				return color
					? { boxShadow: `inset 4px 0 0 ${color}`, backgroundColor: `${color}14` }
					: // Empty resets the colour of an earlier value and leaves the stylesheet's (an
						// invalid value's pink) in place; 'transparent' hid it.
						{ boxShadow: '', backgroundColor: '' };
			};
			break;
		}
		case 'phone':
			def.filterParams = {
				maxNumConditions: 1,
				textMatcher: phoneMatcher,
				debounceMs: FILTER_DEBOUNCE_MS
			};
			break;
		case 'checkbox':
			def.filterParams = {
				maxNumConditions: 1,
				textMatcher: checkboxMatcher,
				debounceMs: FILTER_DEBOUNCE_MS
			};
			// An empty box is an unticked one (the filter skips empty values without asking).
			def.filterValueGetter = (p) => (stored(read(p.data), c.id) === 'true' ? 'true' : 'false');
			def.cellRenderer = CheckboxRenderer;
			def.cellRendererParams = {
				label: `${c.title}`,
				toggle: (rowId: string, value: 'true' | 'false') => options.toggle(rowId, c.id, value)
			};
			def.cellEditor = 'agSelectCellEditor';
			def.cellEditorParams = { values: ['true', 'false', ''] };
			def.width = c.width;
			break;
		case 'person':
			def.cellEditor = PersonEditor;
			def.cellEditorParams = {
				suggestions: () => options.people(c.id),
				label: c.title,
				newHint: translate(locale, 'grid.personNew'),
				keepHint: translate(locale, 'grid.personKeep')
			};
			break;
	}
	return def;
}
