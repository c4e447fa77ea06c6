/**
 * Shtab upgraded on the server while an operator's tab stays open: the tab runs the old app and
 * must not sync with the new server (it could not read what the new app writes, or would write
 * in the old way). It says so, keeps her edits in the browser, and after «Обновить страницу»
 * they reach the server.
 *
 * The upgrade is played by another version in the build's `version.json` (what a new build
 * writes) and a restart of the server; the old one is put back for the reload.
 */
import { copyFile, readFile, rm, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { HomePage, SAVED } from './pages';
import { e2eSession, MOMENT } from './session';
import { VERSION_FILE, VERSION_KEPT } from './setup';

const session = e2eSession();
const RECONNECT = { timeout: 30_000, interval: 100 };

describe('a tab left open over an upgrade of the server', () => {
	it('stops syncing, says to reload, keeps her edits, and sends them after the reload', async () => {
		const anna = await session.operator('Анна');
		const sheet = await new HomePage(anna.page)
			.goto(session.app.url)
			.then((h) => h.createSheet('Обзвон: обновление', 'Обзвон'));
		const { page } = sheet;
		await sheet.addRow('Кузнецова Вера');
		await expect.poll(() => sheet.status(), MOMENT).toBe(SAVED);
		const banner = page.getByRole('alert').filter({ hasText: 'Штаб на сервере обновлён' });
		expect(await banner.count()).toBe(0);

		const built = await readFile(VERSION_FILE, 'utf8');
		// Kept aside too: a run stopped before `finally` gets it back at the next start.
		await copyFile(VERSION_FILE, VERSION_KEPT);
		try {
			await session.app.stop();
			await writeFile(VERSION_FILE, JSON.stringify({ version: 'a-newer-build' }));
			await session.app.restart();
			await banner.waitFor(RECONNECT);
			expect(await banner.textContent()).toContain('сохранены в этом браузере');
			await expect
				.poll(() => sheet.status(), MOMENT)
				.toContain('На сервере новая версия Штаба — обновите страницу');
			// Her edit meanwhile stays in the tab and the browser; the new server does not get it.
			await sheet.addRow('Орлов Семён');
			await expect.poll(() => sheet.pending(), MOMENT).toBeGreaterThan(0);
			const colleague = await session.colleague(sheet.id);
			expect(colleague.sheet.rowCount).toBe(1);
			expect(session.app.log()).toContain('asked to reload');

			// The old version back (here the page's own stands for the new one), then the reload.
			await session.app.stop();
			await writeFile(VERSION_FILE, built);
			await session.app.restart();
		} finally {
			await writeFile(VERSION_FILE, built);
			await rm(VERSION_KEPT, { force: true });
		}
		await Promise.all([
			page.waitForEvent('load'),
			page.getByRole('button', { name: 'Обновить страницу' }).click()
		]);
		await expect.poll(() => sheet.status(), RECONNECT).toBe(SAVED);
		expect(await banner.count()).toBe(0);
		expect(await sheet.columnValues('ФИО')).toEqual(['Кузнецова Вера', 'Орлов Семён']);
		const after = await session.colleague(sheet.id);
		expect(after.sheet.rowCount).toBe(2);
	});
});
