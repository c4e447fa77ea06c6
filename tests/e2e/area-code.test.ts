/**
 * Local numbers of a St Petersburg list (`555-12-34`, a landline without its city code), as
 * lists of the social protection department hold them: the import asks for the area code and
 * completes them, the phone column keeps the code for what operators type later, and a code set
 * on a column afterwards completes the numbers already in it — for every operator, one undo step.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWindows1251 } from '../../src/lib/csv/decode';
import { HomePage, ImportDialog, SheetPage } from './pages';
import {
	cleanup,
	expectNoPageErrors,
	launchBrowser,
	newOperator,
	screenshot,
	startApp,
	type App,
	type Operator
} from './setup';

const FILE = encodeWindows1251(
	[
		'ФИО;Телефон;Адрес',
		'Иванова Анна Петровна;555-12-34;Гражданский пр., 10',
		'Петров Пётр Ильич;8 911 000-11-22;Кондратьевский пр., 5',
		'Сидорова Мария;246 00 11 (дочь);ул. Бутлерова, 2'
	].join('\r\n') + '\r\n'
).bytes;

let app: App;
let browser: Browser;
let anna: Operator;
let boris: Operator;

beforeAll(async () => {
	app = await startApp();
	browser = await launchBrowser();
	anna = await newOperator(browser, 'Анна');
	boris = await newOperator(browser, 'Борис');
});
afterAll(cleanup);

describe("a phone column's area code", () => {
	it('is asked for by the import, completes the local numbers, and reads what a colleague types', async () => {
		const home = await new HomePage(anna.page).goto(app.url);
		const sheet = await home.createSheet('Обзвон: Калининский район', 'Обзвон');
		const dialog = await new ImportDialog(anna.page).open();
		await dialog.choose({ name: 'соцзащита.csv', buffer: Buffer.from(FILE) });
		await dialog.duplicates();

		const field = dialog.dialog.getByLabel('Код города для местных номеров');
		await expect
			.poll(() => dialog.dialog.textContent())
			.toContain('Номеров без кода города (как 555-12-34): 2');
		const preview = dialog.dialog.getByRole('table', { name: 'Так строки попадут в список' });
		await preview.locator('td.bad', { hasText: '555-12-34' }).waitFor();
		await screenshot(anna.page, 'area-code-import');

		// A code that is none says so, and completes nothing.
		await field.fill('91');
		await dialog.dialog.getByText('Код города — от 3 до 5 цифр').waitFor();
		await field.fill('812');
		await preview.getByRole('cell', { name: '+7 (812) 555-12-34' }).waitFor();
		await preview.getByRole('cell', { name: '+7 (812) 246-00-11 (дочь)' }).waitFor();
		await expect
			.poll(() => dialog.dialog.textContent())
			.toContain('Код города 812 будет добавлен к местным номерам файла.');
		const report = await dialog.run();
		expect(report).toContain('Добавлено строк: 3');
		expect(report).toContain('Значений не по формату: 0');
		await dialog.close();

		expect(await sheet.columnValues('Телефон')).toEqual([
			'+7 (812) 555-12-34',
			'+7 (911) 000-11-22',
			'+7 (812) 246-00-11 (дочь)'
		]);
		expect(await sheet.rowsWithClass('Телефон', 'shtab-invalid')).toEqual([]);

		// The column keeps the code: a colleague typing a local number gets the city's number.
		const colleague = await SheetPage.open(
			boris.page,
			anna.page.url(),
			'Обзвон: Калининский район'
		);
		// He types once he sees the list (the page may show its grid before the list arrives).
		await expect
			.poll(() => colleague.columnValues('Телефон'))
			.toEqual(['+7 (812) 555-12-34', '+7 (911) 000-11-22', '+7 (812) 246-00-11 (дочь)']);
		await colleague.editCell(1, 'Телефон', '322-11-00');
		const after = ['+7 (812) 555-12-34', '+7 (812) 322-11-00', '+7 (812) 246-00-11 (дочь)'];
		// AG Grid tells of the value an editor closed with from a timer (see `noteClosing`): on a
		// busy machine after the editor is gone (a CI run read the cell in between, twice).
		await expect.poll(() => colleague.columnValues('Телефон')).toEqual(after);
		await expect.poll(() => sheet.columnValues('Телефон')).toEqual(after);
		expectNoPageErrors(anna, boris);
	});

	it('set on a column later completes its numbers for everyone, in one undo step', async () => {
		const sheet = new SheetPage(anna.page);
		const colleague = new SheetPage(boris.page);
		await sheet.addColumn('Домашний', 'Телефон');
		await colleague.revealColumn('Домашний');
		await colleague.paste(0, 'Домашний', '555-77-88\r\n8 911 123-45-67\r\n');
		await expect.poll(() => sheet.cellText(0, 'Домашний')).toBe('555-77-88');
		await expect.poll(() => sheet.rowsWithClass('Домашний', 'shtab-invalid')).toEqual([0]);
		const cell = await sheet.cell(0, 'Домашний');
		expect(await sheet.tooltip(cell)).toContain('Местный номер без кода города');

		await (await sheet.revealColumn('Домашний')).click();
		const settings = anna.page.getByRole('dialog', { name: 'Столбец «Домашний»' });
		const field = settings.getByLabel('Код города для местных номеров');
		expect(await field.inputValue()).toBe('');
		await field.fill('код');
		await settings.getByRole('button', { name: 'Сохранить' }).click();
		await settings.getByText('Код города — от 3 до 5 цифр').waitFor();
		await field.fill('(812)');
		await screenshot(anna.page, 'area-code-column');
		await settings.getByRole('button', { name: 'Сохранить' }).click();
		await settings.waitFor({ state: 'hidden' });
		await anna.page.getByText('Код города 812 добавлен к номерам: 1.').waitFor();
		expect(await sheet.cellText(0, 'Домашний')).toBe('+7 (812) 555-77-88');
		expect(await sheet.cellText(1, 'Домашний')).toBe('+7 (911) 123-45-67');
		await expect.poll(() => colleague.cellText(0, 'Домашний')).toBe('+7 (812) 555-77-88');
		expect(await sheet.rowsWithClass('Домашний', 'shtab-invalid')).toEqual([]);

		// One Ctrl+Z takes back the code and the completed number, for the colleague too.
		await anna.page.locator('body').click({ position: { x: 5, y: 5 } });
		await sheet.pressUndo();
		await expect.poll(() => sheet.cellText(0, 'Домашний')).toBe('555-77-88');
		await expect.poll(() => colleague.cellText(0, 'Домашний')).toBe('555-77-88');
		await (await sheet.revealColumn('Домашний')).click();
		expect(await field.inputValue()).toBe('');
		await settings.getByRole('button', { name: 'Отмена' }).click();
		expectNoPageErrors(anna, boris);
	});
});
