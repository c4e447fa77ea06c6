/**
 * What the import dialog says before «Импортировать» is what the report says after it. Found by
 * exploration: a resident the file had twice, with the same impossible birth date on both lines;
 * the dialog said «Значений не по формату столбца: 5», and «Пропустить повторы», which does not
 * write the repeat, reported 4.
 */
import { describe, expect, it } from 'vitest';
import { encodeWindows1251 } from '../../src/lib/csv';
import { HomePage, ImportDialog } from './pages';
import { e2eSession, MOMENT } from './session';

const session = e2eSession();

/** Анна's new call list `title`, and its import dialog with the department's `lines` chosen. */
async function importing(title: string, lines: string[]) {
	const anna = await session.operator('Анна');
	const home = await new HomePage(anna.page).goto(session.app.url);
	const sheet = await home.createSheet(title, 'Обзвон');
	const dialog = await new ImportDialog(anna.page).open();
	await dialog.choose({
		name: 'список отдела.csv',
		buffer: Buffer.from(encodeWindows1251(lines.join('\r\n') + '\r\n').bytes)
	});
	await dialog.duplicates();
	return { sheet, dialog };
}

describe('the import dialog', () => {
	it('counts the flagged values the chosen option writes, as the report will', async () => {
		const { sheet, dialog } = await importing('Обзвон отдела', [
			'ФИО;Телефон;Дата рождения',
			'Иванова Анна;8 812 123-45-67;31.02.1940',
			'Кузнецова Ольга;8 812 765-43-21;32.13.1938',
			'Иванова Анна;8 812 123-45-67;31.02.1940'
		]);
		const flagged = dialog.dialog.locator('p.warn', { hasText: 'не по формату' });
		const said = async () => (await flagged.textContent())!.replace(/\s+/g, ' ').trim();
		// «Пропустить повторы» (the default) does not write Иванова's second line, nor its date.
		await expect.poll(said, MOMENT).toContain('Значений не по формату столбца: 2.');
		expect(await said()).toContain('Ещё значений не по формату: 1');
		await dialog.dialog.getByLabel('Добавить все строки').check();
		await expect.poll(said, MOMENT).toContain('Значений не по формату столбца: 3.');
		expect(await said()).not.toContain('Ещё');
		const report = await dialog.run('Пропустить повторы');
		expect(report).toContain('Добавлено строк: 2');
		expect(report).toContain('Значений не по формату: 2');
		await dialog.close();
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(2);
	});

	it('an import that adds nothing does not say colleagues will see it once sent', async () => {
		const lines = ['ФИО;Телефон', 'Иванова Анна;8 812 123-45-67', 'Петров Пётр;8 911 555-00-00'];
		const { sheet, dialog } = await importing('Обзвон: файл ещё раз', lines);
		expect(await dialog.run('Пропустить повторы')).toContain('Добавлено строк: 2');
		await expect
			.poll(() => dialog.dialog.getByTestId('import-saving').textContent(), MOMENT)
			.toContain('Импорт сохранён на сервере');
		await dialog.close();

		// The same file again: every line a repeat, nothing written. Found by exploration: the
		// report said «…Коллеги увидят импорт, когда отправка закончится» (ждут отправки: 1).
		await dialog.open();
		await dialog.choose({
			name: 'список отдела.csv',
			buffer: Buffer.from(encodeWindows1251(lines.join('\r\n') + '\r\n').bytes)
		});
		const report = await dialog.run('Пропустить повторы');
		expect(report).toContain('Добавлено строк: 0');
		expect(await dialog.dialog.getByTestId('import-saving').count()).toBe(0);
		await dialog.dialog.page().waitForTimeout(500);
		expect(await dialog.dialog.getByTestId('import-saving').count()).toBe(0);
		await dialog.close();
		expect(await sheet.rowCount()).toBe(2);
	});

	it('names the lines without a name, what Excel’s merged name cells leave, before the import and in its report', async () => {
		const { sheet, dialog } = await importing('Обзвон: объединённые ячейки', [
			'ФИО;Телефон;Примечание',
			'Иванова Анна;8 812 123-45-67;первый',
			';8 911 000-11-22;второй',
			'Петров Пётр;+7 911 555-00-00;'
		]);
		const said = async () => ((await dialog.dialog.textContent()) ?? '').replace(/\s+/g, ' ');
		await expect
			.poll(said, MOMENT)
			.toContain('Строк без ФИО, но с другими данными: 1 (строка 3 — продолжение строки 2?)');
		const report = await dialog.run('Пропустить повторы');
		expect(report).toContain('Нет ФИО — продолжение строки 2?');
		expect(report).toContain('Строк без ФИО, добавленных отдельными жителями: 1');
		await dialog.close();
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(3);
	});

	it('counts the lines without a name the chosen option adds, as the report will', async () => {
		// Line 4 has Иванова's phone: a repeat, which «Пропустить повторы» does not add.
		const { sheet, dialog } = await importing('Обзвон: повтор без ФИО', [
			'ФИО;Телефон;Примечание',
			'Иванова Анна;8 812 123-45-67;первый',
			';8 911 000-11-22;второй',
			';8 812 123-45-67;повтор',
			'Петров Пётр;+7 911 555-00-00;'
		]);
		const said = async () =>
			((await dialog.dialog.getByTestId('import-nameless').textContent()) ?? '').replace(
				/\s+/g,
				' '
			);
		await expect
			.poll(said, MOMENT)
			.toContain('Строк без ФИО, но с другими данными: 1 (строка 3 — продолжение строки 2?)');
		expect(await said()).toContain('Ещё строк без ФИО: 1 — повторы');
		await dialog.dialog.getByLabel('Добавить все строки').check();
		await expect
			.poll(said, MOMENT)
			.toContain(
				'Строк без ФИО, но с другими данными: 2 (строка 3 — продолжение строки 2?; строка 4 — продолжение строки 2?)'
			);
		expect(await said()).not.toContain('Ещё');
		await dialog.dialog.getByLabel('Дополнить').check();
		await expect.poll(said, MOMENT).toContain('Строк без ФИО, но с другими данными: 1 (');
		const report = await dialog.run('Пропустить повторы');
		expect(report).toContain('Строк без ФИО, добавленных отдельными жителями: 1');
		await dialog.close();
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(3);
	});
});
