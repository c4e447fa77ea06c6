/**
 * Two operators calling down one list («Не дозвонились») must not phone the same resident.
 * Reproduced with two operators going down the view: the second one walked onto the resident
 * her colleague was on and nothing said so but a small outline on another cell (often scrolled
 * off), so both would dial the same grandmother. Now the row of a resident a colleague is on is
 * marked at its number («Анна звонит»), and an operator who comes onto such a row, or lands on
 * it at the same moment as a colleague, is told so before she dials. The mark goes when the
 * colleague leaves the row or closes her tab.
 */
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { IDLE_MS, RACE_MS } from '../../src/lib/grid/call-claims';
import { applyView, HomePage, OFFLINE, SAVED, SheetPage } from './pages';
import { e2eSession, MOMENT } from './session';

const session = e2eSession();

const RESIDENTS = [
	['Алексеева Ольга', '+78121110001', 'не дозвонились'],
	['Борисов Глеб', '+78121110002', 'дозвонились'],
	['Васильева Дарья', '+78121110003', 'не дозвонились'],
	['Григорьев Лев', '+78121110004', 'не дозвонились']
];

/**
 * Анна and Борис in one call list, both in the view «Не дозвонились». `annaClock`: Анна's
 * browser runs on a clock the test can move on (`page.clock`), as if she had left it alone.
 */
async function twoOperators(title: string, annaClock = false) {
	const anna = await session.operator('Анна');
	if (annaClock) await anna.context.clock.install();
	const boris = await session.operator('Борис');
	const a = await new HomePage(anna.page).goto(session.app.url).then((h) => h.createSheet(title));
	const colleague = await session.colleague(a.id);
	const cols = Object.fromEntries(colleague.sheet.columns().map((c) => [c.title, c.id]));
	colleague.sheet.addRows({
		columns: [cols['ФИО'], cols['Телефон'], cols['Результат звонка']],
		rows: RESIDENTS
	});
	const b = await SheetPage.open(boris.page, anna.page.url(), title);
	for (const sheet of [a, b]) {
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(4);
		await applyView(sheet.page, 'Не дозвонились');
		await expect
			.poll(() => sheet.columnValues('ФИО'), MOMENT)
			.toEqual(['Алексеева Ольга', 'Васильева Дарья', 'Григорьев Лев']);
	}
	await expect.poll(() => b.presenceNames(), MOMENT).toContain('Анна');
	await expect.poll(() => a.presenceNames(), MOMENT).toContain('Борис');
	return { anna, boris, a, b };
}

/** The warning above the status bar, '' when none is shown. */
async function warning(sheet: SheetPage): Promise<string> {
	const alert = sheet.page.getByRole('alert').filter({ hasText: 'звонит' });
	return (await alert.count()) ? ((await alert.textContent()) ?? '').trim() : '';
}

/** The number cell of the row shown at `rowIndex` (the «№» column). */
function numberCell(sheet: SheetPage, rowIndex: number): Locator {
	return sheet.page.locator(`.ag-row[row-index="${rowIndex}"] .ag-cell[col-id="__row"]`);
}

/** The rows shown (indexes) marked as a colleague's, at their number. */
function markedRows(sheet: SheetPage): Promise<number[]> {
	return sheet.page.evaluate(() =>
		[...document.querySelectorAll('.ag-cell[col-id="__row"].shtab-peer-row')]
			.map((cell) => Number(cell.closest('.ag-row')?.getAttribute('row-index')))
			.sort((x, y) => x - y)
	);
}

/** Whether the keyboard is still in the grid's cells (the warning takes no focus). */
function keysInGrid(sheet: SheetPage): Promise<boolean> {
	return sheet.page.evaluate(() => !!document.activeElement?.closest('.ag-cell'));
}

describe('two operators in one call list', () => {
	it('the resident a colleague is on is marked, and the operator coming onto him is told', async () => {
		const { anna, a, b } = await twoOperators('Обзвон: кто звонит');

		// Анна is on Алексеева (her phone number): Борис's grid marks that row at its number.
		await (await a.cell(0, 'Телефон')).click();
		const dialling = Date.now();
		await expect.poll(() => markedRows(b), MOMENT).toEqual([0]);
		expect(await b.tooltip(numberCell(b, 0))).toBe('Анна звонит этому жителю');
		expect(await markedRows(a)).toEqual([]);

		// Борис starts on Васильева: nothing to say. An arrow up takes him onto Алексеева, a while
		// after Анна came to her (not at once with her): he is told before he dials, and his keys
		// stay in the grid.
		await (await b.cell(1, 'ФИО')).click();
		await b.page.waitForTimeout(300);
		expect(await warning(b)).toBe('');
		await b.page.waitForTimeout(Math.max(0, dialling + RACE_MS + 500 - Date.now()));
		await b.page.keyboard.press('ArrowUp');
		await expect
			.poll(() => warning(b), MOMENT)
			.toBe('Этому жителю сейчас звонит Анна. Выберите другого, чтобы не позвонить дважды.');
		expect(await keysInGrid(b)).toBe(true);
		// Анна, who was there first, is not told: she sees Борис's mark.
		await expect.poll(() => markedRows(a), MOMENT).toEqual([0]);
		expect(await warning(a)).toBe('');

		// He goes on to the next resident: the warning goes.
		await b.page.keyboard.press('ArrowDown');
		await expect.poll(() => warning(b), MOMENT).toBe('');
		await expect.poll(() => markedRows(a), MOMENT).toEqual([1]);

		// Анна closes her tab: her mark goes, and Алексеева is free to call.
		await anna.page.close();
		await expect.poll(() => markedRows(b), MOMENT).toEqual([]);
		await b.page.keyboard.press('ArrowUp');
		await b.page.waitForTimeout(300);
		expect(await warning(b)).toBe('');
	});

	it('two operators landing on one resident at once are both told', async () => {
		const { a, b } = await twoOperators('Обзвон: одновременно');
		const [cellA, cellB] = [await a.cell(2, 'ФИО'), await b.cell(2, 'ФИО')];
		await Promise.all([cellA.click(), cellB.click()]);
		await expect
			.poll(() => warning(a), MOMENT)
			.toBe('Этому жителю сейчас звонит Борис. Выберите другого, чтобы не позвонить дважды.');
		await expect
			.poll(() => warning(b), MOMENT)
			.toBe('Этому жителю сейчас звонит Анна. Выберите другого, чтобы не позвонить дважды.');

		// Борис takes another resident: Анна's warning goes, the resident is hers.
		await b.page.keyboard.press('ArrowUp');
		await expect.poll(() => warning(a), MOMENT).toBe('');
		expect(await warning(b)).toBe('');
	});

	it('the mark of an operator whose line went goes, and comes back with her', async () => {
		const { anna, a, b } = await twoOperators('Обзвон: связь пропала');
		await (await a.cell(1, 'Телефон')).click();
		await expect.poll(() => markedRows(b), MOMENT).toEqual([1]);

		// Her laptop loses the network: nobody is kept off Васильева for good.
		await anna.context.setOffline(true);
		await expect.poll(() => a.status(), MOMENT).toBe(OFFLINE);
		// (Her presence is renewed every 15 s; a browser forgets one not renewed for 30 s. Here the
		// relay does not see the line go, as on a laptop that left the Wi-Fi without a word.)
		await expect.poll(() => markedRows(b), { timeout: 35_000, interval: 200 }).toEqual([]);
		expect(await b.presenceNames()).toEqual(['Борис (вы)']);
		await (await b.cell(1, 'ФИО')).click();
		await b.page.waitForTimeout(300);
		expect(await warning(b)).toBe('');

		// Back online, still on Васильева: her mark is back on Борис's screen.
		await anna.context.setOffline(false);
		await expect.poll(() => a.status(), { timeout: 15_000 }).toBe(SAVED);
		await expect.poll(() => markedRows(b), MOMENT).toEqual([1]);
	});

	it('the mark of an operator who left her tab alone lapses, and comes back when she acts', async () => {
		const { anna, a, b } = await twoOperators('Обзвон: ушла от ноутбука', true);
		await (await a.cell(1, 'Телефон')).click();
		await expect.poll(() => markedRows(b), MOMENT).toEqual([1]);

		// She walks away from her laptop with Васильева selected; her tab stays open and online.
		// A while later (less than IDLE_MS) her mark is still there.
		await anna.page.clock.fastForward(IDLE_MS - 60_000);
		await b.page.waitForTimeout(1_000);
		await expect
			.poll(
				async () => ({
					anna: (await b.presenceNames()).includes('Анна'),
					rows: await markedRows(b)
				}),
				{
					timeout: 15_000
				}
			)
			.toEqual({ anna: true, rows: [1] });
		// Past IDLE_MS: her mark goes, though she is still in the list for Борис.
		await anna.page.clock.fastForward(2 * 60_000);
		await expect
			.poll(
				async () => ({
					anna: (await b.presenceNames()).includes('Анна'),
					rows: await markedRows(b)
				}),
				{ timeout: 35_000, interval: 200 }
			)
			.toEqual({ anna: true, rows: [] });
		// (Not a moment between two renewals: it stays so.)
		await b.page.waitForTimeout(2_000);
		expect({ anna: (await b.presenceNames()).includes('Анна'), rows: await markedRows(b) }).toEqual(
			{ anna: true, rows: [] }
		);
		// Борис takes Васильева: nobody is calling her, he is not told.
		await (await b.cell(1, 'ФИО')).click();
		await b.page.waitForTimeout(RACE_MS + 500);
		expect(await warning(b)).toBe('');

		// Анна is back and presses a key: her mark is back on Борис's screen, and she, who comes
		// back onto Васильева after him, is the one told.
		await anna.page.mouse.move(5, 5);
		await anna.page.keyboard.press('ArrowRight');
		await expect.poll(() => markedRows(b), MOMENT).toEqual([1]);
		await expect
			.poll(() => warning(a), MOMENT)
			.toBe('Этому жителю сейчас звонит Борис. Выберите другого, чтобы не позвонить дважды.');
		expect(await warning(b)).toBe('');
	});

	it('the mouse passing over her window in the background does not keep her mark; a click on the window does', async () => {
		const { anna, a, b } = await twoOperators('Обзвон: окно на заднем плане', true);
		await (await a.cell(1, 'Телефон')).click();
		await expect.poll(() => markedRows(b), MOMENT).toEqual([1]);

		// She goes to another window (her mail) and works there; the list stays open beside it.
		// (Headless Chromium takes every page for the one in front: not so for the list's page.)
		const cdp = await anna.context.newCDPSession(anna.page);
		await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: false });
		const mail = await anna.newPage();
		await mail.bringToFront();
		await expect.poll(() => anna.page.evaluate(() => document.hasFocus()), MOMENT).toBe(false);

		// Near the end of IDLE_MS the mouse passes over the list's window on its way to the mail,
		// and its wheel turns once over it. (Events the page makes itself: the tests' mouse would
		// bring the page to the front.) Before, that kept her mark on Васильева.
		await anna.page.clock.fastForward(IDLE_MS - 60_000);
		await anna.page.evaluate(() => {
			const grid = document.querySelector('.ag-body') ?? document.body;
			for (let x = 100; x < 400; x += 50)
				grid.dispatchEvent(
					new PointerEvent('pointermove', { bubbles: true, clientX: x, clientY: 200 })
				);
			grid.dispatchEvent(new WheelEvent('wheel', { bubbles: true, deltaY: 100 }));
		});
		expect(await anna.page.evaluate(() => document.hasFocus())).toBe(false);
		await anna.page.clock.fastForward(2 * 60_000);
		await expect
			.poll(
				async () => ({
					anna: (await b.presenceNames()).includes('Анна'),
					rows: await markedRows(b)
				}),
				{ timeout: 35_000, interval: 200 }
			)
			.toEqual({ anna: true, rows: [] });

		// She comes back to the list and clicks in it: her mark is back.
		await anna.page.bringToFront();
		await (await a.cell(1, 'Телефон')).click();
		await expect.poll(() => markedRows(b), MOMENT).toEqual([1]);
	});
});
