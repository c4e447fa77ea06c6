/**
 * The import's preview («Так строки попадут в список») as a coordinator reads it before pressing
 * «Импортировать»: a phone number on one line, and the line under the preview saying only what
 * is true of the file. Found by exploration (2026-12-07): «+7 (912) 345-67-» above «89» on a
 * laptop, and «Показаны первые 0 из 0» under the empty preview of a file holding only titles.
 */
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { encodeWindows1251 } from '../../src/lib/csv/decode';
import { HomePage, ImportDialog } from './pages';
import { e2eSession } from './session';

const session = e2eSession();

const TITLES = 'ФИО;Телефон;Адрес;Дата рождения;Примечание';
const ROWS = [
	'Смирнова Анна Ивановна;8 (912) 345-67-89;"ул. Ленина, д. 5; кв. 12";12.03.1941;"Слышит плохо,\r\nзвонить громко"',
	'Волков Игорь Петрович;+7 900 111 22 33;пр. Мира, 10;01.01.1938;"Просит ""не звонить"" после 20:00"',
	'Зайцева Галина Фёдоровна;89220001122;ул. Победы, 1;31.02.1945;плохая дата',
	'Кузнецов Пётр;8 343 222-33-44, 8 (912) 000-11-22;ул. Садовая, 3;05.05.1940;два номера',
	'Орлова Вера;+7 (901) 555-44-33;ул. Новая, 7;1939;',
	'Белова Нина;+7 (901) 555-44-34;ул. Новая, 9;02.02.1942;'
];
const file = (name: string, lines: string[]) => ({
	name,
	buffer: Buffer.from(encodeWindows1251(lines.join('\r\n') + '\r\n').bytes)
});

/** How many lines each number of a cell takes, as drawn («+7 …-67-» above «89» is 2). */
function linesPerNumber(cell: Locator): Promise<number[]> {
	return cell.evaluate((td) => {
		const text = td.textContent ?? '';
		const node = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
		const lines: number[] = [];
		for (const number of text.split(', ')) {
			const start = text.indexOf(number);
			// The number's characters, wherever the cell's markup put them.
			const range = document.createRange();
			let offset = 0;
			let started = false;
			node.currentNode = td;
			for (let n = node.nextNode(); n; n = node.nextNode()) {
				const length = n.textContent?.length ?? 0;
				if (!started && start < offset + length) {
					range.setStart(n, start - offset);
					started = true;
				}
				if (started && start + number.length <= offset + length) {
					range.setEnd(n, start + number.length - offset);
					break;
				}
				offset += length;
			}
			const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
			lines.push(tops.size);
		}
		return lines;
	});
}

describe('the import preview', () => {
	it('draws each phone number on one line, on a laptop and a narrow one', async () => {
		for (const viewport of [
			{ width: 1366, height: 768 },
			{ width: 1024, height: 700 }
		]) {
			const anna = await session.operator('Анна', { viewport });
			await new HomePage(anna.page).goto(session.app.url);
			await anna.page.getByRole('button', { name: 'Новый список из CSV' }).click();
			const dialog = new ImportDialog(anna.page, 'Новый список из CSV');
			await dialog.choose(file('соцзащита.csv', [TITLES, ...ROWS]));
			await dialog.duplicates();
			const preview = dialog.dialog.getByRole('table', { name: 'Так строки попадут в список' });
			const phones = preview.locator('tbody tr td:nth-child(2)');
			await expect.poll(() => phones.count()).toBe(5);
			expect(await phones.allTextContents()).toEqual([
				'+7 (912) 345-67-89',
				'+7 (900) 111-22-33',
				'+7 (922) 000-11-22',
				'+7 (343) 222-33-44, +7 (912) 000-11-22',
				'+7 (901) 555-44-33'
			]);
			for (const [i, cell] of (await phones.all()).entries()) {
				const lines = await linesPerNumber(cell);
				expect(lines, `${viewport.width}: row ${i + 1}`).toEqual(lines.map(() => 1));
			}
			await anna.context.close();
		}
	});

	it('says «первые 5 из 6» only when rows are left out, and nothing of rows a file has none of', async () => {
		const anna = await session.operator('Анна');
		await new HomePage(anna.page).goto(session.app.url);
		const dialog = new ImportDialog(anna.page, 'Новый список из CSV');
		const note = dialog.dialog.getByText(/Показаны первые|Красным — значения не по формату/);
		async function choose(name: string, lines: string[]) {
			if (await dialog.dialog.isVisible()) {
				await dialog.dialog.getByRole('button', { name: 'Отмена', exact: true }).click();
				await dialog.dialog.waitFor({ state: 'hidden' });
			}
			await anna.page.getByRole('button', { name: 'Новый список из CSV' }).click();
			await dialog.choose(file(name, lines));
			await dialog.duplicates();
		}

		await choose('шесть.csv', [TITLES, ...ROWS]);
		expect(await note.textContent()).toBe(
			'Показаны первые 5 из 6. Красным — значения не по формату.'
		);

		// Three rows: all of them are shown, and the preview says only what red means.
		await choose('три.csv', [TITLES, ...ROWS.slice(0, 3)]);
		expect(await note.textContent()).toBe('Красным — значения не по формату.');

		// Titles only: the dialog says there is nothing to import, and no «первые 0 из 0».
		await choose('шапка.csv', [TITLES]);
		await dialog.dialog
			.getByText('В файле одна строка, и она принята за заголовки: импортировать нечего.', {
				exact: false
			})
			.waitFor();
		expect(await note.count()).toBe(0);
		expect(await dialog.submit.isDisabled()).toBe(true);
	});
});
