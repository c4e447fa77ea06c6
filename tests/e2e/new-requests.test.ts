/**
 * A new request on the request board gets «Статус» «новая» and «Дата заявки» today, so that the
 * coordinator's view «Новые заявки» shows it (found by exploration: a hotline operator typed the
 * name, the phone and what was needed into the «+» line, and the request never showed in the
 * coordinator's «Новые заявки» — it had no status). The same for rows pasted as new rows and for
 * «Добавить строку»; a status she typed herself stays, and typing it into the «+» line keeps her
 * on her resident.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
	editorClosed,
	editorOpen,
	HomePage,
	ImportDialog,
	nearestDate,
	SheetPage,
	typeOnRussianKeyboard
} from './pages';
import { e2eSession, MOMENT } from './session';

const session = e2eSession();

async function applyView(page: Page, name: string) {
	await page.getByRole('button', { name: 'Виды', exact: true }).click();
	const menu = page.getByRole('group', { name: 'Виды' });
	await menu.getByRole('button', { name, exact: true }).click();
	await menu.waitFor({ state: 'detached' });
}

/** Types into the open editor of the «+» line and presses Tab to the next cell. */
async function typeTab(page: Page, text: string) {
	await editorOpen(page);
	await page.keyboard.type(text);
	await page.keyboard.press('Tab');
}

describe('a new request on the request board (found by exploration)', () => {
	it('is «новая» of today for every operator, in «Новые заявки», in the step that adds it', async () => {
		const anna = await session.operator('Анна');
		const home = await new HomePage(anna.page).goto(session.app.url);
		const board = await home.createSheet('Заявки: горячая линия', 'Заявки');
		await applyView(anna.page, 'Новые заявки');

		const boris = await session.operator('Борис');
		const sheet = await SheetPage.open(boris.page, anna.page.url(), 'Заявки: горячая линия');
		const { page } = sheet;
		const colleague = await session.colleague(sheet.id);

		// A call: the name, the phone, Enter.
		await (await sheet.newRowCell('ФИО')).click();
		await page.keyboard.press('F2');
		await typeTab(page, 'Иванова Анна');
		await editorOpen(page);
		await page.keyboard.type('89111234567');
		await page.keyboard.press('Enter');
		await editorClosed(page);
		await expect.poll(() => board.columnValues('ФИО'), MOMENT).toEqual(['Иванова Анна']);
		const now = new Date();
		const today = [now.getDate(), now.getMonth() + 1]
			.map((n) => String(n).padStart(2, '0'))
			.concat(String(now.getFullYear()))
			.join('.');
		expect(await board.rows(['ФИО', 'Статус', 'Дата заявки'])).toEqual([
			{ ФИО: 'Иванова Анна', Статус: 'новая', 'Дата заявки': today }
		]);

		// A request she sets «в работе» herself in the line: one row, her status kept.
		await (await sheet.newRowCell('ФИО')).click();
		await page.keyboard.press('F2');
		await typeTab(page, 'Петрова Нина');
		await typeTab(page, '89217654321');
		await typeTab(page, 'Садовая, 3');
		await page.getByRole('listbox', { name: 'Вид помощи' }).waitFor();
		await page.keyboard.type('покупка л');
		await page.keyboard.press('Enter');
		await editorClosed(page);
		await page.keyboard.press('Tab');
		// A typed letter opens the list, as on her keyboard.
		await typeOnRussianKeyboard(page, 'в раб');
		await page.getByRole('listbox', { name: 'Статус' }).waitFor();
		await page.keyboard.press('Enter');
		await editorClosed(page);
		await page.keyboard.press('Escape');
		await expect
			.poll(() => sheet.rows(['ФИО', 'Вид помощи', 'Статус', 'Дата заявки']), MOMENT)
			.toEqual([
				{ ФИО: 'Иванова Анна', 'Вид помощи': '', Статус: 'новая', 'Дата заявки': today },
				{
					ФИО: 'Петрова Нина',
					'Вид помощи': 'покупка лекарств',
					Статус: 'в работе',
					'Дата заявки': today
				}
			]);

		// «Добавить строку».
		await sheet.addRow('Орлова Вера');
		await expect
			.poll(() => board.columnValues('ФИО'), MOMENT)
			.toEqual(['Иванова Анна', 'Орлова Вера']);

		// Two requests pasted from a spreadsheet into the «+» line, one of them «выполнена».
		await page.keyboard.press('Escape');
		await sheet.paste(
			'new',
			'ФИО',
			['Сидоров Иван\t\t\tвыгул собак', 'Козлова Мария\t\t\tиная помощь\tвыполнена'].join('\r\n')
		);
		await expect
			.poll(() => board.columnValues('ФИО'), MOMENT)
			.toEqual(['Иванова Анна', 'Орлова Вера', 'Сидоров Иван']);
		expect(await board.columnValues('Дата заявки')).toEqual([today, today, today]);
		const cols = Object.fromEntries(colleague.sheet.columns().map((c) => [c.title, c.id]));
		await expect.poll(() => colleague.sheet.rowCount, MOMENT).toBe(5);
		const pasted = colleague.sheet.rowIds().slice(3);
		expect(pasted.map((id) => colleague.sheet.getCell(id, cols['Статус']))).toEqual([
			'новая',
			'выполнена'
		]);

		// Her undo takes the pasted rows back with their status and date: one step.
		await sheet.pressUndo();
		await expect.poll(() => colleague.sheet.rowCount, MOMENT).toBe(3);
		await expect
			.poll(() => board.columnValues('ФИО'), MOMENT)
			.toEqual(['Иванова Анна', 'Орлова Вера']);
	});
});

describe('one row pasted into the «+» line while a request is being typed there (found by exploration)', () => {
	it('keeps its «новая» and date where the pasted cells are empty', async () => {
		const anna = await session.operator('Анна');
		const home = await new HomePage(anna.page).goto(session.app.url);
		const sheet = await home.createSheet('Заявки: вставка в строку', 'Заявки');
		const { page } = sheet;
		const colleague = await session.colleague(sheet.id);
		const cols = Object.fromEntries(colleague.sheet.columns().map((c) => [c.title, c.id]));
		// The name typed, then the rest of the request copied from the hotline's table, where
		// the status, the volunteer and the date are still empty.
		await (await sheet.newRowCell('ФИО')).click();
		await page.keyboard.press('F2');
		await typeTab(page, 'Иванова Анна');
		await editorOpen(page);
		await page.keyboard.press('Escape');
		await editorClosed(page);
		await sheet.paste('new', 'Телефон', '89111234567\tСадовая, 3\tпокупка лекарств\t\t\t');
		await expect
			.poll(
				() => colleague.sheet.getCell(colleague.sheet.rowIds()[0] ?? '', cols['Вид помощи']),
				MOMENT
			)
			.toBe('покупка лекарств');
		const rows = colleague.sheet.rowIds();
		expect(rows).toHaveLength(1);
		const cell = (title: string) => colleague.sheet.getCell(rows[0], cols[title]);
		expect([cell('ФИО'), cell('Телефон'), cell('Статус')]).toEqual([
			'Иванова Анна',
			'+79111234567',
			'новая'
		]);
		expect(cell('Дата заявки')).toMatch(/^\d{4}-\d\d-\d\d$/);
		await applyView(page, 'Новые заявки');
		await expect.poll(() => sheet.columnValues('ФИО'), MOMENT).toEqual(['Иванова Анна']);
	});
});

describe('a block pasted over requests already on the board (found in review)', () => {
	it('keeps their «Статус», «Волонтёр» and «Дата заявки» where the paste carried none', async () => {
		const anna = await session.operator('Анна');
		const home = await new HomePage(anna.page).goto(session.app.url);
		const sheet = await home.createSheet('Заявки: таблица поверх', 'Заявки');
		const colleague = await session.colleague(sheet.id);
		const cols = Object.fromEntries(colleague.sheet.columns().map((c) => [c.title, c.id]));
		const PROGRESS = ['Статус', 'Волонтёр', 'Дата заявки'];
		const BEFORE = [
			['Иванова Анна', 'новая', '', '2026-12-01'],
			['Петров Пётр', 'в работе', 'Борис', '2026-12-02']
		];
		const ids = colleague.sheet.addRows({
			columns: ['ФИО', ...PROGRESS].map((t) => cols[t]),
			rows: BEFORE
		});
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(2);
		const progress = (rowId: string) =>
			PROGRESS.map((t) => colleague.sheet.getCell(rowId, cols[t]));

		// The hotline's table from «ФИО» on, the status, volunteer and date cells empty as Excel
		// copies them; Петров's request pasted «выполнена»; Сидоров a new request below.
		await sheet.paste(
			0,
			'ФИО',
			[
				'Иванова Анна\t89111234567\tСадовая, 3\tпокупка лекарств\t\t\t\tс 10 до 12',
				'Петров Пётр\t89111234568\t\tвыгул собак\tвыполнена\t\t\t',
				'Сидоров Иван\t89111234569\t\tпокупка продуктов\t\t\t\t'
			].join('\r\n')
		);
		// Her new row reaches the colleague with the paste (one step): then it is all there.
		await expect.poll(() => colleague.sheet.rowCount, MOMENT).toBe(3);
		const now = new Date();
		const today = [now.getFullYear(), now.getMonth() + 1, now.getDate()]
			.map((n) => String(n).padStart(2, '0'))
			.join('-');
		const added = colleague.sheet.rowIds().find((id) => !ids.includes(id))!;
		expect(progress(added)).toEqual(['новая', '', today]);
		expect(progress(ids[0])).toEqual(BEFORE[0].slice(1));
		expect(progress(ids[1])).toEqual(['выполнена', 'Борис', '2026-12-02']);
		expect(colleague.sheet.getCell(ids[0], cols['Вид помощи'])).toBe('покупка лекарств');
		// «Новые заявки» still shows Иванова, with the new request.
		await applyView(sheet.page, 'Новые заявки');
		await expect
			.poll(() => sheet.columnValues('ФИО'), MOMENT)
			.toEqual(['Иванова Анна', 'Сидоров Иван']);

		// One Ctrl+Z takes the paste back; the kept cells are as they were.
		await (await sheet.cell(0, 'ФИО')).click();
		await sheet.pressUndo();
		await expect.poll(() => colleague.sheet.rowCount, MOMENT).toBe(2);
		await expect.poll(() => colleague.sheet.getCell(ids[0], cols['Вид помощи']), MOMENT).toBe('');
		expect([progress(ids[0]), progress(ids[1])]).toEqual(BEFORE.map((r) => r.slice(1)));
	});
});

describe('requests pasted from an English table (found in review)', () => {
	it('read «done» as «выполнена», «06.04» as the nearest such day, as typing does, with nothing flagged', async () => {
		const anna = await session.operator('Анна');
		const home = await new HomePage(anna.page).goto(session.app.url);
		const sheet = await home.createSheet('Заявки: таблица партнёров', 'Заявки');
		const colleague = await session.colleague(sheet.id);
		const cols = Object.fromEntries(colleague.sheet.columns().map((c) => [c.title, c.id]));
		const ids = colleague.sheet.addRows({
			columns: [cols['ФИО'], cols['Статус']],
			rows: [
				['Иванова Анна', 'новая'],
				['Петров Пётр', 'новая']
			]
		});
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(2);

		// A partner NGO's English table: kind of help, status, volunteer, date.
		await sheet.paste(
			0,
			'Вид помощи',
			['buying medicines\tdone\tБорис\t06.04', 'walking dogs\tin progress\tБорис\t5.12'].join(
				'\r\n'
			)
		);
		const cell = (i: number, title: string) => colleague.sheet.getCell(ids[i], cols[title]);
		await expect.poll(() => cell(0, 'Статус'), MOMENT).toBe('выполнена');
		expect([cell(0, 'Вид помощи'), cell(1, 'Вид помощи'), cell(1, 'Статус')]).toEqual([
			'покупка лекарств',
			'выгул собак',
			'в работе'
		]);
		expect(await sheet.rows(['Статус', 'Дата заявки'])).toEqual([
			{ Статус: 'выполнена', 'Дата заявки': nearestDate(6, 4) },
			{ Статус: 'в работе', 'Дата заявки': nearestDate(5, 12) }
		]);
		for (const title of ['Вид помощи', 'Статус', 'Дата заявки'])
			expect(await sheet.rowsWithClass(title, 'shtab-invalid')).toEqual([]);
	});
});

describe('a day and month without a year in early January (found in review)', () => {
	it('is last December’s, pasted, typed or imported: December’s requests were read 11 months ahead', async () => {
		const anna = await session.operator('Анна');
		// Her computer's calendar says the 3rd of January 2027.
		await anna.context.clock.install({ time: new Date(2027, 0, 3, 10, 0) });
		const home = await new HomePage(anna.page).goto(session.app.url);
		const sheet = await home.createSheet('Заявки: после праздников', 'Заявки');
		const colleague = await session.colleague(sheet.id);
		const cols = Object.fromEntries(colleague.sheet.columns().map((c) => [c.title, c.id]));
		const ids = colleague.sheet.addRows({
			columns: [cols['ФИО'], cols['Статус']],
			rows: [
				['Иванова Анна', 'новая'],
				['Петров Пётр', 'новая'],
				['Сидоров Иван', 'новая']
			]
		});
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(3);
		const date = (i: number) => colleague.sheet.getCell(ids[i], cols['Дата заявки']);

		// The hotline's December sheet pasted; a request typed short.
		await sheet.paste(0, 'Дата заявки', ['28.12', '06.04'].join('\r\n'));
		await expect.poll(() => date(0), MOMENT).toBe('2026-12-28');
		expect(date(1)).toBe('2027-04-06');
		await sheet.editCell(2, 'Дата заявки', '31.12');
		await expect.poll(() => date(2), MOMENT).toBe('2026-12-31');
		expect(await sheet.columnValues('Дата заявки')).toEqual([
			'28.12.2026',
			'06.04.2027',
			'31.12.2026'
		]);

		// And the same file imported: the report names the year taken.
		const dialog = await new ImportDialog(anna.page).open();
		await dialog.choose({
			name: 'заявки за декабрь.csv',
			buffer: Buffer.from('ФИО;Телефон;Дата заявки\r\nОрлова Нина;89111234570;30.12\r\n')
		});
		const report = await dialog.run('Добавить все строки');
		expect(report).toContain('Дата без года: взят ближайший год (30.12.2026)');
		await dialog.close();
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(4);
		expect((await sheet.columnValues('Дата заявки')).sort()).toContain('30.12.2026');
	});
});

describe('requests imported with an empty status (found in review)', () => {
	it('are «новая» on the board and in «Новые заявки»; a status of the file stays; a date without a year is the nearest such day and said in the report', async () => {
		const anna = await session.operator('Анна');
		const home = await new HomePage(anna.page).goto(session.app.url);
		const sheet = await home.createSheet('Заявки: из файла КЦСОН', 'Заявки');
		const file = {
			name: 'заявки КЦСОН.csv',
			buffer: Buffer.from(
				[
					'ФИО;Телефон;Вид помощи;Статус;Дата заявки',
					'Иванова Анна;89111234567;покупка лекарств;;06.04',
					'Петров Пётр;89111234568;выгул собак;в работе;05.04.2026',
					'Сидоров Иван;89111234569;иная помощь;;'
				].join('\r\n') + '\r\n'
			)
		};
		const dialog = await new ImportDialog(anna.page).open();
		await dialog.choose(file);
		const report = await dialog.run();
		expect(report).toContain(`Дата без года: взят ближайший год (${nearestDate(6, 4)})`);
		await dialog.close();
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(3);
		expect(await sheet.rows(['ФИО', 'Статус', 'Дата заявки'])).toEqual([
			{ ФИО: 'Иванова Анна', Статус: 'новая', 'Дата заявки': nearestDate(6, 4) },
			{ ФИО: 'Петров Пётр', Статус: 'в работе', 'Дата заявки': '05.04.2026' },
			{ ФИО: 'Сидоров Иван', Статус: 'новая', 'Дата заявки': '' }
		]);
		await applyView(anna.page, 'Новые заявки');
		await expect
			.poll(() => sheet.columnValues('ФИО'), MOMENT)
			.toEqual(['Иванова Анна', 'Сидоров Иван']);
	});
});

describe('a list that is no request board, imported into (found in review)', () => {
	it('gets no «новая» for a row without a status: its «Статус» is its own', async () => {
		// A coordinator's own list («Другое») with a «Статус» of her options, one of them «новая»:
		// its «+» line gives a new row no status, and an import must not either.
		const anna = await session.operator('Анна');
		const home = await new HomePage(anna.page).goto(session.app.url);
		const sheet = await home.createSheet('Задачи штаба', 'Другое');
		const file = (lines: string[]) => ({
			name: 'задачи.csv',
			buffer: Buffer.from(['ФИО;Статус', ...lines].join('\r\n') + '\r\n')
		});
		let dialog = await new ImportDialog(anna.page).open();
		await dialog.choose(file(['Купить коробки;новая', 'Позвонить в КЦСОН;готово']));
		await dialog.duplicates();
		await dialog.dialog.getByLabel('Тип: Статус').selectOption({ label: 'Выбор из списка' });
		await dialog.run();
		await dialog.close();
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(2);
		dialog = await new ImportDialog(anna.page).open();
		await dialog.choose(file(['Развезти наборы;']));
		await dialog.run();
		await dialog.close();
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(3);
		expect(await sheet.rows(['ФИО', 'Статус'])).toEqual([
			{ ФИО: 'Купить коробки', Статус: 'новая' },
			{ ФИО: 'Позвонить в КЦСОН', Статус: 'готово' },
			{ ФИО: 'Развезти наборы', Статус: '' }
		]);
	});
});
