/**
 * Bulk edits of the grid, over the model: paste a block, fill a column for chosen rows, change
 * a column's type. Each is ONE Yjs transaction with the sheet's own origin, so it is one step
 * of the operator's undo and one update to the relay. Values go through `$lib/values`: what
 * parses is stored in its normal form, what does not is kept exactly as given (and flagged by
 * the grid).
 */
import type { Locale } from '$lib/i18n';
import type { ChoiceOption, Column, ColumnType, Sheet } from '$lib/model/sheet';
import {
	choiceKey,
	formatValue,
	normalizeValue,
	validateStored,
	type ValueOptions
} from '$lib/values';
import { valueOptions } from '$lib/csv/mapping';
import { cleanOptions } from '$lib/model/options';
import { optionInOtherLanguage } from '$lib/model/templates';
import { blockWidth } from './range';

/**
 * What to store for `raw` typed, pasted or filled into `column`: one reading for them all. A
 * day and month without a year (`06.04`) is the one nearest to today (`nearestYear`), except in a
 * date of birth (flagged); a template option named in the other interface language is that
 * option («done» in a Russian «Статус» is «выполнена»). Found in review: typing read both, and a
 * paste from an English table or a hotline's sheet kept them as typed, flagged.
 */
export function typedValue(
	column: Pick<Column, 'type' | 'options' | 'title' | 'storedTitle' | 'areaCode'>,
	raw: string
): string {
	const result = normalizeValue(column.type, raw, { ...valueOptions(column), thisYear: true });
	if (result.ok || column.type !== 'choice' || !column.options) return result.value;
	return optionInOtherLanguage(raw, column.options) ?? result.value;
}

/** Runs `fn` as one transaction of this operator (nested model calls join it). */
function inOneStep(sheet: Sheet, fn: () => void): void {
	sheet.doc.transact(fn, sheet.origin);
}

/**
 * What a value written into a cell also sets in its row, read before anything is written (a
 * call's result: who called, when, one more attempt; `call-log.ts`).
 */
export type AlsoSet = (
	rowId: string,
	colId: string,
	value: string
) => { colId: string; value: string }[];

/**
 * What a row the operator adds also gets, given the values it is added with (column id →
 * value): a new request's «Статус» and «Дата заявки» (`new-request.ts`).
 */
export type NewRowAlso = (values: Readonly<Record<string, string>>) => {
	colId: string;
	value: string;
}[];

/** `values` with what `newRow` adds to them (the row's own values win). */
export function withNewRow(
	values: Record<string, string>,
	newRow: NewRowAlso | undefined
): Record<string, string> {
	if (!newRow) return values;
	const out = { ...values };
	for (const e of newRow(values)) if (!out[e.colId]) out[e.colId] = e.value;
	return out;
}

/** The row id `AlsoSet` is asked with for a row not added yet: read as an empty row. */
export const NOT_ADDED = '__new';

/**
 * A new row's values (column id → value) with what it also gets, its own values winning: a new
 * request's status and date (`newRow`), and what each of its values also sets, read as in an
 * empty row (`also`: a result logs the call — «Оператор», «Дата звонка», «Попытки» 1).
 */
export function newRowValues(
	values: Record<string, string>,
	newRow: NewRowAlso | undefined,
	also: AlsoSet | undefined
): Record<string, string> {
	const out = withNewRow(values, newRow);
	if (!also) return out;
	for (const colId in values) {
		const value = values[colId];
		if (!value) continue;
		for (const e of also(NOT_ADDED, colId, value)) if (!out[e.colId]) out[e.colId] = e.value;
	}
	return out;
}

type CellEdit = { rowId: string; colId: string; value: string };

/**
 * The edits with what each of them also sets, read before anything is written; a cell the edits
 * write a value into keeps it (a pasted row with its own «Оператор»), one they write empty gets
 * what the value sets (a log cell pasted empty, as in a new row: `newRowValues`).
 */
function withAlso(edits: CellEdit[], also: AlsoSet | undefined): CellEdit[] {
	if (!also) return edits;
	const key = (rowId: string, colId: string) => `${rowId}\u0000${colId}`;
	const own = new Map(edits.map((e, i) => [key(e.rowId, e.colId), i]));
	const out = edits.slice();
	for (const e of edits) {
		if (!e.value) continue;
		for (const a of also(e.rowId, e.colId, e.value)) {
			const k = key(e.rowId, a.colId);
			const at = own.get(k);
			if (at === undefined) {
				own.set(k, out.length);
				out.push({ rowId: e.rowId, ...a });
			} else if (out[at].value === '') out[at] = { rowId: e.rowId, ...a };
		}
	}
	return out;
}

export interface PasteOptions {
	/** The parsed block, rows of cells. */
	block: string[][];
	/** Visible rows in display order. */
	rowIds: readonly string[];
	/** Index in `rowIds` of the row the block starts at. */
	startRow: number;
	/** Visible columns in display order, from the focused column on. */
	colIds: readonly string[];
	/**
	 * What a value written into a row also sets; in a row the paste adds, only where the row's own
	 * value is empty (`newRowValues`).
	 */
	also?: AlsoSet;
	/** What a row the paste adds also gets, given its values by column id (a new request's status). */
	newRow?: NewRowAlso;
	/**
	 * Columns whose filled cells a value pasted empty leaves as they are: a call's log
	 * («Оператор», «Дата звонка», «Попытки»), which Delete still empties.
	 */
	keep?: (colId: string) => boolean;
}

/**
 * Pastes `block` with its top-left cell at (`startRow`, `colIds[0]`). Cells beyond the last
 * column are dropped; rows beyond the last row become new rows at the end. In a row already
 * there, a line of the block shorter than the others writes nothing past its end (as Excel pastes
 * lines of text), and a `keep` column's filled cell stays under an empty pasted value: found by
 * exploration, notes pasted over residents already called — the name, the phone and the result,
 * the log cells empty or left off — blanked who called them, when and how many times, and a line
 * that ended before the result blanked the result. A result pasted logs the call (`also`) there.
 * Returns the ids of the rows written, in order.
 */
export function pasteBlock(sheet: Sheet, options: PasteOptions): string[] {
	const { block, rowIds, startRow, colIds, also, newRow, keep } = options;
	const columns = colIds.map((id) => sheet.column(id)).filter((c): c is Column => !!c);
	if (block.length === 0 || columns.length === 0) return [];
	const width = Math.min(columns.length, blockWidth(block));
	const used = columns.slice(0, width);
	const value = (row: string[], j: number) => typedValue(used[j], row[j] ?? '');
	const existing = Math.max(0, Math.min(block.length, rowIds.length - startRow));
	const written: string[] = [];
	inOneStep(sheet, () => {
		const edits: { rowId: string; colId: string; value: string }[] = [];
		for (let i = 0; i < existing; i++) {
			const rowId = rowIds[startRow + i];
			written.push(rowId);
			const line = block[i];
			for (let j = 0; j < Math.min(width, line.length); j++) {
				const colId = used[j].id;
				const v = value(line, j);
				if (v === '' && keep?.(colId) && sheet.getCell(rowId, colId) !== '') continue;
				edits.push({ rowId, colId, value: v });
			}
		}
		sheet.setCells(withAlso(edits, also));
		const rest = block.slice(existing);
		if (rest.length) {
			let ids = used.map((c) => c.id);
			let rows = rest.map((row) => used.map((_, j) => value(row, j)));
			if (newRow || also) {
				// What each new row also gets (a new request's status, a call's log), in the columns
				// it names (none: not a request board, no result pasted).
				const first = ids;
				const full = rows.map((row) =>
					newRowValues(Object.fromEntries(first.map((id, j) => [id, row[j]])), newRow, also)
				);
				const named = new Set(first);
				const extra: string[] = [];
				for (const values of full)
					for (const id in values) {
						if (named.has(id)) continue;
						named.add(id);
						extra.push(id);
					}
				ids = first.concat(extra);
				rows = full.map((values) => ids.map((id) => values[id] ?? ''));
			}
			const added = sheet.addRows({ columns: ids, rows });
			// Not `push(...added)`: one argument per row overflows the stack on a big paste.
			for (const id of added) written.push(id);
		}
	});
	return written;
}

/**
 * One row pasted into the row the «+» line is making (`rowId`), from `colIds[0]` on, as typed
 * there: an empty pasted cell leaves what the row got with it (`given`, column id → value: a new
 * request's «новая» and date, a call's log), and a value also sets what it does (`also`: a
 * result logs the call) where the row's cell is empty, one it got, or pasted empty. Found by
 * exploration: a result pasted into the resident being typed was written alone, with no
 * «Оператор», «Дата звонка» or «Попытки»; a request's phone, address and kind of help pasted
 * from a table whose status and date were still blank took its «новая» away, and «Новые
 * заявки» did not show it. Returns the edits and the cells `also` gave the row.
 */
export function draftPasteEdits(
	sheet: Sheet,
	rowId: string,
	cells: readonly string[],
	colIds: readonly string[],
	given: ReadonlyMap<string, string>,
	also?: AlsoSet
): { edits: CellEdit[]; gave: Map<string, string> } {
	const columns = colIds.map((id) => sheet.column(id)).filter((c): c is Column => !!c);
	const width = Math.min(columns.length, cells.length);
	const got = (colId: string) => {
		const value = given.get(colId);
		return value !== undefined && sheet.getCell(rowId, colId) === value;
	};
	const written = new Map<string, string>();
	for (let j = 0; j < width; j++) {
		const value = typedValue(columns[j], cells[j] ?? '');
		if (value === '' && got(columns[j].id)) continue;
		written.set(columns[j].id, value);
	}
	const gave = new Map<string, string>();
	if (also)
		for (const [colId, value] of [...written]) {
			if (!value) continue;
			for (const e of also(rowId, colId, value)) {
				if (written.get(e.colId) || gave.has(e.colId)) continue;
				if (!written.has(e.colId) && sheet.getCell(rowId, e.colId) !== '' && !got(e.colId))
					continue;
				gave.set(e.colId, e.value);
			}
		}
	// A log cell pasted empty gets the log, as an empty cell of a new row does.
	for (const [colId, value] of gave) written.set(colId, value);
	return { edits: [...written].map(([colId, value]) => ({ rowId, colId, value })), gave };
}

/**
 * One value (typed as the column's type) into one column of the rows, in one step; returns how
 * many cells of the column it changed. What the value also sets in each changed row comes in the
 * same step (`also`: a call's result logs the call, a campaign's result its date), as for a value
 * typed: found by exploration, a coordinator's «отказ» filled into ticked residents left them
 * with no operator, no date and no attempt, and «Мои звонки» did not find them.
 */
export function fillColumn(
	sheet: Sheet,
	rowIds: readonly string[],
	colId: string,
	raw: string,
	also?: AlsoSet
): number {
	const column = sheet.column(colId);
	if (!column) return 0;
	const stored = typedValue(column, raw);
	const changed = rowIds.filter((rowId) => sheet.getCell(rowId, colId) !== stored);
	sheet.setCells(
		withAlso(
			changed.map((rowId) => ({ rowId, colId, value: stored })),
			also
		)
	);
	return changed.length;
}

/**
 * Changes a column's type, converting in the same step every value that converts
 * (`8 812 123-45-67` → `+78121234567`); values that do not are kept as they are and flagged.
 * Returns how many values could not be converted.
 */
export function changeColumnType(sheet: Sheet, colId: string, type: ColumnType): number {
	const column = sheet.column(colId);
	if (!column || column.type === type) return 0;
	let invalid = 0;
	inOneStep(sheet, () => {
		sheet.setColumnType(colId, type);
		// Read as the grid will read the column then: its stored title, options and area code.
		invalid = rereadColumn(sheet, colId, type, valueOptions({ ...column, type })).invalid;
	});
	return invalid;
}

/**
 * Stores every value of a column that converts under `type` and `options` in its stored form
 * (one `setCells`, inside the caller's step). Returns how many converted and how many do not fit.
 */
function rereadColumn(
	sheet: Sheet,
	colId: string,
	type: ColumnType,
	options: ValueOptions
): { converted: number; invalid: number } {
	let invalid = 0;
	const edits: { rowId: string; colId: string; value: string }[] = [];
	for (const rowId of sheet.rowIds()) {
		const stored = sheet.getCell(rowId, colId);
		if (!stored) continue;
		const result = validateStored(type, stored, options);
		if (!result.ok) invalid++;
		else if (result.value !== stored) edits.push({ rowId, colId, value: result.value });
	}
	if (edits.length) sheet.setCells(edits);
	return { converted: edits.length, invalid };
}

/**
 * Sets a phone column's area code (`812`, or '' for none) and, in the same step, completes the
 * local numbers already in it (`555-12-34` → `+78125551234`): a list imported before the code
 * was set is fixed at once. Returns how many cells were completed.
 */
export function setAreaCode(sheet: Sheet, colId: string, areaCode: string): number {
	const column = sheet.column(colId);
	if (!column || (column.areaCode ?? '') === areaCode) return 0;
	let completed = 0;
	inOneStep(sheet, () => {
		sheet.setColumnAreaCode(colId, areaCode);
		if (column.type !== 'phone' || !areaCode) return;
		completed = rereadColumn(
			sheet,
			colId,
			'phone',
			valueOptions({ ...column, areaCode })
		).converted;
	});
	return completed;
}

/** An option as the column dialog edits it: `was`, its value when the dialog opened. */
export type EditedOption = ChoiceOption & { was?: string };

/**
 * The options the coordinator renamed in the column dialog: old value → new. An option whose
 * old value is still an option (another one took its name) is not a rename of its cells.
 */
export function renamedOptions(edited: readonly EditedOption[]): Map<string, string> {
	// As the column stores it (spaces, length).
	const clean = (v: string) => cleanOptions([{ value: v }])[0]?.value ?? '';
	const kept = new Set(edited.map((o) => clean(o.value)).filter(Boolean));
	const renames = new Map<string, string>();
	for (const o of edited) {
		const value = clean(o.value);
		if (o.was === undefined || !value || value === o.was || kept.has(o.was)) continue;
		renames.set(o.was, value);
	}
	return renames;
}

/**
 * Rewrites the cells of a choice column that hold a renamed option (`renames`: old → new), in
 * the caller's step; deleted rows too, so a row restored later holds the option by its new
 * name. Found by exploration: «перезвонить» renamed «перезвонить позже» left every such cell
 * flagged red as no option, and the filter's counts showed «перезвонить позже: 0» with the
 * residents under a stray «перезвонить». Returns how many cells changed (deleted rows aside).
 */
export function renameChoiceValues(
	sheet: Sheet,
	colId: string,
	renames: ReadonlyMap<string, string>
): number {
	if (!renames.size) return 0;
	// A cell is the option however it is spelled (case, spaces, ё), as the grid reads it.
	const byKey = new Map([...renames].map(([from, to]) => [choiceKey(from), to]));
	const edits: { rowId: string; colId: string; value: string }[] = [];
	let shown = 0;
	const visit = (rowId: string, visible: boolean) => {
		const stored = sheet.getCell(rowId, colId);
		if (!stored) return;
		const to = byKey.get(choiceKey(stored));
		if (to === undefined || to === stored) return;
		edits.push({ rowId, colId, value: to });
		if (visible) shown++;
	};
	for (const rowId of sheet.rowIds()) visit(rowId, true);
	for (const { id } of sheet.deletedRows()) visit(id, false);
	inOneStep(sheet, () => {
		if (edits.length) sheet.setCells(edits);
		// Noted in the column, so that each operator's own filter on an old name follows.
		sheet.noteOptionRenames(colId, renames);
	});
	return shown;
}

/** Rows × columns as shown (formatted), for the clipboard. */
export function shownCells(
	sheet: Sheet,
	rowIds: readonly string[],
	colIds: readonly string[],
	locale: Locale
): string[][] {
	const columns = colIds.map((id) => sheet.column(id)).filter((c): c is Column => !!c);
	return rowIds.map((rowId) =>
		columns.map((c) => formatValue(c.type, sheet.getCell(rowId, c.id), locale))
	);
}

/** Empties the given cells (those not empty already) in one step. Returns how many changed. */
export function clearCells(sheet: Sheet, rowIds: readonly string[], colIds: readonly string[]) {
	const edits: { rowId: string; colId: string; value: string }[] = [];
	for (const rowId of rowIds) {
		for (const colId of colIds) {
			if (sheet.getCell(rowId, colId) !== '') edits.push({ rowId, colId, value: '' });
		}
	}
	if (edits.length) inOneStep(sheet, () => sheet.setCells(edits));
	return edits.length;
}

/**
 * Copies rows into rows, cell by cell as stored, for each `[from, to]` pair and each column:
 * the fill handle and Ctrl+D. One step; returns how many cells changed (cells that already hold
 * the value are not written).
 */
export function copyRows(
	sheet: Sheet,
	pairs: readonly (readonly [string, string])[],
	colIds: readonly string[],
	also?: AlsoSet
): number {
	const edits: { rowId: string; colId: string; value: string }[] = [];
	for (const [from, to] of pairs) {
		for (const colId of colIds) {
			const value = sheet.getCell(from, colId);
			if (sheet.getCell(to, colId) !== value) edits.push({ rowId: to, colId, value });
		}
	}
	if (edits.length) inOneStep(sheet, () => sheet.setCells(withAlso(edits, also)));
	return edits.length;
}

/** Ctrl+D: the first row's values go into every other given row (`copyRows`). */
export function fillDown(
	sheet: Sheet,
	rowIds: readonly string[],
	colIds: readonly string[],
	also?: AlsoSet
) {
	return copyRows(
		sheet,
		rowIds.slice(1).map((to) => [rowIds[0], to] as const),
		colIds,
		also
	);
}
