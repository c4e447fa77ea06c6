/**
 * The date field of a date column's filter (and of its floating filter): the date typed the
 * Russian way, `дд.мм.гггг`, as in the cells' editor, where AG Grid's own is the browser's date
 * field, shown in the browser's language: an English Chromium showed mm/dd/yyyy in the Russian
 * interface, beside cells of дд.мм.гггг (found by exploration). `5.12` is the 5th of December
 * nearest to today and «сегодня» today, as in a cell. A text that is no date yet is kept as
 * typed and marked, and filters nothing until it is one. A date that may be the start of another (`5.12`,
 * `05.03.19`) filters once she stops typing, presses Enter or leaves the field (`isWholeDate`).
 */
import type { IAfterGuiAttachedParams, IDateComp, IDateParams } from 'ag-grid-community';
import { formatDate, localIsoDate, parseDate } from '$lib/values';
import { completeShortDate } from './date-editor';

/** The day a typed text names, or null (none yet, or no date). */
export function typedFilterDate(text: string, now?: Date): Date | null {
	const result = parseDate(completeShortDate('date', text, { now }));
	if (!result.ok || !result.value) return null;
	const [y, m, d] = result.value.split('-').map(Number);
	return new Date(y, m - 1, d);
}

/**
 * How long a date that may still grow waits for her next key before it filters (`isWholeDate`).
 * Longer than the pause between two keys of someone hunting for the digits: the rows are not to
 * jump while she types the year.
 */
export const TYPING_PAUSE_MS = 1_000;

/**
 * Whether a typed text is done naming its day: its last number is a four-digit year
 * (`05.03.1990`, `5 марта 1990 г.`), or it has no number (`сегодня`). A date without its year
 * (`5.12`) or with two digits of it (`05.03.19`, a real way to write a date) may be the start of
 * another (`5.12.1990`, `05.03.1990`). Found in review: «05.03.1990» typed into the filter showed
 * 05.03.2019's rows at «05.03.19», then every row at «05.03.199», then 1990's.
 */
export function isWholeDate(text: string): boolean {
	return /(?:^|\D)\d{4}\D*$/.test(text) || !/\d/.test(text);
}

const sameDay = (a: Date | null, b: Date | null) =>
	a === null || b === null ? a === b : a.getTime() === b.getTime();

/** The text a filter's day is shown as (`05.03.2024`). */
export function filterDateText(date: Date | null): string {
	return date ? formatDate(localIsoDate(date)) : '';
}

export class DateFilterInput implements IDateComp {
	#gui!: HTMLElement;
	#input!: HTMLInputElement;
	#params!: IDateParams;
	/** The day the rows are filtered by (what `getDate` gives AG Grid). */
	#applied: Date | null = null;
	/** A date typed that waits for a pause in her typing (`isWholeDate`). */
	#pending: ReturnType<typeof setTimeout> | undefined;

	init(params: IDateParams) {
		this.#params = params;
		const gui = document.createElement('div');
		gui.className = 'ag-filter-date-input shtab-date-filter';
		const input = document.createElement('input');
		input.type = 'text';
		// Not `ag-input-field-input`: AG Grid sets that field's validity and aria-invalid from its
		// own checks, and took back the mark of a text that is no date.
		input.className = 'ag-text-field-input shtab-date-filter-input';
		// In the interface's language (the column's `shtabPlaceholder`): «дд.мм.гггг» showed in
		// the English interface (found by exploration).
		input.placeholder =
			(params.filterParams as { shtabPlaceholder?: string } | undefined)?.shtabPlaceholder ??
			'дд.мм.гггг';
		input.autocomplete = 'off';
		input.spellcheck = false;
		input.addEventListener('input', () => {
			const text = input.value.trim();
			const date = typedFilterDate(text);
			input.setAttribute('aria-invalid', text !== '' && !date ? 'true' : 'false');
			clearTimeout(this.#pending);
			if (date && !isWholeDate(text))
				this.#pending = setTimeout(() => this.#apply(), TYPING_PAUSE_MS);
			else this.#apply();
		});
		// A date that waits for her pause filters at once on Enter, or as she leaves the field.
		input.addEventListener('keydown', (event) => {
			if (event.key === 'Enter' && !event.isComposing) this.#apply();
		});
		input.addEventListener('focusout', () => this.#apply());
		input.addEventListener('focusin', () => params.onFocusIn?.());
		gui.append(input);
		this.#gui = gui;
		this.#input = input;
	}

	getGui() {
		return this.#gui;
	}

	/** The rows filter by the day typed: at once, or after her pause (`isWholeDate`). */
	#apply() {
		clearTimeout(this.#pending);
		this.#pending = undefined;
		const date = typedFilterDate(this.#input.value);
		if (sameDay(date, this.#applied)) return;
		this.#applied = date;
		this.#params.onDateChanged();
	}

	getDate(): Date | null {
		return this.#applied;
	}

	setDate(date: Date | null) {
		// Her text stays while it names the same day («5.12» is not rewritten as she types).
		const typed = typedFilterDate(this.#input.value);
		if (date && sameDay(date, typed)) {
			clearTimeout(this.#pending);
			this.#applied = date;
			return;
		}
		// AG Grid writes its model back as she types: while she is in the field, the day this
		// field gave it leaves her text as it is (no date yet, or one that waits for her pause);
		// «Сбросить» and a new model clear it.
		const typing = this.#input.ownerDocument.activeElement === this.#input;
		if (typing && sameDay(date, this.#applied)) return;
		clearTimeout(this.#pending);
		this.#applied = date;
		this.#input.value = filterDateText(date);
		this.#input.setAttribute('aria-invalid', 'false');
	}

	/** AG Grid's placeholder is the browser field's (yyyy-mm-dd): ours stays. */
	setInputPlaceholder() {}

	setInputAriaLabel(label: string) {
		this.#input.setAttribute('aria-label', label);
	}

	setDisabled(disabled: boolean) {
		this.#input.disabled = disabled;
	}

	afterGuiAttached(params?: IAfterGuiAttachedParams) {
		if (!params?.suppressFocus) this.#input.focus({ preventScroll: true });
	}

	destroy() {
		clearTimeout(this.#pending);
	}
}
