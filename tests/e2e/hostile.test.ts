/**
 * Whatever an operator (or an imported file) puts into a cell is data: shown as text, never run,
 * and synced unchanged to colleagues.
 */
import { describe, expect, it } from 'vitest';
import { HomePage, SAVED, SheetPage } from './pages';
import { unexpectedConsoleErrors } from './setup';
import { e2eSession, MOMENT } from './session';

const session = e2eSession();

const HOSTILE = [
	'<img src=x onerror=alert(1)>',
	'=HYPERLINK("http://example.com/?steal=1";"Нажмите")',
	'<script>window.__pwned = 1</script><b onmouseover="window.__pwned = 2">жирный</b>',
	'+7 (900) 123-45-67; =1+1; @SUM(A1:A2); -2+3',
	'Очень длинная заметка о звонке. '.repeat(700) // ~22 000 characters
];
/** Long values shortened in failure messages. */
const brief = (values: string[]) =>
	values.map((v) => (v.length > 120 ? `${v.slice(0, 40)}… [${v.length} characters]` : v));
const TITLE = '<i>Курсив</i> & "кавычки" <img src=y onerror=alert(2)>';

describe('hostile cell content', () => {
	it('is shown as text, runs nothing, and is synced as is', async () => {
		const anna = await session.operator('Анна');
		const boris = await session.operator('Борис');
		const home = await new HomePage(anna.page).goto(session.app.url);
		const a = await home.createSheet(TITLE, 'Другое');
		const b = await SheetPage.open(boris.page, anna.page.url(), TITLE);

		await a.addRow('первая');
		for (let i = 1; i < HOSTILE.length; i++) await a.addRow(`строка ${i + 1}`);
		for (let i = 0; i < HOSTILE.length; i++) await a.editCell(i, 'Название', HOSTILE[i]);

		for (const s of [a, b]) {
			await expect.poll(() => s.rowCount(), MOMENT).toBe(HOSTILE.length);
			await expect.poll(() => s.status(), MOMENT).toBe(SAVED);
			// Nothing of it became markup in the grid or ran.
			const markup = await s.page
				.locator('.ag-center-cols-container, .ag-grid-viewport')
				.first()
				.locator(':is(img, script, b, i, a, svg)')
				.evaluateAll((els) => els.map((el) => el.outerHTML));
			expect(markup, 'cell text turned into HTML elements').toEqual([]);
			expect(await s.page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
			// Every value shows exactly as typed, on both sides.
			await expect
				.poll(async () => brief(await s.columnValues('Название')), MOMENT)
				.toEqual(brief(HOSTILE));
			expect(await s.columnValues('Название')).toEqual(HOSTILE);
			// The sheet's title is text too.
			expect(await s.heading.textContent()).toBe(TITLE);
		}
		await a.back();
		expect(await home.sheetTitles()).toContain(TITLE);
		expect(await anna.page.locator('main :is(img, i)').count()).toBe(0);

		// Over the limit (100 000 characters) the value is refused with a message, not cut.
		await a.page.goBack();
		await a.ready(TITLE);
		await a.editCell(0, 'Название', 'х'.repeat(100_001));
		await a.page
			.getByRole('status')
			.getByText(/^Слишком длинное значение/)
			.waitFor();
		expect(await a.cellText(0, 'Название')).toBe(HOSTILE[0]);

		for (const o of [anna, boris]) {
			expect(o.dialogs).toEqual([]);
			expect(
				unexpectedConsoleErrors(o).filter((line) => !line.startsWith('Слишком длинное значение'))
			).toEqual([]);
		}
	});
});
