import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { generateCallListCsv } from '../../../bench/data';
import { Sheet } from '../model/sheet';
import { templateColumns } from '../model/templates';
import { findDuplicates, planImport, type DuplicatePolicy } from './dedupe';
import {
	applyImportPlan,
	createMappedColumns,
	existingRowsOf,
	keyColumnsOf,
	toIncomingRows
} from './importing';
import { autoMap } from './mapping';
import { parseCsvBytes } from './parse';

function callList(): Sheet {
	const sheet = new Sheet(new Y.Doc());
	sheet.addColumns(templateColumns('callList', 'ru'));
	return sheet;
}

/** The whole import as the dialog runs it, with the automatic mapping. */
function importFile(
	sheet: Sheet,
	bytes: Uint8Array,
	policy: DuplicatePolicy,
	others: { sheet: Sheet; id: string }[] = []
) {
	const parsed = parseCsvBytes(bytes);
	const mapping = autoMap(parsed.header ?? [], sheet.columns(), { rows: parsed.rows });
	const columnIds = createMappedColumns(sheet, mapping);
	const columns = sheet.columns();
	const incoming = toIncomingRows({ parsed, columnIds, columns });
	const keyColumns = keyColumnsOf(columns, {
		row: columnIds.filter((id): id is string => id !== null)
	});
	const keyColumnsBySheet: Record<string, ReturnType<typeof keyColumnsOf>> = {};
	const existing = existingRowsOf(sheet, 'target', keyColumns);
	for (const other of others) {
		keyColumnsBySheet[other.id] = keyColumnsOf(other.sheet.columns());
		existing.push(...existingRowsOf(other.sheet, other.id, keyColumnsBySheet[other.id]));
	}
	const duplicates = findDuplicates({
		incoming,
		existing,
		keyColumns,
		keyColumnsBySheet,
		targetSheetId: 'target'
	});
	const plan = planImport({ incoming, duplicates, policy });
	return { parsed, mapping, duplicates, plan, result: applyImportPlan(sheet, plan) };
}

describe('CSV import into a sheet', () => {
	const csv = generateCallListCsv({ rows: 400, seed: 21 });
	const bytes = new TextEncoder().encode(csv);

	it('maps the call list onto the template and stores typed values', () => {
		const sheet = callList();
		const { mapping, result } = importFile(sheet, bytes, 'skip');
		const byTitle = new Map(sheet.columns().map((c) => [c.title, c.id]));
		// All 10 template columns reused, 2 new ones (Поликлиника, СНИЛС).
		expect(mapping.filter((m) => m.target.kind === 'existing')).toHaveLength(10);
		expect(sheet.columns().map((c) => c.title)).toContain('СНИЛС');
		expect(result.added.length).toBeGreaterThan(390);
		const phones = result.added.map((id) => sheet.getCell(id, byTitle.get('Телефон')!));
		expect(phones.filter((p) => /^\+7\d{10}$/.test(p)).length).toBeGreaterThan(300);
		const births = result.added.map((id) => sheet.getCell(id, byTitle.get('Дата рождения')!));
		expect(births.filter((b) => /^\d{4}-\d{2}-\d{2}$/.test(b)).length).toBeGreaterThan(380);
	});

	it("importing the same file twice with 'skip' adds nothing the second time", () => {
		const sheet = callList();
		const first = importFile(sheet, bytes, 'skip');
		const rowsAfterFirst = sheet.rowCount;
		const columnsAfterFirst = sheet.columns().length;
		expect(rowsAfterFirst).toBe(first.result.added.length);

		const updates: Uint8Array[] = [];
		sheet.doc.on('update', (u: Uint8Array) => updates.push(u));
		const second = importFile(sheet, bytes, 'skip');
		expect(second.result.added).toEqual([]);
		expect(sheet.rowCount).toBe(rowsAfterFirst);
		expect(sheet.columns().length).toBe(columnsAfterFirst);
		expect(second.plan.skipped.length).toBe(second.parsed.rows.length);
		expect(updates).toEqual([]);
	});

	it("importing it again with 'update' changes no row count and writes nothing new", () => {
		const sheet = callList();
		importFile(sheet, bytes, 'skip');
		const before = Y.encodeStateVector(sheet.doc);
		const again = importFile(sheet, bytes, 'update');
		expect(again.result.added).toEqual([]);
		expect(again.plan.toUpdate.length).toBeGreaterThan(0);
		expect(Y.encodeStateVector(sheet.doc)).toEqual(before);
	});

	it('is one undo step', () => {
		const sheet = callList();
		const undo = sheet.createUndoManager();
		importFile(sheet, bytes, 'skip');
		expect(sheet.rowCount).toBeGreaterThan(0);
		undo.undo();
		expect(sheet.rowCount).toBe(0);
	});

	it('reports residents already in another sheet without skipping them', () => {
		const requests = new Sheet(new Y.Doc());
		const [name, phone] = requests.addColumns([
			{ title: 'Заявитель' },
			{ title: 'Тел.', type: 'phone' }
		]);
		const sheet = callList();
		const firstRun = importFile(callList(), bytes, 'keep');
		const someone = firstRun.parsed.rows.find((r) => /^\+7|^8/.test(r[1]) && !r[1].includes(','))!;
		requests.addRow({ [name]: someone[0], [phone]: someone[1] });

		const { duplicates, result } = importFile(sheet, bytes, 'skip', [
			{ sheet: requests, id: 'req' }
		]);
		expect(duplicates.filter((d) => d.inOtherSheets.length > 0).length).toBeGreaterThanOrEqual(1);
		expect(result.added.length).toBe(firstRun.result.added.length);
	});
});
