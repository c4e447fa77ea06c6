/**
 * Tab along a row, and on to the next: AG Grid's own Tab from a row's last cell went to the next
 * row's tick box (its first cell), where a letter typed did nothing and Space ticked the row
 * (found by exploration, left open in a1228e2). Tab there goes on to the next row's first column
 * of the list (the resident's name), as «Перейти к списку» does; Shift+Tab from a row's first
 * column goes back to the previous row's last cell, not to its own tick box or number. Tab past
 * the «+» line's last cell goes to that line's first column, for the next resident. Within a
 * row, and everywhere else, AG Grid's own order (`tabToNextCell`, AG Grid 36: return the cell to
 * go to, or false for the browser's Tab, out of the grid).
 */
import type { CellPosition, TabToNextCellParams } from 'ag-grid-community';

/** The grid's own columns: the rows' tick boxes and their numbers. */
export const FRAME_COLUMNS: ReadonlySet<string> = new Set(['ag-Grid-SelectionColumn', '__row']);

export function tabToNextCell<T>(params: TabToNextCellParams<T>): CellPosition | boolean {
	const next = params.nextCellPosition;
	const from = params.previousCellPosition;
	const columns = params.api
		.getAllDisplayedColumns()
		.filter((c) => !FRAME_COLUMNS.has(c.getColId()));
	if (!next) {
		// Past the last cell of the «+» line: on to its first column, the next resident's name (the
		// row just typed ends there, as with Enter). The browser's Tab took the keyboard out of the
		// grid, to the page, and the keys typed next went nowhere (found by exploration).
		if (!params.backwards && from.rowPinned === 'bottom' && columns.length > 0)
			return { rowIndex: from.rowIndex, rowPinned: 'bottom', column: columns[0] };
		// Otherwise: the browser's Tab, out of the grid. (AG Grid takes no null from here; its own
		// way out differs a little: not checked.)
		return false;
	}
	if (!FRAME_COLUMNS.has(next.column.getColId())) return next;
	if (columns.length === 0) return next;
	if (!params.backwards) return { ...next, column: columns[0] };
	// Back from a row's first column: the previous row's last cell (the «+» line's previous row is
	// the last row of the list); from the first row, out of the grid as the browser goes.
	const last = columns[columns.length - 1];
	if (from.rowIndex > 0)
		return { rowIndex: from.rowIndex - 1, rowPinned: from.rowPinned, column: last };
	if (from.rowPinned === 'bottom') {
		const rows = params.api.getDisplayedRowCount();
		if (rows > 0) return { rowIndex: rows - 1, rowPinned: null, column: last };
	}
	return false;
}
