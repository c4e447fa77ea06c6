/**
 * The choice filter counts the rows of each value, as Excel's and Google Sheets' filters do
 * (found by exploration: at the end of the day the coordinator reports how many residents were
 * reached, not reached or need help, and had to tick each option of «Результат звонка» and read
 * «показано: N» six times). Counted over the rows the other filters and the search let through,
 * not this filter's own ticks; kept up to date while the list is open; grouped as Russian
 * writes numbers.
 */
import { describe, expect, it } from 'vitest';
import { choiceFilterCounts, HomePage } from './pages';
import { screenshot } from './setup';
import { e2eSession, MOMENT } from './session';

const session = e2eSession();

describe('the choice filter counts the rows of each value', () => {
	it('over the rows the other filters and the search show, as rows change', async () => {
		const anna = await session.operator('Анна');
		const page = anna.page;
		const home = await new HomePage(page).goto(session.app.url);
		const sheet = await home.createSheet('Обзвон: итоги дня');
		const colleague = await session.colleague(sheet.id);
		const cols = Object.fromEntries(colleague.sheet.columns().map((c) => [c.title, c.id]));
		const older = 'Старше 65 лет';
		const other = 'Другое';
		// 1 013 residents: 1 000 reached (600 of them over 65), 7 not reached (3 over 65), 2 who
		// need help (both over 65, both Королёв), one «Отказался» written by hand (no option, kept
		// and flagged), 3 not called yet.
		const rows: string[][] = [];
		for (let i = 0; i < 1000; i++)
			rows.push([`Житель ${i}`, i < 600 ? older : other, 'дозвонились']);
		for (let i = 0; i < 7; i++)
			rows.push([`Недозвон ${i}`, i < 3 ? older : other, 'не дозвонились']);
		rows.push(['Королёв Иван', older, 'нужна помощь'], ['Королёва Анна', older, 'нужна помощь']);
		rows.push(['Смирнов Олег', other, 'Отказался']);
		for (let i = 0; i < 3; i++) rows.push([`Новый ${i}`, other, '']);
		const ids = colleague.sheet.addRows({
			columns: [cols['ФИО'], cols['Категория'], cols['Результат звонка']],
			rows
		});
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(1013);

		await page.getByRole('checkbox', { name: 'Фильтры' }).check();
		await sheet.revealColumn('Результат звонка');
		const opener = page.getByRole('button', { name: /^Фильтр «Результат звонка»/ });
		const filter = page.getByRole('group', { name: 'Фильтр «Результат звонка»' });
		await opener.click();
		await filter.waitFor();
		const all = {
			'Выбрать все': '1 013',
			дозвонились: '1 000',
			'не дозвонились': '7',
			перезвонить: '0',
			'неверный номер': '0',
			отказ: '0',
			'нужна помощь': '2',
			// A value that is no option is listed with its rows, so that the counts add up.
			Отказался: '1',
			'(пусто)': '3'
		};
		await expect.poll(() => choiceFilterCounts(filter), MOMENT).toEqual(all);
		// The checkbox is named by its value; its count describes it.
		const help = filter.getByRole('checkbox', { name: 'нужна помощь', exact: true });
		await expect.poll(() => help.getAttribute('aria-describedby')).toBeTruthy();

		// A colleague logs a call while the list is open (nothing filtered: the row is written
		// in place): the counts follow.
		colleague.sheet.setCell(ids[999], cols['Результат звонка'], 'нужна помощь');
		await expect
			.poll(() => choiceFilterCounts(filter), MOMENT)
			.toEqual({ ...all, дозвонились: '999', 'нужна помощь': '3' });
		colleague.sheet.setCell(ids[999], cols['Результат звонка'], 'дозвонились');
		await expect.poll(() => choiceFilterCounts(filter), MOMENT).toEqual(all);

		// Ticking options does not change the counts: they ignore this filter's own ticks.
		await filter.getByRole('checkbox', { name: 'Выбрать все' }).uncheck();
		await filter.getByRole('checkbox', { name: 'нужна помощь', exact: true }).check();
		await expect
			.poll(() => sheet.columnValues('ФИО'), MOMENT)
			.toEqual(['Королёв Иван', 'Королёва Анна']);
		expect(await choiceFilterCounts(filter)).toEqual(all);
		await screenshot(page, 'choice-filter-counts');
		// Filtered now (a transaction per change): a colleague's edit is counted too.
		colleague.sheet.setCell(ids[1012], cols['Результат звонка'], 'нужна помощь');
		await expect
			.poll(() => choiceFilterCounts(filter), MOMENT)
			.toEqual({ ...all, 'нужна помощь': '3', '(пусто)': '2' });
		colleague.sheet.setCell(ids[1012], cols['Результат звонка'], '');
		await expect.poll(() => choiceFilterCounts(filter), MOMENT).toEqual(all);
		await filter.getByRole('checkbox', { name: 'Выбрать все' }).check();
		await page.keyboard.press('Escape');
		await filter.waitFor({ state: 'detached' });

		// Another column filtered: only its rows are counted.
		await sheet.revealColumn('Категория');
		await page.getByRole('button', { name: /^Фильтр «Категория»/ }).click();
		const category = page.getByRole('group', { name: 'Фильтр «Категория»' });
		await category.getByRole('checkbox', { name: 'Выбрать все' }).uncheck();
		await category.getByRole('checkbox', { name: older, exact: true }).check();
		await expect
			.poll(() => page.getByRole('contentinfo').textContent(), MOMENT)
			.toMatch(/показано:\s605/);
		await page.keyboard.press('Escape');
		await category.waitFor({ state: 'detached' });
		await sheet.revealColumn('Результат звонка');
		await opener.click();
		await filter.waitFor();
		const olderOnly = {
			...all,
			'Выбрать все': '605',
			дозвонились: '600',
			'не дозвонились': '3',
			Отказался: '0',
			'(пусто)': '0'
		};
		await expect.poll(() => choiceFilterCounts(filter), MOMENT).toEqual(olderOnly);
		await page.keyboard.press('Escape');
		await filter.waitFor({ state: 'detached' });

		// And the search: only the rows it finds.
		await page.getByRole('searchbox', { name: 'Поиск по списку' }).fill('королев');
		await expect.poll(() => sheet.columnValues('ФИО'), MOMENT).toHaveLength(2);
		await opener.click();
		await filter.waitFor();
		await expect
			.poll(() => choiceFilterCounts(filter), MOMENT)
			.toEqual({
				...olderOnly,
				'Выбрать все': '2',
				дозвонились: '0',
				'не дозвонились': '0'
			});
	});
});
