/**
 * History and named views, seen by two operators (two browser contexts) on the real relay:
 * one edits a cell, the other opens the row's history and sees who changed it and the earlier
 * value; one saves a named view, the other applies it from the "Виды" menu; the history still
 * shows after a reload with the network off. Screenshots of the panel and the menu are saved in
 * test-results/ at a laptop and a phone size.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { HomePage, SAVED, SheetPage, typeOnRussianKeyboard } from './pages';
import { DESKTOP, PHONE, screenshot, serviceWorkerReady } from './setup';
import { e2eSession, MOMENT } from './session';

const RECONNECT = { timeout: 30_000, interval: 100 };

const session = e2eSession();

const operator = (name: string, viewport = DESKTOP) => session.operator(name, { viewport });

async function twoOperators(
	title: string,
	kind: 'Обзвон' | 'Заявки' = 'Обзвон',
	viewport = DESKTOP
) {
	const anna = await operator('Анна', viewport);
	const boris = await operator('Борис', viewport);
	const a = await new HomePage(anna.page)
		.goto(session.app.url)
		.then((h) => h.createSheet(title, kind));
	const b = await SheetPage.open(boris.page, anna.page.url(), title);
	await expect.poll(() => b.presenceNames(), MOMENT).toContain('Анна');
	return { anna, boris, a, b };
}

// ---------------------------------------------------------------- page objects of this feature

const historyPanel = (page: Page): Locator =>
	page.getByRole('complementary', { name: 'История строки' });

/** The panel's lines, whitespace collapsed. */
async function historyLines(page: Page): Promise<string[]> {
	const lines = await historyPanel(page).getByRole('listitem').allTextContents();
	return lines.map((l) => l.replace(/\s+/g, ' ').trim());
}

async function openHistory(sheet: SheetPage, rowIndex: number, column: string) {
	await (await sheet.cell(rowIndex, column)).click();
	await sheet.page.getByRole('button', { name: 'История', exact: true }).click();
	await historyPanel(sheet.page).waitFor();
}

const viewsButton = (page: Page) => page.getByRole('button', { name: 'Виды', exact: true });
const viewsMenu = (page: Page) => page.getByRole('group', { name: 'Виды' });

async function openViews(page: Page): Promise<Locator> {
	if (!(await viewsMenu(page).count())) await viewsButton(page).click();
	await viewsMenu(page).waitFor();
	return viewsMenu(page);
}

async function applyView(page: Page, name: string) {
	const menu = await openViews(page);
	await menu.getByRole('button', { name, exact: true }).click();
	await menu.waitFor({ state: 'detached' });
}

async function saveViewAs(page: Page, name: string, forAnyone?: boolean) {
	const menu = await openViews(page);
	await menu.getByRole('button', { name: 'Сохранить текущий вид как…' }).click();
	const dialog = page.getByRole('dialog', { name: 'Сохранить текущий вид как…' });
	await dialog.getByLabel('Название вида').fill(name);
	if (forAnyone !== undefined)
		await dialog.getByRole('checkbox').setChecked(forAnyone, { timeout: 2_000 });
	await dialog.getByRole('button', { name: 'Сохранить' }).click();
	await dialog.waitFor({ state: 'hidden' });
}

describe('history of a row and named views', () => {
	it('a colleague sees who changed a cell, when and the earlier value; an undo reads as such; the history shows offline after a reload', async () => {
		const { anna, boris, a, b } = await twoOperators('Обзвон: история');
		// Edits further apart than the undo's capture time (500 ms) are undone one by one.
		const pause = () => anna.page.waitForTimeout(600);
		await a.addRow('Кузнецова Вера Павловна');
		await pause();
		await a.editCell(0, 'Адрес', 'ул. Ленина, 5');
		await pause();
		await a.editCell(0, 'Адрес', 'ул. Ленина, 7');
		await expect.poll(() => b.cellText(0, 'Адрес'), MOMENT).toBe('ул. Ленина, 7');

		await openHistory(b, 0, 'Адрес');
		const panel = historyPanel(boris.page);
		await expect
			.poll(() => panel.textContent(), MOMENT)
			.toContain('Строка: Кузнецова Вера Павловна');
		await expect.poll(() => historyLines(boris.page), MOMENT).toHaveLength(4);
		const lines = await historyLines(boris.page);
		expect(lines[0]).toMatch(
			/^\d\d\.\d\d\.\d{4}, \d\d:\d\d Анна Адрес: ул\. Ленина, 5 → ул\. Ленина, 7$/
		);
		expect(lines[1]).toMatch(/Анна Адрес: пусто → ул\. Ленина, 5$/);
		expect(lines[2]).toMatch(/Анна ФИО: пусто → Кузнецова Вера Павловна$/);
		expect(lines[3]).toMatch(/Анна строка добавлена$/);
		// The author is shown in their colour.
		const color = await panel
			.locator('.who')
			.first()
			.evaluate((el) => getComputedStyle(el).borderLeftColor);
		expect(color).toBe('rgb(42, 157, 143)');

		// Only the focused cell.
		await panel.getByRole('checkbox', { name: 'Только ячейка «Адрес»' }).check();
		await expect.poll(() => historyLines(boris.page), MOMENT).toHaveLength(2);

		// Анна undoes her last edit: Борис's open panel shows it as an undo, the edit stays listed.
		await (await a.cell(0, 'ФИО')).click();
		await a.pressUndo();
		await expect.poll(() => b.cellText(0, 'Адрес'), MOMENT).toBe('ул. Ленина, 5');
		await expect.poll(() => historyLines(boris.page), MOMENT).toHaveLength(3);
		expect((await historyLines(boris.page))[0]).toMatch(
			/Анна отменено Адрес: ул\. Ленина, 7 → ул\. Ленина, 5$/
		);

		// Alt+H closes and opens the panel for the focused cell.
		await boris.page.keyboard.press('Alt+h');
		await historyPanel(boris.page).waitFor({ state: 'detached' });
		await (await b.cell(0, 'ФИО')).click();
		await boris.page.keyboard.press('Alt+h');
		await historyPanel(boris.page).waitFor();
		await screenshot(boris.page, 'desktop-history-panel');

		// Offline: Борис reloads with the network off; the history comes from his browser's store.
		await expect.poll(() => b.status(), RECONNECT).toBe(SAVED);
		await serviceWorkerReady(boris);
		await boris.context.setOffline(true);
		await boris.page.reload();
		const offline = await new SheetPage(boris.page).ready('Обзвон: история');
		await expect.poll(() => offline.rowCount(), MOMENT).toBe(1);
		await openHistory(offline, 0, 'Адрес');
		await expect.poll(() => historyLines(boris.page), MOMENT).toHaveLength(5);
		expect((await historyLines(boris.page))[0]).toMatch(/Анна отменено Адрес/);
		await boris.context.setOffline(false);
		expect(anna.pageErrors).toEqual([]);
	});

	it('a view saved by one operator is in the other’s "Виды" menu and filters their rows', async () => {
		const { anna, boris, a, b } = await twoOperators('Обзвон: виды');
		await a.paste(
			'new',
			'ФИО',
			[
				'Яковлева\t\tул. Ленина, 1\t\t\tне дозвонились\t1\tБорис',
				'Абрамов\t\tпр. Мира, 2\t\t\tдозвонились\t1\tАнна',
				'Михайлова\t\tул. Ленина, 3\t\t\tне дозвонились\t2\tАнна'
			].join('\r\n')
		);
		await expect
			.poll(() => b.columnValues('ФИО'), MOMENT)
			.toEqual(['Яковлева', 'Абрамов', 'Михайлова']);

		// The call list comes with "Не дозвонились" and "Мои звонки".
		await applyView(boris.page, 'Не дозвонились');
		await expect.poll(() => b.columnValues('ФИО'), MOMENT).toEqual(['Яковлева', 'Михайлова']);
		await applyView(boris.page, 'Мои звонки');
		await expect.poll(() => b.columnValues('ФИО'), MOMENT).toEqual(['Яковлева']);
		await applyView(anna.page, 'Мои звонки');
		await expect.poll(() => a.columnValues('ФИО'), MOMENT).toEqual(['Абрамов', 'Михайлова']);

		// Анна saves her own view: a search and a sort by attempts, descending.
		await anna.page.getByRole('button', { name: 'Сбросить сортировку и фильтры' }).click();
		await anna.page.getByRole('searchbox', { name: 'Поиск по списку' }).fill('Ленина');
		const attempts = anna.page.locator('.shtab-header-label', { hasText: 'Попытки' });
		await attempts.click();
		await attempts.click();
		await expect.poll(() => a.columnValues('ФИО'), MOMENT).toEqual(['Михайлова', 'Яковлева']);
		await saveViewAs(anna.page, 'Ленина, по попыткам');
		if (await viewsMenu(anna.page).count()) await viewsButton(anna.page).click();

		// Борис sees it, applies it: his own view changes, Анна's is untouched by his clicks.
		const menu = await openViews(boris.page);
		await menu.getByRole('button', { name: 'Ленина, по попыткам', exact: true }).waitFor();
		await screenshot(boris.page, 'desktop-views-menu');
		await applyView(boris.page, 'Ленина, по попыткам');
		await expect.poll(() => b.columnValues('ФИО'), MOMENT).toEqual(['Михайлова', 'Яковлева']);
		expect(await boris.page.getByRole('searchbox', { name: 'Поиск по списку' }).inputValue()).toBe(
			'Ленина'
		);

		// Rename and delete (with "Отменить").
		const m = await openViews(boris.page);
		await m.getByRole('button', { name: 'Переименовать вид «Ленина, по попыткам»' }).click();
		const dialog = boris.page.getByRole('dialog', { name: 'Переименовать вид' });
		// A name another view has (spaces and case aside) is refused: the menu could not tell
		// the two apart. The dialog stays open with the reason.
		await dialog.getByLabel('Название вида').fill('  не ДОЗВОНИЛИСЬ ');
		await dialog.getByRole('button', { name: 'Сохранить' }).click();
		await expect
			.poll(() => dialog.getByRole('alert').textContent())
			.toBe('Вид «Не дозвонились» уже есть: назовите этот по-другому.');
		expect(await dialog.isVisible()).toBe(true);
		await dialog.getByLabel('Название вида').fill('Улица Ленина');
		await dialog.getByRole('button', { name: 'Сохранить' }).click();
		const annaMenu = await openViews(anna.page);
		await annaMenu.getByRole('button', { name: 'Улица Ленина', exact: true }).waitFor();
		await (
			await openViews(boris.page)
		)
			.getByRole('button', { name: 'Удалить вид «Улица Ленина»' })
			.click();
		await annaMenu.getByRole('button', { name: 'Улица Ленина', exact: true }).waitFor({
			state: 'detached'
		});
		await boris.page
			.getByRole('status')
			.getByRole('button', { name: 'Отменить', exact: true })
			.click();
		await annaMenu.getByRole('button', { name: 'Улица Ленина', exact: true }).waitFor();
	});

	/** Found by exploration: after a view was applied from the keyboard the focus fell to the page. */
	it('a view’s rename dialog saved unchanged keeps the name a colleague gave meanwhile', async () => {
		const { anna, boris, a } = await twoOperators('Обзвон: имя вида');
		const renameDialog = (page: Page) => page.getByRole('dialog', { name: 'Переименовать вид' });

		// Борис opens «Перезвонить» to rename it, and leaves the dialog open.
		await (
			await openViews(boris.page)
		)
			.getByRole('button', { name: 'Переименовать вид «Перезвонить»' })
			.click();
		await renameDialog(boris.page).waitFor();

		// Meanwhile Анна renames it, and her change reaches the server (and Борис).
		await (
			await openViews(anna.page)
		)
			.getByRole('button', { name: 'Переименовать вид «Перезвонить»' })
			.click();
		await renameDialog(anna.page).getByLabel('Название вида').fill('Перезвонить сегодня');
		await renameDialog(anna.page).getByRole('button', { name: 'Сохранить' }).click();
		await renameDialog(anna.page).waitFor({ state: 'hidden' });
		await expect.poll(() => a.status(), MOMENT).toBe(SAVED);
		await boris.page.waitForTimeout(1_000);

		// Борис presses «Сохранить» without changing a letter: nothing of his to write. Before,
		// the old name in his field was written over Анна's rename.
		await renameDialog(boris.page).getByRole('button', { name: 'Сохранить' }).click();
		await renameDialog(boris.page).waitFor({ state: 'hidden' });
		for (const page of [anna.page, boris.page]) {
			await expect
				.poll(async () => {
					const menu = await openViews(page);
					return menu.getByRole('button', { name: 'Перезвонить сегодня', exact: true }).count();
				}, MOMENT)
				.toBe(1);
			expect(
				await viewsMenu(page).getByRole('button', { name: 'Перезвонить', exact: true }).count()
			).toBe(0);
		}
	});

	it('the "Виды" menu works from the keyboard: ↓ into it, ↑ ↓ view to view, ← → to ✎ and ×, Enter applies, the focus comes back to "Виды"; Esc too', async () => {
		const anna = await operator('Анна');
		const a = await new HomePage(anna.page)
			.goto(session.app.url)
			.then((h) => h.createSheet('Обзвон: виды с клавиатуры', 'Обзвон'));
		await a.paste('new', 'ФИО', 'Яковлева\t\t\t\t\tне дозвонились\r\nАбрамов\t\t\t\t\tдозвонились');
		await expect.poll(() => a.columnValues('ФИО'), MOMENT).toEqual(['Яковлева', 'Абрамов']);
		const focused = () =>
			anna.page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
		await viewsButton(anna.page).focus();
		await anna.page.keyboard.press('ArrowDown');
		await viewsMenu(anna.page).waitFor();
		await expect.poll(focused).toBe('Ещё не звонили');
		await anna.page.keyboard.press('ArrowDown');
		await expect.poll(focused).toBe('Мои звонки');
		// ↓ goes from view to view; a view's ✎ and × are reached with → (↓ went through them, and
		// ↓ ↓ ↓ Enter from the first view deleted it for everyone).
		await anna.page.keyboard.press('ArrowDown');
		await expect.poll(focused).toBe('Не дозвонились');
		await anna.page.keyboard.press('ArrowDown');
		await expect.poll(focused).toBe('Перезвонить');
		await anna.page.keyboard.press('ArrowUp');
		await expect.poll(focused).toBe('Не дозвонились');
		await anna.page.keyboard.press('ArrowRight');
		await expect.poll(focused).toBe('✎');
		await anna.page.keyboard.press('ArrowRight');
		await anna.page.keyboard.press('ArrowRight');
		await expect.poll(focused).toBe('×');
		await anna.page.keyboard.press('ArrowDown');
		await expect.poll(focused).toBe('Перезвонить');
		await anna.page.keyboard.press('End');
		await expect.poll(focused).toBe('Сохранить текущий вид как…');
		await anna.page.keyboard.press('Home');
		await expect.poll(focused).toBe('Ещё не звонили');
		await anna.page.keyboard.press('ArrowDown');
		await anna.page.keyboard.press('ArrowDown');
		await anna.page.keyboard.press('ArrowRight');
		await anna.page.keyboard.press('ArrowLeft');
		await expect.poll(focused).toBe('Не дозвонились');
		await anna.page.keyboard.press('Enter');
		await viewsMenu(anna.page).waitFor({ state: 'hidden' });
		await expect.poll(() => a.columnValues('ФИО'), MOMENT).toEqual(['Яковлева']);
		await expect.poll(focused).toMatch(/^Виды/);
		await anna.page.keyboard.press('Enter');
		await viewsMenu(anna.page).waitFor();
		await anna.page.keyboard.press('ArrowDown');
		await anna.page.keyboard.press('Escape');
		await viewsMenu(anna.page).waitFor({ state: 'hidden' });
		await expect.poll(focused).toMatch(/^Виды/);
	});

	it('«Сохранить текущий вид как…» and a view’s ✎ from the keyboard: the dialog takes it, and Esc, «Отмена» or saving gives it back to "Виды"', async () => {
		// Found by walking a list with the keyboard alone: the dialog opens from a line of the menu,
		// which goes as it opens, and closed it left the keyboard on the page (the next key went
		// nowhere, and Tab started again from the page's top).
		const anna = await operator('Анна');
		const page = anna.page;
		await new HomePage(page)
			.goto(session.app.url)
			.then((h) => h.createSheet('Обзвон: вид с клавиатуры', 'Обзвон'));
		// From here on the keyboard alone, as the list opens (in its search).
		await page.reload();
		await new SheetPage(page).ready('Обзвон: вид с клавиатуры');
		const focused = () =>
			page.evaluate(() =>
				document.activeElement === document.body
					? '(the page)'
					: (document.activeElement?.getAttribute('aria-label') ??
						document.activeElement?.textContent?.trim() ??
						'')
			);
		await expect.poll(focused).toBe('Поиск по списку');
		await page.keyboard.press('Shift+Tab');
		await expect.poll(focused).toMatch(/^Виды/);
		const dialog = page.getByRole('dialog', { name: 'Сохранить текущий вид как…' });
		const name = dialog.getByLabel('Название вида');
		const openSave = async () => {
			await page.keyboard.press('ArrowDown');
			await viewsMenu(page).waitFor();
			await page.keyboard.press('End');
			await expect.poll(focused).toBe('Сохранить текущий вид как…');
			await page.keyboard.press('Enter');
			await dialog.waitFor();
			await expect.poll(() => name.evaluate((el) => el === document.activeElement)).toBe(true);
		};

		await openSave();
		await page.keyboard.press('Escape');
		await dialog.waitFor({ state: 'hidden' });
		await expect.poll(focused).toMatch(/^Виды/);

		await openSave();
		await page.keyboard.press('Tab');
		await expect.poll(focused).toBe('Отмена');
		await page.keyboard.press('Enter');
		await dialog.waitFor({ state: 'hidden' });
		await expect.poll(focused).toMatch(/^Виды/);

		await openSave();
		await typeOnRussianKeyboard(page, 'Мой обзвон');
		await page.keyboard.press('Enter');
		await dialog.waitFor({ state: 'hidden' });
		await expect.poll(focused).toMatch(/^Виды/);

		// A view's ✎: its rename dialog, Esc, back to "Виды".
		await page.keyboard.press('ArrowDown');
		await viewsMenu(page).waitFor();
		expect(
			await viewsMenu(page).getByRole('button', { name: 'Мой обзвон', exact: true }).count()
		).toBe(1);
		await expect.poll(focused).toBe('Ещё не звонили');
		await page.keyboard.press('ArrowRight');
		await expect.poll(focused).toBe('Переименовать вид «Ещё не звонили»');
		await page.keyboard.press('Enter');
		const rename = page.getByRole('dialog', { name: 'Переименовать вид' });
		await rename.waitFor();
		await page.keyboard.press('Escape');
		await rename.waitFor({ state: 'hidden' });
		await expect.poll(focused).toMatch(/^Виды/);
	});

	it('the history panel and the views menu fit a phone', async () => {
		const { anna, boris, a, b } = await twoOperators('Заявки: телефон', 'Заявки', PHONE);
		await a.addRow('Белова Нина');
		await anna.page.waitForTimeout(600);
		await a.editCell(0, 'Адрес', '<img src=x onerror="window.pwned=1">');
		await anna.page.waitForTimeout(600);
		await a.editCell(0, 'Адрес', 'ул. Победы, 1, кв. 45');
		await expect.poll(() => b.cellText(0, 'Адрес'), MOMENT).toBe('ул. Победы, 1, кв. 45');
		await (await b.cell(0, 'ФИО')).click();
		await boris.page.keyboard.press('Alt+h');
		await expect.poll(() => historyLines(boris.page), MOMENT).toHaveLength(4);
		// Values are text, never HTML.
		expect((await historyLines(boris.page))[0]).toContain(
			'<img src=x onerror="window.pwned=1"> → ул. Победы, 1, кв. 45'
		);
		expect(await historyPanel(boris.page).locator('img').count()).toBe(0);
		expect(await boris.page.evaluate(() => 'pwned' in window)).toBe(false);
		const box = await historyPanel(boris.page).boundingBox();
		expect(box && box.x >= 0 && box.x + box.width <= PHONE.width).toBe(true);
		await screenshot(boris.page, 'phone-history-panel');
		await historyPanel(boris.page).getByRole('button', { name: 'Закрыть историю' }).click();
		const menu = await openViews(boris.page);
		await menu.getByRole('button', { name: 'Мои заявки', exact: true }).waitFor();
		const menuBox = await menu.boundingBox();
		expect(menuBox && menuBox.x >= 0 && menuBox.x + menuBox.width <= PHONE.width).toBe(true);
		await screenshot(boris.page, 'phone-views-menu');
	});
});
