/**
 * The Russian interface has no English left in the labels screen readers read (found by
 * exploration: the grid's paging panel, hidden on screen, said «Page Size», «First Page» and
 * «Страница number»). Every aria-label, title and placeholder of the sheet page is checked for
 * English words, apart from names that are the same in Russian use (CSV, UTF-8, Ctrl…).
 */
import { describe, expect, it } from 'vitest';
import { HomePage } from './pages';
import { e2eSession, MOMENT } from './session';

const session = e2eSession();

/** Latin words that Russian text uses as they are. */
const ALLOWED = new Set([
	'csv',
	'utf',
	'windows',
	'excel',
	'ctrl',
	'alt',
	'shift',
	'tab',
	'enter',
	'esc',
	'home',
	'end',
	'delete',
	'backspace',
	'english',
	'pdf'
]);

describe('the Russian interface', () => {
	it('has no English words in its labels, titles and placeholders (the grid included)', async () => {
		const anna = await session.operator('Анна');
		const home = await new HomePage(anna.page).goto(session.app.url);
		const sheet = await home.createSheet('Обзвон: подписи', 'Обзвон');
		await sheet.addRow('Иванова Мария');
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(1);
		await anna.page.getByRole('checkbox', { name: 'Фильтры' }).check();
		const texts = await anna.page.evaluate(() =>
			[...document.querySelectorAll('[aria-label], [title], [placeholder]')].flatMap((el) =>
				['aria-label', 'title', 'placeholder']
					.map((name) => el.getAttribute(name))
					.filter((v): v is string => !!v)
			)
		);
		expect(texts.length).toBeGreaterThan(20);
		const english = texts.filter((text) =>
			(text.match(/[A-Za-z][A-Za-z0-9]*/g) ?? []).some(
				// A key's letter (Ctrl+Z) or name (F1) is written as on the keyboard.
				(word) => word.length > 1 && !/^F\d+$/.test(word) && !ALLOWED.has(word.toLowerCase())
			)
		);
		expect(english).toEqual([]);
	});
});
