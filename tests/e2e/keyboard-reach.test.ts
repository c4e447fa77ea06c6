/**
 * An operator who works with the keyboard sees where it is. Found by exploration (helper U2): on
 * the blue header the focus ring was the header's own blue, so Tab onto «English», the operator's
 * name or «Штаб» showed nothing (and on a notice's dark grey, «Отменить» had a ring of 2.3:1).
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { HomePage } from './pages';
import { e2eSession } from './session';

const session = e2eSession();

/**
 * The focused element's ring against what is behind it (`behind`, the nearest ancestor it is
 * drawn on): its style, width in px, and the contrast ratio of the two colours (WCAG's formula).
 */
function ring(
	page: Page,
	behind: string
): Promise<{ style: string; width: number; ratio: number }> {
	return page.evaluate((behind) => {
		const el = document.activeElement as HTMLElement;
		const css = getComputedStyle(el);
		const back = getComputedStyle(el.closest(behind)!).backgroundColor;
		const luminance = (color: string) => {
			const [r, g, b] = color
				.match(/[\d.]+/g)!
				.slice(0, 3)
				.map(Number);
			const lin = (c: number) => {
				const s = c / 255;
				return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
			};
			return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
		};
		const [a, b] = [luminance(css.outlineColor), luminance(back)].sort((x, y) => y - x);
		return {
			style: css.outlineStyle,
			width: parseFloat(css.outlineWidth),
			ratio: Math.round(((a + 0.05) / (b + 0.05)) * 100) / 100
		};
	}, behind);
}

const focused = (locator: Locator) => locator.evaluate((el) => el === document.activeElement);

describe('the keyboard is seen', () => {
	it('Tab onto the header’s controls and a notice’s «Отменить» shows a ring that stands out (3:1 at least)', async () => {
		const anna = await session.operator('Анна');
		const page = anna.page;
		const home = await new HomePage(page).goto(session.app.url);
		for (const name of ['Штаб', 'Анна', 'English (Язык интерфейса)']) {
			await page.keyboard.press('Tab');
			const control = page.getByRole(name === 'Штаб' ? 'link' : 'button', { name, exact: true });
			expect(await focused(control)).toBe(true);
			const shown = await ring(page, 'header');
			expect(shown.style).toBe('solid');
			expect(shown.width).toBeGreaterThanOrEqual(2);
			expect(shown.ratio, name).toBeGreaterThanOrEqual(3);
		}

		// A list deleted from the keyboard: «Отменить» on the notice, reached with Tab.
		await home.createSheet('Обзвон: кольцо', 'Обзвон');
		await page.getByRole('link', { name: '← Все списки' }).click();
		await home.heading.waitFor();
		await page.getByRole('button', { name: 'Удалить: Обзвон: кольцо', exact: true }).focus();
		await page.keyboard.press('Enter');
		const dialog = page.getByRole('dialog', { name: 'Удалить' });
		await dialog.waitFor();
		await dialog.getByRole('button', { name: 'Удалить', exact: true }).focus();
		await page.keyboard.press('Enter');
		await home.link('Обзвон: кольцо').waitFor({ state: 'detached' });
		const undo = page.getByRole('status').getByRole('button', { name: 'Отменить', exact: true });
		for (let i = 0; i < 10 && !(await focused(undo)); i++) await page.keyboard.press('Tab');
		expect(await focused(undo)).toBe(true);
		const shown = await ring(page, '.toast');
		expect(shown.style).toBe('solid');
		expect(shown.ratio).toBeGreaterThanOrEqual(3);
		await page.keyboard.press('Enter');
		await home.link('Обзвон: кольцо').waitFor();
	});
});
