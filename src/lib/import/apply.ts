/**
 * Writes a prepared import into a sheet in ONE Yjs transaction: the new columns, the new rows
 * (as bulk chunks) and the updates of existing rows. One transaction is one undo step for the
 * coordinator and one update to the relay for the other operators; before it, the sheet is
 * untouched, so a cancelled or failed import leaves it exactly as it was.
 */
import { createMappedColumns, existingRowsOf, type ColumnMapping, type ExistingRow } from '../csv';
import type { Sheet } from '../model/sheet';
import { importKeyColumns, type ImportTargetColumn, type PreparedImport } from './plan';

export interface AppliedImport {
	added: string[];
	updated: number;
	/** Ids of the columns the import created. */
	createdColumns: string[];
}

export function applyPreparedImport(
	sheet: Sheet,
	targets: ImportTargetColumn[],
	prepared: PreparedImport
): AppliedImport {
	const result: AppliedImport = { added: [], updated: 0, createdColumns: [] };
	const existingIds = new Set(sheet.columns().map((c) => c.id));
	sheet.doc.transact(() => {
		const mapping: ColumnMapping[] = targets.map((t) => ({
			csvIndex: t.csvIndex,
			target:
				t.key.startsWith('new:') || !existingIds.has(t.key)
					? { kind: 'new', title: t.title, type: t.type }
					: { kind: 'existing', columnId: t.key }
		}));
		const ids = createMappedColumns(sheet, mapping);
		const idOf = new Map<string, string>();
		for (const t of targets) {
			const id = ids[t.csvIndex];
			if (!id) continue;
			idOf.set(t.key, id);
			if (id !== t.key) result.createdColumns.push(id);
		}
		const columns = prepared.keys.map((k) => idOf.get(k) ?? k);
		result.added = sheet.addRows({ columns, rows: prepared.rows });
		const edits: { rowId: string; colId: string; value: string }[] = [];
		for (const update of prepared.updates) {
			if (!sheet.hasRow(update.rowId)) continue;
			for (const [key, value] of update.cells)
				edits.push({ rowId: update.rowId, colId: idOf.get(key) ?? key, value });
			result.updated++;
		}
		if (edits.length > 0) sheet.setCells(edits);
	}, sheet.origin);
	return result;
}

/** The target sheet's rows with the key columns of this mapping, for duplicate detection. */
export function existingRowsForImport(
	sheet: Sheet,
	sheetId: string,
	targets: ImportTargetColumn[]
): ExistingRow[] {
	return existingRowsOf(sheet, sheetId, importKeyColumns(targets));
}
