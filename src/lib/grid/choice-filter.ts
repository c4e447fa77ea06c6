/**
 * The filter of a choice column (AG Grid's set filter is Enterprise): a checkbox per option with
 * its colour, "(пусто)" for empty cells and "Выбрать все". A row is shown when its value is
 * ticked. Options are read from the column each time the filter is drawn, so an option a
 * coordinator adds or renames shows at once. The model is described in `choice-set.ts`.
 *
 * Beside each value is how many rows hold it, counted over the rows the other filters and the
 * search let through (not this filter: ticking one option leaves the others' counts as they
 * are), as Excel's and Google Sheets' filters count. The rows are counted when the list opens,
 * and again while it is open when they change (a colleague's edit, an import, another filter):
 * at most every `RECOUNT_MS`, one pass over the grid's rows (about 50 ms for 100,000 with a
 * search on, the list drawn included). A closed filter counts nothing, so the search does not
 * recount on each keystroke.
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
	choiceFilterValues,
	choiceSetModel,
	choiceSetMatcher,
	choiceSetSummary,
	followRenames,
	tallyChoices,
	toChoiceSet,
	type ChoiceFilterValue,
	type ChoiceSetModel,
	type ChoiceTally
} from './choice-set';

/** While the list is open, its counts follow the rows at most this often. */
const RECOUNT_MS = 200;
let nextId = 0;

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
	/** A count as the locale writes it: «100 000». */
	formatCount(count: number): string;
	/** "Ещё значений не из вариантов (не показаны): {count}". */
	moreValues(count: number): string;
	/** Calls `listener` on each change of the sheet's rows; returns the unsubscribe. */
	watchRows?(listener: () => void): () => void;
	/** The column's options renamed, old value → new (`followRenames`). */
	renames?(): ReadonlyMap<string, string>;
}

export class ChoiceSetFilter implements IFilterComp<Row> {
	#gui!: HTMLElement;
	#params!: ChoiceFilterParams;
	/** The model as set (kept in her view): old names of renamed options stay in it. */
	#model: ChoiceSetModel | null = null;
	/** The model as shown: renamed options by their names now (`followRenames`). */
	#shown: ChoiceSetModel | null = null;
	/** The values passed: the model's and the names its renamed options have now. */
	#set = new Set<string>();
	#passes: (value: string | undefined) => boolean = () => true;
	#tally: ChoiceTally | null = null;
	/** Ends the watching of rows while the list is open. */
	#unwatch: (() => void) | null = null;
	#recountTimer: ReturnType<typeof setTimeout> | null = null;
	/** The values drawn and their counts' elements, to update the counts in place. */
	#drawn: { values: string[]; counts: Map<string, HTMLElement>; total: HTMLElement } | null = null;

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
		// The options may be renamed since: the values passed follow.
		this.#setModel(this.#model);
		this.#render();
		return true;
	}

	afterGuiAttached() {
		this.#tally = this.#count();
		this.#render();
		this.#gui.querySelector<HTMLInputElement>('input')?.focus();
		this.#watch();
	}

	afterGuiDetached() {
		this.#stopWatching();
	}

	destroy() {
		this.#stopWatching();
	}

	/** While open: rows changed (here, by a colleague, an import) or filtered anew → recount. */
	#watch() {
		if (this.#unwatch) return;
		const { api } = this.#params;
		const changed = () => {
			this.#recountTimer ??= setTimeout(() => {
				this.#recountTimer = null;
				this.#recount();
			}, RECOUNT_MS);
		};
		// A transaction or a filter ends in `modelUpdated`; an edit the binding writes into the
		// row in place (nothing sorted or filtered) does not, the sheet's change tells of it.
		api.addEventListener('modelUpdated', changed);
		const unwatchRows = this.#params.watchRows?.(changed);
		this.#unwatch = () => {
			if (!api.isDestroyed()) api.removeEventListener('modelUpdated', changed);
			unwatchRows?.();
		};
	}

	#stopWatching() {
		this.#unwatch?.();
		this.#unwatch = null;
		if (this.#recountTimer !== null) clearTimeout(this.#recountTimer);
		this.#recountTimer = null;
	}

	/** Every row of the grid: its value, and whether the other filters and the search pass it. */
	#count(): ChoiceTally {
		const { api, getValue, doesRowPassOtherFilter } = this.#params;
		return tallyChoices((add) =>
			api.forEachNode((node) => {
				if (!node.data) return;
				add(getValue(node), doesRowPassOtherFilter(node));
			})
		);
	}

	#recount() {
		if (this.#params.api.isDestroyed()) return;
		this.#tally = this.#count();
		const { values } = this.#entries();
		const drawn = this.#drawn;
		// The same values: only the numbers change (the list is not redrawn under her pointer).
		if (
			drawn &&
			this.#gui.isConnected &&
			drawn.values.length === values.length &&
			drawn.values.every((v, i) => v === values[i].value)
		) {
			this.#showCounts(values);
		} else {
			this.#render();
		}
	}

	#showCounts(values: ChoiceFilterValue[]) {
		if (!this.#drawn) return;
		const format = (n: number | null) => (n === null ? '' : this.#params.formatCount(n));
		this.#drawn.total.textContent = format(this.#tally ? this.#tally.total : null);
		for (const { value, count } of values) {
			const el = this.#drawn.counts.get(value);
			if (el) el.textContent = format(count);
		}
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
		return choiceSetSummary(this.#shown, {
			all: '',
			empty: this.#params.labels.empty,
			none: this.#params.labels.none
		});
	}

	#setModel(model: ChoiceSetModel | null) {
		this.#model = model;
		const renames = this.#params.renames?.();
		const { values, followed } =
			model && renames?.size
				? followRenames(model.values, renames, this.#optionValues())
				: { values: model?.values ?? [], followed: new Set<string>() };
		this.#shown = model && { ...model, values: values.filter((v) => !followed.has(v)) };
		this.#set = new Set(values);
		this.#passes = model ? choiceSetMatcher({ ...model, values }) : () => true;
	}

	#optionValues(): string[] {
		return this.#params.options().map((o) => o.value);
	}

	/**
	 * The values listed: the options, values that are no option now (still ticked, or in rows),
	 * empty; and those no option beyond the listed ones.
	 */
	#entries() {
		return choiceFilterValues(this.#params.options(), this.#shown, this.#tally);
	}

	/** Every value offered, listed or not: what "Выбрать все" ticks. */
	#values(): string[] {
		const { values, unlisted } = this.#entries();
		return [...values.map((v) => v.value), ...unlisted];
	}

	#ticked(value: string): boolean {
		return this.#model === null || this.#set.has(value);
	}

	#render() {
		const { labels } = this.#params;
		const { values, unlisted } = this.#entries();
		const every = [...values.map((v) => v.value), ...unlisted];
		const focusedValue = (document.activeElement as HTMLInputElement | null)?.dataset?.value;
		const counts = new Map<string, HTMLElement>();

		const all = checkbox(labels.all);
		all.box.dataset.value = '\u0000all';
		const tickedCount = every.filter((v) => this.#ticked(v)).length;
		all.box.checked = tickedCount === every.length;
		all.box.indeterminate = tickedCount > 0 && tickedCount < every.length;
		all.box.addEventListener('change', () => this.#apply(all.box.checked ? every : []));
		const total = countOf(all);
		all.row.classList.add('shtab-choice-filter-all');

		const list = document.createElement('div');
		list.className = 'shtab-choice-filter-list';
		for (const { value, color } of values) {
			const item = checkbox(value === '' ? labels.empty : value, color ?? '');
			item.box.dataset.value = value;
			item.box.checked = this.#ticked(value);
			item.box.addEventListener('change', () => {
				const ticked = this.#values().filter((v) => this.#ticked(v));
				this.#apply(item.box.checked ? [...ticked, value] : ticked.filter((v) => v !== value));
			});
			if (value === '') item.label.classList.add('shtab-choice-filter-empty');
			counts.set(value, countOf(item));
			list.append(item.row);
		}
		if (unlisted.length) {
			const more = document.createElement('div');
			more.className = 'shtab-choice-filter-more';
			more.textContent = this.#params.moreValues(unlisted.length);
			list.append(more);
		}
		this.#gui.replaceChildren(all.row, list);
		this.#drawn = { values: values.map((v) => v.value), counts, total };
		this.#showCounts(values);
		if (focusedValue !== undefined) {
			for (const box of this.#gui.querySelectorAll<HTMLInputElement>('input')) {
				if (box.dataset.value === focusedValue) box.focus();
			}
		}
	}

	#apply(ticked: string[]) {
		this.#setModel(choiceSetModel(ticked, this.#values()));
		this.#render();
		this.#params.filterChangedCallback();
	}
}

/**
 * A labelled checkbox in a row of the list; `color` (an option's, or '' for none) adds the
 * swatch of a value. The row's count is beside the label, not in it: the checkbox is named by
 * its value alone and described by the count.
 */
function checkbox(text: string, color?: string) {
	const row = document.createElement('div');
	row.className = 'shtab-choice-filter-row';
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
	row.append(label);
	return { row, label, box };
}

/** The element of a row's count: after its label, describing its checkbox. */
function countOf(item: { row: HTMLElement; box: HTMLInputElement }): HTMLElement {
	const count = document.createElement('span');
	count.className = 'shtab-choice-filter-count';
	count.id = `shtab-choice-count-${++nextId}`;
	item.box.setAttribute('aria-describedby', count.id);
	item.row.append(count);
	return count;
}

export interface ChoiceFloatingFilterParams extends IFloatingFilterParams {
	labels: ChoiceFilterLabels;
	/** The column's options now, and those renamed: a renamed one is shown by its new name. */
	options?(): readonly ChoiceOption[];
	renames?(): ReadonlyMap<string, string>;
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
		let set = toChoiceSet(model, []);
		const renames = this.#params.renames?.();
		if (set && renames?.size) {
			const options = (this.#params.options?.() ?? []).map((o) => o.value);
			const { values, followed } = followRenames(set.values, renames, options);
			set = { ...set, values: values.filter((v) => !followed.has(v)) };
		}
		const text = choiceSetSummary(set, { all: labels.any, empty: labels.empty, none: labels.none });
		this.#gui.textContent = text;
		this.#gui.title = text;
		this.#gui.setAttribute('aria-label', `${labels.group}: ${text}`);
		this.#gui.classList.toggle('shtab-choice-floating-active', set !== null);
	}
}
