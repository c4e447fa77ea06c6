/**
 * The browser's own store misbehaving under an operator at work (found by exploration): the
 * disk or the browser's share of it full, the site's data cleared («Очистить историю») while
 * edits wait offline. Chromium's own quota and clearing, driven through the DevTools protocol.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { OFFLINE, SAVED, HomePage, SheetPage } from './pages';
import { screenshot, serviceWorkerReady, type Operator } from './setup';
import { e2eSession } from './session';

const MOMENT = { timeout: 5_000, interval: 50 };
/** After the network comes back the browser retries with a backoff of up to 10 s. */
const RECONNECT = { timeout: 30_000, interval: 100 };
const FULL = 'Браузер не смог сохранить изменения на этом компьютере';

const session = e2eSession();

/** Entries in the `updates` store of a doc's database, 0 while there is none. */
function stored(page: Page, name: string): Promise<number> {
	return page.evaluate(async (db) => {
		if (!(await indexedDB.databases()).some((d) => d.name === db)) return 0;
		return new Promise<number>((resolve, reject) => {
			const open = indexedDB.open(db);
			open.onerror = () => reject(open.error);
			open.onsuccess = () => {
				const names = open.result.objectStoreNames;
				if (!names.contains('updates')) {
					open.result.close();
					resolve(0);
					return;
				}
				const req = open.result.transaction('updates').objectStore('updates').count();
				req.onsuccess = () => {
					open.result.close();
					resolve(req.result);
				};
			};
		});
	}, name);
}

/** Анна's call list with one resident, saved on the server, the app cached for offline use. */
async function savedList(title: string): Promise<{ anna: Operator; sheet: SheetPage }> {
	const anna = await session.operator('Анна');
	const home = await new HomePage(anna.page).goto(session.app.url);
	let sheet = await home.createSheet(title, 'Обзвон');
	await sheet.addRow('Иванова Анна');
	await expect.poll(() => sheet.status(), MOMENT).toBe(SAVED);
	await serviceWorkerReady(anna);
	sheet = await new SheetPage(anna.page).ready(title);
	await expect.poll(() => sheet.status(), MOMENT).toBe(SAVED);
	return { anna, sheet };
}

describe('the browser store in trouble', () => {
	it('a browser whose store fails says the edits are not kept, asks before a reload, and stores them once it works', async () => {
		const { anna, sheet } = await savedList('Обзвон: нет места');
		const page = anna.page;
		const footer = page.getByRole('contentinfo');
		// The disk is full: what is stored stays, every later write of the lists fails, as a
		// full disk makes IndexedDB abort it. (Chromium 156 ignores the DevTools protocol's quota
		// override, and a small disk of its own needs root: the write is aborted here instead.)
		await page.evaluate(() => {
			const add = IDBObjectStore.prototype.add;
			const w = window as unknown as { __diskFull: boolean };
			w.__diskFull = true;
			IDBObjectStore.prototype.add = function (this: IDBObjectStore, ...args) {
				const request = add.apply(this, args);
				if (this.name === 'updates' && w.__diskFull) this.transaction.abort();
				return request;
			};
		});
		await anna.context.setOffline(true);
		await expect.poll(() => sheet.status(), MOMENT).toContain(OFFLINE);
		await sheet.editCell(0, 'Адрес', 'ул. Ленина, д. 5, кв. 12');
		await expect.poll(() => sheet.pending(), MOMENT).toBe(1);

		// Before, the status said only that the edit waited, as if the browser kept it, and a
		// reload or a close lost it without a question.
		await expect.poll(() => footer.textContent(), MOMENT).toContain(FULL);
		expect(await footer.textContent()).toContain(
			'не закрывайте вкладку, пока они не уйдут на сервер'
		);
		await screenshot(page, 'desktop-store-full');
		await page.reload({ timeout: 3_000 }).catch(() => {});
		expect(anna.dialogs.map((d) => d.split(':')[0])).toContain('beforeunload');
		expect(await sheet.cellText(0, 'Адрес')).toBe('ул. Ленина, д. 5, кв. 12');

		// A later edit waits with it.
		await sheet.editCell(0, 'Телефон', '+7 911 123-45-67');
		await expect.poll(() => sheet.pending(), MOMENT).toBe(2);
		expect(await footer.textContent()).toContain(FULL);

		// Room again (the operator freed some disk): both are stored at the next try, and the
		// status no longer warns.
		await page.evaluate(() => {
			(window as unknown as { __diskFull: boolean }).__diskFull = false;
		});
		await expect.poll(() => footer.textContent(), RECONNECT).not.toContain(FULL);
		anna.dialogs.length = 0;
		await page.reload();
		const again = await new SheetPage(page).ready('Обзвон: нет места');
		await expect.poll(() => again.cellText(0, 'Адрес'), MOMENT).toBe('ул. Ленина, д. 5, кв. 12');
		expect(await again.cellText(0, 'Телефон')).toBe('+7 (911) 123-45-67');
		expect(anna.dialogs).toEqual([]);

		await anna.context.setOffline(false);
		await expect.poll(() => again.status(), RECONNECT).toBe(SAVED);
	});

	it('the site’s data cleared while edits wait offline: the page stores its copy again, and sends every edit once back online', async () => {
		const { anna, sheet } = await savedList('Обзвон: очистка');
		const page = anna.page;
		await anna.context.setOffline(true);
		await expect.poll(() => sheet.status(), MOMENT).toContain(OFFLINE);
		await sheet.editCell(0, 'Адрес', 'ул. Ленина, д. 5, кв. 12');
		await expect.poll(() => sheet.pending(), MOMENT).toBe(1);

		// The browser's stored lists are cleared under the open page (the app itself stays cached,
		// so that the page reloads offline).
		const cdp = await anna.context.newCDPSession(page);
		await cdp.send('Storage.clearDataForOrigin', {
			origin: session.app.url,
			storageTypes: 'indexeddb'
		});
		await sheet.editCell(0, 'Телефон', '+7 911 123-45-67');
		await expect.poll(() => sheet.pending(), MOMENT).toBe(2);

		// Before, every later write threw (the database connection was closed), the status said
		// «Сохраняется в браузере…» for good, and a reload found neither the list nor the edits.
		// The operator reloads once the status bar says nothing of the browser's store (and the
		// list's database is there again: a write of a few ms is not shown).
		await expect.poll(() => stored(page, `sheet:${sheet.id}`), MOMENT).toBeGreaterThan(0);
		const footer = page.getByRole('contentinfo');
		await expect
			.poll(() => footer.textContent(), MOMENT)
			.not.toMatch(/Сохраняется в браузере|не смог сохранить|не осталось места/);
		await page.reload();
		const again = await new SheetPage(page).ready('Обзвон: очистка');
		await expect.poll(() => again.cellText(0, 'Адрес'), MOMENT).toBe('ул. Ленина, д. 5, кв. 12');
		expect(await again.cellText(0, 'Телефон')).toBe('+7 (911) 123-45-67');
		await expect.poll(() => again.pending(), MOMENT).toBe(2);

		await anna.context.setOffline(false);
		await expect.poll(() => again.status(), RECONNECT).toBe(SAVED);
		const { sheet: server } = await session.colleague(again.id);
		const [row] = server.rowIds();
		const column = (title: string) => server.columns().find((c) => c.title === title)!.id;
		expect(server.getCell(row, column('Адрес'))).toBe('ул. Ленина, д. 5, кв. 12');
		expect(server.getCell(row, column('Телефон'))).toBe('+79111234567');
	});

	it('a browser with no IndexedDB at all: the page says changes cannot be kept on this computer', async () => {
		const anna = await session.operator('Анна');
		await anna.context.addInitScript(() => {
			Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
		});
		const page = await anna.newPage();
		const home = await new HomePage(page).goto(session.app.url);
		expect(await page.evaluate(() => typeof indexedDB)).toBe('undefined');
		const sheet = await home.createSheet('Обзвон: без хранилища', 'Обзвон');
		await sheet.addRow('Лебедева Нина');
		await page
			.getByText('Браузер не даёт сохранять данные на этом компьютере')
			.first()
			.waitFor(MOMENT);
		// The server has her edit all the same.
		await expect.poll(() => sheet.status(), RECONNECT).toContain('сохранены на сервере');
	});
});
