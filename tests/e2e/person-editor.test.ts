/**
 * The «Волонтёр» field of the request board completes a typed name (found by a coordinator:
 * «Дми» + Enter stored «Дми», and the request never showed in Дмитрий's «Мои заявки»).
 */
import { describe, expect, it } from 'vitest';
import { applyView, editorClosed, HomePage, SheetPage, typeOnRussianKeyboard } from './pages';
import { screenshot } from './setup';
import { e2eSession, MOMENT } from './session';

const session = e2eSession();

describe('the volunteer field of the request board', () => {
	it('completes a typed name: one match on Enter, another with ↓; a new name is kept as typed', async () => {
		const anna = await session.operator('Анна');
		const board = await new HomePage(anna.page)
			.goto(session.app.url)
			.then((h) => h.createSheet('Заявки: волонтёры', 'Заявки'));
		for (const name of ['Иванова Мария', 'Петров Иван', 'Сидорова Анна', 'Кузнецов Олег'])
			await board.addRow(name);
		// Дмитрий, a volunteer, has the board open: the coordinator's field knows his name.
		const dmitry = await session.operator('Дмитрий');
		const his = await SheetPage.open(dmitry.page, anna.page.url(), 'Заявки: волонтёры');
		await expect.poll(() => board.presenceNames(), MOMENT).toContain('Дмитрий');

		const { page } = board;
		const list = page.getByRole('listbox', { name: 'Волонтёр' });
		const field = page.getByRole('combobox', { name: 'Волонтёр' });
		const marked = () => list.getByRole('option', { selected: true }).textContent();

		// «Дми» + Enter: the one name it starts is taken whole, and Enter goes down a row.
		await board.revealColumn('Волонтёр');
		await (await board.cell(0, 'Волонтёр')).click();
		await typeOnRussianKeyboard(page, 'Дми');
		await expect.poll(() => list.getByRole('option').allTextContents()).toEqual(['Дмитрий']);
		expect(await marked()).toBe('Дмитрий');
		expect(await field.getAttribute('aria-activedescendant')).toBe(
			await list.getByRole('option', { selected: true }).getAttribute('id')
		);
		await screenshot(page, 'person-editor-1366');
		await page.keyboard.press('Enter');
		await editorClosed(page);
		await expect.poll(() => board.cellText(0, 'Волонтёр'), MOMENT).toBe('Дмитрий');
		await expect
			.poll(async () => (await board.cell(1, 'Волонтёр')).getAttribute('class'))
			.toContain('ag-cell-focus');

		// A name nobody has yet is kept as typed.
		await typeOnRussianKeyboard(page, 'Дмитриева Ольга');
		await page.getByText('Такого имени ещё нет — Enter сохранит как набрано').waitFor();
		expect(await list.isVisible()).toBe(false);
		await page.keyboard.press('Enter');
		await editorClosed(page);
		await expect.poll(() => board.cellText(1, 'Волонтёр'), MOMENT).toBe('Дмитриева Ольга');

		// Two names start «дми»: ↓ marks the second, Enter takes it.
		await (await board.cell(2, 'Волонтёр')).click();
		await typeOnRussianKeyboard(page, 'дми');
		await expect
			.poll(() => list.getByRole('option').allTextContents())
			.toEqual(['Дмитриева Ольга', 'Дмитрий']);
		expect(await marked()).toBe('Дмитриева Ольга');
		await page.keyboard.press('ArrowDown');
		await expect.poll(marked).toBe('Дмитрий');
		await page.keyboard.press('Enter');
		await editorClosed(page);
		await expect.poll(() => board.cellText(2, 'Волонтёр'), MOMENT).toBe('Дмитрий');

		// «Ольга» starts a word of «Дмитриева Ольга»; a new volunteer Ольга is kept with Esc, Enter.
		await (await board.cell(3, 'Волонтёр')).click();
		await typeOnRussianKeyboard(page, 'Ольга');
		await expect.poll(marked).toBe('Дмитриева Ольга');
		await page.getByText('Esc, затем Enter — оставить как набрано').waitFor();
		await page.keyboard.press('Escape');
		await list.waitFor({ state: 'hidden' });
		expect(await field.inputValue()).toBe('Ольга');
		await page.keyboard.press('Enter');
		await editorClosed(page);
		await expect.poll(() => board.cellText(3, 'Волонтёр'), MOMENT).toBe('Ольга');

		// Esc twice: the list, then the edit; the cell keeps its name.
		await (await board.cell(3, 'Волонтёр')).click();
		await typeOnRussianKeyboard(page, 'Д');
		await list.waitFor();
		await page.keyboard.press('Escape');
		await list.waitFor({ state: 'hidden' });
		await page.keyboard.press('Escape');
		await editorClosed(page);
		expect(await board.cellText(3, 'Волонтёр')).toBe('Ольга');

		// A double click lists every name known, hers too; one click takes one; Ctrl+Z undoes it.
		// (More than the undo's 500 ms after «Ольга»: a step of its own, as a person takes.)
		await page.waitForTimeout(600);
		await (await board.cell(3, 'Волонтёр')).dblclick();
		await expect
			.poll(() => list.getByRole('option').allTextContents())
			.toEqual(['Анна', 'Дмитриева Ольга', 'Дмитрий', 'Ольга']);
		expect(await marked()).toBe('Ольга');
		await list.getByRole('option', { name: 'Анна', exact: true }).click();
		await editorClosed(page);
		await expect.poll(() => board.cellText(3, 'Волонтёр'), MOMENT).toBe('Анна');
		await page.keyboard.press('Control+z');
		await expect.poll(() => board.cellText(3, 'Волонтёр'), MOMENT).toBe('Ольга');

		// Дмитрий's «Мои заявки» shows the two requests the coordinator gave him.
		await applyView(dmitry.page, 'Мои заявки');
		await expect
			.poll(() => his.columnValues('ФИО'), MOMENT)
			.toEqual(['Иванова Мария', 'Сидорова Анна']);
	});
});

describe('the volunteer field on a board with many volunteers (found in review)', () => {
	it('starts empty on Backspace, keeps the keyboard on a click on its hint, and keeps its list inside the grid', async () => {
		const anna = await session.operator('Анна');
		const board = await new HomePage(anna.page)
			.goto(session.app.url)
			.then((h) => h.createSheet('Заявки: 200 волонтёров', 'Заявки'));
		const colleague = await session.colleague(board.id);
		const cols = Object.fromEntries(colleague.sheet.columns().map((c) => [c.title, c.id]));
		const rows = Array.from({ length: 200 }, (_, i) => {
			const n = String(i).padStart(3, '0');
			return [`Житель ${n}`, `Волонтёр ${n}`];
		});
		rows.push(['Житель 200', '<img src=x onerror=alert(1)>']);
		colleague.sheet.addRows({ columns: [cols['ФИО'], cols['Волонтёр']], rows });
		await expect.poll(() => board.rowCount(), MOMENT).toBe(201);

		const { page } = board;
		const list = page.getByRole('listbox', { name: 'Волонтёр' });
		const field = page.getByRole('combobox', { name: 'Волонтёр' });
		const marked = () => list.getByRole('option', { selected: true }).textContent();
		await board.revealColumn('Волонтёр');

		// F2: every name, hers marked; PgDn goes 8 down and shows it. A name that is HTML is text.
		await (await board.cell(0, 'Волонтёр')).click();
		await page.keyboard.press('F2');
		await expect.poll(() => list.getByRole('option').count()).toBe(202);
		expect(await marked()).toBe('Волонтёр 000');
		await page.keyboard.press('PageDown');
		await page.keyboard.press('PageDown');
		await expect.poll(marked).toBe('Волонтёр 016');
		const shown = await list.boundingBox();
		const item = await list.getByRole('option', { selected: true }).boundingBox();
		expect(
			item && shown && item.y >= shown.y && item.y + item.height <= shown.y + shown.height + 1
		).toBe(true);
		await page.keyboard.press('Control+a');
		await typeOnRussianKeyboard(page, '<im');
		await expect
			.poll(() => list.getByRole('option').allTextContents())
			.toEqual(['<img src=x onerror=alert(1)>']);
		expect(await page.locator('.ag-popup-editor img').count()).toBe(0);
		await page.keyboard.press('Escape');
		await page.keyboard.press('Escape');
		await editorClosed(page);

		// Backspace on a cell with a name starts the field empty (as in the other cells): every
		// name listed, none marked, and Enter empties the cell. It opened on the name, kept.
		await (await board.cell(1, 'Волонтёр')).click();
		await page.keyboard.press('Backspace');
		await list.waitFor();
		expect(await field.inputValue()).toBe('');
		expect(await list.getByRole('option', { selected: true }).count()).toBe(0);
		await page.keyboard.press('Enter');
		await editorClosed(page);
		await expect.poll(() => board.cellText(1, 'Волонтёр'), MOMENT).toBe('');

		// A click on the hint under the field leaves the keyboard in the field: what she types
		// next is not lost (the focus went to the popup, and «q» went nowhere).
		await (await board.cell(2, 'Волонтёр')).click();
		await page.keyboard.type('zz');
		const hint = page.getByText('Такого имени ещё нет — Enter сохранит как набрано');
		await hint.click();
		await page.keyboard.type('q');
		expect(await field.inputValue()).toBe('zzq');
		await page.keyboard.press('Escape');
		await editorClosed(page);

		// In the «+» line, at the grid's foot: «Я» (no name), then Backspace — the list of every
		// name that comes back stays inside the grid (it grew below the window, two names shown).
		await (await board.newRowCell('Волонтёр')).click();
		await typeOnRussianKeyboard(page, 'Я');
		await hint.waitFor();
		await page.waitForTimeout(400); // AG Grid stops following the popup's size after 200 ms
		await page.keyboard.press('Backspace');
		await list.waitFor();
		await screenshot(page, 'person-editor-foot-1366');
		const grid = await page.getByRole('grid').boundingBox();
		const popup = await page.locator('.ag-popup-editor').boundingBox();
		expect(grid && popup && popup.y + popup.height <= grid.y + grid.height + 1).toBe(true);
		expect(popup && popup.y >= (grid?.y ?? 0)).toBe(true);
		await page.keyboard.press('Escape');
		await editorClosed(page);
	});
});
