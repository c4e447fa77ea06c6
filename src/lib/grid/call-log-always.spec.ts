import * as Y from 'yjs';
import { describe, expect, it, vi } from 'vitest';
import { Sheet, undoStep } from '$lib/model/sheet';
import { templateColumns } from '$lib/model/templates';
import { shownItems } from '$lib/model/history';
import { callLogEdits } from './call-log';
import { campaignLogEdits } from './campaign-log';
import { fillColumn, pasteBlock } from './edits';
import { callListReplicas } from './call-log.testing';

// Review of e62109f and f291d93 (a call's «Оператор» and «Дата звонка» written even unchanged).

const AT = new Date(2026, 11, 6, 11, 0);
const atMinute = (m: number) => new Date(+AT + m * 60_000);

function logCall(sheet: Sheet, row: string, colId: string, value: string, now: Date, who: string) {
	sheet.history.author = { id: `id-${who}`, name: who };
	const also = callLogEdits(sheet, row, colId, value, who, now);
	sheet.setCells([{ rowId: row, colId, value }, ...also.map((e) => ({ rowId: row, ...e }))]);
}

function replicas(clients: number[]) {
	const base = callListReplicas(clients);
	const { sheets, row, id } = base;
	const undos = sheets.map((s) => s.createUndoManager());
	const step = (m: number, act: () => void) => {
		vi.setSystemTime(atMinute(m));
		act();
		for (const u of undos) u.stopCapturing();
	};
	const callIn = (sheet: Sheet) =>
		['Результат звонка', 'Оператор', 'Дата звонка', 'Попытки'].map((t) =>
			sheet.getCell(row, id(t))
		);
	const all = () => sheets.map(callIn);
	return { ...base, undos, step, callIn, all };
}

const ORDERS = [
	{ clients: [1, 2], order: [0, 1] },
	{ clients: [2, 1], order: [0, 1] },
	{ clients: [1, 2], order: [1, 0] },
	{ clients: [2, 1], order: [1, 0] }
];

function withClock(fn: () => void) {
	vi.useFakeTimers({ toFake: ['Date'] });
	try {
		vi.setSystemTime(AT);
		fn();
	} finally {
		vi.useRealTimers();
	}
}

describe('undo and redo of a call that wrote the same «Оператор» again', () => {
	it.each(ORDERS)('one operator, seen by all: Ctrl+Z the row before, Ctrl+Y the call (%o)', (o) =>
		withClock(() => {
			const { row, id, exchange, undos, step, all, sheets } = replicas(o.clients);
			const [, boris] = sheets;
			const result = id('Результат звонка');
			step(0, () => logCall(boris, row, result, 'не дозвонились', atMinute(0), 'Борис'));
			exchange(o.order);
			step(20, () => logCall(boris, row, result, 'дозвонились', atMinute(20), 'Борис'));
			exchange(o.order);
			const second = ['дозвонились', 'Борис', '2026-12-06T11:20', '2'];
			const first = ['не дозвонились', 'Борис', '2026-12-06T11:00', '1'];
			expect(all()).toEqual([second, second]);
			step(30, () => expect(undoStep(undos[1], 'undo')).toBe('done'));
			exchange(o.order);
			expect(all()).toEqual([first, first]);
			step(31, () => expect(undoStep(undos[1], 'redo')).toBe('done'));
			exchange(o.order);
			expect(all()).toEqual([second, second]);
			step(32, () => expect(undoStep(undos[1], 'undo')).toBe('done'));
			exchange(o.order);
			expect(all()).toEqual([first, first]);
		})
	);

	it.each(ORDERS)('the same, taken back and redone offline before the replicas meet (%o)', (o) =>
		withClock(() => {
			const { row, id, exchange, undos, step, all, sheets } = replicas(o.clients);
			const [, boris] = sheets;
			const result = id('Результат звонка');
			step(0, () => logCall(boris, row, result, 'не дозвонились', atMinute(0), 'Борис'));
			exchange(o.order);
			step(20, () => logCall(boris, row, result, 'дозвонились', atMinute(20), 'Борис'));
			step(30, () => expect(undoStep(undos[1], 'undo')).toBe('done'));
			exchange(o.order);
			const first = ['не дозвонились', 'Борис', '2026-12-06T11:00', '1'];
			expect(all()).toEqual([first, first]);
			step(31, () => expect(undoStep(undos[1], 'redo')).toBe('done'));
			exchange(o.order);
			const second = ['дозвонились', 'Борис', '2026-12-06T11:20', '2'];
			expect(all()).toEqual([second, second]);
		})
	);
});

describe('what else `always` reaches', () => {
	function list() {
		const sheet = new Sheet(new Y.Doc());
		sheet.addColumns(templateColumns('callList', 'ru'));
		const id = (title: string) => sheet.columns().find((c) => c.title === title)!.id;
		const rows = sheet.addRows({
			columns: ['ФИО', 'Результат звонка', 'Попытки', 'Оператор', 'Дата звонка'].map(id),
			rows: [
				['Петров Олег', 'не дозвонились', '2', 'Анна', '2026-12-06T09:30'],
				['Сидорова Нина', 'отказ', '1', 'Анна', '2026-12-06T09:30'],
				['Козлов Пётр', '', '', '', '']
			]
		});
		sheet.history.author = { id: 'id-Анна', name: 'Анна' };
		const also = (rowId: string, colId: string, value: string) =>
			callLogEdits(sheet, rowId, colId, value, 'Анна', new Date(2026, 11, 6, 9, 30));
		return { sheet, id, rows, also };
	}
	const lastCells = (sheet: Sheet) => sheet.history.entries().at(-1)?.cells ?? [];

	it('a paste of results rewrites «Оператор» only in rows whose result changes', () => {
		const { sheet, id, rows, also } = list();
		pasteBlock(sheet, {
			block: [['дозвонились'], ['отказ'], ['']],
			rowIds: rows,
			startRow: 0,
			colIds: [id('Результат звонка')],
			also
		});
		const cells = lastCells(sheet);
		// The second row kept its result, the third got none: nothing written there, not even
		// «Оператор» (a call is a result changed); the first row's call writes its whole log.
		expect(cells.filter((c) => c[0] === rows[1])).toEqual([]);
		expect(cells.filter((c) => c[0] === rows[2])).toEqual([]);
		expect(cells.filter((c) => c[0] === rows[0]).map((c) => c[1])).toEqual(
			expect.arrayContaining([id('Результат звонка'), id('Оператор'), id('Дата звонка')])
		);
	});

	it('a fill of the result column rewrites the log only in rows it changes', () => {
		const { sheet, id, rows, also } = list();
		expect(fillColumn(sheet, rows, id('Результат звонка'), 'отказ', also)).toBe(2);
		const touched = new Set(lastCells(sheet).map((c) => c[0]));
		expect([...touched].sort()).toEqual([rows[0], rows[2]].sort());
	});

	it('a campaign’s second result the same day writes no cell with the value it had', () => {
		const sheet = new Sheet(new Y.Doc());
		sheet.addColumns(templateColumns('campaign', 'ru'));
		const col = (t: string) => sheet.columns().find((c) => c.title.trim().toLowerCase() === t)!.id;
		const [row] = sheet.addRows({ columns: [sheet.columns()[0].id], rows: [['Иванова Анна']] });
		const mark = (value: string) => {
			const also = campaignLogEdits(sheet, row, col('результат'), value, AT);
			sheet.setCells([
				{ rowId: row, colId: col('результат'), value },
				...also.map((e) => ({ rowId: row, ...e }))
			]);
		};
		mark('не дозвонились');
		mark('вручили набор');
		const cells = sheet.history.entries().flatMap((e) => e.cells ?? []);
		expect(cells.length).toBeGreaterThanOrEqual(3);
		expect(cells.filter((c) => c[2] === c[3])).toEqual([]);
	});

	it('a plain list: setCells writes nothing unchanged', () => {
		const sheet = new Sheet(new Y.Doc());
		sheet.addColumns([{ title: 'Имя', type: 'text' }]);
		const col = sheet.columns()[0].id;
		const [row] = sheet.addRows({ columns: [col], rows: [['a']] });
		const before = sheet.history.length;
		sheet.setCells([{ rowId: row, colId: col, value: 'a' }]);
		expect(sheet.history.length).toBe(before);
	});
});

describe('the history panel (shownItems)', () => {
	it('keeps «Попытки» and «Дата звонка» lines of a second call', () => {
		const sheet = new Sheet(new Y.Doc());
		sheet.addColumns(templateColumns('callList', 'ru'));
		const id = (title: string) => sheet.columns().find((c) => c.title === title)!.id;
		const [row] = sheet.addRows({ columns: [id('ФИО')], rows: [['Иванова Анна']] });
		logCall(sheet, row, id('Результат звонка'), 'не дозвонились', atMinute(0), 'Борис');
		logCall(sheet, row, id('Результат звонка'), 'дозвонились', atMinute(60), 'Борис');
		const cols = shownItems(sheet.history.forRow(row)).map((i) => i.colId);
		expect(cols.filter((c) => c === id('Попытки'))).toHaveLength(2);
		expect(cols.filter((c) => c === id('Дата звонка'))).toHaveLength(2);
		expect(cols.filter((c) => c === id('Оператор'))).toHaveLength(1);
	});

	it('never hides a real change of a long value (both cut for the history)', () => {
		const sheet = new Sheet(new Y.Doc());
		sheet.addColumns(templateColumns('callList', 'ru'));
		const note = sheet.columns().find((c) => c.title === 'Примечание')!.id;
		const [row] = sheet.addRows({ columns: [note], rows: [['']] });
		const long = 'а'.repeat(1200);
		sheet.setCell(row, note, long + ' старое');
		sheet.setCell(row, note, long + ' новое');
		const shown = shownItems(sheet.history.forCell(row, note));
		// Both values cut to the same first 999 characters: the edit is still a line of its own.
		expect(sheet.history.forCell(row, note)).toHaveLength(2);
		expect(shown).toHaveLength(2);
	});
});
