/**
 * The department's list comes back every week. Found by exploration: next week's file no longer
 * had some residents of the list, and the import said nothing of them; the operators went on
 * calling them. The report now counts them, offers them as a file, and ticks them in the grid;
 * nothing is deleted.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { encodeWindows1251, parseCsvBytes } from '../../src/lib/csv';
import { HomePage, ImportDialog } from './pages';
import { e2eSession, MOMENT } from './session';
import { screenshot } from './setup';

const session = e2eSession();

const file = (lines: string[]) => ({
	name: 'список отдела.csv',
	buffer: Buffer.from(encodeWindows1251(lines.join('\r\n') + '\r\n').bytes)
});

const WEEK_1 = file([
	'ФИО;Тел.;Д/р;Примечание',
	'Иванова Анна Петровна;8 (812) 123-45-67;05.03.1941;',
	'Петров Пётр Ильич;+7 911 000-11-22;12.04.1950;',
	'Сидорова Мария;8-921-555-66-77;12.12.1939;ключ у соседки',
	'Кузнецова Ольга;8 921 000-00-01;01.01.1945;'
]);
/** Сидорова and Кузнецова are no longer on it; Петров (no birth date) is found by his phone. */
const WEEK_2 = file([
	'ФИО;Тел.;Д/р',
	'Иванова Анна Петровна;8 911 999-88-77;05.03.1941',
	'Петров Пётр Ильич;8 911 000 11 22;',
	'Новикова Вера;8 921 111-22-33;02.02.1950'
]);

/** Анна's new call list, the first week's file imported into it: four residents. */
async function listOfWeek1(title: string) {
	const anna = await session.operator('Анна');
	const home = await new HomePage(anna.page).goto(session.app.url);
	const sheet = await home.createSheet(title, 'Обзвон');
	const dialog = await new ImportDialog(anna.page).open();
	await dialog.choose(WEEK_1);
	await dialog.run('Пропустить повторы');
	await dialog.close();
	await expect.poll(() => sheet.rowCount(), MOMENT).toBe(4);
	return { anna, sheet };
}

describe('residents of the list the new file does not have', () => {
	it('are counted after «Дополнить», downloaded as a file and ticked in the grid, never deleted', async () => {
		const anna = await session.operator('Анна');
		const home = await new HomePage(anna.page).goto(session.app.url);
		const sheet = await home.createSheet('Обзвон отдела', 'Обзвон');
		let dialog = await new ImportDialog(anna.page).open();
		await dialog.choose(WEEK_1);
		const first = await dialog.run('Пропустить повторы');
		// A first import into an empty list has nobody to miss.
		expect(first).not.toContain('нет в этом файле');
		await dialog.close();
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(4);

		dialog = await new ImportDialog(anna.page).open();
		await dialog.choose(WEEK_2);
		const report = await dialog.run('Дополнить найденные строки');
		expect(report).toContain('В списке, но нет в этом файле: 2');
		expect(report).toContain('Если файл — весь список, этих жителей в нём больше нет');
		await screenshot(anna.page, 'import-report-absent');

		const [download] = await Promise.all([
			anna.page.waitForEvent('download'),
			dialog.dialog.getByRole('button', { name: 'Скачать их (CSV)' }).click()
		]);
		expect(download.suggestedFilename()).toMatch(
			/^Обзвон отдела — нет в файле \d{4}-\d\d-\d\d\.csv$/
		);
		const absent = parseCsvBytes(await readFile((await download.path())!));
		const rows = absent.rows.map((r) =>
			Object.fromEntries(absent.header!.map((h, i) => [h, r[i]]))
		);
		expect(rows.map((r) => [r['ФИО'], r['Телефон'], r['Дата рождения']])).toEqual([
			['Сидорова Мария', '+7 (921) 555-66-77', '12.12.1939'],
			['Кузнецова Ольга', '+7 (921) 000-00-01', '01.01.1945']
		]);
		expect(rows[0]['Примечание']).toBe('ключ у соседки');

		// Ticked in the grid, the dialog closed: she can check, mark or delete them herself.
		await dialog.dialog.getByRole('button', { name: 'Отметить их в таблице' }).click();
		await dialog.dialog.waitFor({ state: 'hidden' });
		await expect
			.poll(() => anna.page.getByRole('button', { name: 'Удалить строки (2)' }).count(), MOMENT)
			.toBe(1);
		const ticked: boolean[] = [];
		for (let i = 0; i < 4; i++)
			ticked.push(
				await anna.page.locator(`.ag-row[row-index="${i}"]`).getByRole('checkbox').isChecked()
			);
		expect(ticked).toEqual([false, false, true, true]);
		// Nothing was deleted: the four residents and the new one.
		expect(await sheet.rowCount()).toBe(5);
		expect(await sheet.columnValues('ФИО')).toEqual([
			'Иванова Анна Петровна',
			'Петров Пётр Ильич',
			'Сидорова Мария',
			'Кузнецова Ольга',
			'Новикова Вера'
		]);
	});

	it('a list emptied to load it again takes its residents back when she ticks «Добавить и удалённых» (found in review)', async () => {
		const { anna, sheet } = await listOfWeek1('Обзвон заново');
		await sheet.selectRows([0, 1, 2, 3]);
		await sheet.deleteSelectedRows();
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(0);

		const dialog = await new ImportDialog(anna.page).open();
		await dialog.choose(WEEK_1);
		await expect.poll(() => dialog.duplicates(), MOMENT).toContain('удалены из списка: 4');
		await dialog.dialog
			.getByRole('checkbox', { name: /Добавить и удалённых из списка жителей \(строк: 4\)/ })
			.check();
		// The button counts them now.
		await expect.poll(() => dialog.submit.textContent(), MOMENT).toContain('Импортировать (4)');
		const report = await dialog.run('Пропустить повторы');
		expect(report).toContain('Добавлено строк: 4');
		await dialog.close();
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(4);
	});

	it('the next import starts with «Добавить и удалённых» unticked: deleted residents come back only when she ticks it for that file (found in review)', async () => {
		const { anna, sheet } = await listOfWeek1('Обзвон по неделям');
		let dialog: ImportDialog;
		// Сидорова and Кузнецова are deleted; this once she loads them again on purpose.
		await sheet.selectRows([2, 3]);
		await sheet.deleteSelectedRows();
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(2);
		dialog = await new ImportDialog(anna.page).open();
		await dialog.choose(WEEK_1);
		const addDeleted = dialog.dialog.getByRole('checkbox', {
			name: /Добавить и удалённых из списка жителей/
		});
		await expect.poll(() => dialog.duplicates(), MOMENT).toContain('удалены из списка: 2');
		await addDeleted.check();
		expect(await dialog.run('Пропустить повторы')).toContain('Добавлено строк: 2');
		await dialog.close();
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(4);

		// Deleted again; next week's file has them still. The dialog asks afresh, as it does for
		// the other choices: the box is not ticked, and they are not added.
		await sheet.selectRows([2, 3]);
		await sheet.deleteSelectedRows();
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(2);
		dialog = await new ImportDialog(anna.page).open();
		await dialog.choose(WEEK_1);
		await expect
			.poll(() => dialog.duplicates(), MOMENT)
			.toContain('удалены из списка: 2 — не будут добавлены');
		expect(await addDeleted.isChecked()).toBe(false);
		await expect.poll(() => dialog.submit.textContent(), MOMENT).toContain('Импортировать (0)');
		const report = await dialog.run('Пропустить повторы');
		expect(report).toContain('Добавлено строк: 0');
		await dialog.close();
		expect(await sheet.rowCount()).toBe(2);
	});
});
