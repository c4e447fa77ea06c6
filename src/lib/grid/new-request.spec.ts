import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { Sheet } from '$lib/model/sheet';
import { templateColumns } from '$lib/model/templates';
import { draftPasteEdits, pasteBlock } from './edits';
import { newRequestEdits, requestProgressColumns } from './new-request';

function board(kind: 'requests' | 'callList' = 'requests', locale: 'ru' | 'en' = 'ru') {
	const sheet = new Sheet(new Y.Doc());
	sheet.addColumns(templateColumns(kind, locale));
	const id = (title: string) => sheet.columns().find((c) => c.title === title)!.id;
	return { sheet, id, undo: sheet.createUndoManager() };
}

const at = new Date(2026, 11, 6, 9, 30);

describe('a new request on a request board', () => {
	it('gets «Статус» «новая» and «Дата заявки» today where its own are empty', () => {
		const { sheet, id } = board();
		expect(newRequestEdits(sheet, { [id('ФИО')]: 'Иванова Анна' }, at)).toEqual([
			{ colId: id('Статус'), value: 'новая' },
			{ colId: id('Дата заявки'), value: '2026-12-06' }
		]);
		// Her own status or date stays.
		expect(
			newRequestEdits(sheet, { [id('Статус')]: 'в работе', [id('Дата заявки')]: '2026-12-01' }, at)
		).toEqual([]);
	});

	it('in an English board, «new»', () => {
		const { sheet, id } = board('requests', 'en');
		expect(newRequestEdits(sheet, {}, at)).toEqual([
			{ colId: id('Status'), value: 'new' },
			{ colId: id('Request date'), value: '2026-12-06' }
		]);
	});

	it('nothing for a list without these columns, or a status without the option «новая»', () => {
		expect(newRequestEdits(board('callList').sheet, {}, at)).toEqual([]);
		const { sheet, id } = board();
		sheet.setColumnOptions(id('Статус'), [{ value: 'открыта' }]);
		expect(newRequestEdits(sheet, {}, at)).toEqual([
			{ colId: id('Дата заявки'), value: '2026-12-06' }
		]);
	});

	it('pasted as new rows: each gets them in the same step as the row, a pasted status kept', () => {
		const { sheet, id, undo } = board();
		const [first] = sheet.addRows({ columns: [id('ФИО')], rows: [['Петров Пётр']] });
		undo.stopCapturing();
		const colIds = sheet.columns().map((c) => c.id);
		const written = pasteBlock(sheet, {
			block: [
				['Иванова Анна', '+7 812 555-12-34', '', 'покупка лекарств'],
				['Сидоров Иван', '', '', 'выгул собак', 'в работе']
			],
			rowIds: [first],
			startRow: 1,
			colIds,
			newRow: (values) => newRequestEdits(sheet, values, at)
		});
		expect(written).toHaveLength(2);
		expect(sheet.getCell(written[0], id('Статус'))).toBe('новая');
		expect(sheet.getCell(written[0], id('Дата заявки'))).toBe('2026-12-06');
		expect(sheet.getCell(written[0], id('Вид помощи'))).toBe('покупка лекарств');
		expect(sheet.getCell(written[1], id('Статус'))).toBe('в работе');
		expect(sheet.getCell(written[1], id('Дата заявки'))).toBe('2026-12-06');
		// The existing row pasted over is not a new request.
		expect(sheet.getCell(first, id('Статус'))).toBe('');
		undo.undo();
		expect(sheet.rowCount).toBe(1);
	});
});

describe('one row pasted into the request being typed in the «+» line (found by exploration)', () => {
	it('keeps «новая» and the date it got where the pasted cells are empty; a pasted status wins', () => {
		const { sheet, id } = board();
		const given = new Map(newRequestEdits(sheet, {}, at).map((e) => [e.colId, e.value]));
		const row = sheet.addRow({ [id('ФИО')]: 'Иванова Анна', ...Object.fromEntries(given) });
		const colIds = sheet.columns().map((c) => c.id);
		const from = colIds.indexOf(id('Телефон'));
		const pasted = (cells: string[], at = from) =>
			sheet.setCells(draftPasteEdits(sheet, row, cells, colIds.slice(at), given).edits);
		pasted(['89111234567', 'Садовая, 3', 'покупка лекарств', '', '', '']);
		expect(
			['Телефон', 'Вид помощи', 'Статус', 'Дата заявки'].map((t) => sheet.getCell(row, id(t)))
		).toEqual(['+79111234567', 'покупка лекарств', 'новая', '2026-12-06']);
		pasted(['в работе'], colIds.indexOf(id('Статус')));
		expect(sheet.getCell(row, id('Статус'))).toBe('в работе');
	});
});

describe('a block pasted over requests already on the board (found in review)', () => {
	it('keeps «Статус», «Волонтёр» and «Дата заявки» where the paste carried none; a value pasted is written', () => {
		const { sheet, id, undo } = board();
		const progress = ['Статус', 'Волонтёр', 'Дата заявки'];
		const [first, second] = sheet.addRows({
			columns: ['ФИО', ...progress].map(id),
			rows: [
				['Иванова Анна', 'новая', '', '2026-12-01'],
				['Петров Пётр', 'в работе', 'Борис', '2026-12-02']
			]
		});
		undo.stopCapturing();
		const colIds = sheet.columns().map((c) => c.id);
		const kept = requestProgressColumns(sheet.columns());
		expect(kept).toEqual(progress.map(id));
		// The hotline's table from «ФИО» on: name, phone, address, kind of help, and the status,
		// volunteer and date cells empty as Excel copies them; Петров's status is pasted, done.
		// A third line is a new request.
		const written = pasteBlock(sheet, {
			block: [
				['Иванова Анна', '89111234567', 'Садовая, 3', 'покупка лекарств', '', '', '', 'с 10 до 12'],
				['Петров Пётр', '89111234568', '', 'выгул собак', 'выполнена', '', '', ''],
				['Сидоров Иван', '89111234569', '', 'покупка продуктов', '', '', '', '']
			],
			rowIds: [first, second],
			startRow: 0,
			colIds,
			newRow: (values) => newRequestEdits(sheet, values, at),
			keep: (colId) => kept.includes(colId)
		});
		const state = (rowId: string) => progress.map((t) => sheet.getCell(rowId, id(t)));
		expect(state(first)).toEqual(['новая', '', '2026-12-01']);
		expect(sheet.getCell(first, id('Вид помощи'))).toBe('покупка лекарств');
		expect(sheet.getCell(first, id('Примечание'))).toBe('с 10 до 12');
		expect(state(second)).toEqual(['выполнена', 'Борис', '2026-12-02']);
		// The new request: «новая» and today, as any new row.
		expect(state(written[2])).toEqual(['новая', '', '2026-12-06']);
		// One undo step takes it all back; the kept cells are as they were.
		undo.undo();
		expect(sheet.rowCount).toBe(2);
		expect([state(first), state(second)]).toEqual([
			['новая', '', '2026-12-01'],
			['в работе', 'Борис', '2026-12-02']
		]);
		expect(sheet.getCell(first, id('Вид помощи'))).toBe('');
	});

	it('an English board’s columns; none on a call list', () => {
		const en = board('requests', 'en');
		expect(requestProgressColumns(en.sheet.columns())).toEqual(
			['Status', 'Volunteer', 'Request date'].map(en.id)
		);
		expect(requestProgressColumns(board('callList').sheet.columns())).toEqual([]);
	});
});
