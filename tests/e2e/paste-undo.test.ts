/**
 * A coordinator moves the volunteers' roster in from Excel by copy and paste and fixes her
 * mistakes with Ctrl+Z (found by exploration): what her undo did must be seen where she looks.
 */
import { describe, expect, it } from 'vitest';
import { HomePage } from './pages';
import { e2eSession } from './session';

const session = e2eSession();

describe('paste and undo as a coordinator does them', () => {
	it('an undo of a paste far down the list scrolls to the rows it changed back', async () => {
		const anna = await session.operator('Анна');
		const sheet = await new HomePage(anna.page)
			.goto(session.app.url)
			.then((h) => h.createSheet('Волонтёры: отмена вставки', 'Другое'));
		const roster = Array.from({ length: 300 }, (_, i) => `Волонтёр ${i + 1}\tпн, ср`);
		await sheet.paste('new', 'Название', roster.join('\r\n') + '\r\n');
		await expect.poll(() => sheet.rowCount()).toBe(300);

		// Far down the list she pastes the days of three volunteers over theirs.
		const viewport = anna.page.locator('.ag-grid-viewport').first();
		const row = (i: number) => anna.page.locator(`.ag-row[row-index="${i}"]:not(.shtab-new-row)`);
		await viewport.evaluate((el) => (el.scrollTop = el.scrollHeight));
		await expect.poll(() => row(280).count()).toBe(1);
		await sheet.paste(280, 'Примечание', 'сб\r\nсб\r\nсб\r\n');
		await expect.poll(() => sheet.cellText(281, 'Примечание')).toBe('сб');

		// Back at the top of the list, she presses Ctrl+Z: the grid shows those rows again, with
		// the days they had. Without it the screen did not change, and a second Ctrl+Z took back
		// the step before too (here: the whole roster).
		await viewport.evaluate((el) => (el.scrollTop = 0));
		await (await sheet.cell(0, 'Название')).click();
		await sheet.pressUndo();
		await expect.poll(() => row(281).isVisible()).toBe(true);
		await expect.poll(() => sheet.cellText(281, 'Примечание')).toBe('пн, ср');
		const [cell, port] = await Promise.all([row(281).boundingBox(), viewport.boundingBox()]);
		if (!cell || !port) throw new Error('grid not drawn');
		// On the screen, not only drawn in the grid's buffer above or below it.
		expect(cell.y).toBeGreaterThanOrEqual(port.y);
		expect(cell.y + cell.height).toBeLessThanOrEqual(port.y + port.height);

		// Her redo, from the top again, goes there too.
		await viewport.evaluate((el) => (el.scrollTop = 0));
		await expect.poll(() => row(281).isVisible()).toBe(false);
		await sheet.pressRedo();
		await expect.poll(() => row(281).isVisible()).toBe(true);
		await expect.poll(() => sheet.cellText(281, 'Примечание')).toBe('сб');
	});

	it('a paste into a filtered list says how many of its rows the filters hide', async () => {
		const anna = await session.operator('Анна');
		const sheet = await new HomePage(anna.page)
			.goto(session.app.url)
			.then((h) => h.createSheet('Волонтёры: вставка под фильтром', 'Другое'));
		await sheet.addColumn('Район');
		await sheet.paste(
			'new',
			'Название',
			'Иванова\t\tКалининский\r\nПетров\t\tВыборгский\r\nСидорова\t\tКалининский\r\n'
		);
		await expect.poll(() => sheet.rowCount()).toBe(3);
		await anna.page.getByRole('checkbox', { name: 'Фильтры' }).check();
		const district = await sheet.columnId('Район');
		await anna.page.locator(`.ag-floating-filter[col-id="${district}"] input`).fill('Калин');
		await expect.poll(() => sheet.columnValues('Название')).toEqual(['Иванова', 'Сидорова']);

		// Two new volunteers pasted into the «+» line, one of them without a district: that one
		// is not shown under her filter. She is told, or she would paste it again.
		await sheet.paste('new', 'Название', 'Новиков\t\t\r\nОрлова\t\tКалининский\r\n');
		await anna.page
			.getByRole('status')
			.getByText(
				'Вставлено строк: 2, из них новых: 2. Из них не видно сейчас (скрыты поиском или фильтрами): 1.'
			)
			.waitFor();
		await expect
			.poll(() => sheet.columnValues('Название'))
			.toEqual(['Иванова', 'Сидорова', 'Орлова']);
		await anna.page.getByRole('contentinfo').getByText('Строк: 5, показано: 3').waitFor();

		// A paste that shows all its rows says nothing more.
		await sheet.paste(0, 'Примечание', 'звонить вечером');
		await anna.page
			.getByRole('status')
			.getByText('Вставлено строк: 1, из них новых: 0.', { exact: true })
			.waitFor();
	});

	it('a paste wider than the columns to the right says what it left out', async () => {
		const anna = await session.operator('Анна');
		const sheet = await new HomePage(anna.page)
			.goto(session.app.url)
			.then((h) => h.createSheet('Волонтёры: широкая вставка', 'Другое'));
		await sheet.addColumn('Телефон', 'Телефон');
		await sheet.paste('new', 'Название', 'Иванова\t\t\r\nПетров\t\t\r\n');
		await expect.poll(() => sheet.rowCount()).toBe(2);

		// Note, phone and district copied from Excel, pasted into the note column: the district
		// has no column there and is left out.
		await sheet.paste(
			0,
			'Примечание',
			'после 18:00\t8 (912) 345-67-89\tКалининский\r\n\t8 912 000-11-22\tВыборгский\r\n'
		);
		await anna.page
			.getByRole('status')
			.getByText(
				'Вставлено строк: 2, из них новых: 0. Не вставлено столбцов: 1 — справа от места вставки нет для них столбцов. Отменить — Ctrl+Z.'
			)
			.waitFor();
		await expect.poll(() => sheet.columnValues('Примечание')).toEqual(['после 18:00', '']);
		expect(await sheet.columnValues('Телефон')).toEqual([
			'+7 (912) 345-67-89',
			'+7 (912) 000-11-22'
		]);
		await sheet.pressUndo();
		await expect.poll(() => sheet.columnValues('Телефон')).toEqual(['', '']);

		// Empty cells past the last column (Excel copies the row's empty tail) lose nothing.
		await sheet.paste(0, 'Примечание', 'после 18:00\t8 (912) 345-67-89\t\t\r\n');
		await anna.page
			.getByRole('status')
			.getByText('Вставлено строк: 1, из них новых: 0.', { exact: true })
			.waitFor();
		expect(await sheet.cellText(0, 'Телефон')).toBe('+7 (912) 345-67-89');
	});
});
