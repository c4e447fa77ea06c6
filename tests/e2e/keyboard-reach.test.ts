/**
 * An operator who works with the keyboard sees where it is, and gets from the list back to the
 * buttons above it. Found by exploration (helper U2): on the blue header the focus ring was the
 * header's own blue, so Tab onto «English», the operator's name or «Штаб» showed nothing (and on a
 * notice's dark grey, «Отменить» had a ring of 2.3:1); and from a resident deep in the list the
 * only way back to the toolbar without the mouse was Ctrl+Home, losing her place, then Shift+Tab.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { EDITOR, editorOpen, HomePage } from './pages';
import { e2eSession, MOMENT } from './session';
import { screenshot } from './setup';

const session = e2eSession();

/**
 * The focused element's ring against what is behind it (`behind`, the nearest ancestor it is
 * drawn on): its style, width in px, and the contrast ratio of the two colours (WCAG's formula).
 */
function ring(
	page: Page,
	behind: string
): Promise<{ style: string; width: number; ratio: number }> {
	return page.evaluate((behind) => {
		const el = document.activeElement as HTMLElement;
		const css = getComputedStyle(el);
		const back = getComputedStyle(el.closest(behind)!).backgroundColor;
		const luminance = (color: string) => {
			const [r, g, b] = color
				.match(/[\d.]+/g)!
				.slice(0, 3)
				.map(Number);
			const lin = (c: number) => {
				const s = c / 255;
				return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
			};
			return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
		};
		const [a, b] = [luminance(css.outlineColor), luminance(back)].sort((x, y) => y - x);
		return {
			style: css.outlineStyle,
			width: parseFloat(css.outlineWidth),
			ratio: Math.round(((a + 0.05) / (b + 0.05)) * 100) / 100
		};
	}, behind);
}

const focused = (locator: Locator) => locator.evaluate((el) => el === document.activeElement);

/** The cell the keyboard is on, as «row-index:col-id» ('' when none). */
function focusedCell(page: Page): Promise<string> {
	return page.evaluate(() => {
		const cell = document.activeElement?.closest('.ag-cell');
		const row = cell?.closest('.ag-row');
		return cell ? `${row?.getAttribute('row-index')}:${cell.getAttribute('col-id')}` : '';
	});
}

describe('the keyboard is seen, and gets back to the buttons', () => {
	it('Tab onto the header’s controls and a notice’s «Отменить» shows a ring that stands out (3:1 at least)', async () => {
		const anna = await session.operator('Анна');
		const page = anna.page;
		const home = await new HomePage(page).goto(session.app.url);
		for (const name of ['Штаб', 'Анна', 'English (Язык интерфейса)']) {
			await page.keyboard.press('Tab');
			const control = page.getByRole(name === 'Штаб' ? 'link' : 'button', { name, exact: true });
			expect(await focused(control)).toBe(true);
			const shown = await ring(page, 'header');
			expect(shown.style).toBe('solid');
			expect(shown.width).toBeGreaterThanOrEqual(2);
			expect(shown.ratio, name).toBeGreaterThanOrEqual(3);
		}

		// A list deleted from the keyboard: «Отменить» on the notice, reached with Tab.
		await home.createSheet('Обзвон: кольцо', 'Обзвон');
		await page.getByRole('link', { name: '← Все списки' }).click();
		await home.heading.waitFor();
		await page.getByRole('button', { name: 'Удалить: Обзвон: кольцо', exact: true }).focus();
		await page.keyboard.press('Enter');
		const dialog = page.getByRole('dialog', { name: 'Удалить' });
		await dialog.waitFor();
		await dialog.getByRole('button', { name: 'Удалить', exact: true }).focus();
		await page.keyboard.press('Enter');
		await home.link('Обзвон: кольцо').waitFor({ state: 'detached' });
		const undo = page.getByRole('status').getByRole('button', { name: 'Отменить', exact: true });
		for (let i = 0; i < 10 && !(await focused(undo)); i++) await page.keyboard.press('Tab');
		expect(await focused(undo)).toBe(true);
		const shown = await ring(page, '.toast');
		expect(shown.style).toBe('solid');
		expect(shown.ratio).toBeGreaterThanOrEqual(3);
		await page.keyboard.press('Enter');
		await home.link('Обзвон: кольцо').waitFor();
	});

	it('F6 takes the keyboard from a cell to the toolbar and back to the same cell; Shift+F6 too; F1 says so in both languages', async () => {
		const anna = await session.operator('Анна');
		const page = anna.page;
		const home = await new HomePage(page).goto(session.app.url);
		const sheet = await home.createSheet('Обзвон: к кнопкам', 'Обзвон');
		await sheet.paste('new', 'ФИО', 'Иванова Мария\r\nПетров Иван\r\nСидорова Анна\r\n');
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(3);
		const phone = await sheet.columnId('Телефон');

		// On Петров Иван's phone, from the keyboard.
		await (await sheet.cell(1, 'ФИО')).click();
		await page.keyboard.press('ArrowRight');
		await expect.poll(() => focusedCell(page), MOMENT).toBe(`1:${phone}`);
		await page.keyboard.press('F6');
		const addRow = sheet.button('Добавить строку');
		await expect.poll(() => focused(addRow), MOMENT).toBe(true);
		// Seen: the ring of a keyboard's focus.
		expect((await ring(page, '.sheet-page')).style).toBe('solid');
		// Along the toolbar (→) to «Импорт CSV», and back to the resident's phone.
		const importButton = sheet.button('Импорт CSV');
		for (let i = 0; i < 10 && !(await focused(importButton)); i++)
			await page.keyboard.press('ArrowRight');
		expect(await focused(importButton)).toBe(true);
		await page.keyboard.press('F6');
		await expect.poll(() => focusedCell(page), MOMENT).toBe(`1:${phone}`);

		// Shift+F6 goes to the control she was on last, «Импорт CSV»; from the view bar's search,
		// F6 goes back as well.
		await page.keyboard.press('ArrowDown');
		await expect.poll(() => focusedCell(page), MOMENT).toBe(`2:${phone}`);
		await page.keyboard.press('Shift+F6');
		await expect.poll(() => focused(importButton), MOMENT).toBe(true);
		await page.keyboard.press('Control+f');
		const search = page.getByRole('searchbox', { name: 'Поиск по списку' });
		expect(await focused(search)).toBe(true);
		await page.keyboard.press('F6');
		await expect.poll(() => focusedCell(page), MOMENT).toBe(`2:${phone}`);

		// The keys' list names it, in Russian and in English.
		await page.keyboard.press('F1');
		const keys = page.getByRole('dialog', { name: 'Клавиши в списке' });
		await keys.waitFor();
		expect(await keys.textContent()).toContain('F6, Shift+F6');
		expect(await keys.textContent()).toContain('из списка к кнопкам над ним');
		expect(await keys.textContent()).toContain('по пути — к уведомлению под списком');
		await page.keyboard.press('Escape');
		await keys.waitFor({ state: 'hidden' });
		await page.getByRole('button', { name: 'English (Язык интерфейса)' }).click();
		await page.keyboard.press('F1');
		const english = page.getByRole('dialog', { name: 'Keys in a list' });
		await english.waitFor();
		expect(await english.textContent()).toContain('from the list to the buttons above it');
		expect(await english.textContent()).toContain('on the way, to a notice under the list');
		await page.keyboard.press('Escape');
	});

	it('a notice under the grid that offers «Отменить» is in the keyboard’s reach: F6 stops there (found in review)', async () => {
		const anna = await session.operator('Анна');
		const page = anna.page;
		const home = await new HomePage(page).goto(session.app.url);
		const sheet = await home.createSheet('Обзвон: уведомление', 'Обзвон');
		await sheet.paste('new', 'ФИО', 'Иванова Мария\r\nПетров Иван\r\nСидорова Анна\r\n');
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(3);
		const name = await sheet.columnId('ФИО');
		const note = await sheet.columnId('Примечание');

		// Сидорова Анна deleted: the notice under the grid offers «Отменить» for a while.
		await sheet.selectRows([2]);
		await sheet.deleteSelectedRows();
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(2);
		const undo = sheet.toastButton('Отменить');
		await undo.waitFor();
		// Tab past the «+» line goes round the line, never down to the notice.
		await (await sheet.newRowCell('Примечание')).click();
		await page.keyboard.press('Tab');
		await expect.poll(() => focusedCell(page), MOMENT).toBe(`b-0:${name}`);
		await page.keyboard.press('Escape');
		// F6 from a cell stops at the notice's «Отменить» (it went to the toolbar, the notice out of
		// the keyboard's reach), its ring white; Shift+F6 goes back to the cell.
		await (await sheet.cell(0, 'Примечание')).click();
		await page.keyboard.press('F6');
		await expect.poll(() => focused(undo), MOMENT).toBe(true);
		const seen = await ring(page, '.toast');
		expect(seen.style).toBe('solid');
		expect(seen.ratio).toBeGreaterThanOrEqual(3);
		await page.keyboard.press('Shift+F6');
		await expect.poll(() => focusedCell(page), MOMENT).toBe(`0:${note}`);
		// F6, Enter: the row is back; the notice gone, the keyboard is back on the cell.
		await page.keyboard.press('F6');
		await expect.poll(() => focused(undo), MOMENT).toBe(true);
		await page.keyboard.press('Enter');
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(3);
		await expect.poll(() => focusedCell(page), MOMENT).toBe(`0:${note}`);
		// From the notice, F6 goes on to the toolbar (in the page's order, round).
		await sheet.selectRows([2]);
		await sheet.deleteSelectedRows();
		await undo.waitFor();
		await (await sheet.cell(1, 'ФИО')).click();
		await page.keyboard.press('F6');
		await expect.poll(() => focused(undo), MOMENT).toBe(true);
		await page.keyboard.press('F6');
		const inToolbar = () => page.evaluate(() => !!document.activeElement?.closest('.toolbar'));
		await expect.poll(inToolbar, MOMENT).toBe(true);
		await page.keyboard.press('F6');
		await expect.poll(() => focusedCell(page), MOMENT).toBe(`1:${name}`);
	});

	it('a notice the keyboard is on stays past its time, and goes a moment after she leaves it (found in review)', async () => {
		const anna = await session.operator('Анна');
		const page = anna.page;
		const home = await new HomePage(page).goto(session.app.url);
		const sheet = await home.createSheet('Обзвон: уведомление ждёт', 'Обзвон');
		await sheet.paste('new', 'ФИО', 'Иванова Мария\r\nПетров Иван\r\n');
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(2);
		const note = await sheet.columnId('Примечание');
		await sheet.selectRows([1]);
		await sheet.deleteSelectedRows();
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(1);
		const undo = sheet.toastButton('Отменить');
		await undo.waitFor();
		await (await sheet.cell(0, 'Примечание')).click();
		await page.keyboard.press('F6');
		await expect.poll(() => focused(undo), MOMENT).toBe(true);
		// Past the notice's 10 seconds, the keyboard still on «Отменить»: it is there, and Enter
		// undoes (it went at 10 s, and her Enter opened the cell's editor instead).
		await page.waitForTimeout(11_000);
		expect(await focused(undo)).toBe(true);
		await page.keyboard.press('Enter');
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(2);
		expect(await page.locator(EDITOR).count()).toBe(0);
		await expect.poll(() => focusedCell(page), MOMENT).toBe(`0:${note}`);
		// Another notice, the keyboard on it past its time, then back to the cell: it goes soon.
		await sheet.selectRows([1]);
		await sheet.deleteSelectedRows();
		await undo.waitFor();
		await page.keyboard.press('F6');
		await expect.poll(() => focused(undo), MOMENT).toBe(true);
		await page.waitForTimeout(11_000);
		await expect(undo.isVisible()).resolves.toBe(true);
		await page.keyboard.press('Shift+F6');
		await expect.poll(() => focusedCell(page), MOMENT).not.toBe('');
		await expect.poll(() => undo.isVisible(), { timeout: 9_000 }).toBe(false);
		expect(await sheet.rowCount()).toBe(1);
	});

	it('F6 from a note being written, or from a choice list, stores what she typed and closes the editor (found in review)', async () => {
		const anna = await session.operator('Анна');
		const page = anna.page;
		const home = await new HomePage(page).goto(session.app.url);
		const sheet = await home.createSheet('Обзвон: заметка', 'Обзвон');
		await sheet.paste('new', 'ФИО', 'Иванова Мария\r\nПетров Иван\r\n');
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(2);
		const note = await sheet.columnId('Примечание');
		const editors = () => page.locator(EDITOR).count();

		// A note (its editor a popup over the grid), F6: the note is stored and the editor gone (it
		// stayed open over the grid, the note unstored, and back in the cell her next key went
		// nowhere).
		await (await sheet.cell(0, 'Примечание')).click();
		await page.keyboard.press('F2');
		await editorOpen(page);
		await page.keyboard.type('перезвонить в 18');
		await page.keyboard.press('F6');
		await expect.poll(() => focused(sheet.button('Добавить строку')), MOMENT).toBe(true);
		await expect.poll(editors, MOMENT).toBe(0);
		await expect
			.poll(() => sheet.rows(['ФИО', 'Примечание']), MOMENT)
			.toEqual([
				{ ФИО: 'Иванова Мария', Примечание: 'перезвонить в 18' },
				{ ФИО: 'Петров Иван', Примечание: '' }
			]);
		await page.keyboard.press('F6');
		await expect.poll(() => focusedCell(page), MOMENT).toBe(`0:${note}`);

		// A choice list open: F6 closes it too.
		await (await sheet.cell(1, 'Результат звонка')).click();
		await page.keyboard.press('Alt+ArrowDown');
		await editorOpen(page);
		await page.keyboard.press('F6');
		await expect.poll(() => focused(sheet.button('Добавить строку')), MOMENT).toBe(true);
		await expect.poll(editors, MOMENT).toBe(0);
	});
});

/** The text of the control the keyboard is on, or «BODY» when it fell to the page. */
const onControl = (page: Page) =>
	page.evaluate(() => {
		const el = document.activeElement;
		if (!el || el === document.body) return 'BODY';
		return (el.textContent ?? '').trim() || (el.getAttribute('aria-label') ?? el.tagName);
	});

describe('the toolbar, choice lists and notices from the keyboard', () => {
	it('the toolbar is one Tab stop: ←/→, Home and End go along it past disabled buttons, Tab goes on; F6 comes back to the one used last', async () => {
		const anna = await session.operator('Анна');
		const page = anna.page;
		const home = await new HomePage(page).goto(session.app.url);
		const sheet = await home.createSheet('Обзвон: панель', 'Обзвон');
		await sheet.paste('new', 'ФИО', 'Иванова Мария\r\nПетров Иван\r\n');
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(2);
		const name = await sheet.columnId('ФИО');
		await (await sheet.cell(0, 'ФИО')).click();
		await page.keyboard.press('F6');
		await expect.poll(() => onControl(page), MOMENT).toBe('Добавить строку');
		// Tab leaves the toolbar at once (it went to «Добавить столбец», and on through all nine).
		await page.keyboard.press('Tab');
		expect(await page.evaluate(() => !!document.activeElement?.closest('.toolbar'))).toBe(false);
		await page.keyboard.press('Shift+Tab');
		expect(await onControl(page)).toBe('Добавить строку');
		// → goes along, past «Удалить строки» and «Заполнить столбец…» (disabled: no row ticked).
		await page.keyboard.press('ArrowRight');
		expect(await onControl(page)).toBe('Добавить столбец');
		await page.keyboard.press('ArrowRight');
		expect(await onControl(page)).toBe('Отменить');
		await screenshot(page, 'keyboard-toolbar-arrows');
		expect((await ring(page, '.sheet-page')).style).toBe('solid');
		await page.keyboard.press('End');
		expect(await onControl(page)).toBe('Экспорт CSV');
		await page.keyboard.press('ArrowRight');
		expect(await onControl(page)).toBe('Добавить строку');
		await page.keyboard.press('ArrowLeft');
		expect(await onControl(page)).toBe('Экспорт CSV');
		await page.keyboard.press('ArrowLeft');
		expect(await onControl(page)).toBe('Импорт CSV');
		// The toolbar's one Tab stop is now the control used last: Tab out and Shift+Tab back.
		await page.keyboard.press('Tab');
		await page.keyboard.press('Shift+Tab');
		expect(await onControl(page)).toBe('Импорт CSV');
		const stops = await page.evaluate(
			() =>
				[...document.querySelectorAll<HTMLElement>('.toolbar button')].filter(
					(b) => b.tabIndex === 0 && !b.closest('dialog')
				).length
		);
		expect(stops).toBe(1);
		// F6 to the cell, F6 back: on «Импорт CSV»; Home there goes to the first.
		await page.keyboard.press('F6');
		await expect.poll(() => focusedCell(page), MOMENT).toBe(`0:${name}`);
		await page.keyboard.press('F6');
		await expect.poll(() => onControl(page), MOMENT).toBe('Импорт CSV');
		await page.keyboard.press('Home');
		expect(await onControl(page)).toBe('Добавить строку');
		// A ticked row enables «Удалить строки»: → now stops there.
		await sheet.selectRows([1]);
		await sheet.button('Добавить столбец').focus();
		await page.keyboard.press('ArrowRight');
		expect(await onControl(page)).toMatch(/^Удалить строки/);
		// The search field keeps its arrows (the caret moves in it).
		await page.keyboard.press('Control+f');
		await page.keyboard.type('Пет');
		await page.keyboard.press('ArrowLeft');
		expect(
			await page.evaluate(() => (document.activeElement as HTMLInputElement).selectionStart)
		).toBe(2);

		// F1 says so, in Russian and in English.
		await page.keyboard.press('F1');
		const keys = page.getByRole('dialog', { name: 'Клавиши в списке' });
		await keys.waitFor();
		expect(await keys.textContent()).toContain('← →, Home, End');
		expect(await keys.textContent()).toContain('от кнопки к кнопке');
		expect(await keys.textContent()).toContain('после неё — обратно, где были');
		await page.keyboard.press('Escape');
		await keys.waitFor({ state: 'hidden' });
		await page.getByRole('button', { name: 'English (Язык интерфейса)' }).click();
		await page.keyboard.press('F1');
		const english = page.getByRole('dialog', { name: 'Keys in a list' });
		await english.waitFor();
		expect(await english.textContent()).toContain('from button to button');
		expect(await english.textContent()).toContain('after it, back to where you were');
		await page.keyboard.press('Escape');
	});

	it('Tab from the toolbar reaches her cell past the column titles; ↑ reaches a title, and Tab there goes back down', async () => {
		const anna = await session.operator('Анна');
		const page = anna.page;
		const home = await new HomePage(page).goto(session.app.url);
		const sheet = await home.createSheet('Обзвон: заголовки', 'Обзвон');
		await sheet.paste('new', 'ФИО', 'Иванова Мария\r\nПетров Иван\r\nСидорова Анна\r\n');
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(3);
		const name = await sheet.columnId('ФИО');
		const phone = await sheet.columnId('Телефон');
		const onTitle = () => page.evaluate(() => !!document.activeElement?.closest('.ag-header-cell'));

		// On Петров Иван's phone; F6 to the toolbar, then Tab: the view bar's controls, then her
		// cell, no column title on the way (each of the twelve was a Tab stop, 23 Tabs in all).
		await (await sheet.cell(1, 'Телефон')).click();
		await expect.poll(() => focusedCell(page), MOMENT).toBe(`1:${phone}`);
		await page.keyboard.press('F6');
		await expect.poll(() => onControl(page), MOMENT).toBe('Добавить строку');
		let tabs = 0;
		const titles: string[] = [];
		while (tabs < 30 && !(await focusedCell(page))) {
			await page.keyboard.press('Tab');
			tabs++;
			if (await onTitle()) titles.push(await onControl(page));
		}
		expect(titles).toEqual([]);
		expect(tabs).toBeLessThanOrEqual(8);
		expect(await focusedCell(page)).toBe(`1:${phone}`);

		// ↑ from the first row reaches the column's title; Tab there goes down to the list again.
		await (await sheet.cell(0, 'ФИО')).click();
		await page.keyboard.press('ArrowUp');
		await expect.poll(onTitle, MOMENT).toBe(true);
		expect(await onControl(page)).toContain('ФИО');
		await screenshot(page, 'keyboard-column-title');
		await page.keyboard.press('Tab');
		await expect.poll(() => focusedCell(page), MOMENT).toBe(`0:${name}`);
		// Shift+Tab on a title leaves the grid upwards, not title by title.
		await page.keyboard.press('ArrowUp');
		await expect.poll(onTitle, MOMENT).toBe(true);
		await page.keyboard.press('Shift+Tab');
		expect(
			await page.evaluate(() => !!document.activeElement?.closest('.sheet-page .view-bar'))
		).toBe(true);
	});

	it('a notice’s «Отменить» or × gives the keyboard back to the cell or the control she came from, not to the page', async () => {
		const anna = await session.operator('Анна');
		const page = anna.page;
		const home = await new HomePage(page).goto(session.app.url);
		const sheet = await home.createSheet('Обзвон: назад', 'Обзвон');
		await sheet.paste('new', 'ФИО', 'Иванова Мария\r\nПетров Иван\r\nСидорова Анна\r\n');
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(3);
		const name = await sheet.columnId('ФИО');
		const phone = await sheet.columnId('Телефон');
		const undo = sheet.toastButton('Отменить');

		// F6 from a cell to the notice, Enter: the row back, the keyboard on the cell (it was on
		// the page, the next key going nowhere).
		await sheet.selectRows([2]);
		await sheet.deleteSelectedRows();
		await undo.waitFor();
		await (await sheet.cell(0, 'ФИО')).click();
		await page.keyboard.press('F6');
		await expect.poll(() => focused(undo), MOMENT).toBe(true);
		await page.keyboard.press('Enter');
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(3);
		await expect.poll(() => focusedCell(page), MOMENT).toBe(`0:${name}`);
		await screenshot(page, 'keyboard-notice-undo-back-to-cell');
		// The grid's own mark of the cell with the keyboard.
		expect(
			await page.evaluate(() => document.activeElement?.classList.contains('ag-cell-focus'))
		).toBe(true);

		// A click on «Отменить» from a cell: back to that cell.
		await sheet.selectRows([2]);
		await sheet.deleteSelectedRows();
		await undo.waitFor();
		await (await sheet.cell(1, 'Телефон')).click();
		await undo.click();
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(3);
		await expect.poll(() => focusedCell(page), MOMENT).toBe(`1:${phone}`);

		// Shift+F6 from the toolbar to the notice, its ×: back to the toolbar's control.
		await sheet.selectRows([2]);
		await sheet.deleteSelectedRows();
		await undo.waitFor();
		await sheet.button('История').focus();
		await page.keyboard.press('Shift+F6');
		await expect.poll(() => focused(undo), MOMENT).toBe(true);
		await page.keyboard.press('Tab');
		expect(await onControl(page)).toBe('×');
		await page.keyboard.press('Enter');
		await undo.waitFor({ state: 'detached' });
		await expect.poll(() => onControl(page), MOMENT).toBe('История');
		expect(await sheet.rowCount()).toBe(2);

		// The home page: a list deleted, its notice's × from the keyboard; not the page either.
		await page.getByRole('link', { name: '← Все списки' }).click();
		await home.heading.waitFor();
		await page.getByRole('button', { name: 'Удалить: Обзвон: назад', exact: true }).focus();
		await page.keyboard.press('Enter');
		const dialog = page.getByRole('dialog', { name: 'Удалить' });
		await dialog.waitFor();
		await dialog.getByRole('button', { name: 'Удалить', exact: true }).focus();
		await page.keyboard.press('Enter');
		await home.link('Обзвон: назад').waitFor({ state: 'detached' });
		const close = page.getByRole('status').getByRole('button', { name: '×', exact: true });
		for (let i = 0; i < 10 && !(await focused(close)); i++) await page.keyboard.press('Tab');
		expect(await focused(close)).toBe(true);
		await page.keyboard.press('Enter');
		await close.waitFor({ state: 'detached' });
		await expect.poll(() => onControl(page), MOMENT).not.toBe('BODY');
		await screenshot(page, 'keyboard-home-notice-closed');
	});

	it('in an open choice list, the names or a date, the option marked is stored by F6 and by Tab as by Enter', async () => {
		const anna = await session.operator('Анна');
		const page = anna.page;
		const home = await new HomePage(page).goto(session.app.url);
		const sheet = await home.createSheet('Обзвон: выбор', 'Обзвон');
		await sheet.paste('new', 'ФИО', 'Иванова Мария\r\nПетров Иван\r\n');
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(2);
		const editors = () => page.locator(EDITOR).count();
		const options = () =>
			page.locator('.shtab-choice-option').evaluateAll((items) => items.map((i) => i.textContent));

		// The names: ↓ marks hers, F6 stores it (before a call's outcome, which writes her name).
		await (await sheet.cell(0, 'Оператор')).click();
		await page.keyboard.press('F2');
		await editorOpen(page);
		await page.keyboard.press('ArrowDown');
		await page.keyboard.press('F6');
		await expect.poll(editors, MOMENT).toBe(0);
		await expect
			.poll(() => sheet.rows(['Оператор']), MOMENT)
			.toEqual([{ Оператор: 'Анна' }, { Оператор: '' }]);
		await page.keyboard.press('F6');

		// ↓↓ onto the second option, F6: it is stored, the list closed, the keyboard on the toolbar.
		await (await sheet.cell(0, 'Результат звонка')).click();
		await page.keyboard.press('Alt+ArrowDown');
		await editorOpen(page);
		const [, first, second] = await options();
		await page.keyboard.press('ArrowDown');
		await page.keyboard.press('ArrowDown');
		await page.keyboard.press('F6');
		await expect.poll(() => focused(sheet.button('Добавить строку')), MOMENT).toBe(true);
		await expect.poll(editors, MOMENT).toBe(0);
		await expect
			.poll(() => sheet.rows(['Результат звонка']), MOMENT)
			.toEqual([{ 'Результат звонка': second }, { 'Результат звонка': '' }]);
		await page.keyboard.press('F6');

		// Tab: stored as well, the keyboard on to the next cell.
		await (await sheet.cell(1, 'Результат звонка')).click();
		await page.keyboard.press('Alt+ArrowDown');
		await editorOpen(page);
		await page.keyboard.press('ArrowDown');
		await page.keyboard.press('Tab');
		await expect
			.poll(() => sheet.rows(['Результат звонка']), MOMENT)
			.toEqual([{ 'Результат звонка': second }, { 'Результат звонка': first }]);
		await page.keyboard.press('Escape');
		await expect.poll(editors, MOMENT).toBe(0);

		// A date typed: F6 stores it.
		await (await sheet.cell(1, 'Дата рождения')).click();
		await page.keyboard.type('01.02.1940');
		await page.keyboard.press('F6');
		await expect.poll(editors, MOMENT).toBe(0);
		await expect
			.poll(() => sheet.rows(['Дата рождения']), MOMENT)
			.toEqual([{ 'Дата рождения': '' }, { 'Дата рождения': '01.02.1940' }]);
	});
});
