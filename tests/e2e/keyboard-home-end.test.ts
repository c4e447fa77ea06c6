/**
 * Home and End as in Excel and LibreOffice, which the operators know (exploration found AG Grid's
 * own: Home took her to the top-left corner of the sheet, End to its bottom-right, and Ctrl+Home
 * or Ctrl+End did not move the focus at all):
 * - Home: the first column of her row (the frozen first column counts), End: its last column,
 *   the grid scrolled sideways to it;
 * - Ctrl+Home: the first cell of the first row, Ctrl+End: the last cell of the last row;
 * - with Shift the block is stretched the same way;
 * - in an open editor they move the text caret, nothing else.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { editorClosed, editorOpen, HomePage, SheetPage } from './pages';
import { e2eSession, MOMENT } from './session';

const session = e2eSession();

const ROWS = 60;

/**
 * A call list of `ROWS` residents (added by a colleague, at once) and the ids of its columns by
 * title.
 */
async function callList(title: string): Promise<{ sheet: SheetPage; ids: Record<string, string> }> {
	const anna = await session.operator('Анна');
	const sheet = await new HomePage(anna.page)
		.goto(session.app.url)
		.then((h) => h.createSheet(title));
	const colleague = await session.colleague(sheet.id);
	const columns = colleague.sheet.columns();
	const ids = Object.fromEntries(columns.map((c) => [c.title, c.id]));
	colleague.sheet.addRows({
		columns: [ids['ФИО'], ids['Примечание']],
		rows: Array.from({ length: ROWS }, (_, i) => [`Р${i}`, `примечание ${i}`])
	});
	await expect.poll(() => sheet.rowCount(), MOMENT).toBe(ROWS);
	return { sheet, ids };
}

/**
 * The cell with the keyboard focus: its row (`b-0` for the «+» line) and column, and whether it
 * is drawn whole inside the grid's scrolled part (or the frozen part, for a frozen column).
 */
function focused(page: Page): Promise<{ row: string; col: string; inView: boolean } | null> {
	return page.evaluate(() => {
		const cell = document.activeElement?.closest('.ag-cell');
		const row = cell?.closest('.ag-row');
		if (!cell || !row) return null;
		const box = cell.getBoundingClientRect();
		const area = (
			cell.closest('.ag-pinned-left-cols-container') ?? document.querySelector('.ag-grid-viewport')
		)?.getBoundingClientRect();
		const inView =
			!!area && box.left >= area.left - 1 && box.right <= area.right + 1 && box.width > 0;
		return {
			row: row.getAttribute('row-index') ?? '',
			col: cell.getAttribute('col-id') ?? '',
			inView
		};
	});
}

/** How far the grid is scrolled: sideways and down. */
const scrolled = (page: Page) =>
	page
		.locator('.ag-grid-viewport')
		.first()
		.evaluate((el) => ({ left: el.scrollLeft, top: el.scrollTop }));

const rangeSize = (page: Page) => page.locator('.range-size').textContent();

describe('Home and End as in a spreadsheet', () => {
	it('Home and End go along the row, Ctrl+Home and Ctrl+End to the corners, Shift stretches the block', async () => {
		const { sheet, ids } = await callList('Обзвон: Home и End');
		const { page } = sheet;
		const first = ids['ФИО'];
		const last = ids['Примечание'];
		// The first column is frozen (the default of a call list).
		await expect(page.getByLabel('Закрепить первый столбец').isChecked()).resolves.toBe(true);

		await (await sheet.cell(5, 'Телефон')).click();
		await page.keyboard.press('End');
		await expect.poll(() => focused(page)).toEqual({ row: '5', col: last, inView: true });
		expect((await scrolled(page)).left).toBeGreaterThan(0);
		await page.keyboard.press('Home');
		await expect.poll(() => focused(page)).toEqual({ row: '5', col: first, inView: true });
		// The columns after the frozen one are shown from their start again.
		await expect.poll(async () => (await scrolled(page)).left).toBe(0);
		expect((await scrolled(page)).top).toBe(0);

		await page.keyboard.press('Control+End');
		await expect
			.poll(() => focused(page))
			.toEqual({ row: String(ROWS - 1), col: last, inView: true });
		await page.keyboard.press('Home');
		await expect
			.poll(() => focused(page))
			.toEqual({ row: String(ROWS - 1), col: first, inView: true });
		await page.keyboard.press('Control+Home');
		await expect.poll(() => focused(page)).toEqual({ row: '0', col: first, inView: true });
		await expect.poll(async () => (await scrolled(page)).top).toBe(0);

		// From the № column and from the «+» line: along that line.
		await page.locator('.ag-row[row-index="3"] .ag-cell[col-id="__row"]').click();
		await page.keyboard.press('End');
		await expect.poll(() => focused(page)).toEqual({ row: '3', col: last, inView: true });
		await page.keyboard.press('Control+End');
		await (await sheet.newRowCell('ФИО')).click();
		await page.keyboard.press('End');
		await expect.poll(() => focused(page)).toEqual({ row: 'b-0', col: last, inView: true });
		await page.keyboard.press('Home');
		await expect.poll(() => focused(page)).toEqual({ row: 'b-0', col: first, inView: true });
		await page.keyboard.press('Control+Home');
		await expect.poll(() => focused(page)).toEqual({ row: '0', col: first, inView: true });

		// With Shift the block stretches from the focused cell, which stays.
		await (await sheet.cell(5, 'Телефон')).click();
		await page.keyboard.press('Shift+End');
		await expect.poll(() => rangeSize(page)).toBe('Выделено: 1 × 9');
		await page.keyboard.press('Shift+Home');
		await expect.poll(() => rangeSize(page)).toBe('Выделено: 1 × 2');
		await page.keyboard.press('Control+Shift+End');
		await expect.poll(() => rangeSize(page)).toBe(`Выделено: ${ROWS - 5} × 9`);
		await page.keyboard.press('Control+Shift+Home');
		await expect.poll(() => rangeSize(page)).toBe('Выделено: 6 × 2');
		expect(await focused(page)).toMatchObject({ row: '5', col: ids['Телефон'] });
		// Without Shift the block goes and the focus moves.
		await page.keyboard.press('End');
		await expect.poll(() => focused(page)).toEqual({ row: '5', col: last, inView: true });
		await expect.poll(() => rangeSize(page)).toBe('');

		// Unfrozen, Home still scrolls back to the first column.
		await page.getByLabel('Закрепить первый столбец').uncheck();
		// Scrolled to the last column, the grid draws only the columns in sight (and the new
		// lists' wider columns took «Телефон» out of them): a cell of the last column, then Home.
		await (await sheet.cell(2, 'Примечание')).click();
		await page.keyboard.press('Home');
		await expect.poll(() => focused(page)).toEqual({ row: '2', col: first, inView: true });
		await expect.poll(async () => (await scrolled(page)).left).toBe(0);
		await page.keyboard.press('End');
		await expect.poll(() => focused(page)).toEqual({ row: '2', col: last, inView: true });
		await page.keyboard.press('Home');
		await expect.poll(() => focused(page)).toEqual({ row: '2', col: first, inView: true });
		await expect.poll(async () => (await scrolled(page)).left).toBe(0);
	});

	it('in an open editor Home and End move the text caret', async () => {
		const { sheet } = await callList('Обзвон: Home и End в ячейке');
		const { page } = sheet;
		await (await sheet.cell(2, 'ФИО')).dblclick();
		await editorOpen(page);
		await page.keyboard.press('Home');
		await page.keyboard.type('№ ');
		await page.keyboard.press('End');
		await page.keyboard.type(' Петровна');
		await page.keyboard.press('Control+Home');
		await page.keyboard.type('<');
		await page.keyboard.press('Control+End');
		await page.keyboard.type('>');
		await page.keyboard.press('Enter');
		await editorClosed(page);
		await expect
			.poll(async () => (await sheet.columnValues('ФИО')).slice(0, 4), MOMENT)
			.toEqual(['Р0', 'Р1', '<№ Р2 Петровна>', 'Р3']);
	});
});
