/**
 * Values a department's file holds that the import used to store silently or flag for nothing:
 * invisible control characters (a U+202E showed «Иванова» turned around), a date of birth Excel
 * wrote as a number, two phone numbers with «/» or «или» between them. Found by exploration.
 */
import { describe, expect, it } from 'vitest';
import { encodeWindows1251 } from '../../src/lib/csv/decode';
import { HomePage, ImportDialog, SheetPage } from './pages';
import { e2eSession, MOMENT } from './session';

const session = e2eSession();

const FILE = [
	'ФИО;Телефон;Дата рождения;Примечание',
	'\u202eИванова\u202c Анна;8 912 345-67-89 / 8 (343) 222-33-44;14977;звонить\x01 утром',
	'Петрова Ольга;8 912 345-67-90 или 8 (343) 222-33-45;05.03.1941;',
	'Сидоров Иван;8 912 345-67-93 или 222-33;1941;'
].join('\r\n');

describe('odd values of a file', () => {
	it('are read as the file meant them, said in the report, and a colleague sees the same list', async () => {
		const anna = await session.operator('Анна');
		const home = await new HomePage(anna.page).goto(session.app.url);
		const sheet = await home.createSheet('Обзвон: странные значения', 'Обзвон');
		const boris = await session.operator('Борис');
		const colleague = await SheetPage.open(
			boris.page,
			anna.page.url(),
			'Обзвон: странные значения'
		);
		const dialog = await new ImportDialog(anna.page).open();
		await dialog.choose({ name: 'список отдела.csv', buffer: Buffer.from(FILE + '\r\n', 'utf8') });
		await dialog.duplicates();
		const report = (await dialog.run('Пропустить повторы')).replace(/\s+/g, ' ');
		expect(report).toContain('Добавлено строк: 3');
		expect(report).toContain('Исправлено');
		expect(report).toContain('Удалены невидимые управляющие символы');
		expect(report).toContain('Число из Excel прочитано как дата: 01.01.1941');
		expect(report).toContain('Значений исправлено при импорте: 3');
		expect(report).toContain('В ячейке несколько номеров, и не каждый из них — верный номер');
		// Сидоров's two numbers, one of them short, and his year alone.
		expect(report).toContain('Значений не по формату: 2');
		await dialog.close();
		const expected = [
			{
				ФИО: 'Иванова Анна',
				Телефон: '+7 (912) 345-67-89, +7 (343) 222-33-44',
				'Дата рождения': '01.01.1941',
				Примечание: 'звонить утром'
			},
			{
				ФИО: 'Петрова Ольга',
				Телефон: '+7 (912) 345-67-90, +7 (343) 222-33-45',
				'Дата рождения': '05.03.1941',
				Примечание: ''
			},
			{
				ФИО: 'Сидоров Иван',
				Телефон: '8 912 345-67-93 или 222-33',
				'Дата рождения': '1941',
				Примечание: ''
			}
		];
		const titles = ['ФИО', 'Телефон', 'Дата рождения', 'Примечание'];
		await expect.poll(() => sheet.rows(titles), MOMENT).toEqual(expected);
		await expect.poll(() => colleague.rows(titles), MOMENT).toEqual(expected);
	});

	it('read again in another encoding, a no-break space the new letters hold becomes an ordinary one', async () => {
		// The worker skips the per-cell look for hidden characters and odd spaces in a file its
		// bytes say is plain (plainBytes): the answer must not outlive the encoding it was read in.
		// Windows-1251's «љ» (0x9A) is KOI8-R's no-break space; the titles read the same in both.
		const anna = await session.operator('Анна');
		const home = await new HomePage(anna.page).goto(session.app.url);
		const sheet = await home.createSheet('Обзвон: другая кодировка', 'Обзвон');
		const text = 'Name;Phone\r\nИвановаљАнна;8 912 345-67-89\r\nПетрова Ольга;8 912 345-67-90\r\n';
		const bytes = encodeWindows1251(text).bytes;
		const dialog = await new ImportDialog(anna.page).open();
		await dialog.choose({ name: 'список.csv', buffer: Buffer.from(bytes) });
		const encoding = dialog.dialog.getByLabel('Кодировка');
		await expect
			.poll(() => encoding.locator('option:checked').textContent(), MOMENT)
			.toBe('Автоматически (Windows-1251)');
		// Analysed once as Windows-1251 (plain: «љ» is a letter), then read again as KOI8-R.
		await dialog.duplicates();
		await encoding.selectOption('koi8-r');
		await expect.poll(() => encoding.inputValue()).toBe('koi8-r');
		const koi8 = new TextDecoder('koi8-r').decode(bytes).split('\r\n')[1].split(';')[0];
		expect(koi8).toContain('\u00a0');
		await dialog.run('Добавить все строки');
		await dialog.close();
		await expect
			.poll(() => sheet.columnValues('ФИО'), MOMENT)
			.toEqual([koi8.replace('\u00a0', ' '), expect.any(String)]);
	});
});
