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
});
