/**
 * What a coordinator's evening with a request board and a congratulation campaign ran into
 * (found by exploration, helper U1): a resident's number dictated with dashes found none of her
 * requests in the search, «Заполнить столбец…» stood greyed out with no word of why, and the
 * English interface hinted «дд.мм.гггг» in its date fields.
 */
import { describe, expect, it } from 'vitest';
import { HomePage } from './pages';
import { e2eSession, MOMENT } from './session';

const session = e2eSession();

describe('a coordinator’s evening (found by exploration)', () => {
	it('the search finds a resident’s requests by her number dictated with dashes or brackets', async () => {
		const anna = await session.operator('Анна');
		const home = await new HomePage(anna.page).goto(session.app.url);
		const board = await home.createSheet('Заявки: поиск по номеру', 'Заявки');
		await board.paste(
			'new',
			'ФИО',
			[
				'Смирнова Валентина Петровна\t89111234567\tул. Бутлерова, 12\tпокупка лекарств',
				'Кузнецов Иван Фёдорович\t89217654321\tпр. Науки, 10-2-17\tоплата услуг ЖКХ',
				'Смирнова Валентина Петровна\t+7 911 123 45 67\tул. Бутлерова, 12\tвыгул собак'
			].join('\r\n') + '\r\n'
		);
		await expect.poll(() => board.rowCount(), MOMENT).toBe(3);
		const search = anna.page.getByRole('searchbox', { name: 'Поиск по списку' });
		const found = () => board.columnValues('Вид помощи');
		const hers = ['покупка лекарств', 'выгул собак'];

		// As the caller dictates it, as a note on paper has it.
		for (const typed of [
			'8-911-123-45-67',
			'8(911)123-45-67',
			'+7-911-123-45-67',
			'123-45-67',
			'8 911 123-45-67',
			'Смирнова 8-911-123-45-67'
		]) {
			await search.fill(typed);
			await expect.poll(found, MOMENT).toEqual(hers);
		}
		// Another number is not hers; a flat's «10-2-17» is still found as written.
		await search.fill('8-911-123-45-68');
		await expect.poll(found, MOMENT).toEqual([]);
		await search.fill('10-2-17');
		await expect.poll(found, MOMENT).toEqual(['оплата услуг ЖКХ']);
	});

	it('the search finds a number written in a note with spaces and brackets by its digits', async () => {
		// Found by exploration: «8 (921) 765-43-21» in a note was not found by «89217654321»
		// (only «8-921-765-43-21», without spaces, was).
		const anna = await session.operator('Анна');
		const home = await new HomePage(anna.page).goto(session.app.url);
		const board = await home.createSheet('Заявки: номер в примечании', 'Заявки');
		await board.paste(
			'new',
			'Примечание',
			[
				'дочь Ольга: 8 (921) 765-43-21, звонить после 18',
				'сын: +7 921 765 43 21',
				'родилась 1941-03-05',
				'соседка, 8 (812) 123-45-67'
			].join('\r\n') + '\r\n'
		);
		await expect.poll(() => board.rowCount(), MOMENT).toBe(4);
		const search = anna.page.getByRole('searchbox', { name: 'Поиск по списку' });
		const found = () => board.columnValues('Примечание');
		const hers = ['дочь Ольга: 8 (921) 765-43-21, звонить после 18', 'сын: +7 921 765 43 21'];
		for (const typed of ['89217654321', '9217654321', '79217654321', '8-921-765-43-21']) {
			await search.fill(typed);
			await expect.poll(found, MOMENT).toEqual(hers);
		}
		await search.fill('1941-03-05');
		await expect.poll(found, MOMENT).toEqual(['родилась 1941-03-05']);
		await search.fill('звонить после');
		await expect.poll(found, MOMENT).toEqual([hers[0]]);
		await search.fill('89217654322');
		await expect.poll(found, MOMENT).toEqual([]);
	});

	it('«Заполнить столбец…» greyed out says why: tick the rows first; in English too', async () => {
		const anna = await session.operator('Анна');
		const page = anna.page;
		const home = await new HomePage(page).goto(session.app.url);
		const campaign = await home.createSheet('Поздравление 27 января', 'Поздравления');
		await campaign.paste('new', 'ФИО', 'Иванова Мария\r\nПетров Пётр\r\n');
		await expect.poll(() => campaign.rowCount(), MOMENT).toBe(2);

		const fill = page.getByRole('button', { name: 'Заполнить столбец…' });
		expect(await fill.isDisabled()).toBe(true);
		expect(await fill.getAttribute('title')).toBe(
			'Сначала отметьте строки галочками слева (галочка в заголовке — все строки)'
		);
		await campaign.selectRows([0, 1]);
		await expect.poll(() => fill.isDisabled(), MOMENT).toBe(false);
		expect(await fill.getAttribute('title')).toBe('Заполнить столбец в выбранных строках (2)');

		// Unticked again: greyed out, and why; in English too.
		for (const row of [0, 1])
			await page
				.locator(`.ag-row[row-index="${row}"] .ag-cell[col-id="ag-Grid-SelectionColumn"]`)
				.getByRole('checkbox')
				.uncheck();
		await expect.poll(() => fill.isDisabled(), MOMENT).toBe(true);
		await page.getByRole('button', { name: 'Язык интерфейса' }).click();
		const english = page.getByRole('button', { name: 'Fill column…' });
		expect(await english.isDisabled()).toBe(true);
		expect(await english.getAttribute('title')).toBe(
			'Tick the rows first, in the boxes on the left (the box in the header ticks them all)'
		);
	});
});

describe('the English interface (found by exploration)', () => {
	it('a date field’s hint is «dd.mm.yyyy», in the filter row and in a cell’s editor', async () => {
		const anna = await session.operator('Anna');
		const page = anna.page;
		const home = await new HomePage(page).goto(session.app.url);
		const board = await home.createSheet('Заявки: даты', 'Заявки');
		await board.paste('new', 'ФИО', 'Иванова Мария\r\n');
		await expect.poll(() => board.rowCount(), MOMENT).toBe(1);
		await page.getByRole('checkbox', { name: 'Фильтры' }).check();
		const hints = () =>
			page
				.locator('.shtab-date-filter-input')
				.evaluateAll((els) => els.map((el) => (el as HTMLInputElement).placeholder));
		await board.revealColumn('Дата заявки');
		await expect.poll(hints, MOMENT).toEqual(['дд.мм.гггг']);

		await page.getByRole('button', { name: 'Язык интерфейса' }).click();
		await page.getByRole('button', { name: 'Add row', exact: true }).waitFor();
		await board.revealColumn('Дата заявки');
		await expect.poll(hints, MOMENT).toEqual(['dd.mm.yyyy']);
		await (await board.cell(0, 'Дата заявки')).dblclick();
		await board.focusedEditor.waitFor();
		expect(await board.focusedEditor.getAttribute('placeholder')).toBe('dd.mm.yyyy');
		await page.keyboard.press('Escape');
	});
});
