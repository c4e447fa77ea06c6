/**
 * A server at its limit for one address (`MAX_PER_ADDRESS`, here 2 sync connections: the first
 * tab's workspace and list): a second tab of the same list is refused. It says so in words, keeps
 * her edit in the browser, and sends it once the first tab is closed. With a limit of 3 the second
 * tab's workspace or its list got the last place, whichever connected first, and in one run of
 * five it was the list: saved, no message. With her network gone as well, the bar says that.
 */
import { describe, expect, it } from 'vitest';
import { HomePage, SAVED, SheetPage } from './pages';
import { e2eSession, MOMENT } from './session';
import { screenshot } from './setup';

const session = e2eSession({ MAX_PER_ADDRESS: '2' });
const BUSY = 'Сервер не принимает эту вкладку';
const OFFLINE = 'Нет связи с сервером';

describe('a server at its limit for her computer', () => {
	it('says so, keeps her edit, and sends it once a tab is closed', async () => {
		const anna = await session.operator('Анна');
		const first = await new HomePage(anna.page)
			.goto(session.app.url)
			.then((h) => h.createSheet('Обзвон: лимит', 'Обзвон'));
		await expect.poll(() => first.status(), MOMENT).toBe(SAVED);

		const second = await SheetPage.open(await anna.newPage(), first.page.url(), 'Обзвон: лимит');
		await expect.poll(() => second.status(), { timeout: 20_000 }).toContain(BUSY);
		await second.addRow('Кузнецова Вера');
		await expect.poll(() => second.pending(), MOMENT).toBeGreaterThan(0);
		await screenshot(second.page, 'server-busy');
		expect(session.app.log()).toContain('MAX_PER_ADDRESS');

		// Her network drops too: the bar says so, not that the server turns the tab away (it
		// said «Сервер не принимает…» with no network at all).
		await anna.context.setOffline(true);
		await expect.poll(() => second.status(), MOMENT).toContain(OFFLINE);
		expect(await second.status()).not.toContain(BUSY);
		await anna.context.setOffline(false);

		await first.page.close();
		await expect.poll(() => second.status(), { timeout: 30_000 }).toBe(SAVED);
		// The colleague (a Node client) is at the same address: the server has her row already.
		const id = second.id;
		await second.page.close();
		const colleague = await session.colleague(id);
		expect(colleague.sheet.rowCount).toBe(1);
	});
});
