/**
 * A list opens with the keyboard in its search. Found last session: after opening a list the
 * keyboard stayed on the page until Tab, so a hotline operator answering a call could not start
 * typing the caller's name at once. The search, not the first cell: there a name typed would have
 * replaced the first resident's. Enter (or ↓) goes on from the search to the resident found, or to
 * the first row when nothing is typed.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { HomePage } from './pages';
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

const focusedLabel = (page: Page) =>
	page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');

describe('a list opens with the keyboard in its search', () => {
	it('from the home page and on a reload, in Russian and in English: typed at once, Enter goes to the resident', async () => {
		const anna = await session.operator('Анна', { viewport: { width: 1024, height: 640 } });
		const page = anna.page;
		const home = await new HomePage(page).goto(session.app.url);
		const sheet = await home.createSheet('Горячая линия: жители', 'Обзвон');
		await sheet.paste('new', 'ФИО', 'Иванова Мария\r\nПетров Иван\r\nСидоров Пётр\r\n');
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(3);
		const name = await sheet.columnId('ФИО');
		const back = await sheet.back();

		// Opened with the keyboard from the home page: the caller's name typed at once.
		await back.link('Горячая линия: жители').focus();
		await page.keyboard.press('Enter');
		await sheet.ready('Горячая линия: жители');
		await expect.poll(() => focusedLabel(page), MOMENT).toBe('Поиск по списку');
		await page.keyboard.type('Петров');
		await expect.poll(() => page.getByRole('gridcell', { name: 'Иванова Мария' }).count()).toBe(0);
		await page.keyboard.press('Enter');
		await expect.poll(() => focusedCell(page), MOMENT).toBe(`0:${name}`);
		expect(await sheet.cellText(0, 'ФИО')).toBe('Петров Иван');

		// Opened anew, the search kept from before: selected, the next caller's name replaces it.
		await page.reload();
		await sheet.ready('Горячая линия: жители');
		await expect.poll(() => focusedLabel(page), MOMENT).toBe('Поиск по списку');
		await page.keyboard.type('Сидоров');
		expect(await page.getByRole('searchbox').inputValue()).toBe('Сидоров');
		// Nothing typed: Enter goes to the first row's name.
		await page.keyboard.press('Control+a');
		await page.keyboard.press('Backspace');
		await expect.poll(() => sheet.columnValues('ФИО')).toHaveLength(3);
		await page.keyboard.press('Enter');
		await expect.poll(() => focusedCell(page), MOMENT).toBe(`0:${name}`);

		// In English too.
		await page.getByRole('button', { name: 'Язык интерфейса' }).click();
		await page.reload();
		await sheet.ready('Горячая линия: жители');
		await expect.poll(() => focusedLabel(page), MOMENT).toBe('Search the list');
	});
});
