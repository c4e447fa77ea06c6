/**
 * What the import worker computes once a file is parsed and its columns are mapped: the rows in
 * their stored form, their duplicates (in the file, in the target sheet, in the other sheets),
 * the values that do not fit their column, and — once the coordinator has chosen a policy —
 * the plan the page writes into the sheet in one transaction. Pure TypeScript (no DOM), so it
 * runs in the worker and in unit tests alike.
 *
 * Columns are named by a "target key": an existing column's id, or `new:<csvIndex>` for a
 * column the import will create. The real ids of new columns exist only once the page applies
 * the plan, so that nothing touches the sheet before the coordinator says "Импортировать".
 */
import {
	findDuplicates,
	keyColumnsOf,
	planImport,
	type DuplicateInfo,
	type DuplicateKey,
	type DuplicatePolicy,
	type ExistingRow,
	type ImportPlan,
	type IncomingRow,
	type KeyColumns,
	type MergeKept,
	type ParsedCsv,
	type SkippedRow
} from '../csv';
import { fieldOfHeader, valueOptions } from '../csv/mapping';
import {
	MAX_CELL_LENGTH,
	MAX_TITLE_LENGTH,
	type ChoiceOption,
	type Column,
	type ColumnType
} from '../model/sheet';
import { optionInOtherLanguage } from '../model/templates';
import {
	areaCodeCompletes,
	choiceKey,
	normalizeChoice,
	normalizePhone,
	normalizeText,
	normalizeValue,
	excelSerialDate,
	storedRussianNumber,
	withoutHidden,
	withPlainSpaces,
	type ValueOptions
} from '../values';

/** One CSV column that is imported, and where it goes. */
export interface ImportTargetColumn {
	csvIndex: number;
	/** An existing column id, or `new:<csvIndex>`. */
	key: string;
	title: string;
	type: ColumnType;
	/** An existing choice column's options: values are read as them (`Дозвонились` → `дозвонились`). */
	options?: ChoiceOption[];
	/**
	 * File values that are none of `options`, read as one of them or of `addOptions`, as the
	 * coordinator chose: `choiceKey(file value)` → option value (`65+` → `Старше 65 лет`).
	 */
	valueMap?: Record<string, string>;
	/** Values the commit adds to the column's options (a file value kept as a new option). */
	addOptions?: string[];
	/**
	 * «Добавить все значения как варианты»: every file value that is none of `options`, and not
	 * chosen for itself (`valueMap`, `keepUnmatched`), is added to them too, the most frequent
	 * first, as long as the column has at most `MAX_NEW_CHOICE_OPTIONS` (`unmatchedAdded`).
	 */
	addUnmatched?: boolean;
	/** With `addUnmatched`: the values (`choiceKey`) the coordinator keeps as they are, flagged. */
	keepUnmatched?: string[];
	/**
	 * A phone column's area code, for the file's local numbers (`555-12-34`): the column's own,
	 * or the one the coordinator gave (the commit then gives it to a column that has none).
	 */
	areaCode?: string;
}

/** A file value that is none of an existing choice column's own options, and its rows. */
export interface UnmatchedValue {
	csvIndex: number;
	/** As first seen in the file, spaces around it left out. */
	value: string;
	/** `choiceKey(value)`: the key of `valueMap`. */
	key: string;
	count: number;
}

/** File values listed per choice column for the coordinator to match (the most frequent). */
export const MAX_UNMATCHED_VALUES = 30;
/**
 * The most different values a choice column's file values may have to be taken as the file's own
 * categories (`Analysis.noneMatched`), added as options unasked: a department's list has a
 * handful. More is no list of categories but a column mapped by mistake (names, notes, phones
 * into «Категория»): its values are left to the coordinator, flagged, as any not matched.
 */
export const MAX_OWN_OPTIONS = 20;

/** What «Добавить все значения как варианты» does with a column (`ImportTargetColumn.addUnmatched`). */
export interface UnmatchedAdded {
	csvIndex: number;
	/** Values added as options, listed or not, and their rows. */
	values: number;
	rows: number;
	/**
	 * Values kept as they are (flagged), and their rows: those past `MAX_NEW_CHOICE_OPTIONS`, the
	 * least frequent, and any longer than an option can be.
	 */
	left: number;
	leftRows: number;
	/** Of the values beyond the listed ones (`Analysis.unmatchedMore`), how many are added. */
	moreAdded: number;
	/** The listed values (`UnmatchedValue.key`) kept as they are: none while the column has room. */
	listedLeft: string[];
}

/** The options a target's values are read as: its own, and those the import adds. */
export function targetChoices(target: ImportTargetColumn): ChoiceOption[] | undefined {
	if (target.type !== 'choice' || !target.options) return undefined;
	if (!target.addOptions?.length) return target.options;
	return [...target.options, ...target.addOptions.map((value) => ({ value }))];
}

/** How a target's values are read and checked: as the grid reads its column's. */
export function targetOptions(target: ImportTargetColumn): ValueOptions {
	return valueOptions({
		type: target.type,
		options: targetChoices(target),
		title: target.title,
		areaCode: target.areaCode
	});
}

/**
 * A file value as the import reads it into a target: an option named in the other interface
 * language as that option, or mapped to an option if so chosen. Only a value that is none of the
 * column's own options is mapped (a choice made for another column the file's column went to
 * before must not rewrite this one's options).
 */
export function mappedInput(target: ImportTargetColumn, raw: string): string {
	if (target.type !== 'choice' || !target.options || raw === '') return raw;
	if (normalizeChoice(raw, target.options).ok) return raw;
	// A template option in the other interface language (found by exploration: a department's
	// Russian «9 мая» was listed as none of the options of a campaign made in English, and flagged).
	return optionInOtherLanguage(raw, target.options) ?? target.valueMap?.[choiceKey(raw)] ?? raw;
}

/** The target of a CSV column that goes into an existing column of the sheet. */
export function existingTarget(
	csvIndex: number,
	column: Pick<Column, 'id' | 'title' | 'type' | 'options' | 'areaCode'>
): ImportTargetColumn {
	const target: ImportTargetColumn = {
		csvIndex,
		key: column.id,
		title: column.title,
		type: column.type
	};
	if (column.type === 'choice' && column.options) target.options = column.options;
	if (column.type === 'phone' && column.areaCode) target.areaCode = column.areaCode;
	return target;
}

/**
 * The phone columns of a mapping for `planImport`: a list of numbers in each cell, read with the
 * column's area code (a resident the file has twice as one the list has: `commitPreparedImport`).
 */
function phoneLists(targets: readonly ImportTargetColumn[]) {
	const phones = targets.filter((t) => t.type === 'phone');
	return {
		listColumns: phones.map((t) => t.key),
		areaCodes: Object.fromEntries(
			phones.filter((t) => t.areaCode).map((t) => [t.key, t.areaCode ?? ''])
		)
	};
}

/** Problems listed one by one in the report; beyond this they are only counted. */
export const MAX_LISTED_PROBLEMS = 1000;

export function newColumnKey(csvIndex: number): string {
	return `new:${csvIndex}`;
}

/** A value kept as it was in the file because it does not fit its column's type. */
export interface FlaggedValue {
	line: number;
	csvIndex: number;
	value: string;
	/** A `reason` of `$lib/values` (`too-short`, `no-such-date`…), for `messageFor`. */
	reason: string;
}

/**
 * A value the import changed before storing it, so that it reads as the file meant it: invisible
 * control characters taken out (`hidden-removed`), a number in a date column read as Excel's
 * serial date (`excel-serial-date`, `stored` the date), a day and month in a date column that is
 * no date of birth read as this year's (`year-added`, `stored` the date). `value` is the file's
 * value as written (without those characters); the report lists it with its line, not as a
 * problem of format.
 */
export interface ChangedValue extends FlaggedValue {
	reason: 'hidden-removed' | 'excel-serial-date' | 'year-added';
	/** The value stored, when the report names it (the date read). */
	stored?: string;
}

export interface DuplicateCounts {
	/** Rows that repeat an earlier row of the file. */
	inFile: number;
	/** Rows whose person is already in the target sheet. */
	inSheet: number;
	/** Rows whose person is in another sheet, and how many per sheet. */
	inOtherSheets: number;
	bySheet: Record<string, number>;
	/** Rows that are none of the file's earlier rows nor in the sheet: what 'skip' adds. */
	fresh: number;
	/** Rows of `inSheet` that match several rows of the sheet: 'update' fills none of them. */
	ambiguous: number;
	/** Rows whose person is only among the sheet's deleted rows: 'skip' and 'update' add none. */
	deleted: number;
}

export interface Analysis {
	/** The targets the file was analysed with: `AnalyzeOptions.targets`, `ifNoneMatched` taken in. */
	targets: ImportTargetColumn[];
	incoming: IncomingRow[];
	duplicates: DuplicateInfo[];
	counts: DuplicateCounts;
	flagged: FlaggedValue[];
	flaggedCount: number;
	/** Local numbers without their area code, or not fitting the one given (`no-area-code`,
	 * `local-length`; and any `too-short` one some code completes: `areaCodeCompletes`). */
	localPhones: number;
	/** Per line of the file with a flagged value, how many it has (not sent to the page). */
	flaggedLines: Map<number, number>;
	/** Per such line, the columns (target keys) of its flagged values, one per value. */
	flaggedKeys?: Map<number, string[]>;
	/** Per existing choice column, the file values that are none of its own options. */
	unmatched: UnmatchedValue[];
	/** Per such column, the values beyond the listed ones, and their rows (kept and flagged). */
	unmatchedMore: { csvIndex: number; values: number; rows: number }[];
	/**
	 * The file columns (`csvIndex`) going into an existing choice column none of whose values is
	 * one of its options: the file's own categories, which the dialog adds as options unless the
	 * coordinator keeps them as they are (a file where most values match flags the few others).
	 */
	noneMatched: number[];
	/** Per column with «Добавить все значения как варианты», what it adds and what it leaves. */
	unmatchedAdded: UnmatchedAdded[];
	/**
	 * Per target key, the values the commit adds to the column's options: those chosen one by
	 * one (`addOptions`) and those «Добавить все значения как варианты» adds.
	 */
	addOptions: Record<string, string[]>;
	/**
	 * The rows searched, as given (kept, not copied), and the target sheet's id: with 'skip',
	 * the values of the rows lines were skipped as (`prepareImport`).
	 */
	existing: ExistingRow[];
	targetSheetId: string;
	/** The lines of the file's own problems (`ParsedCsv.errors`): the report names their residents. */
	errorLines?: number[];
	/**
	 * Rows of the target sheet (not deleted) that no line of the file matched by any key, in the
	 * order searched: residents of the list the file does not have (`absentRows`).
	 */
	absent?: string[];
	/** Lines with other values but no name, where a name column is mapped (`namelessLines`). */
	nameless?: NamelessLine[];
	/** Values changed to be stored (`ChangedValue`): the first ones, all of them, and per line. */
	changed?: ChangedValue[];
	changedCount?: number;
	changedLines?: Map<number, number>;
	changedKeys?: Map<number, string[]>;
}

/**
 * A line of the file with values but no name, though the list has a name column: what is left of
 * an Excel table whose resident's name was a merged cell (`Иванова Анна;8 812 …;первый`, then
 * `;8 911 …;второй`). `after`: the nearest line above with a name, the one it may continue.
 */
export interface NamelessLine {
	line: number;
	after?: number;
}

/**
 * The lines of `incoming` with a value but no name, with the nearest named line above each; none
 * when no name column is mapped. Found by exploration: a resident's second phone on a line of its
 * own became a resident without a name, and neither the preview nor the report said so.
 */
export function namelessLines(
	incoming: readonly IncomingRow[],
	targets: readonly ImportTargetColumn[]
): NamelessLine[] {
	const name = importKeyColumns([...targets]).name;
	const keys = name === undefined ? [] : typeof name === 'string' ? [name] : name;
	const out: NamelessLine[] = [];
	if (!keys.length) return out;
	let after: number | undefined;
	for (const row of incoming) {
		let named = false;
		for (const key of keys) if ((row.values[key] ?? '').trim() !== '') named = true;
		if (named) {
			after = row.line;
			continue;
		}
		let other = false;
		for (const key in row.values) if (row.values[key].trim() !== '') other = true;
		if (other) out.push(after === undefined ? { line: row.line } : { line: row.line, after });
	}
	return out;
}

export interface AnalyzeOptions {
	/** With the file's titles, a name's parts are joined in their order (`targetGroups`). */
	parsed: Pick<ParsedCsv, 'rows' | 'rowLines'> & {
		header?: readonly string[] | null;
		errors?: readonly { line: number }[];
	};
	targets: ImportTargetColumn[];
	/** Rows of the target sheet (with `targetSheetId`) and of the other sheets. */
	existing: ExistingRow[];
	targetSheetId: string;
	/** Key columns of the other sheets (their column ids differ from ours). */
	keyColumnsBySheet?: Record<string, KeyColumns>;
	/**
	 * One for one with `targets`: each as it is when its file column is found in `noneMatched`
	 * (the dialog then adds all its values as options, unless the coordinator chose otherwise).
	 * Used for the columns found so, in the same pass (`Analysis.targets`): the dialog asked for
	 * a second analysis of the whole file once the first had found them.
	 */
	ifNoneMatched?: ImportTargetColumn[];
	/**
	 * The file's text has no character `withoutHidden` takes out and no odd space
	 * `withPlainSpaces` makes plain (`plainBytes`, worked out from the file's bytes): then no
	 * cell has one, and the cells are not looked through for them one by one.
	 */
	plain?: boolean;
}

/** The key columns of the incoming rows: found among the mapped columns only. */
export function importKeyColumns(targets: ImportTargetColumn[]): KeyColumns {
	return keyColumnsOf(
		targets.map((t) => ({ id: t.key, title: t.title, type: t.type })),
		{ row: targets.map((t) => t.key) }
	);
}

/** Types a sheet column of which may take several file columns, joined (see `groupValue`). */
export const JOINABLE_TYPES = new Set<ColumnType>(['text', 'longtext', 'person', 'phone']);

/** One sheet column of an import and the file columns going into it, in the file's order. */
export interface TargetGroup {
	/** The first file column's target: the sheet column's key, title, type and options. */
	target: ImportTargetColumn;
	indexes: number[];
	/** How several are joined: phones as a list. */
	separator: string;
}

/** Where each part of a name goes in a full name: Фамилия Имя Отчество. */
const NAME_PART_RANK: Partial<Record<string, number>> = {
	lastName: 0,
	firstName: 1,
	patronymic: 2
};

/**
 * The targets, one per sheet column (Фамилия, Имя, Отчество → one ФИО). Given the file's
 * `header`, the parts of a name are joined as a full name is written, Фамилия Имя Отчество,
 * whatever the file's order (found by exploration: a department's list with «Отчество;Имя;
 * Фамилия» became «Ивановна Анна Иванова», and no resident was found in the list again).
 */
export function targetGroups(
	targets: ImportTargetColumn[],
	header?: readonly string[] | null
): TargetGroup[] {
	const groups = new Map<string, TargetGroup>();
	for (const t of targets) {
		const group = groups.get(t.key);
		if (group) group.indexes.push(t.csvIndex);
		else {
			const separator = t.type === 'phone' ? ', ' : t.type === 'longtext' ? '\n' : ' ';
			groups.set(t.key, { target: t, indexes: [t.csvIndex], separator });
		}
	}
	const list = [...groups.values()];
	if (!header) return list;
	const rank = (i: number) => NAME_PART_RANK[fieldOfHeader(header[i] ?? '') ?? ''];
	for (const group of list) {
		if (group.indexes.length < 2 || !group.indexes.every((i) => rank(i) !== undefined)) continue;
		group.indexes.sort((a, b) => rank(a)! - rank(b)!);
	}
	return list;
}

/**
 * A group's value in a file row: its one cell as it is, or the non-empty cells trimmed and
 * joined (`Иванова`, `Анна`, `` → `Иванова Анна`).
 */
export function groupValue(cells: string[], group: TargetGroup): string {
	const { indexes } = group;
	if (indexes.length === 1) return cells[indexes[0]] ?? '';
	let out = '';
	for (const i of indexes) {
		const cell = (cells[i] ?? '').trim();
		if (cell === '') continue;
		out = out === '' ? cell : out + group.separator + cell;
	}
	return out;
}

/** Types whose values are never flagged (any text fits; a choice column without options). */
const PLAIN_TYPES = new Set<ColumnType>(['text', 'longtext', 'person', 'choice']);
/** Types stored as typed (`normalizeText`): no result object to make for each of their cells. */
const TEXT_TYPES = new Set<ColumnType>(['text', 'longtext', 'person']);

/**
 * A value of a choice column the import creates, in the first spelling of it (case, spaces and
 * ё aside) the file has: the grid's choice columns hold each option in one spelling, so that
 * their filter ticks every row of it (found with the round-trip test: «калининский» and
 * «Калининский» were two values there, one of them no option).
 */
function spelled(
	spellings: { byKey: Map<string, string>; byValue: Map<string, string> },
	value: string
): string {
	// A column repeats a few values over 100,000 rows: each is read once.
	const known = spellings.byValue.get(value);
	if (known !== undefined) return known;
	const key = choiceKey(value);
	let first = key ? spellings.byKey.get(key) : value;
	if (first === undefined) {
		first = value.replace(/\s+/g, ' ').trim();
		spellings.byKey.set(key, first);
	}
	spellings.byValue.set(value, first);
	return first;
}

/**
 * Values of the file's lines that the report names (flagged, or changed to be stored): the first
 * `MAX_LISTED_PROBLEMS` listed, all counted, and by line how many and in which target keys
 * (what `valuesWritten` needs to count only those written).
 */
class LineValues<T extends FlaggedValue> {
	readonly values: T[] = [];
	total = 0;
	readonly lines = new Map<number, number>();
	readonly keys = new Map<number, string[]>();

	/** Counts a value of `line` in `key`; says whether it is still to be listed in `values`. */
	count(line: number, key: string): boolean {
		this.total++;
		this.lines.set(line, (this.lines.get(line) ?? 0) + 1);
		const keys = this.keys.get(line);
		if (keys) keys.push(key);
		else this.keys.set(line, [key]);
		return this.values.length < MAX_LISTED_PROBLEMS;
	}
}

/** Types whose values repeat over a list (a date of birth, a count, a category): each read once. */
const CACHED_TYPES = new Set<ColumnType>(['date', 'number', 'checkbox', 'choice']);

/**
 * What a file value (not empty) becomes in its column, and what the report says of it: the same
 * for every cell with that value, so that a column of a few values reads each of them once (the
 * analysis of a 100,000-row call list read 1.2 million cells one by one).
 */
class CellOutcome {
	/** The stored value. */
	value = '';
	/** Control characters were taken out: the value as the report lists it (`hidden-removed`). */
	hidden: string | null = null;
	/** Changed to be stored (`ChangedValue.reason`), `listed` with the value `stored`. */
	change: 'excel-serial-date' | 'year-added' | null = null;
	stored = '';
	/** Flagged (`FlaggedValue.reason`), `listed`; `local` for a local number (`localPhones`). */
	reason: string | null = null;
	listed = '';
	local = false;
}

/** A column of `analyzeImport`: what reading its values needs. */
interface CellReader {
	type: ColumnType;
	target: ImportTargetColumn;
	options: ValueOptions;
	plain: boolean;
	text: boolean;
	plainSpaces: boolean;
	/** `AnalyzeOptions.plain`: no cell has a hidden character or an odd space. */
	clean: boolean;
	own: ChoiceOption[] | null;
	spellings: { byKey: Map<string, string>; byValue: Map<string, string> } | null;
}

/** Reads `raw`, a cell of `c`, into `o` (all its fields set). */
function readCell(c: CellReader, raw: string, o: CellOutcome): CellOutcome {
	o.hidden = null;
	o.change = null;
	o.stored = '';
	o.reason = null;
	o.listed = '';
	o.local = false;
	// Control characters and bidirectional overrides: taken out, and said in the report
	// (found by exploration: a U+202E showed «Иванова» turned around, a stray \x01 kept
	// the resident from being found). One regular expression test for a clean value.
	const visible = c.clean ? raw : withoutHidden(raw);
	if (visible !== raw) {
		raw = visible;
		o.hidden = raw.length > 60 ? raw.slice(0, 60) + '…' : raw;
		if (raw === '') {
			o.value = '';
			return o;
		}
	}
	if (raw.length > MAX_CELL_LENGTH) {
		// A cell the sheet cannot hold (a quote left open in the file swallows the lines
		// after it): cut and flagged here, where the coordinator sees it, not refused by the
		// write after «Импортировать» (found by exploration).
		o.value = raw.slice(0, MAX_CELL_LENGTH);
		o.reason = 'cell-too-long';
		o.listed = raw.slice(0, 60) + '…';
		return o;
	}
	if (c.text) {
		o.value = normalizeText(c.plainSpaces ? withPlainSpaces(raw) : raw);
		return o;
	}
	const input = c.own ? mappedInput(c.target, raw) : raw;
	const result = normalizeValue(c.type, input, c.options);
	if (!result.ok && (c.type === 'date' || c.type === 'datetime')) {
		// A date cell Excel wrote as a number (`14976` for 01.01.1941): read as its date, and
		// said on the line (found by exploration: flagged, the coordinator retyped the dates).
		const serial = excelSerialDate(input, c.type, c.options);
		if (serial) {
			o.value = o.stored = serial.value;
			o.change = 'excel-serial-date';
			o.listed = raw;
			return o;
		}
	}
	if (!result.ok && result.reason === 'no-year') {
		// `06.04` in a request's date: this year's, as a cell typed so reads it, and said on
		// the line (found in review: flagged, where the operator's typing took it). A date of
		// birth without a year stays flagged ('birth-no-year'): its year cannot be guessed.
		const dated = normalizeValue(c.type, input, { ...c.options, thisYear: true });
		if (dated.ok) {
			o.value = o.stored = dated.value;
			o.change = 'year-added';
			o.listed = raw;
			return o;
		}
	}
	o.value = c.spellings ? spelled(c.spellings, result.value) : result.value;
	if (result.ok || c.plain) return o;
	o.local =
		result.reason === 'no-area-code' ||
		result.reason === 'local-length' ||
		// `8 529-94-28`, a local number after the trunk 8, is 'no-area-code' itself now (it
		// was 'too-short', and not counted: found in review); what else a code completes
		// still counts.
		(result.reason === 'too-short' && areaCodeCompletes(input));
	o.reason = result.reason;
	o.listed = raw;
	return o;
}

/** Digits of the phone `plainPhone` reads: reused, so a call allocates only its result. */
const phoneDigits = new Uint8Array(11);

/**
 * What `normalizeValue('phone', raw)` stores for a phone cell of the commonest kind, or null for
 * any other cell (read the general way): one Russian number of 10 digits, or 11 from `7`, `8`
 * or `+7`, with nothing but spaces, dashes and brackets around them (`8 (812) 123-45-67`,
 * `+7-981-962-92-69`, `88125644813`). Such a number needs no area code
 * (a column's code completes local numbers only), has no note, extension, list or Excel float,
 * and is stored `+7` and its 10 digits. The import reads 100,000 of them: the general way trims
 * the cell, tries two regular expressions and makes a result object for each.
 */
export function plainPhone(raw: string): string | null {
	const length = raw.length;
	if (length < 10 || length > 24) return null;
	let count = 0;
	let i = 0;
	const plus = raw.charCodeAt(0) === 0x2b;
	if (plus) i = 1;
	for (; i < length; i++) {
		const c = raw.charCodeAt(i);
		if (c >= 0x30 && c <= 0x39) {
			if (count === 11) return null;
			phoneDigits[count++] = c - 0x30;
		} else if (c !== 0x20 && c !== 0x2d && c !== 0x28 && c !== 0x29) return null;
	}
	let national: number;
	if (count === 11) {
		if (phoneDigits[0] === 7 || (!plus && phoneDigits[0] === 8)) national = 1;
		else return null;
	} else if (count === 10 && !plus) {
		// `78…`, `79…`, `88…`, `89…`: a trunk prefix and a digit missing ('too-short').
		if ((phoneDigits[0] === 7 || phoneDigits[0] === 8) && phoneDigits[1] >= 8) return null;
		national = 0;
	} else return null;
	const area = phoneDigits[national];
	if (area !== 3 && area !== 4 && area !== 8 && area !== 9) return null;
	return storedRussianNumber(phoneDigits, national);
}

/** The numbers `ownValues` gave a group's values by row, when counted for this very group. */
function ownIds(group: TargetGroup, own: OwnValues | null | undefined): Int32Array | null {
	if (!own || own.indexes.length !== group.indexes.length) return null;
	for (let i = 0; i < own.indexes.length; i++) if (own.indexes[i] !== group.indexes[i]) return null;
	return own.ids;
}

/** Stored values, duplicates and flagged values of a mapped file. */
export function analyzeImport(options: AnalyzeOptions): Analysis {
	const { parsed, existing, targetSheetId, keyColumnsBySheet, ifNoneMatched } = options;
	const clean = options.plain === true;
	let targets = options.targets;
	// One pass: each cell is normalised once, for its stored value and for its flag. File
	// columns that go into one sheet column (Фамилия, Имя, Отчество → ФИО) are joined first.
	let groups = targetGroups(targets, parsed.header);
	// The values of the existing choice columns against their own options, first: whether none
	// is one of them (`noneMatched`) decides how the column is read (`ifNoneMatched`).
	let own = groups.map((group) => ownValues(group, parsed.rows));
	const noneMatched: number[] = [];
	for (const o of own)
		if (o && !o.matched && o.unmatched.size > 0 && o.unmatched.size <= MAX_OWN_OPTIONS)
			noneMatched.push(o.index);
	if (ifNoneMatched && noneMatched.length) {
		const read = targets.map((t, i) => {
			const other = ifNoneMatched[i];
			return noneMatched.includes(t.csvIndex) &&
				other?.csvIndex === t.csvIndex &&
				other.key === t.key
				? other
				: t;
		});
		if (read.some((t, i) => t !== targets[i])) {
			targets = read;
			const counted = new Map(own.map((o, i) => [groups[i].target.key, o]));
			groups = targetGroups(targets, parsed.header);
			// The same sheet columns in the same order: their values as counted above.
			own = groups.map((group) => counted.get(group.target.key) ?? null);
		}
	}
	const unmatchedAdded: UnmatchedAdded[] = [];
	const addOptions: Record<string, string[]> = {};
	for (const [g, group] of groups.entries()) {
		if (group.target.addUnmatched) {
			// Its values as counted above (`ownValues`), not read from every row again.
			const added = withUnmatchedAdded(group, own[g] ?? ownValues(group, parsed.rows));
			if (added) {
				group.target = added.target;
				unmatchedAdded.push(added.added);
			}
		}
		if (group.target.addOptions?.length) addOptions[group.target.key] = group.target.addOptions;
	}
	const columns = groups.map((group, g) => {
		const t = group.target;
		// A choice column's options (one list for every cell), as the grid reads typed values.
		const options = targetOptions(t);
		return {
			index: t.csvIndex,
			group,
			key: t.key,
			type: t.type,
			options,
			plain: PLAIN_TYPES.has(t.type) && !options.choices,
			text: TEXT_TYPES.has(t.type),
			phone: t.type === 'phone',
			// A name or an address: odd spaces as ordinary ones (`withPlainSpaces`). A note
			// (`longtext`) is kept as written.
			plainSpaces: (t.type === 'text' || t.type === 'person') && !clean,
			clean,
			target: t,
			own: t.type === 'choice' && t.options ? t.options : null,
			// Values that are none of the column's own options (`ownValues`).
			unmatched: own[g]?.unmatched ?? new Map<string, UnmatchedValue>(),
			// Per file value (a column repeats a few values 100,000 times), what it is read as, each
			// read once: an existing choice column's values as `ownValues` numbered them, the others
			// of a type whose values repeat (dates, numbers, choices, checkboxes) in a map. Phones and
			// dates with a time are nearly all different: read cell by cell.
			ids: ownIds(group, own[g]),
			distinct: own[g]?.distinct ?? [],
			byId: [] as (CellOutcome | undefined)[],
			cache: CACHED_TYPES.has(t.type) ? new Map<string, CellOutcome>() : null,
			// A choice column the import creates: each value in its first spelling (`choiceKey`),
			// spaces cleaned, as its options will be (`PreparedImport.choiceValues`).
			spellings:
				t.type === 'choice' && !t.options && t.key.startsWith('new:')
					? { byKey: new Map<string, string>(), byValue: new Map<string, string>() }
					: null
		};
	});
	// Every row's values are a copy of this one (same keys, same order): copying an object
	// gives it its final shape at once, where adding a dozen keys one by one reshapes it at
	// each and moves them out of the object.
	const empty: Record<string, string> = {};
	for (const c of columns) empty[c.key] = '';
	const flaggedAt = new LineValues<FlaggedValue>();
	let localPhones = 0;
	const flag = (line: number, csvIndex: number, value: string, reason: string, key: string) => {
		if (flaggedAt.count(line, key)) flaggedAt.values.push({ line, csvIndex, value, reason });
	};
	const changedAt = new LineValues<ChangedValue>();
	const change = (
		line: number,
		csvIndex: number,
		value: string,
		key: string,
		reason: ChangedValue['reason'] = 'hidden-removed',
		stored?: string
	) => {
		if (changedAt.count(line, key))
			changedAt.values.push(
				stored === undefined
					? { line, csvIndex, value, reason }
					: { line, csvIndex, value, reason, stored }
			);
	};
	const incoming: IncomingRow[] = new Array(parsed.rows.length);
	// Reused for the cells of columns whose values are not kept (`CellOutcome`).
	const scratch = new CellOutcome();
	for (let r = 0; r < parsed.rows.length; r++) {
		const cells = parsed.rows[r];
		const line = parsed.rowLines[r] ?? r + 1;
		const values: Record<string, string> = { ...empty };
		for (const c of columns) {
			let o: CellOutcome | undefined;
			if (c.ids) {
				// An existing choice column: its values numbered by `ownValues`, each read once.
				const id = c.ids[r];
				if (id < 0) continue;
				o = c.byId[id];
				if (o === undefined) {
					o = readCell(c, c.distinct[id], new CellOutcome());
					c.byId[id] = o;
				}
			} else {
				const raw = groupValue(cells, c.group);
				if (raw === '') continue;
				if (c.text && raw.length <= MAX_CELL_LENGTH && (c.clean || withoutHidden(raw) === raw)) {
					// A no-break or other odd space (from Excel, Word, a PDF) in a name or an address: an
					// ordinary one, the text it looks like. Not in the report: nothing seen changes.
					values[c.key] = normalizeText(c.plainSpaces ? withPlainSpaces(raw) : raw);
					continue;
				}
				if (c.phone) {
					// Nearly every phone cell is one number in digits, spaces, dashes and brackets.
					const stored = plainPhone(raw);
					if (stored !== null) {
						values[c.key] = stored;
						continue;
					}
				}
				if (c.cache) {
					o = c.cache.get(raw);
					if (o === undefined) {
						o = readCell(c, raw, new CellOutcome());
						c.cache.set(raw, o);
					}
				} else o = readCell(c, raw, scratch);
			}
			values[c.key] = o.value;
			if (o.hidden !== null) change(line, c.index, o.hidden, c.key);
			if (o.change !== null) change(line, c.index, o.listed, c.key, o.change, o.stored);
			else if (o.reason !== null) {
				if (o.local) localPhones++;
				flag(line, c.index, o.listed, o.reason, c.key);
			}
		}
		incoming[r] = { line, values };
	}
	const present = new Set<string>();
	const duplicates = findDuplicates({
		incoming,
		existing,
		keyColumns: importKeyColumns(targets),
		keyColumnsBySheet,
		targetSheetId,
		present
	});
	const unmatched: UnmatchedValue[] = [];
	const unmatchedMore: Analysis['unmatchedMore'] = [];
	for (const c of columns) {
		const all = [...c.unmatched.values()].sort(byCount);
		unmatched.push(...all.slice(0, MAX_UNMATCHED_VALUES));
		if (all.length > MAX_UNMATCHED_VALUES) {
			const rest = all.slice(MAX_UNMATCHED_VALUES);
			unmatchedMore.push({
				csvIndex: c.index,
				values: rest.length,
				rows: rest.reduce((sum, u) => sum + u.count, 0)
			});
		}
	}
	return {
		targets,
		incoming,
		duplicates,
		counts: countDuplicates(duplicates),
		flagged: flaggedAt.values,
		flaggedCount: flaggedAt.total,
		localPhones,
		flaggedLines: flaggedAt.lines,
		flaggedKeys: flaggedAt.keys,
		unmatched,
		unmatchedMore,
		noneMatched,
		unmatchedAdded,
		addOptions,
		existing,
		targetSheetId,
		errorLines: (parsed.errors ?? []).map((e) => e.line),
		absent: absentRows(existing, targetSheetId, present),
		nameless: namelessLines(incoming, targets),
		changed: changedAt.values,
		changedCount: changedAt.total,
		changedLines: changedAt.lines,
		changedKeys: changedAt.keys
	};
}

/**
 * The rows of the list (not deleted) that no line of the file is (`present`: matched by phone,
 * name and birth date, name and address, or the same values). One pass. Found by exploration:
 * the department's next list no longer had 150 residents, and nothing said so; the operators
 * went on calling them.
 */
export function absentRows(
	existing: readonly ExistingRow[],
	targetSheetId: string,
	present: ReadonlySet<string>
): string[] {
	const absent: string[] = [];
	for (const row of existing)
		if (row.sheetId === targetSheetId && !row.deleted && !present.has(row.rowId))
			absent.push(row.rowId);
	return absent;
}

/**
 * The resident of each of `lines` of the file that has one: the value going to the list's
 * full-name column, or its Фамилия, Имя and Отчество columns joined. For the report, which
 * named only the line (the coordinator looked each one up in her file: found by exploration).
 * One pass over the rows; a line of the file itself (a title, a total) is no row and has none.
 */
export function lineNames(
	incoming: readonly IncomingRow[],
	targets: readonly ImportTargetColumn[],
	lines: Iterable<number>
): Map<number, string> {
	const names = new Map<number, string>();
	const name = importKeyColumns([...targets]).name;
	const keys = name === undefined ? [] : typeof name === 'string' ? [name] : name;
	if (!keys.length) return names;
	const wanted = new Set(lines);
	if (!wanted.size) return names;
	for (const row of incoming) {
		if (!wanted.has(row.line)) continue;
		let full = '';
		for (const key of keys) {
			const part = (row.values[key] ?? '').trim();
			if (part) full = full ? `${full} ${part}` : part;
		}
		if (full) names.set(row.line, full);
	}
	return names;
}

/** The most frequent first; of as frequent, in the alphabet's order. */
function byCount(a: UnmatchedValue, b: UnmatchedValue): number {
	return b.count - a.count || a.value.localeCompare(b.value, 'ru');
}

/**
 * A choice column's target with «Добавить все значения как варианты» (`addUnmatched`) read: the
 * file's values that are none of its options, and that the coordinator did not choose for one by
 * one, added to `addOptions` in their first spelling (`choiceKey`), the most frequent first —
 * as many as keep the column to `MAX_NEW_CHOICE_OPTIONS`, as a choice column the import creates
 * (`newChoiceValues`): a dropdown of hundreds of values is no choice. The rest are kept as they
 * are, flagged, and counted for the dialog to say so before «Импортировать». Found by
 * exploration: a department's dozen categories were a dozen selects to open, and left as they
 * were, 36,746 flagged notes in a 30,000-row list.
 */
function withUnmatchedAdded(
	group: TargetGroup,
	column: ReturnType<typeof ownValues>
): { target: ImportTargetColumn; added: UnmatchedAdded } | null {
	const target = group.target;
	// The values as the cells will hold them (`ownValues`): a control character in the file's
	// value is no part of the option (found in review: «Труженик\x01 тыла» became an option,
	// and the cells took it from there).
	if (target.type !== 'choice' || !target.options || !column) return null;
	const all = [...column.unmatched.values()].sort(byCount);
	const listed = new Set(all.slice(0, MAX_UNMATCHED_VALUES).map((u) => u.key));
	const chosen = new Set([...Object.keys(target.valueMap ?? {}), ...(target.keepUnmatched ?? [])]);
	const have = new Set(
		[...target.options.map((o) => o.value), ...(target.addOptions ?? [])].map(choiceKey)
	);
	const addOptions = [...(target.addOptions ?? [])];
	const added: UnmatchedAdded = {
		csvIndex: target.csvIndex,
		values: 0,
		rows: 0,
		left: 0,
		leftRows: 0,
		moreAdded: 0,
		listedLeft: []
	};
	for (const u of all) {
		if (chosen.has(u.key)) continue;
		const option = u.value.replace(/\s+/g, ' ');
		if (have.size < MAX_NEW_CHOICE_OPTIONS && option.length <= MAX_TITLE_LENGTH) {
			have.add(u.key);
			addOptions.push(option);
			added.values++;
			added.rows += u.count;
			if (!listed.has(u.key)) added.moreAdded++;
		} else {
			added.left++;
			added.leftRows += u.count;
			if (listed.has(u.key)) added.listedLeft.push(u.key);
		}
	}
	return { target: { ...target, addOptions }, added };
}

/**
 * The values of a group going into an existing choice column that are none of its own options
 * (mapped by the coordinator or not: the list she matches them in stays the same while they do),
 * and whether one value was one of them; null for another column. Each value as the analysis
 * stores it: hidden characters taken out, none longer than a cell.
 */
function ownValues(group: TargetGroup, rows: readonly string[][]): OwnValues | null {
	const target = group.target;
	if (target.type !== 'choice' || !target.options) return null;
	const column: OwnValues = {
		index: target.csvIndex,
		own: target.options,
		unmatched: new Map<string, UnmatchedValue>(),
		matched: false,
		seen: new Map<string, UnmatchedValue | null>(),
		indexes: group.indexes.slice(),
		ids: new Int32Array(rows.length),
		distinct: []
	};
	// A column repeats a few values 100,000 times: each is read once, in the file's order.
	const numbers = new Map<string, number>();
	const { ids, distinct } = column;
	const times: number[] = [];
	for (let r = 0; r < rows.length; r++) {
		const raw = groupValue(rows[r], group);
		if (raw === '') {
			ids[r] = -1;
			continue;
		}
		let id = numbers.get(raw);
		if (id === undefined) {
			id = distinct.length;
			numbers.set(raw, id);
			distinct.push(raw);
			times.push(0);
		}
		times[id]++;
		ids[r] = id;
	}
	for (let id = 0; id < distinct.length; id++) {
		const value = withoutHidden(distinct[id]);
		if (value !== '' && value.length <= MAX_CELL_LENGTH) countUnmatched(column, value, times[id]);
	}
	return column;
}

/** An existing choice column's values (`ownValues`). */
interface OwnValues {
	index: number;
	own: ChoiceOption[];
	unmatched: Map<string, UnmatchedValue>;
	matched: boolean;
	seen: Map<string, UnmatchedValue | null>;
	/** The group's file columns, as counted. */
	indexes: number[];
	/** Per row of the file, its value's number in `distinct` (-1: empty). */
	ids: Int32Array;
	/** The group's different values (not empty), as in the file, in the order first seen. */
	distinct: string[];
}

/**
 * Counts a file value of an existing choice column that is none of the column's own options;
 * `matched` says whether one value was one of them.
 */
function countUnmatched(
	column: {
		index: number;
		own: ChoiceOption[] | null;
		unmatched: Map<string, UnmatchedValue>;
		matched: boolean;
		seen: Map<string, UnmatchedValue | null>;
	},
	raw: string,
	times = 1
): void {
	let entry = column.seen.get(raw);
	if (entry === undefined) {
		entry = null;
		if (
			column.own &&
			!normalizeChoice(raw, column.own).ok &&
			optionInOtherLanguage(raw, column.own) === null
		) {
			const key = choiceKey(raw);
			entry = column.unmatched.get(key) ?? null;
			if (!entry) {
				entry = { csvIndex: column.index, value: raw.trim(), key, count: 0 };
				column.unmatched.set(key, entry);
			}
		} else if (column.own && raw.trim() !== '') column.matched = true;
		column.seen.set(raw, entry);
	}
	if (entry) entry.count += times;
}

export function countDuplicates(duplicates: DuplicateInfo[]): DuplicateCounts {
	const counts: DuplicateCounts = {
		inFile: 0,
		inSheet: 0,
		inOtherSheets: 0,
		bySheet: {},
		fresh: 0,
		ambiguous: 0,
		deleted: 0
	};
	for (const d of duplicates) {
		const deleted = !d.inSheet.length && !!d.inDeleted?.length;
		if (deleted) counts.deleted++;
		else if (!d.inFile && !d.inSheet.length) counts.fresh++;
		if (d.inFile) counts.inFile++;
		if (d.inSheet.length) counts.inSheet++;
		if (d.inSheet.length > 1) counts.ambiguous++;
		if (d.inOtherSheets.length) {
			counts.inOtherSheets++;
			const seen = new Set<string>();
			for (const m of d.inOtherSheets) {
				if (seen.has(m.sheetId)) continue;
				seen.add(m.sheetId);
				counts.bySheet[m.sheetId] = (counts.bySheet[m.sheetId] ?? 0) + 1;
			}
		}
	}
	return counts;
}

/** What the page writes into the sheet: compact, cheap to send from the worker. */
export interface PreparedImport {
	/** Target keys, the column order of `rows`. */
	keys: string[];
	/** New rows, cells in `keys` order, in file order. */
	rows: string[][];
	/**
	 * Existing rows to update: `[targetKey, value]` pairs (non-empty values only), and the values
	 * among them the report names by line — those the import corrected (`ChangedValue`) and those
	 * that do not fit their column (`FlaggedValue`) — as `[line, targetKey]`: the commit tells
	 * which of those it did not write (`AppliedImport.changedNotWritten`, `flaggedNotWritten`),
	 * and the report counts only the rest «Исправлено» and «Не по формату».
	 */
	updates: {
		rowId: string;
		cells: [string, string][];
		lines: number[];
		changed?: [number, string][];
		flagged?: [number, string][];
	}[];
	skipped: SkippedRow[];
	skippedCount: number;
	/** Of `skippedCount`: lines not written because they match several residents of the list. */
	ambiguousCount: number;
	/** Of `skippedCount`: lines not added because their resident was deleted from the list. */
	deletedCount: number;
	merged: { line: number; intoLine: number }[];
	mergedCount: number;
	/**
	 * Cells of a later line of a resident that differ from an earlier line's (kept), and with
	 * 'skip' the values of a skipped line that its first line, or the row of the sheet it was
	 * skipped as, has not (`skipped`: lost).
	 */
	mergeKept: MergeKept[];
	/** Of all `mergeKept`: the cells kept (not `skipped`). */
	mergeKeptCount: number;
	/** Of all `mergeKept`: the values of skipped lines, written nowhere. */
	lostCount: number;
	/**
	 * Flagged values of the lines written (a skipped duplicate's are not reported). Those going
	 * into a row of the list are among them whatever its cell holds: the commit tells which it did
	 * not write (`updates`' `flagged`), and the report leaves those out.
	 */
	flagged: FlaggedValue[];
	flaggedCount: number;
	/**
	 * Lines written whose resident is on other lists of the workspace too (a request on the
	 * board for someone on the call list): listed for the coordinator, not acted on.
	 */
	inOthers: { line: number; sheetIds: string[]; by: DuplicateKey }[];
	inOthersCount: number;
	/** With 'keep': lines added although their resident is in the list or earlier in the file. */
	repeats: { line: number; by: DuplicateKey; fileLine?: number }[];
	repeatsCount: number;
	/**
	 * The resident's name of each line the report may list (`lineNames`): its problems, the
	 * file's own, and the lines updating a row (a cell kept as it was is listed by them).
	 */
	names: Map<number, string>;
	/**
	 * With «Пропустить повторы» or «Дополнить», the rows of the list no line of the file matched
	 * (`Analysis.absent`): said, and offered as a file, never deleted. None with «Добавить все
	 * строки», or into a new list.
	 */
	absent: string[];
	/**
	 * Per choice column the import creates (a target of type choice without options: a list's
	 * own «Район», exported and read into a new list), the values its cells get, in the order
	 * they first come, one per spelling (`choiceKey`): its options. None for a column of more
	 * than `MAX_NEW_CHOICE_OPTIONS` values, or of a value longer than an option can be.
	 */
	choiceValues: Record<string, string[]>;
	/** Per target key, the values the commit adds to an existing column's options (`Analysis`). */
	addOptions: Record<string, string[]>;
	/** Lines without a name added as residents of their own (`Analysis.nameless`): the first ones. */
	nameless: NamelessLine[];
	namelessCount: number;
	/** Values of the lines written that the import changed to store them (`Analysis.changed`). */
	changed: ChangedValue[];
	changedCount: number;
}

/** The most options a choice column the import creates is given from its values. */
export const MAX_NEW_CHOICE_OPTIONS = 50;

/**
 * The options of the choice columns the import creates, from the values written into them
 * (`PreparedImport.choiceValues`). Found by the round-trip test: a list's own choice column came
 * back from its export as a choice column with no options, its dropdown empty.
 */
function newChoiceValues(
	targets: ImportTargetColumn[],
	keys: string[],
	rows: string[][],
	updates: PreparedImport['updates']
): Record<string, string[]> {
	const result: Record<string, string[]> = {};
	for (const t of targets) {
		if (t.type !== 'choice' || t.options || !t.key.startsWith('new:')) continue;
		const at = keys.indexOf(t.key);
		if (at < 0) continue;
		const values = new Map<string, string>();
		// A column repeats a few values over 100,000 rows: each is read once.
		const seen = new Set<string>();
		const take = (value: string) => {
			if (seen.has(value)) return true;
			seen.add(value);
			const option = value.replace(/\s+/g, ' ').trim();
			const key = choiceKey(option);
			if (key && !values.has(key)) values.set(key, option);
			return option.length <= MAX_TITLE_LENGTH && values.size <= MAX_NEW_CHOICE_OPTIONS;
		};
		let fits = rows.every((row) => take(row[at]));
		for (const u of updates) {
			for (const [key, value] of u.cells) if (key === t.key) fits = fits && take(value);
			if (!fits) break;
		}
		if (fits && values.size > 0) result[t.key] = [...values.values()];
	}
	return result;
}

/** A row's values in `keys` order (a loop: 100,000 rows of a dozen cells). */
function cellsOf(values: Record<string, string>, keys: string[]): string[] {
	const cells: string[] = [];
	for (let i = 0; i < keys.length; i++) cells.push(values[keys[i]] ?? '');
	return cells;
}

/**
 * The flagged values of the lines not skipped, as the dialog foretells them before
 * «Импортировать» (`flaggedByPolicy`): with `sheetValues`, a found row's cell with a value is
 * taken to keep it. The report counts what the commit wrote instead (`prepareImport`).
 */
function flaggedWritten(
	analysis: Partial<
		Pick<Analysis, 'incoming' | 'flagged' | 'flaggedCount' | 'flaggedLines' | 'flaggedKeys'>
	>,
	plan: Pick<ImportPlan, 'skipped' | 'toUpdate' | 'mergeKept' | 'merged'>,
	targets: readonly ImportTargetColumn[],
	sheetValues?: (rowId: string) => Record<string, string> | undefined
): Pick<PreparedImport, 'flagged' | 'flaggedCount'> {
	const types = new Map(targets.map((t) => [t.key, t.type]));
	const { incoming } = analysis;
	const { values, count } = valuesWritten(
		{
			values: analysis.flagged ?? [],
			count: analysis.flaggedCount ?? 0,
			lines: analysis.flaggedLines,
			keys: analysis.flaggedKeys,
			incoming
		},
		plan,
		targets,
		sheetValues,
		// As the commit writes a found row's cell with a value, as far as the list's values tell
		// (not its history): a phone cell of what Excel made of a number, a note the file goes on.
		(line, key, current) => {
			const type = types.get(key);
			if (type === 'phone') return mangledPhone(current);
			if (type !== 'text' && type !== 'longtext') return false;
			const row = incoming?.[indexOfLine(incoming, line)];
			return row?.line === line && extendsText(row.values[key] ?? '', current);
		}
	);
	return { flagged: values, flaggedCount: count };
}

/**
 * The values of the lines written that the report names by line — corrected (`ChangedValue`) or
 * not fitting their column (`FlaggedValue`) — and how many: not those of a skipped line, nor a
 * later line's cell kept apart from its resident's first line. Those that go into a row of the
 * list («Дополнить») are written or not as the commit finds the row's cell then (a value there
 * already, or none; a number an operator took out, a note she shortened or the file continues,
 * a cell holding what Excel made of a number; a row deleted meanwhile: `commitPreparedImport`),
 * so they are counted here and listed by update as well (`byUpdate`, in `plan.toUpdate`'s
 * order), and the commit tells which it did not write. Found in review: predicting it here from
 * the list's values counted values that were never written (an Excel number read as the birth
 * date the list had already; a number she took out; «222-33» for a cell a colleague deleted or
 * filled meanwhile), and left out a flagged value written into a mangled phone cell or onto a
 * note.
 */
function writtenByUpdate<T extends FlaggedValue>(
	analysis: {
		values?: T[];
		count?: number;
		lines?: Map<number, number>;
		keys?: Map<number, string[]>;
		incoming?: readonly IncomingRow[];
	},
	plan: Pick<ImportPlan, 'skipped' | 'toUpdate' | 'mergeKept' | 'merged'>,
	targets: readonly ImportTargetColumn[]
): { values: T[]; count: number; byUpdate: [number, string][][] } {
	const { lines, keys } = analysis;
	let isKept: (line: number, key: string) => boolean = () => false;
	const { values, count } = valuesWritten(
		{
			values: analysis.values ?? [],
			count: analysis.count ?? 0,
			lines,
			keys,
			incoming: analysis.incoming
		},
		plan,
		targets,
		undefined,
		undefined,
		(kept) => (isKept = kept)
	);
	const byUpdate = plan.toUpdate.map((u) => {
		const cells: [number, string][] = [];
		if (!lines || !keys) return cells;
		for (const line of u.lines) {
			if (!lines.has(line)) continue;
			for (const key of keys.get(line) ?? []) if (!isKept(line, key)) cells.push([line, key]);
		}
		return cells;
	});
	return { values, count, byUpdate };
}

/** A cell with what Excel writes for a phone number it took for a number: `7,91100E+10`. */
export function mangledPhone(cell: string): boolean {
	const result = normalizePhone(cell);
	return !result.ok && result.reason === 'excel-exponent';
}

/**
 * Whether `value` is the text `current` with more written after it as a note is continued: after
 * a mark that ends a phrase, or from a new line («Нужны продукты; НКО: доставлено»). Not more
 * letters of one phrase: «Звонить» → «Звонить не надо» says the opposite, and «д. 9» → «д. 91»
 * or «д. 9/2» is another house (found in review).
 */
export function extendsText(value: string, current: string): boolean {
	const kept = current.trimEnd();
	if (kept === '' || !value.startsWith(kept) || value.trim() === kept) return false;
	const added = value.slice(kept.length);
	return /^\s*[;,.:!?|\n—–-]/.test(added) || (/[;,.:!?]$/.test(kept) && /^\s/.test(added));
}

/** Values of lines (flagged or changed) that the plan writes: listed, and all of them counted. */
function valuesWritten<T extends FlaggedValue>(
	analysis: {
		values: T[];
		count: number;
		lines?: Map<number, number>;
		keys?: Map<number, string[]>;
		/** The file's rows: a resident's later lines write only where the earlier left a blank. */
		incoming?: readonly IncomingRow[];
	},
	plan: Pick<ImportPlan, 'skipped' | 'toUpdate' | 'mergeKept' | 'merged'>,
	targets: readonly ImportTargetColumn[],
	/**
	 * The values of the list's rows, to foretell what a found row's cell takes (the dialog, before
	 * «Импортировать»); none: every value of a found row is counted, and the commit tells.
	 */
	sheetValues?: (rowId: string) => Record<string, string> | undefined,
	/** Whether a line's value is written into a found row's cell that has `current` (none: never). */
	written: (line: number, key: string, current: string) => boolean = () => false,
	/** Told which cells of the lines written are not (kept apart, or in a skipped line). */
	tell?: (kept: (line: number, key: string) => boolean) => void
): { values: T[]; count: number } {
	const flagged = analysis.values;
	let flaggedCount = analysis.count;
	const lines = analysis.lines;
	if (!lines) return { values: flagged, count: flaggedCount };
	const gone = new Set<number>();
	for (const s of plan.skipped) {
		const n = lines.get(s.line);
		if (n === undefined) continue;
		gone.add(s.line);
		flaggedCount -= n;
	}
	// With «Дополнить», a flagged value not written either: a later line's cell that differs
	// from the earlier line of the same resident, or a found row's cell that has a value already.
	// Found by exploration: an updated department list reported «Значений не по формату: 471»
	// with 40 rows added.
	// By line, the keys of its cells kept: a few, looked up from them (not every flagged line).
	const kept = new Map<number, Set<string>>();
	const keep = (line: number, key: string) => {
		const set = kept.get(line);
		if (set) set.add(key);
		else kept.set(line, new Set([key]));
	};
	for (const k of plan.mergeKept) if (!k.skipped) keep(k.line, k.column);
	const keys = analysis.keys;
	// A later line of a resident writes a cell only where the lines before it left it empty
	// (`mergeValues`): the same value again is not written, nor counted (found by exploration:
	// «Дополнить» counted a repeat's «31.02.1940» twice, once for each line).
	if (keys && analysis.incoming) laterLinesKept(analysis.incoming, plan, lines, keys, keep);
	if (keys && sheetValues)
		for (const u of plan.toUpdate) {
			const have = sheetValues(u.rowId);
			if (!have) continue;
			// A flagged value is no stored phone either: a cell with a value keeps it (`apply.ts`),
			// unless `written` says it takes it (a cell of what Excel made of a number).
			for (const line of u.lines)
				for (const key of keys.get(line) ?? [])
					if (have[key] && !written(line, key, have[key])) keep(line, key);
		}
	if (keys)
		for (const [line, set] of kept) {
			if (gone.has(line)) continue;
			for (const key of keys.get(line) ?? []) if (set.has(key)) flaggedCount--;
		}
	tell?.((line, key) => gone.has(line) || !!kept.get(line)?.has(key));
	const keyOf = new Map(targets.map((t) => [t.csvIndex, t.key]));
	return {
		values: flagged.filter(
			(f) => !gone.has(f.line) && !kept.get(f.line)?.has(keyOf.get(f.csvIndex) ?? '')
		),
		count: flaggedCount
	};
}

/**
 * For each flagged cell of a resident's later line (folded into an earlier line, or one more line
 * of a row of the list): `keep` it when a line before it in the file has a value in its column,
 * which stays (the same value, or a different one, then in `mergeKept` too). Only the groups
 * with such a line are looked at: their lines found by binary search, not the file again.
 */
function laterLinesKept(
	incoming: readonly IncomingRow[],
	plan: Pick<ImportPlan, 'toUpdate' | 'merged'>,
	flaggedLines: ReadonlyMap<number, number>,
	keys: ReadonlyMap<number, string[]>,
	keep: (line: number, key: string) => void
) {
	// Each line of a group → the group's lines, in the file's order.
	const groupOf = new Map<number, number[]>();
	for (const u of plan.toUpdate) {
		if (u.lines.length < 2) continue;
		const group = [...u.lines];
		for (const line of group) groupOf.set(line, group);
	}
	for (const { line, intoLine } of plan.merged) {
		// A later line of a row of the list: in that row's group already.
		if (groupOf.has(line)) continue;
		let group = groupOf.get(intoLine);
		if (!group) groupOf.set(intoLine, (group = [intoLine]));
		group.push(line);
		groupOf.set(line, group);
	}
	if (!groupOf.size) return;
	for (const [line, group] of groupOf) {
		if (!flaggedLines.has(line) || group[0] === line) continue;
		for (const key of keys.get(line) ?? []) {
			for (const earlier of group) {
				if (earlier >= line) continue;
				const row = incoming[indexOfLine(incoming, earlier)];
				if (row && (row.values[key] ?? '') !== '') {
					keep(line, key);
					break;
				}
			}
		}
	}
}

/** How many of `mergeKept` are cells kept, and how many values of skipped lines. */
function keptAndLost(mergeKept: MergeKept[]): Pick<PreparedImport, 'mergeKeptCount' | 'lostCount'> {
	let lostCount = 0;
	for (const k of mergeKept) if (k.skipped) lostCount++;
	return { mergeKeptCount: mergeKept.length - lostCount, lostCount };
}

/**
 * The values of the sheet's rows by id, from `existing`: indexed on the first question only
 * (a line skipped as a row of the sheet), once.
 */
function sheetValuesOf(
	existing: readonly ExistingRow[],
	sheetId: string
): (rowId: string) => Record<string, string> | undefined {
	let byId: Map<string, Record<string, string>> | undefined;
	return (rowId) => {
		if (!byId) {
			byId = new Map();
			for (const row of existing) if (row.sheetId === sheetId) byId.set(row.rowId, row.values);
		}
		return byId.get(rowId);
	};
}

/** The plan for `policy`, as rows in `keys` order. */
export function prepareImport(
	analysis: Pick<Analysis, 'incoming' | 'duplicates'> &
		Partial<
			Pick<
				Analysis,
				| 'flagged'
				| 'flaggedCount'
				| 'flaggedLines'
				| 'flaggedKeys'
				| 'existing'
				| 'targetSheetId'
				| 'errorLines'
				| 'absent'
				| 'addOptions'
				| 'nameless'
				| 'changed'
				| 'changedCount'
				| 'changedLines'
				| 'changedKeys'
			>
		>,
	targets: ImportTargetColumn[],
	policy: DuplicatePolicy,
	options: {
		addDeleted?: boolean;
		/**
		 * What each row the import adds gets where the file's value is empty, by column id: a
		 * request board's «Статус» «новая» (`newRequestStatus`), so that «Новые заявки» shows the
		 * file's new requests (found in review: it showed none of them). A column the file does not
		 * fill is added to `keys`. Rows of the list the file updates get nothing of it.
		 */
		newRow?: Readonly<Record<string, string>>;
	} = {}
): PreparedImport {
	const { existing, targetSheetId } = analysis;
	const plan = planImport({
		incoming: analysis.incoming,
		duplicates: analysis.duplicates,
		policy,
		addDeleted: options.addDeleted,
		...phoneLists(targets),
		// With 'skip', what a line skipped as a row of the sheet has that the row has not is
		// reported (the rows hold every mapped column: `existingRowsForImport`).
		sheetValues:
			policy === 'skip' && existing && targetSheetId !== undefined
				? sheetValuesOf(existing, targetSheetId)
				: undefined
	});
	// One cell per sheet column, however many file columns went into it; then those only the
	// new rows' own values fill.
	const keys = targetGroups(targets).map((g) => g.target.key);
	const given = Object.entries(options.newRow ?? {}).filter(([, value]) => value !== '');
	for (const [key] of given) if (!keys.includes(key)) keys.push(key);
	const givenAt = given.map(([key, value]) => [keys.indexOf(key), value] as const);
	const rowCells = (values: Record<string, string>) => {
		const cells = cellsOf(values, keys);
		for (const [at, value] of givenAt) if (cells[at] === '') cells[at] = value;
		return cells;
	};
	// The lines without a name that are added, residents of their own: not those skipped or folded.
	let nameless = analysis.nameless ?? [];
	if (nameless.length) {
		const added = new Set(plan.toAdd.map((row) => row.line));
		nameless = nameless.filter((n) => added.has(n.line));
	}
	// The values the report names by line: the commit tells which of a found row's it wrote.
	const changed = writtenByUpdate(
		{
			values: analysis.changed,
			count: analysis.changedCount,
			lines: analysis.changedLines,
			keys: analysis.changedKeys,
			incoming: analysis.incoming
		},
		plan,
		targets
	);
	const flagged = writtenByUpdate(
		{
			values: analysis.flagged,
			count: analysis.flaggedCount,
			lines: analysis.flaggedLines,
			keys: analysis.flaggedKeys,
			incoming: analysis.incoming
		},
		plan,
		targets
	);
	const prepared: Omit<PreparedImport, 'names' | 'absent' | 'choiceValues' | 'addOptions'> = {
		keys,
		rows: plan.toAdd.map((row) => rowCells(row.values)),
		updates: plan.toUpdate.map((u, i) => ({
			rowId: u.rowId,
			cells: Object.entries(u.values).filter(([, v]) => v !== ''),
			lines: u.lines,
			...(changed.byUpdate[i].length ? { changed: changed.byUpdate[i] } : {}),
			...(flagged.byUpdate[i].length ? { flagged: flagged.byUpdate[i] } : {})
		})),
		skipped: plan.skipped.slice(0, MAX_LISTED_PROBLEMS),
		skippedCount: plan.skipped.length,
		ambiguousCount: plan.skipped.filter((s) => s.reason === 'ambiguous-in-sheet').length,
		deletedCount: plan.skipped.filter((s) => s.reason === 'deleted-in-sheet').length,
		merged: plan.merged.slice(0, MAX_LISTED_PROBLEMS),
		mergedCount: plan.merged.length,
		mergeKept: plan.mergeKept.slice(0, MAX_LISTED_PROBLEMS),
		...keptAndLost(plan.mergeKept),
		flagged: flagged.values,
		flaggedCount: flagged.count,
		changed: changed.values,
		changedCount: changed.count,
		...duplicatesWritten(analysis.duplicates, plan.skipped, policy, plan.merged),
		nameless: nameless.slice(0, MAX_LISTED_PROBLEMS),
		namelessCount: nameless.length
	};
	return {
		...prepared,
		names: lineNames(analysis.incoming, targets, reportedLines(analysis, prepared)),
		absent: policy === 'keep' ? [] : (analysis.absent ?? []),
		choiceValues: newChoiceValues(targets, keys, prepared.rows, prepared.updates),
		addOptions: analysis.addOptions ?? {}
	};
}

/** The lines the report may list, for their residents' names. */
function* reportedLines(
	analysis: { errorLines?: number[] },
	prepared: Omit<PreparedImport, 'names' | 'absent' | 'choiceValues' | 'addOptions'>
): Generator<number> {
	yield* analysis.errorLines ?? [];
	for (const list of [
		prepared.skipped,
		prepared.merged,
		prepared.mergeKept,
		prepared.flagged,
		prepared.changed,
		prepared.repeats,
		prepared.inOthers
	])
		for (const item of list) yield item.line;
	for (const u of prepared.updates) yield* u.lines;
}

/**
 * The duplicates of the lines written, to list in the report: found by exploration, the dialog
 * counted residents already on the request board but nothing said which lines they were, and
 * «Добавить все строки» added repeats with «Замечаний нет».
 */
function duplicatesWritten(
	duplicates: DuplicateInfo[],
	skipped: SkippedRow[],
	policy: DuplicatePolicy,
	merged: { line: number }[] = []
): Pick<PreparedImport, 'inOthers' | 'inOthersCount' | 'repeats' | 'repeatsCount'> {
	// Skipped lines are not written; folded ones are the resident of their first line, counted
	// there (found by exploration: a resident the file has twice was counted twice).
	const gone = new Set([...skipped, ...merged].map((s) => s.line));
	const out: ReturnType<typeof duplicatesWritten> = {
		inOthers: [],
		inOthersCount: 0,
		repeats: [],
		repeatsCount: 0
	};
	for (const d of duplicates) {
		if (gone.has(d.line)) continue;
		if (d.inOtherSheets.length) {
			out.inOthersCount++;
			if (out.inOthers.length < MAX_LISTED_PROBLEMS)
				out.inOthers.push({
					line: d.line,
					sheetIds: [...new Set(d.inOtherSheets.map((m) => m.sheetId))],
					by: d.inOtherSheets[0].by
				});
		}
		if (policy !== 'keep') continue;
		const match = d.inSheet[0] ?? null;
		const earlier = d.inFile;
		if (!match && !earlier) continue;
		out.repeatsCount++;
		if (out.repeats.length >= MAX_LISTED_PROBLEMS) continue;
		if (match) out.repeats.push({ line: d.line, by: match.by });
		else if (earlier) out.repeats.push({ line: d.line, by: earlier.by, fileLine: earlier.line });
	}
	return out;
}

/** A duplicates option as the dialog offers it: `policy`, and whether deleted residents go back. */
export function policyKey(policy: DuplicatePolicy, addDeleted = false): string {
	return addDeleted && policy !== 'keep' ? `${policy}+deleted` : policy;
}

/**
 * The flagged values the import writes, and its report counts, for each duplicates option
 * (`policyKey`): the dialog says them before «Импортировать». Found by exploration: the dialog
 * said «Значений не по формату столбца: 5» and the report «4», the fifth on a repeat that
 * «Пропустить повторы» did not write. Only the lines of the flagged values' residents are
 * planned (`residentRows`), not the whole file again.
 */
export function flaggedByPolicy(
	analysis: Pick<
		Analysis,
		| 'incoming'
		| 'duplicates'
		| 'counts'
		| 'flagged'
		| 'flaggedCount'
		| 'flaggedLines'
		| 'flaggedKeys'
		| 'existing'
		| 'targetSheetId'
	>,
	targets: ImportTargetColumn[]
): Record<string, number> {
	const all = analysis.flaggedCount;
	const result: Record<string, number> = { keep: all, skip: all, update: all };
	// Without residents deleted from the list, «add them too» changes nothing.
	const sameDeleted = () => {
		result['skip+deleted'] ??= result.skip;
		result['update+deleted'] ??= result.update;
		return result;
	};
	const lines = analysis.flaggedLines;
	if (!lines.size) return sameDeleted();
	const { incoming, duplicates } = analysis;
	// «Пропустить повторы» writes none of a line found in the file before, in the list, or among
	// its deleted residents (unless they are added back), and all of any other line.
	for (const addDeleted of analysis.counts.deleted > 0 ? [false, true] : [false]) {
		let count = all;
		for (const [line, n] of lines) {
			const d = duplicates[indexOfLine(incoming, line)];
			if (d && (d.inFile || d.inSheet.length || (!addDeleted && d.inDeleted?.length))) count -= n;
		}
		result[policyKey('skip', addDeleted)] = count;
	}
	// «Дополнить» merges a resident's lines: they are planned together, as the import will.
	const rows = residentRows(incoming, duplicates, lines.keys());
	if (!rows.length) return sameDeleted();
	const plan = (addDeleted: boolean) =>
		planImport({
			incoming: rows.map((i) => incoming[i]),
			duplicates: rows.map((i) => duplicates[i]),
			policy: 'update',
			addDeleted,
			...phoneLists(targets)
		});
	const sheetValues = sheetValuesOf(analysis.existing, analysis.targetSheetId);
	for (const addDeleted of analysis.counts.deleted > 0 ? [false, true] : [false])
		result[policyKey('update', addDeleted)] = flaggedWritten(
			analysis,
			plan(addDeleted),
			targets,
			sheetValues
		).flaggedCount;
	return sameDeleted();
}

/** The lines without a name an option adds as residents of their own: the first ones, and how many. */
export interface NamelessAdded {
	nameless: NamelessLine[];
	count: number;
}

/**
 * The lines without a name (`Analysis.nameless`) each duplicates option (`policyKey`) adds as
 * residents of their own, as `prepareImport` will: the dialog says them before «Импортировать».
 * Found by exploration: the dialog counted a nameless repeat that «Пропустить повторы» skips,
 * and said 2 where the report said 1. As `flaggedByPolicy`, only the lines of those residents
 * who repeat are planned (`residentRows`); the others are added by every option.
 */
export function namelessByPolicy(
	analysis: Pick<Analysis, 'incoming' | 'duplicates' | 'counts' | 'nameless'>,
	targets: ImportTargetColumn[],
	shown = MAX_LISTED_PROBLEMS
): Record<string, NamelessAdded> {
	const all = analysis.nameless ?? [];
	const some = (lines: NamelessLine[]): NamelessAdded => ({
		nameless: lines.slice(0, shown),
		count: lines.length
	});
	const every = some(all);
	const result: Record<string, NamelessAdded> = { keep: every, skip: every, update: every };
	const withDeleted = analysis.counts.deleted > 0 ? [false, true] : [false];
	if (all.length) {
		const { incoming, duplicates } = analysis;
		const rows = residentRows(
			incoming,
			duplicates,
			all.map((n) => n.line)
		);
		if (rows.length) {
			const planned = new Set(rows.map((i) => incoming[i].line));
			for (const policy of ['skip', 'update'] as const)
				for (const addDeleted of withDeleted) {
					const plan = planImport({
						incoming: rows.map((i) => incoming[i]),
						duplicates: rows.map((i) => duplicates[i]),
						policy,
						addDeleted,
						...phoneLists(targets)
					});
					const added = new Set(plan.toAdd.map((row) => row.line));
					result[policyKey(policy, addDeleted)] = some(
						all.filter((n) => !planned.has(n.line) || added.has(n.line))
					);
				}
		}
	}
	result['skip+deleted'] ??= result.skip;
	result['update+deleted'] ??= result.update;
	return result;
}

/** Whether a line is anything but a new resident: a repeat, in the list, or deleted from it. */
function repeats(d: DuplicateInfo | undefined): boolean {
	return !!d && (!!d.inFile || d.inSheet.length > 0 || !!d.inDeleted?.length);
}

/**
 * The indexes of the rows whose plan decides what becomes of `lines`, in the file's order: each
 * line with its resident's other lines — the earlier ones it repeats, and those found as the same
 * row of the list — as `planImport` takes them together.
 */
function residentRows(
	incoming: readonly IncomingRow[],
	duplicates: readonly DuplicateInfo[],
	lines: Iterable<number>
): number[] {
	const n = incoming.length;
	const up = new Int32Array(n);
	for (let i = 0; i < n; i++) up[i] = i;
	const find = (i: number) => {
		while (up[i] !== i) i = up[i] = up[up[i]];
		return i;
	};
	const join = (a: number, b: number) => {
		const ra = find(a);
		const rb = find(b);
		if (ra !== rb) up[Math.max(ra, rb)] = Math.min(ra, rb);
	};
	const byRow = new Map<string, number>();
	for (let i = 0; i < n; i++) {
		const d = duplicates[i];
		if (!d) continue;
		if (d.inFile) {
			const j = indexOfLine(incoming, d.inFile.line);
			if (j >= 0) join(j, i);
		}
		const rowId = d.inSheet[0]?.rowId;
		if (rowId === undefined) continue;
		const j = byRow.get(rowId);
		if (j === undefined) byRow.set(rowId, i);
		else join(j, i);
	}
	// A line that is no repeat and none repeats is written as it is: left out. One a later line
	// repeats is not always (its phone cell that does not fit gives way to that line's number:
	// found in review, the dialog counted line 2's «123-45-67» and the report, rightly, did not).
	const repeated = new Uint8Array(n);
	for (let i = 0; i < n; i++) {
		const root = find(i);
		if (root !== i) repeated[root] = 1;
	}
	const wanted = new Set<number>();
	for (const line of lines) {
		const i = indexOfLine(incoming, line);
		if (i >= 0 && (repeats(duplicates[i]) || repeated[find(i)])) wanted.add(find(i));
	}
	if (!wanted.size) return [];
	const rows: number[] = [];
	for (let i = 0; i < n; i++) if (wanted.has(find(i))) rows.push(i);
	return rows;
}

/** The index of a line among the rows (in the file's order, lines ascending), or -1. */
function indexOfLine(incoming: readonly IncomingRow[], line: number): number {
	let lo = 0;
	let hi = incoming.length - 1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		const at = incoming[mid].line;
		if (at === line) return mid;
		if (at < line) lo = mid + 1;
		else hi = mid - 1;
	}
	return -1;
}
