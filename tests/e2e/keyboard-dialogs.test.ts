/**
 * Every dialog of the app, walked with the keyboard alone, as a hotline operator works: the focus
 * lands inside as it opens, Tab and Shift+Tab go round inside it (each stop named and ringed), and
 * Esc closes it with the keyboard back on what opened it. Found by walking them: Tab past a
 * dialog's last control left it for the page (the browser's <dialog> lets it out to the address
 * bar), and her next Enter went nowhere.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { HomePage } from './pages';
import { e2eSession, MOMENT } from './session';

const session = e2eSession();

/** The focused element as the operator meets it: its name, whether it is inside `dialog`, its ring. */
async function focused(page: Page, dialog?: Locator) {
	const handle = dialog ? await dialog.elementHandle() : null;
	return page.evaluate((d) => {
		const el = document.activeElement as HTMLElement | null;
		if (!el || el === document.body) return { name: '(the page)', inside: false, ring: false };
		const labelledBy = el.getAttribute('aria-labelledby');
		const name = (
			el.getAttribute('aria-label') ||
			(labelledBy && document.getElementById(labelledBy)?.textContent) ||
			(el as HTMLInputElement).labels?.[0]?.textContent ||
			el.textContent ||
			el.getAttribute('title') ||
			''
		)
			.replace(/\s+/g, ' ')
			.trim();
		const style = getComputedStyle(el);
		const ring =
			el.matches(':focus-visible') &&
			((style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) ||
				style.boxShadow !== 'none');
		return { name, inside: !!d && d !== el && d.contains(el), ring };
	}, handle);
}

/**
 * Tab round the dialog and past its start again, then Shift+Tab the same: every stop inside it,
 * named and ringed; returns the names met going forward.
 */
async function roundTrip(page: Page, dialog: Locator): Promise<string[]> {
	const first = await focused(page, dialog);
	expect(first.inside, `focus on opening: ${first.name}`).toBe(true);
	const names: string[] = [];
	for (const key of ['Tab', 'Shift+Tab']) {
		const seen: string[] = [];
		for (let i = 0; i < 12; i++) {
			await page.keyboard.press(key);
			const at = await focused(page, dialog);
			expect(at.inside, `${key} ${i + 1}: on «${at.name}», outside the dialog`).toBe(true);
			expect(at.name, `${key} ${i + 1}: a stop without a name`).not.toBe('');
			expect(at.ring, `${key} ${i + 1}: «${at.name}» has no focus ring`).toBe(true);
			seen.push(at.name);
		}
		if (key === 'Tab') names.push(...seen);
	}
	return names;
}

/** Esc closes the dialog; the keyboard is back on `opener`. */
async function escapeTo(page: Page, dialog: Locator, opener: string | RegExp): Promise<void> {
	await page.keyboard.press('Escape');
	await dialog.waitFor({ state: 'hidden' });
	await expect.poll(async () => (await focused(page)).name, MOMENT).toMatch(opener);
}

describe('dialogs from the keyboard alone', () => {
	it('a list’s dialogs: «Клавиши», «Добавить столбец», «Экспорт CSV», «Импорт CSV», a column’s, «Удалить строки», «Заполнить столбец»', async () => {
		const anna = await session.operator('Анна');
		const page = anna.page;
		const home = await new HomePage(page).goto(session.app.url);
		const sheet = await home.createSheet('Обзвон: диалоги', 'Обзвон');
		await sheet.paste('new', 'ФИО', 'Иванова Мария\t89161234567\r\nПетров Иван\t\r\n');
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(2);
		// From here on the keyboard alone, as the list opens (in its search).
		await page.reload();
		await sheet.ready('Обзвон: диалоги');
		await expect.poll(async () => (await focused(page)).name, MOMENT).toBe('Поиск по списку');

		const keys = page.getByRole('dialog', { name: 'Клавиши в списке' });
		await page.keyboard.press('F1');
		await keys.waitFor();
		await roundTrip(page, keys);
		await escapeTo(page, keys, /^Поиск по списку$/);

		// «Виды», then the toolbar (one Tab stop), on «Добавить строку».
		await page.keyboard.press('Shift+Tab');
		await page.keyboard.press('Shift+Tab');
		expect((await focused(page)).name).toBe('Добавить строку');
		await page.keyboard.press('ArrowRight');
		await page.keyboard.press('Enter');
		const addColumn = page.getByRole('dialog', { name: 'Добавить столбец' });
		await addColumn.waitFor();
		const stops = await roundTrip(page, addColumn);
		expect(stops.slice(0, 4)).toEqual([
			expect.stringMatching(/^Тип столбца/),
			'Отмена',
			'Добавить столбец',
			'Название столбца'
		]);
		await escapeTo(page, addColumn, /^Добавить столбец$/);

		await page.keyboard.press('End');
		await page.keyboard.press('Enter');
		const exportDialog = page.getByRole('dialog', { name: 'Экспорт CSV' });
		await exportDialog.waitFor();
		await roundTrip(page, exportDialog);
		await escapeTo(page, exportDialog, /^Экспорт CSV$/);

		await page.keyboard.press('ArrowLeft');
		await page.keyboard.press('Enter');
		const importDialog = page.getByRole('dialog', { name: 'Импорт CSV' });
		await importDialog.waitFor();
		await roundTrip(page, importDialog);
		await escapeTo(page, importDialog, /^Импорт CSV$/);

		// F6 to the list, ↑ to the name's title, Alt+↓ opens the column's dialog.
		await page.keyboard.press('F6');
		await page.keyboard.press('Control+Home');
		await page.keyboard.press('ArrowUp');
		await page.keyboard.press('Alt+ArrowDown');
		const column = page.getByRole('dialog', { name: 'Столбец «ФИО»' });
		await column.waitFor();
		await roundTrip(page, column);
		await escapeTo(page, column, /^ФИО/);

		// A row ticked with Space on its tick box; the toolbar's «Удалить строки (1)» and
		// «Заполнить столбец…».
		await page.keyboard.press('ArrowDown');
		await page.keyboard.press('Home');
		await page.keyboard.press('ArrowLeft');
		await page.keyboard.press('ArrowLeft');
		await page.keyboard.press('Space');
		await expect.poll(() => page.locator('.ag-row-selected').count(), MOMENT).toBeGreaterThan(0);
		await page.keyboard.press('F6');
		await page.keyboard.press('Home');
		await page.keyboard.press('ArrowRight');
		await page.keyboard.press('ArrowRight');
		expect((await focused(page)).name).toBe('Удалить строки (1)');
		await page.keyboard.press('Enter');
		const deleteRows = page.getByRole('dialog', { name: /^Удалить строки/ });
		await deleteRows.waitFor();
		await roundTrip(page, deleteRows);
		await escapeTo(page, deleteRows, /^Удалить строки \(1\)$/);
		expect(await sheet.rowCount()).toBe(2);

		await page.keyboard.press('ArrowRight');
		await page.keyboard.press('Enter');
		const fill = page.getByRole('dialog', { name: /^Заполнить столбец/ });
		await fill.waitFor();
		await roundTrip(page, fill);
		await escapeTo(page, fill, /^Заполнить столбец/);
	});

	it('the list of lists: «Удалить» and «Новый список из CSV»', async () => {
		const anna = await session.operator('Анна');
		const page = anna.page;
		const home = await new HomePage(page).goto(session.app.url);
		await home.createSheet('Обзвон: удалить?', 'Обзвон');
		// From here on the keyboard alone.
		await home.goto(session.app.url);
		for (let i = 0; i < 20 && (await focused(page)).name !== 'Удалить: Обзвон: удалить?'; i++) {
			await page.keyboard.press('Tab');
		}
		await page.keyboard.press('Enter');
		const remove = page.getByRole('dialog', { name: 'Удалить' });
		await remove.waitFor();
		await roundTrip(page, remove);
		await escapeTo(page, remove, /^Удалить: Обзвон: удалить\?$/);
		expect(await home.sheetTitles()).toContain('Обзвон: удалить?');

		for (let i = 0; i < 20 && (await focused(page)).name !== 'Новый список из CSV'; i++) {
			await page.keyboard.press('Shift+Tab');
		}
		await page.keyboard.press('Enter');
		const fromCsv = page.getByRole('dialog', { name: 'Новый список из CSV' });
		await fromCsv.waitFor();
		await roundTrip(page, fromCsv);
		await escapeTo(page, fromCsv, /^Новый список из CSV$/);
	});

	it('in a browser without checkVisibility (Safari before 17.4) Tab still goes round «Удалить»', async () => {
		const anna = await session.operator('Анна');
		const page = anna.page;
		await page.addInitScript(() => {
			delete (Element.prototype as Partial<Element>).checkVisibility;
		});
		const home = await new HomePage(page).goto(session.app.url);
		await home.createSheet('Обзвон: старый браузер', 'Обзвон');
		await home.goto(session.app.url);
		expect(await page.evaluate(() => 'checkVisibility' in Element.prototype)).toBe(false);
		for (
			let i = 0;
			i < 20 && (await focused(page)).name !== 'Удалить: Обзвон: старый браузер';
			i++
		) {
			await page.keyboard.press('Tab');
		}
		await page.keyboard.press('Enter');
		const remove = page.getByRole('dialog', { name: 'Удалить' });
		await remove.waitFor();
		await roundTrip(page, remove);
		await escapeTo(page, remove, /^Удалить: Обзвон: старый браузер$/);
	});
});
