/**
 * Page objects for the browser tests, built on what an operator sees: roles, labels and the
 * Russian texts of the interface. Only the grid's cells are found by AG Grid's own stable
 * attributes (`row-index`, `col-id`), since a grid cell has no label of its own; the column is
 * still named by its title, as the operator would.
 */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** The sheet kinds as the "Вид списка" select shows them. */
export type SheetKindLabel = 'Обзвон' | 'Заявки' | 'Поздравления' | 'Другое';

export const SAVED = 'Все изменения сохранены на сервере';
export const OFFLINE = 'Нет связи с сервером — работаем локально';

const normalize = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

export class HomePage {
	constructor(readonly page: Page) {}

	async goto(baseUrl: string): Promise<this> {
		await this.page.goto(`${baseUrl}/`);
		await this.heading.waitFor();
		return this;
	}

	get heading(): Locator {
		return this.page.getByRole('heading', { level: 1 });
	}

	/** The "← Все списки" link or the brand in the header: a client-side navigation home. */
	async open(): Promise<this> {
		await this.page.getByRole('link', { name: 'Штаб', exact: true }).click();
		await this.page.getByRole('heading', { name: 'Списки штаба' }).waitFor();
		return this;
	}

	async createSheet(title: string, kind: SheetKindLabel = 'Обзвон'): Promise<SheetPage> {
		const form = this.page.getByRole('form', { name: 'Новый список' });
		await form.getByLabel('Название', { exact: true }).fill(title);
		await form.getByLabel('Вид списка').selectOption({ label: kind });
		await form.getByRole('button', { name: 'Создать' }).click();
		await this.page.waitForURL(/\/sheet\/[^/]+$/);
		const sheet = new SheetPage(this.page);
		await sheet.ready(title);
		return sheet;
	}

	link(title: string): Locator {
		return this.page.getByRole('table').getByRole('link', { name: title, exact: true });
	}

	async openSheet(title: string): Promise<SheetPage> {
		await this.link(title).click();
		const sheet = new SheetPage(this.page);
		await sheet.ready(title);
		return sheet;
	}

	/** Titles of the sheets in the table, in its order. */
	async sheetTitles(): Promise<string[]> {
		const table = this.page.getByRole('table');
		if (!(await table.count())) return [];
		return (await table.getByRole('link').allTextContents()).map(normalize);
	}

	async rename(title: string, newTitle: string): Promise<void> {
		await this.page.getByRole('button', { name: `Переименовать: ${title}`, exact: true }).click();
		const input = this.page.getByRole('textbox', { name: 'Переименовать', exact: true });
		await input.fill(newTitle);
		await this.page.getByRole('button', { name: 'Сохранить', exact: true }).click();
		await this.link(newTitle).waitFor();
	}

	/** Clicks "Удалить" of a sheet and returns the confirmation dialog it opens. */
	async askDelete(title: string): Promise<Locator> {
		await this.page.getByRole('button', { name: `Удалить: ${title}`, exact: true }).click();
		const dialog = this.page.getByRole('dialog', { name: 'Удалить' });
		await dialog.waitFor();
		return dialog;
	}

	async delete(title: string): Promise<void> {
		const dialog = await this.askDelete(title);
		await dialog.getByRole('button', { name: 'Удалить', exact: true }).click();
		await dialog.waitFor({ state: 'hidden' });
		await this.link(title).waitFor({ state: 'detached' });
	}

	/** The "Недавно удалённые (N)" disclosure. */
	get recentlyDeleted(): Locator {
		return this.page.locator('details').filter({ hasText: 'Недавно удалённые' });
	}

	async restore(title: string): Promise<void> {
		const details = this.recentlyDeleted;
		if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
		await details.getByRole('button', { name: `Восстановить: ${title}`, exact: true }).click();
		await this.link(title).waitFor();
	}
}

/** A grid cell as the operator sees it. */
export interface ShownCell {
	/** The row shown (its index, 0-based, display order). */
	row: number;
	text: string;
	classes: string[];
	/** Its tick box, ticked or not; null for a cell without one. */
	checked: boolean | null;
}

export class SheetPage {
	readonly #columnIds = new Map<string, string>();

	constructor(readonly page: Page) {}

	/** The sheet's id, from the page's address (`/sheet/<id>`). */
	get id(): string {
		return new URL(this.page.url()).pathname.split('/').filter(Boolean).pop() ?? '';
	}

	/** Opens a sheet by its address (a full page load). */
	static async open(page: Page, url: string, title?: string): Promise<SheetPage> {
		await page.goto(url);
		const sheet = new SheetPage(page);
		await sheet.ready(title);
		return sheet;
	}

	/** Waits until the sheet is read from the browser's store and its grid is drawn. */
	async ready(title?: string): Promise<this> {
		if (title) await this.page.getByRole('heading', { level: 1, name: title }).waitFor();
		await this.page.getByRole('grid').waitFor();
		await this.page.locator('.ag-header-cell[col-id="__row"]:not(.ag-floating-filter)').waitFor();
		return this;
	}

	get heading(): Locator {
		return this.page.getByRole('heading', { level: 1 });
	}

	button(name: string | RegExp): Locator {
		return this.page.getByRole('button', { name, exact: typeof name === 'string' });
	}

	/** Back to the list of sheets, inside the app (no page load). */
	async back(): Promise<HomePage> {
		await this.page.getByRole('link', { name: '← Все списки' }).click();
		await this.page.getByRole('heading', { name: 'Списки штаба' }).waitFor();
		return new HomePage(this.page);
	}

	// ------------------------------------------------------------------ status

	/** The sync status text, whitespace collapsed. */
	async status(): Promise<string> {
		return normalize(await this.page.getByTestId('sync-status').textContent());
	}

	/** "ждут отправки: N" from the status, 0 when it says nothing is waiting. */
	async pending(): Promise<number> {
		const match = /ждут отправки: (\d+)/.exec(await this.status());
		return match ? Number(match[1]) : 0;
	}

	/** "Строк: N" from the status bar. */
	async rowCount(): Promise<number> {
		const text = await this.page
			.getByRole('contentinfo')
			.getByText(/^Строк: [\d\s]+$/)
			.textContent();
		// Grouped as Russian writes numbers: «Строк: 100 000».
		return Number(/[\d\s]+/.exec(text ?? '')?.[0].replace(/\D/g, '') || NaN);
	}

	async presenceNames(): Promise<string[]> {
		return (await this.page.getByTestId('presence').allTextContents()).map(normalize);
	}

	// ------------------------------------------------------------------ cells

	/** AG Grid's id of the column with this title (read from its header's "⋮" button). */
	async columnId(title: string): Promise<string> {
		const known = this.#columnIds.get(title);
		if (known) return known;
		const menu = await this.revealColumn(title);
		const id = await menu.evaluate((el) => el.closest('[col-id]')?.getAttribute('col-id') ?? '');
		if (!id) throw new Error(`no column titled «${title}»`);
		this.#columnIds.set(title, id);
		return id;
	}

	/**
	 * Scrolls the grid sideways, as the operator would, until the column's header is drawn (the
	 * grid draws only the columns near the visible ones), and returns its "⋮" button.
	 */
	async revealColumn(title: string, timeout = 15_000): Promise<Locator> {
		const menu = this.columnMenuButton(title);
		const viewport = this.page.locator('.ag-grid-viewport').first();
		const deadline = Date.now() + timeout;
		let left = 0;
		for (let attempt = 0; ; attempt++) {
			while (!(await menu.count())) {
				if (Date.now() > deadline) throw new Error(`no column titled «${title}» in the grid`);
				left = await viewport.evaluate((el, from) => {
					const max = el.scrollWidth - el.clientWidth;
					el.scrollLeft = from >= max ? 0 : Math.min(from + el.clientWidth / 2, max);
					return el.scrollLeft;
				}, left);
				await this.page.waitForTimeout(50);
			}
			// The header may be drawn anew meanwhile (columns changed, a scroll), or dropped by the
			// grid and not drawn again (seen on a phone after revealing a column further right):
			// scroll to it again then.
			try {
				await menu.scrollIntoViewIfNeeded({ timeout: 2_000 });
				return menu;
			} catch (error) {
				if (attempt >= 3 || Date.now() > deadline) throw error;
			}
		}
	}

	/** The column's "⋮" button, in either language of the interface (the title stays as it is). */
	columnMenuButton(title: string): Locator {
		const t = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		return this.page.getByRole('button', { name: new RegExp(`^(Столбец «${t}»|Column “${t}”)$`) });
	}

	/** The cell in the row shown at `rowIndex` (0-based, display order) and the titled column. */
	async cell(rowIndex: number, columnTitle: string): Promise<Locator> {
		const colId = await this.columnId(columnTitle);
		return this.page.locator(
			`.ag-row[row-index="${rowIndex}"]:not(.shtab-new-row) .ag-cell[col-id="${colId}"]`
		);
	}

	/** The cell of the titled column in the empty line under the last row («+»). */
	async newRowCell(columnTitle: string): Promise<Locator> {
		const colId = await this.columnId(columnTitle);
		return this.page.locator(`.shtab-new-row .ag-cell[col-id="${colId}"]`);
	}

	/**
	 * Focuses a cell (of the row shown at `rowIndex`, or of the empty last line) with a click and
	 * pastes `text` there as a spreadsheet's clipboard would.
	 */
	async paste(rowIndex: number | 'new', columnTitle: string, text: string): Promise<void> {
		const cell =
			rowIndex === 'new'
				? await this.newRowCell(columnTitle)
				: await this.cell(rowIndex, columnTitle);
		await cell.click();
		await cell.evaluate((el, data) => {
			const transfer = new DataTransfer();
			transfer.setData('text/plain', data);
			el.dispatchEvent(
				new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true })
			);
		}, text);
	}

	/**
	 * Presses the mouse on the fill handle of a cell: the small square at its bottom-right, drawn
	 * on the focused cell or on the bottom-right cell of a block. The button stays down.
	 */
	async pressFillHandle(rowIndex: number, columnTitle: string): Promise<void> {
		const cell = await this.cell(rowIndex, columnTitle);
		await cell.and(this.page.locator('.shtab-fill-handle')).waitFor();
		const box = await cell.boundingBox();
		if (!box) throw new Error(`cell ${rowIndex} «${columnTitle}» not drawn`);
		await this.page.mouse.move(box.x + box.width - 3, box.y + box.height - 3);
		await this.page.mouse.down();
	}

	/** Moves the mouse (its button down: a drag) onto a cell, in a few steps. */
	async dragOnto(rowIndex: number, columnTitle: string): Promise<void> {
		const box = await (await this.cell(rowIndex, columnTitle)).boundingBox();
		if (!box) throw new Error(`cell ${rowIndex} «${columnTitle}» not drawn`);
		await this.page.mouse.move(box.x + 20, box.y + box.height / 2, { steps: 5 });
	}

	/** The rows shown (their indexes) whose cell of the titled column has this class. */
	async rowsWithClass(columnTitle: string, className: string): Promise<number[]> {
		return (await this.columnCells(columnTitle))
			.filter((cell) => cell.classes.includes(className))
			.map((cell) => cell.row);
	}

	/** The tooltip a cell shows when the mouse comes onto it. */
	async tooltip(cell: Locator): Promise<string> {
		await this.page.mouse.move(0, 0);
		const tooltip = this.page.locator('.ag-tooltip');
		// The tooltip of the cell hovered before must be gone, or it would be read instead.
		await tooltip.waitFor({ state: 'detached' });
		await cell.hover();
		await tooltip.waitFor();
		return (await tooltip.textContent()) ?? '';
	}

	/** The text of a cell, its column scrolled into sight; '' for a row the grid does not draw. */
	async cellText(rowIndex: number, columnTitle: string): Promise<string> {
		return (await this.columnCells(columnTitle)).find((cell) => cell.row === rowIndex)?.text ?? '';
	}

	/**
	 * The titled column's cells as the operator sees them, row by row in display order (the rows
	 * the grid draws). The grid draws only the columns in sight and a few beside them, so the
	 * column is scrolled into sight first, as the operator would, and read once every drawn row
	 * has its cell drawn: read as the DOM was, a column out of sight came out empty, depending
	 * on where an earlier step had left the grid (tests/e2e/page-objects.test.ts). Throws if the
	 * cells are not all drawn within `timeout` (a poll tries again), never reads them as empty.
	 */
	async columnCells(columnTitle: string, timeout = 5_000): Promise<ShownCell[]> {
		const deadline = Date.now() + timeout;
		for (;;) {
			const menu = await this.revealColumn(columnTitle);
			// In one go in the page: the header's column id, the frames the grid draws the cells
			// in after a scroll, and the cells (nothing can scroll the grid in between).
			const cells = await menu.evaluate(async (header) => {
				const id = header.closest('[col-id]')?.getAttribute('col-id');
				if (!id) return null;
				// (Two frames; a page in the background gets no frames, a timer then.)
				await Promise.race([
					new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
					new Promise((resolve) => setTimeout(resolve, 100))
				]);
				const root = header.closest('.ag-root-wrapper') ?? document;
				const byRow = new Map<number, HTMLElement | null>();
				for (const row of root.querySelectorAll<HTMLElement>(
					'.ag-row[row-index]:not(.shtab-new-row)'
				)) {
					// A row drawn in the pinned part and the middle part: the cell is in one of them.
					const index = Number(row.getAttribute('row-index'));
					const cell = row.querySelector<HTMLElement>(`.ag-cell[col-id="${CSS.escape(id)}"]`);
					if (cell || !byRow.has(index)) byRow.set(index, cell);
				}
				const shown: ShownCell[] = [];
				for (const [row, cell] of [...byRow].sort(([x], [y]) => x - y)) {
					if (!cell) return null;
					const box = cell.querySelector<HTMLInputElement>('input[type="checkbox"]');
					shown.push({
						row,
						text: cell.textContent ?? '',
						classes: [...cell.classList],
						checked: box ? box.checked : null
					});
				}
				return shown;
			});
			if (cells) return cells;
			if (Date.now() > deadline) {
				throw new Error(`column «${columnTitle}»: its cells are not drawn in every row shown`);
			}
			await this.page.waitForTimeout(50);
		}
	}

	/** The values of a column, row by row in display order (the rows drawn by the grid). */
	async columnValues(columnTitle: string): Promise<string[]> {
		return (await this.columnCells(columnTitle)).map((cell) => cell.text);
	}

	/**
	 * Every drawn row as {title: value} for the given columns, in display order. The columns are
	 * read one after the other, each scrolled into sight (one screen may not hold them all), and
	 * read again if the rows drawn changed meanwhile.
	 */
	async rows(columnTitles: string[], timeout = 5_000): Promise<Record<string, string>[]> {
		const deadline = Date.now() + timeout;
		for (;;) {
			const columns: ShownCell[][] = [];
			for (const title of columnTitles) columns.push(await this.columnCells(title));
			const drawn = (cells: ShownCell[]) => cells.map((cell) => cell.row).join(',');
			if (columns.every((cells) => drawn(cells) === drawn(columns[0]))) {
				return (columns[0] ?? []).map((_, i) =>
					Object.fromEntries(columnTitles.map((t, c) => [t, columns[c][i].text]))
				);
			}
			if (Date.now() > deadline) {
				throw new Error(`rows: the rows drawn changed while reading ${columnTitles.join(', ')}`);
			}
		}
	}

	/** The inline editor once it has the keyboard focus. */
	get focusedEditor(): Locator {
		return this.page.locator('.ag-cell-inline-editing :is(input, textarea):focus');
	}

	/**
	 * "Добавить строку": the new row's first cell opens in an editor; types `text` into it once
	 * the editor has the focus and presses Enter, and waits until the row shows it. Returns the
	 * new row's index. `keyDelay`: ms between keys (none: typed at once).
	 *
	 * The empty row is in the sheet at the click; AG Grid tells of the typed value from a timer,
	 * after its editor has gone. A test that went on at once (found by a CI run: «all changes on
	 * the server», then the server killed) could act before the value was in the sheet.
	 */
	async addRow(text: string, options: { keyDelay?: number } = {}): Promise<number> {
		const before = await this.rowCount();
		await this.button('Добавить строку').click();
		await this.focusedEditor.waitFor();
		const { row, col } = await this.focusedEditor.evaluate((editor) => ({
			row: editor.closest('.ag-row')?.getAttribute('row-id'),
			col: editor.closest('.ag-cell')?.getAttribute('col-id')
		}));
		await this.page.keyboard.type(text, { delay: options.keyDelay });
		await this.page.keyboard.press('Enter');
		await this.page.locator('.ag-cell-inline-editing').waitFor({ state: 'detached' });
		// (In a view that would hide the new row, the «+» line opens instead: nothing to wait for.)
		if (row === '__new') return before;
		await this.page.waitForFunction(
			([row, col]) =>
				[...document.querySelectorAll(`.ag-row[row-id="${row}"] .ag-cell[col-id="${col}"]`)].some(
					(cell) => cell.textContent?.trim()
				),
			[row, col]
		);
		return before;
	}

	/** Opens the cell's editor with a double click, replaces its text and presses Enter. */
	async editCell(rowIndex: number, columnTitle: string, text: string): Promise<void> {
		// Scrolled to first, as an operator would: a column off screen is not drawn.
		await this.revealColumn(columnTitle);
		const cell = await this.cell(rowIndex, columnTitle);
		await cell.dblclick();
		await this.focusedEditor.waitFor();
		await this.focusedEditor.fill(text);
		await this.page.keyboard.press('Enter');
		await this.page.locator('.ag-cell-inline-editing').waitFor({ state: 'detached' });
	}

	// ------------------------------------------------------------------ columns

	async addColumn(title: string, type = 'Текст'): Promise<void> {
		await this.button('Добавить столбец').click();
		const dialog = this.page.getByRole('dialog', { name: 'Добавить столбец' });
		await dialog.getByLabel('Название столбца').fill(title);
		await dialog.getByLabel('Тип столбца').selectOption({ label: type });
		await dialog.getByRole('button', { name: 'Добавить столбец' }).click();
		await dialog.waitFor({ state: 'hidden' });
		await this.revealColumn(title);
	}

	async renameColumn(title: string, newTitle: string): Promise<void> {
		await (await this.revealColumn(title)).click();
		const dialog = this.page.getByRole('dialog', { name: `Столбец «${title}»` });
		await dialog.getByLabel('Название столбца').fill(newTitle);
		await dialog.getByRole('button', { name: 'Сохранить' }).click();
		await dialog.waitFor({ state: 'hidden' });
		await this.revealColumn(newTitle);
		this.#columnIds.delete(title);
	}

	// ------------------------------------------------------------------ rows

	/** Ticks the selection checkbox of the rows shown at these indexes. */
	async selectRows(rowIndexes: number[]): Promise<void> {
		for (const i of rowIndexes) {
			// The selection column's box: a row's own checkbox cells («Подарочный набор» of a
			// campaign) are checkboxes too.
			const box = this.page
				.locator(`.ag-row[row-index="${i}"] .ag-cell[col-id="ag-Grid-SelectionColumn"]`)
				.getByRole('checkbox');
			await box.check();
		}
	}

	get deleteRowsButton(): Locator {
		return this.page.getByRole('button', { name: /^Удалить строки \(\d+\)$/ });
	}

	/** Clicks "Удалить строки (N)" and returns the confirmation dialog. */
	async askDeleteRows(): Promise<Locator> {
		await this.deleteRowsButton.click();
		const dialog = this.page.getByRole('dialog', { name: /^Удалить строки/ });
		await dialog.waitFor();
		return dialog;
	}

	async deleteSelectedRows(): Promise<void> {
		const dialog = await this.askDeleteRows();
		await dialog.getByRole('button', { name: 'Удалить', exact: true }).click();
		await dialog.waitFor({ state: 'hidden' });
	}

	/** The action button of the toast that just appeared ("Отменить" after a delete). */
	toastButton(name: string): Locator {
		return this.page.getByRole('status').getByRole('button', { name, exact: true });
	}

	// ------------------------------------------------------------------ undo

	/** Ctrl+Z as the operator presses it, outside any text field. */
	async pressUndo(): Promise<void> {
		await this.page.keyboard.press('Control+z');
	}

	async pressRedo(): Promise<void> {
		await this.page.keyboard.press('Control+Shift+z');
	}
}

/** Applies a named view from the «Виды» menu, as an operator picks it. */
export async function applyView(page: Page, name: string): Promise<void> {
	await page.getByRole('button', { name: 'Виды', exact: true }).click();
	const menu = page.getByRole('group', { name: 'Виды' });
	await menu.getByRole('button', { name, exact: true }).click();
	await menu.waitFor({ state: 'detached' });
}

/** Each row of an open choice filter: its label and the count beside it (NBSP as a space). */
export async function choiceFilterCounts(filter: Locator): Promise<Record<string, string>> {
	const rows = await filter
		.locator('.shtab-choice-filter-row')
		.evaluateAll((els) =>
			els.map((el) => [
				el.querySelector('label')?.textContent ?? '',
				el.querySelector('.shtab-choice-filter-count')?.textContent ?? '(no count)'
			])
		);
	return Object.fromEntries(rows.map(([label, count]) => [label, count.replace(/\s/g, ' ')]));
}

/** Where a file column goes on the mapping step of an import `dialog`, as shown. */
export function mappedTo(dialog: Locator, fileColumn: string): Promise<string> {
	return dialog
		.getByLabel(`Куда: ${fileColumn}`)
		.evaluate((s: HTMLSelectElement) => s.selectedOptions[0].text);
}

/** The import dialog as the coordinator sees it. */
export class ImportDialog {
	readonly dialog: Locator;
	/** `title`: «Новый список из CSV» for the home page's import into a new list. */
	constructor(
		readonly page: Page,
		title = 'Импорт CSV'
	) {
		this.dialog = page.getByRole('dialog', { name: title });
	}

	async open(): Promise<this> {
		await this.page.getByRole('button', { name: 'Импорт CSV', exact: true }).click();
		await this.dialog.waitFor();
		return this;
	}

	async choose(file: { name: string; buffer: Buffer } | string): Promise<void> {
		const input = this.dialog.getByLabel('Файл CSV', { exact: true });
		await input.setInputFiles(typeof file === 'string' ? file : { ...file, mimeType: 'text/csv' });
	}

	get submit(): Locator {
		return this.dialog.getByRole('button', { name: /^Импортировать/ });
	}

	/** Where a file column goes on the mapping step, as shown: «ФИО», «Новый столбец»… */
	targetOf(fileColumn: string): Promise<string> {
		return mappedTo(this.dialog, fileColumn);
	}

	/** The duplicate counts of the mapping step («в файле: 1 · в этом списке: 0 · …»). */
	get counts(): Locator {
		return this.dialog.getByTestId('import-duplicates');
	}

	/** Waits for the mapping step with its duplicate counts, and returns their text. */
	async duplicates(): Promise<string> {
		await expect.poll(() => this.counts.textContent(), { timeout: 30_000 }).toMatch(/в файле: \d/);
		return (await this.counts.textContent())!.replace(/\s+/g, ' ').trim();
	}

	async run(policy = 'Пропустить повторы'): Promise<string> {
		await this.duplicates();
		await this.dialog.getByLabel(policy).check();
		await this.submit.click();
		const report = this.dialog.getByTestId('import-report');
		await report.waitFor({ timeout: 60_000 });
		return (await report.textContent())!.replace(/\s+/g, ' ');
	}

	async close(): Promise<void> {
		await this.dialog.getByRole('button', { name: 'Закрыть', exact: true }).click();
		await this.dialog.waitFor({ state: 'hidden' });
	}
}

/**
 * Types as on a Russian keyboard layout: a key event per letter (Playwright's `keyboard.type`
 * sends letters missing from the US layout as text only, with no key event to start an edit).
 */
export async function typeOnRussianKeyboard(page: Page, text: string): Promise<void> {
	const cdp = await page.context().newCDPSession(page);
	for (const ch of text) {
		await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: ch, text: ch });
		await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: ch });
	}
	await cdp.detach();
}

/**
 * Dispatches a clipboard event at the focused element, as Ctrl+C / Ctrl+X / Ctrl+V do (a paste
 * carrying `text`); returns the text on the clipboard after it.
 */
export async function clipboard(
	sheet: SheetPage,
	type: 'copy' | 'cut' | 'paste',
	text = ''
): Promise<string> {
	return sheet.page.evaluate(
		([type, text]) => {
			const transfer = new DataTransfer();
			if (text) transfer.setData('text/plain', text);
			document.activeElement?.dispatchEvent(
				new ClipboardEvent(type, { clipboardData: transfer, bubbles: true, cancelable: true })
			);
			return transfer.getData('text/plain');
		},
		[type, text] as const
	);
}

/** A cell editor, inline or popup (a note's). */
export const EDITOR = '.ag-cell-inline-editing, .ag-popup-editor';

/** Waits for a cell editor (inline or popup) to be open. */
export const editorOpen = (page: Page): Promise<void> => page.locator(EDITOR).first().waitFor();

/** Waits for every cell editor to be closed. */
export const editorClosed = (page: Page): Promise<void> =>
	page.locator(EDITOR).waitFor({ state: 'detached' });

/**
 * `dd.mm.yyyy` of a day and month given without a year, as the grid shows it: the year of the
 * three around `now`'s that puts it nearest to `now`'s day (half a year either way), as a date
 * typed, pasted or imported so is read.
 */
export function nearestDate(day: number, month: number, now = new Date()): string {
	const today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
	const years = [now.getFullYear(), now.getFullYear() + 1, now.getFullYear() - 1];
	const distance = (year: number) => Math.abs(Date.UTC(year, month - 1, day) - today);
	const year = years.reduce((best, y) => (distance(y) < distance(best) ? y : best));
	return [day, month].map((n) => String(n).padStart(2, '0')).join('.') + `.${year}`;
}
