/**
 * The editor of date and date-time cells: a text field for the date typed the Russian way
 * (`дд.мм.гггг`, `дд.мм.гггг чч:мм`) and a calendar button next to it that opens the browser's
 * own picker (`<input type="date">` / `type="datetime-local"`). A picked date is written into the
 * text field as the operator would type it; Enter commits, Esc cancels (the grid's keys).
 *
 * The editor returns the text as typed: the binding stores it through `$lib/values`, so a date
 * that does not parse is kept exactly as typed and flagged, as anywhere else in the grid.
 */
import type { ICellEditorComp, ICellEditorParams } from 'ag-grid-community';
import type { Row } from '$lib/model/sheet';
import {
	EARLIEST_BIRTH,
	formatDate,
	formatDateTime,
	localIsoDate,
	localIsoDateTime,
	nearestYear,
	parseDate,
	parseDateTime
} from '$lib/values';

export type DateKind = 'date' | 'datetime';

/**
 * What the browser's picker should open on for the typed `text`: `yyyy-mm-dd` (date) or
 * `yyyy-mm-ddThh:mm` (date-time), or '' when the text is not a date yet.
 */
export function pickerValue(kind: DateKind, text: string): string {
	if (!text.trim()) return '';
	if (kind === 'date') {
		const result = parseDate(text);
		return result.ok ? result.value : '';
	}
	const result = parseDateTime(text);
	return result.ok ? result.value : '';
}

/**
 * The text for a date picked in the browser's picker (`2024-03-05` → `05.03.2024`,
 * `2024-03-05T14:30` → `05.03.2024 14:30`); '' when the picker was cleared.
 */
export function pickedText(kind: DateKind, picked: string): string {
	if (!picked) return '';
	// The picker may add seconds (`14:30:15`): a cell keeps minutes.
	const value = kind === 'datetime' ? picked.slice(0, 16) : picked.slice(0, 10);
	return kind === 'date' ? formatDate(value) : formatDateTime(value);
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The short forms an operator types for a recent or coming day: `5.12` (or `5/12`) is the 5th of
 * December nearest to today (`nearestYear`, the rule a day and month pasted, filled or imported
 * is read by: typed on the 3rd of January it is last year's), `5.12 14:30` with a time;
 * «сегодня» («today») is today, «сейчас» («now») now in a date-and-time cell. Not in a date of
 * birth, whose year cannot be guessed. Any other
 * text is returned as it is. (Found by exploration: a hotline operator typed «5.12» into «Дата
 * заявки», and it was kept as a wrong value, flagged.)
 */
export function completeShortDate(
	kind: DateKind,
	text: string,
	options: { birthDate?: boolean; now?: Date } = {}
): string {
	if (options.birthDate) return text;
	const now = options.now ?? new Date();
	const word = text.trim().toLowerCase();
	const today = formatDate(localIsoDate(now));
	if (word === 'сегодня' || word === 'today') return today;
	if (kind === 'datetime' && (word === 'сейчас' || word === 'now'))
		return formatDateTime(localIsoDateTime(now));
	const m = /^(\d{1,2})[./](\d{1,2})(\s+\d{1,2}:\d{2})?$/.exec(word);
	if (!m || (m[3] && kind !== 'datetime')) return text;
	const year = nearestYear(+m[2], +m[1], localIsoDate(now));
	return `${pad(+m[1])}.${pad(+m[2])}.${year}${m[3] ?? ''}`;
}

/** The text an editor starts with for a stored value (what the cell shows). */
export function editText(kind: DateKind, stored: string): string {
	return kind === 'date' ? formatDate(stored) : formatDateTime(stored);
}

export interface DateEditorParams extends ICellEditorParams<Row, string> {
	kind: DateKind;
	/** Label of the text field (the column's title). */
	label: string;
	/** Label of the calendar button ("Выбрать в календаре"). */
	pickLabel: string;
	/** A date of birth: the calendar offers no day after today. */
	birthDate?: boolean;
	/**
	 * The field's hint in the interface's language («dd.mm.yyyy» in English; the Russian
	 * «дд.мм.гггг» showed in the English interface: found by exploration).
	 */
	placeholder?: string;
}

/** A printable key that started the edit replaces the value; Backspace or Delete clear it. */
function startText(params: DateEditorParams): string {
	const key = params.eventKey;
	if (key === 'Backspace' || key === 'Delete') return '';
	if (key && key.length === 1) return key;
	return editText(params.kind, params.value ?? '');
}

const SVG = 'http://www.w3.org/2000/svg';

/** A small calendar drawn in SVG (an emoji needs a font the operator's system may lack). */
function calendarIcon(): SVGSVGElement {
	const svg = document.createElementNS(SVG, 'svg');
	svg.setAttribute('viewBox', '0 0 16 16');
	svg.setAttribute('width', '16');
	svg.setAttribute('height', '16');
	svg.setAttribute('aria-hidden', 'true');
	svg.setAttribute('fill', 'none');
	svg.setAttribute('stroke', 'currentColor');
	svg.setAttribute('stroke-width', '1.5');
	for (const d of [
		'M2.5 3.5h11v10h-11z',
		'M2.5 6.5h11',
		'M5 1.5v3',
		'M11 1.5v3',
		'M5 9h1M7.5 9h1M10 9h1M5 11.5h1M7.5 11.5h1'
	]) {
		const path = document.createElementNS(SVG, 'path');
		path.setAttribute('d', d);
		svg.append(path);
	}
	return svg;
}

export class DateEditor implements ICellEditorComp<Row, string> {
	#gui!: HTMLElement;
	#input!: HTMLInputElement;
	#picker!: HTMLInputElement;
	#params!: DateEditorParams;
	#start = '';

	init(params: DateEditorParams) {
		this.#params = params;
		const gui = document.createElement('div');
		gui.className = 'shtab-date-editor';

		const input = document.createElement('input');
		input.type = 'text';
		input.className = 'ag-input-field-input ag-text-field-input';
		input.setAttribute('aria-label', params.label);
		input.placeholder =
			params.placeholder ?? (params.kind === 'date' ? 'дд.мм.гггг' : 'дд.мм.гггг чч:мм');
		input.autocomplete = 'off';
		this.#start = editText(params.kind, params.value ?? '');
		input.value = startText(params);

		const button = document.createElement('button');
		button.type = 'button';
		button.className = 'shtab-date-pick';
		button.setAttribute('aria-label', params.pickLabel);
		button.title = `${params.pickLabel} (Alt+↓, F4)`;
		// Not a Tab stop: Tab leaves the cell (see `#onInputKey`).
		button.tabIndex = -1;
		button.append(calendarIcon());

		// The browser's own picker, under the button: opened by it, never focused by Tab.
		const picker = document.createElement('input');
		picker.type = params.kind === 'date' ? 'date' : 'datetime-local';
		picker.className = 'shtab-date-picker';
		picker.tabIndex = -1;
		picker.setAttribute('aria-label', params.pickLabel);
		picker.min = params.birthDate
			? EARLIEST_BIRTH
			: params.kind === 'date'
				? '1800-01-01'
				: '1800-01-01T00:00';
		picker.max = params.birthDate
			? localIsoDate()
			: params.kind === 'date'
				? '2199-12-31'
				: '2199-12-31T23:59';

		gui.append(input, button, picker);
		this.#gui = gui;
		this.#input = input;
		this.#picker = picker;

		button.addEventListener('click', () => this.#openPicker());
		button.addEventListener('keydown', (e) => this.#onButtonKey(e));
		input.addEventListener('keydown', (e) => this.#onInputKey(e));
		picker.addEventListener('change', () => this.#onPicked());
		picker.addEventListener('input', () => this.#onPicked());
		// Keys in the browser's picker are the picker's, never the grid's (Esc closes the picker).
		picker.addEventListener('keydown', (e) => e.stopPropagation());
	}

	getGui() {
		return this.#gui;
	}

	afterGuiAttached() {
		// A cell half under the pinned columns (a phone's width) comes fully into view.
		this.#params.api.ensureColumnVisible(this.#params.column);
		const input = this.#input;
		input.focus();
		input.setSelectionRange(input.value.length, input.value.length);
	}

	getValue() {
		const { kind, birthDate } = this.#params;
		return completeShortDate(kind, this.#input.value, { birthDate });
	}

	/** Nothing changed: no write, no history entry. */
	isCancelAfterEnd() {
		return this.#input.value === this.#start;
	}

	#onInputKey(e: KeyboardEvent) {
		if ((e.altKey && e.key === 'ArrowDown') || e.key === 'F4') {
			e.preventDefault();
			e.stopPropagation();
			this.#openPicker();
		}
		// Tab stores the date and goes to the next cell, as in every other cell (found by
		// exploration: it went to the calendar button, and the note typed next opened the
		// browser's calendar or ran into the date). The calendar is Alt+↓ or F4 from the keyboard.
	}

	#onButtonKey(e: KeyboardEvent) {
		if (e.key === 'Enter' || e.key === ' ') {
			e.preventDefault();
			e.stopPropagation();
			this.#openPicker();
		} else if (e.key === 'Tab' && e.shiftKey) {
			e.preventDefault();
			e.stopPropagation();
			this.#input.focus();
		}
	}

	#openPicker() {
		const picker = this.#picker;
		picker.value = pickerValue(this.#params.kind, this.#input.value);
		try {
			picker.showPicker();
		} catch {
			// No picker in this browser (or no user gesture): the field still takes a typed date.
			this.#input.focus();
		}
	}

	#onPicked() {
		const text = pickedText(this.#params.kind, this.#picker.value);
		if (!text) return;
		this.#input.value = text;
		this.#input.focus();
	}
}
