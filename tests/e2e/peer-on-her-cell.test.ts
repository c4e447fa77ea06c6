/**
 * A colleague on the very cell the operator is on: both rings show, his colour and hers.
 */
import { describe, expect, it } from 'vitest';
import { HomePage, SheetPage } from './pages';
import { e2eSession, MOMENT } from './session';

const session = e2eSession();

describe('a colleague on her cell', () => {
	it('his ring shows on the cell she is on, outside hers, not only his name', async () => {
		const anna = await session.operator('Анна', { viewport: { width: 1024, height: 768 } });
		const boris = await session.operator('Борис', { viewport: { width: 1024, height: 768 } });
		const page = anna.page;
		const a = await new HomePage(page)
			.goto(session.app.url)
			.then((h) => h.createSheet('Обзвон: на одной ячейке', 'Обзвон'));
		await a.paste('new', 'ФИО', 'Иванова Мария\r\nПетров Иван\r\n');
		await expect.poll(() => a.rowCount(), MOMENT).toBe(2);
		const b = await SheetPage.open(boris.page, page.url(), 'Обзвон: на одной ячейке');
		// She comes to her cell with the keyboard (her ring shows), he clicks the same cell.
		await (await a.cell(1, 'ФИО')).click();
		await page.keyboard.press('ArrowUp');
		await (await b.cell(0, 'ФИО')).click();
		const rings = () =>
			page.evaluate(() => {
				const cell = document.activeElement?.closest('.ag-cell');
				if (!cell) return null;
				const s = getComputedStyle(cell);
				const inset = /0px 0px 0px (\d+)px inset/.exec(s.boxShadow);
				const border = s.borderTopStyle === 'none' ? 0 : parseFloat(s.borderTopWidth);
				const outline = s.outlineStyle === 'none' ? 0 : parseFloat(s.outlineWidth);
				const offset = parseFloat(s.outlineOffset);
				return {
					peer: cell.matches('[class*="shtab-peer-"]'),
					focusVisible: cell.matches(':focus-visible'),
					// His ring: inside the border, this many px deep; hers starts this deep.
					his: inset ? border + Number(inset[1]) : 0,
					hersFrom: -offset - outline,
					hers: outline
				};
			});
		await expect.poll(rings, MOMENT).toMatchObject({ peer: true, focusVisible: true });
		const { his, hersFrom, hers } = (await rings())!;
		expect(his).toBeGreaterThan(0);
		expect(hers).toBe(2);
		// Hers lies inside his: his colour is not painted over.
		expect(hersFrom).toBeGreaterThanOrEqual(his);
	});
});
