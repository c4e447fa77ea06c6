/**
 * The browser's own copy of a sheet under a stream of colleagues' edits: they are written to
 * IndexedDB in batches, the store is compacted by a worker once it holds many updates, and a
 * reload with the network off shows every edit.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { HomePage, SAVED, SheetPage } from './pages';
import { serviceWorkerReady } from './setup';
import { e2eSession } from './session';

const EDITS = 700;

const session = e2eSession();

/** The first and last key of the `updates` store of a doc's IndexedDB database (auto keys). */
function storedKeys(
	page: Page,
	name: string
): Promise<{ first: number; last: number; count: number }> {
	return page.evaluate(
		(db) =>
			new Promise<{ first: number; last: number; count: number }>((resolve, reject) => {
				const open = indexedDB.open(db);
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const req = open.result.transaction('updates').objectStore('updates').getAllKeys();
					req.onsuccess = () => {
						open.result.close();
						const keys = req.result as number[];
						resolve({ first: keys[0], last: keys[keys.length - 1], count: keys.length });
					};
				};
			}),
		name
	);
}

describe('the browser store under many remote edits', () => {
	it('keeps every colleague edit, written in batches, and shows all of it offline after a reload', async () => {
		const anna = await session.operator('Анна');
		const home = await new HomePage(anna.page).goto(session.app.url);
		const sheet = await home.createSheet('Обзвон: поток правок', 'Обзвон');
		await sheet.addRow('Иванова Анна');
		await expect.poll(() => sheet.status(), { timeout: 15_000 }).toBe(SAVED);
		const id = sheet.id;

		// A colleague's client (Node, the real relay) makes 700 edits, one update each.
		const { provider, sheet: colleague } = await session.colleague(id);
		const [rowId] = colleague.rowIds();
		const name = colleague.columns().find((c) => c.title === 'ФИО')!.id;
		for (let k = 1; k <= EDITS; k++) colleague.setCell(rowId, name, `Иванова Анна, правка ${k}`);
		await expect
			.poll(() => sheet.cellText(0, 'ФИО'), { timeout: 30_000 })
			.toBe(`Иванова Анна, правка ${EDITS}`);
		provider.destroy();
		// The 700 updates were stored in batches: far fewer entries than updates.
		const keys = await storedKeys(anna.page, `sheet:${id}`);
		expect(keys.last).toBeLessThan(EDITS / 2);
		expect(keys.count).toBeLessThan(EDITS / 2);

		// The app itself comes from the service worker once it controls the page.
		await serviceWorkerReady(anna);
		await anna.context.setOffline(true);
		await anna.page.reload();
		const offline = await new SheetPage(anna.page).ready('Обзвон: поток правок');
		await expect
			.poll(() => offline.cellText(0, 'ФИО'), { timeout: 15_000 })
			.toBe(`Иванова Анна, правка ${EDITS}`);
		await anna.context.setOffline(false);
	});
	it('a store of many updates is compacted by a worker, and keeps every edit', async () => {
		const anna = await session.operator('Анна');
		const home = await new HomePage(anna.page).goto(session.app.url);
		const sheet = await home.createSheet('Обзвон: сжатие', 'Обзвон');
		await sheet.addRow('Петров Пётр');
		await expect.poll(() => sheet.status(), { timeout: 15_000 }).toBe(SAVED);
		const room = `sheet:${sheet.id}`;

		// 600 separate updates as an earlier offline session of this browser left them: made on
		// a copy of the sheet, put straight into the page's IndexedDB while the sheet is closed.
		const { doc, provider, sheet: copy } = await session.colleague(sheet.id);
		provider.destroy();
		const [rowId] = copy.rowIds();
		const name = copy.columns().find((c) => c.title === 'ФИО')!.id;
		const updates: number[][] = [];
		doc.on('update', (u: Uint8Array) => updates.push([...u]));
		for (let k = 1; k <= 600; k++) copy.setCell(rowId, name, `Петров Пётр, правка ${k}`);
		await new HomePage(anna.page).goto(session.app.url);
		await anna.page.evaluate(
			({ db, list }) =>
				new Promise<void>((resolve, reject) => {
					const open = indexedDB.open(db);
					open.onerror = () => reject(open.error);
					open.onsuccess = () => {
						const tx = open.result.transaction('updates', 'readwrite');
						for (const u of list) tx.objectStore('updates').add(new Uint8Array(u));
						tx.oncomplete = () => {
							open.result.close();
							resolve();
						};
						tx.onerror = () => reject(tx.error);
					};
				}),
			{ db: room, list: updates }
		);
		expect((await storedKeys(anna.page, room)).count).toBeGreaterThan(600);

		// Opening the sheet loads them all; the next write finds 600+ entries and compacts.
		await anna.page.getByRole('link', { name: 'Обзвон: сжатие' }).click();
		const opened = await new SheetPage(anna.page).ready('Обзвон: сжатие');
		await expect.poll(() => opened.cellText(0, 'ФИО')).toBe('Петров Пётр, правка 600');
		await opened.addRow('Сидорова Мария');
		await expect
			.poll(async () => (await storedKeys(anna.page, room)).first, { timeout: 15_000 })
			.toBeGreaterThan(1);
		expect((await storedKeys(anna.page, room)).count).toBeLessThan(10);
		// Everything is still there after a reload, and on the server.
		await anna.page.reload();
		const again = await new SheetPage(anna.page).ready('Обзвон: сжатие');
		await expect.poll(() => again.rowCount()).toBe(2);
		expect(await again.cellText(0, 'ФИО')).toBe('Петров Пётр, правка 600');
		await expect.poll(() => again.status(), { timeout: 15_000 }).toBe(SAVED);
	});
});
