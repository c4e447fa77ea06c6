/**
 * A call's log and a congratulation's record kept by the steps that write them with a result:
 * a block pasted over residents already called, «Заполнить столбец…» on the result, and a gift
 * set handed over in a campaign. Each was found by exploration blanking the log, or writing the
 * result alone.
 */
import { describe, expect, it } from 'vitest';
import { editorClosed, HomePage, type SheetPage } from './pages';
import { e2eSession, MOMENT, type Colleague } from './session';

const session = e2eSession();

/** Today as stored (`2026-12-06`), by this computer's clock, as the browser's. */
function today(): string {
	const now = new Date();
	return [now.getFullYear(), now.getMonth() + 1, now.getDate()]
		.map((n) => String(n).padStart(2, '0'))
		.join('-');
}

/** Анна in a new list of `kind`, and a colleague's client on it. */
async function list(title: string, kind: 'Обзвон' | 'Поздравления' = 'Обзвон') {
	const anna = await session.operator('Анна');
	const sheet = await new HomePage(anna.page)
		.goto(session.app.url)
		.then((h) => h.createSheet(title, kind));
	const colleague = await session.colleague(sheet.id);
	const cols = Object.fromEntries(colleague.sheet.columns().map((c) => [c.title, c.id]));
	return { sheet, colleague, cols };
}

/** Residents Борис and Вера called before. */
const CALLED = [
	['Петров Олег', 'не дозвонились', '2', 'Борис', '2026-12-05T10:00'],
	['Сидорова Нина', 'перезвонить', '1', 'Вера', '2026-12-04T16:00'],
	['Козлов Пётр', 'отказ', '3', 'Борис', '2026-12-01T12:00']
];
const LOG = ['Результат звонка', 'Попытки', 'Оператор', 'Дата звонка'];

async function calledResidents(
	sheet: SheetPage,
	colleague: Colleague,
	cols: Record<string, string>
) {
	const ids = colleague.sheet.addRows({
		columns: ['ФИО', ...LOG].map((t) => cols[t]),
		rows: CALLED
	});
	await expect.poll(() => sheet.rowCount(), MOMENT).toBe(3);
	const log = (i: number) => LOG.map((t) => colleague.sheet.getCell(ids[i], cols[t]));
	return { ids, log };
}

describe('a block pasted over residents already called (found by exploration)', () => {
	it('keeps their log where the paste carried none, and logs a new result as a typed one', async () => {
		const { sheet, colleague, cols } = await list('Обзвон: заметки поверх');
		const { log } = await calledResidents(sheet, colleague, cols);

		// Her notes of the morning, from ФИО on: the name, the phone, three empty cells, the
		// result and the empty log cells Excel copies with them; Козлов's line ends at his phone.
		await sheet.paste(
			0,
			'ФИО',
			[
				'Петров Олег\t89111234567\t\t\t\tдозвонились\t\t\t',
				'Сидорова Нина\t89111234568\t\t\t\tперезвонить\t\t\t',
				'Козлов Пётр\t89111234569'
			].join('\r\n')
		);
		await expect.poll(() => log(0)[0], MOMENT).toBe('дозвонились');
		expect(log(0).slice(1, 3)).toEqual(['3', 'Анна']);
		expect(log(0)[3].startsWith(today())).toBe(true);
		// The same result: the call as it was. No result in the line: the row's result and log stay.
		expect([log(1), log(2)]).toEqual([CALLED[1].slice(1), CALLED[2].slice(1)]);
		expect(await sheet.columnValues('Телефон')).toEqual([
			'+7 (911) 123-45-67',
			'+7 (911) 123-45-68',
			'+7 (911) 123-45-69'
		]);

		// One Ctrl+Z takes the paste back with its log.
		await sheet.pressUndo();
		await expect.poll(() => log(0), MOMENT).toEqual(CALLED[0].slice(1));
		expect(await sheet.columnValues('Телефон')).toEqual(['', '', '']);
	});
});

describe('«Заполнить столбец…» on the result (found by exploration)', () => {
	it('logs each resident’s call as a typed result does, says so first, and is one undo step', async () => {
		const { sheet, colleague, cols } = await list('Обзвон: заполнить результат');
		const { page } = sheet;
		const { log } = await calledResidents(sheet, colleague, cols);

		// The coordinator marks Петров and Сидорова «отказ» (the department said they refused).
		await sheet.selectRows([0, 1]);
		await sheet.revealColumn('Результат звонка');
		await (await sheet.cell(0, 'Результат звонка')).click();
		await page.getByRole('button', { name: 'Заполнить столбец…' }).click();
		const dialog = page.getByRole('dialog', { name: /^Заполнить столбец/ });
		await dialog.waitFor();
		await dialog.getByLabel('Значение').selectOption('отказ');
		await dialog
			.getByText(
				'Как и при вводе вручную, в изменённых строках заполнятся также: «Оператор», «Дата звонка», «Попытки».'
			)
			.waitFor(MOMENT);
		await dialog.getByRole('button', { name: 'Заполнить', exact: true }).click();
		await dialog.waitFor({ state: 'hidden' });
		await expect.poll(() => log(0)[0], MOMENT).toBe('отказ');
		expect(log(0).slice(1, 3)).toEqual(['3', 'Анна']);
		expect(log(0)[3].startsWith(today())).toBe(true);
		expect(log(1).slice(0, 3)).toEqual(['отказ', '2', 'Анна']);
		// Not ticked: as it was.
		expect(log(2)).toEqual(CALLED[2].slice(1));

		// The notice's «Отменить» takes the results back with their log.
		await sheet.toastButton('Отменить').click();
		await expect.poll(() => log(0), MOMENT).toEqual(CALLED[0].slice(1));
		expect(log(1)).toEqual(CALLED[1].slice(1));
	});
});

describe('a gift set handed over in a campaign (found by exploration)', () => {
	it('ticks «Подарочный набор» with the result, in the same undo step; another result leaves it', async () => {
		const { sheet, colleague, cols } = await list('Поздравления: наборы', 'Поздравления');
		const { page } = sheet;
		const ids = colleague.sheet.addRows({
			columns: [cols['ФИО']],
			rows: [['Иванова Анна'], ['Петрова Нина']]
		});
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(2);
		const cell = (i: number, title: string) => colleague.sheet.getCell(ids[i], cols[title]);
		/** Picks an option of «Результат» in row `row` with the keyboard: `moves` arrows from its value. */
		const pick = async (row: number, moves: number) => {
			await (await sheet.cell(row, 'Результат')).click();
			await page.keyboard.press('F2');
			await page.getByRole('listbox', { name: 'Результат' }).waitFor();
			for (let i = 0; i < Math.abs(moves); i++)
				await page.keyboard.press(moves > 0 ? 'ArrowDown' : 'ArrowUp');
			await page.keyboard.press('Enter');
			await editorClosed(page);
		};
		await sheet.revealColumn('Результат');
		// The volunteer handed Иванова her set: «вручили набор».
		await pick(0, 4);
		await expect.poll(() => cell(0, 'Результат'), MOMENT).toBe('вручили набор');
		expect([cell(0, 'Подарочный набор'), cell(0, 'Дата')]).toEqual(['true', today()]);
		// Ticked on her screen too.
		await sheet.revealColumn('Подарочный набор');
		const box = (await sheet.cell(0, 'Подарочный набор')).getByRole('checkbox');
		await expect.poll(() => box.isChecked(), MOMENT).toBe(true);
		await sheet.revealColumn('Результат');
		// Петрова was congratulated by phone: no set.
		await pick(1, 1);
		await expect.poll(() => cell(1, 'Результат'), MOMENT).toBe('поздравили по телефону');
		expect(cell(1, 'Подарочный набор')).toBe('');

		// Иванова's result corrected to «поздравили лично, с письмом и набором», then by mistake to
		// «отказ»: the box stays ticked (nothing unticks it but her).
		await pick(0, -1);
		await expect
			.poll(() => cell(0, 'Результат'), MOMENT)
			.toBe('поздравили лично, с письмом и набором');
		await pick(0, 2);
		await expect.poll(() => cell(0, 'Результат'), MOMENT).toBe('отказ');
		expect(cell(0, 'Подарочный набор')).toBe('true');

		// Undone back to before her first result: the box is empty again, with the result.
		await (await sheet.cell(1, 'ФИО')).click();
		for (let i = 0; i < 4; i++) await sheet.pressUndo();
		await expect.poll(() => cell(0, 'Результат'), MOMENT).toBe('');
		expect([cell(0, 'Подарочный набор'), cell(0, 'Дата')]).toEqual(['', '']);
	});
});

describe('a block pasted over a campaign’s residents already marked (found in review)', () => {
	it('keeps their «Подарочный набор» and «Дата» where the paste carried none', async () => {
		const { sheet, colleague, cols } = await list('Поздравления: заметки поверх', 'Поздравления');
		const MARKED = [
			['Иванова Анна', 'вручили набор', 'true', '2026-12-01'],
			['Петрова Нина', 'не дозвонились', '', '2026-12-02']
		];
		const ids = colleague.sheet.addRows({
			columns: ['ФИО', 'Результат', 'Подарочный набор', 'Дата'].map((t) => cols[t]),
			rows: MARKED
		});
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(2);
		const log = (i: number) =>
			['Результат', 'Подарочный набор', 'Дата'].map((t) =>
				colleague.sheet.getCell(ids[i], cols[t])
			);

		// The coordinator's notes from «Повод» on, the set and date cells empty as Excel copies
		// them: Иванова's result as it was, Петрова visited with her set since.
		await sheet.revealColumn('Повод');
		await sheet.paste(
			0,
			'Повод',
			['9 Мая\tвручили набор\t\t\tзвонить дочери', '9 Мая\tвручили набор\t\t\tпозже'].join('\r\n')
		);
		await expect.poll(() => log(1)[0], MOMENT).toBe('вручили набор');
		expect(log(0)).toEqual(MARKED[0].slice(1));
		expect(log(1)).toEqual(['вручили набор', 'true', today()]);
		expect(colleague.sheet.getCell(ids[0], cols['Примечание'])).toBe('звонить дочери');

		// One Ctrl+Z takes the paste back.
		await sheet.pressUndo();
		await expect.poll(() => log(1), MOMENT).toEqual(MARKED[1].slice(1));
		expect(log(0)).toEqual(MARKED[0].slice(1));
	});
});
