/**
 * The import's report says where the rows are kept, as they get there: an operator offline is
 * told the rows are only in her browser, and when she is back the report says they are on the
 * server. Found by exploration: the report said «Импорт завершён» while the rows were still
 * being stored, and a tab closed then lost them for everyone. The keyboard goes to the report.
 */
import { describe, expect, it } from 'vitest';
import { encodeWindows1251 } from '../../src/lib/csv/decode';
import { HomePage, ImportDialog, SheetPage } from './pages';
import { e2eSession, MOMENT } from './session';
import { screenshot } from './setup';

const session = e2eSession();

const FILE = encodeWindows1251(
	[
		'ФИО;Телефон',
		'Иванова Анна Петровна;8 911 123-45-67',
		'Петров Пётр Ильич;8 911 000-11-22'
	].join('\r\n')
).bytes;

describe('the import report', () => {
	it('says the rows are only in this browser while offline, then on the server', async () => {
		const anna = await session.operator('Анна');
		const boris = await session.operator('Борис');
		const sheet = await new HomePage(anna.page)
			.goto(session.app.url)
			.then((h) => h.createSheet('Обзвон: импорт без связи'));
		const colleague = await SheetPage.open(boris.page, anna.page.url(), 'Обзвон: импорт без связи');
		await expect.poll(() => sheet.status()).toContain('сохранены на сервере');

		await anna.context.setOffline(true);
		await expect.poll(() => sheet.status(), MOMENT).toMatch(/Нет связи|офлайн/i);
		const dialog = await new ImportDialog(anna.page).open();
		await dialog.choose({ name: 'список.csv', buffer: Buffer.from(FILE) });
		const report = await dialog.run();
		expect(report).toContain('Добавлено строк: 2');
		const saving = dialog.dialog.getByTestId('import-saving');
		await expect
			.poll(() => saving.textContent(), MOMENT)
			.toContain('Сохранено в браузере. Нет связи с сервером');
		await screenshot(anna.page, 'import-report-offline');
		// The keyboard is in the report, not on the page behind the dialog.
		expect(await anna.page.evaluate(() => document.activeElement?.textContent?.trim() ?? '')).toBe(
			'Импорт завершён'
		);
		expect(await colleague.rowCount()).toBe(0);

		await anna.context.setOffline(false);
		await expect
			.poll(() => saving.textContent(), { timeout: 30_000 })
			.toContain('Импорт сохранён на сервере');
		await expect.poll(() => colleague.rowCount(), MOMENT).toBe(2);
		await dialog.close();
	});
});
