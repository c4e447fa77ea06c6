/**
 * Named views and the grid: read the operator's current view from AG Grid (to save it under a
 * name) and apply a named view, which becomes the operator's own view (the binding keeps it in
 * localStorage as it does for any sort or filter change). Only AG Grid's public API is used.
 */
import type { GridApi } from 'ag-grid-community';
import type { Row, Sheet } from '$lib/model/sheet';
import { cleanFilter, filterFor, type ViewState } from '$lib/model/views';

/** What a named view needs from the grid binding. */
export interface ViewTarget {
	readonly api: GridApi<Row>;
	setQuickFilter(text: string): void;
}

/** The sort, filters, hidden columns and search the operator has now (no widths). */
export function currentView(target: ViewTarget, sheet: Sheet): ViewState {
	const known = new Set(sheet.columns().map((c) => c.id));
	const columns = target.api
		.getColumnState()
		.filter((s) => known.has(s.colId) && (s.hide || s.sort))
		.map((s) => ({
			colId: s.colId,
			...(s.hide ? { hide: true } : {}),
			...(s.sort
				? { sort: s.sort, ...(s.sortIndex != null ? { sortIndex: s.sortIndex } : {}) }
				: {})
		}));
	const filter = cleanFilter(target.api.getFilterModel() ?? {});
	for (const colId of Object.keys(filter)) if (!known.has(colId)) delete filter[colId];
	const quickFilter = String(target.api.getGridOption('quickFilterText') ?? '');
	return { columns, filter, quickFilter };
}

/**
 * Applies a named view for the operator `me`: every other sort is cleared and every other
 * column shown; `ME` in a filter becomes `me`. Columns the view names that are gone are skipped.
 */
export function applyView(target: ViewTarget, sheet: Sheet, view: ViewState, me: string): void {
	const known = new Set(sheet.columns().map((c) => c.id));
	const { api } = target;
	api.applyColumnState({
		state: view.columns
			.filter((c) => known.has(c.colId))
			.map((c) => ({
				colId: c.colId,
				hide: !!c.hide,
				sort: c.sort ?? null,
				sortIndex: c.sort ? (c.sortIndex ?? 0) : null
			})),
		defaultState: { sort: null, sortIndex: null, hide: false }
	});
	const filter = filterFor(view.filter, me);
	for (const colId of Object.keys(filter)) if (!known.has(colId)) delete filter[colId];
	api.setFilterModel(Object.keys(filter).length ? filter : null);
	// Last: it also saves the whole view as the operator's own.
	target.setQuickFilter(view.quickFilter);
}
