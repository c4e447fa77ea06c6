import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Sheet } from './sheet';
import { stageForTest } from './testing';

/** What the export read before `rowValues`: `getRow(id)[column] ?? ''`. */
function viaGetRow(sheet: Sheet, rowIds: readonly string[], columnIds: readonly string[]) {
	return rowIds.map((id) => {
		const row = sheet.getRow(id) as Record<string, string | undefined>;
		return columnIds.map((c) => row[c] ?? '');
	});
}

function expectSame(sheet: Sheet, rowIds: readonly string[], columnIds: readonly string[]) {
	expect(sheet.rowValues(rowIds, columnIds)).toEqual(viaGetRow(sheet, rowIds, columnIds));
}

function newSheet() {
	const sheet = new Sheet(new Y.Doc());
	const [name, phone] = sheet.addColumns([{ title: 'ФИО' }, { title: 'Телефон', type: 'phone' }]);
	return { sheet, name, phone };
}

/** Stage rows the way the import worker does; returns the updates (not applied). */
function stage(sheet: Sheet, columns: string[], rows: string[][], importId?: string) {
	return stageForTest(sheet, columns, rows, { chunkRows: 2, sliceRows: 4 }, importId);
}

describe('Sheet.rowValues reads what getRow reads', () => {
	it('for the rows of a staged import before and after its commit, and after undo and redo', () => {
		const a = newSheet();
		const b = new Sheet(new Y.Doc());
		Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.sheet.doc));
		const [district] = a.sheet.addColumns([{ title: 'Район' }]);
		Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.sheet.doc));
		const byHand = a.sheet.addRow({ [a.name]: 'Вручную', [a.phone]: '+79110000001' });
		const rows = Array.from({ length: 7 }, (_, i) => [`Житель ${i}`, i % 3 ? '' : 'Кировский']);
		const { importId, updates } = stage(a.sheet, [a.name, district], rows);
		for (const u of updates) {
			a.sheet.applyStaged(u);
			b.applyStaged(u);
		}
		// The ids the staged rows will have, learnt from a copy that commits them.
		const stagedIds = b.commitImport(importId);
		expect(stagedIds).toHaveLength(7);
		const columns = [a.phone, district, a.name, 'unknown'];
		const ids = [byHand, ...stagedIds];
		expectSame(a.sheet, ids, columns);
		expect(a.sheet.rowValues(stagedIds.slice(0, 1), columns)).toEqual([['', '', '', '']]);

		const undo = a.sheet.createUndoManager({ captureTimeout: 0 });
		expect(a.sheet.commitImport(importId)).toEqual(stagedIds);
		undo.stopCapturing();
		a.sheet.setCells([
			{ rowId: stagedIds[0], colId: district, value: '' }, // cleared: '' wins over the chunk
			{ rowId: stagedIds[1], colId: a.phone, value: '+78125550000' }, // not in the chunk
			{ rowId: byHand, colId: district, value: 'Выборгский' }
		]);
		undo.stopCapturing();
		a.sheet.deleteRows([stagedIds[2]]);
		a.sheet.deleteColumn(a.phone);
		expectSame(a.sheet, ids, columns);
		expect(a.sheet.rowValues([stagedIds[0], stagedIds[1]], [district, a.phone])).toEqual([
			['', ''],
			['', '+78125550000']
		]);
		undo.stopCapturing();
		while (undo.canUndo()) {
			undo.undo();
			expectSame(a.sheet, ids, columns);
		}
		expect(a.sheet.rowValues([stagedIds[0]], [a.name])).toEqual([['']]);
		while (undo.canRedo()) {
			undo.redo();
			expectSame(a.sheet, ids, columns);
		}
		expect(a.sheet.rowValues([stagedIds[0]], [district, a.name])).toEqual([['', 'Житель 0']]);
	});

	it('for rows in any order over chunks of different columns, repeated and interleaved', () => {
		const { sheet, name, phone } = newSheet();
		const first = sheet.addRows({
			columns: [name, phone],
			rows: Array.from({ length: 5 }, (_, i) => [`А ${i}`, `+7911000000${i}`]),
			chunkSize: 2
		});
		const [note] = sheet.addColumns([{ title: 'Примечание', type: 'longtext' }]);
		const second = sheet.addRows({
			columns: [note, phone],
			rows: [
				['заметка', '+78120000000'],
				['', '']
			]
		});
		sheet.setCell(second[1], name, 'Дописан');
		const ids = [second[0], first[4], first[0], second[1], first[1], first[0], second[0]];
		expectSame(sheet, ids, [note, name, phone]);
		expectSame(sheet, ids, [phone, phone]);
		expectSame(sheet, ids, []);
		expect(sheet.rowValues([], [name])).toEqual([]);
	});
});

describe('Sheet.decodeRows', () => {
	it('changes nothing getRow reads: any range, ids of no chunk, edits and deletes after', () => {
		const a = newSheet();
		const [district] = a.sheet.addColumns([{ title: 'Район' }]);
		const rows = Array.from({ length: 9 }, (_, i) => [`Житель ${i}`, i % 2 ? '' : 'Кировский']);
		const { importId, updates } = stage(a.sheet, [a.name, district], rows);
		for (const u of updates) a.sheet.applyStaged(u);
		const ids = a.sheet.commitImport(importId);
		a.sheet.setCell(ids[3], district, 'Выборгский');
		a.sheet.deleteRows([ids[5]]);
		// Loaded from the stored document: every chunk still as stored, as in a colleague's page.
		const state = Y.encodeStateAsUpdate(a.sheet.doc);
		const load = () => {
			const sheet = new Sheet(new Y.Doc());
			Y.applyUpdate(sheet.doc, state);
			return sheet;
		};
		const expected = load();
		const asked = [...ids, 'нет.0', `${ids[0].slice(0, ids[0].lastIndexOf('.'))}.zz`];
		const read = (sheet: Sheet) => asked.map((id) => sheet.getRow(id));
		for (const [from, to] of [
			[0, 0],
			[0, 1],
			[2, 5],
			[4, asked.length],
			[0, asked.length]
		]) {
			const sheet = load();
			sheet.decodeRows(asked, from, to);
			expect(read(sheet)).toEqual(read(expected));
			expect(sheet.rowValues(asked, [district, a.name])).toEqual(
				expected.rowValues(asked, [district, a.name])
			);
			// Edits after the decoding are read too.
			sheet.setCell(ids[1], a.name, 'Исправлено');
			sheet.decodeRows(asked, 0, asked.length);
			expect(sheet.getRow(ids[1])[a.name]).toBe('Исправлено');
		}
	});
});
