/** The list of sheets, as one operator uses it: create, rename, delete and restore, language. */
import { describe, expect, it } from 'vitest';
import { HomePage, SheetPage } from './pages';
import { unexpectedConsoleErrors } from './setup';
import { e2eSession } from './session';

const session = e2eSession();

describe('the workspace', () => {
	it('opens in Russian, asks the operator name on the first visit and keeps it', async () => {
		const anna = await session.operator('Анна', { askName: true });
		const { page } = anna;
		await page.goto(session.app.url);

		const ask = page.getByRole('dialog', { name: 'Как вас зовут?' });
		await ask.waitFor();
		await ask.getByLabel('Имя оператора').fill('Анна');
		await ask.getByRole('button', { name: 'Сохранить' }).click();
		await ask.waitFor({ state: 'hidden' });

		await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('ru');
		await page.getByRole('heading', { level: 1, name: 'Списки штаба' }).waitFor();
		// The name is shown in the header (the button changes it).
		await page.getByRole('banner').getByRole('button', { name: 'Анна' }).waitFor();

		await page.reload();
		await page.getByRole('heading', { level: 1, name: 'Списки штаба' }).waitFor();
		expect(await page.getByRole('dialog', { name: 'Как вас зовут?' }).count()).toBe(0);
		expect(unexpectedConsoleErrors(anna)).toEqual([]);
	});

	it('creates, renames and deletes a sheet; delete asks first and the sheet comes back', async () => {
		const anna = await session.operator('Анна');
		const home = await new HomePage(anna.page).goto(session.app.url);

		const sheet = await home.createSheet('Обзвон 65+ Калининский', 'Обзвон');
		await expect.poll(() => sheet.heading.textContent()).toBe('Обзвон 65+ Калининский');
		// A call list starts with the columns of its template.
		await sheet.columnMenuButton('ФИО').waitFor();
		await sheet.columnMenuButton('Телефон').waitFor();
		expect(await sheet.rowCount()).toBe(0);

		await sheet.back();
		expect(await home.sheetTitles()).toContain('Обзвон 65+ Калининский');

		await home.rename('Обзвон 65+ Калининский', 'Обзвон 65+ Ленинский');
		expect(await home.sheetTitles()).toContain('Обзвон 65+ Ленинский');
		expect(await home.sheetTitles()).not.toContain('Обзвон 65+ Калининский');

		// From the keyboard (found by exploration: the focus stayed on the button, Esc did
		// nothing): the field takes the focus with the title selected, Esc cancels, Enter saves,
		// and the focus comes back to the row's «Переименовать».
		const renameButton = anna.page.getByRole('button', {
			name: 'Переименовать: Обзвон 65+ Ленинский',
			exact: true
		});
		await renameButton.focus();
		await anna.page.keyboard.press('Enter');
		const field = anna.page.getByRole('textbox', { name: 'Переименовать', exact: true });
		await expect.poll(() => field.evaluate((el) => el === document.activeElement)).toBe(true);
		await anna.page.keyboard.type('Черновик');
		await anna.page.keyboard.press('Escape');
		await field.waitFor({ state: 'detached' });
		expect(await home.sheetTitles()).toContain('Обзвон 65+ Ленинский');
		await expect
			.poll(() => renameButton.evaluate((el) => el === document.activeElement))
			.toBe(true);
		await anna.page.keyboard.press('Enter');
		await anna.page.keyboard.press('End');
		await anna.page.keyboard.type(' (дом 5)');
		await anna.page.keyboard.press('Enter');
		await field.waitFor({ state: 'detached' });
		expect(await home.sheetTitles()).toContain('Обзвон 65+ Ленинский (дом 5)');
		await home.rename('Обзвон 65+ Ленинский (дом 5)', 'Обзвон 65+ Ленинский');

		// Delete asks first; "Отмена" keeps the sheet.
		const dialog = await home.askDelete('Обзвон 65+ Ленинский');
		await dialog.getByText('Удалить список «Обзвон 65+ Ленинский»?').waitFor();
		await dialog.getByRole('button', { name: 'Отмена' }).click();
		await dialog.waitFor({ state: 'hidden' });
		expect(await home.sheetTitles()).toContain('Обзвон 65+ Ленинский');

		// Confirmed, it goes; the toast's "Отменить" brings it back.
		await home.delete('Обзвон 65+ Ленинский');
		const toast = anna.page
			.getByRole('status')
			.filter({ hasText: 'Список «Обзвон 65+ Ленинский» удалён.' });
		await toast.getByRole('button', { name: 'Отменить' }).click();
		await home.link('Обзвон 65+ Ленинский').waitFor();

		// Deleted again, it waits in "Недавно удалённые" and is restored from there.
		await home.delete('Обзвон 65+ Ленинский');
		await home.recentlyDeleted.getByText('Недавно удалённые (1)').waitFor();
		await home.restore('Обзвон 65+ Ленинский');
		expect(await home.recentlyDeleted.count()).toBe(0);

		// All of it is kept: after a reload the sheet and its new title are still there.
		await anna.page.reload();
		await home.link('Обзвон 65+ Ленинский').waitFor();
		expect(unexpectedConsoleErrors(anna)).toEqual([]);
	});

	it('«Название не может быть пустым» goes as she types a title, and the title-taken warning shows', async () => {
		const anna = await session.operator('Анна');
		const home = await new HomePage(anna.page).goto(session.app.url);
		await home.createSheet('Обзвон 90+ Приморский', 'Обзвон');
		const page = (await new HomePage(anna.page).goto(session.app.url)).page;
		const form = page.getByRole('form', { name: 'Новый список' });
		await form.getByRole('button', { name: 'Создать' }).click();
		await form.getByText('Название не может быть пустым').waitFor();
		// Found by looking at the page: the error stayed under a typed title, and hid the warning
		// that the title is taken.
		await form.getByLabel('Название').fill('Обзвон 90+ Приморский');
		await form.getByText('уже есть').waitFor({ timeout: 5_000 });
		expect(await form.getByText('Название не может быть пустым').count()).toBe(0);
	});

	it('from the keyboard, a sheet deleted or restored leaves the focus on the next one of its list', async () => {
		const anna = await session.operator('Анна');
		const { page } = anna;
		const home = await new HomePage(page).goto(session.app.url);
		for (const title of ['Фокус: Адмиралтейский', 'Фокус: Выборгский', 'Фокус: Кировский']) {
			await (await home.createSheet(title)).back();
		}
		const focused = () =>
			page.evaluate(() => {
				const el = document.activeElement;
				if (!el || el === document.body) return '(the page)';
				return el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? '';
			});
		/** «Удалить» of a sheet, confirmed, all by keyboard. */
		async function deleteByKeyboard(title: string) {
			await page.getByRole('button', { name: `Удалить: ${title}`, exact: true }).focus();
			await page.keyboard.press('Enter');
			const dialog = page.getByRole('dialog', { name: 'Удалить' });
			await dialog.waitFor();
			await page.keyboard.press('Tab');
			expect(await focused()).toBe('Удалить');
			await page.keyboard.press('Enter');
			await dialog.waitFor({ state: 'hidden' });
			await home.link(title).waitFor({ state: 'detached' });
		}

		// Found by exploration: the row and its button went, and the focus fell to the page (a
		// screen reader said nothing, no outline showed where Tab would go on).
		await deleteByKeyboard('Фокус: Выборгский');
		await expect.poll(focused).toBe('Удалить: Фокус: Кировский');
		// The last row: the one above takes the focus.
		await deleteByKeyboard('Фокус: Кировский');
		await expect.poll(focused).toBe('Удалить: Фокус: Адмиралтейский');

		// Restored from «Недавно удалённые» (newest first): the next one waiting there, then, when
		// none is left, the restored sheet in the table.
		await home.recentlyDeleted.locator('summary').focus();
		await page.keyboard.press('Enter');
		await page.keyboard.press('Tab');
		expect(await focused()).toBe('Восстановить: Фокус: Кировский');
		await page.keyboard.press('Enter');
		await home.link('Фокус: Кировский').waitFor();
		await expect.poll(focused).toBe('Восстановить: Фокус: Выборгский');
		await page.keyboard.press('Enter');
		await home.link('Фокус: Выборгский').waitFor();
		await expect.poll(focused).toBe('Фокус: Выборгский');

		// Brought back by the toast's «Отменить»: the keyboard goes to it in the table too.
		await deleteByKeyboard('Фокус: Кировский');
		// (Three toasts show by now, the newest last.)
		const toasts = page
			.getByRole('status')
			.filter({ hasText: 'Список «Фокус: Кировский» удалён.' });
		await toasts.getByRole('button', { name: 'Отменить' }).last().click();
		await home.link('Фокус: Кировский').waitFor();
		await expect.poll(focused).toBe('Фокус: Кировский');
		await page.keyboard.press('Enter');
		await new SheetPage(page).ready('Фокус: Кировский');
	});

	it('a long title leaves the date of creation on one line, in both languages', async () => {
		const anna = await session.operator('Анна');
		const home = await new HomePage(anna.page).goto(session.app.url);
		const title = 'Поздравления ветеранов и жителей блокадного Ленинграда к 27 января';
		await home.createSheet(title, 'Поздравления');
		await home.open();
		// Found by exploration: «05.12.2026, 06:28» broke after its comma at 1366 px.
		const lines = () =>
			home.link(title).evaluate((link) => {
				const cell = link.closest('tr')?.cells[2];
				if (!cell) return -1;
				const range = document.createRange();
				range.selectNodeContents(cell);
				return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
			});
		expect(await lines()).toBe(1);
		await anna.page.getByRole('button', { name: 'Язык интерфейса' }).click();
		await anna.page.getByRole('heading', { level: 1, name: 'Headquarters lists' }).waitFor();
		expect(await lines()).toBe(1);
	});

	it('switches the interface to English and back', async () => {
		const anna = await session.operator('Анна');
		const { page } = anna;
		await new HomePage(page).goto(session.app.url);

		await page.getByRole('button', { name: 'Язык интерфейса' }).click();
		await page.getByRole('heading', { level: 1, name: 'Headquarters lists' }).waitFor();
		await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
		await page
			.getByRole('form', { name: 'New list' })
			.getByRole('button', { name: 'Create' })
			.waitFor();
		await page.getByRole('button', { name: 'Interface language' }).getByText('Русский').waitFor();
		expect(await page.getByText('Списки штаба').count()).toBe(0);
		// Found by exploration: these were left in one language.
		const form = page.getByRole('form', { name: 'New list' });
		expect(await form.getByRole('textbox').first().getAttribute('placeholder')).toBe(
			'Calls to residents 65+ (Kalininsky district)'
		);
		await page.getByRole('contentinfo', { name: 'Sync status' }).waitFor();
		await form.getByRole('textbox').first().fill('Calls');
		await form.getByRole('button', { name: 'Create' }).click();
		await page.getByRole('button', { name: 'Column “Full name”', exact: true }).click();
		await page.getByRole('dialog', { name: 'Column “Full name”' }).waitFor();
		await page.keyboard.press('Escape');
		await page.goBack();

		// The choice is kept for the next visit.
		await page.reload();
		await page.getByRole('heading', { level: 1, name: 'Headquarters lists' }).waitFor();

		await page.getByRole('button', { name: 'Interface language' }).click();
		await page.getByRole('heading', { level: 1, name: 'Списки штаба' }).waitFor();
		expect(unexpectedConsoleErrors(anna)).toEqual([]);
	});
});
