import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { isEmptyDoc, ModelError, Sheet, stampCreated, undoStep, type SheetChange } from './sheet';
import { stageForTest } from './testing';
import { formatDateTime } from '$lib/i18n';

function newSheet() {
	const sheet = new Sheet(new Y.Doc());
	const [name, phone, note] = sheet.addColumns([
		{ title: 'ФИО' },
		{ title: 'Телефон', type: 'phone' },
		{ title: 'Примечание', type: 'longtext' }
	]);
	return { sheet, name, phone, note };
}

/** A colleague's replica of `sheet`, every update of either delivered to the other at once. */
function colleagueOf(sheet: Sheet): Sheet {
	const colleague = new Sheet(new Y.Doc());
	sheet.doc.on('update', (u: Uint8Array, origin: unknown) => {
		if (origin !== 'remote') Y.applyUpdate(colleague.doc, u, 'remote');
	});
	colleague.doc.on('update', (u: Uint8Array, origin: unknown) => {
		if (origin !== 'remote') Y.applyUpdate(sheet.doc, u, 'remote');
	});
	Y.applyUpdate(colleague.doc, Y.encodeStateAsUpdate(sheet.doc), 'remote');
	return colleague;
}

describe('sheet model', () => {
	it('adds rows and reads them back as plain objects', () => {
		const { sheet, name, phone } = newSheet();
		const id = sheet.addRow({ [name]: 'Иванова Мария Петровна', [phone]: '+79110000000' });
		expect(sheet.rowIds()).toEqual([id]);
		expect(sheet.getRow(id)).toEqual({
			id,
			[name]: 'Иванова Мария Петровна',
			[phone]: '+79110000000'
		});
		expect(sheet.getCell(id, phone)).toBe('+79110000000');
		expect(sheet.getCell(id, 'nope')).toBe('');
	});

	it('reads rows as arrays of given columns exactly as getRow reads them', () => {
		const { sheet, name, phone, note } = newSheet();
		const first = sheet.addRows({
			columns: [name, phone],
			rows: Array.from({ length: 7 }, (_, i) => [`Жилец ${i}`, i % 2 ? `+7911000000${i}` : '']),
			chunkSize: 3
		});
		// A column added later: the earlier chunks do not hold it.
		const [district] = sheet.addColumns([{ title: 'Район' }]);
		const second = sheet.addRows({
			columns: [district, note, name],
			rows: [
				['Калининский', 'две строки\nв ячейке', 'Петров'],
				['', '', '']
			]
		});
		sheet.setCells([
			{ rowId: first[1], colId: phone, value: '' }, // cleared: the overlay's '' wins
			{ rowId: first[4], colId: district, value: 'Выборгский' },
			{ rowId: second[0], colId: name, value: 'Петров П.' }
		]);
		sheet.deleteRows([first[2]]);
		const ids = [...first, ...second, 'no-such.0', first[0]];
		const columns = [phone, 'unknown', name, district, note];
		const expected = ids.map((id) => {
			const row = sheet.getRow(id) as Record<string, string | undefined>;
			return columns.map((c) => row[c] ?? '');
		});
		expect(sheet.rowValues(ids, columns)).toEqual(expected);
		expect(sheet.rowValues([first[4]], [district, name])).toEqual([['Выборгский', 'Жилец 4']]);
	});

	it('bulk insert writes rows in chunks, in order, in one transaction', () => {
		const { sheet, name, phone } = newSheet();
		let transactions = 0;
		sheet.doc.on('afterTransaction', () => transactions++);
		const rows = Array.from({ length: 2500 }, (_, i) => [`Житель ${i}`, `+7911${i}`]);
		const ids = sheet.addRows({ columns: [name, phone], rows });
		expect(transactions).toBe(1);
		expect(ids).toHaveLength(2500);
		expect(new Set(ids).size).toBe(2500);
		expect(sheet.rowIds()).toEqual(ids);
		expect(sheet.doc.getMap('chunks').size).toBe(3);
		expect(sheet.getCell(ids[2499], name)).toBe('Житель 2499');
	});

	it('an edited cell overrides the imported value; other cells keep theirs', () => {
		const { sheet, name, phone } = newSheet();
		const [id] = sheet.addRows({ columns: [name, phone], rows: [['А', '1']] });
		sheet.setCell(id, phone, '2');
		expect(sheet.getRow(id)).toEqual({ id, [name]: 'А', [phone]: '2' });
	});

	it('setting a cell to its current value writes nothing', () => {
		const { sheet, name } = newSheet();
		const id = sheet.addRow({ [name]: 'А' });
		const before = Y.encodeStateVector(sheet.doc);
		sheet.setCell(id, name, 'А');
		expect(Y.encodeStateVector(sheet.doc)).toEqual(before);
	});

	it('deletedRowsBy tells who deleted each row: two operators each deleting a namesake', () => {
		const { sheet, name } = newSheet();
		sheet.history.author = { id: 'op-irina', name: 'Ирина' };
		const colleague = colleagueOf(sheet);
		colleague.history.author = { id: 'op-boris', name: 'Борис' };
		const [a, b, c] = sheet.addRows({
			columns: [name],
			rows: [['Иванова Анна Петровна'], ['Иванова Анна Петровна'], ['Петров']]
		});
		sheet.deleteRows([a]);
		colleague.deleteRows([b]);
		const gone = sheet.deletedRowsBy(50);
		expect(gone.map((r) => [r.id, r.by?.name])).toEqual(
			expect.arrayContaining([
				[a, 'Ирина'],
				[b, 'Борис']
			])
		);
		expect(gone).toHaveLength(2);
		expect(gone.every((r) => r.deleted > 0)).toBe(true);
		// Restored and deleted again by the other: the newest delete says who.
		colleague.restoreRows([a]);
		colleague.deleteRows([a]);
		expect(sheet.deletedRowsBy(50).find((r) => r.id === a)?.by?.name).toBe('Борис');
		expect(sheet.deletedRowsBy(1)).toHaveLength(1);
		expect(sheet.hasRow(c)).toBe(true);
	});

	it('deletedRowsBy gives a moment a date can show when another client wrote no moment', () => {
		// Found in review of 2f01fde: a text or a number beyond any date in the deleted map (Yjs
		// takes any value) made «Удалённые строки» throw at formatDateTime for every operator.
		const { sheet, name } = newSheet();
		const [a, b, c] = sheet.addRows({ columns: [name], rows: [['А'], ['Б'], ['В']] });
		const rogue = colleagueOf(sheet);
		const deleted = rogue.doc.getMap<unknown>('deleted');
		rogue.doc.transact(() => {
			deleted.set(a, 'вчера');
			deleted.set(b, 1e20);
			deleted.set(c, { at: 1 });
		});
		const gone = sheet.deletedRowsBy(50);
		expect(gone.map((r) => r.id).sort()).toEqual([a, b, c].sort());
		for (const r of gone) expect(() => formatDateTime('ru', r.deleted)).not.toThrow();
	});

	it('deleted rows disappear and restore brings them back with their edits', () => {
		const { sheet, name } = newSheet();
		const [a, b, c] = sheet.addRows({ columns: [name], rows: [['a'], ['b'], ['c']] });
		sheet.setCell(b, name, 'B');
		sheet.deleteRows([b]);
		expect(sheet.rowIds()).toEqual([a, c]);
		expect(sheet.deletedRows().map((r) => r.id)).toEqual([b]);
		sheet.restoreRows([b]);
		expect(sheet.rowIds()).toEqual([a, b, c]);
		expect(sheet.getCell(b, name)).toBe('B');
	});

	it('emits row-level changes that map onto grid transactions', () => {
		const { sheet, name } = newSheet();
		const changes: SheetChange[] = [];
		sheet.observe((c) => changes.push(c));
		const [a, b] = sheet.addRows({ columns: [name], rows: [['a'], ['b']] });
		sheet.setCell(a, name, 'A');
		sheet.deleteRows([b]);
		sheet.restoreRows([b]);
		sheet.renameColumn(name, 'Фамилия Имя Отчество');
		expect(
			changes.map(({ added, updated, removed, columns, local }) => ({
				added,
				updated,
				removed,
				columns,
				local
			}))
		).toEqual([
			{ added: [a, b], updated: [], removed: [], columns: false, local: true },
			{ added: [], updated: [a], removed: [], columns: false, local: true },
			{ added: [], updated: [], removed: [b], columns: false, local: true },
			{ added: [b], updated: [], removed: [], columns: false, local: true },
			{ added: [], updated: [], removed: [], columns: true, local: true }
		]);
	});

	it('rows added and edited in one transaction are reported once, as added', () => {
		const { sheet, name, phone } = newSheet();
		const changes: SheetChange[] = [];
		sheet.observe((c) => changes.push(c));
		let ids: string[] = [];
		sheet.doc.transact(() => {
			ids = sheet.addRows({ columns: [name], rows: [['a'], ['b']] });
			sheet.setCell(ids[0], phone, '+79110000000');
			sheet.deleteRows([ids[1]]);
		}, sheet.origin);
		expect(changes).toHaveLength(1);
		expect(changes[0]).toMatchObject({ added: [ids[0]], updated: [], removed: [] });
		expect(sheet.getRow(ids[0])).toEqual({ id: ids[0], [name]: 'a', [phone]: '+79110000000' });
	});

	it('bulk insert turns numbers, null and missing cells into strings', () => {
		const { sheet, name, phone, note } = newSheet();
		const [id] = sheet.addRows({ columns: [name, phone, note], rows: [['a', 7]] });
		expect(sheet.getRow(id)).toEqual({ id, [name]: 'a', [phone]: '7' });
		expect(sheet.getCell(id, note)).toBe('');
	});

	it('changes received from another replica are reported as not local', () => {
		const { sheet, name } = newSheet();
		const other = new Sheet(new Y.Doc());
		Y.applyUpdate(other.doc, Y.encodeStateAsUpdate(sheet.doc));
		const seen: SheetChange[] = [];
		other.observe((c) => seen.push(c));
		sheet.doc.on('update', (u: Uint8Array) => Y.applyUpdate(other.doc, u, 'relay'));
		const id = sheet.addRow({ [name]: 'x' });
		expect(seen).toHaveLength(1);
		expect(seen[0]).toMatchObject({ added: [id], local: false, origin: 'relay' });
	});

	it('a sheet loaded from an encoded update has every row and edit', () => {
		const { sheet, name, phone } = newSheet();
		const ids = sheet.addRows({
			columns: [name, phone],
			rows: [
				['a', '1'],
				['b', '2'],
				['c', '3']
			]
		});
		sheet.setCell(ids[1], phone, '22');
		sheet.deleteRows([ids[2]]);
		const doc = new Y.Doc();
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(sheet.doc));
		const loaded = new Sheet(doc);
		expect(loaded.rowIds()).toEqual(ids.slice(0, 2));
		expect(loaded.getRow(ids[1])).toEqual({ id: ids[1], [name]: 'b', [phone]: '22' });
		expect(loaded.columns().map((c) => c.title)).toEqual(['ФИО', 'Телефон', 'Примечание']);
	});

	it('columns can be added, renamed, moved, resized, deleted and restored', () => {
		const { sheet, name, phone, note } = newSheet();
		const extra = sheet.addColumn({ title: '  Адрес  ' }, { before: phone });
		expect(sheet.columns().map((c) => c.id)).toEqual([name, extra, phone, note]);
		expect(sheet.column(extra)?.title).toBe('Адрес');
		sheet.moveColumn(note, 0);
		expect(sheet.columns().map((c) => c.id)).toEqual([note, name, extra, phone]);
		sheet.moveColumn(note, 3);
		expect(sheet.columns().map((c) => c.id)).toEqual([name, extra, phone, note]);
		sheet.renameColumn(extra, 'Адрес проживания');
		sheet.setColumnWidth(extra, 300);
		expect(sheet.column(extra)).toMatchObject({ title: 'Адрес проживания', width: 300 });
		sheet.deleteColumn(extra);
		expect(sheet.columns().map((c) => c.id)).toEqual([name, phone, note]);
		expect(sheet.deletedColumns().map((c) => c.id)).toEqual([extra]);
		sheet.restoreColumn(extra);
		expect(sheet.columns().map((c) => c.id)).toEqual([name, extra, phone, note]);
	});

	it('a column brought back beside a new one of its title is renamed «… (2)», in one undo step', () => {
		const sheet = new Sheet(new Y.Doc());
		const [phone] = sheet.addColumns([{ title: 'Телефон' }, { title: 'ФИО' }]);
		const undo = sheet.createUndoManager({ captureTimeout: 0 });
		sheet.deleteColumn(phone);
		sheet.addColumn({ title: ' телефон ' });
		sheet.restoreColumn(phone);
		expect(sheet.column(phone)?.title).toBe('Телефон (2)');
		undo.undo();
		expect(sheet.column(phone)).toBeUndefined();
		expect(sheet.deletedColumns().find((c) => c.id === phone)?.title).toBe('Телефон');
		// Without a clash the title stays.
		const other = new Sheet(new Y.Doc());
		const [name] = other.addColumns([{ title: 'ФИО' }]);
		other.deleteColumn(name);
		other.restoreColumn(name);
		expect(other.column(name)?.title).toBe('ФИО');
	});

	it('adds and moves columns beside one whose place an undo left unset', () => {
		const sheet = new Sheet(new Y.Doc());
		const [first, second] = sheet.addColumns([{ title: 'ФИО' }, { title: 'Адрес' }]);
		// What a raced undo leaves in Yjs (see the merge tests): the field is gone.
		(sheet.doc.getMap('columns').get(first) as Y.Map<unknown>).delete('order');
		const fresh = new Sheet(sheet.doc);
		expect(fresh.columns()[0].order).toBe('');
		const added = fresh.addColumn({ title: 'Телефон' }, { before: first });
		fresh.moveColumn(second, 0);
		expect(fresh.columns().map((c) => c.id)).toHaveLength(3);
		expect(fresh.columns()[0].id).toBe(second);
		expect(fresh.columns().map((c) => c.id)).toContain(added);
	});

	it('refuses empty titles, unknown types and oversized cells with a model error', () => {
		const { sheet, name } = newSheet();
		expect(() => sheet.addColumn({ title: '   ' })).toThrow(ModelError);
		// @ts-expect-error: a type that does not exist
		expect(() => sheet.addColumn({ title: 'x', type: 'formula' })).toThrow(ModelError);
		const id = sheet.addRow({ [name]: 'a' });
		expect(() => sheet.setCell(id, name, 'x'.repeat(200_000))).toThrow(ModelError);
		expect(sheet.getCell(id, name)).toBe('a');
	});

	it('undo reverts only this operator’s own changes', () => {
		const { sheet, name } = newSheet();
		const colleague = colleagueOf(sheet);
		const [a, b] = sheet.addRows({ columns: [name], rows: [['a'], ['b']] });
		const undo = sheet.createUndoManager({ captureTimeout: 0 });
		sheet.setCell(a, name, 'mine');
		colleague.setCell(b, name, 'theirs');
		undo.undo();
		expect(sheet.getCell(a, name)).toBe('a');
		expect(sheet.getCell(b, name)).toBe('theirs');
		expect(colleague.getCell(a, name)).toBe('a');
		undo.redo();
		expect(colleague.getCell(a, name)).toBe('mine');
	});

	/**
	 * Found by exploration: Y.UndoManager pops steps until one changes something, so when a
	 * colleague had overwritten this operator's last edit, one Ctrl+Z undid the step before it
	 * too (a new column, with the colleague's notes in it).
	 */
	it('one undo is one step: a step a colleague overwrote is reported, the one before it stays', () => {
		const { sheet, name } = newSheet();
		const colleague = colleagueOf(sheet);
		const [a] = sheet.addRows({ columns: [name], rows: [['a']] });
		const undo = sheet.createUndoManager({ captureTimeout: 0 });
		const note = sheet.addColumn({ title: 'Звонок' });
		sheet.setCell(a, name, 'mine');
		colleague.setCell(a, note, 'перезвонить');
		colleague.setCell(a, name, 'theirs');

		expect(undoStep(undo, 'undo')).toBe('overwritten');
		expect(sheet.column(note)?.title).toBe('Звонок');
		expect(sheet.getCell(a, note)).toBe('перезвонить');
		expect(sheet.getCell(a, name)).toBe('theirs');
		expect(undo.canUndo()).toBe(true);

		// The column before it holds the colleague's note: it stays (see the test below).
		expect(undoStep(undo, 'undo')).toBe('kept');
		expect(sheet.column(note)?.title).toBe('Звонок');
		expect(colleague.getCell(a, note)).toBe('перезвонить');
		expect(undoStep(undo, 'undo')).toBe('empty');
		expect(undoStep(undo, 'redo')).toBe('empty');
	});

	/**
	 * Found by exploration: an operator typed a request, the coordinator assigned a volunteer and
	 * set its status, and the operator's Ctrl+Z took the whole row away for everyone, the
	 * coordinator's work with it, with no word and nothing in «Удалённые строки».
	 */
	it('an undo leaves a row, an import or a column a colleague has written in since, and says so', () => {
		const { sheet, name, note } = newSheet();
		const colleague = colleagueOf(sheet);
		const undo = sheet.createUndoManager({ captureTimeout: 0 });
		const undoTyping = sheet.createUndoManager({ captureTimeout: 60_000 });
		const [request] = sheet.addRows({ columns: [name], rows: [['Иванова Анна']] });
		// Typed into the new row in the same step (as the «+» line does): it stays with the row.
		sheet.setCell(request, note, 'позвонила сама');
		colleague.setCell(request, name, 'Иванова Анна Петровна');
		expect(undoStep(undoTyping, 'undo')).toBe('kept');
		expect(sheet.getCell(request, note)).toBe('позвонила сама');
		undoTyping.destroy();
		colleague.setCell(request, note, 'волонтёр Сергеев, в работе');
		expect(sheet.rowIds()).toEqual([request]);
		expect(sheet.getCell(request, name)).toBe('Иванова Анна Петровна');
		expect(colleague.getCell(request, note)).toBe('волонтёр Сергеев, в работе');

		// A row nobody else touched goes, as before; so does one only this operator edited.
		const [mine] = sheet.addRows({ columns: [name], rows: [['Петров Пётр']] });
		sheet.setCell(mine, note, 'моя заметка');
		expect(undoStep(undo, 'undo')).toBe('done');
		expect(undoStep(undo, 'undo')).toBe('done');
		expect(colleague.rowIds()).toEqual([request]);

		// An imported list operators have started calling stays.
		const { importId, updates } = stageForTest(
			sheet,
			[name],
			[['Сидорова Мария'], ['Орлов Олег'], ['Кузнецова Вера']],
			{ chunkRows: 2, sliceRows: 2 }
		);
		for (const u of updates) Y.applyUpdate(sheet.doc, u);
		sheet.commitImport(importId);
		const imported = sheet.rowIds().slice(1);
		expect(imported).toHaveLength(3);
		colleague.setCell(imported[2], note, 'дозвонились');
		expect(undoStep(undo, 'undo')).toBe('kept');
		expect(colleague.rowIds()).toHaveLength(4);

		// A column a colleague has written in stays too.
		const call = sheet.addColumn({ title: 'Звонок' });
		colleague.setCell(request, call, 'перезвонить');
		expect(undoStep(undo, 'undo')).toBe('kept');
		expect(colleague.column(call)?.title).toBe('Звонок');
		expect(colleague.getCell(request, call)).toBe('перезвонить');

		// Found in review: only what the step added is kept. Her rename and her deletion of a
		// column colleagues wrote in are undone as ever.
		sheet.renameColumn(call, 'Звонок 2');
		expect(undoStep(undo, 'undo')).toBe('done');
		expect(colleague.column(call)?.title).toBe('Звонок');
		expect(undoStep(undo, 'redo')).toBe('done');
		expect(colleague.column(call)?.title).toBe('Звонок 2');
		sheet.deleteColumn(call);
		expect(colleague.column(call)).toBeUndefined();
		expect(undoStep(undo, 'undo')).toBe('done');
		expect(colleague.column(call)?.title).toBe('Звонок 2');
		expect(colleague.getCell(request, call)).toBe('перезвонить');
	});

	/**
	 * Found by exploration: Борис, offline, set a request «в работе» while Анна set it
	 * «выполнена»; his value won the merge, and his Ctrl+Z then left the cell empty for everyone
	 * (Yjs does not bring back «новая» over Анна's value, and Анна's value had lost).
	 */
	it('undoing a value that won a race gives the colleague’s value, not an empty cell', () => {
		for (const [borisWins, typed] of [
			[true, false],
			[false, false],
			[true, true],
			[false, true]
		]) {
			const boris = new Sheet(new Y.Doc());
			const anna = new Sheet(new Y.Doc());
			boris.doc.clientID = borisWins ? 2_000_000 : 1_000;
			anna.doc.clientID = borisWins ? 1_000 : 2_000_000;
			boris.history.author = { id: 'boris', name: 'Борис' };
			anna.history.author = { id: 'anna', name: 'Анна' };
			const status = boris.addColumn({ title: 'Статус' });
			// «новая» as imported (in the row) or typed in later (Yjs leaves '' then, not «новая»).
			const [request] = boris.addRows({ columns: [status], rows: [[typed ? '' : 'новая']] });
			if (typed) boris.setCell(request, status, 'новая');
			Y.applyUpdate(anna.doc, Y.encodeStateAsUpdate(boris.doc));
			const undo = boris.createUndoManager({ captureTimeout: 0 });
			// Both change it without seeing the other's change.
			boris.setCell(request, status, 'в работе');
			anna.setCell(request, status, 'выполнена');
			Y.applyUpdate(anna.doc, Y.encodeStateAsUpdate(boris.doc));
			Y.applyUpdate(boris.doc, Y.encodeStateAsUpdate(anna.doc));
			expect(boris.getCell(request, status)).toBe(borisWins ? 'в работе' : 'выполнена');

			expect(undoStep(undo, 'undo')).toBe(borisWins ? 'done' : 'overwritten');
			Y.applyUpdate(anna.doc, Y.encodeStateAsUpdate(boris.doc));
			expect(boris.getCell(request, status), `Борис wins: ${borisWins}, ${typed}`).toBe(
				'выполнена'
			);
			// His undo's entry in the history says what it did (when his value had won).
			if (borisWins)
				expect(boris.history.forCell(request, status)[0]).toMatchObject({
					undo: 'undo',
					old: 'в работе',
					value: 'выполнена'
				});
			expect(anna.getCell(request, status)).toBe('выполнена');
		}
		// Without a race, the undo brings back what was there.
		const { sheet, name } = newSheet();
		const [row] = sheet.addRows({ columns: [name], rows: [['новая']] });
		const undo = sheet.createUndoManager({ captureTimeout: 0 });
		sheet.setCell(row, name, 'в работе');
		undoStep(undo, 'undo');
		expect(sheet.getCell(row, name)).toBe('новая');
	});

	/**
	 * Found by exploration: Анна and Борис logged a call to the same resident in the same minute
	 * without seeing each other's; his Ctrl+Z gave «Дата звонка» Анна's time, the same as his,
	 * and the history panel showed «Дата звонка: 07.12.2026 10:26 → 07.12.2026 10:26».
	 */
	it('an undo that gives back a colleague’s value equal to its own lists no change of that cell', () => {
		for (const borisWins of [true, false]) {
			const boris = new Sheet(new Y.Doc());
			const anna = new Sheet(new Y.Doc());
			boris.doc.clientID = borisWins ? 2_000_000 : 1_000;
			anna.doc.clientID = borisWins ? 1_000 : 2_000_000;
			boris.history.author = { id: 'boris', name: 'Борис' };
			anna.history.author = { id: 'anna', name: 'Анна' };
			const [result, date] = boris.addColumns([
				{ title: 'Результат звонка' },
				{ title: 'Дата звонка' }
			]);
			const [row] = boris.addRows({ columns: [result], rows: [['']] });
			Y.applyUpdate(anna.doc, Y.encodeStateAsUpdate(boris.doc));
			const undo = boris.createUndoManager({ captureTimeout: 0 });
			const at = '2026-12-07T10:26';
			boris.setCells([
				{ rowId: row, colId: result, value: 'дозвонились' },
				{ rowId: row, colId: date, value: at }
			]);
			anna.setCells([
				{ rowId: row, colId: result, value: 'нужна помощь' },
				{ rowId: row, colId: date, value: at }
			]);
			Y.applyUpdate(anna.doc, Y.encodeStateAsUpdate(boris.doc));
			Y.applyUpdate(boris.doc, Y.encodeStateAsUpdate(anna.doc));
			undoStep(undo, 'undo');
			Y.applyUpdate(anna.doc, Y.encodeStateAsUpdate(boris.doc));
			for (const sheet of [boris, anna]) {
				expect(sheet.getCell(row, result), `Борис wins: ${borisWins}`).toBe('нужна помощь');
				expect(sheet.getCell(row, date), `Борис wins: ${borisWins}`).toBe(at);
			}
			// No entry of the history says the date went from a value to the same value.
			for (const item of boris.history.forCell(row, date))
				expect(item.old, `Борис wins: ${borisWins}`).not.toBe(item.value);
		}
	});

	/** Found in review of the rule above: a colleague's old change is no race. */
	it('an undo without a race brings back the value before, whatever colleagues did earlier', () => {
		const { sheet, name, note } = newSheet();
		const colleague = colleagueOf(sheet);
		sheet.history.author = { id: 'boris', name: 'Борис' };
		colleague.history.author = { id: 'anna', name: 'Анна' };
		const [row] = sheet.addRows({ columns: [name], rows: [['Иванова']] });
		// Earlier, and seen: Анна filled the note and cleared it; a status went back and forth.
		colleague.setCell(row, note, 'старое');
		colleague.setCell(row, note, '');
		colleague.setCell(row, name, 'в работе');
		colleague.setCell(row, name, 'Иванова');
		const undo = sheet.createUndoManager({ captureTimeout: 500 });
		sheet.setCell(row, note, 'моё');
		undo.stopCapturing();
		sheet.setCell(row, name, 'выполнена');
		undo.stopCapturing();
		expect(undoStep(undo, 'undo')).toBe('done');
		expect(colleague.getCell(row, name)).toBe('Иванова');
		expect(undoStep(undo, 'undo')).toBe('done');
		expect(colleague.getCell(row, note)).toBe('');
		// A long note comes back whole (the history keeps 1,000 characters of it).
		const long = 'Просила перезвонить. '.repeat(80);
		sheet.setCell(row, note, long);
		undo.stopCapturing();
		sheet.setCell(row, note, '');
		undo.stopCapturing();
		expect(undoStep(undo, 'undo')).toBe('done');
		expect(colleague.getCell(row, note)).toBe(long);
		// Two changes of one cell in one step (two clicks on a box): undone to the first value.
		sheet.setCell(row, name, 'А');
		sheet.setCell(row, name, 'Б');
		undo.stopCapturing();
		expect(undoStep(undo, 'undo')).toBe('done');
		expect(colleague.getCell(row, name)).toBe('Иванова');
	});

	it('an edit right after an undo that changed nothing is a step of its own (found in review)', () => {
		const { sheet, name, phone } = newSheet();
		const colleague = colleagueOf(sheet);
		const [a, b] = sheet.addRows({ columns: [name], rows: [['a'], ['b']] });
		// The page's undo manager: changes less than 500 ms apart are one step.
		const undo = sheet.createUndoManager();
		undo.stopCapturing();
		sheet.setCell(a, phone, 'A1');
		undo.stopCapturing();
		sheet.setCell(b, phone, 'B1');
		colleague.setCell(b, phone, 'theirs');
		expect(undoStep(undo, 'undo')).toBe('overwritten');
		sheet.setCell(b, phone, 'B2');
		expect(undoStep(undo, 'undo')).toBe('done');
		expect(sheet.getCell(b, phone)).toBe('theirs');
		expect(sheet.getCell(a, phone)).toBe('A1');
	});

	it('a change of a choice column’s options is one undo step, also the first one of an old sheet', () => {
		const sheet = new Sheet(new Y.Doc());
		const status = sheet.addColumn({ title: 'Статус', type: 'choice' });
		// Stored as the app wrote options before they merged: the whole list as one value.
		const def = sheet.doc.getMap<Y.Map<unknown>>('columns').get(status);
		sheet.doc.transact(() => def?.set('options', [{ value: 'новая', color: '#1565c0' }]));
		const undo = sheet.createUndoManager({ captureTimeout: 0 });
		const values = () => sheet.column(status)?.options?.map((o) => [o.value, o.color ?? '']);
		sheet.setColumnOptions(status, [{ value: 'в работе' }, { value: 'новая', color: '#c62828' }]);
		expect(values()).toEqual([
			['в работе', ''],
			['новая', '#c62828']
		]);
		sheet.setColumnOptions(status, [{ value: 'новая', color: '#c62828' }]);
		expect(values()).toEqual([['новая', '#c62828']]);
		undo.undo();
		expect(values()).toEqual([
			['в работе', ''],
			['новая', '#c62828']
		]);
		undo.undo();
		expect(values()).toEqual([['новая', '#1565c0']]);
		undo.redo();
		undo.redo();
		expect(values()).toEqual([['новая', '#c62828']]);
	});

	it('row ids are unique across many replicas adding rows at once', () => {
		const ids = new Set<string>();
		for (let r = 0; r < 50; r++) {
			const { sheet, name } = newSheet();
			for (const id of sheet.addRows({
				columns: [name],
				rows: Array.from({ length: 200 }, () => ['x'])
			}))
				ids.add(id);
		}
		expect(ids.size).toBe(50 * 200);
	});

	it('a redo brings back her cells of a row a colleague wrote another cell in since the undo', () => {
		// Found in review of f79ef27: the redo left the whole row (her note too) undone, and
		// said nothing; Yjs redoes each cell nobody wrote over.
		const { sheet, name, phone, note } = newSheet();
		const colleague = colleagueOf(sheet);
		const [a, b] = sheet.addRows({ columns: [name], rows: [['Иванова'], ['Петров']] });
		const undo = sheet.createUndoManager();
		sheet.setCells([
			{ rowId: a, colId: phone, value: '+79110000001' },
			{ rowId: a, colId: note, value: 'одна, нужны лекарства' },
			{ rowId: b, colId: phone, value: '+79110000002' }
		]);
		expect(undoStep(undo, 'undo')).toBe('done');
		colleague.setCell(a, phone, '+79220000000');
		expect(undoStep(undo, 'redo')).toBe('done');
		for (const s of [sheet, colleague])
			expect([s.getCell(a, phone), s.getCell(a, note), s.getCell(b, phone)]).toEqual([
				'+79220000000',
				'одна, нужны лекарства',
				'+79110000002'
			]);
	});

	it('an undo a colleague wrote over knowingly does not read the list’s history', () => {
		// Found in review of 7879e84: each such Ctrl+Z read every entry of the history, in any
		// list (0.04–0.9 s on 20,000–60,000 entries, load 7–9), for a call it could not find.
		const { sheet, name, note } = newSheet();
		const colleague = colleagueOf(sheet);
		const rows = sheet.addRows({
			columns: [name],
			rows: Array.from({ length: 200 }, (_, i) => [`Житель ${i}`])
		});
		for (const row of rows) colleague.setCell(row, note, 'позвонить вечером');
		const undo = sheet.createUndoManager();
		sheet.setCell(rows[5], name, 'Иванова Анна');
		colleague.setCell(rows[5], name, 'Иванова Анна Петровна');
		const toArray = vi.spyOn(Y.Array.prototype, 'toArray');
		const forEach = vi.spyOn(Y.Array.prototype, 'forEach');
		try {
			expect(undoStep(undo, 'undo')).toBe('overwritten');
			expect(toArray.mock.calls.length + forEach.mock.calls.length).toBe(0);
		} finally {
			toArray.mockRestore();
			forEach.mockRestore();
		}
		expect(sheet.getCell(rows[5], name)).toBe('Иванова Анна Петровна');
	});
});

describe('isChanged: a cell holds another value than its row was written with', () => {
	it('is true after an edit, and false again once the cell is back to that value', () => {
		const { sheet, name, phone } = newSheet();
		const id = sheet.addRow({ [name]: 'Иванова Мария', [phone]: '+79110000000' });
		const undo = sheet.createUndoManager();
		expect(sheet.isChanged(id, phone)).toBe(false);
		sheet.setCell(id, phone, '+79110000000, +79214443322');
		expect(sheet.isChanged(id, phone)).toBe(true);
		expect(sheet.isChanged(id, name)).toBe(false);
		undo.undo();
		expect(sheet.getCell(id, phone)).toBe('+79110000000');
		expect(sheet.isChanged(id, phone)).toBe(false);
		// A column added after the row was written: its cell was empty.
		const [added] = sheet.addColumns([{ title: 'Адрес' }]);
		sheet.setCell(id, added, 'ул. Ленина, 1');
		expect(sheet.isChanged(id, added)).toBe(true);
		sheet.setCell(id, added, '');
		expect(sheet.isChanged(id, added)).toBe(false);
	});
});

describe('an empty doc: nothing of the list in this browser', () => {
	it('a new list made with no columns is stamped, and so is not empty; the stamp stays the first', () => {
		const doc = new Y.Doc();
		expect(isEmptyDoc(doc)).toBe(true);
		new Sheet(doc).addColumns([]);
		expect(isEmptyDoc(doc)).toBe(true);
		stampCreated(doc, 1000);
		expect(isEmptyDoc(doc)).toBe(false);
		stampCreated(doc, 2000);
		expect(doc.getMap('meta').get('created')).toBe(1000);
		// A copy that has received it is not empty either.
		const copy = new Y.Doc();
		Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
		expect(isEmptyDoc(copy)).toBe(false);
	});
});
