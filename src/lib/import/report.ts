/**
 * The report a coordinator gets at the end of an import: how many rows were imported, skipped,
 * merged and flagged, and every problem with its line number and a reason in plain words —
 * on screen and as a CSV file for Excel.
 */
import {
	DEFAULT_EXPORT_FORMAT,
	duplicateKeyWords,
	encodeCsv,
	isWindows1251Char,
	type CsvError,
	type ExportFormat,
	type MergeKept,
	type SkippedRow
} from '../csv';
import { formatCount, translate, type Locale, type MessageKey } from '../i18n';
import type { Column } from '../model/sheet';
import { formatDate, formatDateTime, formatValue, messageFor } from '../values';
import type { AppliedImport, KeptCell, NotWritten, ReplacedCell } from './apply';
import type { FlaggedValue, ImportTargetColumn, NamelessLine, PreparedImport } from './plan';

export type ProblemKind =
	| 'error'
	| 'warning'
	| 'skipped'
	| 'merged'
	| 'flagged'
	| 'changed'
	| 'kept'
	| 'lost'
	| 'repeat'
	| 'other-list'
	| 'nameless';

export interface ReportProblem {
	line: number;
	/** The line's resident (`PreparedImport.names`), '' for a line without one (a title line). */
	name: string;
	kind: ProblemKind;
	column: string;
	value: string;
	message: string;
}

export interface ImportReport {
	imported: number;
	/** Rows found that got an empty cell filled, a number added or text written on. */
	updated: number;
	skipped: number;
	merged: number;
	flagged: number;
	/** Values the import changed to store them (`ChangedValue`): control characters taken out. */
	changed: number;
	/**
	 * Rows found in the list the import wrote nothing into («оставлено как было»): with `updated`,
	 * the rows found whose values were only replaced (`replacedRows`), `imported`, `skipped`,
	 * `ambiguous`, `deleted` and `merged`, each line of the file is counted once.
	 */
	unchanged: number;
	/**
	 * Cells left as they were: of rows found in the list, or of a line of the file a later line
	 * of the same resident was merged into ('update'). Listed «Не заменено» by line, not a total:
	 * a row filled in may have one (found in review: its total beside «Дополнено строк» named the
	 * same resident twice).
	 */
	kept: number;
	/**
	 * Values of lines skipped ('skip') as repeats of an earlier line, or as a row already in the
	 * list, that the earlier line or the row has not (a second phone, a note): written nowhere.
	 * Not among `kept`: no cell kept them.
	 */
	lost: number;
	/** Lines not written because they match several residents of the list. */
	ambiguous: number;
	/** Lines not added: their resident was deleted from the list. */
	deleted: number;
	/** Lines added although they repeat a resident ('keep'). */
	repeats: number;
	/** Lines written whose resident is on other lists too. */
	inOthers: number;
	/**
	 * Rows of the list that no line of the file matched (with «Пропустить повторы» or
	 * «Дополнить»): information, for when the file is the whole list.
	 */
	absent: number;
	/** Problems of the file itself (quotes, ragged rows). */
	fileProblems: number;
	problems: ReportProblem[];
	/** Problems counted but not listed (a file with 100,000 bad dates lists the first ones). */
	omitted: number;
	/**
	 * With «Заменять записанное значениями из файла»: every cell of a found row that took the
	 * file's value, by line, for the coordinator to check (not a problem: a section of its own).
	 */
	replaced: ReportReplaced[];
	/** The rows found with a value replaced (counted apart from `updated`). */
	replacedRows: number;
	/** Options the import added to the list's choice columns, by column title. */
	addedOptions: { column: string; values: string[] }[];
	/** Lines with values but no name added as residents of their own (`NamelessLine`). */
	nameless: number;
}

/** A cell replaced by the file's value, values as the grid shows them. */
export interface ReportReplaced {
	line: number;
	/** The line's resident (`PreparedImport.names`). */
	name: string;
	column: string;
	old: string;
	value: string;
}

/** The replaced cells as the report lists them: values as the grid shows them, by line. */
export function replacedLines(options: {
	replaced: readonly ReplacedCell[];
	column: (colId: string) => Pick<Column, 'title' | 'type'> | undefined;
	names?: ReadonlyMap<number, string>;
	locale: Locale;
}): ReportReplaced[] {
	return options.replaced
		.map((r) => {
			const typed = options.column(r.colId);
			const shown = (v: string) => (typed ? formatValue(typed.type, v, options.locale) : v);
			return {
				line: r.line,
				name: options.names?.get(r.line) ?? '',
				column: typed?.title ?? '',
				old: shown(r.old),
				value: shown(r.value)
			};
		})
		.sort((a, b) => a.line - b.line);
}

/** A cell left as it was, or a value written nowhere, as the report lists it. */
export type KeptLine = NonNullable<BuildReportOptions['kept']>[number];

/**
 * The report's lines of cells left as they were, values shown as the grid shows them: a found
 * row's cells the file differs in (`kept`, by the sheet's column), then the file's later lines of
 * one resident and the values of skipped lines (`mergeKept`, by the import's target column).
 */
export function keptLines(options: {
	kept: readonly KeptCell[];
	mergeKept: readonly MergeKept[];
	column: (colId: string) => Pick<Column, 'title' | 'type'> | undefined;
	targets: readonly ImportTargetColumn[];
	locale: Locale;
}): KeptLine[] {
	const { locale } = options;
	const line = (
		typed: Pick<Column, 'title' | 'type'> | undefined,
		cell: { line: number; kept: string; file: string }
	) => {
		const shown = (v: string) => (typed ? formatValue(typed.type, v, locale) : v);
		return {
			line: cell.line,
			column: typed?.title ?? '',
			kept: shown(cell.kept),
			file: shown(cell.file)
		};
	};
	return [
		...options.kept.map((k) => ({
			...line(options.column(k.colId), k),
			...(k.reason ? { reason: k.reason } : {})
		})),
		...options.mergeKept.map((k) => {
			const target = options.targets.find((t) => t.key === k.column);
			return {
				...line(target, k),
				intoLine: k.intoLine,
				laterLine: k.laterLine,
				skipped: k.skipped,
				phones: target?.type === 'phone'
			};
		})
	];
}

/**
 * The report of an import once applied, as the dialog shows it: the file's parse errors, the
 * plan (`prepared`: skipped, merged, flagged lines…), and what the commit did (`applied`).
 */
export function importReport(options: {
	locale: Locale;
	parsed: { errors: CsvError[]; errorsOmitted: number };
	prepared: Omit<PreparedImport, 'keys' | 'rows' | 'updates'>;
	applied: Pick<AppliedImport, 'added' | 'updated' | 'kept'> &
		Partial<
			Pick<
				AppliedImport,
				| 'unchanged'
				| 'replaced'
				| 'deletedMeanwhile'
				| 'addedOptions'
				| 'changedNotWritten'
				| 'flaggedNotWritten'
			>
		>;
	targets: readonly ImportTargetColumn[];
	/** A column of the sheet imported into (its cells left as they were are named by it). */
	column: (colId: string) => Pick<Column, 'title' | 'type'> | undefined;
	/** How the dialog names another list. */
	sheetLabel: (sheetId: string) => string;
}): ImportReport {
	const { locale, parsed, prepared, applied, targets } = options;
	// Lines whose row a colleague deleted while the import was prepared: skipped as a deleted
	// resident's are (found by exploration: they were left out of the report without a word).
	const gone: SkippedRow[] = (applied.deletedMeanwhile ?? []).map((line) => ({
		line,
		reason: 'deleted-in-sheet',
		messageRu: translate('ru', 'import.deletedMeanwhile', { line }),
		messageEn: translate('en', 'import.deletedMeanwhile', { line })
	}));
	// A corrected value, or one that does not fit its column, is counted where the commit wrote
	// it: not into a found row's cell it left as it was (its own value, a number an operator took
	// out, a note she shortened, a row deleted meanwhile).
	const keyOf = new Map(targets.map((t) => [t.csvIndex, t.key]));
	const written = <T extends FlaggedValue>(values: T[], count: number, not: NotWritten[] = []) => {
		if (!not.length) return { values, count };
		const unwritten = new Set(not.map((c) => `${c.line}\t${c.key}`));
		return {
			values: values.filter((v) => !unwritten.has(`${v.line}\t${keyOf.get(v.csvIndex)}`)),
			count: count - not.length
		};
	};
	const flagged = written(prepared.flagged, prepared.flaggedCount, applied.flaggedNotWritten);
	const changed = written(prepared.changed, prepared.changedCount, applied.changedNotWritten);
	return buildReport({
		locale,
		imported: applied.added.length,
		updated: applied.updated,
		unchanged: applied.unchanged ?? 0,
		parseErrors: parsed.errors,
		parseErrorsOmitted: parsed.errorsOmitted,
		skipped: [...prepared.skipped, ...gone],
		skippedCount: prepared.skippedCount + gone.length,
		ambiguousCount: prepared.ambiguousCount,
		deletedCount: prepared.deletedCount + gone.length,
		merged: prepared.merged,
		mergedCount: prepared.mergedCount,
		// Those of the lines written: a skipped duplicate's are not the list's.
		flagged: flagged.values,
		flaggedCount: flagged.count,
		changed: changed.values,
		changedCount: changed.count,
		repeats: prepared.repeats.map((r) => ({ ...r, by: duplicateKeyWords(r.by, locale) })),
		repeatsCount: prepared.repeatsCount,
		inOthers: prepared.inOthers.map((o) => ({
			line: o.line,
			lists: o.sheetIds.map(options.sheetLabel).join(', '),
			by: duplicateKeyWords(o.by, locale)
		})),
		inOthersCount: prepared.inOthersCount,
		names: prepared.names,
		nameless: prepared.nameless,
		namelessCount: prepared.namelessCount,
		absentCount: prepared.absent.length,
		keptCount: applied.kept.length + prepared.mergeKeptCount,
		lostCount: prepared.lostCount,
		columnTitle: (i) => targets.find((c) => c.csvIndex === i)?.title ?? '',
		// A found row's cells the file differs in; a later line of a resident the file has
		// twice: its different values; with «Пропустить повторы», what a skipped line has that
		// its first line, or its row of the list, has not.
		kept: keptLines({
			kept: applied.kept,
			mergeKept: prepared.mergeKept,
			column: options.column,
			targets,
			locale
		}),
		replaced: replacedLines({
			replaced: applied.replaced ?? [],
			column: options.column,
			names: prepared.names,
			locale
		}),
		replacedRows: new Set((applied.replaced ?? []).map((r) => r.rowId)).size,
		addedOptions: (applied.addedOptions ?? []).map((a) => ({
			column: options.column(a.colId)?.title ?? '',
			values: a.values
		}))
	});
}

export interface BuildReportOptions {
	locale: Locale;
	imported: number;
	updated: number;
	/** Rows found that the import wrote nothing into (`AppliedImport.unchanged`). */
	unchanged?: number;
	parseErrors: CsvError[];
	parseErrorsOmitted: number;
	skipped: SkippedRow[];
	skippedCount: number;
	/** Of `skippedCount`: lines matching several residents of the list (not duplicates). */
	ambiguousCount?: number;
	/** Of `skippedCount`: lines whose resident was deleted from the list (not duplicates). */
	deletedCount?: number;
	merged: { line: number; intoLine: number }[];
	mergedCount: number;
	flagged: FlaggedValue[];
	flaggedCount: number;
	/** Values changed to be stored (`ChangedValue`): the first ones, and how many. */
	changed?: (FlaggedValue & { stored?: string })[];
	changedCount?: number;
	/** The sheet column's title for a CSV column. */
	columnTitle: (csvIndex: number) => string;
	/**
	 * Cells left as they were (values as the grid shows them), and the values of skipped lines
	 * written nowhere (`skipped`); the first ones of both.
	 */
	kept?: {
		line: number;
		column: string;
		kept: string;
		file: string;
		intoLine?: number;
		/**
		 * The line was skipped as a repeat of `intoLine`, or without `intoLine` as a row already in
		 * the list (whose value is `kept`): this value of it is not written.
		 */
		skipped?: boolean;
		/** A phone column: «Дополнить» would add the line's other numbers to the row's. */
		phones?: boolean;
		/** Not entered: the later line of the resident whose number the cell took (`MergeKept`). */
		laterLine?: number;
		/** With replacement: why the cell was not replaced (`KeptCell.reason`). */
		reason?: KeptCell['reason'];
	}[];
	/** Cells replaced by the file's values (`replacedLines`), all of them. */
	replaced?: ReportReplaced[];
	/** The rows those cells are in. */
	replacedRows?: number;
	/** All the cells left as they were (not `skipped`), when `kept` lists the first ones only. */
	keptCount?: number;
	/** All the values of skipped lines (`skipped`), when `kept` lists the first ones only. */
	lostCount?: number;
	/** Lines added although they repeat a resident ('keep'); `by` in words. */
	repeats?: { line: number; by: string; fileLine?: number }[];
	repeatsCount?: number;
	/** Lines written whose resident is on other lists: `lists` as the dialog names them. */
	inOthers?: { line: number; lists: string; by: string }[];
	inOthersCount?: number;
	/** The resident of a line of the file, by its number: each problem of the line names her. */
	names?: ReadonlyMap<number, string>;
	/** Rows of the list no line of the file matched. */
	absentCount?: number;
	/** Options added to the list's choice columns, by column title. */
	addedOptions?: { column: string; values: string[] }[];
	/** Lines without a name added as residents of their own: the first ones, and how many. */
	nameless?: NamelessLine[];
	namelessCount?: number;
}

export function buildReport(options: BuildReportOptions): ImportReport {
	const { locale } = options;
	const problems: ReportProblem[] = [];
	const names = options.names;
	const add = (problem: Omit<ReportProblem, 'name'>) =>
		problems.push({ ...problem, name: names?.get(problem.line) ?? '' });
	for (const e of options.parseErrors) {
		add({
			line: e.line,
			kind: e.severity,
			column: '',
			value: '',
			message: locale === 'ru' ? e.messageRu : e.messageEn
		});
	}
	for (const s of options.skipped) {
		add({
			line: s.line,
			kind: 'skipped',
			column: '',
			value: '',
			message: locale === 'ru' ? s.messageRu : s.messageEn
		});
	}
	for (const m of options.merged) {
		add({
			line: m.line,
			kind: 'merged',
			column: '',
			value: '',
			message: translate(locale, 'import.mergedInto', { line: m.line, into: m.intoLine })
		});
	}
	for (const f of options.flagged) {
		add({
			line: f.line,
			kind: 'flagged',
			column: options.columnTitle(f.csvIndex),
			value: f.value,
			message: messageFor(f.reason, locale)
		});
	}
	const changed = options.changed ?? [];
	for (const c of changed) {
		add({
			line: c.line,
			kind: 'changed',
			column: options.columnTitle(c.csvIndex),
			value: c.value,
			// The date read, as the grid shows it.
			message: messageFor(
				c.reason,
				locale,
				c.stored === undefined
					? undefined
					: c.stored.includes('T')
						? formatDateTime(c.stored)
						: formatDate(c.stored)
			)
		});
	}
	const kept = options.kept ?? [];
	let keptListed = 0;
	for (const k of kept) {
		if (!k.skipped) keptListed++;
		add({
			line: k.line,
			// A skipped line's value is not a cell left as it was: it is not written anywhere
			// (found in review: it was listed and counted as «Не заменено»).
			kind: k.skipped ? 'lost' : 'kept',
			column: k.column,
			value: k.file,
			message: translate(locale, keptMessage(k), {
				into: k.intoLine ?? k.laterLine ?? '',
				kept: k.kept,
				file: k.file
			})
		});
	}
	const repeats = options.repeats ?? [];
	for (const r of repeats) {
		add({
			line: r.line,
			kind: 'repeat',
			column: '',
			value: '',
			message:
				r.fileLine === undefined
					? translate(locale, 'import.repeatInSheet', { by: r.by })
					: translate(locale, 'import.repeatInFile', { by: r.by, line: r.fileLine })
		});
	}
	const inOthers = options.inOthers ?? [];
	for (const o of inOthers) {
		add({
			line: o.line,
			kind: 'other-list',
			column: '',
			value: '',
			message: translate(locale, 'import.inOtherLists', { lists: o.lists, by: o.by })
		});
	}
	const nameless = options.nameless ?? [];
	for (const n of nameless) {
		add({
			line: n.line,
			kind: 'nameless',
			column: '',
			value: '',
			message:
				n.after === undefined
					? translate(locale, 'import.nameless')
					: translate(locale, 'import.namelessAfter', { line: n.after })
		});
	}
	problems.sort((a, b) => a.line - b.line);
	const listed =
		options.parseErrors.length +
		options.skipped.length +
		options.merged.length +
		options.flagged.length +
		changed.length +
		kept.length +
		repeats.length +
		inOthers.length +
		nameless.length;
	const total =
		options.parseErrors.length +
		options.parseErrorsOmitted +
		options.skippedCount +
		options.mergedCount +
		options.flaggedCount +
		(options.changedCount ?? changed.length) +
		(options.keptCount ?? keptListed) +
		(options.lostCount ?? kept.length - keptListed) +
		(options.repeatsCount ?? repeats.length) +
		(options.inOthersCount ?? inOthers.length) +
		(options.namelessCount ?? nameless.length);
	return {
		imported: options.imported,
		updated: options.updated,
		unchanged: options.unchanged ?? 0,
		skipped: options.skippedCount - (options.ambiguousCount ?? 0) - (options.deletedCount ?? 0),
		ambiguous: options.ambiguousCount ?? 0,
		deleted: options.deletedCount ?? 0,
		merged: options.mergedCount,
		flagged: options.flaggedCount,
		changed: options.changedCount ?? changed.length,
		kept: options.keptCount ?? keptListed,
		lost: options.lostCount ?? kept.length - keptListed,
		repeats: options.repeatsCount ?? repeats.length,
		inOthers: options.inOthersCount ?? inOthers.length,
		absent: options.absentCount ?? 0,
		fileProblems: options.parseErrors.length + options.parseErrorsOmitted,
		problems,
		omitted: total - listed,
		replaced: options.replaced ?? [],
		replacedRows: options.replacedRows ?? new Set((options.replaced ?? []).map((r) => r.line)).size,
		addedOptions: options.addedOptions ?? [],
		nameless: options.namelessCount ?? nameless.length
	};
}

/** The reason of a cell kept, or of a skipped line's value not written. */
function keptMessage(k: NonNullable<BuildReportOptions['kept']>[number]): MessageKey {
	if (k.reason === 'invalid') return 'import.keptInvalid';
	if (k.reason === 'edited') return 'import.keptEdited';
	if (k.reason === 'removed') return k.kept ? 'import.keptRemoved' : 'import.keptRemovedEmpty';
	if (k.laterLine !== undefined) return 'import.keptInvalidInFile';
	if (!k.skipped) return k.intoLine === undefined ? 'import.keptCell' : 'import.keptInFile';
	// Skipped as a row already in the list: its empty cell «Дополнить» would fill; another value
	// only a hand changes.
	// (A phone column takes the numbers it lacks too.)
	if (k.intoLine === undefined) {
		if (!k.kept) return 'import.lostInSheetEmpty';
		return k.phones ? 'import.lostInSheetPhones' : 'import.lostInSheet';
	}
	return k.kept ? 'import.lostInSkipped' : 'import.lostInSkippedEmpty';
}

/** The report's totals as listed: imported, skipped and flagged always, the others when any. */
export function reportTotals(r: ImportReport): [MessageKey, number][] {
	const totals: [MessageKey, number, boolean][] = [
		['import.imported', r.imported, true],
		['import.updated', r.updated, false],
		['import.unchangedCount', r.unchanged, false],
		['import.replacedCount', r.replaced.length, false],
		['import.replacedRows', r.replacedRows, false],
		['import.skippedCount', r.skipped, true],
		['import.ambiguousCount', r.ambiguous, false],
		['import.deletedCount', r.deleted, false],
		['import.mergedCount', r.merged, false],
		['import.lostCount', r.lost, false],
		['import.flaggedCount', r.flagged, true],
		['import.changedCount', r.changed, false],
		['import.repeatsCount', r.repeats, false],
		['import.inOthersCount', r.inOthers, false],
		['import.namelessCount', r.nameless, false],
		['import.absentCount', r.absent, false],
		['import.optionsAddedCount', r.addedOptions.reduce((n, a) => n + a.values.length, 0), false]
	];
	return totals.filter(([, n, always]) => always || n > 0).map(([key, n]) => [key, n]);
}

/**
 * The report as a CSV file in `format` (the one chosen last in «Экспорт CSV»: `lastExportFormat`;
 * Excel-ru, UTF-8 with BOM and `;`, by default): its problems and replaced values line by line,
 * then its totals («Итого») and `notes` (what the dialog said of the lists not searched) as the
 * report shows them. Before, the file had the lines only: a coordinator sending it on had no
 * count of the rows added, and no word that a list was not searched.
 */
export function reportCsv(
	report: ImportReport,
	locale: Locale,
	notes: readonly string[] = [],
	format: ExportFormat = DEFAULT_EXPORT_FORMAT
): Uint8Array {
	return encodeReportCsv(report, locale, notes, format).bytes;
}

/** The report's file, and what Windows-1251 could not hold of it. */
export interface ReportFile {
	bytes: Uint8Array;
	/** Characters written as «?» (Windows-1251 only; 0 in UTF-8). */
	unmappable: number;
	/** The file's lines whose rows of the report have such a character, in order. */
	lines: number[];
}

/**
 * `reportCsv` with what was lost: in Windows-1251 a letter it has no byte for («Әлиева»,
 * «Айгүль», «Françoise», an emoji) becomes «?», and the dialog says how many and on which lines
 * (found in review: the report said nothing, where the export and the «нет в этом файле» rows
 * say it), and offers the file in UTF-8 too. «ё», «№» and the Ukrainian «є», «ї», «ґ» are in
 * Windows-1251: they are written as they are.
 */
export function encodeReportCsv(
	report: ImportReport,
	locale: Locale,
	notes: readonly string[] = [],
	format: ExportFormat = DEFAULT_EXPORT_FORMAT
): ReportFile {
	const { header, rows } = reportRows(report, locale, notes);
	const { bytes, unmappable } = encodeCsv({ header, rows, format });
	const lines = new Set<number>();
	if (unmappable > 0)
		for (const row of rows)
			if (row[0] && row.some((cell) => !fitsWindows1251(cell))) lines.add(Number(row[0]));
	return { bytes, unmappable, lines: [...lines].sort((a, b) => a - b) };
}

/** Whether every character of `text` has a Windows-1251 byte. */
function fitsWindows1251(text: string): boolean {
	for (let i = 0; i < text.length; i++) if (!isWindows1251Char(text.charCodeAt(i))) return false;
	return true;
}

/** The file's lines named in `reportUnmappableMessage`, the first ones of many. */
export const UNMAPPABLE_LINES_NAMED = 10;

/** What the dialog says of a report file with characters written as «?» ('' when none). */
export function reportUnmappableMessage(locale: Locale, file: Omit<ReportFile, 'bytes'>): string {
	if (file.unmappable === 0) return '';
	const count = formatCount(locale, file.unmappable);
	if (!file.lines.length) return translate(locale, 'import.reportUnmappable', { count });
	const named = file.lines.slice(0, UNMAPPABLE_LINES_NAMED).join(', ');
	return translate(locale, 'import.reportUnmappableLines', {
		count,
		lines: file.lines.length > UNMAPPABLE_LINES_NAMED ? `${named}…` : named
	});
}

/** The report's CSV header and rows, in `locale`. */
function reportRows(
	report: ImportReport,
	locale: Locale,
	notes: readonly string[]
): { header: string[]; rows: string[][] } {
	const tr = (key: Parameters<typeof translate>[1]) => translate(locale, key);
	const header = [
		tr('import.report.line'),
		tr('import.report.name'),
		tr('import.report.kind'),
		tr('import.report.column'),
		tr('import.report.value'),
		tr('import.report.reason')
	];
	const rows = report.problems.map((p) => [
		String(p.line),
		p.name,
		translate(locale, `import.kind.${p.kind}`),
		p.column,
		p.value,
		p.message
	]);
	if (report.omitted > 0)
		rows.push(['', '', '', '', '', translate(locale, 'import.omitted', { count: report.omitted })]);
	// The values replaced, each with what the list had: after the problems, a section of their own.
	for (const r of report.replaced)
		rows.push([
			String(r.line),
			r.name,
			translate(locale, 'import.kind.replaced'),
			r.column,
			r.value,
			translate(locale, 'import.replacedCell', { old: r.old, value: r.value })
		]);
	for (const a of report.addedOptions)
		for (const value of a.values)
			rows.push(['', '', tr('import.kind.option'), a.column, value, tr('import.optionAdded')]);
	for (const [key, count] of reportTotals(report))
		rows.push([
			'',
			'',
			tr('import.kind.total'),
			'',
			'',
			translate(locale, key, { count: formatCount(locale, count) })
		]);
	for (const note of notes) rows.push(['', '', tr('import.kind.note'), '', '', note]);
	return { header, rows };
}
