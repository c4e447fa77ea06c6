/**
 * The "select all" checkbox in the header of the selection column. AG Grid's own recounts every
 * row twice after each change of the row model (each transaction, each sort, each slice of a big
 * add): 20–50 ms with 100,000 rows, in the tasks an operator waits for. This one looks only at the
 * selected rows, at most once per frame.
 *
 * It acts on the rows shown (a filter or a search narrows them): checked when every shown row is
 * selected, half-checked when some are; a click or Space selects every shown row, or clears the
 * selection when all are selected.
 */
import type { GridApi, IHeaderComp, IHeaderParams } from 'ag-grid-community';
import { nextFrame } from '$lib/ui/tasks';

export interface SelectAllParams extends IHeaderParams {
	/** The checkbox's accessible name ("Выбрать все"). */
	label: string;
	/** Before a click ticks or clears: every row still on its way is put into the grid. */
	beforeToggle?: () => void;
}

export type SelectAllState = 'none' | 'some' | 'all';

/** The checkbox for `shown` selected rows among the `total` rows shown. */
export function selectAllState(shown: number, total: number): SelectAllState {
	if (shown === 0 || total === 0) return 'none';
	return shown >= total ? 'all' : 'some';
}

export class SelectAllHeader implements IHeaderComp {
	#gui!: HTMLElement;
	#input!: HTMLInputElement;
	#api!: GridApi;
	#beforeToggle: () => void = () => {};
	#header: HTMLElement | null = null;
	#state: SelectAllState = 'none';
	#cancel: (() => void) | null = null;
	readonly #schedule = () => {
		this.#cancel ??= nextFrame(() => {
			this.#cancel = null;
			this.#update();
		});
	};
	readonly #onKey = (event: KeyboardEvent) => {
		if (event.key !== ' ' || event.target !== this.#header) return;
		event.preventDefault();
		this.#toggle();
	};

	init(params: SelectAllParams) {
		this.#api = params.api;
		if (params.beforeToggle) this.#beforeToggle = params.beforeToggle;
		const gui = document.createElement('div');
		gui.className = 'shtab-select-all';
		const input = document.createElement('input');
		input.type = 'checkbox';
		input.tabIndex = -1;
		input.setAttribute('aria-label', params.label);
		input.addEventListener('click', (event) => {
			event.preventDefault(); // the state follows the selection, drawn by `#update`
			this.#toggle();
		});
		gui.append(input);
		this.#gui = gui;
		this.#input = input;
		// Space on the focused header cell, as on AG Grid's own checkbox.
		this.#header = params.eGridHeader;
		this.#header.addEventListener('keydown', this.#onKey);
		this.#api.addEventListener('selectionChanged', this.#schedule);
		this.#api.addEventListener('modelUpdated', this.#schedule);
		this.#update();
	}

	getGui() {
		return this.#gui;
	}

	refresh() {
		this.#schedule();
		return true;
	}

	#toggle() {
		// The rows of a big list just opened (or of an import) still coming are ticked too: found
		// in review, «Выбрать все» ticked the 2,064 rows in of 20,000.
		this.#beforeToggle();
		this.#update();
		if (this.#state === 'all') this.#api.deselectAll('filtered', 'uiSelectAll');
		else this.#api.selectAll('filtered', 'uiSelectAll');
	}

	#update() {
		if (this.#api.isDestroyed()) return;
		let shown = 0;
		for (const node of this.#api.getSelectedNodes()) if (node.displayed) shown++;
		const state = selectAllState(shown, this.#api.getDisplayedRowCount());
		this.#state = state;
		this.#input.checked = state === 'all';
		this.#input.indeterminate = state === 'some';
		this.#input.setAttribute(
			'aria-checked',
			state === 'all' ? 'true' : state === 'some' ? 'mixed' : 'false'
		);
		this.#input.disabled = this.#api.getDisplayedRowCount() === 0;
	}

	destroy() {
		this.#cancel?.();
		this.#header?.removeEventListener('keydown', this.#onKey);
		if (!this.#api.isDestroyed()) {
			this.#api.removeEventListener('selectionChanged', this.#schedule);
			this.#api.removeEventListener('modelUpdated', this.#schedule);
		}
	}
}
