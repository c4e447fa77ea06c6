/**
 * A hotline operator works with the keyboard all day. Found by exploration: a list opened from
 * the home page (its link, Enter) left the keyboard on the page; 36 Tabs (21 without the filter
 * row) through the header, the toolbar and every column's title reached the grid, on the row's
 * tick box, where a letter typed did nothing and Space ticked the row. The list now opens with the
 * keyboard in its search, where Enter goes to the first row's name, as «Перейти к списку» does.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { editorOpen, HomePage, SheetPage, typeOnRussianKeyboard } from './pages';
import { e2eSession, MOMENT } from './session';

const session = e2eSession();

/** The cell the keyboard is on, as «row-index:col-id» ('' when none). */
function focusedCell(page: Page): Promise<string> {
	return page.evaluate(() => {
		const cell = document.activeElement?.closest('.ag-cell');
		const row = cell?.closest('.ag-row');
		return cell ? `${row?.getAttribute('row-index')}:${cell.getAttribute('col-id')}` : '';
	});
}

describe('the keyboard reaches the list', () => {
	it('a list opened from the home page: the keyboard in its search, Enter goes to the first row’s name; «Перейти к списку» does too; in English too', async () => {
		const anna = await session.operator('Анна');
		const page = anna.page;
		const home = await new HomePage(page).goto(session.app.url);
		const sheet = await home.createSheet('Обзвон: с клавиатуры', 'Обзвон');
		await sheet.paste('new', 'ФИО', 'Иванова Мария\r\nПетров Иван\r\n');
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(2);
		const name = await sheet.columnId('ФИО');
		const back = await sheet.back();
		await back.link('Обзвон: с клавиатуры').focus();
		await page.keyboard.press('Enter');
		await sheet.ready('Обзвон: с клавиатуры');
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(2);

		// The list opens with the keyboard in its search (list-opens-in-search.test.ts); Enter
		// with nothing typed goes to the first row's name.
		const search = page.getByRole('searchbox', { name: 'Поиск по списку' });
		await expect.poll(() => search.evaluate((el) => el === document.activeElement)).toBe(true);
		await page.keyboard.press('Enter');
		await expect.poll(() => focusedCell(page), MOMENT).toBe(`0:${name}`);

		// «Перейти к списку», the page's first stop (Shift+Tab from the top, a screen reader's
		// list of links), is seen on the screen when it has the keyboard.
		const link = page.getByRole('link', { name: 'Перейти к списку' });
		await link.focus();
		const box = await link.boundingBox();
		expect(box!.y).toBeGreaterThanOrEqual(0);
		expect(box!.width).toBeGreaterThan(50);

		// The list opened anew: «Перейти к списку» and Enter go to the name, where typing writes.
		await page.reload();
		await sheet.ready('Обзвон: с клавиатуры');
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(2);
		await link.focus();
		await page.keyboard.press('Enter');
		await expect.poll(() => focusedCell(page), MOMENT).toBe(`0:${name}`);
		await page.keyboard.press('F2');
		await editorOpen(page);
		await page.keyboard.press('Escape');
		await page.keyboard.press('F1');
		const keys = page.getByRole('dialog', { name: 'Клавиши в списке' });
		await keys.waitFor();
		expect(await keys.textContent()).toContain('«Перейти к списку»');
		await page.keyboard.press('Escape');
		await keys.waitFor({ state: 'hidden' });

		// In English too.
		await page.getByRole('button', { name: 'Язык интерфейса' }).click();
		await page.reload();
		await sheet.ready('Обзвон: с клавиатуры');
		// (Its rows drawn: «Строк:» is «Rows:» now.)
		await page.getByRole('gridcell', { name: 'Петров Иван' }).waitFor();
		const english = page.getByRole('link', { name: 'Go to the list' });
		await english.focus();
		await page.keyboard.press('Enter');
		await expect.poll(() => focusedCell(page), MOMENT).toBe(`0:${name}`);

		// F1 names the way in both languages.
		await page.keyboard.press('F1');
		const englishKeys = page.getByRole('dialog', { name: 'Keys in a list' });
		await englishKeys.waitFor();
		expect(await englishKeys.textContent()).toContain('“Go to the list”');
	});
});

describe('Tab along the rows', () => {
	it('from a row’s last cell goes to the next row’s name, not its tick box; Shift+Tab back mirrors it', async () => {
		// Found by exploration (left open in a1228e2): Tab from a row's last cell went to the next
		// row's tick box, where a letter did nothing and Space ticked the row.
		const anna = await session.operator('Анна');
		const page = anna.page;
		const home = await new HomePage(page).goto(session.app.url);
		const sheet = await home.createSheet('Дела штаба: Tab', 'Другое');
		await sheet.paste('new', 'Название', 'Купить воду\tв пятницу\r\nОбзвонить волонтёров\t\r\n');
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(2);
		const name = await sheet.columnId('Название');
		const notes = await sheet.columnId('Примечание');

		await (await sheet.cell(0, 'Название')).click();
		await expect.poll(() => focusedCell(page), MOMENT).toBe(`0:${name}`);
		await page.keyboard.press('Tab');
		await expect.poll(() => focusedCell(page), MOMENT).toBe(`0:${notes}`);
		await page.keyboard.press('Tab');
		await expect.poll(() => focusedCell(page), MOMENT).toBe(`1:${name}`);
		// A letter there writes the name, as on any cell of the list.
		await page.keyboard.press('F2');
		await editorOpen(page);
		await page.keyboard.press('Escape');

		// Shift+Tab: back to the row before's last cell, then along it.
		await page.keyboard.press('Shift+Tab');
		await expect.poll(() => focusedCell(page), MOMENT).toBe(`0:${notes}`);
		await page.keyboard.press('Shift+Tab');
		await expect.poll(() => focusedCell(page), MOMENT).toBe(`0:${name}`);
		// Nothing ticked on the way.
		expect(await page.locator('.ag-row-selected').count()).toBe(0);
	});
});

describe('a list made and left with the keyboard alone', () => {
	it('Enter in the search of a list with no rows goes to the «+» line, where the first resident is typed', async () => {
		// Found by walking with the keyboard alone: a list just made opens in its search, and Enter
		// there did nothing; the name typed next went into the search, the «+» line five Tabs away.
		const anna = await session.operator('Анна');
		const page = anna.page;
		const home = await new HomePage(page).goto(session.app.url);
		const sheet = await home.createSheet('Обзвон: первый житель', 'Обзвон');
		const name = await sheet.columnId('ФИО');
		// From here on the keyboard alone, as the list opens.
		await page.reload();
		await sheet.ready('Обзвон: первый житель');
		const search = page.getByRole('searchbox', { name: 'Поиск по списку' });
		await expect.poll(() => search.evaluate((el) => el === document.activeElement)).toBe(true);
		await page.keyboard.press('Enter');
		await expect.poll(() => focusedCell(page), MOMENT).toBe(`b-0:${name}`);
		await typeOnRussianKeyboard(page, 'Иванова Мария');
		await page.keyboard.press('Enter');
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(1);
		await expect.poll(() => sheet.columnValues('ФИО'), MOMENT).toEqual(['Иванова Мария']);
		expect(await search.inputValue()).toBe('');

		// A search that finds no one keeps the keyboard in the box (to type on), as before.
		await page.keyboard.press('Control+f');
		await typeOnRussianKeyboard(page, 'Петров');
		await expect.poll(() => page.getByRole('gridcell', { name: 'Иванова Мария' }).count()).toBe(0);
		await page.keyboard.press('Enter');
		await expect.poll(() => search.evaluate((el) => el === document.activeElement)).toBe(true);
		expect(await focusedCell(page)).toBe('');
	});

	it('back from a list to «Списки штаба», the keyboard is on that list’s link, not on the page', async () => {
		// Found by walking with the keyboard alone: «← Все списки» left the keyboard on the page,
		// and the next Tab began again at the header, eight stops from the lists.
		const anna = await session.operator('Анна');
		const page = anna.page;
		const home = await new HomePage(page).goto(session.app.url);
		await home.createSheet('Обзвон: первый', 'Обзвон');
		await home.open();
		await home.createSheet('Заявки: второй', 'Заявки');
		// From here on the keyboard alone: the list of lists opens with the keyboard on the page.
		await home.goto(session.app.url);
		const focusedText = () =>
			page.evaluate(() =>
				document.activeElement === document.body
					? '(the page)'
					: (document.activeElement?.textContent?.trim() ?? '')
			);
		for (let i = 0; i < 20 && (await focusedText()) !== 'Заявки: второй'; i++) {
			await page.keyboard.press('Tab');
		}
		expect(await focusedText()).toBe('Заявки: второй');
		await page.keyboard.press('Enter');
		const sheet = new SheetPage(page);
		await sheet.ready('Заявки: второй');
		// The search (as it opens), «Виды», the toolbar (one stop), «← Все списки».
		await page.keyboard.press('Shift+Tab');
		await page.keyboard.press('Shift+Tab');
		await page.keyboard.press('Shift+Tab');
		expect(await focusedText()).toBe('← Все списки');
		await page.keyboard.press('Enter');
		await page.getByRole('heading', { name: 'Списки штаба' }).waitFor();
		await expect.poll(focusedText, MOMENT).toBe('Заявки: второй');
		// Enter opens it again; the browser's Back (Alt+←) comes back to its link too.
		await page.keyboard.press('Enter');
		await sheet.ready('Заявки: второй');
		await page.goBack();
		await page.getByRole('heading', { name: 'Списки штаба' }).waitFor();
		await expect.poll(focusedText, MOMENT).toBe('Заявки: второй');
	});
});
