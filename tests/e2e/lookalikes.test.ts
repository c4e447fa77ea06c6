/**
 * Latin letters that look like Cyrillic ones in a Russian name («Иванoва» with a Latin `o`,
 * «CMИPHOBA» from a PDF): the duplicate search took them for the same resident, but the search
 * box and the names' list of a volunteer field did not find one by the other (found in review).
 */
import { describe, expect, it } from 'vitest';
import { editorClosed, HomePage, typeOnRussianKeyboard } from './pages';
import { e2eSession, MOMENT } from './session';

const session = e2eSession();

describe('Latin look-alike letters in names', () => {
	it('the search box and the volunteer field find a name whatever look-alikes it was typed with', async () => {
		const anna = await session.operator('Анна');
		const board = await new HomePage(anna.page)
			.goto(session.app.url)
			.then((h) => h.createSheet('Заявки: латинские буквы', 'Заявки'));
		const colleague = await session.colleague(board.id);
		const cols = Object.fromEntries(colleague.sheet.columns().map((c) => [c.title, c.id]));
		colleague.sheet.addRows({
			columns: [cols['ФИО'], cols['Волонтёр']],
			rows: [
				['Иванoва Мария Петровна', 'Сeргеева Ольга'], // Latin o, Latin e
				['CMИPHOBA АННА', ''], // Latin C, M, P, H, O, B
				['Смирнова Валентина', ''],
				['Anna Petrova', ''],
				['Кузнецов Иван', ''],
				['Белова,Petrova', ''] // two surnames without a space, the second Latin
			]
		});
		await expect.poll(() => board.rowCount(), MOMENT).toBe(6);
		const { page } = board;
		const search = page.getByRole('searchbox', { name: 'Поиск по списку' });
		const found = () => board.columnValues('ФИО');

		// Typed in Cyrillic, she finds the names stored with Latin look-alikes, and the other way.
		await search.fill('Иванова');
		await expect.poll(found, MOMENT).toEqual(['Иванoва Мария Петровна']);
		await search.fill('смирнова');
		await expect.poll(found, MOMENT).toEqual(['CMИPHOBA АННА', 'Смирнова Валентина']);
		await search.fill('Кузнeцов'); // Latin e
		await expect.poll(found, MOMENT).toEqual(['Кузнецов Иван']);
		// What was typed finds what it found; a wholly Latin name stays Latin.
		await search.fill('Иванoва');
		await expect.poll(found, MOMENT).toEqual(['Иванoва Мария Петровна']);
		await search.fill('Anna');
		await expect.poll(found, MOMENT).toEqual(['Anna Petrova']);
		// A Latin word's start after a Russian one finds it as typed (found in review: «Pe» was
		// read as Cyrillic «Ре» only, and the row was not found).
		await search.fill('Белова,Pe');
		await expect.poll(found, MOMENT).toEqual(['Белова,Petrova']);
		await search.fill('');
		await expect.poll(() => board.rowCount(), MOMENT).toBe(6);

		// The volunteer field offers «Сeргеева Ольга» (a Latin e) for «Серг» typed in Cyrillic.
		const list = page.getByRole('listbox', { name: 'Волонтёр' });
		await board.revealColumn('Волонтёр');
		await (await board.cell(1, 'Волонтёр')).click();
		await typeOnRussianKeyboard(page, 'Серг');
		await expect
			.poll(() => list.getByRole('option').allTextContents(), MOMENT)
			.toEqual(['Сeргеева Ольга']);
		await page.keyboard.press('Enter');
		await editorClosed(page);
		await expect.poll(() => board.cellText(1, 'Волонтёр'), MOMENT).toBe('Сeргеева Ольга');
	});
});
