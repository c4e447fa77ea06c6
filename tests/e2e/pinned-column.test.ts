/**
 * The first column (ФИО in every template) stays in view while an operator scrolls to the call
 * columns: found by exploration, the resident's name scrolled out of sight while she filled in
 * «Результат звонка» and «Примечание». Each operator may turn it off (her own view); the frozen
 * column is always the shared order's first, so the order stays one for everybody.
 */
import { describe, expect, it } from 'vitest';
import { HomePage, SheetPage } from './pages';
import { e2eSession, MOMENT } from './session';

const session = e2eSession();
const PIN = 'Закрепить первый столбец';

/** Whether the cell is drawn and not hidden under or beside the grid (what she sees). */
function seen(sheet: SheetPage, row: number, colId: string): Promise<boolean> {
	return sheet.page.evaluate(
		({ row, colId }) => {
			const cell = document.querySelector<HTMLElement>(
				`.ag-row[row-index="${row}"]:not(.shtab-new-row) .ag-cell[col-id="${colId}"]`
			);
			if (!cell) return false;
			const r = cell.getBoundingClientRect();
			const grid = document.querySelector('.ag-root-wrapper')!.getBoundingClientRect();
			const x = Math.max(r.left, grid.left) + 8;
			if (x > Math.min(r.right, grid.right) - 4) return false;
			const hit = document.elementFromPoint(x, r.top + r.height / 2);
			return !!hit && cell.contains(hit);
		},
		{ row, colId }
	);
}

const focusedColumn = (sheet: SheetPage) =>
	sheet.page.evaluate(() => document.activeElement?.getAttribute('col-id'));

describe('the first column stays in view', () => {
	it('ФИО stays beside «Примечание» scrolled to; each operator chooses for herself', async () => {
		const anna = await session.operator('Анна');
		const boris = await session.operator('Борис');
		const home = await new HomePage(anna.page).goto(session.app.url);
		const a = await home.createSheet('Обзвон: закреплённое ФИО', 'Обзвон');
		await a.addRow('Иванова Анна Петровна');
		const b = await SheetPage.open(boris.page, anna.page.url(), 'Обзвон: закреплённое ФИО');
		const colleague = await session.colleague(a.id);
		const columns = colleague.sheet.columns();
		const id = (title: string) => columns.find((c) => c.title === title)!.id;
		expect(columns[0].title).toBe('ФИО');
		const name = id('ФИО');
		const last = columns[columns.length - 1];
		const pin = (s: SheetPage) => s.page.getByLabel(PIN);

		// Anna, as she opened it: scrolled to the last column, the name is still beside it.
		expect(await pin(a).isChecked()).toBe(true);
		await a.revealColumn(last.title);
		await expect.poll(() => seen(a, 0, last.id), MOMENT).toBe(true);
		expect(await seen(a, 0, name)).toBe(true);
		// Her keys go on across it: Tab from the name goes to the next column, Shift+Tab back.
		await (await a.cell(0, 'ФИО')).click();
		await a.page.keyboard.press('Tab');
		await expect.poll(() => focusedColumn(a)).toBe(columns[1].id);
		await a.page.keyboard.press('Shift+Tab');
		await expect.poll(() => focusedColumn(a)).toBe(name);

		// Boris widens «Телефон» by dragging its header's edge; turning the freeze off keeps his
		// widths (found in review: new column definitions put back the model's widths).
		const headerWidth = (s: SheetPage) =>
			s.page.evaluate(
				(id) =>
					document.querySelector(`.ag-header-cell[col-id="${id}"]`)?.getBoundingClientRect().width,
				id('Телефон')
			);
		await b.revealColumn('Телефон');
		const before = (await headerWidth(b))!;
		const edge = (await b.page
			.locator(`.ag-header-cell[col-id="${id('Телефон')}"] .ag-header-cell-resize`)
			.boundingBox())!;
		await b.page.mouse.move(edge.x + edge.width / 2, edge.y + edge.height / 2);
		await b.page.mouse.down();
		for (let i = 1; i <= 8; i++)
			await b.page.mouse.move(edge.x + edge.width / 2 + i * 10, edge.y + edge.height / 2);
		await b.page.mouse.up();
		await expect.poll(() => headerWidth(b), MOMENT).toBeGreaterThan(before + 60);
		const widened = (await headerWidth(b))!;

		// Boris turns it off: his name column scrolls away; Anna's stays, and his choice is kept.
		await pin(b).uncheck();
		await b.revealColumn('Телефон');
		expect(await headerWidth(b)).toBe(widened);
		await b.revealColumn(last.title);
		await expect.poll(() => seen(b, 0, last.id), MOMENT).toBe(true);
		await expect.poll(() => seen(b, 0, name), MOMENT).toBe(false);
		await a.revealColumn(last.title);
		expect(await seen(a, 0, name)).toBe(true);
		await b.page.reload();
		await b.ready('Обзвон: закреплённое ФИО');
		expect(await pin(b).isChecked()).toBe(false);
		await b.revealColumn('Телефон');
		expect(await headerWidth(b)).toBe(widened);

		// A colleague puts «Телефон» first: that column is the frozen one now, for Anna.
		colleague.sheet.moveColumn(id('Телефон'), 0);
		await a.revealColumn(last.title);
		await expect.poll(() => seen(a, 0, id('Телефон')), MOMENT).toBe(true);
		await expect.poll(() => seen(a, 0, name), MOMENT).toBe(false);
	});
});
