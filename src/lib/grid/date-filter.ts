/**
 * The date field of a date column's filter (and of its floating filter): the date typed the
 * Russian way, `дд.мм.гггг`, as in the cells' editor, where AG Grid's own is the browser's date
 * field, shown in the browser's language: an English Chromium showed mm/dd/yyyy in the Russian
 * interface, beside cells of дд.мм.гггг (found by exploration). `5.12` is the 5th of December
 * this year and «сегодня» today, as in a cell. A text that is no date yet is kept as typed and
 * marked, and filters nothing until it is one.
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

/** The text a filter's day is shown as (`05.03.2024`). */
export function filterDateText(date: Date | null): string {
	return date ? formatDate(localIsoDate(date)) : '';
}

export class DateFilterInput implements IDateComp {
	#gui!: HTMLElement;
	#input!: HTMLInputElement;

	init(params: IDateParams) {
		const gui = document.createElement('div');
		gui.className = 'ag-filter-date-input shtab-date-filter';
		const input = document.createElement('input');
		input.type = 'text';
		// Not `ag-input-field-input`: AG Grid sets that field's validity and aria-invalid from its
		// own checks, and took back the mark of a text that is no date.
		input.className = 'ag-text-field-input shtab-date-filter-input';
		input.placeholder = 'дд.мм.гггг';
		input.autocomplete = 'off';
		input.spellcheck = false;
		input.addEventListener('input', () => {
			const text = input.value.trim();
			const date = typedFilterDate(text);
			input.setAttribute('aria-invalid', text !== '' && !date ? 'true' : 'false');
			params.onDateChanged();
		});
		input.addEventListener('focusin', () => params.onFocusIn?.());
		gui.append(input);
		this.#gui = gui;
		this.#input = input;
	}

	getGui() {
		return this.#gui;
	}

	getDate(): Date | null {
		return typedFilterDate(this.#input.value);
	}

	setDate(date: Date | null) {
		// Her text stays while it names the same day («5.12» is not rewritten as she types).
		const current = this.getDate();
		if (date && current && current.getTime() === date.getTime()) return;
		// AG Grid writes its model back as she types: a text that is no date yet (no model) stays
		// while she is in the field; «Сбросить» and a new model clear it.
		const typing = this.#input.ownerDocument.activeElement === this.#input;
		if (!date && !current && typing && this.#input.value.trim() !== '') return;
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
}
