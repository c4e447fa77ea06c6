/**
 * A coordinator's and an operator's evening walked with the keyboard first, at 1366×768 and
 * 1024×768 (found by exploration, helper U2): what the keyboard met on the way.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { HomePage } from './pages';
import { e2eSession, MOMENT } from './session';

const session = e2eSession();

/** The focused element: its accessible name as the operator hears it, and its tag. */
function focused(page: Page): Promise<{ name: string; tag: string; type: string }> {
	return page.evaluate(() => {
		const el = document.activeElement as HTMLInputElement | null;
		if (!el || el === document.body) return { name: '(the page)', tag: 'BODY', type: '' };
		const name = (
			el.getAttribute('aria-label') ||
			el.labels?.[0]?.textContent ||
			el.textContent ||
			''
		)
			.replace(/\s+/g, ' ')
			.trim();
		return { name, tag: el.tagName, type: el.getAttribute('type') ?? '' };
	});
}

describe('an evening walked with the keyboard', () => {
	it('«Импорт CSV» and «Новый список из CSV» open on the file, not on «English»: her Space chooses a file, the interface stays Russian', async () => {
		const olga = await session.operator('Ольга');
		const page = olga.page;
		const home = await new HomePage(page).goto(session.app.url);

		await page.getByRole('button', { name: 'Новый список из CSV', exact: true }).focus();
		await page.keyboard.press('Enter');
		const fromHome = page.getByRole('dialog', { name: 'Новый список из CSV' });
		await fromHome.waitFor();
		await expect.poll(() => focused(page), MOMENT).toMatchObject({ tag: 'INPUT', type: 'file' });
		await page.keyboard.press('Escape');
		await fromHome.waitFor({ state: 'hidden' });

		const sheet = await home.createSheet('Обзвон 65+: импорт с клавиатуры', 'Обзвон');
		await sheet.button('Импорт CSV').focus();
		await page.keyboard.press('Enter');
		const dialog = page.getByRole('dialog', { name: 'Импорт CSV' });
		await dialog.waitFor();
		await expect.poll(() => focused(page), MOMENT).toMatchObject({ tag: 'INPUT', type: 'file' });
		expect((await focused(page)).name).toBe('Файл CSV');
		// Her Space there opens the browser's file chooser, and the dialog is still Russian.
		const chooser = page.waitForEvent('filechooser');
		await page.keyboard.press('Space');
		await chooser;
		await expect(dialog.getByRole('heading', { name: 'Импорт CSV' }).isVisible()).resolves.toBe(
			true
		);
	});

	it('the cell she is on, and the history panel Alt+H opens, show a ring she can see: 2 px in the accent colour', async () => {
		const anna = await session.operator('Анна', { viewport: { width: 1024, height: 768 } });
		const page = anna.page;
		const home = await new HomePage(page).goto(session.app.url);
		const sheet = await home.createSheet('Обзвон: где я', 'Обзвон');
		await sheet.paste('new', 'ФИО', 'Иванова Мария\t12-34\r\nПетров Иван\t89161234567\r\n');
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(2);
		// From the search, as a list opens: Enter to her row, → to her (invalid, pink) phone.
		await page.getByRole('searchbox', { name: 'Поиск по списку' }).fill('Иванова');
		await page.keyboard.press('Enter');
		await page.keyboard.press('ArrowRight');
		const ring = () =>
			page.evaluate(() => {
				const cell = document.activeElement?.closest('.ag-cell');
				if (!cell) return { on: '(no cell)', width: 0 };
				const style = getComputedStyle(cell);
				const outline = style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth);
				const border = style.borderTopStyle === 'none' ? 0 : parseFloat(style.borderTopWidth);
				return {
					on: cell.textContent ?? '',
					width: Math.max(outline, border),
					color: style.outlineColor
				};
			});
		await expect.poll(ring, MOMENT).toMatchObject({ on: '12-34' });
		expect((await ring()).width).toBeGreaterThanOrEqual(2);

		await page.keyboard.press('Alt+h');
		const panel = page.getByRole('complementary', { name: 'История строки' });
		await panel.waitFor();
		const panelRing = () =>
			panel.evaluate((el) => {
				const style = getComputedStyle(el);
				return {
					focused: document.activeElement === el && el.matches(':focus-visible'),
					width: style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth),
					inside: parseFloat(style.outlineOffset) <= -parseFloat(style.outlineWidth)
				};
			});
		await expect.poll(panelRing, MOMENT).toMatchObject({ focused: true });
		expect(await panelRing()).toEqual({ focused: true, width: 2, inside: true });
	});
});
