/**
 * The rows «нет в этом файле» downloaded in Windows-1251, chosen last in «Экспорт CSV», with
 * letters it cannot hold («Әлиева Айгүль»): the export says they became «?», this download said
 * nothing (found in review).
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { decodeCsvBytes } from '../../src/lib/csv';
import { HomePage, ImportDialog } from './pages';
import { e2eSession, MOMENT } from './session';

const session = e2eSession();

const file = (lines: string[]) => ({
	name: 'список.csv',
	buffer: Buffer.from(lines.join('\r\n') + '\r\n')
});

/** Exports the open list in Windows-1251, which the page then keeps as her format. */
async function exportInWindows1251(page: Page) {
	await page.getByRole('button', { name: 'Экспорт CSV', exact: true }).click();
	const exportDialog = page.getByRole('dialog', { name: 'Экспорт CSV' });
	await exportDialog.getByLabel(/Windows-1251/).check();
	await Promise.all([
		page.waitForEvent('download'),
		exportDialog.getByRole('button', { name: 'Скачать', exact: true }).click()
	]);
}

describe('the rows not in the file, in Windows-1251', () => {
	it('say how many letters Windows-1251 could not hold', async () => {
		const anna = await session.operator('Анна');
		const { page } = anna;
		const home = await new HomePage(page).goto(session.app.url);
		const sheet = await home.createSheet('Обзвон 1251', 'Обзвон');
		let dialog = await new ImportDialog(page).open();
		await dialog.choose(
			file([
				'ФИО;Телефон;Дата рождения',
				'Иванова Анна Петровна;8 (812) 123-45-67;05.03.1941',
				'Әлиева Айгүль Маратовна;8 911 000-11-22;12.04.1950'
			])
		);
		await dialog.run('Пропустить повторы');
		await dialog.close();
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(2);

		// (the export itself says: «Символов, которых нет в Windows-1251: 2 — они заменены на «?».»)
		await exportInWindows1251(page);
		dialog = await new ImportDialog(page).open();
		await dialog.choose(
			file(['ФИО;Телефон;Дата рождения', 'Иванова Анна Петровна;8 (812) 123-45-67;05.03.1941'])
		);
		await dialog.run('Дополнить найденные строки');
		const [absent] = await Promise.all([
			page.waitForEvent('download'),
			dialog.dialog.getByRole('button', { name: 'Скачать их (CSV)' }).click()
		]);
		expect(absent.suggestedFilename()).toContain('(Windows-1251)');
		const text = decodeCsvBytes(await readFile((await absent.path())!)).text;
		expect(text).toContain('?лиева Айг?ль Маратовна');
		await expect
			.poll(() => dialog.dialog.getByTestId('import-absent').textContent(), MOMENT)
			.toContain('Символов, которых нет в Windows-1251: 2 — они заменены на «?».');
	});

	it('the report says so too, with its lines, and gives a copy in UTF-8', async () => {
		const { page } = await session.operator('Борис');
		const home = await new HomePage(page).goto(session.app.url);
		await home.createSheet('Отчёт 1251', 'Обзвон');
		await exportInWindows1251(page);
		const dialog = await new ImportDialog(page).open();
		await dialog.choose(
			file([
				'ФИО;Телефон;Дата рождения',
				'Иванова Анна Петровна;8 (812) 123-45-67;05.03.1941',
				'Әлиева Айгүль Маратовна;8 911 000-11-22;31.02.1950',
				'Ёлкина Їванна Євгенівна;8 911 000-11-33;31.02.1951'
			])
		);
		await dialog.run('Пропустить повторы');
		const [report] = await Promise.all([
			page.waitForEvent('download'),
			dialog.dialog.getByRole('button', { name: 'Скачать отчёт (CSV)' }).click()
		]);
		expect(report.suggestedFilename()).toContain('(Windows-1251)');
		const text = decodeCsvBytes(await readFile((await report.path())!)).text;
		expect(text).toContain('?лиева Айг?ль Маратовна');
		expect(text).toContain('Ёлкина Їванна Євгенівна');
		await expect
			.poll(() => dialog.dialog.getByTestId('import-report-unmappable').textContent(), MOMENT)
			.toContain(
				'В файле отчёта символов, которых нет в Windows-1251: 2 — они заменены на «?» (строки файла: 3).'
			);
		const [copy] = await Promise.all([
			page.waitForEvent('download'),
			dialog.dialog
				.getByRole('button', { name: 'Скачать отчёт в UTF-8 (Excel) — без замен' })
				.click()
		]);
		expect(copy.suggestedFilename()).not.toContain('(Windows-1251)');
		const whole = decodeCsvBytes(await readFile((await copy.path())!)).text;
		expect(whole).toContain('Әлиева Айгүль Маратовна');
		expect(whole).toContain('Ёлкина Їванна Євгенівна');
	});
});
