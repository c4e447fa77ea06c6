/**
 * The notice at the bottom after an action (a paste, rows deleted with «Отменить») covers none of
 * the grid: exploration found it drawn over the «+» line for its five or ten seconds, so the
 * operator could neither see nor click the line she was typing new residents into.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { clipboard, editorClosed, editorOpen, HomePage, SheetPage } from './pages';
import { e2eSession, MOMENT } from './session';
import { DESKTOP, PHONE, screenshot } from './setup';

const session = e2eSession();

type Box = { x: number; y: number; width: number; height: number };

const intersect = (a: Box, b: Box) =>
	a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function boxes(locator: Locator): Promise<Box[]> {
	const all = await locator.all();
	const out: Box[] = [];
	for (const one of all) {
		const box = await one.boundingBox();
		if (box && box.width > 0 && box.height > 0) out.push(box);
	}
	return out;
}

/** The toasts shown now and the parts of the grid they must leave free, as drawn. */
async function overlaps(page: Page): Promise<string[]> {
	const toasts = await boxes(page.locator('.toast'));
	expect(toasts.length).toBeGreaterThan(0);
	const parts: [string, Locator][] = [
		['the «+» line', page.locator('.shtab-new-row')],
		['the grid', page.getByRole('grid')]
	];
	const found: string[] = [];
	for (const [name, locator] of parts) {
		for (const box of await boxes(locator)) {
			if (toasts.some((toast) => intersect(toast, box))) found.push(name);
		}
	}
	return [...new Set(found)];
}

async function callList(
	title: string,
	viewport: { width: number; height: number }
): Promise<SheetPage> {
	const anna = await session.operator('Анна', { viewport });
	return new HomePage(anna.page).goto(session.app.url).then((h) => h.createSheet(title));
}

/**
 * Whether the focused cell is drawn whole between the header and the «+» line (its row not
 * scrolled out of the rows area).
 */
const focusedInSight = (page: Page) =>
	page.evaluate(() => {
		const cell = document.activeElement?.closest('.ag-cell')?.getBoundingClientRect();
		const header = document.querySelector('.ag-header')?.getBoundingClientRect();
		const plus = document.querySelector('.shtab-new-row')?.getBoundingClientRect();
		if (!cell || !header || !plus) return false;
		return cell.top >= header.bottom - 1 && cell.bottom <= plus.top + 1;
	});

describe('a notice leaves the grid free', () => {
	for (const [size, viewport] of [
		['laptop', DESKTOP],
		['phone', PHONE]
	] as const) {
		it(`after a paste into the «+» line and after rows deleted (${size})`, async () => {
			const sheet = await callList(`Обзвон: уведомления (${size})`, viewport);
			const { page } = sheet;
			const rows = Array.from({ length: 30 }, (_, i) => `Р${i}`);
			await sheet.paste('new', 'ФИО', rows.join('\r\n') + '\r\n');
			await page.getByText('Вставлено строк: 30, из них новых: 30.').waitFor();
			await screenshot(page, `toast-paste-${size}`);
			expect(await overlaps(page)).toEqual([]);
			// The «+» line takes a click while the notice is shown: the next resident goes in.
			await (await sheet.newRowCell('ФИО')).click({ timeout: 3_000 });
			await page.keyboard.press('F2');
			await editorOpen(page);
			await page.keyboard.type('Новикова Анна');
			await page.keyboard.press('Enter');
			await editorClosed(page);
			await expect.poll(() => sheet.rowCount(), MOMENT).toBe(31);

			// Notices at once, one with a button: still beside the grid.
			await sheet.selectRows([0, 1]);
			await sheet.deleteSelectedRows();
			await sheet.toastButton('Отменить').waitFor();
			await page.keyboard.press('Control+s');
			await page
				.locator('.toast')
				.getByText(/^Сохранять не нужно/)
				.waitFor();
			expect(await page.locator('.toast').count()).toBeGreaterThanOrEqual(2);
			await screenshot(page, `toast-two-${size}`);
			expect(await overlaps(page)).toEqual([]);
		});
	}

	it('the row the operator is on stays in sight when the grid makes room for a notice', async () => {
		const sheet = await callList('Обзвон: уведомление и строка внизу', DESKTOP);
		const { page } = sheet;
		const colleague = await session.colleague(sheet.id);
		const name = colleague.sheet.columns()[0].id;
		colleague.sheet.addRows({
			columns: [name],
			rows: Array.from({ length: 60 }, (_, i) => [`Р${i}`])
		});
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(60);
		const notice = page.locator('.toast').getByText(/^Сохранять не нужно/);

		// On the last row shown, the list not scrolled to its end.
		await (await sheet.cell(0, 'ФИО')).click();
		for (;;) {
			await page.keyboard.press('ArrowDown');
			const last = await page.evaluate(() => {
				const row = document.activeElement?.closest('.ag-row');
				const below = document.querySelector(
					`.ag-row[row-index="${Number(row?.getAttribute('row-index')) + 1}"]`
				);
				const plus = document.querySelector('.shtab-new-row')?.getBoundingClientRect();
				return (below?.getBoundingClientRect().bottom ?? Infinity) > (plus?.top ?? 0) + 1;
			});
			if (last) break;
		}
		await expect.poll(() => focusedInSight(page)).toBe(true);
		await page.keyboard.press('Control+s');
		await notice.waitFor();
		await expect.poll(() => focusedInSight(page)).toBe(true);
		await page.getByRole('button', { name: '×' }).click();
		await notice.waitFor({ state: 'detached' });

		// On the last row of the list, scrolled to its end.
		await (await sheet.cell(5, 'ФИО')).click();
		await page.keyboard.press('Control+End');
		await page.keyboard.press('Home');
		await expect.poll(() => focusedInSight(page)).toBe(true);
		await page.keyboard.press('Control+s');
		await notice.waitFor();
		await expect.poll(() => overlaps(page)).toEqual([]);
		await expect.poll(() => focusedInSight(page)).toBe(true);
		await screenshot(page, 'toast-last-row');
	});

	it("a list's notices do not follow the operator to another list", async () => {
		// Found by exploration: a coordinator pasted 40 requests, went to the campaign of 30
		// veterans, and read «Вставлено строк: 40, из них новых: 40.» under it; «Удалено строк: 1.
		// Отменить» from the call list, pressed over the empty request board, brought a resident
		// back into the call list, out of her sight.
		const galina = await session.operator('Галина', { viewport: DESKTOP });
		const page = galina.page;
		const home = await new HomePage(page).goto(session.app.url);
		await home.createSheet('Заявки: уведомления', 'Заявки');
		await new HomePage(page).open();
		const calls = await new HomePage(page).createSheet('Обзвон: уведомления');
		await (await calls.newRowCell('ФИО')).click();
		await clipboard(calls, 'paste', 'Иванова Анна\nПетров Олег\nСидорова Мария');
		const notices = page.locator('.toast');
		await expect
			.poll(() => notices.allTextContents(), MOMENT)
			.toEqual([expect.stringContaining('Вставлено строк: 3, из них новых: 3.')]);
		await calls.selectRows([0]);
		await calls.deleteSelectedRows();
		const deletedAt = Date.now();
		await expect
			.poll(() => notices.allTextContents(), MOMENT)
			.toContainEqual(expect.stringContaining('Удалено строк: 1.'));

		await (await new HomePage(page).open()).openSheet('Заявки: уведомления');
		expect(await notices.allTextContents()).toEqual([]);
		// Still within the ten seconds «Отменить» stays for (or the check says nothing).
		expect(Date.now() - deletedAt).toBeLessThan(9_000);
		// Back in the call list: nothing was undone, the row is in «Удалённые строки».
		await new HomePage(page).open();
		const again = await new HomePage(page).openSheet('Обзвон: уведомления');
		await expect.poll(() => again.rowCount(), MOMENT).toBe(2);
	});
});

describe('a notice follows the interface’s language', () => {
	it('«Применён вид …» and «Отменить» show in English once «English» is pressed', async () => {
		const { page } = await session.operator('Анна');
		const home = await new HomePage(page).goto(session.app.url);
		const board = await home.createSheet('Заявки: уведомления и язык', 'Заявки');
		await board.paste('new', 'ФИО', 'Иванова Анна\r\nПетров Пётр\r\n');
		await expect.poll(() => board.rowCount(), MOMENT).toBe(2);
		await board.selectRows([1]);
		await board.deleteSelectedRows();
		await page.getByRole('button', { name: 'Виды', exact: true }).click();
		await page
			.getByRole('group', { name: 'Виды' })
			.getByRole('button', { name: 'Новые заявки', exact: true })
			.click();
		const status = page.getByRole('status').filter({ has: page.locator('.toast') });
		await status.getByText('Применён вид «Новые заявки».', { exact: true }).waitFor();
		await status.getByRole('button', { name: 'Отменить', exact: true }).waitFor();

		await page.getByRole('button', { name: 'Язык интерфейса' }).click();
		await status.getByText('View “Новые заявки” applied.', { exact: true }).waitFor(MOMENT);
		await status.getByRole('button', { name: 'Undo', exact: true }).waitFor(MOMENT);
		expect(await status.getByText(/Применён вид/).count()).toBe(0);
		expect(await status.getByText('Отменить', { exact: true }).count()).toBe(0);
	});
});
