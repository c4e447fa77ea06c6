/**
 * Named views shared in a sheet ("Не дозвонились", "Мои заявки"): a sort, filters, hidden
 * columns and a quick search that any operator applies with one click. Applying one sets that
 * operator's own view (`$lib/grid/view.ts`); it changes nothing for colleagues.
 *
 * Layout: `views`, a Y.Map<viewId, plain object> in the sheet's doc. Each view is written whole,
 * so a rename and a concurrent delete end in one of the two on every replica. Values come from
 * other replicas: each is checked on read and a broken or hostile one is skipped.
 *
 * A filter may hold `ME` where a person's name goes: it is replaced by the name of the operator
 * who applies the view ("Мои заявки": volunteer = me).
 */
import * as Y from 'yjs';
import { choiceKey } from '../values/choice';
import { cleanLabel } from '../values/clean';
import { newId, SHORT_ID_LENGTH } from './ids';

/** In a stored filter, "the operator who applies this view". */
export const ME = '@me';
export const MAX_VIEW_NAME = 60;
/** A sheet keeps at most this many named views. */
export const MAX_VIEWS = 100;
/** A view larger than this (as JSON) is ignored. */
const MAX_VIEW_JSON = 20_000;
const MAX_FILTER_STRING = 500;
const MAX_DEPTH = 5;

export interface ViewColumn {
	colId: string;
	hide?: boolean;
	sort?: 'asc' | 'desc';
	sortIndex?: number;
}

/** What a named view sets: the operator's view without widths (those stay each operator's). */
export interface ViewState {
	columns: ViewColumn[];
	filter: Record<string, unknown>;
	quickFilter: string;
}

export interface NamedView extends ViewState {
	id: string;
	name: string;
	/** Name of the operator who saved it ('' for a template's views). */
	by: string;
	created: number;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

export function cleanViewName(name: string): string {
	return cleanLabel(String(name ?? '')).slice(0, MAX_VIEW_NAME);
}

/** Plain JSON values only: short strings, finite numbers, booleans, null, small arrays. */
function cleanValue(v: unknown, depth: number): unknown {
	if (v === null || typeof v === 'boolean') return v;
	if (typeof v === 'string') return v.slice(0, MAX_FILTER_STRING);
	if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
	if (depth >= MAX_DEPTH) return undefined;
	if (Array.isArray(v))
		return v
			.slice(0, 20)
			.map((x) => cleanValue(x, depth + 1))
			.filter((x) => x !== undefined);
	if (isObject(v)) {
		const out: Record<string, unknown> = {};
		for (const [k, x] of Object.entries(v).slice(0, 20)) {
			if (k === '__proto__' || k === 'constructor' || k === 'prototype') continue;
			const c = cleanValue(x, depth + 1);
			if (c !== undefined) out[k] = c;
		}
		return out;
	}
	return undefined;
}

/** Values kept in a stored set filter (a choice column has far fewer options). */
export const MAX_SET_VALUES = 200;

/** A grid filter model: column id → one AG Grid filter (text, number, date, or a choice set). */
export function cleanFilter(v: unknown): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	if (!isObject(v)) return out;
	for (const [colId, f] of Object.entries(v).slice(0, 100)) {
		if (!/^[A-Za-z0-9_-]{1,64}$/.test(colId) || !isObject(f)) continue;
		if (f.filterType === 'choiceSet') {
			// The grid's set filter of a choice column: the options ticked ('' is "(пусто)").
			if (!Array.isArray(f.values)) continue;
			const values = f.values
				.filter((x): x is string => typeof x === 'string')
				.slice(0, MAX_SET_VALUES)
				.map((x) => x.slice(0, MAX_FILTER_STRING));
			out[colId] = { filterType: 'choiceSet', values };
			continue;
		}
		if (f.filterType !== 'text' && f.filterType !== 'number' && f.filterType !== 'date') continue;
		out[colId] = cleanValue(f, 1);
	}
	return out;
}

function cleanColumns(v: unknown): ViewColumn[] {
	if (!Array.isArray(v)) return [];
	const out: ViewColumn[] = [];
	for (const c of v.slice(0, 500)) {
		if (!isObject(c) || typeof c.colId !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(c.colId))
			continue;
		const col: ViewColumn = { colId: c.colId };
		if (c.hide === true) col.hide = true;
		if (c.sort === 'asc' || c.sort === 'desc') {
			col.sort = c.sort;
			if (Number.isInteger(c.sortIndex) && (c.sortIndex as number) >= 0)
				col.sortIndex = c.sortIndex as number;
		}
		out.push(col);
	}
	return out;
}

/** The view as stored by any replica, checked; `null` when unusable. */
export function readView(id: string, value: unknown): NamedView | null {
	if (!isObject(value)) return null;
	try {
		if (JSON.stringify(value).length > MAX_VIEW_JSON) return null;
	} catch {
		return null;
	}
	const name = typeof value.name === 'string' ? cleanViewName(value.name) : '';
	if (!name) return null;
	return {
		id,
		name,
		columns: cleanColumns(value.columns),
		filter: cleanFilter(value.filter),
		quickFilter: typeof value.quickFilter === 'string' ? value.quickFilter.slice(0, 200) : '',
		by: typeof value.by === 'string' ? value.by.slice(0, 60) : '',
		created: typeof value.created === 'number' && Number.isFinite(value.created) ? value.created : 0
	};
}

/** Replaces every string equal to `from` inside a filter by `to` (a copy). */
function replaceStrings(v: unknown, from: string, to: string): unknown {
	if (typeof v === 'string') return v === from ? to : v;
	if (Array.isArray(v)) return v.map((x) => replaceStrings(x, from, to));
	if (isObject(v))
		return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, replaceStrings(x, from, to)]));
	return v;
}

/** The filter as it applies for the operator `name` (`ME` → the name). */
export function filterFor(filter: Record<string, unknown>, name: string): Record<string, unknown> {
	return replaceStrings(filter, ME, name) as Record<string, unknown>;
}

/** The filter with the operator's own name turned into `ME` ("for whoever applies it"). */
export function filterForAnyone(
	filter: Record<string, unknown>,
	name: string
): Record<string, unknown> {
	return name ? (replaceStrings(filter, name, ME) as Record<string, unknown>) : filter;
}

/** Whether the filter names this operator (then it can be saved "for whoever applies it"). */
export function filterNames(filter: Record<string, unknown>, name: string): boolean {
	return !!name && JSON.stringify(filterForAnyone(filter, name)) !== JSON.stringify(filter);
}

export class SheetViews {
	/** Transaction origin of view changes (never in the cells' undo). */
	readonly origin = { views: true };
	readonly #map: Y.Map<unknown>;

	constructor(doc: Y.Doc) {
		this.#map = doc.getMap('views');
	}

	/** Every valid view, by name. */
	list(): NamedView[] {
		const list: NamedView[] = [];
		this.#map.forEach((value, id) => {
			const view = readView(id, value);
			if (view) list.push(view);
		});
		return list.sort(
			(a, b) =>
				a.name.localeCompare(b.name, 'ru') || a.created - b.created || (a.id < b.id ? -1 : 1)
		);
	}

	get(id: string): NamedView | null {
		return readView(id, this.#map.get(id));
	}

	/** Saves a new view and returns its id (`null` when the name is empty or the sheet is full). */
	add(state: ViewState & { name: string }, by = ''): string | null {
		const name = cleanViewName(state.name);
		if (!name || this.#map.size >= MAX_VIEWS) return null;
		const id = newId(SHORT_ID_LENGTH);
		this.#write(id, { ...state, name, by, created: Date.now() });
		return id;
	}

	rename(id: string, name: string): void {
		const view = this.get(id);
		const clean = cleanViewName(name);
		if (view && clean) this.#write(id, { ...view, name: clean });
	}

	/** Removes a view and returns it (for "Отменить"). */
	remove(id: string): NamedView | null {
		const view = this.get(id);
		if (view) this.#map.doc?.transact(() => this.#map.delete(id), this.origin);
		return view;
	}

	/**
	 * Options of the column `colId` renamed (old → new; their cells rewritten): a view whose
	 * filter picks an old name picks the new one too. The old one stays in it, so the view
	 * still works after the rename is undone (views are not in the cells' undo). Found by
	 * exploration: «перезвонить» renamed, the template's view «Перезвонить» showed no row.
	 * Returns how many views changed.
	 */
	renameOptions(colId: string, renames: ReadonlyMap<string, string>): number {
		if (!renames.size) return 0;
		// A value is the option however it is spelled (case, spaces, ё), as the grid reads it.
		const byKey = new Map([...renames].map(([from, to]) => [choiceKey(from), to]));
		let changed = 0;
		for (const view of this.list()) {
			const f = view.filter[colId];
			if (!isObject(f)) continue;
			let values: string[] | null = null;
			if (f.filterType === 'choiceSet' && Array.isArray(f.values)) values = f.values as string[];
			else if (f.filterType === 'text' && f.type === 'equals' && typeof f.filter === 'string')
				values = [f.filter];
			if (!values) continue;
			const added = values
				.map((v) => byKey.get(choiceKey(v)))
				.filter((v): v is string => v !== undefined && !values.includes(v));
			if (!added.length) continue;
			const filter = {
				...view.filter,
				[colId]: { filterType: 'choiceSet', values: [...values, ...added] }
			};
			this.#write(view.id, { ...view, filter });
			changed++;
		}
		return changed;
	}

	/** Puts a removed view back under its id. */
	restore(view: NamedView): void {
		this.#write(view.id, view);
	}

	#write(id: string, view: Omit<NamedView, 'id'> & { id?: string }) {
		const value = {
			name: view.name,
			columns: cleanColumns(view.columns),
			filter: cleanFilter(view.filter),
			quickFilter: view.quickFilter.slice(0, 200),
			by: view.by,
			created: view.created
		};
		const write = () => this.#map.set(id, value);
		if (this.#map.doc) this.#map.doc.transact(write, this.origin);
		else write();
	}

	/** Called on every change of the views (local or remote). Returns the unsubscribe. */
	observe(listener: () => void): () => void {
		this.#map.observe(listener);
		return () => this.#map.unobserve(listener);
	}
}
