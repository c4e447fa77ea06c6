/**
 * Found by exploration: a big import, closed or reloaded right after «Импорт завершён», was lost
 * for everyone. Its slices were still being written to IndexedDB (seconds for 100,000 rows) and
 * a page closed aborts those writes. Now the status says the browser is still saving, and the
 * browser asks before the page is closed or reloaded meanwhile; once saved, a reload shows the
 * rows, even with the network gone.
 */
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCallListCsv } from '../../bench/data';
import { encodeWindows1251 } from '../../src/lib/csv/decode';
import { HomePage, ImportDialog } from './pages';
import { e2eSession } from './session';

const ROWS = 100_000;
const file = join(tmpdir(), `shtab-e2e-import-close-${process.pid}.csv`);
const session = e2eSession();

beforeAll(async () => {
	await writeFile(file, encodeWindows1251(generateCallListCsv({ rows: ROWS, seed: 11 })).bytes);
});
afterAll(() => rm(file, { force: true }));

describe('closing the page after a big import', () => {
	it('asks first while the rows are still being saved in the browser, and keeps them once saved', async () => {
		const anna = await session.operator('Анна');
		const page = anna.page;
		const sheet = await new HomePage(page)
			.goto(session.app.url)
			.then((h) => h.createSheet('Большой импорт', 'Обзвон'));
		// Offline: the rows can only be kept by the browser's own store.
		await anna.context.setOffline(true);
		// A slow store, as on an ordinary laptop's disk: each write of the document's updates keeps
		// its transaction busy a second longer. Without it, a fast machine had stored the 100,000
		// rows before the report showed, and this test saw no saving to ask about (CI, twice).
		await page.evaluate(() => {
			for (const name of ['put', 'add'] as const) {
				const original = IDBObjectStore.prototype[name];
				IDBObjectStore.prototype[name] = function (
					this: IDBObjectStore,
					...args: [unknown, IDBValidKey?]
				) {
					const request = original.apply(this, args);
					if (this.name === 'updates') {
						const until = performance.now() + 1_000;
						const busy = () => {
							if (performance.now() < until) this.count().onsuccess = busy;
						};
						busy();
					}
					return request;
				};
			}
		});
		const dialog = await new ImportDialog(page).open();
		await dialog.choose(file);
		const report = await dialog.run('Добавить все строки');
		expect(report).toContain('Импорт завершён');

		// The operator's page dismisses every dialog (stays on the page) and records it.
		const asked = () => anna.dialogs.map((d) => d.split(':')[0]);
		const saving = page
			.getByRole('contentinfo')
			.getByText('Сохраняется в браузере… не закрывайте вкладку');
		// 100,000 rows take the browser seconds to store: still writing when the report shows, and
		// the report says so too.
		await saving.waitFor({ timeout: 2_000 });
		expect(await dialog.dialog.getByTestId('import-saving').textContent()).toContain(
			'Импорт сохраняется в браузере… Не закрывайте вкладку'
		);
		// A reload is asked about, and staying keeps the page as it was.
		await page.reload({ timeout: 3_000 }).catch(() => {});
		expect(asked()).toContain('beforeunload');
		expect(await sheet.rowCount()).toBeGreaterThan(99_000);
		await saving.waitFor({ state: 'hidden', timeout: 60_000 });
		const rows = await sheet.rowCount();
		expect(rows).toBeGreaterThan(99_000);

		// Saved: no question, and the reloaded page (no network) has every row.
		anna.dialogs.length = 0;
		await page.reload();
		await sheet.ready('Большой импорт');
		await expect.poll(() => sheet.rowCount(), { timeout: 60_000 }).toBe(rows);
		expect(asked()).toEqual([]);
	});
});
