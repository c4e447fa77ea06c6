import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { Sheet } from '$lib/model/sheet';
import { templateColumns } from '$lib/model/templates';
import { callLogEdits, CORRECTION_MS } from './call-log';

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
