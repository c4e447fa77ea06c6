/**
 * Binds a sheet model to an AG Grid Community instance, by row id:
 * - the grid gets plain row objects (never Svelte proxies) and `getRowId`;
 * - each model transaction becomes one `applyTransactionAsync` (a colleague's edit never
 *   redraws the grid);
 * - edits go the other way through `readOnlyEdit` + `onCellEditRequest` into the model, so the
 *   Y.Doc is the only source of truth and AG Grid's own undo stays off.
 */
import {
	AllCommunityModule,
	createGrid,
	ModuleRegistry,
	type CellEditRequestEvent,
	type ColDef,
	type ColumnMovedEvent,
	type ColumnResizedEvent,
	type GridApi,
	type IHeaderComp,
	type IHeaderParams
} from 'ag-grid-community';
import type { Column, Row, Sheet } from '$lib/model/sheet';

ModuleRegistry.registerModules([AllCommunityModule]);

/** Width of the row-number column. */
const ROW_NUMBER_WIDTH = 64;

export interface GridCallbacks {
	/** The operator asked for the actions of a column (rename, delete…). */
	onColumnMenu(column: Column, anchor: HTMLElement): void;
	onSelectionChanged(rowIds: string[]): void;
	onCellFocused(cell: { rowId: string; colId: string } | null): void;
	onEditError(error: unknown): void;
	localeText: Record<string, string>;
	columnMenuLabel(title: string): string;
}

interface HeaderParams extends IHeaderParams {
	column: IHeaderParams['column'];
	sheetColumn: Column;
	callbacks: GridCallbacks;
}

/** A header with the column's title and a button for its actions (AG Grid's menu is Enterprise). */
class SheetHeader implements IHeaderComp {
	#gui!: HTMLElement;
	#params!: HeaderParams;

	init(params: HeaderParams) {
		this.#params = params;
		const gui = document.createElement('div');
		gui.className = 'shtab-header';
		const label = document.createElement('span');
		label.className = 'shtab-header-label';
		label.addEventListener('click', (e) => params.progressSort(e.shiftKey));
		const button = document.createElement('button');
		button.type = 'button';
		button.className = 'shtab-header-menu';
		button.textContent = '⋮';
		button.addEventListener('click', (e) => {
			e.stopPropagation();
			this.#params.callbacks.onColumnMenu(this.#params.sheetColumn, button);
		});
		gui.append(label, button);
		this.#gui = gui;
		this.refresh(params);
	}

	getGui() {
		return this.#gui;
	}

	refresh(params: HeaderParams) {
		this.#params = params;
		const title = params.sheetColumn.title;
		const label = this.#gui.querySelector('.shtab-header-label') as HTMLElement;
		const sort = params.column.getSort();
		label.textContent = title + (sort === 'asc' ? ' ▲' : sort === 'desc' ? ' ▼' : '');
		const button = this.#gui.querySelector('button') as HTMLButtonElement;
		button.setAttribute('aria-label', params.callbacks.columnMenuLabel(title));
		button.title = params.callbacks.columnMenuLabel(title);
		return true;
	}
}

export class SheetGridBinding {
	readonly api: GridApi<Row>;
	readonly #sheet: Sheet;
	readonly #callbacks: GridCallbacks;
	readonly #unobserve: () => void;

	constructor(element: HTMLElement, sheet: Sheet, callbacks: GridCallbacks) {
		this.#sheet = sheet;
		this.#callbacks = callbacks;
		this.api = createGrid<Row>(element, {
			rowData: sheet.rowIds().map((id) => sheet.getRow(id)),
			columnDefs: this.#columnDefs(),
			getRowId: (p) => p.data.id,
			readOnlyEdit: true,
			undoRedoCellEditing: false,
			stopEditingWhenCellsLoseFocus: true,
			enterNavigatesVertically: true,
			enterNavigatesVerticallyAfterEdit: true,
			singleClickEdit: false,
			animateRows: false,
			rowSelection: {
				mode: 'multiRow',
				checkboxes: true,
				headerCheckbox: true,
				enableClickSelection: false
			},
			selectionColumnDef: { pinned: 'left', width: 48 },
			defaultColDef: { resizable: true, sortable: true, filter: false, editable: true },
			localeText: callbacks.localeText,
			onCellEditRequest: (e: CellEditRequestEvent<Row>) => this.#onEdit(e),
			onColumnMoved: (e: ColumnMovedEvent<Row>) => this.#onMoved(e),
			onColumnResized: (e: ColumnResizedEvent<Row>) => this.#onResized(e),
			onSelectionChanged: () =>
				callbacks.onSelectionChanged(this.api.getSelectedRows().map((r) => r.id)),
			onCellFocused: (e) => {
				const node = e.rowIndex != null ? this.api.getDisplayedRowAtIndex(e.rowIndex) : null;
				const colId = typeof e.column === 'object' && e.column ? e.column.getColId() : null;
				callbacks.onCellFocused(node?.data && colId ? { rowId: node.data.id, colId } : null);
			}
		});
		this.#unobserve = sheet.observe((change) => {
			if (change.columns) this.api.setGridOption('columnDefs', this.#columnDefs());
			if (!change.added.length && !change.updated.length && !change.removed.length) return;
			const ids = sheet.rowIds();
			const tailStart = ids.length - change.added.length;
			const appended = change.added.every((id, i) => ids[tailStart + i] === id);
			if (!appended) {
				// A row came back in the middle (restore, undo of a delete): let the grid diff by id.
				this.api.setGridOption(
					'rowData',
					ids.map((id) => sheet.getRow(id))
				);
				return;
			}
			const tx = {
				add: change.added.map((id) => sheet.getRow(id)),
				update: change.updated.map((id) => sheet.getRow(id)),
				remove: change.removed.map((id) => ({ id }) as Row)
			};
			// This operator's own change shows at once; colleagues' changes are batched.
			if (change.local) this.api.applyTransaction(tx);
			else this.api.applyTransactionAsync(tx);
		});
	}

	#columnDefs(): ColDef<Row>[] {
		const rowNumber: ColDef<Row> = {
			colId: '__row',
			headerName: '№',
			width: ROW_NUMBER_WIDTH,
			pinned: 'left',
			editable: false,
			sortable: false,
			resizable: false,
			suppressMovable: true,
			valueGetter: (p) => (p.node?.rowIndex ?? 0) + 1,
			cellClass: 'shtab-row-number'
		};
		const cols = this.#sheet.columns().map((c): ColDef<Row> => ({
			colId: c.id,
			field: c.id,
			headerName: c.title,
			width: c.width,
			headerComponent: SheetHeader,
			headerComponentParams: { sheetColumn: c, callbacks: this.#callbacks },
			cellEditor: c.type === 'longtext' ? 'agLargeTextCellEditor' : 'agTextCellEditor',
			cellEditorPopup: c.type === 'longtext',
			cellEditorParams: c.type === 'longtext' ? { maxLength: 100_000, rows: 8, cols: 50 } : {},
			// No cellRenderer returning a string: AG Grid inserts such strings as HTML. Its
			// default renderer writes text, so hostile cell content stays text.
			valueGetter: (p) => p.data?.[c.id] ?? ''
		}));
		return [rowNumber, ...cols];
	}

	#onEdit(e: CellEditRequestEvent<Row>) {
		const colId = e.colDef.colId;
		if (!colId || !e.data) return;
		try {
			this.#sheet.setCell(e.data.id, colId, e.newValue ?? '');
		} catch (error) {
			this.#callbacks.onEditError(error);
		}
	}

	#onMoved(e: ColumnMovedEvent<Row>) {
		if (!e.finished || !e.column || e.source !== 'uiColumnMoved') return;
		const colId = e.column.getColId();
		const order = (this.api.getColumnState() ?? [])
			.map((s) => s.colId)
			.filter((id) => this.#sheet.column(id));
		const index = order.indexOf(colId);
		if (index >= 0) this.#sheet.moveColumn(colId, index);
	}

	#onResized(e: ColumnResizedEvent<Row>) {
		if (!e.finished || e.source !== 'uiColumnResized') return;
		for (const col of e.columns ?? []) {
			const id = col.getColId();
			if (this.#sheet.column(id)) this.#sheet.setColumnWidth(id, col.getActualWidth());
		}
	}

	/** Focus a cell and open its editor (e.g. right after "add row"). */
	editCell(rowId: string, colId: string) {
		this.api.flushAsyncTransactions();
		const node = this.api.getRowNode(rowId);
		if (node?.rowIndex == null) return;
		this.api.ensureIndexVisible(node.rowIndex);
		this.api.setFocusedCell(node.rowIndex, colId);
		this.api.startEditingCell({ rowIndex: node.rowIndex, colKey: colId });
	}

	destroy() {
		this.#unobserve();
		this.api.destroy();
	}
}
