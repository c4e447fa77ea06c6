/**
 * Two operators doing random work in one sheet, as on a busy evening at the hotline: typing
 * into cells, pasting blocks, emptying a block, filling down, adding and deleting rows, undoing
 * and redoing, one of them dropping offline for a while. The steps come from a seeded
 * generator (a failing seed can be replayed). After every step with both online, both grids
 * must show the same rows; at the end, a reload of each (the grid drawn afresh from the stored
 * sheet) must show what its grid showed, which holds only if every change reached the grid as
 * the right transaction. Any error in either page fails the test (see `session.ts`).
 */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/lib/model/testing';
import { HomePage, SheetPage } from './pages';
import { e2eSession, MOMENT } from './session';

const session = e2eSession();

const COLUMNS = ['ФИО', 'Адрес'];
const STEPS = 40;
const SEED = Number(process.env.RANDOM_WORK_SEED ?? 20261203);
/** Rows kept at most: all of them stay drawn in the grid at 1366×768. */
const MAX_ROWS = 9;

describe('random work by two operators', () => {
	it(`both grids always show the same rows, and what a reload shows (seed ${SEED})`, async () => {
		const random = seededRandom(SEED);
		const int = (n: number) => Math.floor(random() * n);
		const anna = await session.operator('Анна');
		const boris = await session.operator('Борис');
		const a = await new HomePage(anna.page)
			.goto(session.app.url)
			.then((h) => h.createSheet('Обзвон: вечер', 'Обзвон'));
		const b = await SheetPage.open(boris.page, anna.page.url(), 'Обзвон: вечер');
		await expect.poll(() => b.presenceNames(), MOMENT).toContain('Анна');
		await a.paste(
			'new',
			'ФИО',
			Array.from({ length: 5 }, (_, i) => `Житель ${i}\t\tАдрес ${i}`).join('\r\n') + '\r\n'
		);
		await expect.poll(() => b.rowCount(), MOMENT).toBe(5);

		const operators = [
			{ name: 'Анна', sheet: a, context: anna.context, offlineFor: 0 },
			{ name: 'Борис', sheet: b, context: boris.context, offlineFor: 0 }
		];
		/** The rows as the grid draws them, scrolled back to its first columns (a click near the
		 * bottom may have scrolled it sideways: the grid draws only the columns in view). */
		const shown = async (sheet: SheetPage) => {
			await sheet.page
				.locator('.ag-grid-viewport')
				.first()
				.evaluate(async (el) => {
					if (el.scrollLeft === 0) return;
					el.scrollLeft = 0;
					await new Promise((resolve) =>
						requestAnimationFrame(() => requestAnimationFrame(resolve))
					);
				});
			return sheet.rows(COLUMNS);
		};
		/** The same rows, whatever order each operator's own sort shows them in. */
		const same = (x: Record<string, string>[], y: Record<string, string>[]) => {
			const key = (rows: Record<string, string>[]) => rows.map((r) => JSON.stringify(r)).sort();
			return JSON.stringify(key(x)) === JSON.stringify(key(y));
		};
		let counter = 0;
		const text = (who: string) => `${who[0]}${counter++}`;
		const log: string[] = [];

		for (let step = 0; step < STEPS; step++) {
			const op = operators[int(2)];
			const sheet = op.sheet;
			const rows = await sheet.rowCount();
			const row = int(Math.max(1, rows));
			const column = COLUMNS[int(COLUMNS.length)];
			const kinds = [
				'type',
				'type',
				'paste',
				'undo',
				'redo',
				'clear',
				'add',
				'delete',
				'fill',
				'offline',
				'sort',
				'search'
			];
			const kind = kinds[int(kinds.length)];
			const what = rows === 0 && kind !== 'add' ? 'add' : kind;
			log.push(`${step}: ${op.name} ${what} r${row} ${column}`);
			switch (what) {
				case 'type':
					await sheet.editCell(row, column, text(op.name));
					break;
				case 'paste': {
					// A 2×2 block from a spreadsheet, at the focused cell: rows are added if needed.
					await (await sheet.cell(row, 'ФИО')).click();
					const block = `${text(op.name)}\t\t${text(op.name)}\r\n${text(op.name)}\t\t${text(op.name)}\r\n`;
					if (rows + 1 >= MAX_ROWS) {
						await sheet.editCell(row, column, text(op.name));
						break;
					}
					await sheet.paste(row, 'ФИО', block);
					break;
				}
				case 'undo':
				case 'redo':
					await (await sheet.cell(row, column)).click();
					await (what === 'undo' ? sheet.pressUndo() : sheet.pressRedo());
					break;
				case 'clear': {
					await (await sheet.cell(row, 'ФИО')).click();
					const end = Math.min(rows - 1, row + int(2));
					await (await sheet.cell(end, 'Адрес')).click({ modifiers: ['Shift'] });
					await sheet.page.keyboard.press('Delete');
					break;
				}
				case 'add':
					if (rows >= MAX_ROWS) break;
					await sheet.addRow(text(op.name));
					break;
				case 'delete':
					if (rows <= 2) break;
					await sheet.selectRows([row]);
					await sheet.deleteSelectedRows();
					break;
				case 'fill': {
					if (row === 0) break;
					await (await sheet.cell(row, column)).click();
					await sheet.page.keyboard.press('Control+d');
					break;
				}
				case 'sort':
					// ascending, descending, none: this operator's own view
					await sheet.page.locator('.shtab-header-label', { hasText: column }).first().click();
					break;
				case 'search': {
					// A quick search for what starts one of the values shown, then cleared.
					const values = (await shown(sheet)).flatMap((r) => COLUMNS.map((c) => r[c]));
					const term = values.filter(Boolean)[int(values.length)]?.slice(0, 2);
					if (!term) break;
					const box = sheet.page.getByRole('searchbox', { name: 'Поиск по списку' });
					await box.fill(term);
					await expect
						.poll(async () =>
							(await shown(sheet)).every((r) => COLUMNS.some((c) => r[c].includes(term)))
						)
						.toBe(true);
					await box.fill('');
					await expect.poll(() => sheet.rowCount(), MOMENT).toBe(rows);
					break;
				}
				case 'offline':
					if (operators.some((o) => o.offlineFor > 0)) break;
					await op.context.setOffline(true);
					op.offlineFor = 2 + int(4);
					break;
			}
			// Coming back online after a few steps of work offline.
			for (const o of operators) {
				if (o.offlineFor > 0 && --o.offlineFor === 0) {
					await o.context.setOffline(false);
					log.push(`${step}: ${o.name} back online`);
				}
			}
			if (operators.every((o) => o.offlineFor === 0)) {
				await expect
					.poll(async () => same(await shown(a), await shown(b)), {
						timeout: 15_000,
						interval: 100
					})
					.toBe(true)
					.catch(async (error: Error) => {
						await a.page.screenshot({ path: 'test-results/random-work-anna.png' });
						await b.page.screenshot({ path: 'test-results/random-work-boris.png' });
						throw new Error(
							`the grids differ after ${log.join('; ')}\nАнна: ${JSON.stringify(await shown(a))}\nБорис: ${JSON.stringify(await shown(b))}\n${error.message}`
						);
					});
			}
		}
		for (const o of operators) if (o.offlineFor > 0) await o.context.setOffline(false);
		await expect.poll(async () => same(await shown(a), await shown(b)), MOMENT).toBe(true);
		expect((await shown(a)).length, 'rows are left to compare').toBeGreaterThan(0);
		expect(new Set(log.map((l) => l.split(' ')[2])).size, 'the steps were varied').toBeGreaterThan(
			5
		);

		// What each grid showed after all those transactions is what a fresh grid shows, in the
		// same order (each operator's sort is kept with the page).
		for (const sheet of [a, b]) {
			const before = await shown(sheet);
			await sheet.page.reload();
			await sheet.ready('Обзвон: вечер');
			await expect
				.poll(async () => JSON.stringify(await shown(sheet)), MOMENT)
				.toBe(JSON.stringify(before));
		}
	});
});
