/**
 * A column title of 5,000 characters in a CSV is cut on the import's mapping step, whole on hover
 * and while its row has the keyboard. Found last session: it was shown whole on one line, the
 * mapping table many screens wide, «Куда» and the column's type far off to the right.
 */
import { describe, expect, it } from 'vitest';
import { HomePage, ImportDialog } from './pages';
import { e2eSession, MOMENT } from './session';
import { screenshot } from './setup';

const session = e2eSession();

describe('a very long column title in a CSV', () => {
	it('is cut on the mapping step, whole on hover and focus; its values are imported whole', async () => {
		const anna = await session.operator('Анна', { viewport: { width: 1024, height: 640 } });
		const page = anna.page;
		const home = await new HomePage(page).goto(session.app.url);
		const sheet = await home.createSheet('Дела: длинный заголовок', 'Другое');
		const long = 'Пожелания жителя '.repeat(300).slice(0, 5000);
		const dialog = await new ImportDialog(page).open();
		await dialog.choose({
			name: 'дела.csv',
			buffer: Buffer.from(`Название;${long}\r\nКупить воду;звонить вечером, после шести\r\n`)
		});
		await dialog.duplicates();
		await screenshot(page, 'import-long-header');
		// The table fits the dialog; the title is cut on one line, its whole text on hover.
		const scroll = await dialog.dialog
			.locator('.scroll')
			.first()
			.evaluate((el) => el.scrollWidth - el.clientWidth);
		expect(scroll).toBeLessThanOrEqual(1);
		const header = dialog.dialog
			.getByRole('rowheader')
			.filter({ hasText: 'Пожелания жителя' })
			.locator('span');
		const box = (await header.boundingBox())!;
		expect(box.width).toBeLessThan(300);
		expect(box.height).toBeLessThan(30);
		expect(await header.getAttribute('title')).toBe(long);
		// Its row's «Куда» has the keyboard: the whole title shows (it scrolls in its box).
		const target = dialog.dialog.getByLabel(/^Куда: Пожелания жителя/);
		expect((await target.getAttribute('aria-label'))!.length).toBeLessThan(200);
		await target.focus();
		await expect.poll(async () => (await header.boundingBox())!.height, MOMENT).toBeGreaterThan(60);
		await page.keyboard.press('Tab');

		await target.selectOption({ label: 'Новый столбец' });
		await dialog.submit.click();
		await dialog.dialog.getByTestId('import-report').waitFor();
		await dialog.close();
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(1);
		// The value whole; the list's column title is the model's longest (120 characters).
		const title = long.slice(0, 120).trim();
		expect(await sheet.cellText(0, title)).toBe('звонить вечером, после шести');
	});
});
