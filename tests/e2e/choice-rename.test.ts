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

describe('an operator filtering on an option a coordinator renames (found by exploration)', () => {
	it('keeps her residents on her screen: her own filter follows the new name, after a reload and an undo too', async () => {
		const anna = await session.operator('Анна');
		const home = await new HomePage(anna.page).goto(session.app.url);
		const sheet = await home.createSheet('Обзвон: её фильтр');
		const colleague = await session.colleague(sheet.id);
		const cols = Object.fromEntries(colleague.sheet.columns().map((c) => [c.title, c.id]));
		colleague.sheet.addRows({
			columns: [cols['ФИО'], cols['Результат звонка']],
			rows: [
				['Иванова Анна', 'не дозвонились'],
				['Петров Олег', 'перезвонить'],
				['Сидорова Нина', 'перезвонить']
			]
		});
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(3);

		// Вера ticks «перезвонить» alone in the filter of «Результат звонка».
		const vera = await session.operator('Вера');
		const veraSheet = await SheetPage.open(vera.page, anna.page.url(), 'Обзвон: её фильтр');
		await vera.page.getByRole('checkbox', { name: 'Фильтры' }).check();
		await veraSheet.revealColumn('Результат звонка');
		const button = vera.page.getByRole('button', { name: /^Фильтр «Результат звонка»/ });
		await button.click();
		const filter = vera.page.getByRole('group', { name: 'Фильтр «Результат звонка»' });
		await filter.getByRole('checkbox', { name: 'Выбрать все' }).uncheck();
		await filter.getByRole('checkbox', { name: 'перезвонить', exact: true }).check();
		await vera.page.keyboard.press('Escape');
		await filter.waitFor({ state: 'detached' });
		const hers = ['Петров Олег', 'Сидорова Нина'];
		await expect.poll(() => veraSheet.columnValues('ФИО'), MOMENT).toEqual(hers);

		// The coordinator renames the option.
		await (await sheet.revealColumn('Результат звонка')).click();
		const dialog = anna.page.getByRole('dialog', { name: 'Столбец «Результат звонка»' });
		await dialog.getByLabel('Вариант 3', { exact: true }).fill('перезвонить позже');
		await dialog.getByRole('button', { name: 'Сохранить' }).click();
		await dialog.waitFor({ state: 'hidden' });

		await expect
			.poll(() => veraSheet.columnValues('Результат звонка'), MOMENT)
			.toEqual(['перезвонить позже', 'перезвонить позже']);
		expect(await veraSheet.columnValues('ФИО')).toEqual(hers);
		// Her filter says what it shows, and its list ticks the option by its new name.
		await expect(button.getAttribute('aria-label')).resolves.toBe(
			'Фильтр «Результат звонка»: перезвонить позже'
		);
		await button.click();
		await expect
			.poll(() => filter.getByRole('checkbox', { name: 'перезвонить позже' }).isChecked(), MOMENT)
			.toBe(true);
		expect(await filter.getByRole('checkbox', { name: 'не дозвонились' }).isChecked()).toBe(false);
		await vera.page.keyboard.press('Escape');
		await filter.waitFor({ state: 'detached' });

		// The same after a reload: her view is kept in her browser.
		await SheetPage.open(vera.page, anna.page.url(), 'Обзвон: её фильтр');
		await expect.poll(() => veraSheet.columnValues('ФИО'), MOMENT).toEqual(hers);

		// The coordinator undoes the rename: her residents are still there, as «перезвонить».
		await anna.page.getByRole('button', { name: 'Отменить', exact: true }).click();
		await expect
			.poll(() => veraSheet.columnValues('Результат звонка'), MOMENT)
			.toEqual(['перезвонить', 'перезвонить']);
		expect(await veraSheet.columnValues('ФИО')).toEqual(hers);
	});
});
