/**
 * The import dialog's work does not make the sheet's toolbar lay the page out. The toolbar keeps
 * its one Tab stop on a control that can take the keyboard (`toolbar-keys.ts`), measuring its
 * controls on every change under it — and the import dialog is under it: each step of the
 * dialog, and each 40 rows of the report drawn a frame at a time while the grid fills behind it,
 * laid the whole page out (77 ms of a 100,000-row import's fill, one task of 45 ms:
 * `bench/import.bench.ts`, a CPU profile). What changes inside a dialog is not the toolbar's.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { encodeWindows1251 } from '../../src/lib/csv';
import { HomePage, ImportDialog } from './pages';
import { e2eSession, MOMENT } from './session';

const session = e2eSession();

/** Counts from now on the toolbar's measuring of its own controls (not a dialog's). */
async function countToolbarMeasures(page: Page): Promise<void> {
	await page.evaluate(() => {
		const w = window as unknown as { toolbarMeasures: number };
		w.toolbarMeasures = 0;
		const measure = Element.prototype.getClientRects;
		Element.prototype.getClientRects = function (this: Element) {
			if (this.closest('[role=toolbar]') && !this.closest('dialog')) w.toolbarMeasures++;
			return measure.call(this);
		};
	});
}
const toolbarMeasures = (page: Page) =>
	page.evaluate(() => (window as unknown as { toolbarMeasures: number }).toolbarMeasures);

describe('the import dialog and the toolbar that holds it', () => {
	it('choosing a file, the mapping and a report of 200 problems leave the toolbar unmeasured; the toolbar stays one Tab stop', async () => {
		const anna = await session.operator('Анна');
		const page = anna.page;
		const home = await new HomePage(page).goto(session.app.url);
		const sheet = await home.createSheet('Обзвон: отчёт без раскладки', 'Обзвон');
		const lines = ['ФИО;Телефон;Дата рождения'];
		// Every birth date impossible: the report lists its 200 problems, 40 rows a frame.
		for (let i = 0; i < 300; i++)
			lines.push(
				`Житель ${i} Иванович;8 812 ${String(1_000_000 + i).slice(1)};31.02.19${40 + (i % 50)}`
			);
		const dialog = await new ImportDialog(page).open();
		await countToolbarMeasures(page);
		await dialog.choose({
			name: 'жители.csv',
			buffer: Buffer.from(encodeWindows1251(lines.join('\r\n') + '\r\n').bytes)
		});
		await dialog.duplicates();
		expect(await toolbarMeasures(page)).toBe(0);
		await dialog.submit.click();
		const problems = dialog.dialog.getByTestId('import-report').locator('tbody tr');
		await expect.poll(() => problems.count(), MOMENT).toBeGreaterThanOrEqual(200);
		const report = (await dialog.dialog.getByTestId('import-report').textContent()) ?? '';
		expect(report.replace(/\s+/g, ' ')).toContain('Добавлено строк: 300');
		// The import enabled «Отменить» (outside the dialog): that is the toolbar's to see.
		const measured = await toolbarMeasures(page);
		expect(measured).toBeLessThan(10);
		await dialog.close();
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(300);

		// Still one Tab stop along the toolbar, the undo the import enabled among its controls.
		const toolbar = page.getByRole('toolbar');
		const stops = await toolbar.evaluate(
			(bar) =>
				[...bar.querySelectorAll('button')].filter((b) => b.tabIndex === 0 && !b.closest('dialog'))
					.length
		);
		expect(stops).toBe(1);
		await page.getByRole('button', { name: 'Импорт CSV', exact: true }).focus();
		await page.keyboard.press('End');
		await page.keyboard.press('Home');
		await expect
			.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim()))
			.toBe('Добавить строку');
	});
});
