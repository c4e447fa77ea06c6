/**
 * An option renamed in the column dialog takes its cells along, and the list's views that picked
 * it pick the new name too (found by exploration: the
 * coordinator renamed «перезвонить» to «перезвонить позже», every such resident's cell turned
 * red as no option, and the filter's counts — the day's report — said «перезвонить позже: 0»
 * with the residents under a stray «перезвонить»). One undo step brings both back; a deleted
 * row restored later holds the new name too.
 */
import { describe, expect, it } from 'vitest';
import { applyView, choiceFilterCounts, HomePage, SheetPage } from './pages';
import { e2eSession, MOMENT } from './session';

const session = e2eSession();

describe('an option renamed in the column dialog', () => {
	it('is renamed in its cells for every operator, in one undo step', async () => {
		const anna = await session.operator('Анна');
		const home = await new HomePage(anna.page).goto(session.app.url);
		const sheet = await home.createSheet('Обзвон: перезвонить');
		const colleague = await session.colleague(sheet.id);
		const cols = Object.fromEntries(colleague.sheet.columns().map((c) => [c.title, c.id]));
		const ids = colleague.sheet.addRows({
			columns: [cols['ФИО'], cols['Результат звонка']],
			rows: [
				['Иванова Анна', 'не дозвонились'],
				['Петров Олег', 'перезвонить'],
				['Сидорова Нина', 'перезвонить'],
				['Козлов Пётр', 'перезвонить'],
				['Орлова Вера', 'дозвонились']
			]
		});
		// Козлов is in «Удалённые строки».
		colleague.sheet.deleteRows([ids[3]]);
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(4);

		// A hotline operator has the list open with the filter's counts.
		const boris = await session.operator('Борис');
		const borisSheet = await SheetPage.open(boris.page, anna.page.url(), 'Обзвон: перезвонить');
		await boris.page.getByRole('checkbox', { name: 'Фильтры' }).check();
		await borisSheet.revealColumn('Результат звонка');

		await (await sheet.revealColumn('Результат звонка')).click();
		const dialog = anna.page.getByRole('dialog', { name: 'Столбец «Результат звонка»' });
		await dialog.getByLabel('Вариант 3', { exact: true }).fill('перезвонить позже');
		await dialog.getByRole('button', { name: 'Сохранить' }).click();
		await dialog.waitFor({ state: 'hidden' });

		const renamed = ['не дозвонились', 'перезвонить позже', 'перезвонить позже', 'дозвонились'];
		await expect.poll(() => sheet.columnValues('Результат звонка'), MOMENT).toEqual(renamed);
		await expect.poll(() => borisSheet.columnValues('Результат звонка'), MOMENT).toEqual(renamed);
		// The coordinator is told (the deleted resident is not counted: he is not in the list).
		expect(await anna.page.getByRole('status').textContent()).toContain(
			'Новое название варианта записано в ячейки: 2'
		);
		// None is flagged as no option.
		expect(await borisSheet.rowsWithClass('Результат звонка', 'shtab-invalid')).toEqual([]);
		await boris.page.getByRole('button', { name: /^Фильтр «Результат звонка»/ }).click();
		const filter = boris.page.getByRole('group', { name: 'Фильтр «Результат звонка»' });
		await filter.waitFor();
		await expect
			.poll(() => choiceFilterCounts(filter), MOMENT)
			.toEqual({
				'Выбрать все': '4',
				дозвонились: '1',
				'не дозвонились': '1',
				'перезвонить позже': '2',
				'неверный номер': '0',
				отказ: '0',
				'нужна помощь': '0',
				'(пусто)': '0'
			});
		await boris.page.keyboard.press('Escape');
		await filter.waitFor({ state: 'detached' });
		// The list's view «Перезвонить» still finds them.
		await applyView(boris.page, 'Перезвонить');
		await expect
			.poll(() => borisSheet.columnValues('ФИО'), MOMENT)
			.toEqual(['Петров Олег', 'Сидорова Нина']);
		await boris.page.getByRole('button', { name: 'Сбросить сортировку и фильтры' }).click();
		// The deleted resident comes back under the new name.
		expect(colleague.sheet.getCell(ids[3], cols['Результат звонка'])).toBe('перезвонить позже');

		// One undo step: the option and its cells as they were.
		await anna.page.getByRole('button', { name: 'Отменить', exact: true }).click();
		const before = ['не дозвонились', 'перезвонить', 'перезвонить', 'дозвонились'];
		await expect.poll(() => borisSheet.columnValues('Результат звонка'), MOMENT).toEqual(before);
		await expect
			.poll(() => colleague.sheet.column(cols['Результат звонка'])?.options?.[2]?.value, MOMENT)
			.toBe('перезвонить');
		expect(await borisSheet.rowsWithClass('Результат звонка', 'shtab-invalid')).toEqual([]);
		// And the view still finds them under the old name.
		await applyView(boris.page, 'Перезвонить');
		await expect
			.poll(() => borisSheet.columnValues('ФИО'), MOMENT)
			.toEqual(['Петров Олег', 'Сидорова Нина']);
	});
});
