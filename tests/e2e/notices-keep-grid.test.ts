/**
 * The notices under the grid come and go without moving it. Found last session: «Удалено строк…»,
 * «Вернуть моё» and the others pushed the grid's bottom up as they came and let it down as they
 * went, so the «+» line and, at the end of a long list, the row under the operator's mouse jumped
 * by a notice's height; so did «Звонит …» as she moved from row to row, and «Удалённые строки»,
 * which put the view bar on two lines at 1024 px. The notices now show in a strip one notice high
 * under the grid, there with or without one (only two at once, or a long one, make the grid give
 * room: toasts.test.ts), and «Сбросить сортировку и фильтры» is «Сбросить» under 1260 px.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { HomePage, OFFLINE } from './pages';
import { e2eSession, MOMENT } from './session';
import { screenshot } from './setup';

const session = e2eSession();

/** Where the grid, its «+» line and its last row drawn are on the screen. */
function layout(page: Page): Promise<string> {
	return page.evaluate(() => {
		const box = (el: Element | null | undefined) => {
			const r = el?.getBoundingClientRect();
			return r ? `${Math.round(r.top)}+${Math.round(r.height)}` : 'none';
		};
		const rows = [...document.querySelectorAll('.ag-center-cols-container .ag-row[row-index]')];
		const last = rows.sort(
			(a, b) => Number(b.getAttribute('row-index')) - Number(a.getAttribute('row-index'))
		)[0];
		return [
			`grid ${box(document.querySelector('.sheet-page .grid'))}`,
			`new ${box(document.querySelector('.shtab-new-row'))}`,
			`last ${last?.getAttribute('row-index')} ${box(last)}`
		].join(' · ');
	});
}

describe('the notices under the grid', () => {
	it('a row deleted, its notice closed, Ctrl+S, offline and back: the grid, its «+» line and its rows stay where they were', async () => {
		const anna = await session.operator('Анна', { viewport: { width: 1024, height: 640 } });
		const page = anna.page;
		const home = await new HomePage(page).goto(session.app.url);
		const sheet = await home.createSheet('Обзвон: 60 жителей', 'Обзвон');
		const names = Array.from({ length: 60 }, (_, i) => `Житель ${i + 1}`);
		await sheet.paste('new', 'ФИО', names.join('\r\n') + '\r\n');
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(60);
		const toast = page.locator('.toast');
		await toast.getByRole('button', { name: '×' }).click();
		await toast.waitFor({ state: 'detached' });
		// At the end of the list, as when adding residents on the «+» line.
		await (await sheet.cell(0, 'ФИО')).click();
		await page.keyboard.press('Control+End');
		await page.waitForTimeout(300);
		const before = await layout(page);
		await screenshot(page, 'notices-before');

		// A row deleted: «Удалено строк: 1. Отменить».
		await sheet.selectRows([58]);
		await sheet.deleteSelectedRows();
		await toast.filter({ hasText: 'Удалено строк: 1.' }).waitFor();
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(59);
		await page.waitForTimeout(300);
		await screenshot(page, 'notices-deleted');
		// (A row fewer: the rows may scroll by one; the grid and its «+» line stay.)
		const withNotice = await layout(page);
		expect(withNotice.split(' · ').slice(0, 2)).toEqual(before.split(' · ').slice(0, 2));

		// Closed: nothing moves.
		await toast.getByRole('button', { name: '×' }).click();
		await toast.waitFor({ state: 'detached' });
		await page.waitForTimeout(300);
		expect(await layout(page)).toBe(withNotice);

		// Ctrl+S: «Сохранять не нужно…».
		await page.keyboard.press('Control+s');
		await toast.waitFor();
		await page.waitForTimeout(300);
		expect(await layout(page)).toBe(withNotice);
		await toast.getByRole('button', { name: '×' }).click();

		// Offline and back.
		await anna.context.setOffline(true);
		await expect.poll(() => sheet.status(), MOMENT).toContain(OFFLINE);
		await page.waitForTimeout(300);
		await screenshot(page, 'notices-offline');
		expect(await layout(page)).toBe(withNotice);
		await anna.context.setOffline(false);
		await expect.poll(() => sheet.status(), { timeout: 15_000 }).not.toContain(OFFLINE);
		expect(await layout(page)).toBe(withNotice);
	});
});
