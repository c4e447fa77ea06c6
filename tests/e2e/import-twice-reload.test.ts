/**
 * Two imports in one tab, then the page reloaded and a colleague reading the list: the page
 * keeps a staged slice's chunks as views of the slice (6a6055b), and the encoder writes every
 * slice's chunks over the same buffer in the worker — no resident of either file may change on
 * the way (the browser's store, the relay when she is back online, a second import, the reload).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWindows1251 } from '../../src/lib/csv/decode';
import { HomePage, ImportDialog, SheetPage } from './pages';
import {
	cleanup,
	expectNoPageErrors,
	launchBrowser,
	newOperator,
	startApp,
	type App
} from './setup';

let app: App;
let browser: Browser;

beforeAll(async () => {
	app = await startApp();
	browser = await launchBrowser();
});
afterAll(cleanup);

/** 4,500 residents (three slices), each named after the file and the line. */
function file(tag: string, emoji: boolean): Buffer {
	const lines = ['ФИО;Примечание'];
	for (let i = 0; i < 4500; i++)
		lines.push(`Житель${tag}n${i}q Ёлкин;${emoji && i === 2500 ? 'звонила 🙂' : `кв. ${i}`}`);
	const text = lines.join('\r\n') + '\r\n';
	return Buffer.from(emoji ? new TextEncoder().encode(text) : encodeWindows1251(text).bytes);
}

async function found(list: SheetPage, text: string): Promise<string[]> {
	await list.page.getByRole('searchbox', { name: 'Поиск по списку' }).fill(text);
	let values: string[] = [];
	await expect
		.poll(async () => (values = await list.columnValues('Примечание')).length, { timeout: 30_000 })
		.toBeGreaterThan(0);
	return values;
}

describe('two imports in one tab', () => {
	it('keep every resident through the reload and at a colleague', async () => {
		const anna = await newOperator(browser, 'Анна');
		await new HomePage(anna.page).goto(app.url);
		const list = await new HomePage(anna.page).createSheet('Обзвон дважды', 'Обзвон');
		const vera = await newOperator(browser, 'Вера');
		const hers = await SheetPage.open(vera.page, anna.page.url(), 'Обзвон дважды');
		// The second file imported offline: the relay gets it from the doc when she is back.
		for (const [tag, emoji] of [
			['А', true],
			['Б', false]
		] as const) {
			if (tag === 'Б') await anna.context.setOffline(true);
			const dialog = await new ImportDialog(anna.page).open();
			await dialog.choose({ name: `${tag}.csv`, buffer: file(tag, emoji) });
			expect(await dialog.run('Добавить все строки')).toContain('Добавлено строк: 4 500');
			await dialog.close();
		}
		await expect.poll(() => list.rowCount(), { timeout: 60_000 }).toBe(9000);
		// A moment offline after the rows are in her page, before she is back.
		await anna.page.waitForTimeout(500);
		await anna.context.setOffline(false);
		const checks: [string, string][] = [
			['ЖительАn0q', 'кв. 0'],
			['ЖительАn2500q', 'звонила 🙂'],
			['ЖительАn4499q', 'кв. 4499'],
			['ЖительБn1999q', 'кв. 1999'],
			['ЖительБn4499q', 'кв. 4499']
		];
		await expect.poll(() => hers.rowCount(), { timeout: 60_000 }).toBe(9000);
		await anna.page.reload();
		await list.ready('Обзвон дважды');
		await expect.poll(() => list.rowCount(), { timeout: 60_000 }).toBe(9000);
		for (const [name, note] of checks) {
			expect(await found(list, name), name).toEqual([note]);
			expect(await found(hers, name), name).toEqual([note]);
		}
		expectNoPageErrors(anna, vera);
	});
});
