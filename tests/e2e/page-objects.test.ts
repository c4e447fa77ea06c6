/**
 * The page objects themselves: what they read of the grid is what the operator would see on
 * scrolling there. AG Grid draws only the columns in sight (and a few beside them), so a
 * reader that took the DOM as it was read a column out of sight as empty, or missed it: a call
 * list is wider than a phone, and wider than a laptop's screen from «Примечание» on.
 */
import { describe, expect, it } from 'vitest';
import { HomePage } from './pages';
import { e2eSession } from './session';
import { PHONE } from './setup';

const session = e2eSession();

const TITLES = ['ФИО', 'Адрес', 'Попытки', 'Примечание'];
const EXPECTED = [
	{ ФИО: 'Иванова Анна', Адрес: 'Невский 1', Попытки: '1', Примечание: 'после 18:00' },
	{ ФИО: 'Петров Пётр', Адрес: 'Садовая 7', Попытки: '2', Примечание: 'глуховат' },
	{ ФИО: 'Сидорова Вера', Адрес: 'Лиговский 5', Попытки: '3', Примечание: 'внучка Оля' }
];

describe('the page objects read every column of a wide list', () => {
	it('read a call list on a phone whichever column is in sight, first or last', async () => {
		const anna = await session.operator('Анна', { viewport: PHONE });
		const home = await new HomePage(anna.page).goto(session.app.url);
		const sheet = await home.createSheet('Обзвон: чтение столбцов', 'Обзвон');
		// ФИО, Телефон, Адрес, Дата рождения, Категория, Результат звонка, Попытки, Оператор,
		// Дата звонка, Примечание.
		await sheet.paste(
			'new',
			'ФИО',
			EXPECTED.map((r) =>
				[r.ФИО, '', r.Адрес, '', '', '', r.Попытки, '', '', r.Примечание].join('\t')
			).join('\r\n') + '\r\n'
		);
		await expect.poll(() => sheet.rowCount()).toBe(3);

		// Every column at once, the grid scrolled wherever the paste left it.
		expect(await sheet.rows(TITLES)).toEqual(EXPECTED);

		// The last column read while the grid shows its first ones, and the other way round.
		await sheet.revealColumn('ФИО');
		expect(await sheet.columnValues('Примечание')).toEqual(EXPECTED.map((r) => r.Примечание));
		expect(await sheet.rowsWithClass('Примечание', 'ag-cell')).toEqual([0, 1, 2]);
		await sheet.revealColumn('ФИО');
		expect(await sheet.cellText(2, 'Примечание')).toBe('внучка Оля');
		expect(await sheet.columnValues('Адрес')).toEqual(EXPECTED.map((r) => r.Адрес));
		expect(await sheet.rows(TITLES)).toEqual(EXPECTED);
		expect(await sheet.rows([...TITLES].reverse())).toEqual(EXPECTED);
	});

	it('selectRows ticks the rows of a congratulation campaign, its «Подарочный набор» boxes aside', async () => {
		const anna = await session.operator('Анна');
		const home = await new HomePage(anna.page).goto(session.app.url);
		const sheet = await home.createSheet('Поздравления: выбор строк', 'Поздравления');
		await sheet.paste('new', 'ФИО', 'Иванова Анна\r\nПетров Пётр\r\n');
		await expect.poll(() => sheet.rowCount()).toBe(2);
		// Found by exploration: the box of the row matched two elements, hers and the set's.
		await sheet.selectRows([0, 1]);
		await expect.poll(() => sheet.deleteRowsButton.textContent()).toBe('Удалить строки (2)');
	});
});
