/**
 * The editor of a choice cell: opens (Enter, a typed letter, a double click) with the column's
 * options listed and the current one marked, no further click needed. Arrows move, Enter picks,
 * typing narrows the list, Esc cancels, a click on an option picks it at once. Text that names
 * no option is kept as typed (and flagged by the grid), never dropped.
 */
import type { ICellEditorComp, ICellEditorParams } from 'ag-grid-community';
import type { ChoiceOption, Row } from '$lib/model/sheet';
import { otherOptionNames } from '$lib/model/templates';
import { choiceKey } from '$lib/values';
import { keepPopupInside } from './popup-inside';

/**
 * The options whose text contains `query` (case and ё/е aside), those starting with it first.
 * With `otherNames`, an option's names in the other interface language count as its text too
 * (`done` finds «выполнена»).
 */
export function matchOptions<T extends { value: string }>(
	options: readonly T[],
	query: string,
	otherNames?: (value: string) => readonly string[]
): T[] {
	const key = choiceKey(query);
	if (!key) return [...options];
	const starts: T[] = [];
	const contains: T[] = [];
	for (const o of options) {
		const keys = [choiceKey(o.value), ...(otherNames?.(o.value) ?? []).map(choiceKey)];
		if (keys.some((k) => k.startsWith(key))) starts.push(o);
		else if (keys.some((k) => k.includes(key))) contains.push(o);
	}
	return [...starts, ...contains];
}

export interface ChoiceEditorParams extends ICellEditorParams<Row, string> {
	options(): readonly ChoiceOption[];
	/** The column's title, for the field's label. */
	label: string;
	/** "(пусто)": the item that clears the cell. */
	emptyLabel: string;
}

let editorCount = 0;

export class ChoiceEditor implements ICellEditorComp<Row, string> {
	#gui!: HTMLElement;
	#input!: HTMLInputElement;
	#list!: HTMLElement;
	#params!: ChoiceEditorParams;
	#id = '';
	/** The items shown now ('' is "(пусто)"). */
	#items: string[] = [];
	#active = -1;

	init(params: ChoiceEditorParams) {
		this.#params = params;
		this.#id = `shtab-choice-${++editorCount}`;
		const gui = document.createElement('div');
		gui.className = 'shtab-choice-editor';
		const width = params.eGridCell?.offsetWidth ?? 0;
		if (width) gui.style.minWidth = `${Math.max(width, 200)}px`;

		const input = document.createElement('input');
		input.type = 'text';
		input.className = 'ag-input-field-input ag-text-field-input';
		input.autocomplete = 'off';
		input.setAttribute('role', 'combobox');
		input.setAttribute('aria-label', params.label);
		input.setAttribute('aria-expanded', 'true');
		input.setAttribute('aria-autocomplete', 'list');
		input.setAttribute('aria-controls', `${this.#id}-list`);

		const list = document.createElement('ul');
		list.id = `${this.#id}-list`;
		list.className = 'shtab-choice-list';
		list.setAttribute('role', 'listbox');
		list.setAttribute('aria-label', params.label);
		// Keep the focus in the field while an option is clicked.
		list.addEventListener('mousedown', (e) => e.preventDefault());
		list.addEventListener('click', (e) => {
			const item = (e.target as HTMLElement).closest<HTMLElement>('[role="option"]');
			if (!item) return;
			this.#active = Number(item.dataset.index);
			this.#params.stopEditing();
		});

		gui.append(input, list);
		this.#gui = gui;
		this.#input = input;
		this.#list = list;

		const key = params.eventKey;
		input.value = key && key.length === 1 ? key : '';
		input.addEventListener('input', () => this.#show(0));
		input.addEventListener('keydown', (e) => this.#onKey(e));
		const current = params.value ?? '';
		if (input.value) this.#show(0);
		else if (key === 'Backspace' || key === 'Delete') this.#show(0);
		else this.#show(current, true);
	}

	getGui() {
		return this.#gui;
	}

	isPopup() {
		return true;
	}

	getPopupPosition(): 'over' {
		return 'over';
	}

	afterGuiAttached() {
		this.#input.focus();
		const at = this.#input.value.length;
		this.#input.setSelectionRange(at, at);
		// The field over its cell, the list under or above it (AG Grid moved the whole popup up).
		keepPopupInside(this.#gui, this.#params.eGridCell);
		this.#scrollToActive();
	}

	getValue() {
		if (this.#active >= 0) return this.#items[this.#active];
		return this.#input.value || (this.#params.value ?? '');
	}

	/** Nothing changed: no write, no history entry. */
	isCancelAfterEnd() {
		return this.getValue() === (this.#params.value ?? '');
	}

	/**
	 * Draws the items matching the field, with `active` marked: an index (clamped to the list;
	 * 0 is "(пусто)" while the field is empty) or, with `byValue`, a value.
	 */
	#show(active: number | string, byValue = false) {
		const query = this.#input.value;
		const options = matchOptions(this.#params.options(), query, otherOptionNames);
		// "(пусто)" first, as in the list before (and the usual start of an empty cell).
		this.#items = choiceKey(query) ? [] : [''];
		for (const o of options) this.#items.push(o.value);
		const colors = new Map(options.map((o) => [o.value, o.color]));
		const last = this.#items.length - 1;
		// A value that is no option (flagged) marks nothing: Enter then keeps it.
		this.#active = byValue
			? this.#items.indexOf(active as string)
			: Math.min(active as number, last);

		const items = this.#items.map((value, i) => {
			const li = document.createElement('li');
			li.id = `${this.#id}-${i}`;
			li.dataset.index = String(i);
			li.setAttribute('role', 'option');
			li.className = 'shtab-choice-option';
			const swatch = document.createElement('span');
			swatch.className = 'shtab-choice-swatch';
			const color = colors.get(value);
			if (color) swatch.style.backgroundColor = color;
			const text = document.createElement('span');
			text.textContent = value === '' ? this.#params.emptyLabel : value;
			if (value === '') li.classList.add('shtab-choice-option-empty');
			li.append(swatch, text);
			return li;
		});
		this.#list.replaceChildren(...items);
		this.#mark();
	}

	#mark() {
		const items = this.#list.children;
		for (let i = 0; i < items.length; i++) {
			items[i].setAttribute('aria-selected', String(i === this.#active));
		}
		if (this.#active >= 0) {
			this.#input.setAttribute('aria-activedescendant', `${this.#id}-${this.#active}`);
		} else this.#input.removeAttribute('aria-activedescendant');
		keepPopupInside(this.#gui, this.#params.eGridCell);
		this.#scrollToActive();
	}

	#scrollToActive() {
		const item = this.#active >= 0 ? this.#list.children[this.#active] : null;
		if (item && this.#gui.isConnected) item.scrollIntoView({ block: 'nearest' });
	}

	#onKey(e: KeyboardEvent) {
		const last = this.#items.length - 1;
		let next: number | null = null;
		if (e.key === 'ArrowDown') next = Math.min(this.#active + 1, last);
		else if (e.key === 'ArrowUp') next = Math.max(this.#active - 1, 0);
		else if (e.key === 'PageDown') next = Math.min(this.#active + 8, last);
		else if (e.key === 'PageUp') next = Math.max(this.#active - 8, 0);
		if (next === null) return; // Enter, Tab and Esc are the grid's: commit or cancel.
		e.preventDefault();
		e.stopPropagation();
		this.#active = next;
		this.#mark();
	}
}
