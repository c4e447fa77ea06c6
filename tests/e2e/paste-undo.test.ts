/**
 * A coordinator moves the volunteers' roster in from Excel by copy and paste and fixes her
 * mistakes with Ctrl+Z (found by exploration): what her undo did must be seen where she looks.
 */
import { describe, expect, it } from 'vitest';
import { HomePage } from './pages';
import { e2eSession } from './session';

const session = e2eSession();

describe('paste and undo as a coordinator does them', () => {
	it('an undo of a paste far down the list scrolls to the rows it changed back', async () => {
		const anna = await session.operator('Анна');
		const sheet = await new HomePage(anna.page)
			.goto(session.app.url)
			.then((h) => h.createSheet('Волонтёры: отмена вставки', 'Другое'));
		const roster = Array.from({ length: 300 }, (_, i) => `Волонтёр ${i + 1}\tпн, ср`);
		await sheet.paste('new', 'Название', roster.join('\r\n') + '\r\n');
		await expect.poll(() => sheet.rowCount()).toBe(300);

		// Far down the list she pastes the days of three volunteers over theirs.
		const viewport = anna.page.locator('.ag-grid-viewport').first();
		const row = (i: number) => anna.page.locator(`.ag-row[row-index="${i}"]:not(.shtab-new-row)`);
		await viewport.evaluate((el) => (el.scrollTop = el.scrollHeight));
		await expect.poll(() => row(280).count()).toBe(1);
		await sheet.paste(280, 'Примечание', 'сб\r\nсб\r\nсб\r\n');
		await expect.poll(() => sheet.cellText(281, 'Примечание')).toBe('сб');

		// Back at the top of the list, she presses Ctrl+Z: the grid shows those rows again, with
		// the days they had. Without it the screen did not change, and a second Ctrl+Z took back
		// the step before too (here: the whole roster).
		await viewport.evaluate((el) => (el.scrollTop = 0));
		await (await sheet.cell(0, 'Название')).click();
		await sheet.pressUndo();
		await expect.poll(() => row(281).isVisible()).toBe(true);
		await expect.poll(() => sheet.cellText(281, 'Примечание')).toBe('пн, ср');
		const [cell, port] = await Promise.all([row(281).boundingBox(), viewport.boundingBox()]);
		if (!cell || !port) throw new Error('grid not drawn');
		// On the screen, not only drawn in the grid's buffer above or below it.
		expect(cell.y).toBeGreaterThanOrEqual(port.y);
		expect(cell.y + cell.height).toBeLessThanOrEqual(port.y + port.height);

		// Her redo, from the top again, goes there too.
		await viewport.evaluate((el) => (el.scrollTop = 0));
		await expect.poll(() => row(281).isVisible()).toBe(false);
		await sheet.pressRedo();
		await expect.poll(() => row(281).isVisible()).toBe(true);
		await expect.poll(() => sheet.cellText(281, 'Примечание')).toBe('сб');
	});
});
