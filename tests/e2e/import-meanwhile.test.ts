/**
 * The list changes while the coordinator maps her file: found by exploration, the duplicates
 * were searched for once, when the mapping step opened, and the import went by that search —
 * a colleague who imported the same department file meanwhile, or typed in a resident who
 * called, got every one of them twice, «Пропустить повторы» chosen or not.
 */
import { describe, expect, it } from 'vitest';
import { encodeWindows1251 } from '../../src/lib/csv';
import { HomePage, ImportDialog, OFFLINE, SAVED, SheetPage } from './pages';
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

/** A line coming back: the relay's reconnect waits a while. */
const RECONNECT = { timeout: 30_000, interval: 100 };
const TWICE = 'теперь в списке дважды';

describe('the same file imported twice at once, one operator offline', () => {
	it('tells both operators, and «Убрать повторы» leaves each resident once', async () => {
		// Found by exploration: each import searched for repeats in its own copy of the list, so
		// when Анна's line came back every resident was in the list twice, and nothing said so.
		const anna = await session.operator('Анна');
		const home = await new HomePage(anna.page).goto(session.app.url);
		const sheet = await home.createSheet('Обзвон отдела 65+', 'Обзвон');
		const boris = await session.operator('Борис');
		const colleague = await SheetPage.open(boris.page, anna.page.url(), 'Обзвон отдела 65+');
		for (const s of [sheet, colleague]) await expect.poll(() => s.status(), MOMENT).toBe(SAVED);

		// Анна, offline, imports the department's file; Борис, online, imports it too.
		await anna.context.setOffline(true);
		await expect.poll(() => sheet.status(), MOMENT).toBe(OFFLINE);
		const hers = await new ImportDialog(anna.page).open();
		await hers.choose(FILE);
		expect(await hers.run('Пропустить повторы')).toContain('Добавлено строк: 3');
		await hers.close();
		const his = await new ImportDialog(boris.page).open();
		await his.choose(FILE);
		expect(await his.run('Пропустить повторы')).toContain('Добавлено строк: 3');
		await his.close();

		// Her line comes back: every resident twice, and each is told, once, by whom.
		await anna.context.setOffline(false);
		for (const s of [sheet, colleague]) await expect.poll(() => s.rowCount(), RECONNECT).toBe(6);
		const toAnna = anna.page
			.getByRole('status')
			.getByText(
				'Борис импортировал(а) тот же файл «список отдела.csv», пока вы были без связи друг с другом: жителей теперь в списке дважды — 3.',
				{ exact: true }
			);
		const toBoris = boris.page
			.getByRole('status')
			.getByText(
				'Анна импортировал(а) тот же файл «список отдела.csv», пока вы были без связи друг с другом: жителей теперь в списке дважды — 3.',
				{ exact: true }
			);
		await toAnna.waitFor({ timeout: 5_000 });
		await toBoris.waitFor({ timeout: 5_000 });
		expect(await anna.page.getByText(TWICE, { exact: false }).count()).toBe(1);

		// Борис removes the repeats: both end with each resident once, and Анна's notice goes.
		await colleague.toastButton('Убрать повторы').click();
		const once = ['Иванова Анна Петровна', 'Новикова Вера', 'Петров Пётр Ильич'];
		for (const s of [sheet, colleague]) {
			await expect.poll(() => s.rowCount(), MOMENT).toBe(3);
			expect((await s.columnValues('ФИО')).sort()).toEqual(once);
		}
		await toAnna.waitFor({ state: 'hidden', timeout: 5_000 });
		await toBoris.waitFor({ state: 'hidden', timeout: 5_000 });
		// One undo step, as any delete: Ctrl+Z brings them back, Ctrl+Shift+Z takes them away.
		await colleague.pressUndo();
		for (const s of [sheet, colleague]) await expect.poll(() => s.rowCount(), MOMENT).toBe(6);
		await colleague.pressRedo();
		for (const s of [sheet, colleague]) await expect.poll(() => s.rowCount(), MOMENT).toBe(3);
		for (const s of [sheet, colleague]) await expect.poll(() => s.status(), RECONNECT).toBe(SAVED);
	});

	it('says nothing of an ordinary second import, made knowing the first', async () => {
		const anna = await session.operator('Анна');
		const home = await new HomePage(anna.page).goto(session.app.url);
		const sheet = await home.createSheet('Обзвон отдела 80+', 'Обзвон');
		const boris = await session.operator('Борис');
		await SheetPage.open(boris.page, anna.page.url(), 'Обзвон отдела 80+');
		let dialog = await new ImportDialog(anna.page).open();
		await dialog.choose(FILE);
		expect(await dialog.run('Пропустить повторы')).toContain('Добавлено строк: 3');
		await dialog.close();
		// The same file again, every line added as she chose: twice, but by her own choice.
		dialog = await new ImportDialog(anna.page).open();
		await dialog.choose(FILE);
		expect(await dialog.run('Добавить все строки')).toContain('Добавлено строк: 3');
		await dialog.close();
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(6);
		await anna.page.waitForTimeout(1_000);
		for (const o of [anna, boris])
			expect(await o.page.getByText(TWICE, { exact: false }).count()).toBe(0);
	});
});
