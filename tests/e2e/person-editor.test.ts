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
