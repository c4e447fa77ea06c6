/**
 * The sheet's toolbar keeps one line on an ordinary 1024×640 laptop, in Russian and in English.
 * Found last session: in Russian it took two lines at 1024 px («Импорт CSV» and «Экспорт CSV»
 * alone on the second, a separator left hanging at the end of the first), and the grid lost a
 * row's height. Under 1260 px the longer labels go short; the buttons keep their full names.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { HomePage } from './pages';
import { e2eSession } from './session';
import { screenshot } from './setup';

const session = e2eSession();

/** Each control of the toolbar as drawn: its visible text, its line (top) and whether a separator. */
function toolbarItems(page: Page) {
	return page.locator('.sheet-page .toolbar').evaluate((bar) =>
		[...bar.children]
			.filter((el) => el.tagName !== 'DIALOG' && (el as HTMLElement).offsetWidth > 0)
			.map((el) => {
				const box = el.getBoundingClientRect();
				// A short label is drawn by CSS (`data-short`), after the long one, hidden then.
				const after = getComputedStyle(el, '::after').content;
				const drawn = after.startsWith('"') ? JSON.parse(after) : '';
				return {
					text: ((el as HTMLElement).innerText + drawn).trim(),
					sep: el.classList.contains('sep'),
					middle: Math.round(box.top + box.height / 2),
					right: Math.round(box.right)
				};
			})
	);
}

describe('the sheet’s toolbar on a 1024-px laptop', () => {
	it('is one line in Russian and in English, no separator at its end, every button named in full', async () => {
		const anna = await session.operator('Анна', { viewport: { width: 1024, height: 640 } });
		const page = anna.page;
		const home = await new HomePage(page).goto(session.app.url);
		await home.createSheet('Обзвон: жители Калининского района', 'Обзвон');
		for (const language of ['ru', 'en']) {
			if (language === 'en') await page.getByRole('button', { name: 'Язык интерфейса' }).click();
			const items = await toolbarItems(page);
			await screenshot(page, `toolbar-1024-${language}`);
			const lines = new Set(items.map((item) => item.middle));
			expect(lines.size, JSON.stringify(items)).toBe(1);
			expect(items.at(-1)?.sep).toBe(false);
			const width = await page.evaluate(() => document.documentElement.clientWidth);
			expect(Math.max(...items.map((item) => item.right))).toBeLessThanOrEqual(width);
		}
		// Named in full, the short labels seen.
		const toolbar = page.getByRole('toolbar');
		for (const name of ['Fill column…', 'Undo', 'Redo', 'Import CSV', 'Export CSV'])
			await toolbar.getByRole('button', { name, exact: true }).waitFor();
		expect((await toolbarItems(page)).map((item) => item.text)).toEqual(
			expect.arrayContaining(['Fill…', '↶', '↷', 'Import', 'Export'])
		);

		// A 1366-px laptop keeps the words.
		await page.setViewportSize({ width: 1366, height: 768 });
		await page.getByRole('button', { name: 'Interface language' }).click();
		const wide = await toolbarItems(page);
		expect(new Set(wide.map((item) => item.middle)).size).toBe(1);
		expect(wide.map((item) => item.text)).toEqual(
			expect.arrayContaining(['Заполнить столбец…', 'Отменить', 'Повторить', 'Импорт CSV'])
		);
	});
});

describe('the view bar on a 1024-px laptop', () => {
	it('keeps one line with two of «Скрытые столбцы», «Удалённые строки», «Вернуть столбец» beside it, in Russian and in English: the grid’s top stays put', async () => {
		// Found last session: «Удалённые строки (1)» with «Скрытые столбцы (1)» put the view bar on
		// two lines at 1024 px, and the grid moved down by a line. Under 1260 px «Закрепить первый
		// столбец» is «Закрепить» (named in full), and the search starts narrower.
		const anna = await session.operator('Анна', {
			viewport: { width: 1024, height: 640 },
			acceptDialogs: true
		});
		const page = anna.page;
		const home = await new HomePage(page).goto(session.app.url);
		const sheet = await home.createSheet('Обзвон: корзины', 'Обзвон');
		await sheet.paste('new', 'ФИО', 'Иванова Мария\r\nПетров Иван\r\nСидорова Анна\r\n');
		await expect.poll(() => sheet.rowCount()).toBe(3);
		const gridTop = () =>
			page.evaluate(() =>
				Math.round(document.querySelector('.sheet-page .grid')!.getBoundingClientRect().top)
			);
		const top = await gridTop();
		await screenshot(page, 'view-bar-1024-none');

		await sheet.selectRows([1]);
		await sheet.deleteSelectedRows();
		await page.getByText('Удалённые строки (1)').waitFor();
		expect(await gridTop()).toBe(top);
		const column = page.getByRole('dialog', { name: 'Столбец «Адрес»' });
		await (await sheet.revealColumn('Адрес')).click();
		await column.getByRole('button', { name: 'Скрыть у себя', exact: true }).click();
		await page.getByText('Скрытые столбцы (1)').waitFor();
		await screenshot(page, 'view-bar-1024-two');
		expect(await gridTop()).toBe(top);
		await page.getByRole('button', { name: 'Язык интерфейса' }).click();
		await page.getByText('Hidden columns (1)').waitFor();
		await screenshot(page, 'view-bar-1024-two-en');
		expect(await gridTop()).toBe(top);
		// The box still ticks by its whole name.
		await page.getByLabel('Freeze first column').waitFor();
		await page.getByRole('button', { name: 'Interface language' }).click();
		await page.getByLabel('Закрепить первый столбец').waitFor();

		// A column deleted instead of the rows: «Вернуть столбец (1)» with «Скрытые столбцы (1)».
		await page.keyboard.press('Control+z');
		await expect.poll(() => sheet.rowCount()).toBe(3);
		await page.getByText('Удалённые строки (1)').waitFor({ state: 'detached' });
		const category = page.getByRole('dialog', { name: 'Столбец «Категория»' });
		await (await sheet.revealColumn('Категория')).click();
		await category.getByRole('button', { name: 'Удалить столбец', exact: true }).click();
		await page.getByText('Вернуть столбец (1)').waitFor();
		await screenshot(page, 'view-bar-1024-two-columns');
		expect(await gridTop()).toBe(top);
	});
});
