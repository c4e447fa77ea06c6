/**
 * The filter row and the search find residents as the coordinator writes them (found by
 * exploration): a phone by any part of it as shown or dialled, a checkbox by «да» or «нет», and
 * ё and е as the same letter («Федорова» finds «Фёдорова»).
 */
import { describe, expect, it } from 'vitest';
import { HomePage } from './pages';
import { e2eSession, MOMENT } from './session';

const session = e2eSession();

describe('filters and search read values as people write them', () => {
	it('phone by any part, checkbox by да/нет, ё as е', async () => {
		const anna = await session.operator('Анна');
		const home = await new HomePage(anna.page).goto(session.app.url);
		const sheet = await home.createSheet('Поздравления ветеранов', 'Поздравления');
		const colleague = await session.colleague(sheet.id);
		const cols = Object.fromEntries(colleague.sheet.columns().map((c) => [c.title, c.id]));
		colleague.sheet.addRows({
			columns: [cols['ФИО'], cols['Телефон'], cols['Подарочный набор']],
			rows: [
				['Фёдорова Анна', '+78125299428', 'true'],
				['Королёв Иван', '+79111234567', 'false'],
				['Семенова Мария', '+78125550000 (дочь)', '']
			]
		});
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(3);
		const shown = () => sheet.columnValues('ФИО');
		await anna.page.getByRole('checkbox', { name: 'Фильтры' }).check();
		const filter = async (title: string, text: string) => {
			await sheet.revealColumn(title);
			await anna.page.locator(`.ag-floating-filter[col-id="${cols[title]}"] input`).fill(text);
		};

		for (const text of [
			'529-94-28',
			'(812) 529',
			'8 812 529',
			'8 812 529 94 28',
			'+7 (812) 529-94-28'
		]) {
			await filter('Телефон', text);
			await expect.poll(shown, MOMENT).toEqual(['Фёдорова Анна']);
		}
		await filter('Телефон', '812');
		await expect.poll(shown, MOMENT).toEqual(['Фёдорова Анна', 'Семенова Мария']);
		// A note with the number is found as text.
		await filter('Телефон', 'дочь');
		await expect.poll(shown, MOMENT).toEqual(['Семенова Мария']);
		await filter('Телефон', '');

		await filter('Подарочный набор', 'да');
		await expect.poll(shown, MOMENT).toEqual(['Фёдорова Анна']);
		await filter('Подарочный набор', 'нет');
		await expect.poll(shown, MOMENT).toEqual(['Королёв Иван', 'Семенова Мария']);
		// As before, and as views saved before read it: the stored word.
		await filter('Подарочный набор', 'true');
		await expect.poll(shown, MOMENT).toEqual(['Фёдорова Анна']);
		await filter('Подарочный набор', '');

		await filter('ФИО', 'федорова');
		await expect.poll(shown, MOMENT).toEqual(['Фёдорова Анна']);
		await filter('ФИО', 'Семёнова');
		await expect.poll(shown, MOMENT).toEqual(['Семенова Мария']);
		await filter('ФИО', '');
		await expect.poll(shown, MOMENT).toHaveLength(3);

		const search = anna.page.getByRole('searchbox', { name: 'Поиск по списку' });
		// A number as dictated, with 8.
		for (const text of ['89111234567', '8 911 123-45-67', '8 (911) 123']) {
			await search.fill(text);
			await expect.poll(shown, MOMENT).toEqual(['Королёв Иван']);
		}
		await search.fill('Королев');
		await expect.poll(shown, MOMENT).toEqual(['Королёв Иван']);
		await search.fill('семёнова');
		await expect.poll(shown, MOMENT).toEqual(['Семенова Мария']);
		await search.fill('');
		await expect.poll(shown, MOMENT).toHaveLength(3);
	});

	it("a search that a view's filter hides says so, and searches the whole list at a click (found by exploration)", async () => {
		const anna = await session.operator('Анна');
		const home = await new HomePage(anna.page).goto(session.app.url);
		const sheet = await home.createSheet('Обзвон: поиск в виде', 'Обзвон');
		const colleague = await session.colleague(sheet.id);
		const cols = Object.fromEntries(colleague.sheet.columns().map((c) => [c.title, c.id]));
		colleague.sheet.addRows({
			columns: [cols['ФИО'], cols['Оператор']],
			rows: [
				['Иванова Мария', 'Анна'],
				['Сидорова Вера', 'Петрова'],
				['Петров Олег', 'Анна']
			]
		});
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(3);
		const page = anna.page;
		await page.getByRole('button', { name: 'Виды', exact: true }).click();
		const menu = page.getByRole('group', { name: 'Виды' });
		await menu.getByRole('button', { name: 'Мои звонки', exact: true }).click();
		await expect
			.poll(() => sheet.columnValues('ФИО'), MOMENT)
			.toEqual(['Иванова Мария', 'Петров Олег']);
		const hint = page.getByText(
			'Поиск ничего не нашёл среди строк, которые оставляют фильтры (столбцы: Оператор).'
		);
		// A resident of her own view: found, no hint.
		const search = page.getByRole('searchbox', { name: 'Поиск по списку' });
		await search.fill('Петров');
		await expect.poll(() => sheet.columnValues('ФИО'), MOMENT).toEqual(['Петров Олег']);
		expect(await hint.count()).toBe(0);
		// A resident the view hides: the hint says why, and its button searches everywhere.
		await search.fill('Сидорова');
		await hint.waitFor({ timeout: 5_000 });
		await page.getByRole('button', { name: 'Искать по всему списку' }).click();
		await expect.poll(() => sheet.columnValues('ФИО'), MOMENT).toEqual(['Сидорова Вера']);
		expect(await search.inputValue()).toBe('Сидорова');
		await hint.waitFor({ state: 'detached', timeout: 5_000 });
	});
});
