/**
 * The grid's own editors and the choice filter, as an operator uses them: a date picked from
 * the calendar or typed (a wrong one kept and flagged), a choice made with the keyboard alone or
 * one click, a choice column filtered by a set of options that survives a reload.
 */
import { describe, expect, it } from 'vitest';
import { editorClosed, HomePage, nearestDate, SheetPage, typeOnRussianKeyboard } from './pages';
import { PHONE, screenshot } from './setup';
import { e2eSession, MOMENT } from './session';

const session = e2eSession();

async function callList(title: string, viewport?: { width: number; height: number }) {
	const anna = await session.operator('Анна', viewport ? { viewport } : {});
	const sheet = await new HomePage(anna.page)
		.goto(session.app.url)
		.then((h) => h.createSheet(title));
	return { anna, sheet, page: anna.page };
}

describe('the grid’s editors', () => {
	it('a date is picked from the calendar or typed; a wrong one is kept and flagged', async () => {
		const { sheet, page } = await callList('Обзвон: даты');
		await sheet.addRow('Иванова Мария');
		await sheet.addRow('Петров Пётр');

		// The calendar button sits next to the typed date. Tab stores the date and goes to the
		// next cell, as everywhere (found by exploration: Tab went to the button, and the note
		// typed next was lost); what she types there starts its editor.
		await (await sheet.cell(1, 'Дата рождения')).dblclick();
		await sheet.focusedEditor.waitFor();
		const pick = page.getByRole('button', { name: 'Выбрать дату в календаре' });
		await pick.waitFor();
		await screenshot(page, 'grid-date-editor-1366');
		await sheet.focusedEditor.fill('05.03.1941');
		await page.keyboard.press('Tab');
		// The next cell's editor is open (as Tab does while editing); Esc leaves it unchanged.
		await expect
			.poll(() => page.locator('.ag-cell-inline-editing, .ag-popup-editor').count(), MOMENT)
			.toBe(1);
		expect(await page.locator('.shtab-date-pick').count()).toBe(0);
		await page.keyboard.press('Escape');
		await editorClosed(page);
		await expect.poll(() => sheet.cellText(1, 'Дата рождения'), MOMENT).toBe('05.03.1941');
		const next = await page.evaluate(() => document.activeElement?.getAttribute('col-id'));
		expect(next).not.toBe(await sheet.columnId('Дата рождения'));
		expect(next).toBeTruthy();
		await (await sheet.cell(0, 'Дата рождения')).dblclick();
		await sheet.focusedEditor.waitFor();

		// Picking a day writes it into the field the Russian way; Enter stores it.
		await page.locator('.shtab-date-picker').fill('1945-05-09');
		await expect.poll(() => sheet.focusedEditor.inputValue(), MOMENT).toBe('09.05.1945');
		await page.keyboard.press('Enter');
		await editorClosed(page);
		await expect.poll(() => sheet.cellText(0, 'Дата рождения'), MOMENT).toBe('09.05.1945');

		// Esc cancels.
		await (await sheet.cell(0, 'Дата рождения')).dblclick();
		await sheet.focusedEditor.fill('01.01.2000');
		await page.keyboard.press('Escape');
		await editorClosed(page);
		expect(await sheet.cellText(0, 'Дата рождения')).toBe('09.05.1945');

		// The calendar opens on the date in the field; a day picked there replaces it. (The
		// browser's own popup is recorded, not drawn: headless Chromium keeps it open after a
		// `fill`, where a click on a day closes it.)
		await page.evaluate(() => {
			HTMLInputElement.prototype.showPicker = function () {
				(window as unknown as { openedOn: string }).openedOn = this.value;
			};
		});
		await (await sheet.cell(0, 'Дата рождения')).dblclick();
		await sheet.focusedEditor.waitFor();
		await page.keyboard.press('Alt+ArrowDown');
		expect(await page.evaluate(() => (window as unknown as { openedOn: string }).openedOn)).toBe(
			'1945-05-09'
		);
		await page.evaluate(() => ((window as unknown as { openedOn: string }).openedOn = ''));
		await pick.click();
		expect(await page.evaluate(() => (window as unknown as { openedOn: string }).openedOn)).toBe(
			'1945-05-09'
		);
		const picker = page.locator('.shtab-date-picker');
		// A date of birth: the calendar offers no day after today.
		const now = new Date();
		const today = [now.getFullYear(), now.getMonth() + 1, now.getDate()]
			.map((n) => String(n).padStart(2, '0'))
			.join('-');
		expect(await picker.getAttribute('max')).toBe(today);
		await picker.fill('1945-05-10');
		await expect.poll(() => sheet.focusedEditor.inputValue(), MOMENT).toBe('10.05.1945');
		await page.keyboard.press('Enter');
		await editorClosed(page);
		await expect.poll(() => sheet.cellText(0, 'Дата рождения'), MOMENT).toBe('10.05.1945');

		// Typed as before: a good date is stored, a wrong one kept as typed and flagged.
		await sheet.editCell(1, 'Дата рождения', '5.3.1950');
		await expect.poll(() => sheet.cellText(1, 'Дата рождения'), MOMENT).toBe('05.03.1950');
		// A date of birth after today (the century mistyped) is kept as typed and flagged.
		await sheet.editCell(1, 'Дата рождения', '12.05.2045');
		const future = await sheet.cell(1, 'Дата рождения');
		await expect.poll(() => future.getAttribute('class'), MOMENT).toContain('shtab-invalid');
		expect(await future.textContent()).toBe('12.05.2045');
		expect(await sheet.tooltip(future)).toContain('Дата рождения позже сегодняшнего дня');
		await sheet.editCell(1, 'Дата звонка', '31.02.2024');
		const wrong = await sheet.cell(1, 'Дата звонка');
		await expect.poll(() => wrong.textContent(), MOMENT).toBe('31.02.2024');
		await expect.poll(() => wrong.getAttribute('class'), MOMENT).toContain('shtab-invalid');
		expect(await sheet.tooltip(wrong)).toContain('Такой даты нет');
		// Reopened, the wrong text is there to be corrected.
		await wrong.dblclick();
		await sheet.focusedEditor.waitFor();
		expect(await sheet.focusedEditor.inputValue()).toBe('31.02.2024');
		await page.keyboard.press('Escape');
		await editorClosed(page);

		// A date-time column: the picker gives the day and the time.
		await sheet.addColumn('Перезвонить в', 'Дата и время');
		await (await sheet.cell(0, 'Перезвонить в')).dblclick();
		await sheet.focusedEditor.waitFor();
		await page.getByRole('button', { name: 'Выбрать дату и время в календаре' }).waitFor();
		await page.locator('.shtab-date-picker').fill('2024-03-05T14:30');
		await expect.poll(() => sheet.focusedEditor.inputValue(), MOMENT).toBe('05.03.2024 14:30');
		await page.keyboard.press('Enter');
		await editorClosed(page);
		await expect.poll(() => sheet.cellText(0, 'Перезвонить в'), MOMENT).toBe('05.03.2024 14:30');

		// A day of this year typed short (found by exploration: «5.12» was kept as a wrong
		// value); not in a date of birth, which is never this year's.
		// (The day nearest to today: `07.01` typed in December is next January's.)
		await sheet.editCell(0, 'Дата звонка', '5.12 14:30');
		await expect
			.poll(() => sheet.cellText(0, 'Дата звонка'), MOMENT)
			.toBe(`${nearestDate(5, 12)} 14:30`);
		await sheet.editCell(0, 'Перезвонить в', '7/1 9:05');
		await expect
			.poll(() => sheet.cellText(0, 'Перезвонить в'), MOMENT)
			.toBe(`${nearestDate(7, 1)} 09:05`);
		await sheet.editCell(1, 'Дата рождения', '5.12');
		const short = await sheet.cell(1, 'Дата рождения');
		// (The cell was flagged before, 12.05.2045: the new text is waited for first.)
		await expect.poll(() => short.textContent(), MOMENT).toBe('5.12');
		expect(await short.getAttribute('class')).toContain('shtab-invalid');
	});

	it('text pasted into an open editor loses its invisible control characters, as a block pasted onto cells does (found in review)', async () => {
		const { anna, sheet, page } = await callList('Обзвон: вставка в редактор');
		await anna.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
			origin: session.app.url
		});
		await sheet.addRow('Иванова Мария');
		const colleague = await session.colleague(sheet.id);
		const cols = Object.fromEntries(colleague.sheet.columns().map((c) => [c.title, c.id]));
		const [rowId] = colleague.sheet.rowIds();
		/** Opens the cell's editor, selects its text and pastes `text` with Ctrl+V, as she would. */
		const pasteInto = async (title: string, text: string, field: string) => {
			await sheet.revealColumn(title);
			await (await sheet.cell(0, title)).dblclick();
			const input = page.locator(field);
			await input.waitFor();
			await input.focus();
			await page.keyboard.press('Control+a');
			await page.evaluate((t) => navigator.clipboard.writeText(t), text);
			await page.keyboard.press('Control+v');
			// What the browser pasted, before the editor closes.
			const value = await input.inputValue();
			await page.keyboard.press('Enter');
			await editorClosed(page);
			return value;
		};
		// A name copied from a chat: a zero-width space inside it, a bidirectional override after.
		const inline = '.ag-cell-inline-editing input[type="text"]';
		expect(await pasteInto('ФИО', 'Смир\u200bнова\u202e Анна', inline)).toBe('Смирнова Анна');
		await expect
			.poll(() => colleague.sheet.getCell(rowId, cols['ФИО']), MOMENT)
			.toBe('Смирнова Анна');
		// A date from a web page between bidirectional marks: read as the date, not flagged.
		expect(await pasteInto('Дата рождения', '\u202a05.03.1941\u202c', inline)).toBe('05.03.1941');
		await expect
			.poll(() => colleague.sheet.getCell(rowId, cols['Дата рождения']), MOMENT)
			.toBe('1941-03-05');
		// The long text's popup editor, and a soft hyphen.
		expect(await pasteInto('Примечание', 'звонить\u00ad утром', '.ag-popup-editor textarea')).toBe(
			'звонить утром'
		);
		await expect
			.poll(() => colleague.sheet.getCell(rowId, cols['Примечание']), MOMENT)
			.toBe('звонить утром');
		// A paste with nothing hidden is the browser's own, as before.
		expect(await pasteInto('ФИО', 'Смирнова Анна Петровна', inline)).toBe('Смирнова Анна Петровна');
	});

	it('a choice is made with the keyboard alone, or with one click on the option', async () => {
		const { sheet, page } = await callList('Обзвон: выбор');
		for (const name of ['Иванова', 'Петров', 'Сидорова']) await sheet.addRow(name);
		const outcome = 'Результат звонка';

		// From «ФИО», arrows reach the column; F2 opens the list at once; arrows move, Enter picks.
		await (await sheet.cell(0, 'ФИО')).click();
		for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
		await expect
			.poll(async () => (await sheet.cell(0, outcome)).getAttribute('class'))
			.toContain('ag-cell-focus');
		await page.keyboard.press('F2');
		const list = page.getByRole('listbox', { name: outcome });
		await list.waitFor();
		await expect.poll(() => list.getByRole('option').count()).toBe(7);
		await screenshot(page, 'grid-choice-editor-1366');
		await page.keyboard.press('ArrowDown');
		await page.keyboard.press('ArrowDown');
		await expect
			.poll(() => list.getByRole('option', { selected: true }).textContent())
			.toBe('не дозвонились');
		await page.keyboard.press('Enter');
		await editorClosed(page);
		await expect.poll(() => sheet.cellText(0, outcome), MOMENT).toBe('не дозвонились');

		// Typing opens the list narrowed to what was typed; Enter picks the first match.
		await (await sheet.cell(1, outcome)).click();
		await typeOnRussianKeyboard(page, 'пере');
		await expect.poll(() => list.getByRole('option').allTextContents()).toEqual(['перезвонить']);
		await page.keyboard.press('Enter');
		await editorClosed(page);
		await expect.poll(() => sheet.cellText(1, outcome), MOMENT).toBe('перезвонить');

		// Alt+↓ opens the list as a spreadsheet's drop-down; Esc leaves the cell as it was.
		await (await sheet.cell(0, outcome)).click();
		await page.keyboard.press('Alt+ArrowDown');
		await list.waitFor();
		expect(await list.getByRole('option', { selected: true }).textContent()).toBe('не дозвонились');
		await page.keyboard.press('ArrowDown');
		await page.keyboard.press('Escape');
		await editorClosed(page);
		expect(await sheet.cellText(0, outcome)).toBe('не дозвонились');

		// A double click opens the list; one click on an option stores it.
		await (await sheet.cell(2, outcome)).dblclick();
		await list.getByRole('option', { name: 'неверный номер' }).click();
		await editorClosed(page);
		await expect.poll(() => sheet.cellText(2, outcome), MOMENT).toBe('неверный номер');

		// "(пусто)" clears the cell.
		await (await sheet.cell(2, outcome)).click();
		await page.keyboard.press('F2');
		await list.getByRole('option', { name: '(пусто)' }).click();
		await expect.poll(() => sheet.cellText(2, outcome), MOMENT).toBe('');
	});

	/**
	 * Found by exploration (a day of the request board): an operator with the English interface
	 * typed «done» in the Russian board's «Статус»; it was kept as a value no option has, and the
	 * day's report counted one request fewer «выполнена».
	 */
	it('in a Russian list, an operator with the English interface picks an option by its English name', async () => {
		const anna = await session.operator('Анна');
		const sheet = await new HomePage(anna.page)
			.goto(session.app.url)
			.then((h) => h.createSheet('Заявки: по-английски', 'Заявки'));
		await sheet.addRow('Иванова Мария');
		const status = await sheet.columnId('Статус');

		const ann = await session.operator('Ann');
		const page = ann.page;
		await new HomePage(page).goto(session.app.url);
		await page.getByRole('button', { name: 'Язык интерфейса' }).click();
		await page.getByRole('heading', { level: 1, name: 'Headquarters lists' }).waitFor();
		await SheetPage.open(page, anna.page.url(), 'Заявки: по-английски');
		const cell = page.locator(`.ag-row[row-index="0"] .ag-cell[col-id="${status}"]`);
		await cell.click();
		await page.keyboard.type('done');
		const list = page.getByRole('listbox', { name: 'Статус' });
		await expect.poll(() => list.getByRole('option').allTextContents()).toEqual(['выполнена']);
		await page.keyboard.press('Enter');
		await editorClosed(page);
		await expect.poll(() => cell.textContent(), MOMENT).toBe('выполнена');
		expect(await cell.getAttribute('class')).not.toContain('shtab-invalid');
		await expect.poll(() => sheet.cellText(0, 'Статус'), MOMENT).toBe('выполнена');
	});

	/**
	 * Found in review (as in the «Волонтёр» field): AG Grid keeps a popup inside the grid only
	 * while it opens, so on the last row or in the «+» line a letter that names no option and
	 * then Backspace brought back the whole list under the field, below the window.
	 */
	it('a choice list that grows back at the grid’s foot stays inside the grid', async () => {
		const anna = await session.operator('Анна');
		const board = await new HomePage(anna.page)
			.goto(session.app.url)
			.then((h) => h.createSheet('Заявки: 12 жителей', 'Заявки'));
		const colleague = await session.colleague(board.id);
		const cols = Object.fromEntries(colleague.sheet.columns().map((c) => [c.title, c.id]));
		const rows = Array.from({ length: 12 }, (_, i) => [`Житель ${i + 1}`]);
		colleague.sheet.addRows({ columns: [cols['ФИО']], rows });
		await expect.poll(() => board.rowCount(), MOMENT).toBe(12);

		const { page } = board;
		await board.revealColumn('Вид помощи');
		const list = page.getByRole('listbox', { name: 'Вид помощи' });
		for (const [where, cell] of [
			['last-row', await board.cell(11, 'Вид помощи')],
			['new-row', await board.newRowCell('Вид помощи')]
		] as const) {
			await cell.click();
			await page.keyboard.type('q');
			await expect.poll(() => list.getByRole('option').count()).toBe(0);
			await page.waitForTimeout(400); // AG Grid stops following the popup's size after 200 ms
			await page.keyboard.press('Backspace');
			// «(пусто)» and the nine kinds of help.
			await expect.poll(() => list.getByRole('option').count()).toBe(10);
			await screenshot(page, `grid-choice-foot-${where}-1366`);
			const grid = await page.getByRole('grid').boundingBox();
			const popup = await page.locator('.ag-popup-editor').boundingBox();
			const viewport = page.viewportSize();
			expect(grid && popup && popup.y + popup.height <= grid.y + grid.height + 1).toBe(true);
			expect(popup && viewport && popup.y + popup.height <= viewport.height).toBe(true);
			expect(popup && popup.y >= (grid?.y ?? 0)).toBe(true);
			await page.keyboard.press('Escape');
			await editorClosed(page);
		}
	});

	it('on the grid’s last rows the field stays on the resident it edits, the list opening above it (found by exploration)', async () => {
		// AG Grid kept the popup inside the grid by moving it up whole: on the last row shown the
		// field of «Результат звонка» stood over the row four rows above, and stayed there when
		// the list grew short again; the operator logged a call over another resident's row.
		const { sheet, page } = await callList('Обзвон: выбор внизу');
		const names = Array.from({ length: 30 }, (_, i) => `Житель ${String(i + 1).padStart(2, '0')}`);
		await sheet.paste('new', 'ФИО', names.join('\r\n') + '\r\n');
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(30);
		// The last row shown whole above the «+» line.
		const last = await page.evaluate(() => {
			const line = document.querySelector('.shtab-new-row')!.getBoundingClientRect();
			const rows = [...document.querySelectorAll('.ag-row[row-index]:not(.shtab-new-row)')];
			return Math.max(
				...rows
					.filter((r) => {
						const box = r.getBoundingClientRect();
						return box.height > 0 && box.bottom <= line.top;
					})
					.map((r) => Number(r.getAttribute('row-index')))
			);
		});
		expect(last).toBeGreaterThan(4);
		/** Whether the field's middle is within the row edited (the cell's box), the popup inside the grid. */
		const onItsRow = async (column: string) => {
			const cell = (await (await sheet.cell(last, column)).boundingBox())!;
			const field = (await page.getByRole('combobox', { name: column }).boundingBox())!;
			const grid = (await page.getByRole('grid').boundingBox())!;
			const popup = (await page.locator('.ag-popup-editor').boundingBox())!;
			const middle = field.y + field.height / 2;
			return {
				onRow: middle > cell.y && middle < cell.y + cell.height,
				inside: popup.y >= grid.y - 1 && popup.y + popup.height <= grid.y + grid.height + 1
			};
		};
		const both = { onRow: true, inside: true };
		await (await sheet.cell(last, 'Результат звонка')).click();
		await page.keyboard.press('F2');
		const list = page.getByRole('listbox', { name: 'Результат звонка' });
		await expect.poll(() => list.getByRole('option').count()).toBe(7);
		await page.waitForTimeout(400); // AG Grid stops following the popup's size after 200 ms
		await screenshot(page, 'grid-choice-last-row-1366');
		expect(await onItsRow('Результат звонка')).toEqual(both);
		// A letter no option has, Backspace (the whole list back), then «не»: two options left.
		await page.keyboard.type('я');
		await expect.poll(() => list.getByRole('option').count()).toBe(0);
		await page.keyboard.press('Backspace');
		await expect.poll(() => list.getByRole('option').count()).toBe(7);
		expect(await onItsRow('Результат звонка')).toEqual(both);
		await page.keyboard.type('не');
		await expect.poll(() => list.getByRole('option').count()).toBe(2);
		expect(await onItsRow('Результат звонка')).toEqual(both);
		await page.keyboard.press('Enter');
		await editorClosed(page);
		await expect.poll(() => sheet.cellText(last, 'Результат звонка')).toBe('не дозвонились');

		// The names' list of «Оператор» the same way.
		await sheet.revealColumn('Оператор');
		await (await sheet.cell(last, 'Оператор')).click();
		await page.keyboard.press('F2');
		await page.getByRole('listbox', { name: 'Оператор' }).waitFor();
		await page.waitForTimeout(400);
		expect(await onItsRow('Оператор')).toEqual(both);
		await page.keyboard.press('Escape');
		await editorClosed(page);
	});

	it('a choice column filtered by a set of options shows only those rows, also after a reload', async () => {
		const { sheet, page } = await callList('Обзвон: фильтр по выбору');
		await sheet.paste(
			'new',
			'ФИО',
			[
				'Яковлева\t\t\t\t\tне дозвонились',
				'Абрамов\t\t\t\t\tдозвонились',
				'Михайлова\t\t\t\t\tперезвонить',
				'Орлов\t\t\t\t\t'
			].join('\r\n')
		);
		await expect
			.poll(() => sheet.columnValues('ФИО'), MOMENT)
			.toEqual(['Яковлева', 'Абрамов', 'Михайлова', 'Орлов']);

		await page.getByRole('checkbox', { name: 'Фильтры' }).check();
		const opener = page.getByRole('button', { name: /^Фильтр «Результат звонка»/ });
		await expect.poll(() => opener.textContent()).toBe('Все');
		await opener.click();
		const filter = page.getByRole('group', { name: 'Фильтр «Результат звонка»' });
		await filter.waitFor();
		// A checkbox per option, with "(пусто)" and "Выбрать все".
		const boxes = await filter
			.getByRole('checkbox')
			.evaluateAll((els) => els.map((el) => el.closest('label')?.textContent ?? ''));
		expect(boxes).toEqual([
			'Выбрать все',
			'дозвонились',
			'не дозвонились',
			'перезвонить',
			'неверный номер',
			'отказ',
			'нужна помощь',
			'(пусто)'
		]);
		await filter.getByRole('checkbox', { name: 'Выбрать все' }).uncheck();
		await expect.poll(() => sheet.columnValues('ФИО'), MOMENT).toEqual([]);
		await filter.getByRole('checkbox', { name: 'не дозвонились', exact: true }).check();
		await filter.getByRole('checkbox', { name: 'перезвонить', exact: true }).check();
		await expect.poll(() => sheet.columnValues('ФИО'), MOMENT).toEqual(['Яковлева', 'Михайлова']);
		// The status bar says how many of the rows the filter shows.
		const footer = page.getByRole('contentinfo');
		await expect.poll(() => footer.textContent(), MOMENT).toContain('Строк: 4, показано: 2');
		await screenshot(page, 'grid-choice-filter-1366');
		await page.keyboard.press('Escape');
		await filter.waitFor({ state: 'detached' });
		await expect.poll(() => opener.textContent()).toBe('не дозвонились, перезвонить');

		// The operator's own view: it survives a reload.
		await page.reload();
		await sheet.ready();
		await expect.poll(() => sheet.columnValues('ФИО'), MOMENT).toEqual(['Яковлева', 'Михайлова']);
		await expect.poll(() => opener.textContent()).toBe('не дозвонились, перезвонить');

		// Empty cells are one more value of the set.
		await opener.click();
		await filter.getByRole('checkbox', { name: '(пусто)' }).check();
		await expect
			.poll(() => sheet.columnValues('ФИО'), MOMENT)
			.toEqual(['Яковлева', 'Михайлова', 'Орлов']);
		await filter.getByRole('checkbox', { name: 'Выбрать все' }).check();
		await expect
			.poll(() => page.getByRole('contentinfo').textContent(), MOMENT)
			.toMatch(/Строк: 4(?!,)/);
		await expect.poll(() => sheet.columnValues('ФИО'), MOMENT).toHaveLength(4);
		await page.keyboard.press('Escape');
		await expect.poll(() => opener.textContent()).toBe('Все');

		// A coordinator adds an option: the filter and the editor offer it at once.
		await (await sheet.revealColumn('Результат звонка')).click();
		const dialog = page.getByRole('dialog', { name: 'Столбец «Результат звонка»' });
		await dialog.getByRole('button', { name: 'Добавить вариант' }).click();
		await dialog.getByLabel('Вариант 7', { exact: true }).fill('переехал');
		await dialog.getByRole('button', { name: 'Сохранить' }).click();
		await dialog.waitFor({ state: 'hidden' });
		await opener.click();
		await filter.getByRole('checkbox', { name: 'переехал', exact: true }).waitFor();
		await page.keyboard.press('Escape');
		await (await sheet.cell(3, 'Результат звонка')).dblclick();
		await page
			.getByRole('listbox', { name: 'Результат звонка' })
			.getByRole('option', { name: 'переехал' })
			.click();
		await expect.poll(() => sheet.cellText(3, 'Результат звонка'), MOMENT).toBe('переехал');
	});

	it('the editors and the choice filter fit a phone', async () => {
		const { sheet, page } = await callList('Обзвон: телефон', PHONE);
		await sheet.addRow('Иванова');
		await (await sheet.revealColumn('Результат звонка')).waitFor();
		await (await sheet.cell(0, 'Результат звонка')).dblclick();
		const list = page.getByRole('listbox', { name: 'Результат звонка' });
		await list.waitFor();
		const box = await page.locator('.shtab-choice-editor').boundingBox();
		expect(box && box.x >= 0 && box.x + box.width <= PHONE.width).toBe(true);
		await screenshot(page, 'phone-choice-editor');
		await page.keyboard.press('Escape');
		await editorClosed(page);

		await page.getByRole('checkbox', { name: 'Фильтры' }).check();
		await page.getByRole('button', { name: /^Фильтр «Результат звонка»/ }).click();
		const filter = page.getByRole('group', { name: 'Фильтр «Результат звонка»' });
		await filter.waitFor();
		const filterBox = await filter.boundingBox();
		expect(filterBox && filterBox.x >= 0 && filterBox.x + filterBox.width <= PHONE.width).toBe(
			true
		);
		await screenshot(page, 'phone-choice-filter');
		await page.keyboard.press('Escape');

		await (await sheet.revealColumn('Дата рождения')).waitFor();
		await (await sheet.cell(0, 'Дата рождения')).dblclick();
		await sheet.focusedEditor.waitFor();
		await page.getByRole('button', { name: 'Выбрать дату в календаре' }).waitFor();
		await screenshot(page, 'phone-date-editor');
	});
});
