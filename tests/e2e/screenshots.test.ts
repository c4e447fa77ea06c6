/**
 * Screenshots of the main pages at a laptop size (1366×768) and a phone size (390×844), saved
 * into test-results/ for a person to look at; the test itself checks only that each page fits
 * the screen's width and shows its main controls, and that the sheet's actions take one line on
 * the laptop.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { HomePage, SAVED } from './pages';
import { DESKTOP, PHONE, screenshot } from './setup';
import { e2eSession } from './session';

const session = e2eSession();

/** How far the page sticks out sideways (0 when it fits the screen's width). */
const overflow = (page: Page) =>
	page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** The control is drawn entirely inside the screen. */
async function onScreen(locator: Locator): Promise<boolean> {
	const box = await locator.boundingBox();
	const size = locator.page().viewportSize();
	if (!box || !size) return false;
	return (
		box.x >= 0 && box.y >= 0 && box.x + box.width <= size.width && box.y + box.height <= size.height
	);
}

/** The top of each button of the sheet's toolbar, as drawn: all the same when they fit one line. */
const toolbarTops = (page: Page, title: string) =>
	page
		.getByRole('toolbar', { name: title })
		.getByRole('button')
		.evaluateAll((buttons) => buttons.map((b) => Math.round(b.getBoundingClientRect().top)));

const PEOPLE = [
	['Смирнова Анна Ивановна', '+7 912 345-67-89', 'ул. Ленина, 5, кв. 12'],
	['Волков Игорь Петрович', '+7 900 111-22-33', 'пр. Мира, 10, кв. 3'],
	['Зайцева Галина Фёдоровна', '+7 922 000-11-22', 'ул. Победы, 1, кв. 45']
];

describe('the pages at a laptop and a phone size', () => {
	it('fit the screen and are saved as screenshots', async () => {
		const anna = await session.operator('Анна', { viewport: DESKTOP });
		const home = await new HomePage(anna.page).goto(session.app.url);
		const sheet = await home.createSheet('Обзвон 65+ Калининский район', 'Обзвон');
		for (const [i, [name, phone, address]] of PEOPLE.entries()) {
			await sheet.addRow(name);
			await sheet.editCell(i, 'Телефон', phone);
			await sheet.editCell(i, 'Адрес', address);
		}
		await sheet.back();
		await home.createSheet('Заявки на лекарства', 'Заявки');
		await home.open();
		await screenshot(anna.page, 'desktop-home');
		expect(await overflow(anna.page)).toBe(0);

		const calls = await home.openSheet('Обзвон 65+ Калининский район');
		await expect.poll(() => calls.status()).toBe(SAVED);
		await calls.page.locator('.ag-row[row-index="0"]').waitFor();
		await screenshot(anna.page, 'desktop-sheet');
		expect(await overflow(anna.page)).toBe(0);
		// The nine actions take one line on a laptop, not two.
		const tops = await toolbarTops(anna.page, 'Обзвон 65+ Калининский район');
		expect(tops).toEqual(Array(9).fill(tops[0]));
		await anna.page.getByRole('button', { name: 'Добавить столбец' }).click();
		await screenshot(anna.page, 'desktop-add-column-dialog');
		await anna.page.keyboard.press('Escape');

		const boris = await session.operator('Борис', { viewport: PHONE });
		const phoneHome = await new HomePage(boris.page).goto(session.app.url);
		await phoneHome.link('Обзвон 65+ Калининский район').waitFor();
		await screenshot(boris.page, 'phone-home');
		expect(await overflow(boris.page)).toBe(0);
		expect(await onScreen(boris.page.getByRole('button', { name: 'Создать' }))).toBe(true);
		expect(await onScreen(phoneHome.link('Обзвон 65+ Калининский район'))).toBe(true);

		const phoneSheet = await phoneHome.openSheet('Обзвон 65+ Калининский район');
		await expect.poll(() => phoneSheet.rowCount()).toBe(3);
		await boris.page.locator('.ag-row[row-index="0"]').waitFor();
		await expect.poll(() => phoneSheet.presenceNames()).toContain('Анна');
		await screenshot(boris.page, 'phone-sheet');
		expect(await overflow(boris.page)).toBe(0);
		for (const name of ['Добавить строку', 'Добавить столбец']) {
			expect(await onScreen(boris.page.getByRole('button', { name }))).toBe(true);
		}
		expect(await onScreen(boris.page.getByTestId('sync-status'))).toBe(true);

		await boris.context.setOffline(true);
		await expect.poll(() => phoneSheet.status()).toMatch(/^Нет связи/);
		await phoneSheet.addRow('Офлайн Ольга');
		await expect.poll(() => phoneSheet.pending()).toBeGreaterThan(0);
		await screenshot(boris.page, 'phone-sheet-offline');
		await boris.context.setOffline(false);
		await expect.poll(() => phoneSheet.status(), { timeout: 15_000 }).toBe(SAVED);

		// The interface in English, for the record.
		await anna.page.getByRole('button', { name: 'Язык интерфейса' }).click();
		await anna.page.getByRole('button', { name: 'Add row' }).waitFor();
		await screenshot(anna.page, 'desktop-sheet-en');
		const topsEn = await toolbarTops(anna.page, 'Обзвон 65+ Калининский район');
		expect(topsEn).toEqual(Array(9).fill(topsEn[0]));
	});

	it('the search row takes one line on a 1024-px laptop, in Russian', async () => {
		// Found by exploration: «Клавиши» went alone onto a fourth line above the grid (700 px
		// high), the search box wrapping at its full 18rem before it shrank.
		const anna = await session.operator('Анна', { viewport: { width: 1024, height: 700 } });
		const home = await new HomePage(anna.page).goto(session.app.url);
		await home.createSheet('Обзвон 65+ Калининский район', 'Обзвон');
		const row = anna.page.locator('.view-bar');
		// The middle of each control, as drawn: a few pixels apart on one line, a line apart on two.
		const middles = await row.evaluate((bar) =>
			[...bar.children]
				.map((c) => c.getBoundingClientRect())
				.filter((r) => r.height > 0)
				.map((r) => Math.round((r.top + r.bottom) / 2))
		);
		await screenshot(anna.page, 'narrow-sheet');
		expect(Math.max(...middles) - Math.min(...middles), String(middles)).toBeLessThan(8);
		// The search box keeps a usable width, and its full 18rem on a wider screen.
		const search = anna.page
			.getByRole('searchbox')
			.or(anna.page.getByPlaceholder('Поиск по списку'));
		expect((await search.first().boundingBox())!.width).toBeGreaterThanOrEqual(160);
		await anna.page.setViewportSize(DESKTOP);
		await expect.poll(async () => (await search.first().boundingBox())!.width).toBe(288);
	});
});
