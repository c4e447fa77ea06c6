/**
 * Cell renderers and editors of our own, built from DOM elements (never HTML strings: AG Grid
 * inserts a string returned by a renderer as HTML, and cells hold whatever residents' lists
 * hold).
 */
import type {
	ICellEditorComp,
	ICellEditorParams,
	ICellRendererComp,
	ICellRendererParams
} from 'ag-grid-community';
import type { Row } from '$lib/model/sheet';

export interface CheckboxRendererParams extends ICellRendererParams<Row, string> {
	/** Writes the new stored value ('true' / 'false') into the model. */
	toggle(rowId: string, value: 'true' | 'false'): void;
	label: string;
}

/** A checkbox for `true` / `false` / empty; any other (invalid) value is shown as text. */
export class CheckboxRenderer implements ICellRendererComp<Row> {
	#gui!: HTMLElement;
	#params!: CheckboxRendererParams;

	init(params: CheckboxRendererParams) {
		this.#gui = document.createElement('span');
		this.#gui.className = 'shtab-checkbox';
		this.refresh(params);
	}

	getGui() {
		return this.#gui;
	}

	refresh(params: CheckboxRendererParams): boolean {
		this.#params = params;
		const value = params.value ?? '';
		this.#gui.replaceChildren();
		if (value === '' || value === 'true' || value === 'false') {
			const box = document.createElement('input');
			box.type = 'checkbox';
			box.checked = value === 'true';
			box.tabIndex = -1;
			box.setAttribute('aria-label', params.label);
			box.addEventListener('click', (e) => {
				e.stopPropagation();
				const id = this.#params.data?.id;
				if (id) this.#params.toggle(id, box.checked ? 'true' : 'false');
			});
			this.#gui.append(box);
		} else {
			this.#gui.textContent = value;
		}
		return true;
	}
}

export interface ListEditorParams extends ICellEditorParams<Row, string> {
	/** Suggestions offered under the input (people of the workspace, …). */
	suggestions(): string[];
	useFormatter?: boolean;
}

let editorCount = 0;

/**
 * A text input with suggestions (`<datalist>`): free text stays possible (a person not yet
 * known), and the browser offers the names already known as one types.
 */
export class ListEditor implements ICellEditorComp<Row, string> {
	#gui!: HTMLElement;
	#input!: HTMLInputElement;

	init(params: ListEditorParams) {
		const id = `shtab-list-${++editorCount}`;
		this.#gui = document.createElement('div');
		this.#gui.className = 'shtab-list-editor';
		this.#input = document.createElement('input');
		this.#input.className = 'ag-input-field-input ag-text-field-input';
		this.#input.setAttribute('list', id);
		this.#input.setAttribute('aria-label', params.colDef.headerName ?? '');
		const list = document.createElement('datalist');
		list.id = id;
		for (const name of params.suggestions()) {
			const option = document.createElement('option');
			option.value = name;
			list.append(option);
		}
		const start = params.eventKey && params.eventKey.length === 1 ? params.eventKey : null;
		this.#input.value = start ?? params.value ?? '';
		this.#gui.append(this.#input, list);
	}

	getGui() {
		return this.#gui;
	}

	afterGuiAttached() {
		this.#input.focus();
		if (this.#input.value)
			this.#input.setSelectionRange(this.#input.value.length, this.#input.value.length);
	}

	getValue() {
		return this.#input.value;
	}
}
