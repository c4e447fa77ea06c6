/**
 * The rows ticked stay ticked when the interface's language is switched (found by exploration:
 * the grid, built again in English, showed no tick while the toolbar said «Delete rows (2)», and
 * the header's «Select all» ticked both again instead of clearing them).
 */
import { describe, expect, it } from 'vitest';
import { HomePage, SAVED, SheetPage } from './pages';
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

	// A big sheet opened takes its rows in slices (`binding.ts`): the grid built again in English
	// has none of them yet, and the ticks were lost — past the first 2,000 rows before, all of
	// them once the grid opens empty.
	it('stay ticked on a sheet of 2,500 rows opened again, past its first 2,000 too', async () => {
		const { page } = await session.operator('Анна');
		const home = await new HomePage(page).goto(session.app.url);
		const list = await home.createSheet('Обзвон: 2 500 галочек', 'Обзвон');
		const names = Array.from({ length: 2500 }, (_, i) => `Житель ${i + 1}`);
		await list.paste('new', 'ФИО', names.join('\r\n') + '\r\n');
		await expect.poll(() => list.rowCount(), { timeout: 30_000 }).toBe(2500);
		await page.getByText(SAVED).waitFor({ timeout: 30_000 });
		const sheet = await SheetPage.open(page, page.url(), 'Обзвон: 2 500 галочек');
		await expect.poll(() => sheet.cellText(0, 'ФИО'), MOMENT).toBe('Житель 1');
		await sheet.selectRows([0]);
		const search = page.getByRole('searchbox', { name: 'Поиск по списку' });
		await search.fill('Житель 2500');
		await expect.poll(() => sheet.cellText(0, 'ФИО'), MOMENT).toBe('Житель 2500');
		await sheet.selectRows([0]);
		await search.fill('');
		await page.getByRole('button', { name: 'Удалить строки (2)', exact: true }).waitFor(MOMENT);

		await page.getByRole('button', { name: 'Язык интерфейса' }).click();
		await page.getByRole('button', { name: 'Delete rows (2)', exact: true }).waitFor(MOMENT);
		const first = page
			.locator('.ag-row[row-index="0"] .ag-cell[col-id="ag-Grid-SelectionColumn"]')
			.getByRole('checkbox');
		await expect.poll(() => first.isChecked(), MOMENT).toBe(true);
	});
});
