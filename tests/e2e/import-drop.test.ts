/**
 * Found by exploration: a CSV file dropped on a list's page anywhere but the import dialog's zone
 * (on the grid, the toolbar, the home page's table) made the browser leave Shtab for the file —
 * an editor's typed text and the view gone. Now the page takes a file dropped anywhere: the
 * import dialog opens with it. The drags are Chromium's own (CDP `Input.dispatchDragEvent`), as a
 * file dragged from the desktop comes.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HomePage, ImportDialog, mappedTo } from './pages';
import { e2eSession } from './session';
import { screenshot } from './setup';

const session = e2eSession();
let dir = '';
let first = '';
let second = '';

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'shtab-e2e-drop-'));
	first = join(dir, 'обзвон-недели.csv');
	second = join(dir, 'второй.csv');
	await writeFile(first, 'ФИО;Телефон;Заметка\r\nИванова Анна;+79111234567;после 12\r\n');
	await writeFile(second, 'ФИО;Адрес\r\nПетров Пётр;ул. Ленина, 1\r\n');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

type DragData = { items: { mimeType: string; data: string }[]; files?: string[] };

/** A drag from outside the page onto `target`'s centre, dropped there (or not, `drop: false`). */
async function dragOnto(
	page: Page,
	cdp: CDPSession,
	target: Locator,
	data: DragData,
	{ drop = true } = {}
): Promise<void> {
	const box = (await target.boundingBox())!;
	const x = box.x + box.width / 2;
	const y = box.y + box.height / 2;
	const drag = { ...data, dragOperationsMask: 1 | 2 | 16 };
	await cdp.send('Input.dispatchDragEvent', { type: 'dragEnter', x, y, data: drag });
	await cdp.send('Input.dispatchDragEvent', { type: 'dragOver', x, y, data: drag });
	await cdp.send('Input.dispatchDragEvent', {
		type: drop ? 'drop' : 'dragCancel',
		x,
		y,
		data: drag
	});
	await page.evaluate(() => new Promise(requestAnimationFrame));
}

/** Notes each drop the window sees, and whether the page took it (so the browser did not). */
async function watchDrops(page: Page): Promise<void> {
	await page.evaluate(() => {
		const drops: boolean[] = [];
		(window as unknown as { drops: boolean[] }).drops = drops;
		// Bubbling on the window after the app's own listeners: the event as the browser gets it.
		window.addEventListener('drop', (event) =>
			setTimeout(() => drops.push(event.defaultPrevented))
		);
	});
}
const drops = (page: Page) =>
	page.evaluate(() => (window as unknown as { drops: boolean[] }).drops);

describe('a file dropped on the page', () => {
	it('on the grid opens the import dialog with it, the page staying; a text drag does nothing', async () => {
		const anna = await session.operator('Анна');
		const page = anna.page;
		const sheet = await new HomePage(page)
			.goto(session.app.url)
			.then((h) => h.createSheet('Обзвон недели', 'Обзвон'));
		const url = page.url();
		await watchDrops(page);
		const cdp = await page.context().newCDPSession(page);
		const grid = page.locator('.ag-grid-viewport');

		// A text dragged over the grid (not a file): no outline, and dropped, nothing opens.
		const text = { items: [{ mimeType: 'text/plain', data: 'Иванова' }], dragOperationsMask: 1 };
		const box = (await grid.boundingBox())!;
		const at = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
		await cdp.send('Input.dispatchDragEvent', { type: 'dragEnter', ...at, data: text });
		await cdp.send('Input.dispatchDragEvent', { type: 'dragOver', ...at, data: text });
		await page.evaluate(() => new Promise(requestAnimationFrame));
		expect(await page.getByTestId('page-drop').count()).toBe(0);
		await cdp.send('Input.dispatchDragEvent', { type: 'drop', ...at, data: text });
		await page.evaluate(() => new Promise(requestAnimationFrame));
		expect(await page.getByRole('dialog').count()).toBe(0);
		// (The browser fires no drop for a drag the page did not take; had it, it was not taken.)
		const before = await drops(page);
		expect(before).not.toContain(true);

		// The file held over the grid: the page says it can be dropped.
		const drag = { items: [], files: [first], dragOperationsMask: 1 };
		await cdp.send('Input.dispatchDragEvent', { type: 'dragEnter', ...at, data: drag });
		await cdp.send('Input.dispatchDragEvent', { type: 'dragOver', ...at, data: drag });
		await expect
			.poll(() => page.getByTestId('page-drop').textContent())
			.toContain('Отпустите файл, чтобы импортировать его в этот список');
		await screenshot(page, 'import-drop-outline');
		await cdp.send('Input.dispatchDragEvent', { type: 'drop', ...at, data: drag });

		// Dropped: the dialog opens with the file read, its columns mapped; the page is the same.
		const dialog = new ImportDialog(page);
		await dialog.dialog.waitFor();
		await expect
			.poll(() => dialog.dialog.textContent(), { timeout: 15_000 })
			.toContain('обзвон-недели.csv');
		expect(await mappedTo(dialog.dialog, 'Заметка')).toBeTruthy();
		expect(await dialog.duplicates()).toContain('в файле: 0');
		await expect.poll(() => page.getByTestId('page-drop').count()).toBe(0);
		expect(page.url()).toBe(url);
		await expect.poll(() => drops(page)).toEqual([...before, true]);

		// A second file dropped beside the open dialog's zone opens no second dialog and does not
		// leave the page; dropped on the zone, it is read as before.
		await dialog.dialog.getByRole('button', { name: 'Отмена', exact: true }).click();
		await dialog.dialog.waitFor({ state: 'hidden' });
		await dialog.open();
		await dragOnto(page, cdp, dialog.dialog.getByRole('heading'), { items: [], files: [second] });
		expect(await dialog.dialog.textContent()).not.toContain('второй.csv');
		await dragOnto(page, cdp, dialog.dialog.getByRole('region'), { items: [], files: [second] });
		await expect
			.poll(() => dialog.dialog.textContent(), { timeout: 15_000 })
			.toContain('второй.csv');
		expect(await page.getByRole('dialog').count()).toBe(1);
		expect(page.url()).toBe(url);
		await dialog.dialog.getByRole('button', { name: 'Отмена', exact: true }).click();
		await dialog.dialog.waitFor({ state: 'hidden' });

		// Two files on the toolbar: the first is read, the other named as not read.
		await dragOnto(page, cdp, page.getByRole('button', { name: 'Импорт CSV', exact: true }), {
			items: [],
			files: [first, second]
		});
		await dialog.dialog.waitFor();
		await expect
			.poll(() => dialog.dialog.getByRole('status').first().textContent())
			.toContain('Прочитан только файл «обзвон-недели.csv»; не прочитаны: «второй.csv»');
		expect(await dialog.duplicates()).toContain('в файле: 0');
		expect(page.url()).toBe(url);
		await sheet.ready();
	});

	it('on the home page opens «Новый список из CSV» with it', async () => {
		const anna = await session.operator('Анна');
		const page = anna.page;
		await new HomePage(page).goto(session.app.url);
		const url = page.url();
		await watchDrops(page);
		const cdp = await page.context().newCDPSession(page);
		await dragOnto(page, cdp, page.getByRole('heading', { level: 1 }), {
			items: [],
			files: [first]
		});
		const dialog = new ImportDialog(page, 'Новый список из CSV');
		await dialog.dialog.waitFor();
		await expect
			.poll(() => dialog.dialog.textContent(), { timeout: 15_000 })
			.toContain('обзвон-недели.csv');
		await expect
			.poll(() => dialog.dialog.getByLabel('Название списка', { exact: true }).inputValue())
			.toBe('обзвон-недели');
		expect(page.url()).toBe(url);
		expect(await drops(page)).toEqual([true]);
	});
});
