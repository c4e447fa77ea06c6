import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { Sheet } from '$lib/model/sheet';
import { templateColumns } from '$lib/model/templates';
import { campaignLogColumns, campaignLogEdits, handsGiftSet } from './campaign-log';
import { fillColumn, pasteBlock } from './edits';

function campaign(locale: 'ru' | 'en' = 'ru') {
	const sheet = new Sheet(new Y.Doc());
	sheet.addColumns(templateColumns('campaign', locale));
	const id = (title: string) => sheet.columns().find((c) => c.title === title)!.id;
	const [row] = sheet.addRows({ columns: [sheet.columns()[0].id], rows: [['Иванова Анна']] });
	return { sheet, id, row };
}

const at = new Date(2026, 4, 9, 11, 20);

describe('a congratulation marked in a campaign (found by exploration)', () => {
	it('fills «Дата» with today with a new result', () => {
		const { sheet, id, row } = campaign();
		const result = id('Результат');
		expect(campaignLogEdits(sheet, row, result, 'поздравили по телефону', at)).toEqual([
			{ colId: id('Дата'), value: '2026-05-09' }
		]);
		// No result, another column, the same result: nothing.
		expect(campaignLogEdits(sheet, row, result, '', at)).toEqual([]);
		expect(campaignLogEdits(sheet, row, id('Повод'), '9 Мая', at)).toEqual([]);
		sheet.setCells([
			{ rowId: row, colId: result, value: 'не дозвонились' },
			{ rowId: row, colId: id('Дата'), value: '2026-05-05' }
		]);
		expect(campaignLogEdits(sheet, row, result, 'не дозвонились', at)).toEqual([]);
		// Reached four days after «не дозвонились»: today's date.
		expect(campaignLogEdits(sheet, row, result, 'поздравили по телефону', at)).toEqual([
			{ colId: id('Дата'), value: '2026-05-09' }
		]);
	});

	it('keeps a date typed before the first result (a visit entered the day after)', () => {
		const { sheet, id, row } = campaign();
		sheet.setCell(row, id('Дата'), '2026-05-08');
		expect(
			campaignLogEdits(sheet, row, id('Результат'), 'поздравили лично, с письмом и набором', at)
		).toEqual([{ colId: id('Подарочный набор'), value: 'true' }]);
	});

	it('in an English campaign; nothing in a list without «Дата»', () => {
		const en = campaign('en');
		expect(
			campaignLogEdits(en.sheet, en.row, en.id('Result'), 'congratulated by phone', at)
		).toEqual([{ colId: en.id('Date'), value: '2026-05-09' }]);
		const { sheet, id, row } = campaign();
		sheet.deleteColumn(id('Дата'));
		expect(campaignLogEdits(sheet, row, id('Результат'), 'отказ', at)).toEqual([]);
	});

	it('pasted: a new row with a result is dated, a pasted date kept, in the step of the paste', () => {
		const { sheet, id, row } = campaign();
		const undo = sheet.createUndoManager();
		const written = pasteBlock(sheet, {
			block: [
				['Петров Олег', '', '', '', '', '9 Мая', 'поздравили по телефону'],
				['Сидорова Нина', '', '', '', '', '9 Мая', 'вручили набор', 'да', '08.05.2026'],
				['Козлов Пётр']
			],
			rowIds: [row],
			startRow: 1,
			colIds: sheet.columns().map((c) => c.id),
			also: (rowId, colId, value) => campaignLogEdits(sheet, rowId, colId, value, at)
		});
		expect(written.map((r) => sheet.getCell(r, id('Дата')))).toEqual([
			'2026-05-09',
			'2026-05-08',
			''
		]);
		undo.undo();
		expect(sheet.rowCount).toBe(1);
	});
});

describe('a gift set handed over ticks «Подарочный набор» (found by exploration)', () => {
	it('a result that names a gift set ticks the box with the date; another result leaves it', () => {
		const { sheet, id, row } = campaign();
		const gift = id('Подарочный набор');
		const result = id('Результат');
		expect(campaignLogEdits(sheet, row, result, 'вручили набор', at)).toEqual([
			{ colId: id('Дата'), value: '2026-05-09' },
			{ colId: gift, value: 'true' }
		]);
		expect(
			campaignLogEdits(sheet, row, result, 'поздравили лично, с письмом и набором', at)
		).toContainEqual({ colId: gift, value: 'true' });
		// Another result neither ticks nor unticks it.
		expect(campaignLogEdits(sheet, row, result, 'поздравили по телефону', at)).not.toContainEqual(
			expect.objectContaining({ colId: gift })
		);
		sheet.setCells([
			{ rowId: row, colId: result, value: 'вручили набор' },
			{ rowId: row, colId: gift, value: 'true' },
			{ rowId: row, colId: id('Дата'), value: '2026-05-08' }
		]);
		expect(campaignLogEdits(sheet, row, result, 'отказ', at)).toEqual([
			{ colId: id('Дата'), value: '2026-05-09' }
		]);
		// Ticked already, or a visit's date typed before its result: the box still, the date kept.
		expect(
			campaignLogEdits(sheet, row, result, 'поздравили лично, с письмом и набором', at)
		).toEqual([{ colId: id('Дата'), value: '2026-05-09' }]);
		const other = campaign();
		other.sheet.setCell(other.row, other.id('Дата'), '2026-05-08');
		expect(
			campaignLogEdits(other.sheet, other.row, other.id('Результат'), 'вручили набор', at)
		).toEqual([{ colId: other.id('Подарочный набор'), value: 'true' }]);
	});

	it('in English, and options of her own: «Набор передан соседке» ticks, «без набора» does not', () => {
		const en = campaign('en');
		expect(
			campaignLogEdits(en.sheet, en.row, en.id('Result'), 'gift set delivered', at)
		).toContainEqual({ colId: en.id('Gift set'), value: 'true' });
		const { sheet, id, row } = campaign();
		const result = id('Результат');
		sheet.setColumnOptions(result, [
			{ value: 'поздравили лично, без набора' },
			{ value: 'Набор передан соседке' }
		]);
		expect(
			campaignLogEdits(sheet, row, result, 'поздравили лично, без набора', at)
		).not.toContainEqual(expect.objectContaining({ colId: id('Подарочный набор') }));
		expect(campaignLogEdits(sheet, row, result, 'Набор передан соседке', at)).toContainEqual({
			colId: id('Подарочный набор'),
			value: 'true'
		});
	});

	it('a set refused or not taken does not tick it (found in review: «отказ от набора» ticked)', () => {
		const { sheet, id, row } = campaign();
		const result = id('Результат');
		const refused = [
			'отказ от набора',
			'Отказались от набора',
			'поздравили лично, от набора отказалась',
			'набор не нужен',
			'набор не взяли'
		];
		sheet.setColumnOptions(result, [...refused.map((value) => ({ value }))]);
		for (const value of refused)
			expect(campaignLogEdits(sheet, row, result, value, at), value).not.toContainEqual(
				expect.objectContaining({ colId: id('Подарочный набор') })
			);
		const en = campaign('en');
		for (const value of ['gift set refused', 'Refused the gift set', 'gift set declined'])
			expect(
				campaignLogEdits(en.sheet, en.row, en.id('Result'), value, at),
				value
			).not.toContainEqual(expect.objectContaining({ colId: en.id('Gift set') }));
		// Handed over still ticks.
		expect(campaignLogEdits(sheet, row, result, 'вручили набор', at)).toContainEqual({
			colId: id('Подарочный набор'),
			value: 'true'
		});
	});

	it('pasted or filled: ticked in the same undo step as the result', () => {
		const { sheet, id, row } = campaign();
		const undo = sheet.createUndoManager();
		const also = (rowId: string, colId: string, value: string) =>
			campaignLogEdits(sheet, rowId, colId, value, at);
		fillColumn(sheet, [row], id('Результат'), 'вручили набор', also);
		expect(sheet.getCell(row, id('Подарочный набор'))).toBe('true');
		undo.undo();
		expect(sheet.getCell(row, id('Подарочный набор'))).toBe('');
		pasteBlock(sheet, {
			block: [['вручили набор']],
			rowIds: [row],
			startRow: 0,
			colIds: [id('Результат')],
			also
		});
		expect(sheet.getCell(row, id('Подарочный набор'))).toBe('true');
		undo.undo();
		expect(sheet.getCell(row, id('Результат'))).toBe('');
		expect(sheet.getCell(row, id('Подарочный набор'))).toBe('');
	});
});

describe('a block pasted over residents already marked (found in review)', () => {
	it('keeps «Дата» and «Подарочный набор» where the paste carried none; a new result marks them', () => {
		const { sheet, id, row } = campaign();
		const [second] = sheet.addRows({
			columns: [id('ФИО'), id('Результат'), id('Дата')],
			rows: [['Петрова Нина', 'не дозвонились', '2026-05-02']]
		});
		sheet.setCells([
			{ rowId: row, colId: id('Результат'), value: 'вручили набор' },
			{ rowId: row, colId: id('Подарочный набор'), value: 'true' },
			{ rowId: row, colId: id('Дата'), value: '2026-05-01' }
		]);
		const undo = sheet.createUndoManager();
		const also = (rowId: string, colId: string, value: string) =>
			campaignLogEdits(sheet, rowId, colId, value, at);
		const from = sheet.columns().findIndex((c) => c.id === id('Повод'));
		pasteBlock(sheet, {
			block: [
				['9 Мая', 'вручили набор', '', '', 'звонить дочери'],
				['9 Мая', 'вручили набор', '', '', '']
			],
			rowIds: [row, second],
			startRow: 0,
			colIds: sheet
				.columns()
				.slice(from)
				.map((c) => c.id),
			also,
			keep: (colId) => campaignLogColumns(sheet.columns()).includes(colId)
		});
		const marked = (rowId: string) =>
			['Результат', 'Подарочный набор', 'Дата', 'Примечание'].map((t) =>
				sheet.getCell(rowId, id(t))
			);
		expect([marked(row), marked(second)]).toEqual([
			['вручили набор', 'true', '2026-05-01', 'звонить дочери'],
			['вручили набор', 'true', '2026-05-09', '']
		]);
		undo.undo();
		expect(marked(second)).toEqual(['не дозвонились', '', '2026-05-02', '']);
	});
});

describe('the wordings of a gift set handed over (found in review: the rule was a guess)', () => {
	// What the headquarters' reports (DOMAIN.md, seeds/) and operators write: «доставили подарочные
	// наборы», «с вручением … подарочного набора», «развозка новогодних подарков», a set left with
	// a neighbour; a refusal, a set not there, or one still to take does not tick it.
	const ticks = [
		'вручили набор',
		'поздравили лично, с письмом и набором',
		'Набор передан соседке',
		'набор не взяли, оставили соседке',
		'не застали дома, набор оставили у соседей',
		'доставили подарочный набор',
		'Доставили подарочные наборы',
		'поздравлен лично с вручением поздравительного письма и подарочного набора',
		'поздравлена лично с вручение подарочного набора',
		'набор вручён',
		'Набор доставлен',
		'передали набор дочери',
		'набор получила лично',
		'набор отдали внуку',
		'вручили подарок',
		'доставлен новогодний подарок',
		'поздравили лично с подарком',
		'gift set delivered',
		'visited with a letter and a gift set',
		'Gift set handed over',
		'not at home, gift set left with a neighbour'
	];
	const doesNot = [
		'поздравили по телефону',
		'не дозвонились',
		'отказ',
		'отказ от набора',
		'Отказались от набора',
		'поздравили лично, от набора отказалась',
		'набор не нужен',
		'подарок не нужен',
		'набор не взяли',
		'поздравили лично, без набора',
		'поздравили лично, без подарочного набора',
		'набор не вручили',
		'набор так и не передали',
		'набор не был вручён',
		'набор не доставлен',
		'не удалось вручить набор',
		'не застали дома, набор вернули в штаб',
		'письмо вручили, набора не было',
		'письмо вручили, наборов не хватило',
		'нужен набор',
		'набор доставить до 9 мая',
		'набор привезём завтра',
		'набор вручим позже',
		'congratulated by phone',
		'not reached',
		'refused',
		'gift set refused',
		'Refused the gift set',
		'gift set declined',
		'without a gift set',
		'no gift set',
		'gift set not delivered',
		'gift set to be delivered',
		'needs a gift set'
	];
	it.each(ticks)('«%s» ticks it', (result) => expect(handsGiftSet(result)).toBe(true));
	it.each(doesNot)('«%s» does not', (result) => expect(handsGiftSet(result)).toBe(false));

	it('a set left with a neighbour, typed as the result, ticks the box with the date', () => {
		const { sheet, id, row } = campaign();
		expect(
			campaignLogEdits(sheet, row, id('Результат'), 'набор не взяли, оставили соседке', at)
		).toEqual([
			{ colId: id('Дата'), value: '2026-05-09' },
			{ colId: id('Подарочный набор'), value: 'true' }
		]);
	});
});

describe('a letter handed over, the set not (found in review)', () => {
	// «45 visited in person with a letter from the administration and a gift set; 32 visited with
	// a gift set only» (DOMAIN.md): the letter is handed over on its own too, and the verb that
	// says so is not the set's.
	const doesNot = [
		'вручили письмо, набор не вручили',
		'письмо вручили, набор привезём позже',
		'вручили письмо, набор не доставлен',
		'поздравили лично, вручили письмо; набор будет позже',
		'письмо вручили, подарок не привезли',
		'поздравили, передали письмо главы, подарок в следующий раз',
		'передали открытку, набор завтра',
		'letter delivered, gift set not delivered',
		'letter handed over, gift set to be delivered'
	];
	const ticks = [
		'вручили письмо и набор',
		'письмо вручили, набор оставили соседке',
		'набор не взяли, оставили соседке',
		'вручили письмо главы и подарочный набор',
		'letter and gift set delivered'
	];
	it.each(doesNot)('«%s» does not tick it', (result) => expect(handsGiftSet(result)).toBe(false));
	it.each(ticks)('«%s» ticks it', (result) => expect(handsGiftSet(result)).toBe(true));
});

describe('«no» about something else (found in review)', () => {
	// «No answer» is not «no gift set»: the set left with a neighbour was handed over.
	it.each([
		'no answer, gift set left with a neighbour',
		'No reply at the door; gift set handed to her son'
	])('«%s» ticks it', (result) => expect(handsGiftSet(result)).toBe(true));
	it.each(['no gift set', 'no set this time', 'visited, no gifts left', 'no present'])(
		'«%s» does not',
		(result) => expect(handsGiftSet(result)).toBe(false)
	);
});
