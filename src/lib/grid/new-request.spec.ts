import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { Sheet } from '$lib/model/sheet';
import { templateColumns } from '$lib/model/templates';
import { draftPasteEdits, pasteBlock } from './edits';
import { newRequestEdits } from './new-request';

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
