/**
 * Who is in the sheet, after a short network drop: the browser comes back on a new connection
 * while the relay may still hold the old one (found by exploration: the colleague saw the
 * operator vanish for 10–30 s). The relay pings every second here, so it drops a dead
 * connection within two.
 */
import { describe, expect, it } from 'vitest';
import { HomePage, SAVED, SheetPage } from './pages';
import { e2eSession, MOMENT } from './session';

const PING_MS = 1_000;
const session = e2eSession({ PING_INTERVAL_MS: String(PING_MS) });

describe('presence', () => {
	it('an operator back after a short network drop stays in the colleague’s list', async () => {
		const anna = await session.operator('Анна');
		const boris = await session.operator('Борис');
		const a = await new HomePage(anna.page)
			.goto(session.app.url)
			.then((h) => h.createSheet('Обзвон: связь', 'Обзвон'));
		const b = await SheetPage.open(boris.page, anna.page.url(), 'Обзвон: связь');
		await expect.poll(() => b.presenceNames(), MOMENT).toContain('Анна');

		await anna.context.setOffline(true);
		await expect.poll(() => a.status(), MOMENT).toContain('Нет связи');
		await anna.page.waitForTimeout(500);
		await anna.context.setOffline(false);
		await expect.poll(() => a.status(), { timeout: 15_000 }).toBe(SAVED);

		// Long enough for the relay to drop the old connection (two pings), short of the
		// browser's own renewal of its presence (every 15 s).
		const seen: boolean[] = [];
		for (const end = Date.now() + 4 * PING_MS; Date.now() < end;) {
			seen.push((await b.presenceNames()).includes('Анна'));
			await boris.page.waitForTimeout(100);
		}
		expect(seen.length).toBeGreaterThan(10);
		expect(seen.filter((s) => !s)).toEqual([]);
	});

	/**
	 * Found by exploration (an operator on a mobile modem): after each drop her own list showed
	 * only «Анна (вы)» for 12–15 s, while her colleague worked in the same rows. Her browser had
	 * forgotten his presence at the drop but kept its clock, and took the relay's copy of it, at
	 * that clock, for one it already had: he came back only with his next renewal (every 15 s).
	 */
	it('an operator back after a network drop sees the colleague at once', async () => {
		const anna = await session.operator('Анна');
		const boris = await session.operator('Борис');
		const a = await new HomePage(anna.page)
			.goto(session.app.url)
			.then((h) => h.createSheet('Обзвон: кто здесь', 'Обзвон'));
		const b = await SheetPage.open(boris.page, anna.page.url(), 'Обзвон: кто здесь');
		await expect.poll(() => a.presenceNames(), MOMENT).toContain('Борис');

		for (let drop = 0; drop < 2; drop++) {
			await anna.context.setOffline(true);
			await expect.poll(() => a.status(), MOMENT).toContain('Нет связи');
			// Offline, she is shown alone: nobody's presence reaches her.
			expect(await a.presenceNames()).toEqual(['Анна (вы)']);
			await anna.page.waitForTimeout(1_000);
			await anna.context.setOffline(false);
			await expect.poll(() => a.status(), { timeout: 15_000 }).toBe(SAVED);
			// Back: Борис is listed within a moment, well before his renewal.
			await expect
				.poll(() => a.presenceNames(), { timeout: 2_000, interval: 50 })
				.toEqual(['Анна (вы)', 'Борис']);
			expect(await b.presenceNames()).toEqual(['Борис (вы)', 'Анна']);
		}
	});
});
