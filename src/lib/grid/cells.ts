/**
 * Cell renderers of our own, built from DOM elements (never HTML strings: AG Grid
 * inserts a string returned by a renderer as HTML, and cells hold whatever residents' lists
 * hold).
 */
import type { ICellRendererComp, ICellRendererParams } from 'ag-grid-community';
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
