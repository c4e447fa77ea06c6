/**
 * An operator's keys land in the resident's row she means, as exploration found they did not:
 * - typing a new resident into the empty last line («+») with Tab between the fields makes one
 *   row, not one row per field;
 * - in the view «Не дозвонились», marking «дозвонились» and pressing Tab keeps her on that
 *   resident's row (it leaves the view when she leaves it), so the attempts go to her, not to the
 *   next resident;
 * - a colleague deleting the row she is typing in keeps what she typed in that row, tells her,
 *   and lets the focus go: her next keys overwrote the next resident's cell.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { Sheet, undoStep } from '../../src/lib/model/sheet';
import { SheetViews } from '../../src/lib/model/views';
import {
	applyView,
	clipboard,
	editorClosed,
	editorOpen,
	HomePage,
	SheetPage,
	typeOnRussianKeyboard
} from './pages';
import { e2eSession, MOMENT } from './session';

const session = e2eSession();

async function callList(title: string): Promise<SheetPage> {
	const anna = await session.operator('Анна');
	return new HomePage(anna.page).goto(session.app.url).then((h) => h.createSheet(title));
}

/**
 * A busy laptop runs the keys first and timers later: AG Grid tells of each edit, focus move and
 * change of rows from a timer, which while `on` is late by 0.6 s, so the news comes after her next
 * keys. `__delayed` counts the late ones (a test checks the timer was found).
 */
function lateGridNews(page: Page, on: boolean): Promise<void> {
	return page.evaluate((on) => {
		const w = window as unknown as {
			__slow?: boolean;
			__delayed?: number;
			__timer?: Window['setTimeout'];
		};
		w.__slow = on;
		if (w.__timer) return;
		const timer = (w.__timer = window.setTimeout);
		window.setTimeout = ((fn: TimerHandler, ms?: number, ...args: unknown[]) => {
			const late = w.__slow && typeof fn === 'function' && fn.name === 'bound flushAsyncQueue';
			if (late) w.__delayed = (w.__delayed ?? 0) + 1;
			return timer(fn, late ? 600 : ms, ...args);
		}) as typeof window.setTimeout;
	}, on);
}

async function delayedNews(page: Page): Promise<number> {
	return page.evaluate(() => (window as unknown as { __delayed?: number }).__delayed ?? 0);
}

describe('keys go into the row the operator means', () => {
	it('a new resident typed into the «+» line with Tab between the fields is one row', async () => {
		const sheet = await callList('Обзвон: новая строка');
		const { page } = sheet;
		await sheet.addRow('Петров Пётр');
		await (await sheet.newRowCell('ФИО')).click();
		await page.keyboard.press('F2');
		await editorOpen(page);
		await page.keyboard.type('Иванова Мария');
		await page.keyboard.press('Tab');
		await editorOpen(page);
		await page.keyboard.type('89111234567');
		await page.keyboard.press('Tab');
		await editorOpen(page);
		await page.keyboard.type('Софьи Ковалевской, 5');
		await page.keyboard.press('Enter');
		await editorClosed(page);
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(2);
		expect(await sheet.rows(['ФИО', 'Телефон', 'Адрес'])).toEqual([
			{ ФИО: 'Петров Пётр', Телефон: '', Адрес: '' },
			{ ФИО: 'Иванова Мария', Телефон: '+7 (911) 123-45-67', Адрес: 'Софьи Ковалевской, 5' }
		]);

		// After Enter the next value in the line is the next resident.
		await (await sheet.newRowCell('ФИО')).click();
		await page.keyboard.press('F2');
		await editorOpen(page);
		await page.keyboard.type('Сидоров Иван');
		await page.keyboard.press('Enter');
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(3);
		expect(await sheet.columnValues('ФИО')).toEqual([
			'Петров Пётр',
			'Иванова Мария',
			'Сидоров Иван'
		]);
	});

	it('Enter in the «+» line’s last cell, or Tab past it, takes the keyboard to the next resident’s name (found by exploration)', async () => {
		const sheet = await callList('Обзвон: до конца строки');
		const { page } = sheet;
		await sheet.addRow('Петров Пётр');
		const name = await sheet.columnId('ФИО');
		// The list's last column.
		const last = await sheet.columnId('Примечание');
		/** Tab along the «+» line to its last column, «Примечание», its editor opening there. */
		const tabToLast = async () => {
			for (let i = 0; i < 20 && (await lineCell(page)) !== `b-0:${last}`; i++) {
				await page.keyboard.press('Tab');
				await editorOpen(page);
			}
			expect(await lineCell(page)).toBe(`b-0:${last}`);
		};

		// A name, Tab along the row to «Примечание», a note and Enter: the row is done, and the
		// keyboard is on the «+» line's «ФИО», where the next resident's name goes (it stayed in
		// «Примечание», and the next name typed became a nameless row's note).
		await typeIntoNewRow(sheet, 'ФИО', 'Иванова Мария');
		await page.keyboard.press('Tab');
		await editorOpen(page);
		await tabToLast();
		await page.keyboard.type('перезвонить');
		await page.keyboard.press('Enter');
		await editorClosed(page);
		await expect.poll(() => lineCell(page), MOMENT).toBe(`b-0:${name}`);
		await typeOnRussianKeyboard(page, 'Сидоров Иван');
		await page.keyboard.press('Enter');
		await editorClosed(page);
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(3);

		// Tab past the last cell: on to the «+» line's «ФИО», its editor open as Tab opens one along
		// the line, a row of its own for the next name (the keyboard fell out of the grid to the
		// page, and the keys typed next went nowhere).
		await typeIntoNewRow(sheet, 'ФИО', 'Орлова Нина');
		await page.keyboard.press('Tab');
		await editorOpen(page);
		await tabToLast();
		await page.keyboard.press('Tab');
		await expect.poll(() => lineCell(page), MOMENT).toBe(`b-0:${name}`);
		await editorOpen(page);
		await page.keyboard.type('Zaitsev Oleg');
		await page.keyboard.press('Enter');
		await editorClosed(page);
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(5);
		expect(await sheet.rows(['ФИО', 'Примечание'])).toEqual([
			{ ФИО: 'Петров Пётр', Примечание: '' },
			{ ФИО: 'Иванова Мария', Примечание: 'перезвонить' },
			{ ФИО: 'Сидоров Иван', Примечание: '' },
			{ ФИО: 'Орлова Нина', Примечание: '' },
			{ ФИО: 'Zaitsev Oleg', Примечание: '' }
		]);
	});

	it('in «Не дозвонились», a result and Tab keep the operator on her resident', async () => {
		const sheet = await callList('Обзвон: перезвон');
		const { page } = sheet;
		const colleague = await session.colleague(sheet.id);
		const cols = Object.fromEntries(colleague.sheet.columns().map((c) => [c.title, c.id]));
		expect(cols['Попытки'] && cols['Результат звонка']).toBeTruthy();
		colleague.sheet.addRows({
			columns: [cols['ФИО'], cols['Результат звонка'], cols['Попытки']],
			rows: [
				['Алексеева Ольга', 'не дозвонились', '1'],
				['Борисов Глеб', 'дозвонились', '1'],
				['Васильева Дарья', 'не дозвонились', '5'],
				['Григорьев Лев', 'не дозвонились', '1']
			]
		});
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(4);
		await applyView(page, 'Не дозвонились');
		await expect
			.poll(() => sheet.columnValues('ФИО'), MOMENT)
			.toEqual(['Алексеева Ольга', 'Васильева Дарья', 'Григорьев Лев']);

		// «дозв», Tab: the result is stored, and the row stays while she is on it.
		await (await sheet.cell(0, 'Результат звонка')).click();
		await typeOnRussianKeyboard(page, 'дозв');
		await page.getByRole('listbox', { name: 'Результат звонка' }).waitFor();
		await page.keyboard.press('Tab');
		await expect
			.poll(() => colleague.sheet.getCell(colleague.sheet.rowIds()[0], cols['Результат звонка']))
			.toBe('дозвонились');
		// A colleague's edit elsewhere meanwhile filters the rows again: hers stays.
		colleague.sheet.setCell(colleague.sheet.rowIds()[3], cols['Попытки'], '2');
		await expect.poll(() => sheet.cellText(2, 'Попытки'), MOMENT).toBe('2');
		expect(await sheet.cellText(0, 'ФИО')).toBe('Алексеева Ольга');
		await page.keyboard.type('9');
		await page.keyboard.press('Enter');
		await expect
			.poll(() => colleague.sheet.getCell(colleague.sheet.rowIds()[0], cols['Попытки']), MOMENT)
			.toBe('9');
		expect(colleague.sheet.getCell(colleague.sheet.rowIds()[2], cols['Попытки'])).toBe('5');

		// Enter took her to the next resident: the reached one leaves the view, the focus stays
		// on Васильева, and what she types goes to Васильева.
		await expect
			.poll(() => sheet.columnValues('ФИО'), MOMENT)
			.toEqual(['Васильева Дарья', 'Григорьев Лев']);
		await page.keyboard.press('F2');
		await editorOpen(page);
		await page.keyboard.press('Control+a');
		await page.keyboard.type('6');
		await page.keyboard.press('Enter');
		await expect
			.poll(() => colleague.sheet.getCell(colleague.sheet.rowIds()[2], cols['Попытки']), MOMENT)
			.toBe('6');
		expect(colleague.sheet.getCell(colleague.sheet.rowIds()[0], cols['Попытки'])).toBe('9');
	});

	it('a colleague’s value over hers a moment later is told, and hers can be put back', async () => {
		const sheet = await callList('Обзвон: одна ячейка');
		const { page } = sheet;
		const colleague = await session.colleague(sheet.id);
		const boris = new Sheet(colleague.doc, { author: { id: 'boris', name: 'Борис' } });
		const cols = Object.fromEntries(boris.columns().map((c) => [c.title, c.id]));
		const [row] = boris.addRows({ columns: [cols['ФИО']], rows: [['Иванова Анна']] });
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(1);
		await sheet.editCell(0, 'Адрес', 'Анна: кв 12');
		await expect.poll(() => boris.getCell(row, cols['Адрес']), MOMENT).toBe('Анна: кв 12');
		boris.setCell(row, cols['Адрес'], 'Борис: кв 21');
		const notice = page.getByText(
			'Борис тоже изменил(а) ячейку «Адрес»: осталось «Борис: кв 21», ваше «Анна: кв 12» — в истории.'
		);
		await notice.waitFor(MOMENT);
		await page.getByRole('status').getByRole('button', { name: 'Вернуть моё' }).click();
		await expect.poll(() => boris.getCell(row, cols['Адрес']), MOMENT).toBe('Анна: кв 12');
		// A colleague's edit of another cell of the row says nothing.
		boris.setCell(row, cols['Телефон'], '+79111234567');
		await expect.poll(() => sheet.cellText(0, 'Телефон'), MOMENT).toBe('+7 (911) 123-45-67');
		expect(await page.getByText('тоже изменил').count()).toBe(0);

		// Overwritten again, then the colleague takes his value back: the notice goes with it.
		await page.waitForTimeout(100);
		await sheet.editCell(0, 'Адрес', 'Анна: кв 14');
		await expect.poll(() => boris.getCell(row, cols['Адрес']), MOMENT).toBe('Анна: кв 14');
		boris.setCell(row, cols['Адрес'], 'Борис: кв 41');
		const again = page.getByText(/Борис тоже изменил\(а\) ячейку «Адрес»: осталось «Борис: кв 41»/);
		await again.waitFor(MOMENT);
		boris.setCell(row, cols['Адрес'], 'Анна: кв 14');
		await again.waitFor({ state: 'detached', timeout: MOMENT.timeout });
		// (The grid draws a colleague's change in the next frame.)
		await expect.poll(() => sheet.cellText(0, 'Адрес'), MOMENT).toBe('Анна: кв 14');
	});

	it('a colleague deleting the row she types in keeps her text there and lets the focus go', async () => {
		const sheet = await callList('Обзвон: удаление под рукой');
		const { page } = sheet;
		const colleague = await session.colleague(sheet.id);
		const cols = Object.fromEntries(colleague.sheet.columns().map((c) => [c.title, c.id]));
		const [, vasilyeva, grigoriev] = colleague.sheet.addRows({
			columns: [cols['ФИО'], cols['Адрес']],
			rows: [
				['Борисов Глеб', 'Гражданский пр., 1'],
				['Васильева Дарья', 'ул. Бутлерова, 2'],
				['Григорьев Лев', 'ул. Гидротехников, 3']
			]
		});
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(3);
		await (await sheet.cell(1, 'Примечание')).dblclick();
		await editorOpen(page);
		await page.keyboard.type('нужна помощь с лекарствами');

		colleague.sheet.deleteRows([vasilyeva]);
		await page.getByText('Коллега удалил строку, которую вы редактировали.').waitFor(MOMENT);
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(2);
		await expect
			.poll(() => colleague.sheet.getCell(vasilyeva, cols['Примечание']), MOMENT)
			.toBe('нужна помощь с лекарствами');
		// Her next keys go nowhere: Григорьев's row, now where Васильева's was, is untouched.
		await page.keyboard.type(' и срочно');
		await page.keyboard.press('Enter');
		await page.waitForTimeout(300);
		expect(colleague.sheet.getRow(grigoriev)).toMatchObject({
			[cols['Адрес']]: 'ул. Гидротехников, 3'
		});
		expect(colleague.sheet.getCell(grigoriev, cols['Примечание'])).toBe('');
		expect(await sheet.columnValues('Примечание')).toEqual(['', '']);

		// Restored, the row comes back with her note.
		colleague.sheet.restoreRows([vasilyeva]);
		await expect
			.poll(() => sheet.columnValues('Примечание'), MOMENT)
			.toEqual(['', 'нужна помощь с лекарствами', '']);
	});

	it('a colleague deleting the column she types in keeps her text there and tells her (found by exploration)', async () => {
		const sheet = await callList('Обзвон: столбец удалён под рукой');
		const { page } = sheet;
		const colleague = await session.colleague(sheet.id);
		const cols = Object.fromEntries(colleague.sheet.columns().map((c) => [c.title, c.id]));
		const [, vasilyeva] = colleague.sheet.addRows({
			columns: [cols['ФИО']],
			rows: [['Борисов Глеб'], ['Васильева Дарья']]
		});
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(2);
		await sheet.revealColumn('Примечание');
		await (await sheet.cell(1, 'Примечание')).dblclick();
		await editorOpen(page);
		await page.keyboard.type('нужна помощь с лекарствами');

		// Before, the editor vanished with the column, and what she had typed with it, unsaid.
		colleague.sheet.deleteColumn(cols['Примечание']);
		await page
			.getByText(
				'Коллега удалил столбец «Примечание», ячейку которого вы редактировали. Ваш ввод сохранён в нём: столбец можно вернуть через «Вернуть столбец».'
			)
			.waitFor(MOMENT);
		await expect
			.poll(() => colleague.sheet.getCell(vasilyeva, cols['Примечание']), MOMENT)
			.toBe('нужна помощь с лекарствами');
		// Her next keys write into no resident's cell.
		await page.keyboard.type(' и срочно');
		await page.keyboard.press('Enter');
		await page.waitForTimeout(300);
		expect(rowsByTitle(colleague.sheet)).toEqual([
			{ ФИО: 'Борисов Глеб' },
			{ ФИО: 'Васильева Дарья', [cols['Примечание']]: 'нужна помощь с лекарствами' }
		]);

		// Restored, the column comes back with her note.
		colleague.sheet.restoreColumn(cols['Примечание']);
		await expect
			.poll(() => sheet.columnValues('Примечание'), MOMENT)
			.toEqual(['', 'нужна помощь с лекарствами']);
	});
});

/** The rows of a sheet by column title, as a colleague's client reads them. */
function rowsByTitle(sheet: Sheet): Record<string, string>[] {
	const titles = Object.fromEntries(sheet.columns().map((c) => [c.id, c.title]));
	return sheet.rowIds().map((id) => {
		const { id: _, ...cells } = sheet.getRow(id);
		return Object.fromEntries(Object.entries(cells).map(([k, v]) => [titles[k] ?? k, v]));
	});
}

/** Types `text` into the «+» line's cell of `column` (F2, then the text). */
/**
 * The cell AG Grid has the keyboard on, as «row-index:col-id» («b-0» for the «+» line), an
 * editor open on it or not ('' when none; 'out' when the keyboard is out of the grid).
 */
function lineCell(page: Page): Promise<string> {
	return page.evaluate(() => {
		const active = document.activeElement;
		if (!active?.closest('.ag-root-wrapper, .ag-popup')) return 'out';
		// (A popup editor — a long text's, a choice's, a name's — is out of its cell.)
		const cell =
			active.closest('.ag-cell') ??
			document.querySelector('.ag-cell-popup-editing') ??
			document.querySelector('.ag-cell-focus');
		const row = cell?.closest('.ag-row');
		return cell ? `${row?.getAttribute('row-index')}:${cell.getAttribute('col-id')}` : '';
	});
}

async function typeIntoNewRow(sheet: SheetPage, column: string, text: string) {
	await (await sheet.newRowCell(column)).click();
	await sheet.page.keyboard.press('F2');
	await editorOpen(sheet.page);
	await sheet.page.keyboard.type(text);
}

/**
 * In the «+» line of a congratulations list: the first «Результат» picked with Enter, then Tab,
 * Tab to «Дата», `5.1.2025` and Enter.
 */
async function pickResultTypeDate(sheet: SheetPage) {
	const { page } = sheet;
	await (await sheet.newRowCell('Результат')).click();
	await page.keyboard.press('F2');
	await page.getByRole('listbox', { name: 'Результат' }).waitFor();
	await page.keyboard.press('ArrowDown');
	await page.keyboard.press('Enter');
	await editorClosed(page);
	await page.keyboard.press('Tab');
	await page.keyboard.press('Tab');
	await page.keyboard.type('5.1.2025');
	await page.keyboard.press('Enter');
}

describe('logging a call (found by exploration)', () => {
	it('a result fills in who called, when, and one more attempt, in one undo step', async () => {
		const sheet = await callList('Обзвон: звонок');
		const { page } = sheet;
		await sheet.addRow('Иванова Анна');
		await (await sheet.cell(0, 'Результат звонка')).click();
		await page.keyboard.press('F2');
		await page.getByRole('listbox', { name: 'Результат звонка' }).waitFor();
		await page.keyboard.press('ArrowDown');
		await page.keyboard.press('Enter');
		await editorClosed(page);
		const now = new Date();
		const today = [now.getDate(), now.getMonth() + 1]
			.map((n) => String(n).padStart(2, '0'))
			.concat(String(now.getFullYear()))
			.join('.');
		await expect.poll(() => sheet.cellText(0, 'Оператор'), MOMENT).toBe('Анна');
		expect(await sheet.cellText(0, 'Попытки')).toBe('1');
		expect(await sheet.cellText(0, 'Дата звонка')).toContain(today);
		// «Мои звонки» finds the row by the name written in full.
		await applyView(page, 'Мои звонки');
		await expect.poll(() => sheet.columnValues('ФИО'), MOMENT).toEqual(['Иванова Анна']);
		await page.getByRole('button', { name: 'Сбросить сортировку и фильтры' }).click();

		await (await sheet.cell(0, 'ФИО')).click();
		await sheet.pressUndo();
		await expect.poll(() => sheet.cellText(0, 'Результат звонка'), MOMENT).toBe('');
		expect(await sheet.cellText(0, 'Оператор')).toBe('');
		expect(await sheet.cellText(0, 'Попытки')).toBe('');
		expect(await sheet.cellText(0, 'Дата звонка')).toBe('');
	});

	it('a new resident typed into the «+» line with a result is logged, her next keys in her row', async () => {
		const sheet = await callList('Обзвон: новый житель');
		const { page } = sheet;
		const colleague = await session.colleague(sheet.id);
		const cols = Object.fromEntries(colleague.sheet.columns().map((c) => [c.title, c.id]));
		await (await sheet.newRowCell('ФИО')).click();
		await page.keyboard.press('F2');
		await editorOpen(page);
		await page.keyboard.type('Смирнова Ольга');
		await page.keyboard.press('Tab');
		await editorOpen(page);
		await page.keyboard.press('Escape');
		// Along the line to her result, then «Попытки»: she had called twice before.
		await sheet.revealColumn('Результат звонка');
		await (await sheet.newRowCell('Результат звонка')).click();
		await page.keyboard.press('F2');
		await page.getByRole('listbox', { name: 'Результат звонка' }).waitFor();
		await page.keyboard.press('ArrowDown');
		await page.keyboard.press('Enter');
		await editorClosed(page);
		await page.keyboard.press('Tab');
		await page.keyboard.type('2');
		await page.keyboard.press('Enter');
		await editorClosed(page);
		const now = new Date();
		const today = [now.getFullYear(), now.getMonth() + 1, now.getDate()]
			.map((n) => String(n).padStart(2, '0'))
			.join('-');
		await expect
			.poll(
				() => colleague.sheet.getCell(colleague.sheet.rowIds()[0] ?? '', cols['Попытки']),
				MOMENT
			)
			.toBe('2');
		const rows = colleague.sheet.rowIds();
		expect(rows).toHaveLength(1);
		const cell = (title: string) => colleague.sheet.getCell(rows[0], cols[title]);
		expect(cell('ФИО')).toBe('Смирнова Ольга');
		expect(cell('Результат звонка')).toBe('дозвонились');
		expect(cell('Оператор')).toBe('Анна');
		expect(cell('Дата звонка').startsWith(today)).toBe(true);

		// The next resident begun with her result: logged too, and «3» typed next is hers.
		await (await sheet.newRowCell('Результат звонка')).click();
		await page.keyboard.press('F2');
		await page.getByRole('listbox', { name: 'Результат звонка' }).waitFor();
		await page.keyboard.press('ArrowDown');
		await page.keyboard.press('ArrowDown');
		await page.keyboard.press('Enter');
		await editorClosed(page);
		await page.keyboard.press('Tab');
		await page.keyboard.type('3');
		await page.keyboard.press('Enter');
		await editorClosed(page);
		await expect.poll(() => colleague.sheet.rowIds().length, MOMENT).toBe(2);
		const next = colleague.sheet.rowIds()[1];
		await expect.poll(() => colleague.sheet.getCell(next, cols['Попытки']), MOMENT).toBe('3');
		expect(colleague.sheet.getCell(next, cols['Результат звонка'])).toBe('не дозвонились');
		expect(colleague.sheet.getCell(next, cols['Оператор'])).toBe('Анна');
	});
});

describe('a congratulation marked in a campaign is dated (found by exploration)', () => {
	it('a result fills «Дата» with today in the same undo step; a date typed before it stays', async () => {
		const anna = await session.operator('Анна');
		const sheet = await new HomePage(anna.page)
			.goto(session.app.url)
			.then((h) => h.createSheet('Поздравления: 9 Мая', 'Поздравления'));
		const { page } = sheet;
		const colleague = await session.colleague(sheet.id);
		const cols = Object.fromEntries(colleague.sheet.columns().map((c) => [c.title, c.id]));
		// Петрова was visited yesterday: the volunteer's date is typed, the result not yet.
		const ids = colleague.sheet.addRows({
			columns: [cols['ФИО'], cols['Дата']],
			rows: [
				['Иванова Анна', ''],
				['Петрова Нина', '2026-05-08']
			]
		});
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(2);
		const cell = (i: number, title: string) => colleague.sheet.getCell(ids[i], cols[title]);
		const pick = async (row: number, downs: number) => {
			await (await sheet.cell(row, 'Результат')).click();
			await page.keyboard.press('F2');
			await page.getByRole('listbox', { name: 'Результат' }).waitFor();
			for (let i = 0; i < downs; i++) await page.keyboard.press('ArrowDown');
			await page.keyboard.press('Enter');
			await editorClosed(page);
		};
		await sheet.revealColumn('Результат');
		await pick(0, 1);
		const now = new Date();
		const today = [now.getFullYear(), now.getMonth() + 1, now.getDate()]
			.map((n) => String(n).padStart(2, '0'))
			.join('-');
		await expect.poll(() => cell(0, 'Результат'), MOMENT).toBe('поздравили по телефону');
		expect(cell(0, 'Дата')).toBe(today);
		await pick(1, 3);
		await expect
			.poll(() => cell(1, 'Результат'), MOMENT)
			.toBe('поздравили лично, с письмом и набором');
		expect(cell(1, 'Дата')).toBe('2026-05-08');

		// Her undo takes the result back with its date.
		await (await sheet.cell(0, 'ФИО')).click();
		await sheet.pressUndo();
		await expect.poll(() => cell(1, 'Результат'), MOMENT).toBe('');
		await sheet.pressUndo();
		await expect.poll(() => cell(0, 'Результат'), MOMENT).toBe('');
		expect(cell(0, 'Дата')).toBe('');
	});
});

describe('a call result copied with Ctrl+D or pasted logs the call (found by exploration)', () => {
	it('who called, when and one more attempt, as a typed result does, in the same undo step', async () => {
		const sheet = await callList('Обзвон: Ctrl+D');
		const { page } = sheet;
		const colleague = await session.colleague(sheet.id);
		const cols = Object.fromEntries(colleague.sheet.columns().map((c) => [c.title, c.id]));
		// Борис called Иванова yesterday; Петров and Сидорова are not called yet.
		const ids = colleague.sheet.addRows({
			columns: ['ФИО', 'Результат звонка', 'Попытки', 'Оператор', 'Дата звонка'].map(
				(t) => cols[t]
			),
			rows: [
				['Иванова Анна', 'не дозвонились', '1', 'Борис', '2026-01-10T10:00'],
				['Петров Олег', '', '', '', ''],
				['Сидорова Нина', '', '', '', '']
			]
		});
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(3);
		const log = (i: number) =>
			['Результат звонка', 'Попытки', 'Оператор'].map((t) =>
				colleague.sheet.getCell(ids[i], cols[t])
			);
		const called = (i: number) => colleague.sheet.getCell(ids[i], cols['Дата звонка']);

		// Анна does not reach Петров either: Ctrl+D takes «не дозвонились» from the row above.
		await sheet.revealColumn('Результат звонка');
		await (await sheet.cell(1, 'Результат звонка')).click();
		await page.keyboard.press('Control+d');
		await expect.poll(() => log(1), MOMENT).toEqual(['не дозвонились', '1', 'Анна']);
		expect(called(1)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d$/);
		expect(called(1)).not.toBe('2026-01-10T10:00');
		// She calls Иванова again and pastes the result: her second attempt, by Анна.
		await sheet.paste(0, 'Результат звонка', 'перезвонить');
		await expect.poll(() => log(0), MOMENT).toEqual(['перезвонить', '2', 'Анна']);
		expect(called(0)).toBe(called(1));
		// «Мои звонки» finds both.
		await applyView(page, 'Мои звонки');
		await expect
			.poll(() => sheet.columnValues('ФИО'), MOMENT)
			.toEqual(['Иванова Анна', 'Петров Олег']);
		await page.getByRole('button', { name: 'Сбросить сортировку и фильтры' }).click();

		// One undo step takes the paste back with its log: Борис's call as it was.
		await (await sheet.cell(2, 'ФИО')).click();
		await sheet.pressUndo();
		await expect.poll(() => log(0), MOMENT).toEqual(['не дозвонились', '1', 'Борис']);
		expect(called(0)).toBe('2026-01-10T10:00');
		expect(log(1)).toEqual(['не дозвонились', '1', 'Анна']);
	});

	it('residents pasted as new rows with their results are logged too, in the step that adds them', async () => {
		const sheet = await callList('Обзвон: вставка новых');
		const { page } = sheet;
		const colleague = await session.colleague(sheet.id);
		const cols = Object.fromEntries(colleague.sheet.columns().map((c) => [c.title, c.id]));
		// Her notes of the morning's calls, pasted from ФИО on: the name, the phone, the address,
		// the date of birth, the category, the result (a resident called before keeps his log).
		await sheet.paste(
			'new',
			'ФИО',
			[
				'Иванова Анна\t\t\t\t\tне дозвонились',
				'Петров Олег\t\t\t\t\tперезвонить\t3\tБорис\t05.01.2026 10:00',
				'Сидорова Нина'
			].join('\r\n')
		);
		await expect.poll(() => colleague.sheet.rowCount, MOMENT).toBe(3);
		const rows = colleague.sheet.rowIds();
		const log = (i: number) =>
			['ФИО', 'Результат звонка', 'Попытки', 'Оператор'].map((t) =>
				colleague.sheet.getCell(rows[i], cols[t])
			);
		const called = (i: number) => colleague.sheet.getCell(rows[i], cols['Дата звонка']);
		expect([log(0), log(1), log(2)]).toEqual([
			['Иванова Анна', 'не дозвонились', '1', 'Анна'],
			['Петров Олег', 'перезвонить', '3', 'Борис'],
			['Сидорова Нина', '', '', '']
		]);
		const now = new Date();
		const today = [now.getFullYear(), now.getMonth() + 1, now.getDate()]
			.map((n) => String(n).padStart(2, '0'))
			.join('-');
		expect(called(0).startsWith(today)).toBe(true);
		expect([called(1), called(2)]).toEqual(['2026-01-05T10:00', '']);
		// «Мои звонки» finds the resident she called.
		await applyView(page, 'Мои звонки');
		await expect.poll(() => sheet.columnValues('ФИО'), MOMENT).toEqual(['Иванова Анна']);
		await page.getByRole('button', { name: 'Сбросить сортировку и фильтры' }).click();

		// One undo step takes the rows back with their log.
		await (await sheet.cell(0, 'ФИО')).click();
		await sheet.pressUndo();
		await expect.poll(() => colleague.sheet.rowCount, MOMENT).toBe(0);
	});

	it('a result pasted into the resident being typed in the «+» line logs the call', async () => {
		const sheet = await callList('Обзвон: вставка в строку');
		const { page } = sheet;
		const colleague = await session.colleague(sheet.id);
		await typeIntoNewRow(sheet, 'ФИО', 'Смирнова Ольга');
		await page.keyboard.press('Tab');
		await editorOpen(page);
		await page.keyboard.press('Escape');
		await editorClosed(page);
		await sheet.revealColumn('Результат звонка');
		await sheet.paste('new', 'Результат звонка', 'не дозвонились');
		await expect
			.poll(() => rowsByTitle(colleague.sheet)[0]?.['Оператор'] ?? '', MOMENT)
			.toBe('Анна');
		expect(colleague.sheet.rowCount).toBe(1);
		const row = rowsByTitle(colleague.sheet)[0];
		expect([row['ФИО'], row['Результат звонка'], row['Попытки']]).toEqual([
			'Смирнова Ольга',
			'не дозвонились',
			'1'
		]);
		expect(row['Дата звонка']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d$/);
	});
});

describe('quick ↓ presses while a colleague edits (found by exploration)', () => {
	it('the focus goes down row by row and stays on the row the keys reached', async () => {
		const sheet = await callList('Обзвон: стрелки');
		const { page } = sheet;
		const colleague = await session.colleague(sheet.id);
		const cols = Object.fromEntries(colleague.sheet.columns().map((c) => [c.title, c.id]));
		// 40 residents of Анна's, 20 of another operator's, whose notes the colleague keeps editing.
		colleague.sheet.addRows({
			columns: [cols['ФИО'], cols['Оператор']],
			rows: [
				...Array.from({ length: 40 }, (_, i) => [`Жительница ${i + 1}`, 'Анна']),
				...Array.from({ length: 20 }, (_, i) => [`Житель ${i + 1}`, 'Петрова'])
			]
		});
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(60);
		// Her view «Мои звонки» filters the list: the colleague's edits arrive as the grid's
		// transactions, each followed by the check that keeps her on her row.
		await applyView(page, 'Мои звонки');
		await expect
			.poll(() => page.getByRole('contentinfo').textContent(), MOMENT)
			.toMatch(/показано: 40\b/);
		const others = colleague.sheet.rowIds().slice(40);
		let n = 0;
		const timer = setInterval(() => {
			n++;
			colleague.sheet.setCell(others[n % others.length], cols['Примечание'], `правка ${n}`);
		}, 15);
		const focusedRow = () =>
			page.evaluate(() =>
				Number(document.activeElement?.closest('.ag-row')?.getAttribute('row-index') ?? -1)
			);
		try {
			for (let trial = 0; trial < 6; trial++) {
				await (await sheet.cell(2, 'Результат звонка')).click();
				for (let i = 0; i < 25; i++) await page.keyboard.press('ArrowDown');
				await page.waitForTimeout(300);
				expect(await focusedRow(), `trial ${trial}`).toBe(27);
				await page.keyboard.press('Control+Home');
			}
		} finally {
			clearInterval(timer);
		}
		expect(n).toBeGreaterThan(20);
	});
});

describe('Tab through the cells a call filled in (found by exploration)', () => {
	it("a result, then Tab past «Попытки» to «Примечание»: the attempt stays, and so does a colleague's value she passed", async () => {
		const sheet = await callList('Обзвон: Tab после звонка');
		const { page } = sheet;
		const colleague = await session.colleague(sheet.id);
		await sheet.addRow('Лебедева Ольга');
		await (await sheet.cell(0, 'Результат звонка')).click();
		await typeOnRussianKeyboard(page, 'нуж');
		await page.getByRole('listbox', { name: 'Результат звонка' }).waitFor();
		// Tab stores «нужна помощь» and opens «Попытки», «Оператор», «Дата звонка» in turn: she
		// changes none of them.
		for (let i = 0; i < 4; i++) {
			await page.keyboard.press('Tab');
			await editorOpen(page);
		}
		await page.keyboard.type('просит продукты');
		await page.keyboard.press('Enter');
		await editorClosed(page);
		const [row] = colleague.sheet.rowIds();
		const cols = Object.fromEntries(colleague.sheet.columns().map((c) => [c.title, c.id]));
		await expect
			.poll(() => colleague.sheet.getCell(row, cols['Примечание']), MOMENT)
			.toBe('просит продукты');
		expect(colleague.sheet.getCell(row, cols['Результат звонка'])).toBe('нужна помощь');
		expect(colleague.sheet.getCell(row, cols['Попытки'])).toBe('1');
		expect(colleague.sheet.getCell(row, cols['Оператор'])).toBe('Анна');
		expect(colleague.sheet.getCell(row, cols['Дата звонка'])).not.toBe('');
		expect(await sheet.cellText(0, 'Попытки')).toBe('1');

		// A colleague's value arrives while her editor is open on that cell; she leaves it
		// unchanged: the colleague's value stays.
		await (await sheet.cell(0, 'Попытки')).click();
		await page.keyboard.press('F2');
		await editorOpen(page);
		// (with a note in the same change, drawn in a cell not being edited: the sign it arrived)
		colleague.sheet.setCells([
			{ rowId: row, colId: cols['Попытки'], value: '3' },
			{ rowId: row, colId: cols['Примечание'], value: 'перезвонила сама' }
		]);
		await expect.poll(() => sheet.cellText(0, 'Примечание'), MOMENT).toBe('перезвонила сама');
		await page.keyboard.press('Tab');
		await editorOpen(page);
		await page.keyboard.press('Escape');
		await editorClosed(page);
		await page.waitForTimeout(300);
		expect(colleague.sheet.getCell(row, cols['Попытки'])).toBe('3');
	});
});

describe('the «+» line ends its new row where the operator does (found in review)', () => {
	it('Enter on an empty field ends it, and so does leaving the grid: no resident is written over', async () => {
		const sheet = await callList('Обзвон: конец строки');
		const { page } = sheet;
		const colleague = await session.colleague(sheet.id);
		await typeIntoNewRow(sheet, 'ФИО', 'Иванова Мария');
		await page.keyboard.press('Tab');
		await editorOpen(page);
		await page.keyboard.press('Enter'); // no phone: done with her
		await editorClosed(page);
		await typeIntoNewRow(sheet, 'ФИО', 'Петров Пётр');
		await page.keyboard.press('Tab');
		await editorOpen(page);
		await page.keyboard.type('89111234567');
		await sheet.heading.click(); // away from the grid: the phone is stored, the row ends
		await editorClosed(page);
		await typeIntoNewRow(sheet, 'ФИО', 'Сидорова Анна');
		await page.keyboard.press('Enter');
		await expect.poll(() => colleague.sheet.rowCount, MOMENT).toBe(3);
		expect(rowsByTitle(colleague.sheet)).toEqual([
			{ ФИО: 'Иванова Мария' },
			{ ФИО: 'Петров Пётр', Телефон: '+79111234567' },
			{ ФИО: 'Сидорова Анна' }
		]);
	});

	it('a paste, Space on a checkbox and a choice picked with Enter go into the row being typed', async () => {
		const anna = await session.operator('Анна');
		const sheet = await new HomePage(anna.page)
			.goto(session.app.url)
			.then((h) => h.createSheet('Поздравления: новая строка', 'Поздравления'));
		const { page } = sheet;
		const colleague = await session.colleague(sheet.id);
		await typeIntoNewRow(sheet, 'ФИО', 'Иванова Мария');
		await page.keyboard.press('Tab');
		await editorOpen(page);
		await page.keyboard.press('Escape');
		await sheet.paste('new', 'Телефон', '89111234567');
		await (await sheet.newRowCell('Подарочный набор')).click();
		await page.keyboard.press(' ');
		await pickResultTypeDate(sheet);
		await expect
			.poll(() => rowsByTitle(colleague.sheet)[0]?.['Дата'] ?? '', MOMENT)
			.toBe('2025-01-05');
		expect(colleague.sheet.rowCount).toBe(1);
		expect(rowsByTitle(colleague.sheet)[0]).toMatchObject({
			ФИО: 'Иванова Мария',
			Телефон: '+79111234567',
			'Подарочный набор': 'true'
		});
		expect(rowsByTitle(colleague.sheet)[0]['Результат']).toBeTruthy();
	});
});

describe('on a slow laptop, AG Grid tells of edits and moved rows after her next keys (found by CI runs)', () => {
	it("the grid's news of each edit arrives after her next keys: each resident's values still make one row", async () => {
		const anna = await session.operator('Анна');
		const sheet = await new HomePage(anna.page)
			.goto(session.app.url)
			.then((h) => h.createSheet('Поздравления: медленный ноутбук', 'Поздравления'));
		const { page } = sheet;
		const colleague = await session.colleague(sheet.id);
		const slow = (on: boolean) => lateGridNews(page, on);
		await slow(true);
		// A name, Enter; then the next resident's phone first, Enter.
		await typeIntoNewRow(sheet, 'ФИО', 'Иванова Мария');
		await page.keyboard.press('Enter');
		await editorClosed(page);
		await typeIntoNewRow(sheet, 'Телефон', '89111234567');
		await page.keyboard.press('Enter');
		await editorClosed(page);
		await expect
			.poll(() => rowsByTitle(colleague.sheet), MOMENT)
			.toEqual([{ ФИО: 'Иванова Мария' }, { Телефон: '+79111234567' }]);

		// The row made already; then a result picked with Enter, Tab, Tab, a date and Enter, each
		// told late; then the next resident.
		await slow(false);
		await typeIntoNewRow(sheet, 'ФИО', 'Петров Пётр');
		await page.keyboard.press('Tab');
		await editorOpen(page);
		await page.keyboard.press('Escape');
		await expect
			.poll(() => rowsByTitle(colleague.sheet).at(-1)?.['ФИО'], MOMENT)
			.toBe('Петров Пётр');
		await slow(true);
		await pickResultTypeDate(sheet);
		await editorClosed(page);
		await typeIntoNewRow(sheet, 'ФИО', 'Сидорова Анна');
		await page.keyboard.press('Enter');
		await expect.poll(() => rowsByTitle(colleague.sheet).length, MOMENT).toBe(4);
		await page.waitForTimeout(1000);
		const rows = rowsByTitle(colleague.sheet);
		expect(rows).toHaveLength(4);
		expect(rows[2]).toMatchObject({ ФИО: 'Петров Пётр', Дата: '2025-01-05' });
		expect(rows[2]['Результат']).toBeTruthy();
		expect(rows[3]).toEqual({ ФИО: 'Сидорова Анна' });

		// A name, Tab, a phone, Enter, and at once the next resident pasted from Excel into the
		// «+» line: the paste is a row of its own (found in review: it overwrote her name).
		await typeIntoNewRow(sheet, 'ФИО', 'Кузнецова Ольга');
		await page.keyboard.press('Tab');
		await editorOpen(page);
		// (her row is made: the grid has told of her name)
		await expect
			.poll(() => rowsByTitle(colleague.sheet).at(-1)?.['ФИО'], MOMENT)
			.toBe('Кузнецова Ольга');
		await page.keyboard.type('89111112233');
		await page.keyboard.press('Enter');
		await editorClosed(page);
		await sheet.paste('new', 'ФИО', 'Орлова Нина\t89223334455');
		await expect.poll(() => rowsByTitle(colleague.sheet).length, MOMENT).toBe(6);
		await page.waitForTimeout(1000);
		expect(rowsByTitle(colleague.sheet).slice(4)).toEqual([
			{ ФИО: 'Кузнецова Ольга', Телефон: '+79111112233' },
			{ ФИО: 'Орлова Нина', Телефон: '+79223334455' }
		]);
		// (AG Grid's timer was found and made late: the test tests what it says)
		expect(await delayedNews(page)).toBeGreaterThan(0);
	});

	it('«дозвонились» and Enter in «Не дозвонились»: the attempts typed at once go to the next resident', async () => {
		const sheet = await callList('Обзвон: медленный ноутбук');
		const { page } = sheet;
		const colleague = await session.colleague(sheet.id);
		const cols = Object.fromEntries(colleague.sheet.columns().map((c) => [c.title, c.id]));
		colleague.sheet.addRows({
			columns: [cols['ФИО'], cols['Результат звонка'], cols['Попытки']],
			rows: [
				['Алексеева Ольга', 'не дозвонились', '1'],
				['Васильева Дарья', 'не дозвонились', '5'],
				['Григорьев Лев', 'не дозвонились', '1']
			]
		});
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(3);
		await applyView(page, 'Не дозвонились');
		await (await sheet.cell(0, 'Результат звонка')).click();
		await typeOnRussianKeyboard(page, 'дозв');
		await page.getByRole('listbox', { name: 'Результат звонка' }).waitFor();
		await page.keyboard.press('Tab');
		const [first, second, third] = colleague.sheet.rowIds();
		await expect
			.poll(() => colleague.sheet.getCell(first, cols['Результат звонка']), MOMENT)
			.toBe('дозвонились');
		await lateGridNews(page, true);
		await page.keyboard.type('9');
		await page.keyboard.press('Enter');
		// As soon as the reached resident has left the view, she types the next one's attempts.
		await expect
			.poll(() => sheet.columnValues('ФИО'), MOMENT)
			.toEqual(['Васильева Дарья', 'Григорьев Лев']);
		await page.keyboard.press('F2');
		await editorOpen(page);
		await page.keyboard.press('Control+a');
		await page.keyboard.type('6');
		await page.keyboard.press('Enter');
		await expect.poll(() => colleague.sheet.getCell(second, cols['Попытки']), MOMENT).toBe('6');
		expect(colleague.sheet.getCell(first, cols['Попытки'])).toBe('9');
		expect(colleague.sheet.getCell(third, cols['Попытки'])).toBe('1');
		expect(await delayedNews(page)).toBeGreaterThan(0);
	});

	it('«Добавить строку» pressed again at once keeps the resident just typed, and so does leaving the list at once', async () => {
		const anna = await session.operator('Анна');
		const sheet = await new HomePage(anna.page)
			.goto(session.app.url)
			.then((h) => h.createSheet('Поздравления: сразу дальше', 'Поздравления'));
		const { page } = sheet;
		const colleague = await session.colleague(sheet.id);
		await lateGridNews(page, true);
		for (const name of ['Лебедева Нина', 'Орлова Вера']) {
			await sheet.button('Добавить строку').click();
			await sheet.focusedEditor.waitFor();
			await page.keyboard.type(name);
			await page.keyboard.press('Enter');
		}
		await expect
			.poll(() => rowsByTitle(colleague.sheet), MOMENT)
			.toEqual([{ ФИО: 'Лебедева Нина' }, { ФИО: 'Орлова Вера' }]);

		// A value typed with Enter, and the list left at once.
		await (await sheet.cell(1, 'ФИО')).dblclick();
		await sheet.focusedEditor.waitFor();
		await page.keyboard.press('Control+a');
		await page.keyboard.type('Орлова Вера Павловна');
		await page.keyboard.press('Enter');
		await sheet.back();
		await expect
			.poll(() => rowsByTitle(colleague.sheet), MOMENT)
			.toEqual([{ ФИО: 'Лебедева Нина' }, { ФИО: 'Орлова Вера Павловна' }]);
		expect(await delayedNews(page)).toBeGreaterThan(0);
	});

	it('Ctrl+Z right after Enter undoes the value just typed, not the step before', async () => {
		const sheet = await callList('Обзвон: сразу отмена');
		const { page } = sheet;
		const colleague = await session.colleague(sheet.id);
		const cols = Object.fromEntries(colleague.sheet.columns().map((c) => [c.title, c.id]));
		colleague.sheet.addRows({ columns: [cols['ФИО']], rows: [['Лебедева Нина']] });
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(1);
		const [row] = colleague.sheet.rowIds();
		await sheet.editCell(0, 'Телефон', '89111234567');
		await expect.poll(() => colleague.sheet.getCell(row, cols['Телефон']), MOMENT).toBeTruthy();
		await page.waitForTimeout(600); // a step of its own

		await lateGridNews(page, true);
		await (await sheet.cell(0, 'Адрес')).dblclick();
		await sheet.focusedEditor.waitFor();
		await page.keyboard.type('ул. Ленина, 1');
		await page.keyboard.press('Enter');
		await page.keyboard.press('Control+z');
		await page.waitForTimeout(1000);
		expect(colleague.sheet.getCell(row, cols['Адрес'])).toBe('');
		expect(colleague.sheet.getCell(row, cols['Телефон'])).toBe('+79111234567');
		expect(await sheet.cellText(0, 'Адрес')).toBe('');
		// The step undone was the address: redo brings it back.
		await page.keyboard.press('Control+y');
		await expect
			.poll(() => colleague.sheet.getCell(row, cols['Адрес']), MOMENT)
			.toBe('ул. Ленина, 1');
		expect(colleague.sheet.getCell(row, cols['Телефон'])).toBe('+79111234567');
		expect(await delayedNews(page)).toBeGreaterThan(0);
	});

	it('a click on another cell ends the editor too: «Добавить строку» or Ctrl+Z at once take the value typed into account (found in review)', async () => {
		const anna = await session.operator('Анна');
		const sheet = await new HomePage(anna.page)
			.goto(session.app.url)
			.then((h) => h.createSheet('Поздравления: клик и дальше', 'Поздравления'));
		const { page } = sheet;
		const colleague = await session.colleague(sheet.id);
		const cols = Object.fromEntries(colleague.sheet.columns().map((c) => [c.title, c.id]));
		await sheet.addRow('Лебедева Нина');
		await expect
			.poll(() => rowsByTitle(colleague.sheet), MOMENT)
			.toEqual([{ ФИО: 'Лебедева Нина' }]);
		await page.waitForTimeout(600); // a step of its own
		await lateGridNews(page, true);
		// A resident typed, a click on another resident's cell, and «Добавить строку» at once.
		await sheet.button('Добавить строку').click();
		await sheet.focusedEditor.waitFor();
		await page.keyboard.type('Орлова Вера');
		await (await sheet.cell(0, 'ФИО')).click();
		await sheet.button('Добавить строку').click();
		await sheet.focusedEditor.waitFor();
		await page.keyboard.type('Павлова Ирина');
		await page.keyboard.press('Enter');
		await expect
			.poll(() => rowsByTitle(colleague.sheet).map((r) => r['ФИО']), MOMENT)
			.toEqual(['Лебедева Нина', 'Орлова Вера', 'Павлова Ирина']);
		await page.waitForTimeout(1000); // (no late news takes it back)
		expect(rowsByTitle(colleague.sheet).map((r) => r['ФИО'])).toEqual([
			'Лебедева Нина',
			'Орлова Вера',
			'Павлова Ирина'
		]);

		// An address typed, a click on another cell, and Ctrl+Z at once: the address is undone.
		const [row] = colleague.sheet.rowIds();
		await page.waitForTimeout(600); // a step of its own
		await (await sheet.cell(0, 'Адрес')).dblclick();
		await sheet.focusedEditor.waitFor();
		await page.keyboard.type('ул. Ленина, 1');
		await (await sheet.cell(0, 'ФИО')).click();
		await page.keyboard.press('Control+z');
		await page.waitForTimeout(1000);
		expect(colleague.sheet.getCell(row, cols['Адрес'])).toBe('');
		expect(rowsByTitle(colleague.sheet).map((r) => r['ФИО'])).toEqual([
			'Лебедева Нина',
			'Орлова Вера',
			'Павлова Ирина'
		]);
		expect(await delayedNews(page)).toBeGreaterThan(0);
	});

	it('Ctrl+C, Ctrl+D and Delete on a block right after Enter take the value just typed', async () => {
		const sheet = await callList('Обзвон: сразу клавиши');
		const { page } = sheet;
		const colleague = await session.colleague(sheet.id);
		const cols = Object.fromEntries(colleague.sheet.columns().map((c) => [c.title, c.id]));
		colleague.sheet.addRows({
			columns: [cols['ФИО'], cols['Адрес']],
			rows: [
				['Алексеева Ольга', 'ул. Старая, 1'],
				['Борисов Глеб', ''],
				['Васильева Дарья', 'ул. Старая, 3']
			]
		});
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(3);
		const addresses = () =>
			colleague.sheet.rowIds().map((id) => colleague.sheet.getCell(id, cols['Адрес']));
		const typeAddress = async (row: number, text: string) => {
			await (await sheet.cell(row, 'Адрес')).dblclick();
			await sheet.focusedEditor.waitFor();
			await page.keyboard.press('Control+a');
			await page.keyboard.type(text);
			await page.keyboard.press('Enter');
		};
		await lateGridNews(page, true);

		// The address corrected, Enter, back up and Ctrl+C: the corrected one is copied.
		await typeAddress(0, 'ул. Новая, 7');
		await page.keyboard.press('ArrowUp');
		expect(await clipboard(sheet, 'copy')).toBe('ул. Новая, 7');
		// (The grid has drawn it: a double click on a cell being drawn again opens no editor.)
		await expect.poll(() => sheet.cellText(0, 'Адрес'), MOMENT).toBe('ул. Новая, 7');

		// Typed, Enter, and Ctrl+D at once on the next resident: he gets what was typed.
		await typeAddress(0, 'ул. Садовая, 3');
		await page.keyboard.press('Control+d');
		await expect
			.poll(addresses, MOMENT)
			.toEqual(['ул. Садовая, 3', 'ул. Садовая, 3', 'ул. Старая, 3']);
		await expect.poll(() => sheet.cellText(1, 'Адрес'), MOMENT).toBe('ул. Садовая, 3');

		// Typed, Enter, a block of it and the next one, Delete: both emptied, and stay so.
		await typeAddress(1, 'ул. Лесная, 9');
		await page.keyboard.press('Shift+ArrowUp');
		await page.keyboard.press('Delete');
		await expect.poll(addresses, MOMENT).toEqual(['ул. Садовая, 3', '', '']);
		await page.waitForTimeout(1000); // (no late news brings a value back)
		expect(addresses()).toEqual(['ул. Садовая, 3', '', '']);
		expect(await delayedNews(page)).toBeGreaterThan(0);
	});

	it('a colleague deletes a row above hers: what she types at once goes to her resident', async () => {
		const sheet = await callList('Обзвон: удаление выше');
		const { page } = sheet;
		const colleague = await session.colleague(sheet.id);
		const cols = Object.fromEntries(colleague.sheet.columns().map((c) => [c.title, c.id]));
		colleague.sheet.addRows({
			columns: [cols['ФИО'], cols['Попытки']],
			rows: [
				['Алексеева Ольга', '1'],
				['Борисов Глеб', '1'],
				['Васильева Дарья', '1']
			]
		});
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(3);
		const [first, second, third] = colleague.sheet.rowIds();
		await (await sheet.cell(1, 'Попытки')).click();
		await lateGridNews(page, true);
		colleague.sheet.deleteRows([first]);
		await expect
			.poll(() => sheet.columnValues('ФИО'), MOMENT)
			.toEqual(['Борисов Глеб', 'Васильева Дарья']);
		await page.keyboard.press('F2');
		await editorOpen(page);
		await page.keyboard.press('Control+a');
		await page.keyboard.type('2');
		await page.keyboard.press('Enter');
		await expect.poll(() => colleague.sheet.getCell(second, cols['Попытки']), MOMENT).toBe('2');
		expect(colleague.sheet.getCell(third, cols['Попытки'])).toBe('1');
		expect(await delayedNews(page)).toBeGreaterThan(0);
	});
});

describe('the row the operator is on, in a filtered view (found in review)', () => {
	it('a number view «Попытки = 1» shows its rows, and the search keeps her row while she is on it', async () => {
		const sheet = await callList('Обзвон: поиск');
		const { page } = sheet;
		const colleague = await session.colleague(sheet.id);
		const cols = Object.fromEntries(colleague.sheet.columns().map((c) => [c.title, c.id]));
		colleague.sheet.addRows({
			columns: [cols['ФИО'], cols['Результат звонка'], cols['Попытки']],
			rows: [
				['Алексеева Ольга', 'не дозвонились', '1'],
				['Борисов Глеб', 'дозвонились', '2'],
				['Васильева Дарья', 'не дозвонились', '5']
			]
		});
		new SheetViews(colleague.doc).add({
			name: 'Одна попытка',
			columns: [],
			filter: { [cols['Попытки']]: { filterType: 'number', type: 'equals', filter: 1 } },
			quickFilter: ''
		});
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(3);
		await applyView(page, 'Одна попытка');
		await expect.poll(() => sheet.columnValues('ФИО'), MOMENT).toEqual(['Алексеева Ольга']);
		await page.getByRole('button', { name: 'Сбросить сортировку и фильтры' }).click();

		await page.getByRole('searchbox', { name: 'Поиск по списку' }).fill('не дозв');
		await expect
			.poll(() => sheet.columnValues('ФИО'), MOMENT)
			.toEqual(['Алексеева Ольга', 'Васильева Дарья']);
		await (await sheet.cell(0, 'Результат звонка')).click();
		await typeOnRussianKeyboard(page, 'дозв');
		await page.getByRole('listbox', { name: 'Результат звонка' }).waitFor();
		await page.keyboard.press('Tab');
		const [first, , third] = colleague.sheet.rowIds();
		await expect
			.poll(() => colleague.sheet.getCell(first, cols['Результат звонка']), MOMENT)
			.toBe('дозвонились');
		await page.keyboard.type('9');
		await page.keyboard.press('Enter');
		await expect.poll(() => colleague.sheet.getCell(first, cols['Попытки']), MOMENT).toBe('9');
		expect(colleague.sheet.getCell(third, cols['Попытки'])).toBe('5');
	});

	it('a colleague undoing the row she types in: her text is shown, no «Удалённые строки» promised', async () => {
		const sheet = await callList('Обзвон: отмена под рукой');
		const { page } = sheet;
		const colleague = await session.colleague(sheet.id);
		const cols = Object.fromEntries(colleague.sheet.columns().map((c) => [c.title, c.id]));
		const undo = colleague.sheet.createUndoManager();
		colleague.sheet.addRows({ columns: [cols['ФИО']], rows: [['Борисов Глеб']] });
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(1);
		await (await sheet.cell(0, 'Адрес')).dblclick();
		await editorOpen(page);
		await page.keyboard.type('Гражданский пр., 5');
		undoStep(undo, 'undo');
		await page
			.getByText(
				'Строки, которую вы редактировали, больше нет (коллега отменил её добавление). Вы ввели: «Гражданский пр., 5».'
			)
			.waitFor(MOMENT);
		expect(colleague.sheet.deletedRows()).toEqual([]);
	});
});

describe('Ctrl+Z never takes away a colleague’s work', () => {
	it('her own Ctrl+Z is not told as a colleague’s change over her value (found by exploration)', async () => {
		const sheet = await callList('Обзвон: своя отмена');
		const { page } = sheet;
		const colleague = await session.colleague(sheet.id);
		const cols = Object.fromEntries(colleague.sheet.columns().map((c) => [c.title, c.id]));
		await sheet.addRow('Иванова Анна Петровна');
		await expect.poll(() => colleague.sheet.rowIds().length, MOMENT).toBe(1);
		// Her next change is a step of its own (changes within 500 ms are one).
		await page.waitForTimeout(600);
		await sheet.editCell(0, 'Адрес', 'ул. Ленина, 1');
		await expect
			.poll(() => colleague.sheet.getCell(colleague.sheet.rowIds()[0], cols['Адрес']), MOMENT)
			.toBe('ул. Ленина, 1');
		await page.keyboard.press('Control+z');
		await expect
			.poll(() => colleague.sheet.getCell(colleague.sheet.rowIds()[0], cols['Адрес']), MOMENT)
			.toBe('');
		// A colleague's edit of the row a moment later does not bring the notice either.
		colleague.sheet.setCell(colleague.sheet.rowIds()[0], cols['Телефон'], '+79111234567');
		await expect.poll(() => sheet.cellText(0, 'Телефон'), MOMENT).toBe('+7 (911) 123-45-67');
		await page.waitForTimeout(300);
		expect(await page.getByText(/тоже изменил/).count()).toBe(0);
	});

	it('a request a colleague has worked on stays when its author undoes typing it', async () => {
		const sheet = await callList('Заявки: отмена');
		const { page } = sheet;
		const colleague = await session.colleague(sheet.id);
		const cols = Object.fromEntries(colleague.sheet.columns().map((c) => [c.title, c.id]));
		// Typed as a person types, the name comes more than the undo's 500 ms after the row: a
		// step of its own. (Typed at once, it joined the row's step, or not on a busy machine: the
		// test failed 1 run in 4 so, the first Ctrl+Z taking back the name alone.)
		await sheet.addRow('Иванова Анна Петровна', { keyDelay: 80 });
		await expect.poll(() => colleague.sheet.rowIds().length, MOMENT).toBe(1);
		// The coordinator notes a volunteer on it.
		const [request] = colleague.sheet.rowIds();
		colleague.sheet.setCell(request, cols['Примечание'], 'волонтёр Сергеев');
		await expect.poll(() => sheet.cellText(0, 'Примечание'), MOMENT).toBe('волонтёр Сергеев');

		// The first Ctrl+Z takes back her name; the second, her row, which stays: the coordinator
		// has worked on it.
		await (await sheet.cell(0, 'ФИО')).click();
		await page.keyboard.press('Control+z');
		await expect.poll(() => colleague.sheet.getCell(request, cols['ФИО']), MOMENT).toBe('');
		await page.keyboard.press('Control+z');
		await page
			.getByRole('status')
			.getByText(/^Строки или столбец, добавленные этим шагом, не убраны/)
			.waitFor();
		expect(await sheet.rowCount()).toBe(1);
		expect(colleague.sheet.rowIds()).toEqual([request]);
		expect(colleague.sheet.getCell(request, cols['Примечание'])).toBe('волонтёр Сергеев');

		// A row nobody else touched is undone as before.
		await sheet.addRow('Петров Пётр', { keyDelay: 80 });
		await expect.poll(() => colleague.sheet.rowIds().length, MOMENT).toBe(2);
		await (await sheet.cell(1, 'ФИО')).click();
		await page.keyboard.press('Control+z');
		await expect.poll(() => sheet.cellText(1, 'ФИО'), MOMENT).toBe('');
		await page.keyboard.press('Control+z');
		await expect.poll(() => colleague.sheet.rowIds().length, MOMENT).toBe(1);
		expect(await sheet.rowCount()).toBe(1);
	});
});
