/**
 * The rows ticked stay ticked when the interface's language is switched (found by exploration:
 * the grid, built again in English, showed no tick while the toolbar said «Delete rows (2)», and
 * the header's «Select all» ticked both again instead of clearing them).
 */
import { describe, expect, it } from 'vitest';
import { HomePage } from './pages';
import { e2eSession, MOMENT } from './session';

const session = e2eSession();

describe('ticked rows and the language switch', () => {
	it('stay ticked in English, and «Select all» then clears them', async () => {
		const { page } = await session.operator('Анна');
		const home = await new HomePage(page).goto(session.app.url);
		const list = await home.createSheet('Обзвон: галочки и язык', 'Обзвон');
		await list.paste('new', 'ФИО', 'Иванова Анна\r\nПетров Пётр\r\n');
		await expect.poll(() => list.rowCount(), MOMENT).toBe(2);
		await list.selectRows([0, 1]);
		const boxes = page.locator('.ag-cell[col-id="ag-Grid-SelectionColumn"]').getByRole('checkbox');
		const ticks = () =>
			boxes.evaluateAll((all) => all.map((box) => (box as HTMLInputElement).checked));
		await expect.poll(ticks, MOMENT).toEqual([true, true]);

		await page.getByRole('button', { name: 'Язык интерфейса' }).click();
		await page.getByRole('button', { name: 'Delete rows (2)', exact: true }).waitFor();
		await expect.poll(ticks, MOMENT).toEqual([true, true]);
		const all = page.getByRole('checkbox', { name: 'Select all', exact: true });
		await expect.poll(() => all.isChecked(), MOMENT).toBe(true);

		await all.click();
		await expect.poll(ticks, MOMENT).toEqual([false, false]);
		await page.getByRole('button', { name: 'Delete rows (0)', exact: true }).waitFor(MOMENT);
	});
});
