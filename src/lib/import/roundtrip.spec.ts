/**
 * Export → import gives back the same list (issue 4), for every column type: a call list's own
 * columns and a coordinator's added ones, with the values a real list holds — several numbers
 * with notes, a local number, dates of birth and one typed wrong, a result that is none of the
 * options, a ticked and an unticked box, notes with quotes, `;` and line breaks, formulas,
 * leading spaces, «ё». Each file is written by the page's export (`exportSheetParts`) in each
 * format, and read as the import dialog reads it: into a NEW list («Новый список из CSV»: the
 * kind guessed from the titles, its columns, the file's others guessed) and into the same list
 * with «Добавить все строки».
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { autoMap, parseCsvBytes, type DuplicatePolicy, type ExportFormat } from '../csv';
import { valueOptions } from '../csv/mapping';
import { Sheet, type Column, type NewColumn } from '../model/sheet';
import { guessKind, templateColumns } from '../model/templates';
import { normalizeValue } from '../values';
import {
	commitPreparedImport,
	existingRowsForImport,
	planImportColumns,
	stagePreparedImport
} from './apply';
import { exportSheetParts } from './exporting';
import { analyzeImport, newColumnKey, prepareImport, type ImportTargetColumn } from './plan';
import { SAMPLE_ROWS } from './protocol';
import { targetsOf } from './testing';

const FORMATS: ExportFormat[] = ['excel-ru', 'utf8-comma', 'windows-1251'];

/** A coordinator's call list: the kind's columns and her own, with typed values in each. */
function callList(): Sheet {
	const sheet = new Sheet(new Y.Doc());
	sheet.addColumns(templateColumns('callList', 'ru'));
	const own: NewColumn[] = [
		{ title: 'Нужна помощь', type: 'checkbox' },
		{
			title: 'Район',
			type: 'choice',
			options: [
				{ value: 'Калининский', color: '#2e7d32' },
				{ value: 'Выборгский', color: '#1565c0' },
				{ value: 'Приморский' }
			]
		},
		{ title: 'Сумма', type: 'number' },
		{ title: 'Телефон соседки', type: 'phone' }
	];
	sheet.addColumns(own);
	// As typed into the grid: each value read as the grid reads it (flagged ones kept as typed).
	const typed: Record<string, string>[] = [
		{
			ФИО: 'Иванова Анна Петровна',
			Телефон: '8 (812) 123-45-67 доб. 12 (дочь), 8 911 000-11-22',
			Адрес: ' ул. Ленина, д. 5; кв. 3',
			'Дата рождения': '05.03.1941',
			Категория: 'Старше 65 лет',
			'Результат звонка': 'дозвонились',
			Попытки: '2',
			Оператор: 'Ёлкина Алёна',
			'Дата звонка': '05.12.2026 14:30',
			Примечание: 'Просила "перезвонить";\nпосле 12, тел. дочери',
			'Нужна помощь': 'да',
			Район: 'Калининский',
			Сумма: '-1234,5',
			'Телефон соседки': '+7 911 123-45-67'
		},
		{
			ФИО: 'Фёдоров Пётр',
			Телефон: '555-12-34',
			Адрес: '=HYPERLINK("http://x")',
			'Дата рождения': '31.02.1950',
			'Результат звонка': 'ждёт ответа',
			Попытки: 'около 5.5',
			Оператор: '+Админ',
			Примечание: '-2+3',
			'Нужна помощь': 'нет',
			Сумма: '0',
			'Телефон соседки': 'нет телефона'
		},
		{
			ФИО: '  ёжиков Ёж',
			Телефон: '+7 (812) 765-43-21 (соседка)',
			Адрес: '@SUM(A1)',
			'Дата рождения': '1941.13.45',
			Категория: 'Другое',
			'Результат звонка': 'перезвонить',
			Попытки: '0',
			Примечание: 'два\r\nабзаца\n\nи «кавычки»',
			Район: 'Приморский',
			Сумма: '+5'
		},
		{
			ФИО: 'Семёнова Ольга',
			Адрес: 'д. № 5 — «кв. 7», 2-й эт. €',
			Телефон: '8-812-000-00-01, 8-812-000-00-02, 8-812-000-00-03',
			'Дата рождения': '27.01.1944',
			Категория: 'Инвалид 1-й группы',
			'Результат звонка': 'нужна помощь',
			'Дата звонка': '01.12.2026 9:05',
			Примечание: "'=уже с апострофом",
			'Нужна помощь': 'да',
			Район: 'Выборгский'
		},
		{
			ФИО: 'Пустой Ряд',
			Адрес: '   ',
			Оператор: "'Петрова",
			Примечание: 'таб\tвнутри, "',
			'Телефон соседки': '007'
		},
		{ ФИО: 'да', Адрес: '"', Оператор: 'нет', Примечание: 'неразрывный\u00a0пробел ' },
		// A list as long as a real one: a coordinator's own columns are guessed from their values.
		...Array.from({ length: 30 }, (_, i) => ({
			ФИО: `Житель ${i + 1}`,
			Телефон: `8 812 100-00-${String(i + 10)}`,
			'Нужна помощь': ['да', 'нет', ''][i % 3],
			Район: ['Калининский', 'Выборгский', 'Приморский', ''][i % 4]
		}))
	];
	const columns = sheet.columns();
	sheet.addRows({
		columns: columns.map((c) => c.id),
		rows: typed.map((values) =>
			columns.map((c) => {
				const raw = values[c.title] ?? '';
				return normalizeValue(c.type, raw, valueOptions(c)).value;
			})
		)
	});
	return sheet;
}

/** The file's bytes as the export dialog makes them («Скачать»). */
async function exported(
	sheet: Sheet,
	format: ExportFormat,
	view: { rowIds?: string[]; columnIds?: string[] } = {}
) {
	const { parts, unmappable } = await exportSheetParts(sheet, { format, locale: 'ru', ...view });
	const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const part of parts) {
		bytes.set(part, at);
		at += part.length;
	}
	return { bytes, unmappable };
}

/**
 * The import dialog's path (`ImportDialog.svelte` + the worker), its choices left as the
 * automatic mapping made them: into `sheet`, or into a new list when there is none.
 */
function imported(
	bytes: Uint8Array,
	into?: { sheet: Sheet; policy: DuplicatePolicy },
	/** What the coordinator changes in the mapping. */
	adjust: (targets: ImportTargetColumn[]) => void = () => {}
) {
	const parsed = parseCsvBytes(bytes);
	const header = parsed.header ?? [];
	let sheetColumns: Column[];
	let base: (NewColumn & { id: string })[] = [];
	if (into) sheetColumns = into.sheet.columns();
	else {
		const scratch = new Sheet(new Y.Doc());
		scratch.addColumns(templateColumns(guessKind(header), 'ru'));
		sheetColumns = scratch.columns();
		base = sheetColumns.map(({ id, title, type, width, options }) => ({
			id,
			title,
			type,
			width,
			options
		}));
	}
	const mapping = autoMap(header, sheetColumns, {
		rows: parsed.rows.slice(0, SAMPLE_ROWS),
		untitled: (n) => `Столбец ${n}`
	});
	const targets = targetsOf(mapping, sheetColumns);
	adjust(targets);
	const sheet = into?.sheet ?? new Sheet(new Y.Doc());
	const analysis = analyzeImport({
		parsed,
		targets,
		existing: into ? existingRowsForImport(sheet, 'target', targets) : [],
		targetSheetId: into ? 'target' : '',
		keyColumnsBySheet: {}
	});
	const prepared = prepareImport(analysis, targets, into?.policy ?? 'skip');
	const plan = planImportColumns(sheet, targets, base);
	stagePreparedImport(sheet, 'import', plan, prepared);
	const applied = commitPreparedImport(sheet, 'import', plan, prepared, targets);
	return { sheet, applied, analysis };
}

/**
 * Each column as a coordinator sees it in the list: title, type, options. The options' colours
 * and order are left out: a CSV file has neither (a coordinator's own choice column gets its
 * values in the order they first come; see the test of colours below).
 */
function columnsOf(sheet: Sheet, titles?: string[]) {
	return sheet
		.columns()
		.filter((c) => !titles || titles.includes(c.title))
		.map(({ title, type, options }) => ({
			title,
			type,
			options: (options ?? []).map((o) => o.value).sort()
		}));
}

/** Every stored cell of `rowIds`, by column title, in the order of `titles`. */
function cellsOf(sheet: Sheet, rowIds: string[], titles: string[]) {
	const ids = titles.map((t) => sheet.columns().find((c) => c.title === t)?.id ?? '');
	return rowIds.map((rowId) =>
		Object.fromEntries(titles.map((t, i) => [t, ids[i] ? sheet.getCell(rowId, ids[i]) : '—']))
	);
}

const titlesOf = (sheet: Sheet) => sheet.columns().map((c) => c.title);

describe('export → import gives back the same list', () => {
	it('holds every column type and hard value that it is meant to (the source list as built)', () => {
		const sheet = callList();
		const cells = cellsOf(sheet, sheet.rowIds(), titlesOf(sheet));
		// The values the round trip must keep, stored as the grid stores them.
		expect(cells[0]['Нужна помощь']).toBe('true');
		expect(cells[1]['Нужна помощь']).toBe('false');
		expect(cells[2]['Нужна помощь']).toBe('');
		expect(cells[1]['Результат звонка']).toBe('ждёт ответа');
		expect(cells[1]['Дата рождения']).toBe('31.02.1950');
		expect(cells[2]['Дата рождения']).toBe('1941.13.45');
		expect(cells[1]['Телефон']).toBe('555-12-34');
		expect(cells[1]['Телефон соседки']).toBe('нет телефона');
		expect(cells[0]['Сумма']).toBe('-1234.5');
		expect(cells[1]['Попытки']).toBe('около 5.5');
	});

	for (const format of FORMATS) {
		it(`into a new list («Новый список из CSV»), ${format}: the same columns, types, options and cells`, async () => {
			const sheet = callList();
			const { bytes, unmappable } = await exported(sheet, format);
			expect(unmappable).toBe(0);
			const { sheet: copy, applied } = imported(bytes);
			expect(applied.added).toHaveLength(sheet.rowCount);
			expect(columnsOf(copy)).toEqual(columnsOf(sheet));
			const titles = titlesOf(sheet);
			expect(cellsOf(copy, copy.rowIds(), titles)).toEqual(cellsOf(sheet, sheet.rowIds(), titles));
		});

		it(`into the same list with «Добавить все строки», ${format}: every row again, cell for cell`, async () => {
			const sheet = callList();
			const before = sheet.rowIds();
			const columns = columnsOf(sheet);
			const { bytes } = await exported(sheet, format);
			const { applied } = imported(bytes, { sheet, policy: 'keep' });
			expect(applied.createdColumns).toEqual([]);
			expect(columnsOf(sheet)).toEqual(columns);
			expect(applied.added).toHaveLength(before.length);
			const titles = titlesOf(sheet);
			expect(cellsOf(sheet, applied.added, titles)).toEqual(cellsOf(sheet, before, titles));
		});
	}

	it('of a filtered, sorted view: its rows in its order, its columns, into a new list', async () => {
		const sheet = callList();
		const titles = ['ФИО', 'Телефон', 'Нужна помощь', 'Район', 'Результат звонка', 'Дата рождения'];
		const byTitle = (t: string) => sheet.columns().find((col) => col.title === t)!.id;
		// Sorted by name backwards, the row of a resident with no district filtered out.
		const name = byTitle('ФИО');
		const rowIds = sheet
			.rowIds()
			.filter((id) => !['Пустой Ряд', 'да'].includes(sheet.getCell(id, name)))
			.sort((a, b) => sheet.getCell(b, name).localeCompare(sheet.getCell(a, name), 'ru'));
		const view = { rowIds, columnIds: titles.map(byTitle) };
		for (const format of FORMATS) {
			const { bytes } = await exported(sheet, format, view);
			const { sheet: copy } = imported(bytes);
			// The new list has its kind's other columns too, empty.
			const inOrder = (of: Sheet) =>
				titles.map((t) => columnsOf(of, titles).find((c) => c.title === t));
			expect(inOrder(copy), format).toEqual(inOrder(sheet));
			expect(cellsOf(copy, copy.rowIds(), titles), format).toEqual(cellsOf(sheet, rowIds, titles));
		}
	});

	it('reads a few rows of a coordinator’s own choice column back as text, with the same cells', async () => {
		// Its type is guessed from its values: a dozen values among fewer than 20 filled rows can
		// be anything (docs/import-export.md says so). The kind's own choice columns are found by their titles.
		const sheet = callList();
		const titles = ['ФИО', 'Район', 'Результат звонка'];
		const byTitle = (t: string) => sheet.columns().find((col) => col.title === t)!.id;
		const view = { rowIds: sheet.rowIds().slice(0, 4), columnIds: titles.map(byTitle) };
		const { sheet: copy } = imported((await exported(sheet, 'excel-ru', view)).bytes);
		const typeOf = (t: string) => copy.columns().find((c) => c.title === t)?.type;
		expect(titles.map(typeOf)).toEqual(['text', 'text', 'choice']);
		expect(cellsOf(copy, copy.rowIds(), titles)).toEqual(cellsOf(sheet, view.rowIds, titles));
	});

	it('gives the kind’s choice columns back their colours, a coordinator’s own none (a CSV file has no colours)', async () => {
		const sheet = callList();
		const { sheet: copy } = imported((await exported(sheet, 'excel-ru')).bytes);
		const optionsOf = (of: Sheet, title: string) =>
			of.columns().find((c) => c.title === title)?.options;
		expect(optionsOf(copy, 'Результат звонка')).toEqual(optionsOf(sheet, 'Результат звонка'));
		expect(optionsOf(copy, 'Район')).toEqual([
			{ value: 'Калининский' },
			{ value: 'Приморский' },
			{ value: 'Выборгский' }
		]);
	});

	it('gives a new choice column no options when its values are too many to be options', () => {
		const rows = Array.from({ length: 60 }, (_, i) => `Житель ${i};Участок ${i % 51}`);
		const file = (lines: string[]) =>
			new TextEncoder().encode(['ФИО;Участок', ...lines].join('\r\n'));
		// The coordinator makes the new column a choice column in the mapping.
		const asChoice = (targets: ImportTargetColumn[]) => {
			for (const t of targets) if (t.title === 'Участок') t.type = 'choice';
		};
		const many = imported(file(rows), undefined, asChoice).sheet;
		const column = many.columns().find((c) => c.title === 'Участок')!;
		expect(column.type).toBe('choice');
		expect(column.options).toBeUndefined();
		const few = imported(file(rows.slice(0, 50)), undefined, asChoice).sheet;
		expect(few.columns().find((c) => c.title === 'Участок')!.options).toHaveLength(50);
	});

	it('writes a new choice column’s values in one spelling each, its option’s, as the grid’s choice columns have them', () => {
		const spellings = ['Калининский', ' калининский ', 'КАЛИНИНСКИЙ', 'Выборгский', 'выборгский'];
		const rows = Array.from({ length: 25 }, (_, i) => `Житель ${i};${spellings[i % 5]}`);
		const file = new TextEncoder().encode(['ФИО;Район', ...rows].join('\r\n'));
		const { sheet, analysis } = imported(file);
		const district = sheet.columns().find((c) => c.title === 'Район')!;
		expect(district.type).toBe('choice');
		expect(district.options).toEqual([{ value: 'Калининский' }, { value: 'Выборгский' }]);
		// Each cell is its option, so the column's filter finds them all («калининский» was a
		// value of its own there, not ticked with «Калининский»).
		expect(new Set(sheet.rowIds().map((id) => sheet.getCell(id, district.id)))).toEqual(
			new Set(['Калининский', 'Выборгский'])
		);
		expect(analysis.flaggedCount).toBe(0);
	});

	it('joins a list’s own second phone column («Мобильный») into the new list’s «Телефон», unless the coordinator maps it to a new column', async () => {
		// The rule for a department's «Тел. дом.» and «Тел. моб.» (docs/import-export.md): the numbers
		// stay, in one cell, the row's own first.
		const sheet = new Sheet(new Y.Doc());
		sheet.addColumns(templateColumns('callList', 'ru'));
		const mobile = sheet.addColumn({ title: 'Мобильный', type: 'phone' });
		const [name, phone] = sheet.columns().map((c) => c.id);
		sheet.addRows({
			columns: [name, phone, mobile],
			rows: [
				['Иванова Анна', '+78121234567', '+79111234567'],
				['Петров Пётр', '', '+79110001122']
			]
		});
		const { bytes } = await exported(sheet, 'excel-ru');
		const joined = imported(bytes).sheet;
		expect(titlesOf(joined)).not.toContain('Мобильный');
		expect(cellsOf(joined, joined.rowIds(), ['ФИО', 'Телефон'])).toEqual([
			{ ФИО: 'Иванова Анна', Телефон: '+78121234567, +79111234567' },
			{ ФИО: 'Петров Пётр', Телефон: '+79110001122' }
		]);
		const apart = imported(bytes, undefined, (targets) => {
			const at = targets.findIndex((t) => t.csvIndex === titlesOf(sheet).indexOf('Мобильный'));
			targets[at] = {
				csvIndex: targets[at].csvIndex,
				key: newColumnKey(targets[at].csvIndex),
				title: 'Мобильный',
				type: 'phone'
			};
		}).sheet;
		const titles = ['ФИО', 'Телефон', 'Мобильный'];
		expect(cellsOf(apart, apart.rowIds(), titles)).toEqual(cellsOf(sheet, sheet.rowIds(), titles));
	});

	it('writes a character Windows-1251 cannot hold as «?» and counts it for the warning', async () => {
		const sheet = callList();
		const note = sheet.columns().find((c) => c.title === 'Примечание')!.id;
		const [first] = sheet.rowIds();
		sheet.setCell(first, note, 'Бабушка 👵 ждёт');
		const { bytes, unmappable } = await exported(sheet, 'windows-1251');
		expect(unmappable).toBe(1);
		const { sheet: copy } = imported(bytes);
		const copyNote = copy.columns().find((c) => c.title === 'Примечание')!.id;
		expect(copy.getCell(copy.rowIds()[0], copyNote)).toBe('Бабушка ? ждёт');
		// In UTF-8 it comes back as it was.
		for (const format of ['excel-ru', 'utf8-comma'] as const) {
			const utf8 = await exported(sheet, format);
			expect(utf8.unmappable).toBe(0);
			const back = imported(utf8.bytes).sheet;
			const id = back.columns().find((c) => c.title === 'Примечание')!.id;
			expect(back.getCell(back.rowIds()[0], id)).toBe('Бабушка 👵 ждёт');
		}
	});
});
