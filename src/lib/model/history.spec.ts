import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { MAX_ENTRY_ITEMS, MAX_HISTORY_VALUE, readEntry } from './history';
import { Sheet } from './sheet';
import { createNetwork, seededRandom } from './testing';

const ANNA = { id: 'op-anna', name: 'Анна', color: '#2a9d8f' };
const BORIS = { id: 'op-boris', name: 'Борис', color: '#1f77b4' };
const VERA = { id: 'op-vera', name: 'Вера' };

function newSheet(author = ANNA) {
	const sheet = new Sheet(new Y.Doc(), { author });
	const [name, outcome] = sheet.addColumns([{ title: 'ФИО' }, { title: 'Результат звонка' }]);
	return { sheet, name, outcome };
}

describe('history of a sheet', () => {
	it('an edit records who made it, when, the earlier value and the new one', () => {
		const { sheet, name, outcome } = newSheet();
		const [row] = sheet.addRows({ columns: [name], rows: [['Иванова']] });
		const before = Date.now();
		sheet.setCell(row, outcome, 'не дозвонились');
		sheet.setCell(row, outcome, 'дозвонились');
		const items = sheet.history.forCell(row, outcome);
		expect(items.map((i) => [i.author.name, i.old, i.value])).toEqual([
			['Анна', 'не дозвонились', 'дозвонились'],
			['Анна', '', 'не дозвонились']
		]);
		expect(items[0].author).toEqual(ANNA);
		expect(items[0].time).toBeGreaterThanOrEqual(before);
		// The row's history also says when the row was added.
		expect(sheet.history.forRow(row).map((i) => i.kind)).toEqual(['cell', 'cell', 'added']);
	});

	it('an edit of an imported value keeps the imported value as the earlier one', () => {
		const { sheet, name } = newSheet();
		const [row] = sheet.addRows({ columns: [name], rows: [['Петров']] });
		sheet.setCell(row, name, 'Петров Иван');
		expect(sheet.history.forCell(row, name)[0]).toMatchObject({
			old: 'Петров',
			value: 'Петров Иван'
		});
	});

	it('setting a cell to its own value records nothing', () => {
		const { sheet, name } = newSheet();
		const row = sheet.addRow({ [name]: 'А' });
		const before = sheet.history.length;
		sheet.setCell(row, name, 'А');
		expect(sheet.history.length).toBe(before);
	});

	it('a bulk add is one entry with its chunks, not one per row or cell', () => {
		const { sheet, name, outcome } = newSheet();
		const rows = Array.from({ length: 2500 }, (_, i) => [`Житель ${i}`, '']);
		const ids = sheet.addRows({ columns: [name, outcome], rows });
		expect(sheet.history.length).toBe(1);
		const [entry] = sheet.history.entries();
		expect(entry.add?.map(([, n]) => n)).toEqual([1000, 1000, 500]);
		expect(entry.cells).toBeUndefined();
		expect(sheet.history.forRow(ids[2499]).map((i) => i.kind)).toEqual(['added']);
	});

	it('a paste of many cells is one entry with every cell', () => {
		const { sheet, name, outcome } = newSheet();
		const ids = sheet.addRows({ columns: [name], rows: [['а'], ['б'], ['в']] });
		sheet.setCells(ids.map((rowId) => ({ rowId, colId: outcome, value: 'перезвонить' })));
		expect(sheet.history.length).toBe(2);
		expect(sheet.history.entries()[1].cells).toHaveLength(3);
		for (const id of ids) expect(sheet.history.forCell(id, outcome)).toHaveLength(1);
	});

	it('deletes and restores are in the row history', () => {
		const { sheet, name } = newSheet();
		const [a, b] = sheet.addRows({ columns: [name], rows: [['а'], ['б']] });
		sheet.deleteRows([a, b]);
		sheet.restoreRows([b]);
		expect(sheet.history.forRow(b).map((i) => i.kind)).toEqual(['restored', 'deleted', 'added']);
		expect(sheet.history.forRow(a).map((i) => i.kind)).toEqual(['deleted', 'added']);
	});

	it('an undo is recorded as a change of its own and keeps the entry of the edit it undoes', () => {
		const { sheet, name, outcome } = newSheet();
		const undo = sheet.createUndoManager({ captureTimeout: 0 });
		const row = sheet.addRow({ [name]: 'Сидоров' });
		undo.stopCapturing();
		sheet.setCell(row, outcome, 'отказ');
		undo.undo();
		expect(sheet.getCell(row, outcome)).toBe('');
		let items = sheet.history.forCell(row, outcome);
		expect(items.map((i) => [i.undo ?? 'edit', i.old, i.value])).toEqual([
			['undo', 'отказ', ''],
			['edit', '', 'отказ']
		]);
		undo.redo();
		items = sheet.history.forCell(row, outcome);
		expect(items[0]).toMatchObject({ undo: 'redo', old: '', value: 'отказ', author: ANNA });
		expect(items).toHaveLength(3);
		// The history entries are not part of what undo takes back.
		undo.undo();
		undo.undo();
		expect(sheet.rowCount).toBe(0);
		expect(sheet.history.forRow(row).map((i) => `${i.kind}:${i.undo ?? ''}`)).toEqual([
			'removed:undo',
			'cell:undo',
			'cell:redo',
			'cell:undo',
			'cell:',
			'added:'
		]);
	});

	it('an undo of a delete reads as a restore by undo', () => {
		const { sheet, name } = newSheet();
		const undo = sheet.createUndoManager({ captureTimeout: 0 });
		const row = sheet.addRow({ [name]: 'а' });
		undo.stopCapturing();
		sheet.deleteRows([row]);
		undo.undo();
		expect(sheet.history.forRow(row)[0]).toMatchObject({ kind: 'restored', undo: 'undo' });
	});

	it('caps an entry: at most MAX_ENTRY_ITEMS cells listed, the rest counted; long values cut', () => {
		const { sheet, name, outcome } = newSheet();
		const rows = Array.from({ length: MAX_ENTRY_ITEMS + 1000 }, (_, i) => [`Житель ${i}`]);
		const ids = sheet.addRows({ columns: [name], rows });
		sheet.setCells(ids.map((rowId) => ({ rowId, colId: outcome, value: 'да' })));
		const entry = sheet.history.entries()[1];
		expect(entry.cells).toHaveLength(MAX_ENTRY_ITEMS);
		expect(entry.more).toBe(1000);

		const long = 'x'.repeat(MAX_HISTORY_VALUE * 3);
		sheet.setCell(ids[0], name, long);
		const [item] = sheet.history.forCell(ids[0], name);
		expect(item.value).toHaveLength(MAX_HISTORY_VALUE);
		expect(item.value?.endsWith('…')).toBe(true);
		expect(sheet.getCell(ids[0], name)).toBe(long);
	});

	it.each([1, 2, 3, 4, 5, 6, 7, 8])(
		'several operators recording at once all keep their entries (seed %i)',
		(seed) => {
			const net = createNetwork(3, seededRandom(seed));
			const sheets = net.docs.map((d, i) => new Sheet(d, { author: [ANNA, BORIS, VERA][i] }));
			const [name, outcome] = sheets[0].addColumns([{ title: 'ФИО' }, { title: 'Результат' }]);
			const [row] = sheets[0].addRows({ columns: [name], rows: [['Иванова']] });
			net.sync();
			// Read once before, so the index is built and must take remote entries incrementally.
			for (const s of sheets) expect(s.history.forRow(row)).toHaveLength(1);
			sheets[0].setCell(row, outcome, 'дозвонились');
			sheets[1].setCell(row, outcome, 'не дозвонились');
			sheets[2].setCell(row, name, 'Иванова Мария');
			sheets[2].deleteRows([row]);
			net.sync();
			const seen = sheets.map((s) =>
				s.history
					.forRow(row)
					.map((i) => `${i.author.name} ${i.kind} ${i.value ?? ''}`)
					.sort()
			);
			expect(seen[0]).toEqual([
				'Анна added ',
				'Анна cell дозвонились',
				'Борис cell не дозвонились',
				'Вера cell Иванова Мария',
				'Вера deleted '
			]);
			expect(seen[1]).toEqual(seen[0]);
			expect(seen[2]).toEqual(seen[0]);
			expect(sheets.map((s) => s.history.length)).toEqual([5, 5, 5]);
		}
	);

	it('writtenBy: the cells one operator wrote since a time, the value she typed (not what it set along), her latest, undos left out', () => {
		const net = createNetwork(2, seededRandom(3));
		const [a, b] = net.docs.map((d, i) => new Sheet(d, { author: [ANNA, BORIS][i] }));
		const undo = b.createUndoManager({ captureTimeout: 0 });
		const [name, outcome, operator, address] = a.addColumns([
			{ title: 'ФИО' },
			{ title: 'Результат звонка' },
			{ title: 'Оператор' },
			{ title: 'Адрес' }
		]);
		const [r1, r2, r3] = a.addRows({ columns: [name], rows: [['Лебедева'], ['Орлов'], ['Зуев']] });
		net.sync();
		b.setCell(r3, address, 'до');
		// (From the next millisecond: «до» was written before.)
		const since = Date.now() + 1;
		while (Date.now() < since) continue;
		// A result typed with its log: the result is hers, the operator's name came along.
		b.setCells([
			{ rowId: r1, colId: outcome, value: 'не дозвонились' },
			{ rowId: r1, colId: operator, value: 'Борис' }
		]);
		b.setCell(r2, address, 'ул. Ленина, 5');
		b.setCell(r2, address, 'ул. Ленина, 5, кв. 2');
		undo.stopCapturing();
		b.setCell(r3, outcome, 'отказ');
		undo.undo();
		a.setCell(r1, address, 'коллеги');
		net.sync();
		expect(b.history.writtenBy(BORIS.id, since)).toEqual([
			{ rowId: r1, colId: outcome, value: 'не дозвонились' },
			{ rowId: r2, colId: address, value: 'ул. Ленина, 5, кв. 2' },
			{ rowId: r3, colId: outcome, value: 'отказ' }
		]);
		// (The undone «отказ» is listed as written: the grid keeps only cells still holding it.)
		expect(b.getCell(r3, outcome)).toBe('');
		expect(b.history.writtenBy(BORIS.id, Date.now() + 1_000)).toEqual([]);
		expect(b.history.writtenBy('', since)).toEqual([]);
	});

	it('changes received from a colleague are not recorded again by this replica', () => {
		const net = createNetwork(2, seededRandom(1));
		const [a, b] = net.docs.map((d, i) => new Sheet(d, { author: [ANNA, BORIS][i] }));
		const undoB = b.createUndoManager();
		const [name] = a.addColumns([{ title: 'ФИО' }]);
		a.addRow({ [name]: 'а' });
		net.sync();
		expect(undoB.canUndo()).toBe(false);
		expect(b.history.length).toBe(1);
	});

	it('broken or hostile entries from another replica are skipped', () => {
		const { sheet, name } = newSheet();
		const row = sheet.addRow({ [name]: 'а' });
		const array = sheet.doc.getArray('history');
		sheet.history.forRow(row);
		array.push([
			null,
			'<img src=x onerror=alert(1)>',
			{ t: 'now', by: 'x', n: 'x' },
			{ t: 1, by: 'x', n: 'x', cells: [[row, name, 1, {}]] },
			{ t: 1, by: 'x', n: 'x', del: 'all' },
			{
				t: 2,
				by: 'evil',
				n: 'Злоумышленник',
				c: 'red;background:url(x)',
				cells: [[row, name, 'а', 'б']]
			}
		]);
		const items = sheet.history.forRow(row);
		expect(items.map((i) => i.author.name)).toEqual(['Анна', 'Злоумышленник']);
		expect(items[1].author.color).toBeUndefined();
		expect(readEntry({ t: 1, by: 'x', n: 'y', more: -3 })).toEqual({ t: 1, by: 'x', n: 'y' });
	});

	it('reads one row of a 100,000-row sheet with many entries through its index, new entries too', () => {
		const { sheet, name, outcome } = newSheet();
		const rows = Array.from({ length: 100_000 }, (_, i) => [`Житель ${i}`]);
		const ids = sheet.addRows({ columns: [name], rows });
		for (let i = 0; i < 2000; i++) sheet.setCell(ids[i * 50], outcome, `звонок ${i}`);
		expect(sheet.history.forRow(ids[0]).map((i) => i.kind)).toEqual(['cell', 'added']);
		for (let i = 0; i < 100; i++)
			expect(sheet.history.forRow(ids[i * 50])[0]).toMatchObject({ value: `звонок ${i}` });
		sheet.setCell(ids[0], outcome, 'новое');
		expect(sheet.history.forCell(ids[0], outcome)[0].value).toBe('новое');
	});
});

describe('changes made in the same millisecond (found in review)', () => {
	it('are put in the array’s order by one walk over it, not one walk a row', () => {
		vi.useFakeTimers({ toFake: ['Date'] });
		try {
			vi.setSystemTime(new Date(2026, 11, 6, 11, 0));
			const { sheet, name, outcome } = newSheet();
			const rows = sheet.addRows({
				columns: [name],
				rows: Array.from({ length: 50 }, (_, i) => [`Жилец ${i}`])
			});
			// The history read once before (as logging a call does): its index made, then kept.
			expect(sheet.history.forRow(rows[0])).toHaveLength(1);
			// Each row with two changes in one millisecond.
			for (const row of rows) {
				sheet.setCell(row, outcome, 'не дозвонились');
				sheet.setCell(row, outcome, 'дозвонились');
			}
			const array = sheet.doc.getArray('history');
			let walks = 0;
			const start = Object.getOwnPropertyDescriptor(array, '_start')!;
			let value = start.value as unknown;
			Object.defineProperty(array, '_start', {
				configurable: true,
				get: () => (walks++, value),
				set: (v) => (value = v)
			});
			const newest = (row: string) => sheet.history.forCell(row, outcome)[0].value;
			expect(rows.map(newest)).toEqual(rows.map(() => 'дозвонились'));
			expect(walks).toBe(1);
			// A change of the array: walked again at the next read, once.
			sheet.setCell(rows[0], outcome, 'перезвонить');
			sheet.setCell(rows[0], outcome, 'отказ');
			const before = walks;
			expect(rows.map(newest).slice(0, 2)).toEqual(['отказ', 'дозвонились']);
			expect(rows.map(newest)).toHaveLength(50);
			expect(walks - before).toBe(1);
		} finally {
			vi.useRealTimers();
		}
	});

	/**
	 * Two operators change one cell in the same millisecond, each without the other's change, and
	 * a third change follows in that millisecond too. Equal times were ordered as each replica filed
	 * the entries (its own first), so each replica had another change newest, and a merge reading
	 * the newest (`Sheet.mergeCells`, a call list's) could give a different value on each.
	 */
	it.each([
		[1, 2],
		[2, 1]
	])('are in the same order on every replica, the array’s (clients %i, %i)', (a, b) => {
		vi.useFakeTimers({ toFake: ['Date'] });
		try {
			vi.setSystemTime(new Date(2026, 11, 6, 11, 0));
			const docs = [a, b].map((client) => {
				const doc = new Y.Doc();
				doc.clientID = client;
				return doc;
			});
			const [anna, boris] = docs.map((doc) => new Sheet(doc));
			anna.history.author = ANNA;
			boris.history.author = BORIS;
			const [name, outcome] = anna.addColumns([{ title: 'ФИО' }, { title: 'Результат звонка' }]);
			const [row] = anna.addRows({ columns: [name], rows: [['Иванова']] });
			const sync = (from: Y.Doc, to: Y.Doc) =>
				Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
			sync(docs[0], docs[1]);
			// Each replica has read the history (as logging a call does): entries filed as they come.
			for (const sheet of [anna, boris]) expect(sheet.history.forRow(row)).toHaveLength(1);
			anna.setCell(row, outcome, 'не дозвонились');
			boris.setCell(row, outcome, 'перезвонить');
			sync(docs[0], docs[1]);
			sync(docs[1], docs[0]);
			boris.setCell(row, outcome, 'дозвонились');
			sync(docs[1], docs[0]);
			const order = (sheet: Sheet) =>
				sheet.history.forCell(row, outcome).map((i) => `${i.author.name}: ${i.value}`);
			expect(order(anna)).toEqual(order(boris));
			// After whatever its writer had seen: Борис's last change is newest on both.
			expect(order(anna)[0]).toBe('Борис: дозвонились');
			// The array's order, reversed: the same as every replica reads the history in.
			const inArray = anna.history
				.entries()
				.filter((e) => e.cells)
				.map((e) => `${e.n}: ${e.cells![0][3]}`)
				.reverse();
			expect(order(anna)).toEqual(inArray);
			expect(order(boris)).toEqual(inArray);
		} finally {
			vi.useRealTimers();
		}
	});
});
