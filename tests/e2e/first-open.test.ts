/**
 * A list opened for the first time in a browser comes from the server: until it has come, the
 * page says it is loading, never that the list is empty.
 */
import type { WebSocketRoute } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { Workspace } from '../../src/lib/model/workspace';
import { workspaceRoom } from '../../src/lib/sync/docs';
import { HomePage, OFFLINE, SAVED, SheetPage } from './pages';
import { screenshot } from './setup';
import { MOMENT, e2eSession } from './session';

const session = e2eSession();

describe('first opening of a list in a browser', () => {
	it('while the list comes over a slow network, the page says it is loading, not that it has no columns', async () => {
		const anna = await session.operator('Анна');
		const home = await new HomePage(anna.page).goto(session.app.url);
		const sheet = await home.createSheet('Обзвон 65+ Калининский', 'Обзвон');
		await sheet.addRow('Орлов Геннадий Дмитриевич');
		await expect.poll(() => sheet.status(), MOMENT).toBe(SAVED);
		const url = anna.page.url();

		// Boris's laptop has never opened Shtab: the list and the list of lists come from the
		// server, and are held on the way as a slow network holds a big list (found by exploration: the
		// 19,159 residents had not come after a minute).
		const boris = await session.operator('Борис');
		const held: WebSocketRoute[] = [];
		let letThrough = false;
		await boris.context.routeWebSocket(/\/sync\//, (ws) => {
			if (letThrough) ws.connectToServer();
			else held.push(ws);
		});
		await boris.page.goto(url);
		const page = boris.page;
		await page.getByRole('grid').waitFor();
		await expect.poll(() => held.length, MOMENT).toBeGreaterThan(0);
		// The browser's own (empty) copy is read; the server's is still on the way.
		await page.getByText('Загрузка списка…').waitFor();
		await page.waitForTimeout(500); // (the grid has shown what it has)
		expect(await page.getByText('В списке нет столбцов').count()).toBe(0);
		// Neither the grid nor the status bar says the list has no rows (found by exploration).
		expect(await page.getByText('Строк нет').count()).toBe(0);
		expect(await page.getByRole('contentinfo').textContent()).not.toContain('Строк');
		await screenshot(page, 'first-open-loading');
		expect(await page.getByText('Список не найден').count()).toBe(0);
		// Nothing to add a column or a row to yet: one added now would come beside the list's own.
		await expect
			.poll(() => page.getByRole('button', { name: 'Добавить столбец' }).isDisabled())
			.toBe(true);

		// The list arrives: its title, its resident, and the notice has gone.
		letThrough = true;
		for (const ws of held.splice(0)) await ws.close();
		const borisSheet = await new SheetPage(page).ready('Обзвон 65+ Калининский');
		await expect
			.poll(() => borisSheet.columnValues('ФИО'), { timeout: 30_000 })
			.toEqual(['Орлов Геннадий Дмитриевич']);
		expect(await page.getByText('Загрузка списка…').count()).toBe(0);
		expect(await page.getByRole('button', { name: 'Добавить столбец' }).isDisabled()).toBe(false);
		expect(await page.getByRole('contentinfo').textContent()).toContain('Строк: 1');
		// Once it has come, an empty list says so again.
		await sheet.selectRows([0]);
		await sheet.deleteSelectedRows();
		// The grid's overlay (AG Grid also says it in its live region for screen readers, at times
		// at the same moment: two elements with the text, and waitFor is strict).
		await page.locator('.ag-overlay-no-rows-center', { hasText: 'Строк нет' }).waitFor(MOMENT);
		expect(await page.getByRole('contentinfo').textContent()).toContain('Строк: 0');
	});

	it('a list never opened in this browser, with the server out of reach: the page says so, not that it has no columns', async () => {
		const anna = await session.operator('Анна');
		const home = await new HomePage(anna.page).goto(session.app.url);
		const sheet = await home.createSheet('Обзвон 65+ Выборгский', 'Обзвон');
		await sheet.addRow('Лебедева Нина');
		await expect.poll(() => sheet.status(), MOMENT).toBe(SAVED);
		const url = anna.page.url();

		// Boris has the list of lists, and never opened this one. Then his line fails: every
		// attempt to reach the list is refused, and the page is between two attempts most of the time.
		const boris = await session.operator('Борис');
		const borisHome = await new HomePage(boris.page).goto(session.app.url);
		await borisHome.link('Обзвон 65+ Выборгский').waitFor(MOMENT);
		let refused = 0;
		let letThrough = false;
		await boris.context.routeWebSocket(/\/sync\//, async (ws) => {
			if (letThrough || !ws.url().includes(sheet.id)) return ws.connectToServer();
			refused++;
			await ws.close({ code: 1011 });
		});
		await boris.page.goto(url);
		const page = boris.page;
		await page.getByRole('grid').waitFor();
		await expect.poll(() => refused, MOMENT).toBeGreaterThan(1);
		await page
			.getByText('Этот список ещё не загружен в этот браузер, а связи с сервером нет.', {
				exact: false
			})
			.waitFor();
		expect(await page.getByText('В списке нет столбцов').count()).toBe(0);
		expect(await page.getByText('Список не найден').count()).toBe(0);
		expect(await page.getByRole('button', { name: 'Добавить столбец' }).isDisabled()).toBe(true);

		// The line comes back: the list arrives.
		letThrough = true;
		const borisSheet = await new SheetPage(page).ready('Обзвон 65+ Выборгский');
		await expect
			.poll(() => borisSheet.columnValues('ФИО'), { timeout: 30_000 })
			.toEqual(['Лебедева Нина']);
		expect(await page.getByText('ещё не загружен').count()).toBe(0);
	});

	it('a list made with no columns by an older version is stamped once opened online, and offline says it has no columns', async () => {
		// The older version wrote nothing into a new list with no columns: its doc is empty on the
		// server too.
		const doc = new Y.Doc();
		const provider = new WebsocketProvider(
			session.app.url.replace(/^http/, 'ws') + '/sync',
			workspaceRoom(),
			doc,
			{ WebSocketPolyfill: WebSocket as never, disableBc: true }
		);
		try {
			await expect.poll(() => provider.synced, MOMENT).toBe(true);
			const id = new Workspace(doc).createSheet({ title: 'Пустой старый список', kind: 'other' });
			const anna = await session.operator('Анна');
			const home = await new HomePage(anna.page).goto(session.app.url);
			await home.link('Пустой старый список').waitFor(MOMENT);
			const sheet = await home.openSheet('Пустой старый список');
			await expect.poll(() => sheet.status(), MOMENT).toBe(SAVED);
			const colleague = await session.colleague(id);
			await expect.poll(() => colleague.doc.getMap('meta').has('created'), MOMENT).toBe(true);

			await anna.context.setOffline(true);
			await expect.poll(() => sheet.status(), MOMENT).toMatch(new RegExp(`^${OFFLINE}`));
			await anna.page.getByText('В списке нет столбцов').waitFor(MOMENT);
			expect(await anna.page.getByText('ещё не загружен').count()).toBe(0);
		} finally {
			provider.destroy();
		}
	});
});
