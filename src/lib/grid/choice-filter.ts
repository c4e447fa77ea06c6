/**
 * The filter of a choice column (AG Grid's set filter is Enterprise): a checkbox per option with
 * its colour, "(пусто)" for empty cells and "Выбрать все". A row is shown when its value is
 * ticked. Options are read from the column each time the filter is drawn, so an option a
 * coordinator adds or renames shows at once. The model is described in `choice-set.ts`.
 *
 * In the filter row the column shows what is chosen, as a button that opens the list.
 */
import type {
	IDoesFilterPassParams,
	IFilterComp,
	IFilterParams,
	IFloatingFilterComp,
	IFloatingFilterParams
} from 'ag-grid-community';
import type { ChoiceOption, Row } from '$lib/model/sheet';
import {
	choiceSetModel,
	choiceSetMatcher,
	choiceSetSummary,
	toChoiceSet,
	type ChoiceSetModel
} from './choice-set';

export interface ChoiceFilterLabels {
	/** "Выбрать все" */
	all: string;
	/** "(пусто)" */
	empty: string;
	/** "Все" (the filter row when nothing is filtered) */
	any: string;
	/** "Ничего не выбрано" */
	none: string;
	/** "Фильтр «{title}»" */
	group: string;
}

export interface ChoiceFilterParams extends IFilterParams<Row> {
	/** The column's options now. */
	options(): readonly ChoiceOption[];
	labels: ChoiceFilterLabels;
}

export class ChoiceSetFilter implements IFilterComp<Row> {
	#gui!: HTMLElement;
	#params!: ChoiceFilterParams;
	#model: ChoiceSetModel | null = null;
	#set = new Set<string>();
	#passes: (value: string | undefined) => boolean = () => true;

	init(params: ChoiceFilterParams) {
		this.#params = params;
		this.#gui = document.createElement('div');
		this.#gui.className = 'shtab-choice-filter';
		this.#gui.setAttribute('role', 'group');
		this.#gui.setAttribute('aria-label', params.labels.group);
		this.#render();
	}

	getGui() {
		return this.#gui;
	}

	refresh(params: ChoiceFilterParams): boolean {
		this.#params = params;
		this.#render();
		return true;
	}

	afterGuiAttached() {
		this.#render();
		this.#gui.querySelector<HTMLInputElement>('input')?.focus();
	}

	isFilterActive() {
		return this.#model !== null;
	}

	doesFilterPass(params: IDoesFilterPassParams<Row>) {
		// Through `getValue`: the column's `filterValueGetter` (a row the operator is on is filtered
		// as it was until she leaves it).
		const value = this.#params.getValue(params.node);
		return this.#passes(typeof value === 'string' ? value : undefined);
	}

	getModel() {
		return this.#model ? { ...this.#model, values: [...this.#model.values] } : null;
	}

	setModel(model: unknown) {
		this.#setModel(toChoiceSet(model, this.#optionValues()));
		this.#render();
	}

	getModelAsString() {
		return choiceSetSummary(this.#model, {
			all: '',
			empty: this.#params.labels.empty,
			none: this.#params.labels.none
		});
	}

	#setModel(model: ChoiceSetModel | null) {
		this.#model = model;
		this.#set = new Set(model?.values ?? []);
		this.#passes = model ? choiceSetMatcher(model) : () => true;
	}

	#optionValues(): string[] {
		return this.#params.options().map((o) => o.value);
	}

	/** Every value offered: the options, values still ticked that are no option now, empty. */
	#values(): { value: string; color?: string }[] {
		const options = this.#params.options();
		const known = new Set(options.map((o) => o.value));
		const extra = (this.#model?.values ?? []).filter((v) => v !== '' && !known.has(v));
		return [
			...options.map((o) => ({ value: o.value, color: o.color })),
			...extra.map((value) => ({ value })),
			{ value: '' }
		];
	}

	#ticked(value: string): boolean {
		return this.#model === null || this.#set.has(value);
	}

	#render() {
		const { labels } = this.#params;
		const values = this.#values();
		const focusedValue = (document.activeElement as HTMLInputElement | null)?.dataset?.value;

		const all = checkbox(labels.all);
		all.box.dataset.value = '\u0000all';
		const tickedCount = values.filter((v) => this.#ticked(v.value)).length;
		all.box.checked = tickedCount === values.length;
		all.box.indeterminate = tickedCount > 0 && tickedCount < values.length;
		all.label.classList.add('shtab-choice-filter-all');
		all.box.addEventListener('change', () =>
			this.#apply(all.box.checked ? values.map((v) => v.value) : [])
		);

		const list = document.createElement('div');
		list.className = 'shtab-choice-filter-list';
		for (const { value, color } of values) {
			const item = checkbox(value === '' ? labels.empty : value, color ?? '');
			item.box.dataset.value = value;
			item.box.checked = this.#ticked(value);
			item.box.addEventListener('change', () => {
				const ticked = values.map((v) => v.value).filter((v) => this.#ticked(v));
				this.#apply(item.box.checked ? [...ticked, value] : ticked.filter((v) => v !== value));
			});
			if (value === '') item.label.classList.add('shtab-choice-filter-empty');
			list.append(item.label);
		}
		this.#gui.replaceChildren(all.label, list);
		if (focusedValue !== undefined) {
			for (const box of this.#gui.querySelectorAll<HTMLInputElement>('input')) {
				if (box.dataset.value === focusedValue) box.focus();
			}
		}
	}

	#apply(ticked: string[]) {
		this.#setModel(choiceSetModel(ticked, [...this.#values().map((v) => v.value)]));
		this.#render();
		this.#params.filterChangedCallback();
	}
}

/** A labelled checkbox; `color` (an option's, or '' for none) adds the swatch of a value. */
function checkbox(text: string, color?: string) {
	const label = document.createElement('label');
	label.className = 'shtab-choice-filter-item';
	const box = document.createElement('input');
	box.type = 'checkbox';
	const name = document.createElement('span');
	name.textContent = text;
	label.append(box);
	if (color !== undefined) {
		const swatch = document.createElement('span');
		swatch.className = 'shtab-choice-swatch';
		if (color) swatch.style.backgroundColor = color;
		label.append(swatch);
	}
	label.append(name);
	return { label, box };
}

export interface ChoiceFloatingFilterParams extends IFloatingFilterParams {
	labels: ChoiceFilterLabels;
}

/** The filter row's cell of a choice column: what is chosen, a button that opens the list. */
export class ChoiceSetFloatingFilter implements IFloatingFilterComp {
	#gui!: HTMLButtonElement;
	#params!: ChoiceFloatingFilterParams;

	init(params: ChoiceFloatingFilterParams) {
		this.#params = params;
		const button = document.createElement('button');
		button.type = 'button';
		button.className = 'shtab-choice-floating';
		button.addEventListener('click', () => this.#params.showParentFilter());
		this.#gui = button;
		this.onParentModelChanged(params.currentParentModel());
	}

	getGui() {
		return this.#gui;
	}

	refresh(params: ChoiceFloatingFilterParams) {
		this.#params = params;
		this.onParentModelChanged(params.currentParentModel());
	}

	onParentModelChanged(model: unknown) {
		const { labels } = this.#params;
		const set = toChoiceSet(model, []);
		const text = choiceSetSummary(set, { all: labels.any, empty: labels.empty, none: labels.none });
		this.#gui.textContent = text;
		this.#gui.title = text;
		this.#gui.setAttribute('aria-label', `${labels.group}: ${text}`);
		this.#gui.classList.toggle('shtab-choice-floating-active', set !== null);
	}
}
