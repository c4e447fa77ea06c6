/**
 * The import's report and its «нет в этом файле» rows are written in the CSV format the
 * coordinator chose last in «Экспорт CSV» (found in review: always Excel's `;` with a BOM, while
 * she had picked UTF-8 with commas for Google Sheets).
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseCsvBytes } from '../../src/lib/csv';
import { HomePage, ImportDialog } from './pages';
import { e2eSession, MOMENT } from './session';

const session = e2eSession();

const file = (lines: string[]) => ({
	name: 'список.csv',
	buffer: Buffer.from(lines.join('\r\n') + '\r\n')
});

describe('the import report’s file', () => {
	it('follows the format chosen last in «Экспорт CSV», the next time too', async () => {
		const anna = await session.operator('Анна');
		const { page } = anna;
		const home = await new HomePage(page).goto(session.app.url);
		const sheet = await home.createSheet('Обзвон для таблиц', 'Обзвон');
		let dialog = await new ImportDialog(page).open();
		await dialog.choose(
			file([
				'ФИО;Телефон;Дата рождения',
				'Иванова Анна Петровна;8 (812) 123-45-67;05.03.1941',
				'Петров Пётр Ильич;8 911 000-11-22;31.02.1950'
			])
		);
		await dialog.run('Пропустить повторы');
		await dialog.close();
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(2);

		// She exports for Google Sheets: UTF-8 with commas.
		await page.getByRole('button', { name: 'Экспорт CSV', exact: true }).click();
		const exportDialog = page.getByRole('dialog', { name: 'Экспорт CSV' });
		await exportDialog.getByLabel(/UTF-8, «,»/).check();
		const [exported] = await Promise.all([
			page.waitForEvent('download'),
			exportDialog.getByRole('button', { name: 'Скачать', exact: true }).click()
		]);
		expect(parseCsvBytes(await readFile((await exported.path())!)).delimiter).toBe(',');

		// The next import's report, and the rows the file did not have, come the same way.
		dialog = await new ImportDialog(page).open();
		await dialog.choose(
			file(['ФИО;Телефон;Дата рождения', 'Иванова Анна Петровна;8 (812) 123-45-67;05.03.1941'])
		);
		await dialog.run('Дополнить найденные строки');
		const [report] = await Promise.all([
			page.waitForEvent('download'),
			dialog.dialog.getByRole('button', { name: 'Скачать отчёт (CSV)' }).click()
		]);
		expect(report.suggestedFilename()).toMatch(
			/^Обзвон для таблиц — отчёт импорта \(UTF-8\) \d{4}-\d\d-\d\d\.csv$/
		);
		const reportBytes = await readFile((await report.path())!);
		expect([...reportBytes.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
		const parsed = parseCsvBytes(reportBytes, { header: true });
		expect(parsed.delimiter).toBe(',');
		expect(parsed.header).toEqual(['Строка', 'Житель', 'Что', 'Столбец', 'Значение', 'Причина']);
		const [absent] = await Promise.all([
			page.waitForEvent('download'),
			dialog.dialog.getByRole('button', { name: 'Скачать их (CSV)' }).click()
		]);
		const absentFile = parseCsvBytes(await readFile((await absent.path())!));
		expect(absentFile.delimiter).toBe(',');
		expect(absentFile.rows.map((r) => r[0])).toEqual(['Петров Пётр Ильич']);
		await dialog.close();

		// The export dialog opens on her choice after a reload.
		await page.reload();
		await page.getByRole('button', { name: 'Экспорт CSV', exact: true }).click();
		expect(await exportDialog.getByLabel(/UTF-8, «,»/).isChecked()).toBe(true);
	});
});
