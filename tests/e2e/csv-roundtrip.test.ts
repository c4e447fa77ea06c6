/**
 * Export → import gives back the same list (issue 4), through the page: a campaign with a box
 * ticked, one ticked and unticked again, one never touched, and its choice columns (a value
 * that is none of the options among them), «Экспорт CSV» → «Скачать», and the downloaded file
 * read into a new list with «Новый список из CSV». Every type and format is in the unit test
 * `src/lib/import/roundtrip.spec.ts`; this one checks the page's own path end to end.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseCsvBytes } from '../../src/lib/csv';
import { HomePage, ImportDialog, SheetPage } from './pages';
import { e2eSession, MOMENT } from './session';
import { screenshot } from './setup';

const session = e2eSession();

const TITLES = ['ФИО', 'Телефон', 'Повод', 'Результат'];
const BOX = 'Подарочный набор';

/** Each row's box as the operator sees it: ticked, unticked, or a text shown instead of a box. */
async function boxes(sheet: SheetPage): Promise<string[]> {
	return (await sheet.columnCells(BOX)).map((cell) =>
		cell.checked === null ? `text: ${cell.text}` : cell.checked ? 'ticked' : 'unticked'
	);
}

describe('export → import through the page', () => {
	it('gives back the ticked and unticked boxes and the choices of a list, read into a new list', async () => {
		const anna = await session.operator('Анна');
		const page = anna.page;
		const home = await new HomePage(page).goto(session.app.url);
		const sheet = await home.createSheet('Поздравления 9 мая', 'Поздравления');
		await sheet.paste(
			'new',
			'ФИО',
			[
				'Иванова Анна Петровна\t+7 911 123-45-67\t\t\t\t9 Мая\tвручили набор\tда',
				'Петров Пётр Ильич\t8 812 555-12-34\t\t\t\t27 января\tне дозвонились\t',
				'Сидорова Мария\t\t\t\t\tНовый год\tждёт ответа\t'
			].join('\n')
		);
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(3);
		// Петров's box: ticked, then unticked (stored as unticked, not as never filled in).
		await sheet.revealColumn(BOX);
		const petrov = (await sheet.cell(1, BOX)).locator('input[type="checkbox"]');
		await petrov.click();
		await expect.poll(() => boxes(sheet), MOMENT).toEqual(['ticked', 'ticked', 'unticked']);
		await petrov.click();
		await expect.poll(() => boxes(sheet), MOMENT).toEqual(['ticked', 'unticked', 'unticked']);
		const before = await sheet.rows(TITLES);
		const invalidBefore = await sheet.rowsWithClass('Результат', 'shtab-invalid');
		expect(invalidBefore).toEqual([2]);

		await page.getByRole('button', { name: 'Экспорт CSV', exact: true }).click();
		const dialog = page.getByRole('dialog', { name: 'Экспорт CSV' });
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			dialog.getByRole('button', { name: 'Скачать', exact: true }).click()
		]);
		const bytes = await readFile((await download.path())!);
		// The unticked box is written «нет», the untouched one left empty.
		const parsed = parseCsvBytes(bytes);
		const box = parsed.header!.indexOf(BOX);
		expect(parsed.rows.map((r) => r[box])).toEqual(['да', 'нет', '']);

		await new HomePage(page).open();
		await page.getByRole('button', { name: 'Новый список из CSV', exact: true }).click();
		const importing = new ImportDialog(page, 'Новый список из CSV');
		await importing.choose({ name: 'Поздравления копия.csv', buffer: bytes });
		const kind = importing.dialog.getByLabel('Вид списка');
		await expect
			.poll(() => kind.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.text ?? ''))
			.toBe('Поздравления');
		const report = await importing.run();
		expect(report).toContain('Добавлено строк: 3');
		await importing.dialog.getByRole('button', { name: 'Открыть список', exact: true }).click();
		const copy = new SheetPage(page);
		await copy.ready('Поздравления копия');
		await expect.poll(() => copy.rowCount(), MOMENT).toBe(3);
		expect(await copy.rows(TITLES)).toEqual(before);
		await copy.revealColumn(BOX);
		await expect.poll(() => boxes(copy), MOMENT).toEqual(['ticked', 'unticked', 'unticked']);
		// The result that is none of the options is flagged there as it was here.
		expect(await copy.rowsWithClass('Результат', 'shtab-invalid')).toEqual(invalidBefore);
	});

	it('gives a choice column the import creates its values as options, to pick from in the grid', async () => {
		// A list's own «Район» (not one of the kind's columns), as its export writes it.
		const districts = ['Калининский', 'Выборгский', 'Приморский'];
		const lines = Array.from(
			{ length: 24 },
			(_, i) => `Житель ${i + 1};+7 911 000-00-${String(i + 10)};${districts[i % 3]}`
		);
		const anna = await session.operator('Анна');
		const page = anna.page;
		await new HomePage(page).goto(session.app.url);
		await page.getByRole('button', { name: 'Новый список из CSV', exact: true }).click();
		const importing = new ImportDialog(page, 'Новый список из CSV');
		await importing.choose({
			name: 'Обзвон по районам.csv',
			buffer: Buffer.from(['ФИО;Телефон;Район', ...lines].join('\r\n') + '\r\n')
		});
		await importing.duplicates();
		expect(await importing.dialog.getByLabel('Тип: Район').inputValue()).toBe('choice');
		expect(await importing.run()).toContain('Добавлено строк: 24');
		await importing.dialog.getByRole('button', { name: 'Открыть список', exact: true }).click();
		const sheet = new SheetPage(page);
		await sheet.ready('Обзвон по районам');
		await (await sheet.revealColumn('Район')).waitFor();
		await (await sheet.cell(0, 'Район')).click();
		await page.keyboard.press('F2');
		const list = page.getByRole('listbox', { name: 'Район' });
		await list.waitFor();
		// Its dropdown was empty: the column had no options (found by the round-trip unit test).
		await expect
			.poll(() => list.getByRole('option').allTextContents(), MOMENT)
			.toEqual(expect.arrayContaining(districts));
		await screenshot(page, 'csv-import-new-choice-options');
		await list.getByRole('option', { name: 'Приморский' }).click();
		await expect.poll(() => sheet.cellText(0, 'Район'), MOMENT).toBe('Приморский');
		expect(await sheet.rowsWithClass('Район', 'shtab-invalid')).toEqual([]);
	});
});
