import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newId } from './ids';
import { Sheet } from './sheet';
import { stageRows } from './staging';

/**
 * `applyStaged` leaves each chunk's bytes in the slice they came in (a view, 6a6055b): every way
 * a doc's chunks leave it afterwards — a second import written by the same encoder, the doc's
 * state sent whole, undo and redo of the import, a cancelled import collected — must still give
 * every cell. Slices applied as the page does, each as soon as it is made.
 */
function importRows(sheet: Sheet, columns: string[], rows: string[][]): string[] {
	const importId = newId();
	const slices: Uint8Array[] = [];
	stageRows({
		importId,
		after: sheet.lastOrder(),
		columns,
		rows,
		chunkRows: 50,
		sliceRows: 200,
		onSlice: (update) => {
			slices.push(update);
			sheet.applyStaged(update);
		}
	});
	// The test means something only while the chunks are views of the slices.
	const buffers = new Set(slices.map((s) => s.buffer));
	let views = 0;
	sheet.doc.getMap<Uint8Array>('chunks').forEach((bytes) => {
		if (buffers.has(bytes.buffer as ArrayBuffer)) views++;
	});
	expect(views).toBe(Math.ceil(rows.length / 50));
	return sheet.commitImport(importId);
}

function residents(n: number, tag: string): string[][] {
	return Array.from({ length: n }, (_, i) => [
		`${tag} Иванова Ёлка ${i}`,
		// Every tenth row has a character outside Windows-1251: its chunk is UTF-8.
		i % 10 === 0 ? `звонила 🙂 ${i}\u001e\u001f\u001b` : `кв. ${i}; «дочь»\u0000`,
		'Ж'.repeat(i % 7 === 0 ? 3000 : 5)
	]);
}

const cells = (sheet: Sheet, ids: string[], columns: string[]) =>
	ids.map((id) => columns.map((c) => sheet.getCell(id, c)));

describe('staged chunks kept as views of their slices', () => {
	it('stay whole through a second import, the doc sent whole, undo, redo and a cancelled import', () => {
		const sheet = new Sheet(new Y.Doc());
		const columns = sheet.addColumns([
			{ title: 'ФИО' },
			{ title: 'Примечание' },
			{ title: 'Адрес' }
		]);
		const first = residents(1000, 'А');
		const firstIds = importRows(sheet, columns, first);
		const undo = sheet.createUndoManager({ captureTimeout: 0 });
		const second = residents(900, 'Б');
		const secondIds = importRows(sheet, columns, second);
		undo.stopCapturing();
		expect(cells(sheet, firstIds, columns)).toEqual(first);
		expect(cells(sheet, secondIds, columns)).toEqual(second);

		// A staged import never committed, dropped: its chunks deleted and collected.
		const cancelled = newId();
		stageRows({
			importId: cancelled,
			after: sheet.lastOrder(),
			columns,
			rows: residents(300, 'В'),
			chunkRows: 50,
			sliceRows: 200,
			onSlice: (update) => sheet.applyStaged(update)
		});
		sheet.discardImport(cancelled);

		// Undo and redo of the second import; then the whole state read by a new replica.
		undo.undo();
		expect(sheet.rowCount).toBe(1000);
		expect(cells(sheet, firstIds, columns)).toEqual(first);
		undo.redo();
		expect(cells(sheet, secondIds, columns)).toEqual(second);
		const copy = new Y.Doc();
		Y.applyUpdate(copy, Y.encodeStateAsUpdate(sheet.doc));
		const other = new Sheet(copy);
		expect(other.rowCount).toBe(1900);
		expect(cells(other, firstIds, columns)).toEqual(first);
		expect(cells(other, secondIds, columns)).toEqual(second);
	});
});
