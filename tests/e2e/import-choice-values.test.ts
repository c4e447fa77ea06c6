/**
 * The social protection department's call list comes with its own categories («инвалид 2 гр.»,
 * «ветеран труда», «одиноко проживающий»…), none of the call list's four. Found by exploration:
 * to keep them the coordinator opened a dozen selects one by one, the values past the 30 listed
 * could not be added at all, and left as they were, every row was flagged. «Добавить все значения
 * как варианты» adds them all in one go; a value she maps by hand keeps her choice.
 */
import { describe, expect, it } from 'vitest';
import { encodeWindows1251 } from '../../src/lib/csv';
import { HomePage, ImportDialog } from './pages';
import { e2eSession, MOMENT } from './session';
import { screenshot } from './setup';

const session = e2eSession();

/** The call list's own categories (`templates.ts`). */
const OWN = ['Старше 65 лет', 'Инвалид 1-й группы', 'Одинокая мать, дети до 7 лет', 'Другое'];
/** The department's words: each of the first ten on three lines, the others on one. */
const FREQUENT = [
	'инвалид 1 гр.',
	'инвалид 2 гр.',
	'ветеран труда',
	'одиноко проживающий',
	'участник ВОВ',
	'труженик тыла',
	'блокадник',
	'вдова участника ВОВ',
	'малоимущий',
	'многодетная семья'
];
const RARE = [
	'инвалид 3 гр.',
	'ребёнок-инвалид',
	'пенсионер',
	'узник концлагеря',
	'ветеран боевых действий',
	'чернобылец',
	'реабилитированный',
	'почётный донор',
	'ветеран военной службы',
	'член семьи погибшего',
	'одинокая пара',
	'лежачий',
	'опекун',
	'семья участника СВО',
	'вынужденный переселенец',
	'инвалид по зрению',
	'инвалид по слуху',
	'колясочник',
	'после инсульта',
	'деменция',
	'житель блокадного Ленинграда',
	'ветеран Афганистана',
	'ликвидатор аварии',
	'сирота',
	'долгожитель'
];
const categories = [...FREQUENT.flatMap((c) => [c, c, c]), ...RARE, 'Старше 65 лет'];
const FILE = {
	name: 'соцзащита.csv',
	buffer: Buffer.from(
		encodeWindows1251(
			[
				'ФИО;Телефон;Категория',
				...categories.map(
					(c, i) => `Житель ${i + 1};+7 911 000-${String(i + 1).padStart(4, '0')};${c}`
				)
			].join('\r\n') + '\r\n'
		).bytes
	)
};
const ROWS = categories.length;

describe('a choice column’s values from the department’s file', () => {
	it('«Добавить все значения как варианты» adds every value as an option, past the 30 listed too, keeps the one mapped by hand, flags none, and goes with one undo as a single added option does', async () => {
		const anna = await session.operator('Анна');
		const page = anna.page;
		const home = await new HomePage(page).goto(session.app.url);
		const sheet = await home.createSheet('Обзвон: категории отдела', 'Обзвон');

		// The English interface names the actions too.
		await page.getByRole('button', { name: 'Язык интерфейса' }).click();
		await page.getByRole('button', { name: 'Import CSV', exact: true }).click();
		const english = new ImportDialog(page, 'Import CSV');
		await english.dialog.getByLabel('CSV file', { exact: true }).setInputFiles({
			...FILE,
			mimeType: 'text/csv'
		});
		const englishValues = english.dialog.getByTestId('import-unmatched');
		await englishValues.waitFor({ timeout: 30_000 });
		await englishValues.getByRole('button', { name: 'Add all values as options' }).waitFor();
		await englishValues.getByRole('button', { name: 'Keep all as they are' }).waitFor();
		await english.dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
		await english.dialog.waitFor({ state: 'hidden' });
		await page.getByRole('button', { name: 'Interface language' }).click();

		const dialog = await new ImportDialog(page).open();
		await dialog.choose(FILE);
		await dialog.duplicates();
		const values = dialog.dialog.getByTestId('import-unmatched');
		const selects = values.getByRole('combobox');
		const chosen = () =>
			selects.evaluateAll((list) =>
				list.map((s) => (s as HTMLSelectElement).selectedOptions[0].text)
			);
		// Whether every listed select reads «добавить вариант «…»» for its own value.
		const allAdded = () =>
			selects.evaluateAll((list) =>
				list.every((s) => {
					const value = /^«(.*)» в столбце/.exec(s.getAttribute('aria-label') ?? '')?.[1];
					return (s as HTMLSelectElement).selectedOptions[0].text === `добавить вариант «${value}»`;
				})
			);
		const select = (value: string) => values.getByLabel(`«${value}» в столбце «Категория»`);
		/** What the select of a value reads. */
		const picked = (value: string) =>
			select(value).evaluate((s: HTMLSelectElement) => s.selectedOptions[0].text);
		const more = values.getByTestId('import-unmatched-more');
		const text = async (locator: typeof more) =>
			((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
		// 35 values of the department: 30 listed, 5 more; each of 55 rows flagged as it is.
		await expect.poll(chosen, MOMENT).toHaveLength(30);
		expect(new Set(await chosen())).toEqual(new Set(['оставить как есть (отметить)']));
		const preview = dialog.dialog.getByRole('table', { name: 'Так строки попадут в список' });
		expect(await preview.locator('td.bad').count()).toBe(5);
		expect(await text(more)).toBe(
			'И ещё значений: 5 (строк: 5) — они будут оставлены как есть и отмечены.'
		);
		await expect
			.poll(() => dialog.dialog.textContent(), MOMENT)
			.toContain('Значений не по формату столбца: 55');

		// With the keyboard: Tab from the column's mapping reaches the action; Enter presses it,
		// and submits nothing.
		const addAll = values.getByRole('button', { name: 'Добавить все значения как варианты' });
		const keepAll = values.getByRole('button', { name: 'Оставить все как есть' });
		const focused = (button: typeof addAll) =>
			button.evaluate((el) => el === document.activeElement);
		await dialog.dialog.getByLabel('Куда: Категория').focus();
		for (let i = 0; i < 30 && !(await focused(addAll)); i++) await page.keyboard.press('Tab');
		expect(await focused(addAll)).toBe(true);
		await page.keyboard.press('Enter');
		await expect.poll(allAdded, MOMENT).toBe(true);
		expect(await dialog.dialog.getByTestId('import-report').count()).toBe(0);
		// The preview reads them as options too: nothing red in it.
		await expect.poll(() => preview.locator('td.bad').count(), MOMENT).toBe(0);
		await expect
			.poll(() => text(more), MOMENT)
			.toBe('И ещё значений: 5 (строк: 5) — они тоже будут добавлены как варианты.');
		await expect
			.poll(() => dialog.dialog.textContent(), MOMENT)
			.not.toContain('Значений не по формату столбца');
		// Space on «Оставить все как есть» takes it back; Space on «Добавить все…» again.
		await page.keyboard.press('Tab');
		expect(await focused(keepAll)).toBe(true);
		await page.keyboard.press('Space');
		await expect
			.poll(async () => new Set(await chosen()), MOMENT)
			.toEqual(new Set(['оставить как есть (отметить)']));
		await expect
			.poll(() => dialog.dialog.textContent(), MOMENT)
			.toContain('Значений не по формату столбца: 55');
		await page.keyboard.press('Shift+Tab');
		await page.keyboard.press('Space');
		expect(await focused(addAll)).toBe(true);
		await page.keyboard.press('Space');
		await expect.poll(allAdded, MOMENT).toBe(true);

		// One value by hand: the department's «инвалид 1 гр.» is the list's «Инвалид 1-й группы».
		await select('инвалид 1 гр.').selectOption({ label: 'Инвалид 1-й группы' });
		expect(await picked('инвалид 2 гр.')).toBe('добавить вариант «инвалид 2 гр.»');
		// «Добавить все…» pressed again keeps her match with the list's own option (found in
		// review: it became a new option «инвалид 1 гр.»).
		await addAll.click();
		await expect.poll(() => picked('инвалид 1 гр.'), MOMENT).toBe('Инвалид 1-й группы');
		// «Оставить все как есть» keeps it too: it leaves the other values as they are (it cleared
		// her match without a word), and «Добавить все…» then adds them again.
		await keepAll.click();
		await expect.poll(() => picked('инвалид 2 гр.'), MOMENT).toBe('оставить как есть (отметить)');
		expect(await picked('инвалид 1 гр.')).toBe('Инвалид 1-й группы');
		await addAll.click();
		await expect
			.poll(() => picked('инвалид 2 гр.'), MOMENT)
			.toBe('добавить вариант «инвалид 2 гр.»');
		expect(await picked('инвалид 1 гр.')).toBe('Инвалид 1-й группы');
		await dialog.duplicates();
		await values.scrollIntoViewIfNeeded();
		await screenshot(page, 'csv-import-unmatched-add-all');

		const report = await dialog.run('Пропустить повторы');
		expect(report).toContain(`Добавлено строк: ${ROWS}`);
		expect(report).toContain('Значений не по формату: 0');
		// It names the options the list took (before, nothing said so afterwards): all but the one
		// matched by hand, the first twelve by name.
		const took = FREQUENT.length - 1 + RARE.length;
		expect(report).toContain(`Добавлено вариантов в столбцы: ${took}`);
		expect(await dialog.dialog.getByTestId('import-options-added').textContent()).toMatch(
			new RegExp(
				`^\\s*В столбец «Категория» добавлены варианты: «[^»]+»(, «[^»]+»){11} и ещё ${took - 12}\\s*$`
			)
		);
		await dialog.close();
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(ROWS);

		// No category cell is flagged, and the one mapped by hand shows as the list's option.
		expect(await sheet.cellText(0, 'Категория')).toBe('Инвалид 1-й группы');
		expect(await sheet.cellText(3, 'Категория')).toBe('инвалид 2 гр.');
		expect(await sheet.rowsWithClass('Категория', 'shtab-invalid')).toEqual([]);
		const colleague = await session.colleague(sheet.id);
		await expect.poll(() => colleague.sheet.rowCount, MOMENT).toBe(ROWS);
		const column = colleague.sheet.columns().find((c) => c.title === 'Категория')!;
		const options = () => (colleague.sheet.column(column.id)?.options ?? []).map((o) => o.value);
		const added = [...FREQUENT.slice(1), ...RARE].sort((a, b) => a.localeCompare(b, 'ru'));
		expect(options().slice(0, 4)).toEqual(OWN);
		expect(
			options()
				.slice(4)
				.sort((a, b) => a.localeCompare(b, 'ru'))
		).toEqual(added);
		const stored = colleague.sheet.rowIds().map((id) => colleague.sheet.getCell(id, column.id));
		expect(stored.filter((v) => !options().includes(v))).toEqual([]);

		// Her cell's dropdown offers the department's words.
		await (await sheet.cell(3, 'Категория')).click();
		await page.keyboard.press('F2');
		const list = page.getByRole('listbox', { name: 'Категория' });
		await list.waitFor();
		await expect
			.poll(() => list.getByRole('option').allTextContents(), MOMENT)
			.toEqual(expect.arrayContaining(['инвалид 2 гр.', 'долгожитель', 'Инвалид 1-й группы']));
		await page.keyboard.press('Escape');
		await list.waitFor({ state: 'hidden' });

		// Ctrl+Z takes the import back in one step, the options it added with it — as it does a
		// single «добавить вариант».
		await sheet.pressUndo();
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(0);
		await expect.poll(options, MOMENT).toEqual(OWN);
	});

	it('past 50 options, «Добавить все значения как варианты» adds the most frequent and says before the import how many of the rarest stay flagged', async () => {
		// 60 values: 20 on two lines each, 40 on one; the column's 4 options leave room for 46.
		const lines: string[] = [];
		const pad = (i: number) => String(i).padStart(2, '0');
		for (let i = 0; i < 20; i++) lines.push(`частая ${pad(i)}`, `частая ${pad(i)}`);
		for (let i = 0; i < 40; i++) lines.push(`редкая ${pad(i)}`);
		const anna = await session.operator('Анна');
		const home = await new HomePage(anna.page).goto(session.app.url);
		const sheet = await home.createSheet('Обзвон: много категорий', 'Обзвон');
		const dialog = await new ImportDialog(anna.page).open();
		await dialog.choose({
			name: 'категории.csv',
			buffer: Buffer.from(
				encodeWindows1251(
					['ФИО;Категория', ...lines.map((c, i) => `Житель ${i + 1};${c}`)].join('\r\n')
				).bytes
			)
		});
		await dialog.duplicates();
		const values = dialog.dialog.getByTestId('import-unmatched');
		await values.getByRole('button', { name: 'Добавить все значения как варианты' }).click();
		const limit = values.getByTestId('import-unmatched-limit');
		await expect
			.poll(async () => ((await limit.textContent()) ?? '').replace(/\s+/g, ' ').trim(), MOMENT)
			.toBe(
				'И ещё значений: 30 (строк: 30). В столбце может быть не больше 50 вариантов, поэтому из них добавятся только 16. Останутся как есть и будут отмечены самые редкие значения: 14 (строк: 14).'
			);
		await expect
			.poll(() => dialog.dialog.textContent(), MOMENT)
			.toContain('Значений не по формату столбца: 14');
		await limit.scrollIntoViewIfNeeded();
		await screenshot(anna.page, 'csv-import-unmatched-limit');
		const report = await dialog.run('Пропустить повторы');
		expect(report).toContain('Значений не по формату: 14');
		await dialog.close();
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(80);
		const colleague = await session.colleague(sheet.id);
		await expect.poll(() => colleague.sheet.rowCount, MOMENT).toBe(80);
		const column = colleague.sheet.columns().find((c) => c.title === 'Категория')!;
		expect(colleague.sheet.column(column.id)!.options!.map((o) => o.value)).toHaveLength(50);
	});

	it('a file none of whose categories is one of the list’s adds them as options by itself, and says so; «Оставить все как есть» flags them instead', async () => {
		// The social protection department's 3,000 residents, five categories of its own, some
		// rows without one. Found by exploration: «Значений не по формату: 2 886», all red.
		const own = [
			'Пенсионер',
			'Инвалид II группы',
			'Труженик тыла',
			'Одиноко проживающий',
			'Житель блокадного Ленинграда'
		];
		const rows = Array.from({ length: 3000 }, (_, i) => (i % 26 === 25 ? '' : own[i % 5]));
		const filled = rows.filter((c) => c !== '').length;
		const file = {
			name: 'соцзащита-3000.csv',
			buffer: Buffer.from(
				encodeWindows1251(
					[
						'ФИО;Телефон;Категория',
						...rows.map((c, i) => `Житель ${i + 1};+7 911 ${String(i + 1).padStart(7, '0')};${c}`)
					].join('\r\n') + '\r\n'
				).bytes
			)
		};
		const anna = await session.operator('Анна');
		const page = anna.page;
		const home = await new HomePage(page).goto(session.app.url);
		const sheet = await home.createSheet('Обзвон: соцзащита', 'Обзвон');
		const dialog = await new ImportDialog(page).open();
		await dialog.choose(file);
		await dialog.duplicates();
		const values = dialog.dialog.getByTestId('import-unmatched');
		const selects = values.getByRole('combobox');
		const chosen = () =>
			selects.evaluateAll((list) =>
				list.map((s) => (s as HTMLSelectElement).selectedOptions[0].text)
			);
		const note = values.getByTestId('import-unmatched-own');
		const text = () => dialog.dialog.textContent();
		// Added by themselves, and the dialog says so and how to flag them instead.
		await note.waitFor(MOMENT);
		expect(((await note.textContent()) ?? '').trim()).toBe(
			'Ни одно значение файла не совпало с вариантами столбца — это его собственные варианты, они будут добавлены в столбец. Чтобы отметить их красным, нажмите «Оставить все как есть».'
		);
		await expect
			.poll(async () => new Set(await chosen()), MOMENT)
			.toEqual(new Set(own.map((c) => `добавить вариант «${c}»`)));
		await expect.poll(text, MOMENT).not.toContain('Значений не по формату столбца');
		const preview = dialog.dialog.getByRole('table', { name: 'Так строки попадут в список' });
		expect(await preview.locator('td.bad').count()).toBe(0);
		// The file was checked once: found its own, and read so, in the same pass (a second
		// pass over the whole file took a 100,000-row list's second more before «Импортировать»).
		const submit = dialog.dialog.getByRole('button', { name: /^Импортировать/ });
		await expect.poll(() => submit.isEnabled(), MOMENT).toBe(true);
		expect(await page.evaluate(() => performance.getEntriesByName('import:analysis').length)).toBe(
			1
		);

		// Her choice stands: «Оставить все как есть» flags them all, «Добавить все…» adds them again.
		await values.getByRole('button', { name: 'Оставить все как есть' }).click();
		// 2 885: the rows with a category (the count is written with a space between thousands).
		expect(filled).toBe(2885);
		await expect.poll(text, MOMENT).toMatch(/Значений не по формату столбца: 2\s885\./);
		await expect
			.poll(async () => new Set(await chosen()), MOMENT)
			.toEqual(new Set(['оставить как есть (отметить)']));
		expect(await note.count()).toBe(0);
		await values.getByRole('button', { name: 'Добавить все значения как варианты' }).click();
		await expect.poll(text, MOMENT).not.toContain('Значений не по формату столбца');

		const report = await dialog.run('Пропустить повторы');
		expect(report).toMatch(/Добавлено строк: 3\s000/);
		expect(report).toContain('Значений не по формату: 0');
		expect(report).toContain('Добавлено вариантов в столбцы: 5');
		await dialog.close();
		await expect.poll(() => sheet.rowCount(), MOMENT).toBe(3000);
		const colleague = await session.colleague(sheet.id);
		await expect.poll(() => colleague.sheet.rowCount, MOMENT).toBe(3000);
		const column = colleague.sheet.columns().find((c) => c.title === 'Категория')!;
		const options = (colleague.sheet.column(column.id)?.options ?? []).map((o) => o.value);
		expect(options.slice(0, 4)).toEqual(OWN);
		expect(new Set(options.slice(4))).toEqual(new Set(own));
		expect(options).toHaveLength(9);
		expect(await sheet.rowsWithClass('Категория', 'shtab-invalid')).toEqual([]);
	});
});
