/**
 * The glue between a parsed file and a `Sheet`: values in their stored form per column type,
 * the key columns of a sheet, its rows for duplicate detection, and one transaction that
 * applies an import plan (one undo step, one update to the relay).
 *
 * The whole import, as the worker and the dialog run it:
 * ```ts
 * const parsed = parseCsvBytes(bytes);                                  // decode + parse
 * const mapping = autoMap(parsed.header ?? [], sheet.columns(), { rows: parsed.rows });
 * const columnIds = createMappedColumns(sheet, mapping);                 // after the dialog
 * const incoming = toIncomingRows({ parsed, columnIds, columns: sheet.columns() });
 * const keys = keyColumnsOf(sheet.columns(), { row: columnIds.filter((id) => id !== null) });
 * const duplicates = findDuplicates({ incoming, keyColumns: keys, targetSheetId,
 *   existing: existingRowsOf(sheet, targetSheetId, keys) });
 * applyImportPlan(sheet, planImport({ incoming, duplicates, policy: 'skip' }));
 * ```
 */
import { normalizeValue, withoutHidden } from '../values';
import type { ColumnType, Sheet } from '../model/sheet';
import type { ImportPlan, ExistingRow, IncomingRow, KeyColumns } from './dedupe';
import { fieldOfHeader, type ColumnMapping, type SheetColumnRef } from './mapping';

/**
 * The sheet's key columns: a phone column (by title, else by type), full name (or Фамилия +
 * Имя + Отчество), date of birth, address; `row`: the columns an import fills, compared as a
 * whole for rows without any other key.
 */
export function keyColumnsOf(
	columns: SheetColumnRef[],
	options: { row?: readonly string[] } = {}
): KeyColumns {
	const keys: KeyColumns = options.row ? { row: options.row } : {};
	const parts: Partial<Record<'lastName' | 'firstName' | 'patronymic', string>> = {};
	for (const col of columns) {
		const field = fieldOfHeader(col.title);
		if (!keys.phone && (field === 'phone' || (col.type === 'phone' && !field))) keys.phone = col.id;
		else if (!keys.name && field === 'name') keys.name = col.id;
		else if (!keys.birthDate && field === 'birthDate') keys.birthDate = col.id;
		else if (!keys.address && field === 'address') keys.address = col.id;
		else if (field === 'lastName' || field === 'firstName' || field === 'patronymic')
			parts[field] ??= col.id;
	}
	if (!keys.name && parts.lastName) {
		keys.name = [parts.lastName, parts.firstName, parts.patronymic].filter(
			(id): id is string => !!id
		);
	}
	return keys;
}

function keyColumnIds(keys: KeyColumns): string[] {
	const ids: string[] = [];
	if (keys.phone) ids.push(keys.phone);
	if (typeof keys.name === 'string') ids.push(keys.name);
	else if (keys.name) ids.push(...keys.name);
	if (keys.birthDate) ids.push(keys.birthDate);
	if (keys.address) ids.push(keys.address);
	if (keys.row) ids.push(...keys.row);
	return [...new Set(ids)];
}

/**
 * A sheet's visible rows with only their key columns, for `findDuplicates`; with `deleted`, its
 * deleted rows too, marked so.
 */
export function existingRowsOf(
	sheet: Sheet,
	sheetId: string,
	keys: KeyColumns,
	options: { deleted?: boolean } = {}
): ExistingRow[] {
	const ids = keyColumnIds(keys);
	const valuesOf = (rowId: string) => {
		const values: Record<string, string> = {};
		for (const id of ids) values[id] = sheet.getCell(rowId, id);
		return values;
	};
	const rows: ExistingRow[] = sheet
		.rowIds()
		.map((rowId) => ({ sheetId, rowId, values: valuesOf(rowId) }));
	if (options.deleted)
		for (const { id } of sheet.deletedRows())
			rows.push({ sheetId, rowId: id, values: valuesOf(id), deleted: true });
	return rows;
}

/**
 * Add the mapping's new columns to the sheet. Returns the column id for each CSV column
 * (null for a skipped one), indexed by `csvIndex`.
 */
export function createMappedColumns(sheet: Sheet, mapping: ColumnMapping[]): (string | null)[] {
	const fresh: { csvIndex: number; title: string; type: ColumnType }[] = [];
	for (const { csvIndex, target } of mapping) {
		if (target.kind === 'new') fresh.push({ csvIndex, title: target.title, type: target.type });
	}
	const created = sheet.addColumns(fresh.map(({ title, type }) => ({ title, type })));
	const createdByIndex = new Map(fresh.map((f, i) => [f.csvIndex, created[i]]));
	const ids: (string | null)[] = [];
	for (const { csvIndex, target } of mapping) {
		if (target.kind === 'existing') ids[csvIndex] = target.columnId;
		else ids[csvIndex] = createdByIndex.get(csvIndex) ?? null;
	}
	return ids;
}

export interface ToIncomingOptions {
	parsed: { rows: string[][]; rowLines: number[] };
	/** Column id per CSV column (null: not imported), as `createMappedColumns` returns. */
	columnIds: (string | null)[];
	/** The target sheet's columns, for their types. */
	columns: { id: string; type: ColumnType }[];
}

/**
 * Parsed rows → values by column id in their stored form (`8 (812) 123-45-67` →
 * `+78121234567`, `05.03.1941` → `1941-03-05`). A value that does not fit its column's type is
 * kept exactly as it was in the file (the grid flags it), never dropped; invisible control
 * characters are left out of every value (`withoutHidden`).
 */
export function toIncomingRows(options: ToIncomingOptions): IncomingRow[] {
	const { parsed, columnIds, columns } = options;
	const typeOf = new Map(columns.map((c) => [c.id, c.type]));
	const targets: { index: number; id: string; type: ColumnType }[] = [];
	columnIds.forEach((id, index) => {
		if (id) targets.push({ index, id, type: typeOf.get(id) ?? 'text' });
	});
	return parsed.rows.map((cells, r) => {
		const values: Record<string, string> = {};
		for (const { index, id, type } of targets) {
			const raw = cells[index] ?? '';
			values[id] = raw === '' ? '' : normalizeValue(type, withoutHidden(raw)).value;
		}
		return { line: parsed.rowLines[r] ?? r + 1, values };
	});
}

/**
 * Apply a plan to the sheet in ONE transaction: the new rows as bulk chunks, the updates as
 * cell edits. Returns the new row ids, in `plan.toAdd` order.
 */
export function applyImportPlan(
	sheet: Sheet,
	plan: ImportPlan
): { added: string[]; updated: number } {
	const columns = sheet.columns().map((c) => c.id);
	let added: string[] = [];
	sheet.doc.transact(() => {
		added = sheet.addRows({
			columns,
			rows: plan.toAdd.map((row) => columns.map((id) => row.values[id] ?? ''))
		});
		const edits: { rowId: string; colId: string; value: string }[] = [];
		for (const update of plan.toUpdate) {
			for (const [colId, value] of Object.entries(update.values))
				edits.push({ rowId: update.rowId, colId, value });
		}
		if (edits.length > 0) sheet.setCells(edits);
	}, sheet.origin);
	return { added, updated: plan.toUpdate.length };
}
