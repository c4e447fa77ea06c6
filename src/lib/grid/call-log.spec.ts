import * as Y from 'yjs';
import { describe, expect, it, vi } from 'vitest';
import { Sheet, undoStep } from '$lib/model/sheet';
import { templateColumns } from '$lib/model/templates';
import {
	callLogColumns,
	callLogEdits,
	CORRECTION_MS,
	mergedAttempts,
	undoneAttemptsOf
} from './call-log';
import { draftPasteEdits, fillColumn, pasteBlock } from './edits';
import { callListReplicas } from './call-log.testing';
import { shownItems } from '$lib/model/history';

function callList(locale: 'ru' | 'en' = 'ru') {
	const sheet = new Sheet(new Y.Doc());
	sheet.addColumns(templateColumns('callList', locale));
	const id = (title: string) => sheet.columns().find((c) => c.title === title)!.id;
	const [row] = sheet.addRows({ columns: [sheet.columns()[0].id], rows: [['Иванова Анна']] });
	return { sheet, id, row };
}

/** Applies the edits as the grid does: the typed value and the others in one step. */
function logCall(
	sheet: Sheet,
	row: string,
	colId: string,
	value: string,
	now: Date,
	operator = 'Анна',
	operatorId = `id-${operator}`
) {
	sheet.history.author = { id: operatorId, name: operator };
	const also = callLogEdits(sheet, row, colId, value, operator, now);
	sheet.setCells([{ rowId: row, colId, value }, ...also.map((e) => ({ rowId: row, ...e }))]);
	return also;
}

describe('logging a call with its result', () => {
	it('fills in who called and when, and counts the attempt', () => {
		const { sheet, id, row } = callList();
		const at = new Date(2026, 11, 4, 14, 5);
		logCall(sheet, row, id('Результат звонка'), 'не дозвонились', at);
		expect(sheet.getCell(row, id('Оператор'))).toBe('Анна');
		expect(sheet.getCell(row, id('Дата звонка'))).toBe('2026-12-04T14:05');
		expect(sheet.getCell(row, id('Попытки'))).toBe('1');
		// The next call, an hour later: another attempt.
		logCall(sheet, row, id('Результат звонка'), 'дозвонились', new Date(+at + 3_600_000));
		expect(sheet.getCell(row, id('Попытки'))).toBe('2');
		expect(sheet.getCell(row, id('Дата звонка'))).toBe('2026-12-04T15:05');
	});

	it('a result corrected a moment later is the same call: no attempt more', () => {
		const { sheet, id, row } = callList();
		const at = new Date(2026, 11, 4, 14, 5);
		logCall(sheet, row, id('Результат звонка'), 'не дозвонились', at);
		logCall(sheet, row, id('Результат звонка'), 'перезвонить', new Date(+at + CORRECTION_MS / 2));
		expect(sheet.getCell(row, id('Попытки'))).toBe('1');
	});

	it("a colleague's result a moment after another operator's call is her own call: one attempt more", () => {
		const { sheet, id, row } = callList();
		const at = new Date(2026, 11, 4, 14, 5);
		logCall(sheet, row, id('Результат звонка'), 'не дозвонились', at, 'Марина');
		logCall(sheet, row, id('Результат звонка'), 'дозвонились', new Date(+at + 60_000), 'Наташа');
		expect(sheet.getCell(row, id('Попытки'))).toBe('2');
		expect(sheet.getCell(row, id('Оператор'))).toBe('Наташа');
		// …and her own correction of it a moment later is not.
		logCall(sheet, row, id('Результат звонка'), 'перезвонить', new Date(+at + 120_000), 'Наташа');
		expect(sheet.getCell(row, id('Попытки'))).toBe('2');
		// Two operators who both called themselves «Анна» are two operators.
		logCall(
			sheet,
			row,
			id('Результат звонка'),
			'дозвонились',
			new Date(+at + 180_000),
			'Анна',
			'a1'
		);
		logCall(
			sheet,
			row,
			id('Результат звонка'),
			'нужна помощь',
			new Date(+at + 240_000),
			'Анна',
			'a2'
		);
		expect(sheet.getCell(row, id('Попытки'))).toBe('4');
	});

	it('changes nothing else for another column, the same result again, or a cleared one', () => {
		const { sheet, id, row } = callList();
		const at = new Date(2026, 11, 4, 14, 5);
		expect(callLogEdits(sheet, row, id('Примечание'), 'перезвонить вечером', 'Анна', at)).toEqual(
			[]
		);
		expect(callLogEdits(sheet, row, id('Результат звонка'), '', 'Анна', at)).toEqual([]);
		logCall(sheet, row, id('Результат звонка'), 'дозвонились', at);
		expect(callLogEdits(sheet, row, id('Результат звонка'), 'дозвонились', 'Анна', at)).toEqual([]);
	});

	it('works in a list made in English, and counts on from attempts typed by hand', () => {
		const { sheet, id, row } = callList('en');
		sheet.setCell(row, id('Attempts'), '3');
		logCall(sheet, row, id('Call outcome'), 'reached', new Date(2026, 11, 4, 9, 0));
		expect(sheet.getCell(row, id('Attempts'))).toBe('4');
		expect(sheet.getCell(row, id('Operator'))).toBe('Анна');
	});
});

describe('a call logged with a result pasted as a new row (found by exploration)', () => {
	it('each new row with a result gets the log where its own cells are empty, in the step of the paste', () => {
		const { sheet, id, row } = callList();
		const undo = sheet.createUndoManager();
		const at = new Date(2026, 11, 6, 9, 30);
		const also = (rowId: string, colId: string, value: string) =>
			callLogEdits(sheet, rowId, colId, value, 'Анна', at);
		const colIds = sheet.columns().map((c) => c.id);
		const written = pasteBlock(sheet, {
			block: [
				['Петров Олег', '', '', '', '', 'не дозвонились'],
				['Сидорова Нина', '', '', '', '', 'перезвонить', '3', 'Борис', '05.01.2026 10:00'],
				['Козлов Пётр']
			],
			rowIds: [row],
			startRow: 1,
			colIds,
			also
		});
		const log = (rowId: string) =>
			['Результат звонка', 'Попытки', 'Оператор', 'Дата звонка'].map((t) =>
				sheet.getCell(rowId, id(t))
			);
		expect(written.map(log)).toEqual([
			['не дозвонились', '1', 'Анна', '2026-12-06T09:30'],
			['перезвонить', '3', 'Борис', '2026-01-05T10:00'],
			['', '', '', '']
		]);
		undo.undo();
		expect(sheet.rowCount).toBe(1);
	});
});

describe('a result pasted into the resident being typed in the «+» line (found by exploration)', () => {
	it('logs the call where the row’s cells are empty, ones it got, or pasted empty; hers stay', () => {
		const { sheet, id, row } = callList();
		const at = new Date(2026, 11, 6, 9, 30);
		const also = (rowId: string, colId: string, value: string) =>
			callLogEdits(sheet, rowId, colId, value, 'Анна', at);
		// She typed «Вера» as the operator in the line: hers.
		sheet.setCell(row, id('Оператор'), 'Вера');
		const { edits, gave } = draftPasteEdits(
			sheet,
			row,
			['не дозвонились', ''],
			[id('Результат звонка'), id('Попытки')],
			new Map(),
			also
		);
		expect(Object.fromEntries(edits.map((e) => [e.colId, e.value]))).toEqual({
			[id('Результат звонка')]: 'не дозвонились',
			[id('Попытки')]: '1',
			[id('Дата звонка')]: '2026-12-06T09:30'
		});
		expect([...gave.keys()].sort()).toEqual([id('Попытки'), id('Дата звонка')].sort());
	});
});

describe('a block pasted over residents already called (found by exploration)', () => {
	it('keeps their log where the paste carried nothing, and logs a new result as a typed one', () => {
		const { sheet, id } = callList();
		const undo = sheet.createUndoManager();
		const at = new Date(2026, 11, 6, 9, 30);
		const log = ['Результат звонка', 'Попытки', 'Оператор', 'Дата звонка'];
		const rows = sheet.addRows({
			columns: ['ФИО', ...log].map(id),
			rows: [
				['Петров Олег', 'не дозвонились', '2', 'Борис', '2026-12-05T10:00'],
				['Сидорова Нина', 'перезвонить', '1', 'Вера', '2026-12-04T16:00'],
				['Козлов Пётр', 'отказ', '3', 'Борис', '2026-12-01T12:00']
			]
		});
		undo.clear();
		const also = (rowId: string, colId: string, value: string) =>
			callLogEdits(sheet, rowId, colId, value, 'Анна', at);
		// Her notes, from ФИО on: the name, the phone, the address, the date of birth, the
		// category and the result; one line with its empty log cells (as Excel copies them), one
		// with the same result as the row's, one ending before the result.
		pasteBlock(sheet, {
			block: [
				['Петров Олег', '89111234567', '', '', '', 'дозвонились', '', '', ''],
				['Сидорова Нина', '89111234568', '', '', '', 'перезвонить', '', '', ''],
				['Козлов Пётр', '89111234569']
			],
			rowIds: rows,
			startRow: 0,
			colIds: sheet.columns().map((c) => c.id),
			also,
			keep: (colId) => callLogColumns(sheet.columns()).includes(colId)
		});
		const logged = (rowId: string) => log.map((t) => sheet.getCell(rowId, id(t)));
		expect(rows.map(logged)).toEqual([
			['дозвонились', '3', 'Анна', '2026-12-06T09:30'],
			['перезвонить', '1', 'Вера', '2026-12-04T16:00'],
			['отказ', '3', 'Борис', '2026-12-01T12:00']
		]);
		expect(rows.map((r) => sheet.getCell(r, id('Телефон')))).toEqual([
			'+79111234567',
			'+79111234568',
			'+79111234569'
		]);
		// One step takes it all back.
		undo.undo();
		expect(rows.map(logged)).toEqual([
			['не дозвонились', '2', 'Борис', '2026-12-05T10:00'],
			['перезвонить', '1', 'Вера', '2026-12-04T16:00'],
			['отказ', '3', 'Борис', '2026-12-01T12:00']
		]);
	});

	it('a log pasted with its own values writes them', () => {
		const { sheet, id, row } = callList();
		const at = new Date(2026, 11, 6, 9, 30);
		const also = (rowId: string, colId: string, value: string) =>
			callLogEdits(sheet, rowId, colId, value, 'Анна', at);
		sheet.setCells([
			{ rowId: row, colId: id('Попытки'), value: '2' },
			{ rowId: row, colId: id('Оператор'), value: 'Борис' }
		]);
		pasteBlock(sheet, {
			block: [['перезвонить', '5', 'Вера']],
			rowIds: [row],
			startRow: 0,
			colIds: [id('Результат звонка'), id('Попытки'), id('Оператор')],
			also,
			keep: (colId) => callLogColumns(sheet.columns()).includes(colId)
		});
		expect(
			['Результат звонка', 'Попытки', 'Оператор'].map((t) => sheet.getCell(row, id(t)))
		).toEqual(['перезвонить', '5', 'Вера']);
	});
});

describe('«Заполнить столбец…» on «Результат звонка» (found by exploration)', () => {
	it('logs each resident’s call as a typed result does, in one undo step', () => {
		const { sheet, id, row } = callList();
		const at = new Date(2026, 11, 6, 9, 30);
		const [second, third] = sheet.addRows({
			columns: ['ФИО', 'Результат звонка', 'Попытки', 'Оператор', 'Дата звонка'].map(id),
			rows: [
				['Петров Олег', 'не дозвонились', '2', 'Борис', '2026-12-05T10:00'],
				['Сидорова Нина', 'отказ', '1', 'Вера', '2026-12-04T16:00']
			]
		});
		const undo = sheet.createUndoManager();
		sheet.history.author = { id: 'id-Анна', name: 'Анна' };
		const also = (rowId: string, colId: string, value: string) =>
			callLogEdits(sheet, rowId, colId, value, 'Анна', at);
		const count = fillColumn(sheet, [row, second, third], id('Результат звонка'), 'отказ', also);
		expect(count).toBe(2);
		const logged = (rowId: string) =>
			['Результат звонка', 'Попытки', 'Оператор', 'Дата звонка'].map((t) =>
				sheet.getCell(rowId, id(t))
			);
		expect([row, second, third].map(logged)).toEqual([
			['отказ', '1', 'Анна', '2026-12-06T09:30'],
			['отказ', '3', 'Анна', '2026-12-06T09:30'],
			// Its result was «отказ» already: nothing changes.
			['отказ', '1', 'Вера', '2026-12-04T16:00']
		]);
		undo.undo();
		expect([row, second].map(logged)).toEqual([
			['', '', '', ''],
			['не дозвонились', '2', 'Борис', '2026-12-05T10:00']
		]);
	});
});

const AT = new Date(2026, 11, 6, 11, 0);
/** `minutes` after `AT`. */
const atMinute = (minutes: number) => new Date(+AT + minutes * 60_000);
/**
 * Each replica's undo manager, and `step`: the clock set to that minute, the act, then every
 * manager's capture stopped (each act an undo step of its own), then `after` (the replicas
 * exchanging), if given.
 */
function timedSteps(sheets: Sheet[], after?: () => void) {
	const undos = sheets.map((s) => s.createUndoManager());
	const step = (minutes: number, act: () => void) => {
		vi.setSystemTime(atMinute(minutes));
		act();
		for (const undo of undos) undo.stopCapturing();
		after?.();
	};
	return { undos, step };
}

/** The call in a row as a replica has it: result, «Оператор», «Дата звонка», «Попытки». */
function callIn(sheet: Sheet, row: string, id: (title: string) => string): string[] {
	return ['Результат звонка', 'Оператор', 'Дата звонка', 'Попытки'].map((title) =>
		sheet.getCell(row, id(title))
	);
}
/** Both client orders (so that each replica's value is Yjs's winner once), each sent first. */
const ORDERS = [
	{ clients: [1, 2], order: [0, 1] },
	{ clients: [2, 1], order: [0, 1] },
	{ clients: [1, 2], order: [1, 0] },
	{ clients: [2, 1], order: [1, 0] }
];

describe('calls logged at the same time by two operators (found by exploration)', () => {
	it.each(ORDERS)(
		'two calls to one resident at once are two attempts, on both replicas (%o)',
		({ clients, order }) => {
			const { sheets, exchange, row, id } = callListReplicas(clients);
			const [anna, boris] = sheets;
			logCall(anna, row, id('Результат звонка'), 'не дозвонились', AT, 'Анна');
			logCall(boris, row, id('Результат звонка'), 'перезвонить', new Date(+AT + 5_000), 'Борис');
			expect(anna.getCell(row, id('Попытки'))).toBe('1');
			expect(boris.getCell(row, id('Попытки'))).toBe('1');
			exchange(order);
			for (const sheet of sheets) {
				expect(sheet.getCell(row, id('Попытки'))).toBe('2');
				// The history has both calls; the merge is no one's change in it.
				const calls = sheet.history.forCell(row, id('Результат звонка')).map((i) => i.author.name);
				expect(calls.sort()).toEqual(['Анна', 'Борис']);
				expect(sheet.history.forCell(row, id('Попытки'))).toHaveLength(2);
			}
			// The next call counts on from the two.
			logCall(anna, row, id('Результат звонка'), 'дозвонились', new Date(+AT + 3_600_000), 'Анна');
			exchange(order);
			for (const sheet of sheets) expect(sheet.getCell(row, id('Попытки'))).toBe('3');
		}
	);

	it.each(ORDERS)(
		'counts on from an imported «Попытки», and one offline logging two calls (%o)',
		({ clients, order }) => {
			const { sheets, exchange, row, id } = callListReplicas(clients, '3');
			const [anna, boris] = sheets;
			// Анна, offline, calls twice, an hour apart; Борис calls once meanwhile.
			logCall(anna, row, id('Результат звонка'), 'не дозвонились', AT, 'Анна');
			logCall(anna, row, id('Результат звонка'), 'перезвонить', new Date(+AT + 3_600_000), 'Анна');
			logCall(
				boris,
				row,
				id('Результат звонка'),
				'не дозвонились',
				new Date(+AT + 60_000),
				'Борис'
			);
			exchange(order);
			for (const sheet of sheets) expect(sheet.getCell(row, id('Попытки'))).toBe('6');
		}
	);

	it.each(ORDERS)(
		"a coordinator's «Попытки» typed by hand stays the count the calls go on from (%o)",
		({ clients, order }) => {
			const { sheets, exchange, row, id } = callListReplicas(clients, '4');
			const [anna, boris] = sheets;
			logCall(anna, row, id('Результат звонка'), 'не дозвонились', AT, 'Анна');
			exchange(order);
			// The coordinator starts the resident over: «Попытки» 0.
			boris.history.author = { id: 'id-Ирина', name: 'Ирина' };
			boris.setCell(row, id('Попытки'), '0');
			exchange(order);
			for (const sheet of sheets) expect(sheet.getCell(row, id('Попытки'))).toBe('0');
			logCall(anna, row, id('Результат звонка'), 'перезвонить', new Date(+AT + 3_600_000), 'Анна');
			logCall(
				boris,
				row,
				id('Результат звонка'),
				'дозвонились',
				new Date(+AT + 3_605_000),
				'Борис'
			);
			exchange(order);
			for (const sheet of sheets) expect(sheet.getCell(row, id('Попытки'))).toBe('2');
		}
	);

	it.each(ORDERS)(
		'the operator whose result stands takes her call back: one attempt, the colleague’s call (%o)',
		({ clients, order }) => {
			// Found by exploration: «Попытки» stayed 2 after her Ctrl+Z, for one call.
			const { sheets, exchange, row, id } = callListReplicas(clients);
			const undos = sheets.map((sheet) => sheet.createUndoManager());
			logCall(sheets[0], row, id('Результат звонка'), 'не дозвонились', AT, 'Анна');
			logCall(sheets[1], row, id('Результат звонка'), 'перезвонить', AT, 'Борис');
			exchange(order);
			// Whose result stands is Yjs's choice (by replica): she is the one who sees hers.
			const shown = sheets[0].getCell(row, id('Результат звонка'));
			const mine = shown === 'не дозвонились' ? 0 : 1;
			const other = sheets[1 - mine].history.author.name;
			for (const sheet of sheets) expect(sheet.getCell(row, id('Попытки'))).toBe('2');
			undos[mine].undo();
			exchange(order);
			for (const sheet of sheets) {
				expect(sheet.getCell(row, id('Оператор'))).toBe(other);
				expect(sheet.getCell(row, id('Попытки'))).toBe('1');
				// Her undo's line in the history says so.
				const [undone] = sheet.history.forCell(row, id('Попытки'));
				expect([undone.undo, undone.old, undone.value]).toEqual(['undo', '2', '1']);
			}
			// The next call counts on from the colleague's one.
			logCall(
				sheets[0],
				row,
				id('Результат звонка'),
				'дозвонились',
				new Date(+AT + 3_600_000),
				'Анна'
			);
			exchange(order);
			for (const sheet of sheets) expect(sheet.getCell(row, id('Попытки'))).toBe('2');
		}
	);

	it.each(ORDERS)(
		'the operator whose result stood redoes the call she took back, and again (%o)',
		({ clients, order }) => {
			// Found in review: her undo gave the colleague's result back (hers had raced it), and
			// her Ctrl+Y then did nothing: Yjs redoes a value only where nobody wrote over it,
			// and the value given back was written over hers.
			const { sheets, exchange, row, id } = callListReplicas(clients);
			const undos = sheets.map((sheet) => sheet.createUndoManager());
			logCall(sheets[0], row, id('Результат звонка'), 'не дозвонились', AT, 'Анна');
			logCall(sheets[1], row, id('Результат звонка'), 'перезвонить', AT, 'Борис');
			exchange(order);
			const shown = sheets[0].getCell(row, id('Результат звонка'));
			const mine = shown === 'не дозвонились' ? 0 : 1;
			const me = sheets[mine].history.author.name;
			const other = sheets[1 - mine].history.author.name;
			const theirs = shown === 'не дозвонились' ? 'перезвонить' : 'не дозвонились';
			const logged = (sheet: Sheet) =>
				['Результат звонка', 'Оператор', 'Попытки'].map((t) => sheet.getCell(row, id(t)));
			for (const [step, expected] of [
				['undo', [theirs, other, '1']],
				['redo', [shown, me, '2']],
				['undo', [theirs, other, '1']],
				['redo', [shown, me, '2']]
			] as const) {
				expect(undoStep(undos[mine], step), step).toBe('done');
				exchange(order);
				for (const sheet of sheets) expect(logged(sheet), step).toEqual(expected);
			}
			// Taken back once more, and the colleague calls again: her redo leaves his call, the
			// «Оператор» his call did not need to write again too.
			undoStep(undos[mine], 'undo');
			exchange(order);
			const at = new Date(+AT + 3_600_000);
			logCall(sheets[1 - mine], row, id('Результат звонка'), 'дозвонились', at, other);
			exchange(order);
			expect(undoStep(undos[mine], 'redo')).toBe('overwritten');
			exchange(order);
			for (const sheet of sheets) expect(logged(sheet)).toEqual(['дозвонились', other, '2']);
		}
	);

	it.each(ORDERS)(
		'her redo of the call she took back leaves the colleague’s next call made since (%o)',
		({ clients, order }) => {
			const { sheets, exchange, row, id } = callListReplicas(clients);
			const undos = sheets.map((sheet) => sheet.createUndoManager());
			logCall(sheets[0], row, id('Результат звонка'), 'не дозвонились', AT, 'Анна');
			logCall(sheets[1], row, id('Результат звонка'), 'перезвонить', AT, 'Борис');
			exchange(order);
			const mine = sheets[0].getCell(row, id('Результат звонка')) === 'не дозвонились' ? 0 : 1;
			const other = sheets[1 - mine].history.author.name;
			undoStep(undos[mine], 'undo');
			exchange(order);
			const at = new Date(+AT + 3_600_000);
			logCall(sheets[1 - mine], row, id('Результат звонка'), 'дозвонились', at, other);
			exchange(order);
			expect(undoStep(undos[mine], 'redo')).toBe('overwritten');
			exchange(order);
			for (const sheet of sheets)
				expect(
					['Результат звонка', 'Оператор', 'Попытки'].map((t) => sheet.getCell(row, id(t)))
				).toEqual(['дозвонились', other, '2']);
		}
	);

	it.each(ORDERS)(
		'her redo leaves the colleague’s next call whole and brings back her note of the same step (%o)',
		({ clients, order }) => {
			// Found in review of f79ef27: the redo left the whole row to him, her note with it.
			const { sheets, exchange, row, id } = callListReplicas(clients);
			const undos = sheets.map((sheet) => sheet.createUndoManager());
			const [anna, boris] = sheets;
			anna.history.author = { id: 'id-Анна', name: 'Анна' };
			const also = callLogEdits(anna, row, id('Результат звонка'), 'не дозвонились', 'Анна', AT);
			anna.setCells([
				{ rowId: row, colId: id('Результат звонка'), value: 'не дозвонились' },
				{ rowId: row, colId: id('Примечание'), value: 'живёт одна' },
				...also.map((e) => ({ rowId: row, ...e }))
			]);
			exchange(order);
			expect(undoStep(undos[0], 'undo')).toBe('done');
			exchange(order);
			const at = new Date(+AT + 3_600_000);
			logCall(boris, row, id('Результат звонка'), 'дозвонились', at, 'Борис');
			exchange(order);
			expect(undoStep(undos[0], 'redo')).toBe('done');
			exchange(order);
			for (const sheet of sheets)
				expect(
					['Результат звонка', 'Оператор', 'Попытки', 'Примечание'].map((t) =>
						sheet.getCell(row, id(t))
					)
				).toEqual(['дозвонились', 'Борис', '1', 'живёт одна']);
		}
	);

	it.each(ORDERS)(
		'the later call, kept by a replica writing it back, is taken back by its operator (%o)',
		({ clients, order }) => {
			// Found in review: Анна logged her call offline at 11:00, Борис his at 11:02; where Yjs
			// kept hers, a replica wrote his back (the later stays), and his Ctrl+Z then did
			// nothing: none of the values shown were his own writes.
			vi.useFakeTimers({ toFake: ['Date'] });
			try {
				// Both replicas meeting, or his alone hearing of hers (his replica writes his back).
				for (const alone of [false, true]) {
					vi.setSystemTime(AT);
					const { sheets, exchange, row, id, outbox } = callListReplicas(clients);
					const [anna, boris] = sheets;
					const undo = boris.createUndoManager();
					logCall(anna, row, id('Результат звонка'), 'не дозвонились', AT, 'Анна');
					const later = new Date(+AT + 120_000);
					vi.setSystemTime(later);
					logCall(boris, row, id('Результат звонка'), 'дозвонились', later, 'Борис');
					vi.setSystemTime(+AT + 300_000);
					if (alone) for (const u of outbox[0].splice(0)) Y.applyUpdate(boris.doc, u, 'remote');
					else exchange(order);
					const logged = (sheet: Sheet) => callIn(sheet, row, id);
					for (const sheet of alone ? [boris] : sheets)
						expect(logged(sheet)).toEqual(['дозвонились', 'Борис', '2026-12-06T11:02', '2']);
					expect(undoStep(undo, 'undo'), `${alone}`).toBe('done');
					exchange(order);
					// Анна's call is what stands.
					for (const sheet of sheets)
						expect(logged(sheet), `${alone}`).toEqual([
							'не дозвонились',
							'Анна',
							'2026-12-06T11:00',
							'1'
						]);
				}
			} finally {
				vi.useRealTimers();
			}
		}
	);

	it.each(ORDERS)(
		'the operator whose result lost takes her call back: one attempt, the colleague’s call (%o)',
		({ clients, order }) => {
			// Found in review: her Ctrl+Z found nothing of hers standing (her result, operator,
			// time and count all lost to the colleague's or to the merge) and left «Попытки» 2.
			const { sheets, exchange, row, id } = callListReplicas(clients);
			const undos = sheets.map((sheet) => sheet.createUndoManager());
			logCall(sheets[0], row, id('Результат звонка'), 'не дозвонились', AT, 'Анна');
			logCall(sheets[1], row, id('Результат звонка'), 'перезвонить', AT, 'Борис');
			exchange(order);
			const shown = sheets[0].getCell(row, id('Результат звонка'));
			// She is the one whose result is not the one shown.
			const lost = shown === 'не дозвонились' ? 1 : 0;
			const other = sheets[1 - lost].history.author.name;
			const logged = (sheet: Sheet) =>
				['Результат звонка', 'Оператор', 'Попытки'].map((t) => sheet.getCell(row, id(t)));
			for (const sheet of sheets) expect(logged(sheet)).toEqual([shown, other, '2']);
			expect(undoStep(undos[lost], 'undo')).toBe('done');
			exchange(order);
			for (const sheet of sheets) {
				expect(logged(sheet)).toEqual([shown, other, '1']);
				const [undone] = sheet.history.forCell(row, id('Попытки'));
				expect([undone.undo, undone.old, undone.value]).toEqual(['undo', '2', '1']);
			}
			// The next call counts on from the colleague's one.
			logCall(
				sheets[lost],
				row,
				id('Результат звонка'),
				'дозвонились',
				new Date(+AT + 3_600_000),
				sheets[lost].history.author.name
			);
			exchange(order);
			for (const sheet of sheets) expect(sheet.getCell(row, id('Попытки'))).toBe('2');
		}
	);

	it.each(ORDERS)(
		'her call taken back with the same result as the colleague’s leaves one attempt (%o)',
		({ clients, order }) => {
			// Found in review of 7879e84 and ddb6070: both logged «дозвонились»; her undo found
			// nothing of hers standing and gave back his «Оператор» and «Дата звонка», or did
			// nothing, but left «Попытки» 2 for his one call — the result given back equal to hers
			// was not in her undo's entry, so the count did not see her call taken back.
			vi.useFakeTimers({ toFake: ['Date'] });
			try {
				const logged = (sheet: Sheet, row: string, id: (t: string) => string) =>
					callIn(sheet, row, id);
				// Борис offline at 11:33, Анна at 11:55: hers is the later, kept or written back.
				{
					vi.setSystemTime(AT);
					const { sheets, exchange, row, id } = callListReplicas(clients);
					const [anna, boris] = sheets;
					const undo = anna.createUndoManager();
					vi.setSystemTime(atMinute(33));
					logCall(boris, row, id('Результат звонка'), 'дозвонились', atMinute(33), 'Борис');
					vi.setSystemTime(atMinute(55));
					logCall(anna, row, id('Результат звонка'), 'дозвонились', atMinute(55), 'Анна');
					vi.setSystemTime(atMinute(60));
					exchange(order);
					for (const sheet of sheets)
						expect(logged(sheet, row, id)).toEqual([
							'дозвонились',
							'Анна',
							'2026-12-06T11:55',
							'2'
						]);
					expect(undoStep(undo, 'undo')).toBe('done');
					exchange(order);
					for (const sheet of sheets)
						expect(logged(sheet, row, id), 'later').toEqual([
							'дозвонились',
							'Борис',
							'2026-12-06T11:33',
							'1'
						]);
				}
				// Both at 11:00: the one whose call does not show takes hers back.
				{
					vi.setSystemTime(AT);
					const { sheets, exchange, row, id } = callListReplicas(clients);
					const undos = sheets.map((sheet) => sheet.createUndoManager());
					logCall(sheets[0], row, id('Результат звонка'), 'дозвонились', AT, 'Анна');
					logCall(sheets[1], row, id('Результат звонка'), 'дозвонились', AT, 'Борис');
					exchange(order);
					const stood = logged(sheets[0], row, id);
					const lost = stood[1] === 'Анна' ? 1 : 0;
					expect(undoStep(undos[lost], 'undo')).toBe('done');
					exchange(order);
					for (const sheet of sheets)
						expect(logged(sheet, row, id), 'at once').toEqual([...stood.slice(0, 3), '1']);
				}
			} finally {
				vi.useRealTimers();
			}
		}
	);

	it.each(ORDERS)(
		'a call undone and redone over a coordinator’s «Попытки» typed at the same time (%o)',
		({ clients, order }) => {
			const { sheets, exchange, row, id } = callListReplicas(clients, '3');
			const [anna, irina] = sheets;
			const undo = anna.createUndoManager();
			logCall(anna, row, id('Результат звонка'), 'не дозвонились', AT, 'Анна');
			irina.history.author = { id: 'id-Ирина', name: 'Ирина' };
			irina.setCell(row, id('Попытки'), '0');
			exchange(order);
			const merged = anna.getCell(row, id('Попытки'));
			expect(['0', '1']).toContain(merged);
			// Her undo leaves the coordinator's count; her redo counts her call over it.
			undo.undo();
			exchange(order);
			for (const sheet of sheets) {
				expect(sheet.getCell(row, id('Результат звонка'))).toBe('');
				expect(sheet.getCell(row, id('Попытки'))).toBe('0');
			}
			undo.redo();
			exchange(order);
			for (const sheet of sheets) {
				expect(sheet.getCell(row, id('Результат звонка'))).toBe('не дозвонились');
				expect(sheet.getCell(row, id('Попытки'))).toBe('1');
			}
		}
	);

	it.each(ORDERS)(
		'a call undone, redone, undone and redone again over a coordinator’s «Попытки» (%o)',
		({ clients, order }) => {
			// Found in review: each undo after a redo left one attempt more (1, then 2 for 1).
			const { sheets, exchange, row, id } = callListReplicas(clients, '3');
			const [anna, irina] = sheets;
			const undo = anna.createUndoManager();
			logCall(anna, row, id('Результат звонка'), 'не дозвонились', AT, 'Анна');
			irina.history.author = { id: 'id-Ирина', name: 'Ирина' };
			irina.setCell(row, id('Попытки'), '0');
			exchange(order);
			const counts: string[] = [];
			for (const step of ['undo', 'redo', 'undo', 'redo'] as const) {
				undo[step]();
				exchange(order);
				const [count, ...others] = sheets.map((sheet) => sheet.getCell(row, id('Попытки')));
				expect(others).toEqual([count]);
				counts.push(count);
			}
			expect(counts).toEqual(['0', '1', '0', '1']);
		}
	);

	it.each(ORDERS)(
		'the same, every change in one millisecond: the same count on every replica (%o)',
		({ clients, order }) => {
			// Equal times, as the real clock gives the test above now and then: every replica gives
			// the same count whichever order it filed the history in (`SheetHistory.forRow`). A
			// fix of fault C in review failed the test above about one run in three that way.
			vi.useFakeTimers({ toFake: ['Date'] });
			try {
				vi.setSystemTime(AT);
				const { sheets, exchange, row, id } = callListReplicas(clients, '3');
				const [anna, irina] = sheets;
				for (const sheet of sheets) sheet.history.forRow(row);
				const undo = anna.createUndoManager();
				logCall(anna, row, id('Результат звонка'), 'не дозвонились', AT, 'Анна');
				irina.history.author = { id: 'id-Ирина', name: 'Ирина' };
				irina.setCell(row, id('Попытки'), '0');
				exchange(order);
				const counts: string[] = [];
				for (const step of ['undo', 'redo', 'undo', 'redo'] as const) {
					undo[step]();
					exchange(order);
					const [count, ...others] = sheets.map((sheet) => sheet.getCell(row, id('Попытки')));
					expect(others).toEqual([count]);
					counts.push(count);
				}
				expect(counts).toEqual(['0', '1', '0', '1']);
			} finally {
				vi.useRealTimers();
			}
		}
	);

	it.each(ORDERS)(
		'she takes her call back offline while the colleague calls the resident again: the colleague’s two calls (%o)',
		({ clients, order }) => {
			// Found in review: her undo's count (1) and the colleague's next call's (3) met, and
			// the merge took her undo's 1 for a count typed by hand: «Попытки» 1 for two calls.
			vi.useFakeTimers({ toFake: ['Date'] });
			try {
				// The colleague's next call an hour after her undo, or five minutes before it.
				for (const [undoneAt, calledAt] of [
					[600_000, 3_600_000],
					[600_000, 300_000]
				]) {
					vi.setSystemTime(AT);
					const { sheets, exchange, row, id } = callListReplicas(clients);
					const undos = sheets.map((sheet) => sheet.createUndoManager());
					logCall(sheets[0], row, id('Результат звонка'), 'не дозвонились', AT, 'Анна');
					logCall(sheets[1], row, id('Результат звонка'), 'перезвонить', AT, 'Борис');
					exchange(order);
					const shown = sheets[0].getCell(row, id('Результат звонка'));
					const mine = shown === 'не дозвонились' ? 0 : 1;
					const colleague = sheets[1 - mine];
					vi.setSystemTime(+AT + undoneAt);
					undos[mine].undo();
					expect(sheets[mine].getCell(row, id('Попытки'))).toBe('1');
					const at = new Date(+AT + calledAt);
					vi.setSystemTime(at);
					const name = colleague.history.author.name;
					logCall(colleague, row, id('Результат звонка'), 'дозвонились', at, name);
					exchange(order);
					for (const sheet of sheets) expect(sheet.getCell(row, id('Попытки'))).toBe('2');
					// His next call stands, even when her undo was later (found in review: the
					// result her undo gave back, his «перезвонить» of 11:00, was timed by the undo,
					// 11:10, and replaced his «дозвонились» of 11:05 in all four replica orders).
					const stamp = `2026-12-06T${calledAt > undoneAt ? '12:00' : '11:05'}`;
					for (const sheet of sheets)
						expect(
							['Результат звонка', 'Оператор', 'Дата звонка'].map((t) => sheet.getCell(row, id(t)))
						).toEqual(['дозвонились', name, stamp]);
				}
			} finally {
				vi.useRealTimers();
			}
		}
	);

	it.each(ORDERS)(
		'she takes back offline a call with the same result as the colleague’s: the colleague’s two calls (%o)',
		({ clients, order }) => {
			// Found in review of 4886ee0: her undo gave the result back the colleague's equal
			// «не дозвонились», its entry left that cell out, and the merge no longer saw a call
			// taken back: «Попытки» 1 for the colleague's two calls.
			vi.useFakeTimers({ toFake: ['Date'] });
			try {
				for (const [undoneAt, calledAt] of [
					[600_000, 3_600_000],
					[600_000, 300_000]
				]) {
					vi.setSystemTime(AT);
					const { sheets, exchange, row, id } = callListReplicas(clients);
					const undos = sheets.map((sheet) => sheet.createUndoManager());
					logCall(sheets[0], row, id('Результат звонка'), 'не дозвонились', AT, 'Анна');
					logCall(sheets[1], row, id('Результат звонка'), 'не дозвонились', AT, 'Борис');
					exchange(order);
					for (const sheet of sheets) expect(sheet.getCell(row, id('Попытки'))).toBe('2');
					// Whose call stands is Yjs's choice (by replica): she is the one who sees hers.
					const mine = sheets[0].getCell(row, id('Оператор')) === 'Анна' ? 0 : 1;
					const colleague = sheets[1 - mine];
					vi.setSystemTime(+AT + undoneAt);
					undos[mine].undo();
					expect(sheets[mine].getCell(row, id('Попытки'))).toBe('1');
					// The history shows no «не дозвонились → не дозвонились».
					for (const item of sheets[mine].history.forCell(row, id('Результат звонка')))
						expect(item.old).not.toBe(item.value);
					const at = new Date(+AT + calledAt);
					vi.setSystemTime(at);
					const name = colleague.history.author.name;
					logCall(colleague, row, id('Результат звонка'), 'дозвонились', at, name);
					exchange(order);
					for (const sheet of sheets)
						expect(sheet.getCell(row, id('Попытки')), `${undoneAt} ${calledAt}`).toBe('2');
				}
			} finally {
				vi.useRealTimers();
			}
		}
	);

	it.each(ORDERS)(
		'her call taken back offline, the count Yjs’s own undo put back, meets a colleague’s next call (%o)',
		({ clients, order }) => {
			// Found in review: the colleague's call over her call's count (4 → 5, for his one call
			// over the coordinator's 3) and her undo's 3 met; the merge kept 5, or 3 (her undo's
			// count read as one typed by hand, after his call).
			const { sheets, exchange, row, id } = callListReplicas(clients);
			const [anna, boris] = sheets;
			boris.history.author = { id: 'id-Ирина', name: 'Ирина' };
			boris.setCell(row, id('Попытки'), '3');
			exchange(order);
			const undo = anna.createUndoManager();
			logCall(anna, row, id('Результат звонка'), 'не дозвонились', AT, 'Анна');
			exchange(order);
			expect(boris.getCell(row, id('Попытки'))).toBe('4');
			undo.undo();
			expect(anna.getCell(row, id('Попытки'))).toBe('3');
			logCall(boris, row, id('Результат звонка'), 'дозвонились', AT, 'Борис');
			exchange(order);
			for (const sheet of sheets) {
				expect(sheet.getCell(row, id('Результат звонка'))).toBe('дозвонились');
				expect(sheet.getCell(row, id('Попытки'))).toBe('4');
			}
		}
	);

	it.each(ORDERS)(
		'her call over an imported «Попытки» taken back offline meets a colleague’s next call (%o)',
		({ clients, order }) => {
			// Found in review: the import's 3 is in the row's chunk, so her undo took her 4 out of
			// the cell (the import's 3 showed again) and wrote no value; Борис's call over her 4 (5)
			// met nothing, and the row kept 5 for his one call over 3.
			vi.useFakeTimers({ toFake: ['Date'] });
			try {
				// His call an hour after her undo, or five minutes before it.
				for (const calledAt of [3_600_000, 300_000]) {
					vi.setSystemTime(AT);
					const { sheets, exchange, row, id } = callListReplicas(clients, '3');
					const [anna, boris] = sheets;
					const undo = anna.createUndoManager();
					logCall(anna, row, id('Результат звонка'), 'не дозвонились', AT, 'Анна');
					exchange(order);
					expect(boris.getCell(row, id('Попытки'))).toBe('4');
					vi.setSystemTime(+AT + 600_000);
					expect(undoStep(undo, 'undo')).toBe('done');
					expect(anna.getCell(row, id('Попытки'))).toBe('3');
					const at = new Date(+AT + calledAt);
					vi.setSystemTime(at);
					logCall(boris, row, id('Результат звонка'), 'дозвонились', at, 'Борис');
					expect(boris.getCell(row, id('Попытки'))).toBe('5');
					exchange(order);
					for (const sheet of sheets)
						expect(
							['Результат звонка', 'Оператор', 'Попытки'].map((t) => sheet.getCell(row, id(t))),
							`${calledAt}`
						).toEqual(['дозвонились', 'Борис', '4']);
				}
			} finally {
				vi.useRealTimers();
			}
		}
	);

	it('an undo that Yjs lets take the count back, or of no call, is left as it is', () => {
		const { sheets, exchange, row, id } = callListReplicas([1, 2], '2');
		const [anna] = sheets;
		const undo = anna.createUndoManager({ captureTimeout: 0 });
		logCall(anna, row, id('Результат звонка'), 'не дозвонились', AT, 'Анна');
		anna.setCell(row, id('Оператор'), 'Анна П.');
		exchange([0, 1]);
		expect(anna.getCell(row, id('Попытки'))).toBe('3');
		undo.undo();
		expect(anna.getCell(row, id('Оператор'))).toBe('Анна');
		expect(anna.getCell(row, id('Попытки'))).toBe('3');
		undo.undo();
		exchange([0, 1]);
		for (const sheet of sheets) expect(sheet.getCell(row, id('Попытки'))).toBe('2');
		expect(
			undoneAttemptsOf(anna, [[row, id('Результат звонка'), 'не дозвонились', '']], 'undo')
		).toEqual([]);
	});

	it('three operators at once: three attempts, the same on every replica', () => {
		const { sheets, exchange, row, id } = callListReplicas([3, 1, 2], '1');
		sheets.forEach((sheet, i) =>
			logCall(
				sheet,
				row,
				id('Результат звонка'),
				'не дозвонились',
				AT,
				['Анна', 'Борис', 'Вера'][i]
			)
		);
		exchange([2, 0, 1]);
		for (const sheet of sheets) expect(sheet.getCell(row, id('Попытки'))).toBe('4');
	});

	it('is not a count for any other cell, nor outside a call list', () => {
		const { sheets, row, id } = callListReplicas([1, 2]);
		expect(mergedAttempts(sheets[0], row, id('Оператор'))).toBeNull();
		const other = new Sheet(new Y.Doc());
		const [attempts] = other.addColumns([{ title: 'Попытки', type: 'number' }]);
		const r = other.addRow({ [attempts]: '2' });
		other.setCell(r, attempts, '3');
		expect(mergedAttempts(other, r, attempts)).toBeNull();
	});
});

describe('an operator back with many calls logged offline (found in review)', () => {
	it("reads the list's history once for all the calls that meet, not once per call", () => {
		const { sheets, exchange, id, outbox } = callListReplicas([1, 2]);
		const [anna, boris] = sheets;
		const rows = anna.addRows({
			columns: [id('ФИО')],
			rows: Array.from({ length: 300 }, (_, i) => [`Житель ${i}`])
		});
		exchange([0, 1]);
		// Борис, offline, calls 300 residents; Анна, online, calls the same ones meanwhile.
		rows.forEach((row, i) => {
			logCall(boris, row, id('Результат звонка'), 'не дозвонились', new Date(+AT + i), 'Борис');
			logCall(anna, row, id('Результат звонка'), 'перезвонить', new Date(+AT + i + 9), 'Анна');
		});
		// Each read of the whole history is a walk over every entry of the list (a list worked for
		// weeks holds 50,000: 56 ms a walk, 58 s for 500 calls meeting, measured on 2 cores).
		const toArray = vi.spyOn(Y.Array.prototype, 'toArray');
		try {
			// His line comes back: what each lacks comes as one update (y-websocket's sync).
			const his = Y.mergeUpdates(outbox[1].splice(0));
			const hers = Y.mergeUpdates(outbox[0].splice(0));
			Y.applyUpdate(anna.doc, his, 'remote');
			Y.applyUpdate(boris.doc, hers, 'remote');
			expect(toArray.mock.calls.length).toBeLessThan(10);
		} finally {
			toArray.mockRestore();
		}
		exchange([1, 0]);
		for (const sheet of sheets)
			for (const row of rows) expect(sheet.getCell(row, id('Попытки'))).toBe('2');
	});
});

/**
 * Found by exploration: Анна, offline, logged «нужна помощь»; Борис, not seeing it, called the
 * same resident two seconds later and logged «дозвонились»; the later result stayed, and the
 * resident who needs help showed only in the history and a notice to Анна.
 */
describe('«нужна помощь» logged at the same time as another result stays', () => {
	const log = (
		sheet: Sheet,
		row: string,
		id: (t: string) => string,
		value: string,
		at: Date,
		who: string
	) => {
		vi.setSystemTime(at);
		logCall(sheet, row, id('Результат звонка'), value, at, who);
	};
	const logged = (sheet: Sheet, row: string, id: (t: string) => string) => callIn(sheet, row, id);

	for (const helpFirst of [true, false])
		it.each(ORDERS)(
			`over a result logged 2 s ${helpFirst ? 'later' : 'earlier'}, with its operator and time (%o)`,
			({ clients, order }) => {
				vi.useFakeTimers({ toFake: ['Date'] });
				try {
					const { sheets, exchange, row, id } = callListReplicas(clients);
					const [anna, boris] = sheets;
					const early = AT;
					const late = new Date(+AT + 2_000);
					log(anna, row, id, 'нужна помощь', helpFirst ? early : late, 'Анна');
					log(boris, row, id, 'дозвонились', helpFirst ? late : early, 'Борис');
					vi.setSystemTime(+AT + 60_000);
					exchange(order);
					const annaAt = '2026-12-06T11:00'; // 11:00:00 or 11:00:02
					for (const sheet of sheets) {
						expect(logged(sheet, row, id)).toEqual(['нужна помощь', 'Анна', annaAt, '2']);
						// Борис's call is in the history.
						const calls = sheet.history
							.forCell(row, id('Результат звонка'))
							.map((i) => [i.author.name, i.value]);
						expect(calls).toContainEqual(['Борис', 'дозвонились']);
					}
				} finally {
					vi.useRealTimers();
				}
			}
		);

	it('on three replicas, whatever the order the changes come in', () => {
		vi.useFakeTimers({ toFake: ['Date'] });
		try {
			const random = seeded(7);
			for (let run = 0; run < 24; run++) {
				const clients = shuffle([1, 2, 3], random);
				const { sheets, exchange, row, id } = callListReplicas(clients);
				const [anna, boris, vera] = sheets;
				log(boris, row, id, 'дозвонились', AT, 'Борис');
				log(anna, row, id, 'нужна помощь', new Date(+AT + 2_000), 'Анна');
				log(vera, row, id, 'отказ', new Date(+AT + 4_000), 'Вера');
				vi.setSystemTime(+AT + 60_000);
				exchange(shuffle([0, 1, 2], random));
				for (const sheet of sheets)
					expect(logged(sheet, row, id), `run ${run}`).toEqual([
						'нужна помощь',
						'Анна',
						'2026-12-06T11:00',
						'3'
					]);
			}
		} finally {
			vi.useRealTimers();
		}
	});

	it.each(ORDERS)(
		'a result logged knowing «нужна помощь» replaces it as any later value (%o)',
		({ clients, order }) => {
			vi.useFakeTimers({ toFake: ['Date'] });
			try {
				const { sheets, exchange, row, id } = callListReplicas(clients);
				const [anna, boris] = sheets;
				log(anna, row, id, 'нужна помощь', AT, 'Анна');
				exchange(order);
				// Борис saw it, brought the help, and called back.
				log(boris, row, id, 'дозвонились', new Date(+AT + 3_600_000), 'Борис');
				exchange(order);
				for (const sheet of sheets)
					expect(logged(sheet, row, id)).toEqual(['дозвонились', 'Борис', '2026-12-06T12:00', '2']);
			} finally {
				vi.useRealTimers();
			}
		}
	);

	/**
	 * Found in review: on three replicas, Вера «дозвонились» at 11:01, Борис, offline,
	 * «нужна помощь» at 11:02, Анна «дозвонились» at 11:03 — Анна's and Вера's replicas met first
	 * and one of them wrote «Оператор» and «Дата звонка» again (Анна's, the later call); that
	 * repair came to Борис's replica without the result, and the row ended «нужна помощь» with
	 * «Анна, 11:03» everywhere: not the one who found the need.
	 */
	it('with one replica offline while the others meet, in any order, the row keeps the call that logged it', () => {
		vi.useFakeTimers({ toFake: ['Date'] });
		try {
			const random = seeded(89);
			const names = ['Анна', 'Борис', 'Вера', 'Глеб'];
			const others = ['дозвонились', 'отказ', 'не дозвонились'];
			for (let run = 0; run < 150; run++) {
				const n = 3 + Math.floor(random() * 2);
				const { sheets, row, id } = callListReplicas(shuffle([1, 2, 3, 4], random).slice(0, n));
				const sync = (a: number, b: number) => {
					const [from, to] = [sheets[a].doc, sheets[b].doc];
					Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), 'remote');
				};
				const minutes = shuffle([0, 1, 2, 3], random);
				const calls = sheets.map((sheet, i) => {
					const value = random() < 0.45 ? 'нужна помощь' : others[Math.floor(random() * 3)];
					const at = new Date(+AT + minutes[i] * 60_000);
					log(sheet, row, id, value, at, names[i]);
					return [value, names[i], `2026-12-06T11:0${minutes[i]}`];
				});
				vi.setSystemTime(+AT + 600_000);
				const all = sheets.map((_, i) => i);
				const offline = Math.floor(random() * n);
				const online = all.filter((i) => i !== offline);
				for (let k = 0; k < 5; k++) {
					const [a, b] = shuffle(online, random);
					sync(a, b);
				}
				const pairs = shuffle(
					all.flatMap((a) => all.filter((b) => b !== a).map((b) => [a, b])),
					random
				);
				for (let k = 0; k < 6; k++) for (const [a, b] of pairs) sync(a, b);
				const rows = sheets.map((sheet) => logged(sheet, row, id));
				for (const r of rows) expect(r, `run ${run}`).toEqual(rows[0]);
				const [result, operator, date, attempts] = rows[0];
				expect(attempts, `run ${run}`).toBe(String(n));
				if (calls.some(([value]) => value === 'нужна помощь'))
					expect(calls, `run ${run}`).toContainEqual([result, operator, date]);
			}
		} finally {
			vi.useRealTimers();
		}
	});
});

/** A small seeded random (runs the same each time). */
function seeded(seed: number) {
	let x = seed;
	return () => {
		x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
		return x / 2_147_483_648;
	};
}

function shuffle<T>(list: T[], random: () => number): T[] {
	const out = [...list];
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}

describe('a call taken back offline meets a colleague’s call made unseen (found in review)', () => {
	/**
	 * Борис, offline, logs a call to a resident whose «Попытки» is empty and takes it back (the
	 * wrong resident); Анна, who never saw it, logs hers. «Попытки» ended 2 for her one call in 2
	 * of 4 replica orders: the merge of the two counts wrote 2 when his call arrived, and his undo,
	 * arriving after, deleted only his value already lost, so nothing counted again
	 * (`Sheet.#undoneLostCells` counts again).
	 */
	it.each(ORDERS)('hers stays, one attempt (%o)', ({ clients, order }) => {
		vi.useFakeTimers({ toFake: ['Date'] });
		try {
			const { sheets, exchange, row, id } = callListReplicas(clients);
			const [anna, boris] = sheets;
			const undos = sheets.map((s) => s.createUndoManager());
			const result = id('Результат звонка');
			vi.setSystemTime(atMinute(22));
			logCall(boris, row, result, 'не дозвонились', atMinute(22), 'Борис');
			vi.setSystemTime(atMinute(30));
			expect(undoStep(undos[1], 'undo')).toBe('done');
			vi.setSystemTime(atMinute(33));
			logCall(anna, row, result, 'перезвонить', atMinute(33), 'Анна');
			vi.setSystemTime(atMinute(40));
			exchange(order);
			for (const sheet of sheets)
				expect(callIn(sheet, row, id)).toEqual(['перезвонить', 'Анна', '2026-12-06T11:33', '1']);
		} finally {
			vi.useRealTimers();
		}
	});

	/**
	 * Fault C: Борис logs a call at 11:22, Анна hers at 11:33, neither seeing the other, and she
	 * takes hers back before they meet. Her taken-back «перезвонить» came back as the later value
	 * in 2 of 4 replica orders (his replica wrote it back as the later when her call arrived, and
	 * her undo, arriving after, deleted only her value already lost), and the row lost both calls
	 * in the other 2 (her undone value was Yjs's winner: his lost to nothing). Then his Ctrl+Z of
	 * his call gave back hers from the history.
	 */
	it.each(ORDERS)(
		'C: his call stands, and his undo of it does not bring back hers (%o)',
		({ clients, order }) => {
			vi.useFakeTimers({ toFake: ['Date'] });
			try {
				const { sheets, exchange, row, id } = callListReplicas(clients);
				const [anna, boris] = sheets;
				const undos = sheets.map((s) => s.createUndoManager());
				const result = id('Результат звонка');
				const logged = (sheet: Sheet) => callIn(sheet, row, id);
				vi.setSystemTime(atMinute(22));
				logCall(boris, row, result, 'не дозвонились', atMinute(22), 'Борис');
				vi.setSystemTime(atMinute(33));
				logCall(anna, row, result, 'перезвонить', atMinute(33), 'Анна');
				vi.setSystemTime(atMinute(40));
				expect(undoStep(undos[0], 'undo')).toBe('done');
				exchange(order);
				for (const sheet of sheets)
					expect(logged(sheet)).toEqual(['не дозвонились', 'Борис', '2026-12-06T11:22', '1']);
				vi.setSystemTime(atMinute(50));
				expect(undoStep(undos[1], 'undo')).toBe('done');
				exchange(order);
				for (const sheet of sheets) expect(logged(sheet)).toEqual(['', '', '', '']);
			} finally {
				vi.useRealTimers();
			}
		}
	);

	it.each([
		[1, 2],
		[2, 1]
	])(
		'an operator’s calls and undos reaching a replica offline all along at once: his last call stands (clients %i, %i)',
		(...clients) => {
			// Found in review of a first fix of fault C: the replica read each undo's entry against
			// the cells as they are now, and an undo older than his last call took that call's
			// «Оператор» and «Попытки» out (one call, «Попытки» empty; or 1 for two calls).
			vi.useFakeTimers({ toFake: ['Date'] });
			try {
				const { sheets, row, id } = callListReplicas(clients);
				const [anna, boris] = sheets;
				const undo = boris.createUndoManager();
				const result = id('Результат звонка');
				const step = (minutes: number, act: () => void) => {
					vi.setSystemTime(atMinute(minutes));
					act();
					undo.stopCapturing();
				};
				// Two calls, the second taken back, a third: «Попытки» 2.
				step(11, () => logCall(boris, row, result, 'не дозвонились', atMinute(11), 'Борис'));
				step(22, () => logCall(boris, row, result, 'перезвонить', atMinute(22), 'Борис'));
				step(30, () => expect(undoStep(undo, 'undo')).toBe('done'));
				step(44, () => logCall(boris, row, result, 'отказ', atMinute(44), 'Борис'));
				// Two calls, both taken back, a third: «Попытки» 3.
				step(55, () => logCall(boris, row, result, 'дозвонились', atMinute(55), 'Борис'));
				step(66, () => logCall(boris, row, result, 'перезвонить', atMinute(66), 'Борис'));
				step(70, () => expect(undoStep(undo, 'undo')).toBe('done'));
				step(71, () => expect(undoStep(undo, 'undo')).toBe('done'));
				step(77, () => logCall(boris, row, result, 'не дозвонились', atMinute(77), 'Борис'));
				const sync = (from: Sheet, to: Sheet) =>
					Y.applyUpdate(
						to.doc,
						Y.encodeStateAsUpdate(from.doc, Y.encodeStateVector(to.doc)),
						'remote'
					);
				sync(boris, anna);
				sync(anna, boris);
				for (const sheet of sheets)
					expect(callIn(sheet, row, id)).toEqual([
						'не дозвонились',
						'Борис',
						'2026-12-06T12:17',
						'3'
					]);
			} finally {
				vi.useRealTimers();
			}
		}
	);

	it.each(ORDERS)(
		'his undo of a call whose result lost to hers, his «Оператор» still standing, takes his attempt out (%o)',
		({ clients, order }) => {
			// Found by R1's fuzz in review: Анна's call (4 over an imported 3) seen by both; Борис's
			// «перезвонить» (5) and Анна's, offline, raced, and her next call (6) went over hers.
			// His Ctrl+Z took back only his «Оператор» (hers, the same name, was never written
			// again), and «Попытки» kept his call: 7 for 6.
			vi.useFakeTimers({ toFake: ['Date'] });
			try {
				vi.setSystemTime(atMinute(0));
				const { sheets, exchange, row, id } = callListReplicas(clients, '3');
				const [anna, boris] = sheets;
				const { undos, step } = timedSteps(sheets);
				const result = id('Результат звонка');
				step(11, () => logCall(anna, row, result, 'не дозвонились', atMinute(11), 'Анна'));
				exchange(order);
				step(66, () => logCall(boris, row, result, 'перезвонить', atMinute(66), 'Борис'));
				step(77, () => logCall(anna, row, result, 'перезвонить', atMinute(77), 'Анна'));
				step(88, () => logCall(anna, row, result, 'дозвонились', atMinute(88), 'Анна'));
				exchange(order);
				for (const sheet of sheets) expect(sheet.getCell(row, id('Попытки'))).toBe('7');
				step(99, () => expect(undoStep(undos[1], 'undo')).toBe('done'));
				exchange(order);
				for (const sheet of sheets)
					expect(callIn(sheet, row, id)).toEqual(['дозвонились', 'Анна', '2026-12-06T12:28', '6']);
			} finally {
				vi.useRealTimers();
			}
		}
	);

	// Found in review of the above: with the calls made in one millisecond (no call later than the
	// other), his undo gave back hers taken back (`Sheet.#racedUndoneCells`) in 2 of 4 orders.
	it.each(ORDERS)(
		'C, both calls, her undo and his in one millisecond (%o)',
		({ clients, order }) => {
			vi.useFakeTimers({ toFake: ['Date'] });
			try {
				vi.setSystemTime(AT);
				const { sheets, exchange, row, id } = callListReplicas(clients);
				const [anna, boris] = sheets;
				for (const sheet of sheets) sheet.history.forRow(row);
				const undos = sheets.map((s) => s.createUndoManager());
				const result = id('Результат звонка');
				const logged = (sheet: Sheet) => callIn(sheet, row, id);
				logCall(boris, row, result, 'не дозвонились', AT, 'Борис');
				logCall(anna, row, result, 'перезвонить', AT, 'Анна');
				expect(undoStep(undos[0], 'undo')).toBe('done');
				exchange(order);
				for (const sheet of sheets)
					expect(logged(sheet)).toEqual(['не дозвонились', 'Борис', '2026-12-06T11:00', '1']);
				expect(undoStep(undos[1], 'undo')).toBe('done');
				exchange(order);
				for (const sheet of sheets) expect(logged(sheet)).toEqual(['', '', '', '']);
			} finally {
				vi.useRealTimers();
			}
		}
	);

	it.each(ORDERS)(
		'his Ctrl+Z of his call a colleague wrote over and took back, after his next call taken back, takes it back whole (%o)',
		({ clients, order }) => {
			// Found by R1's fuzz in review of fault C's fix: Борис's «перезвонить»; Анна's call over
			// it, taken back (his stands again); his «дозвонились», taken back; his Ctrl+Z of his
			// first call said done and emptied only his «Оператор»: his result, date and «Попытки» 1
			// stayed (the undo read his second call, taken back, as his newest).
			vi.useFakeTimers({ toFake: ['Date'] });
			try {
				vi.setSystemTime(atMinute(0));
				const { sheets, exchange, row, id } = callListReplicas(clients);
				const [anna, boris] = sheets;
				const { undos, step } = timedSteps(sheets, () => exchange(order));
				const result = id('Результат звонка');
				const cells = () => sheets.map((sheet) => callIn(sheet, row, id));
				step(11, () => logCall(boris, row, result, 'перезвонить', atMinute(11), 'Борис'));
				step(22, () => logCall(anna, row, result, 'не дозвонились', atMinute(22), 'Анна'));
				step(33, () => expect(undoStep(undos[0], 'undo')).toBe('done'));
				step(66, () => logCall(boris, row, result, 'дозвонились', atMinute(66), 'Борис'));
				step(77, () => expect(undoStep(undos[1], 'undo')).toBe('done'));
				const his = ['перезвонить', 'Борис', '2026-12-06T11:11', '1'];
				expect(cells()).toEqual([his, his]);
				step(88, () => expect(undoStep(undos[1], 'undo')).toBe('done'));
				for (const [shown, operator, date, attempts] of cells())
					expect([shown, operator, date, attempts || '0']).toEqual(['', '', '', '0']);
			} finally {
				vi.useRealTimers();
			}
		}
	);
});

describe('two Ctrl+Z in a row over a colleague’s call (found by a fuzz in review)', () => {
	/** Calls on one resident, all seen by both: `step` runs one at its minute and exchanges. */
	function online(clients: number[], order: number[]) {
		const { sheets, exchange, row, id } = callListReplicas(clients);
		const { undos, step } = timedSteps(sheets, () => exchange(order));
		const result = id('Результат звонка');
		const call = (who: 0 | 1, minutes: number, value: string) =>
			step(minutes, () =>
				logCall(sheets[who], row, result, value, atMinute(minutes), ['Анна', 'Борис'][who])
			);
		const undo = (who: 0 | 1, minutes: number) => {
			let done = '';
			step(minutes, () => (done = undoStep(undos[who], 'undo')));
			return done;
		};
		const cells = () => sheets.map((sheet) => callIn(sheet, row, id));
		return { call, undo, cells };
	}

	it.each(ORDERS)(
		'his second Ctrl+Z, of his call she wrote over, leaves her call and takes his attempt out (%o)',
		({ clients, order }) => {
			// Анна called at 11:11, Борис at 11:22, Анна again at 11:33 («дозвонились»); Борис logged
			// «отказ» at 11:44 on the wrong resident and pressed Ctrl+Z twice. The first gave hers
			// back; the second, of his 11:22 call she had written over, brought back her 11:11
			// call over her 11:33 one (Yjs read her value his first undo brought back as his to
			// replace): «не дозвонились», 11:11, «Попытки» 1 for her two calls.
			vi.useFakeTimers({ toFake: ['Date'] });
			try {
				vi.setSystemTime(atMinute(0));
				const { call, undo, cells } = online(clients, order);
				call(0, 11, 'не дозвонились');
				call(1, 22, 'перезвонить');
				call(0, 33, 'дозвонились');
				call(1, 44, 'отказ');
				expect(undo(1, 45)).toBe('done');
				const hers = ['дозвонились', 'Анна', '2026-12-06T11:33', '3'];
				expect(cells()).toEqual([hers, hers]);
				expect(undo(1, 46)).toBe('done');
				hers[3] = '2';
				expect(cells()).toEqual([hers, hers]);
			} finally {
				vi.useRealTimers();
			}
		}
	);

	it.each(ORDERS)(
		'so too where his undo would change nothing to see: her name over her name (%o)',
		({ clients, order }) => {
			// Анна called at 11:11, Борис at 11:22, Анна at 11:33 and again at 11:44 (her name not
			// written again), Борис at 11:55; his two Ctrl+Z. The second brought back her 11:11
			// «Анна» over her 11:33 «Анна»: done, nothing changed to see, and «Попытки» kept his
			// 11:22 call, 4 for 3.
			vi.useFakeTimers({ toFake: ['Date'] });
			try {
				vi.setSystemTime(atMinute(0));
				const { call, undo, cells } = online(clients, order);
				call(0, 11, 'не дозвонились');
				call(1, 22, 'перезвонить');
				call(0, 33, 'не дозвонились');
				call(0, 44, 'отказ');
				call(1, 55, 'дозвонились');
				expect(undo(1, 56)).toBe('done');
				expect(undo(1, 57)).toBe('done');
				const hers = ['отказ', 'Анна', '2026-12-06T11:44', '3'];
				expect(cells()).toEqual([hers, hers]);
			} finally {
				vi.useRealTimers();
			}
		}
	);
});

describe('a Ctrl+Z that Yjs takes only part of a call back for (found in review)', () => {
	it.each(ORDERS)(
		'one operator in two tabs: his Ctrl+Z of his first call takes it back whole (%o)',
		({ clients, order }) => {
			// R2's case: Борис logged «перезвонить» at 11:11 in one tab, «не дозвонились» at 11:22 in
			// the other and took it back there; «дозвонились» at 12:06 in the first, taken back;
			// then Ctrl+Z there of his 11:11 call emptied only «Оператор» and «Попытки»: the result
			// and «Дата звонка» stayed (the other tab's undo had written them back, and Yjs knows
			// that only in the tab that did).
			vi.useFakeTimers({ toFake: ['Date'] });
			try {
				vi.setSystemTime(atMinute(0));
				const { sheets, exchange, row, id } = callListReplicas(clients);
				const { undos, step } = timedSteps(sheets, () => exchange(order));
				const result = id('Результат звонка');
				const [first, second] = sheets;
				const cells = () => sheets.map((sheet) => callIn(sheet, row, id));
				step(11, () => logCall(first, row, result, 'перезвонить', atMinute(11), 'Борис'));
				step(22, () => logCall(second, row, result, 'не дозвонились', atMinute(22), 'Борис'));
				step(33, () => expect(undoStep(undos[1], 'undo')).toBe('done'));
				step(66, () => logCall(first, row, result, 'дозвонились', atMinute(66), 'Борис'));
				step(77, () => expect(undoStep(undos[0], 'undo')).toBe('done'));
				const his = ['перезвонить', 'Борис', '2026-12-06T11:11', '1'];
				expect(cells()).toEqual([his, his]);
				step(88, () => expect(undoStep(undos[0], 'undo')).toBe('done'));
				for (const [shown, operator, date, attempts] of cells())
					expect([shown, operator, date, attempts || '0']).toEqual(['', '', '', '0']);
			} finally {
				vi.useRealTimers();
			}
		}
	);

	it.each(ORDERS)(
		'his offline call, raced by hers she took back: his Ctrl+Z gives back the call before, whole (%o)',
		({ clients, order }) => {
			// «Попытки» 3 imported. Анна called at 11:22 (4); Борис, offline, logged «отказ» at 11:55;
			// Анна, unseen, logged «дозвонились» at 12:06 and took it back. They met, and Борис
			// pressed Ctrl+Z: in two orders only his «Оператор» went, «отказ» and 11:55 staying
			// beside her name (a replica had written them back).
			vi.useFakeTimers({ toFake: ['Date'] });
			try {
				vi.setSystemTime(atMinute(0));
				const { sheets, exchange, row, id } = callListReplicas(clients, '3');
				const [anna, boris] = sheets;
				const { undos, step } = timedSteps(sheets);
				const result = id('Результат звонка');
				step(22, () => logCall(anna, row, result, 'перезвонить', atMinute(22), 'Анна'));
				exchange(order);
				step(55, () => logCall(boris, row, result, 'отказ', atMinute(55), 'Борис'));
				step(66, () => logCall(anna, row, result, 'дозвонились', atMinute(66), 'Анна'));
				step(67, () => expect(undoStep(undos[0], 'undo')).toBe('done'));
				exchange(order);
				step(77, () => expect(undoStep(undos[1], 'undo')).toBe('done'));
				exchange(order);
				for (const sheet of sheets)
					expect(callIn(sheet, row, id)).toEqual(['перезвонить', 'Анна', '2026-12-06T11:22', '4']);
			} finally {
				vi.useRealTimers();
			}
		}
	);
});

describe('an undo that leaves no count in the cell (found by a fuzz in review)', () => {
	it.each([
		[1, 2],
		[2, 1]
	])(
		'his Ctrl+Z of his offline call counts the calls that stand, not the imported count (clients %i, %i)',
		(c0, c1) => {
			// «Попытки» 3 imported. Борис called at 11:11 (4), Анна at 11:22 (5); Борис, offline,
			// logged «отказ» at 11:55 (6); Анна, unseen, logged «дозвонились» at 12:06 and took it
			// back (5). All of it met in one update each way (a reconnect), and Борис pressed Ctrl+Z:
			// his count, the one that stood, went and nothing came back in its place (the value it
			// was written over was already written back by her undo), so the imported 3 showed:
			// «Попытки» 3 for two calls.
			vi.useFakeTimers({ toFake: ['Date'] });
			try {
				vi.setSystemTime(atMinute(0));
				const { sheets, exchange, row, id } = callListReplicas([c0, c1], '3');
				const [anna, boris] = sheets;
				const { undos, step } = timedSteps(sheets);
				const result = id('Результат звонка');
				const reconnect = () => {
					for (let k = 0; k < 6; k++)
						for (const [a, b] of [
							[0, 1],
							[1, 0]
						]) {
							const [from, to] = [sheets[a].doc, sheets[b].doc];
							Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), 'remote');
						}
				};
				step(11, () => logCall(boris, row, result, 'дозвонились', atMinute(11), 'Борис'));
				exchange([0, 1]);
				step(22, () => logCall(anna, row, result, 'перезвонить', atMinute(22), 'Анна'));
				exchange([0, 1]);
				step(55, () => logCall(boris, row, result, 'отказ', atMinute(55), 'Борис'));
				step(66, () => logCall(anna, row, result, 'дозвонились', atMinute(66), 'Анна'));
				step(67, () => expect(undoStep(undos[0], 'undo')).toBe('done'));
				reconnect();
				for (const sheet of sheets) expect(sheet.getCell(row, id('Попытки'))).toBe('6');
				step(77, () => expect(undoStep(undos[1], 'undo')).toBe('done'));
				reconnect();
				for (const sheet of sheets)
					expect(callIn(sheet, row, id)).toEqual(['перезвонить', 'Анна', '2026-12-06T11:22', '5']);
			} finally {
				vi.useRealTimers();
			}
		}
	);
});

describe('a redo after an undo that took a call back whole (found in review of 1bdf60a)', () => {
	it.each(ORDERS)(
		'his Ctrl+Y brings back «Дата звонка» with the rest of his call (%o)',
		({ clients, order }) => {
			// Борис logged «перезвонить» at 11:11; Анна corrected «Дата звонка» and took it back
			// (her undo wrote his 11:11 back); his Ctrl+Z took the whole call back, the date too
			// (Sheet.#writtenBackCells), but his Ctrl+Y brought back the result, «Оператор» and
			// «Попытки» without the date: the date his undo emptied was written outside Yjs's undo.
			vi.useFakeTimers({ toFake: ['Date'] });
			try {
				vi.setSystemTime(atMinute(0));
				const { sheets, exchange, row, id } = callListReplicas(clients);
				const { undos, step } = timedSteps(sheets, () => exchange(order));
				const cells = () => sheets.map((sheet) => callIn(sheet, row, id));
				step(11, () =>
					logCall(sheets[1], row, id('Результат звонка'), 'перезвонить', atMinute(11), 'Борис')
				);
				step(12, () => {
					sheets[0].history.author = { id: 'id-Анна', name: 'Анна' };
					sheets[0].setCell(row, id('Дата звонка'), '2026-12-06T10:00');
				});
				step(13, () => expect(undoStep(undos[0], 'undo')).toBe('done'));
				const his = ['перезвонить', 'Борис', '2026-12-06T11:11', '1'];
				expect(cells()).toEqual([his, his]);
				step(14, () => expect(undoStep(undos[1], 'undo')).toBe('done'));
				expect(cells()).toEqual([
					['', '', '', ''],
					['', '', '', '']
				]);
				step(15, () => expect(undoStep(undos[1], 'redo')).toBe('done'));
				expect(cells()).toEqual([his, his]);
				step(16, () => expect(undoStep(undos[1], 'undo')).toBe('done'));
				expect(cells()).toEqual([
					['', '', '', ''],
					['', '', '', '']
				]);
			} finally {
				vi.useRealTimers();
			}
		}
	);
});

describe('a colleague’s call meeting one taken back (found by a fuzz, 2026-12-08)', () => {
	it.each(ORDERS)(
		'her undo of the same result is no undo of his: his «перезвонить» stands whole (%o)',
		({ clients, order }) => {
			// Анна logged «перезвонить» at 11:06 and took it back at 11:20; Борис, unseen, logged
			// «перезвонить» at 11:14. Where his call reached her after her undo, the row kept his
			// «Оператор», «Дата звонка» and «Попытки» with no result: the later of the two values
			// met was read as taken back, her undo having taken back the same text.
			vi.useFakeTimers({ toFake: ['Date'] });
			try {
				vi.setSystemTime(atMinute(0));
				const { sheets, exchange, row, id } = callListReplicas(clients);
				const [anna, boris] = sheets;
				const { undos, step } = timedSteps(sheets);
				const result = id('Результат звонка');
				step(6, () => logCall(anna, row, result, 'перезвонить', atMinute(6), 'Анна'));
				step(14, () => logCall(boris, row, result, 'перезвонить', atMinute(14), 'Борис'));
				step(20, () => expect(undoStep(undos[0], 'undo')).toBe('done'));
				exchange(order);
				for (const sheet of sheets)
					expect(callIn(sheet, row, id)).toEqual(['перезвонить', 'Борис', '2026-12-06T11:14', '1']);
			} finally {
				vi.useRealTimers();
			}
		}
	);

	it.each(ORDERS)(
		'her call and her undo reaching him in one update: his call stands whole (%o)',
		({ clients, order }) => {
			// Анна logged «не дозвонились» at 11:39 and took it back at 12:00; Борис, unseen, logged
			// «перезвонить» at 11:50; they met as after a reconnect, each side's changes in one
			// update. Where her value was Yjs's winner, her undo arriving with it left his result
			// lost to nothing: the row showed his «Оператор» and «Дата звонка» with no result.
			vi.useFakeTimers({ toFake: ['Date'] });
			try {
				vi.setSystemTime(atMinute(0));
				const { sheets, row, id, outbox } = callListReplicas(clients);
				const [anna, boris] = sheets;
				const { undos, step } = timedSteps(sheets);
				const result = id('Результат звонка');
				step(39, () => logCall(anna, row, result, 'не дозвонились', atMinute(39), 'Анна'));
				step(50, () => logCall(boris, row, result, 'перезвонить', atMinute(50), 'Борис'));
				step(60, () => expect(undoStep(undos[0], 'undo')).toBe('done'));
				for (const box of outbox) box.length = 0;
				const sync = (from: Sheet, to: Sheet) =>
					Y.applyUpdate(
						to.doc,
						Y.encodeStateAsUpdate(from.doc, Y.encodeStateVector(to.doc)),
						'remote'
					);
				const [first, second] = order.map((i) => sheets[i]);
				for (let i = 0; i < 3; i++) {
					sync(first, second);
					sync(second, first);
				}
				for (const sheet of sheets)
					expect(callIn(sheet, row, id)).toEqual(['перезвонить', 'Борис', '2026-12-06T11:50', '1']);
			} finally {
				vi.useRealTimers();
			}
		}
	);
});

describe('both calls taken back (found in review of 349b0b8 and 93838cf)', () => {
	it.each(ORDERS)(
		'her call, written back on his replica as the later, goes with her undo: the row is empty (%o)',
		({ clients, order }) => {
			// Анна logged «не дозвонились» at 11:39, Борис, unseen, «перезвонить» at 11:50; each took
			// his or her call back, offline (12:00, 12:01). His replica, his call taken back, wrote
			// hers back when it came (fault C); her undo, coming after, deleted only her own value,
			// already lost, and passed his call (taken back) for the one it took back: the row
			// kept her result, «Оператор» and «Дата звонка», with «Попытки» empty.
			vi.useFakeTimers({ toFake: ['Date'] });
			try {
				vi.setSystemTime(atMinute(0));
				const { sheets, exchange, row, id } = callListReplicas(clients);
				const [anna, boris] = sheets;
				const { undos, step } = timedSteps(sheets);
				const result = id('Результат звонка');
				step(39, () => logCall(anna, row, result, 'не дозвонились', atMinute(39), 'Анна'));
				step(50, () => logCall(boris, row, result, 'перезвонить', atMinute(50), 'Борис'));
				step(60, () => expect(undoStep(undos[0], 'undo')).toBe('done'));
				step(61, () => expect(undoStep(undos[1], 'undo')).toBe('done'));
				exchange(order);
				for (const sheet of sheets) expect(callIn(sheet, row, id)).toEqual(['', '', '', '']);
			} finally {
				vi.useRealTimers();
			}
		}
	);

	it.each([
		{ clients: [1, 2, 3], order: [0, 1, 2] },
		{ clients: [3, 2, 1], order: [2, 1, 0] },
		{ clients: [2, 3, 1], order: [1, 2, 0] },
		{ clients: [3, 1, 2], order: [0, 2, 1] }
	])(
		'three replicas, his having seen hers before both undos: the row is empty (%o)',
		({ clients, order }) => {
			vi.useFakeTimers({ toFake: ['Date'] });
			try {
				vi.setSystemTime(atMinute(0));
				const { sheets, exchange, row, id, outbox } = callListReplicas(clients);
				const [anna, boris] = sheets;
				const { undos, step } = timedSteps(sheets);
				const result = id('Результат звонка');
				step(39, () => logCall(anna, row, result, 'не дозвонились', atMinute(39), 'Анна'));
				step(50, () => logCall(boris, row, result, 'перезвонить', atMinute(50), 'Борис'));
				// Борис hears of her call (not she of his, nor Вера of either), then each takes his
				// or her call back; the updates then reach every replica, hers again to him.
				for (const u of outbox[0]) Y.applyUpdate(boris.doc, u, 'remote');
				step(60, () => expect(undoStep(undos[0], 'undo')).toBe('done'));
				step(61, () => expect(undoStep(undos[1], 'undo')).toBe('done'));
				exchange(order);
				for (const sheet of sheets) expect(callIn(sheet, row, id)).toEqual(['', '', '', '']);
			} finally {
				vi.useRealTimers();
			}
		}
	);
});

describe('a call’s cells written together (found by a fuzz, 2026-12-08)', () => {
	it.each(ORDERS)(
		'his second call over her unseen one shows his name with his result and date (%o)',
		({ clients, order }) => {
			// Борис logged «не дозвонились» at 11:00, seen by all; Анна, unseen, logged «перезвонить»
			// at 11:10; Борис logged «дозвонились» at 11:20. His second call did not write his own
			// name again into «Оператор» (it showed «Борис» already), so her «Оператор» stood next to
			// his later result and date: a row with parts of two calls.
			vi.useFakeTimers({ toFake: ['Date'] });
			try {
				vi.setSystemTime(atMinute(0));
				const { sheets, exchange, row, id } = callListReplicas(clients);
				const [anna, boris] = sheets;
				const { step } = timedSteps(sheets);
				const result = id('Результат звонка');
				step(0, () => logCall(boris, row, result, 'не дозвонились', atMinute(0), 'Борис'));
				exchange([0, 1]);
				step(10, () => logCall(anna, row, result, 'перезвонить', atMinute(10), 'Анна'));
				step(20, () => logCall(boris, row, result, 'дозвонились', atMinute(20), 'Борис'));
				exchange(order);
				for (const sheet of sheets)
					expect(callIn(sheet, row, id)).toEqual(['дозвонились', 'Борис', '2026-12-06T11:20', '3']);
			} finally {
				vi.useRealTimers();
			}
		}
	);

	it('the history panel shows no line for «Оператор» written again with the name it showed', () => {
		const { sheet, id, row } = callList();
		const result = id('Результат звонка');
		logCall(sheet, row, result, 'не дозвонились', new Date(2026, 11, 6, 11, 0), 'Борис');
		logCall(sheet, row, result, 'дозвонились', new Date(2026, 11, 6, 12, 0), 'Борис');
		const lines = (items: ReturnType<typeof shownItems>) =>
			items
				.filter((i) => i.colId === id('Оператор'))
				.map((i) => `${i.undo ?? ''}${i.old || '—'} → ${i.value || '—'}`);
		// The history has both calls' «Оператор» (an undo of the second gives back the first's).
		expect(lines(sheet.history.forRow(row))).toEqual(['Борис → Борис', '— → Борис']);
		expect(lines(shownItems(sheet.history.forRow(row)))).toEqual(['— → Борис']);
		// Every other line stays: the row added, both results, dates and counts.
		expect(shownItems(sheet.history.forRow(row))).toHaveLength(
			sheet.history.forRow(row).length - 1
		);
	});
});
