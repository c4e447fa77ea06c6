/**
 * The list changes while the coordinator maps her file: found by exploration, the duplicates
 * were searched for once, when the mapping step opened, and the import went by that search —
 * a colleague who imported the same department file meanwhile, or typed in a resident who
 * called, got every one of them twice, «Пропустить повторы» chosen or not.
 */
import { describe, expect, it } from 'vitest';
import { encodeWindows1251 } from '../../src/lib/csv';
import { HomePage, ImportDialog, SheetPage } from './pages';
import { e2eSession, MOMENT } from './session';

const session = e2eSession();

const FILE = {
	name: 'список отдела.csv',
	buffer: Buffer.from(
		encodeWindows1251(
			[
				'ФИО;Тел.;Д/р',
				'Иванова Анна Петровна;8 (812) 123-45-67;05.03.1941',
				'Петров Пётр Ильич;+7 911 000-11-22;12.04.1950',
				'Новикова Вера;8 921 111-22-33;02.02.1950'
			].join('\r\n') + '\r\n'
		).bytes
	)
};

describe('an import into a list that changes while it is mapped', () => {
	it('skips the residents a colleague imported from the same file meanwhile', async () => {
		const anna = await session.operator('Анна');
		const home = await new HomePage(anna.page).goto(session.app.url);
		const sheet = await home.createSheet('Обзвон отдела', 'Обзвон');
		const boris = await session.operator('Борис');
		const colleague = await SheetPage.open(boris.page, anna.page.url(), 'Обзвон отдела');

		// Анна picks the department's file; the list is empty as she maps it.
		const dialog = await new ImportDialog(anna.page).open();
		await dialog.choose(FILE);
		expect(await dialog.duplicates()).toContain('в этом списке: 0');
		// Борис imports the same file meanwhile.
		const his = await new ImportDialog(boris.page).open();
		await his.choose(FILE);
		expect(await his.run('Пропустить повторы')).toContain('Добавлено строк: 3');
		await his.close();
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(3);

		// Анна's import finds them in the list now: nothing is added twice.
		const report = await dialog.run('Пропустить повторы');
		expect(report).toContain('Добавлено строк: 0');
		expect(report).toContain('Пропущено повторов: 3');
		await dialog.close();
		expect(await sheet.rowCount()).toBe(3);
		await expect.poll(() => colleague.rowCount(), MOMENT).toBe(3);
		expect((await sheet.columnValues('ФИО')).sort()).toEqual([
			'Иванова Анна Петровна',
			'Новикова Вера',
			'Петров Пётр Ильич'
		]);
	});

	it('still names a resident on another list when the list changed before «Импортировать»', async () => {
		// Found in review: the search made again at «Импортировать» left the other lists out.
		const n = String(Date.now() % 100_000).padStart(5, '0');
		const anna = await session.operator('Анна');
		let home = await new HomePage(anna.page).goto(session.app.url);
		const board = await home.createSheet(`Заявки ${n}`, 'Заявки');
		await board.addRow('Орлова Нина Ивановна');
		await board.editCell(0, 'Телефон', `8 921 ${n.slice(0, 3)}-${n.slice(3)}-01`);
		home = await board.back();
		const sheet = await home.createSheet(`Обзвон ${n}`, 'Обзвон');
		const boris = await session.operator('Борис');
		const colleague = await SheetPage.open(boris.page, anna.page.url(), `Обзвон ${n}`);

		const dialog = await new ImportDialog(anna.page).open();
		await dialog.choose({
			name: 'обзвон.csv',
			buffer: Buffer.from(
				`ФИО;Телефон\r\nОрлова Нина Ивановна;+7 921 ${n.slice(0, 3)}-${n.slice(3)}-01\r\n`
			)
		});
		expect(await dialog.duplicates()).toContain('в других списках: 1');
		// Борис types in a resident who called: the list is searched again at «Импортировать».
		await colleague.addRow('Новикова Вера');
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(1);

		const report = await dialog.run('Добавить все строки');
		expect(report).toContain('Добавлено строк: 1');
		expect(report).toContain(`Заявки ${n}`);
		await dialog.close();
	});
});
