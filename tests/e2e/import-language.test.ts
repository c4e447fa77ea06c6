/**
 * The import dialog has its own language switch: the header's is behind the modal dialog. Found
 * last session: a coordinator who reads English could not switch once the dialog was open.
 */
import { describe, expect, it } from 'vitest';
import { HomePage, ImportDialog } from './pages';
import { e2eSession } from './session';

const session = e2eSession();

describe('the import dialog’s language', () => {
	it('switches to English and back from inside the dialog, with the keyboard, on the mapping step', async () => {
		const anna = await session.operator('Анна', { viewport: { width: 1024, height: 640 } });
		const page = anna.page;
		const home = await new HomePage(page).goto(session.app.url);
		await home.createSheet('Обзвон: язык импорта', 'Обзвон');
		const dialog = await new ImportDialog(page).open();
		await dialog.choose({
			name: 'жители.csv',
			buffer: Buffer.from('ФИО;Телефон\r\nИванова Мария;8 812 123-45-67\r\n')
		});
		await dialog.duplicates();
		const english = dialog.dialog.getByRole('button', { name: 'English (Язык интерфейса)' });
		await english.focus();
		await page.keyboard.press('Enter');
		const inEnglish = page.getByRole('dialog', { name: 'Import CSV' });
		await inEnglish.getByRole('heading', { name: 'Columns' }).waitFor();
		await expect.poll(() => inEnglish.getByRole('button', { name: /^Import/ }).count()).toBe(1);
		// The file chosen and the mapping stay.
		expect(await inEnglish.textContent()).toContain('жители.csv');
		await inEnglish.getByRole('button', { name: 'Русский (Interface language)' }).click();
		await dialog.dialog.getByRole('heading', { name: 'Столбцы' }).waitFor();
	});
});
