/**
 * Binds a sheet model to an AG Grid Community instance, by row id:
 * - the grid gets plain row objects (never Svelte proxies) and `getRowId`;
 * - each model transaction becomes one grid transaction: at once for this operator's own
 *   change, `applyTransactionAsync` for a colleague's (their edit never redraws the grid);
 * - a big batch of new rows (an import, local or remote, or the first load of a big sheet) is
 *   handed to the grid in slices of `ADD_SLICE` rows, one task each, so no task gets long. Rows
 *   still waiting keep their order; a later edit of one is read when its slice goes in, a later
 *   delete drops it from the queue. `flush()` hands over the rest at once (before anything
 *   that needs every row in the grid: editing a new row, paste, copy);
 * - edits go the other way through `readOnlyEdit` + `onCellEditRequest` into the model, so the
 *   Y.Doc is the only source of truth and AG Grid's own undo stays off;
 * - rows are put in order by `RowSorter` (`sorting.ts`) through `postSortRows`: a big sheet is
 *   sorted in a worker, so a click on a header never freezes the page.
 */
import './grid.css';
import {
	AllCommunityModule,
	createGrid,
	ModuleRegistry,
	type CellEditRequestEvent,
	type CellEditingStartedEvent,
	type CellEditingStoppedEvent,
	type ColDef,
	type ColumnMovedEvent,
	type GridApi,
	type IHeaderComp,
	type IHeaderParams,
	type IRowNode,
	type RowDataTransaction
} from 'ag-grid-community';
import { UndoManager } from 'yjs';
import type { Locale } from '$lib/i18n';
import type { Column, Row, Sheet, SheetChange } from '$lib/model/sheet';
import { nextFrame, nextTask } from '$lib/ui/tasks';
import { parseQuickFilter, quickFilterMatches, typedColumnDef } from './columns';
import { tabToNextCell } from './tab-order';
import { SearchTexts } from './search-texts';
import { pasteIntoField } from './field-paste';
import { SelectAllHeader } from './select-all';
import {
	clearCells,
	copyRows,
	fillDown,
	pasteBlock,
	shownCells,
	typedValue,
	newRowValues,
	draftPasteEdits,
	NOT_ADDED
} from './edits';
import { PEER_SLOTS, PeerCells, type Peer } from './presence';
import {
	boxCells,
	boxColumns,
	boxOf,
	boxRows,
	fillBlock,
	MAX_RANGE_WRITE,
	fillSourceRows,
	leftOutColumns,
	movedEnd,
	sameBox,
	type Box,
	type CellPos
} from './range';
import { sortKindOf } from './row-order';
import { RowSorter, type SortColumn } from './sorting';
import { parseTsv, toTsv } from './tsv';
import { loadView, saveView, type SheetView } from './view';

ModuleRegistry.registerModules([AllCommunityModule]);

/** Id of the empty line under the last row: typing into it adds a row. */
export const NEW_ROW_ID = NOT_ADDED;

/** Width of the row-number column. */
const ROW_NUMBER_WIDTH = 64;
/** Narrower than this, the grid freezes no column of the sheet (a phone: the name would take half). */
const PIN_MIN_WIDTH = 700;
/** The № column: the row's place in the order shown (1, 2, 3… after any sort or search). */
const ROW_NUMBER_COL = '__row';
/** The view is written to this browser's store once unchanged for this long (`#writeViewSoon`). */
const VIEW_WRITE_MS = 1_000;
/** After an Enter in the «+» line, the new row ends at the latest this much later. */
const DRAFT_END_MS = 300;
/** How long an Enter that ended the «+» line's row waits for AG Grid to tell its close. */
const DRAFT_END_TOLD_MS = 5_000;
/** A colleague's value over one typed this long ago or less is told (`onOverwritten`). */
const OVERWRITE_NOTICE_MS = 60_000;
/** Typed values remembered for it at most. */
const MAX_TYPED_KEPT = 500;
/** How far off the rows shown the focused row may move and still be followed (`#followFocus`). */
const FOLLOW_MARGIN_ROWS = 5;
/** An overlay of nothing, shown instead of AG Grid's own while the list is on its way. */
class EmptyOverlay {
	readonly #gui = document.createElement('span');
	init(): void {}
	getGui(): HTMLElement {
		return this.#gui;
	}
}

/** The key of a cell in `#untold`. */
const untoldKey = (rowId: string, colId: string) => `${rowId}:${colId}`;
/** Colleagues' changes are handed to the grid together, at most this often (`#applyLater`). */
const BATCH_MS = 50;
/** AG Grid's own timer for them, which `#applyLater`'s always beats. */
const BATCH_FALLBACK_MS = 60_000;

/**
 * Rows handed to the grid per task when many arrive at once. About 20 ms of work per slice on a
 * slow machine (reading the rows from the model and AG Grid creating their nodes).
 */
export const ADD_SLICE = 2000;
/**
 * While the grid holds fewer than `SCREEN_ROWS` rows (a screen and AG Grid's buffer below it), a
 * slice is `SCREEN_SLICE` rows: AG Grid draws the rows it takes in the same task, about 3 ms a
 * row on a slow machine, and the first slice of an import into a new list (2,000 rows, the
 * screen drawn) took 110–150 ms there (`bench/import.bench.ts`).
 */
export const SCREEN_SLICE = 12;
const SCREEN_ROWS = 60;
/**
 * The first row into an empty grid comes alone: AG Grid's code for drawing rows and cells runs
 * for the first time then, and with a dozen rows it made the longest task of a 100,000-row import
 * (73–83 ms of CPU, `bench/import.bench.ts`). The next dozen still ran partly cold (25 ms of
 * drawing in a 50 ms task): the slices then double with the rows held, up to `SCREEN_SLICE`.
 */
const FIRST_SLICE = 1;
/**
 * Past the screen, a slice's size follows the time the one before took, to about this many
 * milliseconds: AG Grid's work for each slice grows with the rows it holds (it places every row
 * again), and the same 2,000 rows took 40 ms on a quiet slow machine and 100–170 ms on a busy
 * one (`bench/import.bench.ts`).
 */
const SLICE_BUDGET_MS = 30;
/**
 * Past the screen, the stored chunks of the next slice's rows are decoded in tasks of their own,
 * of about this many milliseconds, before the slice goes in (`Sheet.decodeRows`): reading 2,000
 * rows took 8–20 ms of a slice's task, most of it decoding, which with AG Grid's work and a
 * collection of garbage made tasks of 50–60 ms on a quiet machine (`bench/import.bench.ts`, a
 * CPU profile).
 */
const DECODE_BUDGET_MS = 15;
/** Rows looked at between two looks at the clock (a chunk holds hundreds). */
const DECODE_CLOCK_EVERY = 64;
/**
 * Fewer rows a slice and AG Grid's work per slice (placing every row it holds: about 30 ms at
 * 100,000 rows on a slow machine, whatever the slice's size) would be most of the time spent.
 */
const MIN_SLICE = 1000;
const MAX_SLICE = 8000;

/** A drag this close to the rows' top or bottom edge (px), or past it, scrolls them. */
const DRAG_SCROLL_EDGE = 8;
/** Fastest scroll of such a drag, in pixels per frame. */
const DRAG_SCROLL_MAX = 60;
/** How near the bottom-right corner of its cell (px) a press takes the fill handle. */
const FILL_HANDLE_HIT = 10;

/** Ctrl+C, Ctrl+V, Ctrl+X in the Latin and the Russian layout: they keep a selected block. */
const CLIPBOARD_KEYS = new Set(['c', 'v', 'x', 'с', 'м', 'ч']);

/**
 * A corner of a selected block: its row by id, so the block stays on the rows it was drawn on
 * when a colleague's rows come or go above it (their places in the view shift), and its column.
 */
interface Corner {
	rowId: string;
	col: string;
}

export interface GridCallbacks {
	/** The operator asked for the actions of a column (rename, delete…). */
	onColumnMenu(column: Column, anchor: HTMLElement): void;
	/**
	 * Tab came into the grid from the controls above it: the page puts the keyboard on a cell
	 * (true), else AG Grid's own first stop, the first column's title.
	 */
	onTabIn?(): boolean;
	onSelectionChanged(rowIds: string[]): void;
	onCellFocused(cell: { rowId: string; colId: string } | null): void;
	onEditError(error: unknown): void;
	/** The operator's own view changed (sort, filter, hidden columns, widths). */
	onViewChanged?(view: SheetView): void;
	/**
	 * A paste of this many rows (for a toast); `added` of them are new rows, `hidden` of them
	 * are not shown under her search or filters; `leftOut` columns of the block, with values,
	 * had no column to the right to go to.
	 */
	onPasted?(paste: { rows: number; added: number; hidden: number; leftOut: number }): void;
	localeText: Record<string, string>;
	/** The list is still on its way: see `setWaiting`. */
	waiting?: boolean;
	columnMenuLabel(title: string): string;
	checkboxLabel?: string;
	locale?: Locale;
	/** Key of this operator's view in localStorage (the sheet id). */
	viewKey?: string;
	/** Called around bulk steps (paste) so they are one undo step of their own. */
	stopCapturing?(): void;
	/** The rows wait for the order of a sort (a big sheet's, computed in a worker), or no longer. */
	onSorting?(busy: boolean): void;
	/** The selected block of cells changed: its size, or null when one cell or none is selected. */
	onRangeChanged?(size: { rows: number; columns: number } | null): void;
	/** A clear or a fill of `cells` cells was refused: more than `max`. */
	onRangeTooBig?(cells: number, max: number): void;
	/** Cells were emptied (Delete on a block, or a cut): how many had a value. */
	onCleared?(cells: number): void;
	/** Cells were filled (Ctrl+D, the fill handle): how many changed. */
	onFilled?(cells: number): void;
	/**
	 * A colleague deleted the row whose cell this operator was editing: the editor closed, and
	 * what she had typed (`typed`) was `kept` in the deleted row (restoring it brings it back), or
	 * not, when the row is gone altogether (a colleague's undo of adding it).
	 */
	onEditedRowDeleted?(result: { kept: boolean; typed: string }): void;
	/**
	 * A colleague deleted the column whose cell this operator was editing (`title`): the editor
	 * closed, and what she had typed was `kept` in the deleted column (restoring it brings it
	 * back), or not (the «+» line's new row, or a column a colleague's undo took away).
	 */
	onEditedColumnDeleted?(result: { kept: boolean; typed: string; title: string }): void;
	/**
	 * A colleague's value replaced one this operator typed a moment ago (the same cell, edited
	 * at once: one of them wins). Values as stored; `by` the colleague's name when known.
	 */
	/**
	 * Other cells of the row to set in the same step as a value the operator typed into a cell
	 * (a call's result: who called and when, `call-log.ts`).
	 */
	alsoSet?(rowId: string, colId: string, value: string): { colId: string; value: string }[];
	/**
	 * Other cells a row the operator adds (the «+» line, a paste of new rows) gets in the same
	 * step, given its values by column id (a new request: «Статус», «Дата заявки»,
	 * `new-request.ts`); each only where the row's own value is empty.
	 */
	newRow?(values: Readonly<Record<string, string>>): { colId: string; value: string }[];
	/**
	 * The ids of the columns whose filled cells a paste does not empty with an empty value (a
	 * call's log: «Оператор», «Дата звонка», «Попытки»; a request's «Статус», «Волонтёр», «Дата
	 * заявки»; `pasteBlock`), asked once a paste.
	 */
	keptOnPaste?(): readonly string[];
	onOverwritten?(cell: {
		rowId: string;
		colId: string;
		mine: string;
		theirs: string;
		by: string;
	}): void;
	/** The tooltip of a row's number when colleagues are on the row («Анна звонит этому жителю»). */
	peerRowTitle?(names: string[]): string;
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
	/** AG Grid does not refresh a header component when its column's sort changes: ▲/▼ follow it. */
	readonly #onSort = () => this.refresh(this.#params);
	#onKey: (e: KeyboardEvent) => void = () => {};

	init(params: HeaderParams) {
		this.#params = params;
		params.column.addEventListener('sortChanged', this.#onSort);
		const gui = document.createElement('div');
		gui.className = 'shtab-header';
		const label = document.createElement('span');
		label.className = 'shtab-header-label';
		// The title may be cut («Дата ро…»); the sort mark beside it never is (found by
		// exploration: in a new call list the mark was the first thing the cut removed).
		const text = document.createElement('span');
		text.className = 'shtab-header-title';
		const mark = document.createElement('span');
		mark.className = 'shtab-header-sort';
		label.append(text, mark);
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
		// From the keyboard: on the header cell, Alt+↓ (as AG Grid's own column menu), the
		// context-menu key or Shift+F10 open the column's settings.
		this.#onKey = (e: KeyboardEvent) => {
			if (e.target !== params.eGridHeader) return;
			const menuKey =
				(e.altKey && e.key === 'ArrowDown') ||
				e.key === 'ContextMenu' ||
				(e.shiftKey && e.key === 'F10');
			if (!menuKey) return;
			e.preventDefault();
			e.stopPropagation();
			this.#params.callbacks.onColumnMenu(this.#params.sheetColumn, button);
		};
		params.eGridHeader.addEventListener('keydown', this.#onKey);
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
		(label.querySelector('.shtab-header-title') as HTMLElement).textContent = title;
		(label.querySelector('.shtab-header-sort') as HTMLElement).textContent =
			sort === 'asc' ? ' ▲' : sort === 'desc' ? ' ▼' : '';
		label.title = title;
		const button = this.#gui.querySelector('button') as HTMLButtonElement;
		button.setAttribute('aria-label', params.callbacks.columnMenuLabel(title));
		button.title = params.callbacks.columnMenuLabel(title);
		return true;
	}

	destroy() {
		this.#params.column.removeEventListener('sortChanged', this.#onSort);
		this.#params.eGridHeader.removeEventListener('keydown', this.#onKey);
	}
}

export class SheetGridBinding {
	readonly api: GridApi<Row>;
	readonly #sheet: Sheet;
	readonly #callbacks: GridCallbacks;
	readonly #unobserve: () => void;
	readonly #element: HTMLElement;
	readonly #peers: PeerCells;
	#peerNames: string[] = [];
	#view: SheetView;
	readonly #cleanup: (() => void)[] = [];
	/** A write of the view to this browser's store, waiting (`#writeViewSoon`). */
	#viewTimer: ReturnType<typeof setTimeout> | null = null;
	/** Ids of visible rows not yet in the grid, in sheet order (may hold dropped ids: see `#waitingSet`). */
	#queue: string[] = [];
	/** Where the next slice starts in `#queue`. */
	#queueAt = 0;
	/** Rows the next slice of a big add hands over (see `SLICE_BUDGET_MS`). */
	#sliceSize = ADD_SLICE;
	/**
	 * The rows of `#queue` still to hand over, as a set: made only when an edit or a delete needs
	 * to know whether a row is queued (100,000 adds to a set cost a long task after an import).
	 * Without it, every id from `#queueAt` on is waiting.
	 */
	#waitingSet: Set<string> | null = null;
	/** Where decoding ahead goes on in `#queue` (see `DECODE_BUDGET_MS`). */
	#decodedTo = 0;
	/** Changes held behind a big add until the next task (see the observer in the constructor). */
	#deferred: SheetChange[] = [];
	readonly #searchTexts: SearchTexts<Row>;
	#cancelDeferred: (() => void) | null = null;
	#cancelDrain: (() => void) | null = null;
	/** Rows a colleague edited, redrawn at the next frame. */
	readonly #updates = new Set<string>();
	#cancelUpdates: (() => void) | null = null;
	/**
	 * Values editors of rows closed with (Enter, Tab, a click away) that AG Grid has not told yet,
	 * by `rowId:colId` (see `noteClosing`); `written` once `settleUntold` has written it.
	 */
	readonly #untold = new Map<
		string,
		{ rowId: string; colId: string; value: string; written?: boolean }
	>();
	/** Hands colleagues' batched changes to the grid (`#applyLater`). */
	#batchTimer: ReturnType<typeof setTimeout> | null = null;
	readonly #sorter: RowSorter<IRowNode<Row>>;
	/**
	 * The selected block: from the focused cell (`anchor`) to `end`, `rows` rows high when it
	 * was drawn; null when none.
	 */
	#range: { anchor: Corner; end: Corner; rows: number } | null = null;
	/** The row of the focused cell (`#followFocus`). */
	#focusRowId: string | null = null;
	/** Where that row was when the grid said it was focused (`#followFocus`). */
	#focusIndex: number | null = null;
	#lastOrderKey = '';
	#ownReorder = false;
	/**
	 * The row this operator is on, as it was when an edit (hers or a colleague's) changed it in
	 * a filtered view: the filters read these values (`filterValueGetter`), so the row stays
	 * shown until she leaves it. Without this, an operator marking «дозвонились» in the view «Не
	 * дозвонились» saw the row vanish under her Tab, and what she typed next went into the next
	 * resident's row (found by exploration).
	 */
	readonly #held = new Map<string, Row>();
	/**
	 * The row made from the empty last line («+») by this operator's first value there: her next
	 * values in that line (Tab, as in a spreadsheet) go into it, until Enter or the focus leaves
	 * the line. Each value made a row of its own (found by exploration).
	 */
	#draftRowId: string | null = null;
	/**
	 * The cells `#draftRowId` got with it (`GridCallbacks.newRow`: a new request's «Статус»),
	 * by column: while a cell holds that value, the line may still fill it — her «в работе»
	 * typed into «Статус» of the line is this resident's, not the next one's.
	 */
	#draftGiven = new Map<string, string>();
	/**
	 * `#draftRowId` ends with the value being stored now, if any (`#endDraftSoon`): at the latest
	 * at the operator's next key or click.
	 */
	#draftEnding = false;
	/**
	 * The Enter keys that closed an editor of the «+» line: `#draftRowId` ends once AG Grid has
	 * told of that editor's value and then of its close by that key (`#onEditStopped`). AG Grid
	 * tells of edits from a timer, which a busy laptop runs after the keys that follow: the row
	 * ended on the value of an earlier cell, and the next values made a row of their own (found
	 * by a CI run).
	 */
	readonly #draftEndKeys = new WeakSet<Event>();
	/**
	 * Such Enter keys whose close AG Grid has not told yet. A paste meanwhile is the next
	 * resident's: it must not go into the row that Enter ended (found in review: pasted right
	 * after Enter on a busy laptop, the next resident's name overwrote the last one's).
	 */
	#draftEndsPending = 0;
	#draftEndsTimer: ReturnType<typeof setTimeout> | null = null;
	/**
	 * The column of the «+» line where the operator began the row she is typing (its first editor
	 * there): Enter that ends the row brings the keyboard back to it for the next resident, as a
	 * spreadsheet does after Tab along a row. Found by exploration: Enter in «Примечание» left the
	 * keyboard there, and the next resident's name became a nameless row's note.
	 */
	#lineStart: string | null = null;
	/**
	 * This operator's latest typed values, by `row:col`, for `onOverwritten`: the same cell
	 * typed by two operators at once kept one value, and the other operator never knew hers
	 * was gone (found by exploration).
	 */
	readonly #typed = new Map<
		string,
		{ rowId: string; colId: string; value: string; at: number; unsent?: boolean }
	>();
	/** The cell an editor opened on, and its value then (`#onEditStarted`). */
	#editStart: { rowId: string; colId: string; value: string } | null = null;
	/** The block as shown, for the cells' class rule (null: one cell or none). */
	#rangeBox: Box | null = null;
	#rangeColumns: string[] = [];
	/** A drag with the mouse is selecting a block from the anchor. */
	#dragging = false;
	/** Where the pointer of a drag is (client coordinates): past an edge, the grid scrolls. */
	#dragAt = { x: 0, y: 0 };
	#cancelDragScroll: (() => void) | null = null;
	/**
	 * The fill handle being dragged: the rows it copies (by id, top to bottom, as a block's
	 * corners: a colleague's rows coming or going above them move them all), its columns, and how
	 * many rows past them the pointer was last seen (`reach`: down when positive, up when negative).
	 */
	#fill: { rowIds: string[]; colIds: string[]; reach: number } | null = null;
	/** Where the fill is shown now: its rows from `top` to `bottom`, the pointer's row `to`. */
	#fillBox: { top: number; bottom: number; to: number } | null = null;
	/** The cell with the fill handle: the block's bottom-right cell, else the focused cell. */
	#handleAt: CellPos | null = null;
	/** The row drawn with the handle (AG Grid keeps a row's classes when the row moves). */
	#handleNode: IRowNode<Row> | null = null;
	/** The grid's height when it last changed size (see `#keepBottomShown`). */
	#height = 0;
	/** The page says the list is on its way (`setWaiting`). */
	#pageWaiting = false;
	/** A big sheet opened and its first rows are not in the grid yet (see the constructor). */
	#opening = false;

	constructor(element: HTMLElement, sheet: Sheet, callbacks: GridCallbacks) {
		this.#sheet = sheet;
		this.#callbacks = callbacks;
		this.#element = element;
		this.#sorter = new RowSorter({
			// Runs the grid's sort stage again (not `onSortChanged`: no sortChanged event, no save).
			refresh: () => {
				// The order this operator asked for arrives: the focus stays where it is on screen.
				this.#ownReorder = true;
				try {
					this.api.refreshClientSideRowModel('sort');
				} finally {
					this.#ownReorder = false;
				}
			},
			onBusy: (busy) => callbacks.onSorting?.(busy)
		});
		this.#peers = new PeerCells(element);
		this.#view = loadView(this.#storage(), callbacks.viewKey ?? '');
		const ids = sheet.rowIds();
		// A big sheet is drawn from its first rows, the rest follows in slices, unless this
		// operator's view sorts or filters it (the first rows on screen would then be wrong).
		// The grid is made without rows and takes them all as an import's (a row, a few, a
		// dozen, then thousands a task): made with its first 2,000, AG Grid drew a screen of rows
		// in the task that builds it, one task of 0.5 s on a 4× slower laptop when a 19,159-row
		// call list opened (`bench/calllist.bench.ts`, a CPU profile), and the page took no key
		// or click meanwhile. Nothing is said over the empty rows until the first one is in.
		const view = this.#view;
		const progressive =
			ids.length > ADD_SLICE &&
			!view.quickFilter &&
			!Object.keys(view.filter).length &&
			!view.columns.some((c) => c.sort);
		this.#pageWaiting = !!callbacks.waiting;
		this.#opening = progressive;
		this.api = createGrid<Row>(element, {
			rowData: progressive ? [] : ids.map((id) => sheet.getRow(id)),
			columnDefs: this.#columnDefs(),
			getRowId: (p) => p.data.id,
			pinnedBottomRowData: [{ id: NEW_ROW_ID } as Row],
			getRowClass: (p) => (p.node.rowPinned ? 'shtab-new-row' : undefined),
			readOnlyEdit: true,
			// Colleagues' batched changes are handed over by `#applyLater`'s own timer, which follows
			// the focus in the same task; AG Grid's timer (50 ms by default) would come first.
			asyncTransactionWaitMillis: BATCH_FALLBACK_MS,
			undoRedoCellEditing: false,
			stopEditingWhenCellsLoseFocus: true,
			enterNavigatesVertically: true,
			enterNavigatesVerticallyAfterEdit: true,
			singleClickEdit: false,
			animateRows: false,
			rowSelection: {
				mode: 'multiRow',
				checkboxes: true,
				// Ours (select-all.ts): AG Grid's recounts all rows after every change of the model.
				headerCheckbox: false,
				enableClickSelection: false
			},
			selectionColumnDef: {
				pinned: 'left',
				width: 48,
				headerComponent: SelectAllHeader,
				headerComponentParams: {
					label: callbacks.localeText.selectAll ?? 'Select all',
					beforeToggle: () => this.flush()
				}
			},
			defaultColDef: {
				resizable: true,
				sortable: true,
				editable: true,
				floatingFilter: this.#view.showFilters,
				suppressHeaderMenuButton: true,
				suppressHeaderFilterButton: true
			},
			postSortRows: (p) => this.#sorter.sort(p.nodes, this.#sortColumns(p.api)),
			// Tab from a row's last cell: the next row's name, not its tick box (`tab-order.ts`).
			tabToNextCell,
			// Tab into the grid goes to a cell, past the column titles: each title was a Tab stop,
			// twelve of them in a call list between the view bar and the rows (found by
			// exploration). The titles are reached with ↑ from the first row; Tab on a title goes
			// down to the cell as Tab into the grid does, Shift+Tab up out of the grid as the
			// browser goes (AG Grid 36: false), not title by title.
			focusGridInnerElement: (p) => !p.fromBottom && (callbacks.onTabIn?.() ?? false),
			tabToNextHeader: (p) => {
				const onTabIn = callbacks.onTabIn;
				if (p.backwards) return false;
				if (!onTabIn) return p.nextHeaderPosition ?? false;
				// After the key's own handling: it stays on the title (true), and the cell then
				// takes the keyboard (from a microtask, the cell did not keep it: seen in the test).
				setTimeout(onTabIn);
				return true;
			},
			tooltipShowDelay: 300,
			quickFilterText: this.#view.quickFilter,
			quickFilterParser: parseQuickFilter,
			quickFilterMatcher: quickFilterMatches,
			// Each row's search text is built once and kept until the row changes (AG Grid drops it
			// on a transaction; `#refreshInPlace` drops it itself): without it, every
			// keystroke in the search rebuilt the text of all 100,000 rows (a 0.4 s task each).
			cacheQuickFilter: true,
			localeText: callbacks.localeText,
			activeOverlay: callbacks.waiting || progressive ? EmptyOverlay : undefined,
			onCellEditingStarted: (e: CellEditingStartedEvent<Row>) => this.#onEditStarted(e),
			onCellEditRequest: (e: CellEditRequestEvent<Row>) => this.#onEdit(e),
			onCellEditingStopped: (e: CellEditingStoppedEvent<Row>) => this.#onEditStopped(e),
			onColumnMoved: (e: ColumnMovedEvent<Row>) => this.#onMoved(e),
			onSortChanged: () => {
				this.clearRange();
				this.#saveView();
			},
			onFilterChanged: () => {
				this.clearRange();
				this.#saveView();
				// A filter of her own: every row as it is now.
				this.#release(null);
			},
			onDisplayedColumnsChanged: () => this.#showRange(),
			onDragStopped: () => this.#repin(),
			onGridSizeChanged: (e) => {
				this.#keepBottomShown(e.clientHeight);
				this.#repin();
			},
			// Rows came, went or moved (a colleague's, a sort's): the block follows its rows.
			onModelUpdated: () => {
				// The № cells of rows that stay drawn keep the number of their old place otherwise.
				// (`api` is unset while createGrid runs, before any row is drawn.) Not forced: AG Grid
				// redraws the cells whose number changed; forced, every № cell on screen was drawn
				// again at each key of a search, the rows just drawn for it too.
				this.api?.refreshCells({ columns: [ROW_NUMBER_COL] });
				this.#followFill();
				this.#followRows();
				this.#followFocus(true);
				this.#refreshHandle();
			},
			onColumnResized: (e) => {
				if (e.finished) this.#saveView();
			},
			onColumnVisible: () => this.#saveView(),
			onSelectionChanged: () =>
				callbacks.onSelectionChanged(this.api.getSelectedRows().map((r) => r.id)),
			onCellFocused: (e) => {
				const node =
					e.rowIndex != null && !e.rowPinned ? this.api.getDisplayedRowAtIndex(e.rowIndex) : null;
				const colId = typeof e.column === 'object' && e.column ? e.column.getColId() : null;
				// The focus moved off the block's anchor (a click, an arrow, Tab): no block.
				const anchor = this.#range?.anchor;
				if (anchor && (!node?.data || node.data.id !== anchor.rowId || anchor.col !== colId)) {
					this.clearRange();
				}
				this.#refreshHandle();
				this.#focusRowId = node?.data?.id ?? null;
				this.#focusIndex = node?.data ? (e.rowIndex ?? null) : null;
				// Off the «+» line, its new row ends (after the value being stored, if any: a click
				// may move the focus before the edit it ends is stored).
				if (!e.rowPinned) {
					this.#endDraftSoon();
					this.#lineStart = null;
				}
				// Out of the event: AG Grid is still moving the focus.
				if (this.#held.size) queueMicrotask(() => this.#release(this.#focusRowId));
				callbacks.onCellFocused(node?.data && colId ? { rowId: node.data.id, colId } : null);
			}
		});
		this.#applyView();
		this.#listen();
		// The grid's rows are the sheet's: their ids are walked a slice at a time.
		this.#searchTexts = new SearchTexts(this.api, () => sheet.rowIds());
		if (progressive) this.#enqueue(ids);
		else this.#searchTexts.schedule();
		this.#unobserve = sheet.observe((change) => {
			if (this.#deferred.length || change.added.length > ADD_SLICE) {
				// A big add (an import appearing, here or at a colleague's) is taken in a task of its
				// own, not in the task of the transaction that made it: the model's part of that one
				// is long enough. Later changes wait behind it, in order. Two tasks on: the one the
				// import's dialog queues after its commit draws the report first, and she reads it
				// while the grid takes the rows (its new columns' definitions alone took 20–30 ms).
				this.#deferred.push(change);
				this.#cancelDeferred ??= nextTask(() => {
					this.#cancelDeferred = nextTask(() => this.#takeDeferred());
				});
				return;
			}
			this.#onChange(change);
		});
	}

	/** The changes held behind a big add, in order. */
	#takeDeferred() {
		this.#cancelDeferred?.();
		this.#cancelDeferred = null;
		const changes = this.#deferred;
		this.#deferred = [];
		for (const change of changes) this.#onChange(change);
	}

	/** One change of the sheet into the grid; her own undo or redo is then brought into sight. */
	#onChange(change: SheetChange) {
		this.#applyChange(change);
		if (change.local && change.origin instanceof UndoManager)
			this.#revealRows([...change.updated, ...change.added]);
	}

	/**
	 * When none of these rows is on the screen, the grid scrolls to the first of them shown, as
	 * a spreadsheet's undo goes to the cells it changed back. Found by exploration: an undo of a
	 * paste far down the roster changed nothing she could see, and her second Ctrl+Z took back
	 * the step before it too. Rows hidden by her filters, or not yet in the grid, are left.
	 */
	#revealRows(ids: string[]) {
		if (!ids.length) return;
		const { top, bottom } = this.api.getVerticalPixelRange();
		let first: number | null = null;
		for (const id of ids) {
			const node = this.api.getRowNode(id);
			if (!node || node.rowPinned || node.rowIndex == null || node.rowTop == null) continue;
			if (node.rowTop + (node.rowHeight ?? 0) > top && node.rowTop < bottom) return;
			if (first === null || node.rowIndex < first) first = node.rowIndex;
		}
		if (first !== null) this.api.ensureIndexVisible(first, 'middle');
	}

	/** One change of the sheet into the grid (a big add goes in slices: see `#enqueue`). */
	#applyChange(change: SheetChange) {
		const sheet = this.#sheet;
		if (change.columns) {
			if (!change.local) this.#onEditedColumnRemoved();
			this.#resetColumns();
		}
		if (!change.added.length && !change.updated.length && !change.removed.length) return;
		if (change.removed.length && !change.local) this.#onEditedRowRemoved(change.removed);
		if (change.updated.length) this.#hold(change.updated);
		if (change.updated.length && this.#typed.size) {
			if (change.local) this.#forgetChanged(change.updated);
			else this.#noticeOverwrites(change.updated);
		}
		const ids = sheet.rowIds();
		const tailStart = ids.length - change.added.length;
		const appended = change.added.every((id, i) => ids[tailStart + i] === id);
		if (!appended) {
			// A row came back in the middle (restore, undo of a delete): let the grid diff by id.
			this.#clearQueue();
			this.api.setGridOption(
				'rowData',
				ids.map((id) => sheet.getRow(id))
			);
			this.#opened();
			return;
		}
		const touched = change.updated.length > 0 || change.removed.length > 0;
		const waiting = this.#waitingCount && touched ? this.#waiting() : null;
		// Rows still queued are read when their slice goes in: an edit needs nothing more, a
		// delete takes them out of the queue.
		const updated =
			waiting && change.updated.length
				? change.updated.filter((id) => !waiting.has(id))
				: change.updated;
		const removed = waiting ? change.removed.filter((id) => !waiting.delete(id)) : change.removed;
		let added = change.added;
		if (this.#waitingCount || added.length > ADD_SLICE) {
			// New rows go behind the queued ones, in order.
			this.#enqueue(added);
			added = [];
		}
		let update = updated;
		if (update.length && !this.#sortedOrFiltered()) {
			// Nothing can move or hide: each row's data is updated in place, which redraws only
			// its changed cells. A transaction would refresh the whole row model (every row's
			// position) for each edit: 30 ms and more with 100,000 rows.
			if (change.local) {
				update = this.#refreshInPlace(update);
				// A row a colleague just added may still wait in the grid's batch.
				if (update.length) {
					this.api.flushAsyncTransactions();
					update = this.#refreshInPlace(update);
				}
			} else {
				for (const id of update) this.#updates.add(id);
				this.#cancelUpdates ??= nextFrame(() => this.#flushUpdates());
				update = [];
			}
		}
		if (!added.length && !update.length && !removed.length) return;
		const tx = {
			add: added.map((id) => sheet.getRow(id)),
			update: update.map((id) => sheet.getRow(id)),
			remove: removed.map((id) => ({ id }) as Row)
		};
		// This operator's own change shows at once; colleagues' changes are batched.
		if (change.local) this.#applyNow(tx);
		else this.#applyLater(tx);
	}

	// ------------------------------------------------------------ edits of rows in the grid

	/** The operator's view sorts or filters: an edit may move or hide its row. */
	#sortedOrFiltered(): boolean {
		return this.api.isAnyFilterPresent() || this.api.getColumnState().some((c) => !!c.sort);
	}

	/** The sort asked for, column by column, as `RowSorter` takes it. */
	#sortColumns(api: GridApi<Row>): SortColumn[] {
		return api
			.getColumnState()
			.filter((s) => s.sort)
			.sort((a, b) => (a.sortIndex ?? 0) - (b.sortIndex ?? 0))
			.map((s) => ({
				colId: s.colId,
				kind: sortKindOf(this.#sheet.column(s.colId)?.type ?? 'text'),
				descending: s.sort === 'desc'
			}));
	}

	/**
	 * Edits in place, cell by cell: each row's data takes the new values and AG Grid redraws only
	 * the cells whose value changed (`updateData` redraws every cell of the row: a colleague's
	 * burst of 1,000 edits then spent most of its time drawing). Returns the ids not in the grid.
	 */
	#refreshInPlace(ids: Iterable<string>): string[] {
		const missing: string[] = [];
		const nodes: IRowNode<Row>[] = [];
		for (const id of ids) {
			const node = this.api.getRowNode(id);
			const data = node?.data;
			if (!node || !data) {
				missing.push(id);
				continue;
			}
			const next = this.#sheet.getRow(id);
			for (const key of Object.keys(data)) if (!(key in next)) delete data[key];
			Object.assign(data, next);
			node.resetQuickFilterAggregateText();
			nodes.push(node);
		}
		if (nodes.length) this.api.refreshCells({ rowNodes: nodes });
		return missing;
	}

	/** Colleagues' edits, at most once per frame: in place, or batched when the view sorts or filters. */
	#flushUpdates() {
		this.#cancelUpdates = null;
		const waiting = this.#waitingCount ? this.#waiting() : null;
		const ids = [...this.#updates].filter((id) => this.#sheet.hasRow(id) && !waiting?.has(id));
		this.#updates.clear();
		const rest = this.#sortedOrFiltered() ? ids : this.#refreshInPlace(ids);
		// Rows whose add is still batched in the grid: the update follows it in the same queue.
		if (rest.length) {
			this.#applyLater({ update: rest.map((id) => this.#sheet.getRow(id)) });
		}
	}

	// ------------------------------------------------------------ big adds, in slices

	#enqueue(ids: string[]) {
		if (!ids.length) return;
		if (!this.#waitingSet && this.#queueAt >= this.#queue.length) {
			// Nothing queued (an import appearing): its ids in one copy. Pushed one by one, the
			// 100,000 of a big import took 20–45 ms of the task that takes its columns, a long task
			// of its own (`bench/import.bench.ts`, a CPU profile).
			this.#queue = ids.slice();
			this.#queueAt = 0;
			this.#decodedTo = 0;
		} else {
			for (const id of ids) {
				this.#queue.push(id);
				this.#waitingSet?.add(id);
			}
		}
		this.#cancelDrain ??= nextTask(() => this.#drain());
	}

	/** One slice into the grid, then the next in a task of its own. */
	#drain() {
		this.#cancelDrain = null;
		// Small slices only while the grid holds less than a screen, not while it shows less: with a
		// search or a filter that hides the new rows, the screen stayed short and a 20,000-row
		// import came in 1,660 slices of a dozen rows, each filtering every row held (12 s instead
		// of 1.3 s; found in review). Rows of the sheet not queued are the ones the grid holds.
		const held = this.#sheet.rowCount - this.#waitingCount;
		if (held < SCREEN_ROWS && this.api.getDisplayedRowCount() < SCREEN_ROWS)
			// 1, 1, 2, 4, 8, then a dozen: the first rows' drawing runs cold (see `FIRST_SLICE`).
			this.#handOver(held === 0 ? FIRST_SLICE : Math.min(SCREEN_SLICE, held));
		else if (!this.#decodedAhead()) this.#decodeAhead();
		else {
			// The slice's chunks were decoded in the tasks before: this one is mostly AG Grid's.
			const started = performance.now();
			const size = this.#sliceSize;
			this.#handOver(size);
			const took = Math.max(1, performance.now() - started);
			// Halfway to the size that would have taken the budget: one slow moment (a collection
			// of garbage) does not make the next slice tiny.
			const next = (size + (size * SLICE_BUDGET_MS) / took) / 2;
			this.#sliceSize = Math.round(Math.min(MAX_SLICE, Math.max(MIN_SLICE, next)));
		}
		if (this.#waitingCount) this.#cancelDrain = nextTask(() => this.#drain());
		else this.#searchTexts.schedule(); // every row is in the grid: its search text next
	}

	/** Whether the chunks of the next slice (`#sliceSize` rows from `#queueAt`) are decoded. */
	#decodedAhead(): boolean {
		return this.#decodedTo >= Math.min(this.#queue.length, this.#queueAt + this.#sliceSize);
	}

	/** Decodes the chunks of the next slice's rows for about `DECODE_BUDGET_MS`. */
	#decodeAhead() {
		const until = performance.now() + DECODE_BUDGET_MS;
		const end = Math.min(this.#queue.length, this.#queueAt + this.#sliceSize);
		let at = Math.max(this.#decodedTo, this.#queueAt);
		while (at < end) {
			const stop = Math.min(end, at + DECODE_CLOCK_EVERY);
			this.#sheet.decodeRows(this.#queue, at, stop);
			at = stop;
			if (performance.now() >= until) break;
		}
		this.#decodedTo = at;
	}

	/** Adds up to `max` queued rows to the grid (at once, so slices never merge into one task). */
	#handOver(max: number) {
		const rows: Row[] = [];
		const queue = this.#queue;
		while (this.#queueAt < queue.length && rows.length < max) {
			const id = queue[this.#queueAt++];
			const queued = this.#waitingSet ? this.#waitingSet.delete(id) : true;
			if (queued && this.#sheet.hasRow(id)) rows.push(this.#sheet.getRow(id));
		}
		if (this.#queueAt >= queue.length || !this.#waitingCount) this.#clearQueue();
		// Colleagues' changes still batched refer to rows already in the grid: order is kept.
		if (rows.length) this.#applyNow({ add: rows });
		this.#opened();
	}

	/** The first rows of a big sheet opened are in (or none are coming): the overlay as usual. */
	#opened() {
		if (!this.#opening) return;
		this.#opening = false;
		this.setWaiting(this.#pageWaiting);
	}

	/**
	 * The grid holds a screen of rows, if the sheet has them: a big sheet just opened takes its
	 * first rows over a few tasks, and «Перейти к списку» meanwhile goes to the first row, not
	 * to the «+» line of a grid still empty.
	 */
	fillScreen(): void {
		const held = this.#sheet.rowCount - this.#waitingCount;
		if (this.#waitingCount && held < SCREEN_ROWS) this.#handOver(SCREEN_ROWS - held);
	}

	/**
	 * A transaction handed to the grid now, and the focus kept on its resident in the same task.
	 * AG Grid tells of the moved rows (`onModelUpdated`) from a timer, and on a busy laptop the
	 * operator's next keys came first, into the resident who had taken her row's place (found by
	 * a CI run: after «дозвонились» and Enter the reached resident left the view, and the attempts
	 * typed next went to the resident below).
	 */
	#applyNow(tx: RowDataTransaction<Row>) {
		this.api.applyTransaction(tx);
		this.#followFocus();
	}

	/** A colleague's change, batched: handed over with others in a while (see `#applyNow`). */
	#applyLater(tx: RowDataTransaction<Row>) {
		this.api.applyTransactionAsync(tx);
		this.#batchTimer ??= setTimeout(() => {
			this.#batchTimer = null;
			this.api.flushAsyncTransactions();
			this.#followFocus();
		}, BATCH_MS);
	}

	#clearQueue() {
		this.#cancelDrain?.();
		this.#cancelDrain = null;
		this.#queue = [];
		this.#queueAt = 0;
		this.#decodedTo = 0;
		this.#waitingSet = null;
	}

	/** The queued rows as a set (see `#waitingSet`). */
	#waiting(): Set<string> {
		if (!this.#waitingSet) {
			const set = new Set<string>();
			for (let i = this.#queueAt; i < this.#queue.length; i++) set.add(this.#queue[i]);
			this.#waitingSet = set;
		}
		return this.#waitingSet;
	}

	/** How many queued rows are still to hand over. */
	get #waitingCount(): number {
		return this.#waitingSet ? this.#waitingSet.size : this.#queue.length - this.#queueAt;
	}

	/** The row of the grid's focused cell, as the grid last said (null: none, or off the rows). */
	get focusedRowId(): string | null {
		return this.#focusRowId;
	}

	/** Rows still waiting to be added to the grid (a big add is handed over in slices). */
	get pendingRows(): number {
		let held = 0;
		for (const change of this.#deferred) held += change.added.length;
		return this.#waitingCount + held;
	}

	/** Hands every waiting row and every batched change to the grid now. */
	flush() {
		if (this.#deferred.length) this.#takeDeferred();
		if (this.#waitingCount) this.#handOver(Infinity);
		if (this.#updates.size) {
			this.#cancelUpdates?.();
			this.#flushUpdates();
		}
		this.api.flushAsyncTransactions();
	}

	#columnDefs(): ColDef<Row>[] {
		const rowNumber: ColDef<Row> = {
			colId: ROW_NUMBER_COL,
			headerName: '№',
			width: ROW_NUMBER_WIDTH,
			pinned: 'left',
			editable: false,
			sortable: false,
			resizable: false,
			suppressMovable: true,
			valueGetter: (p) => (p.node?.rowPinned ? '+' : (p.node?.rowIndex ?? 0) + 1),
			// The search looks at the data, not at row numbers (which change with every sort and
			// would be kept stale in the search's cached texts).
			getQuickFilterText: () => '',
			cellClass: 'shtab-row-number'
		};
		const peerRules: Record<string, (p: { data?: Row; colDef: ColDef<Row> }) => boolean> = {};
		// A colleague's row is marked at its number too, which is never scrolled out of sight.
		const peerRowRules: Record<string, (p: { data?: Row }) => boolean> = {
			'shtab-peer-row': (p) => !!p.data && this.#peers.rowSlot(p.data.id) !== undefined
		};
		for (let i = 0; i < PEER_SLOTS; i++) {
			peerRules[`shtab-peer-${i}`] = (p) =>
				!!p.data && this.#peers.slot(p.data.id, p.colDef.colId ?? '') === i;
			peerRowRules[`shtab-peer-row-${i}`] = (p) => !!p.data && this.#peers.rowSlot(p.data.id) === i;
		}
		rowNumber.cellClassRules = peerRowRules;
		rowNumber.tooltipValueGetter = (p) => {
			const names = p.data && !p.node?.rowPinned ? this.#peers.rowNames(p.data.id) : [];
			if (!names.length) return undefined;
			return this.#callbacks.peerRowTitle?.(names) ?? names.join(', ');
		};
		const options = {
			locale: this.#callbacks.locale ?? 'ru',
			people: (colId: string) => this.#people(colId),
			choices: (colId: string) => this.#sheet.column(colId)?.options ?? [],
			toggle: (rowId: string, colId: string, value: 'true' | 'false') => {
				if (rowId === NEW_ROW_ID) this.#writeNewRow(colId, value);
				else this.#write(() => this.#sheet.setCell(rowId, colId, value));
			},
			checkboxLabel: this.#callbacks.checkboxLabel ?? '',
			// The row this operator is on is filtered and searched as it was (`#held`).
			filterData: (data: Row | undefined) => (data && this.#held.get(data.id)) || data,
			watchRows: (listener: () => void) => this.#sheet.observe(() => listener()),
			renames: (colId: string) => this.#sheet.optionRenames(colId)
		};
		type RuleParams = { node: IRowNode<Row> | null; colDef: ColDef<Row> };
		const rangeRule = (p: RuleParams) => this.#inRange(p.node, p.colDef.colId);
		const handleRule = (p: RuleParams) =>
			!!p.node &&
			!p.node.rowPinned &&
			this.#handleAt?.row === p.node.rowIndex &&
			this.#handleAt.col === p.colDef.colId;
		const fillRule = (p: RuleParams) => this.#inFillTarget(p.node, p.colDef.colId);
		const pinFirst = this.#pinsFirst();
		const cols = this.#sheet.columns().map((c, i): ColDef<Row> => {
			// No cellRenderer returning a string: AG Grid inserts such strings as HTML. The
			// default renderer writes text; ours (`cells.ts`) build DOM elements.
			const def = typedColumnDef(c, options);
			return {
				...def,
				// The first column frozen (the operator's choice): always the shared order's first.
				// A column dragged into the frozen part becomes the first (`#onMoved`), and the one
				// frozen before goes back beside it, so the order stays one for all.
				pinned: pinFirst && i === 0 ? 'left' : null,
				headerComponent: SheetHeader,
				headerComponentParams: { sheetColumn: c, callbacks: this.#callbacks },
				cellClassRules: {
					...def.cellClassRules,
					...peerRules,
					'shtab-in-range': rangeRule,
					'shtab-fill-handle': handleRule,
					'shtab-fill-target': fillRule
				}
			};
		});
		return [rowNumber, ...cols];
	}

	/**
	 * An editor opened on a row's cell: the value it opened with (see `#onEdit`). That is the
	 * grid's, which may be a moment behind the model (the attempt her result has just counted).
	 */
	#onEditStarted(e: CellEditingStartedEvent<Row>) {
		const colId = e.column.getColId();
		if (e.rowPinned === 'bottom') this.#lineStart ??= colId;
		const rowId = e.data?.id;
		const column = this.#sheet.column(colId);
		this.#editStart =
			rowId && rowId !== NEW_ROW_ID && !e.rowPinned && column
				? { rowId, colId, value: typedValue(column, String(e.value ?? '')) }
				: null;
	}

	#onEdit(e: CellEditRequestEvent<Row>) {
		const colId = e.colDef.colId;
		if (!colId || !e.data) return;
		const key = untoldKey(e.data.id, colId);
		const untold = this.#untold.get(key);
		this.#untold.delete(key);
		// Written already (`settleUntold`): told late, it would write it again over what came after.
		if (untold?.written) return;
		this.#store(e.data.id, colId, e.newValue);
	}

	/** A value an editor closed with, into the sheet. */
	#store(rowId: string, colId: string, typed: string | null | undefined) {
		const column = this.#sheet.column(colId);
		if (!column) return;
		const value = typedValue(column, typed ?? '');
		if (rowId === NEW_ROW_ID) {
			this.#writeNewRow(colId, value);
			return;
		}
		// The editor closes on the value it opened with: the operator changed nothing, and
		// nothing is written — the cell may have changed under the editor (her call counted in
		// «Попытки» by the result she had just chosen, a colleague's value), and AG Grid,
		// comparing with the cell as it is now, asks to write the old value back. Found by
		// exploration: Tab through «Попытки» after a result emptied it.
		const start = this.#editStart;
		if (start?.rowId === rowId && start.colId === colId) {
			this.#editStart = null;
			if (start.value === value) return;
		}
		const also = this.#callbacks.alsoSet?.(rowId, colId, value) ?? [];
		this.#write(() =>
			also.length
				? this.#sheet.setCells([{ rowId, colId, value }, ...also.map((e) => ({ rowId, ...e }))])
				: this.#sheet.setCell(rowId, colId, value)
		);
		this.#rememberTyped(rowId, colId, value);
	}

	#rememberTyped(rowId: string, colId: string, value: string) {
		const now = Date.now();
		if (this.#typed.size >= MAX_TYPED_KEPT)
			for (const [key, t] of this.#typed)
				if (now - t.at > OVERWRITE_NOTICE_MS) this.#typed.delete(key);
		if (this.#typed.size >= MAX_TYPED_KEPT)
			this.#typed.delete(this.#typed.keys().next().value ?? '');
		this.#typed.set(`${rowId}:${colId}`, { rowId, colId, value, at: now });
	}

	/**
	 * Her line is back: what she typed while it was down (since `since`) counts as typed now for
	 * the notice of a colleague's value over hers (her values reach the colleagues only now;
	 * found by exploration: a result logged offline and replaced by a later call was replaced
	 * unsaid). What she typed before it went down stays as old as it is (found in review).
	 */
	renewTyped(since: number): void {
		const now = Date.now();
		for (const t of this.#typed.values())
			if (t.at >= since || t.unsent) {
				t.at = now;
				t.unsent = false;
			}
	}

	/**
	 * The page opened (or the grid was rebuilt) with changes of hers the server has not confirmed,
	 * written since `since`: the values she typed in them count as typed now, and as typed offline
	 * (`renewTyped` renews them when her line comes back), so a colleague's value over one is told
	 * as over a value typed a moment ago. Kept only in the grid, they were forgotten at a reload:
	 * a result logged offline, the page reloaded offline, and a colleague's later call took its
	 * place without a word (found by exploration). A cell that no longer holds her value is left.
	 */
	rememberUnsent(authorId: string, since: number): void {
		const now = Date.now();
		for (const { rowId, colId, value } of this.#sheet.history.writtenBy(authorId, since)) {
			const key = `${rowId}:${colId}`;
			if (this.#typed.has(key) || this.#sheet.getCell(rowId, colId) !== value) continue;
			if (this.#typed.size >= MAX_TYPED_KEPT) break;
			this.#typed.set(key, { rowId, colId, value, at: now, unsent: true });
		}
	}

	/** Her own change (an undo) over a value she typed: nothing to tell her of it later. */
	#forgetChanged(updated: readonly string[]) {
		for (const [key, t] of this.#typed)
			if (updated.includes(t.rowId) && this.#sheet.getCell(t.rowId, t.colId) !== t.value)
				this.#typed.delete(key);
	}

	/** A colleague's change over a value this operator typed a moment ago: she is told. */
	#noticeOverwrites(updated: readonly string[]) {
		const now = Date.now();
		const rows = updated.length > 50 ? new Set(updated) : null;
		for (const [key, t] of this.#typed) {
			if (now - t.at > OVERWRITE_NOTICE_MS) {
				this.#typed.delete(key);
				continue;
			}
			if (!(rows ? rows.has(t.rowId) : updated.includes(t.rowId))) continue;
			const theirs = this.#sheet.getCell(t.rowId, t.colId);
			if (theirs === t.value) continue;
			this.#typed.delete(key);
			// Whose value it is: the newest change to it by someone else (not the newest change of
			// the cell — hers is newer when an older value won the merge: found by exploration,
			// the notice said «Коллега»).
			const me = this.#sheet.history.author.id;
			const last = this.#sheet.history
				.forCell(t.rowId, t.colId)
				.find((item) => item.author.id !== me && item.value === theirs);
			this.#callbacks.onOverwritten?.({
				rowId: t.rowId,
				colId: t.colId,
				mine: t.value,
				theirs,
				by: last?.author.name ?? ''
			});
		}
	}

	/**
	 * A value typed into the empty last line: the first makes a new row, the next ones (Tab along
	 * the line) go into that row (`#draftRowId`). A call's result typed there logs the call, as
	 * in a row of the list (found by exploration: a new resident typed with «не дозвонились» had
	 * no «Оператор», «Дата звонка» or «Попытки»); what the row got so (`#draftGiven`) the line
	 * may still fill, so her «2» typed into «Попытки» next is this resident's.
	 */
	#writeNewRow(colId: string, value: string) {
		const draft = this.#draftRowId;
		const last = this.#draftEnding;
		// A cell of the new row is filled once from the line: a value for a column it has already
		// is the next resident's (found in review: Tab, then a click back to «ФИО» and the next
		// name overwrote the last one's).
		const filled = draft ? this.#sheet.getCell(draft, colId) : '';
		const given = this.#draftGiven.get(colId);
		if (
			draft &&
			this.#sheet.hasRow(draft) &&
			(filled === '' || filled === value || filled === given)
		) {
			// An empty cell of the line passed with Tab leaves what the row got with it.
			if (value !== '' || given === undefined) this.#writeDraft(draft, colId, value);
		} else if (value) {
			// A call's result typed first logs the call on the row it makes (read as an empty row's).
			const values = newRowValues(
				{ [colId]: value },
				this.#callbacks.newRow?.bind(this.#callbacks),
				this.#callbacks.alsoSet?.bind(this.#callbacks)
			);
			this.#write(() => {
				this.#draftRowId = this.#sheet.addRow(values);
			});
			this.#draftGiven = new Map(Object.entries(values).filter(([id]) => id !== colId));
		}
		if (last) this.#endDraft();
	}

	/** `value` into `colId` of the «+» line's row, with what it also sets (a call's log). */
	#writeDraft(draft: string, colId: string, value: string) {
		this.#draftGiven.delete(colId);
		// A call's result logs the call, as in a row of the list; a cell she typed in the line
		// herself keeps her value, as a pasted row's does.
		const also = this.#callbacks.alsoSet?.(draft, colId, value) ?? [];
		const edits = also.filter((e) => {
			const own = this.#sheet.getCell(draft, e.colId);
			return own === '' || own === this.#draftGiven.get(e.colId);
		});
		this.#write(() =>
			edits.length
				? this.#sheet.setCells([
						{ rowId: draft, colId, value },
						...edits.map((e) => ({ rowId: draft, ...e }))
					])
				: this.#sheet.setCell(draft, colId, value)
		);
		for (const e of edits) this.#draftGiven.set(e.colId, e.value);
	}

	/**
	 * One row pasted into the «+» line's row, as typed there: what the row got with it stays
	 * where the pasted cell is empty, and a result logs the call (`draftPasteEdits`).
	 */
	#pasteIntoDraft(draft: string, cells: string[], colIds: string[]) {
		const { edits, gave } = draftPasteEdits(
			this.#sheet,
			draft,
			cells,
			colIds,
			this.#draftGiven,
			this.#callbacks.alsoSet?.bind(this.#callbacks)
		);
		this.#sheet.setCells(edits);
		for (const e of edits)
			if (gave.has(e.colId)) this.#draftGiven.set(e.colId, e.value);
			else if (e.value !== '') this.#draftGiven.delete(e.colId);
	}

	#endDraft() {
		this.#draftRowId = null;
		this.#draftGiven.clear();
		this.#draftEnding = false;
	}

	/**
	 * The focused row in a filtered view, changed by `updated`: kept as it was for the filters
	 * (`#held`) until the operator leaves it.
	 */
	#hold(updated: readonly string[]) {
		const id = this.#focusRowId;
		if (!id || this.#held.has(id) || !this.api.isAnyFilterPresent()) return;
		if (!updated.includes(id)) return;
		const data = this.api.getRowNode(id)?.data;
		if (data) this.#held.set(id, data);
	}

	/** The held rows but `keep` are filtered as they are now (those that no longer fit go). */
	#release(keep: string | null) {
		const ids = [...this.#held.keys()].filter((id) => id !== keep);
		if (!ids.length) return;
		for (const id of ids) this.#held.delete(id);
		const rows = ids
			.filter((id) => this.#sheet.hasRow(id) && this.api.getRowNode(id))
			.map((id) => this.#sheet.getRow(id));
		if (rows.length) this.#applyNow({ update: rows });
	}

	/**
	 * A colleague deleted rows: when one of them has this operator's open editor, what she typed
	 * is kept in that (deleted) row and she is told; the focus is let go. AG Grid moved the focus
	 * to the row that took its place, and her next keys overwrote another resident's cell (found
	 * by exploration).
	 */
	#onEditedRowRemoved(removed: readonly string[]) {
		const editing = this.api.getEditingCells()[0];
		if (!editing || editing.rowPinned || editing.rowIndex == null) return;
		const rowId = this.api.getDisplayedRowAtIndex(editing.rowIndex)?.data?.id;
		const colId = editing.column?.getColId();
		if (!rowId || !colId || !removed.includes(rowId)) return;
		const column = this.#sheet.column(colId);
		const editor = this.api.getCellEditorInstances()[0] as { getValue?(): unknown } | undefined;
		const typed = editor?.getValue?.();
		this.api.stopEditing(true);
		this.api.clearFocusedCell();
		this.#focusRowId = null;
		if (
			document.activeElement instanceof HTMLElement &&
			this.#element.contains(document.activeElement)
		)
			document.activeElement.blur();
		let kept = false;
		const text = typeof typed === 'string' ? typed : '';
		// Only a deleted row (a tombstone) can be restored with the text: a row a colleague's undo
		// took away is not in «Удалённые строки» (found in review), so the text is shown instead.
		const restorable = this.#sheet.deletedRows().some((d) => d.id === rowId);
		if (column && text && restorable) {
			const value = typedValue(column, text);
			if (value !== this.#sheet.getCell(rowId, colId)) {
				kept = true;
				// After the colleague's transaction, of which this is an observer.
				queueMicrotask(() => this.#write(() => this.#sheet.setCell(rowId, colId, value)));
			}
		}
		this.#callbacks.onEditedRowDeleted?.({ kept, typed: text });
	}

	/**
	 * A colleague deleted the column whose cell this operator is editing: what she typed is kept
	 * in that (deleted) column and she is told. Before, the editor went with the column, and
	 * what she had typed with it, without a word (found by exploration).
	 */
	#onEditedColumnRemoved() {
		const editing = this.api.getEditingCells()[0];
		const gridColumn = editing?.column;
		const colId = gridColumn?.getColId();
		if (!editing || editing.rowIndex == null || !gridColumn || !colId) return;
		if (this.#sheet.column(colId)) return;
		// The column as it was when the grid was given it: the model no longer lists it.
		const params = gridColumn.getColDef().headerComponentParams as
			{ sheetColumn?: Column } | undefined;
		const column = params?.sheetColumn;
		if (!column) return;
		const rowId = editing.rowPinned
			? null
			: this.api.getDisplayedRowAtIndex(editing.rowIndex)?.data?.id;
		const editor = this.api.getCellEditorInstances()[0] as { getValue?(): unknown } | undefined;
		const typed = editor?.getValue?.();
		this.api.stopEditing(true);
		const text = typeof typed === 'string' ? typed : '';
		let kept = false;
		// Only a deleted column can be restored with the text: one a colleague's undo took away
		// is not under «Вернуть столбец», so the text is shown instead.
		const restorable = this.#sheet.deletedColumns().some((d) => d.id === colId);
		if (rowId && rowId !== NEW_ROW_ID && text && restorable && this.#sheet.hasRow(rowId)) {
			const value = typedValue(column, text);
			if (value !== this.#sheet.getCell(rowId, colId)) {
				kept = true;
				// After the colleague's transaction, of which this is an observer.
				queueMicrotask(() => this.#write(() => this.#sheet.setCell(rowId, colId, value)));
			}
		}
		this.#callbacks.onEditedColumnDeleted?.({ kept, typed: text, title: column.title });
	}

	#write(fn: () => void) {
		try {
			fn();
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

	/** Focus a cell and open its editor (e.g. right after "add row"). */
	editCell(rowId: string, colId: string) {
		this.flush();
		const node = this.api.getRowNode(rowId);
		if (node?.rowIndex == null) return;
		this.api.ensureIndexVisible(node.rowIndex);
		this.api.setFocusedCell(node.rowIndex, colId);
		this.api.startEditingCell({ rowIndex: node.rowIndex, colKey: colId });
	}

	// ------------------------------------------------------------ the operator's own view

	#storage(): Storage | undefined {
		return typeof localStorage === 'undefined' ? undefined : localStorage;
	}

	get view(): SheetView {
		return this.#view;
	}

	#applyView() {
		const view = this.#view;
		if (view.columns.length) {
			this.api.applyColumnState({
				state: view.columns.map((c) => ({
					colId: c.colId,
					...(c.width ? { width: c.width } : {}),
					hide: !!c.hide,
					sort: c.sort ?? null,
					sortIndex: c.sortIndex ?? null
				}))
			});
		}
		if (Object.keys(view.filter).length) this.api.setFilterModel(view.filter);
	}

	#saveView() {
		const known = new Set(this.#sheet.columns().map((c) => c.id));
		const state = this.api.getColumnState().filter((s) => known.has(s.colId));
		this.#view = {
			...this.#view,
			columns: state.map((s) => ({
				colId: s.colId,
				...(s.width ? { width: s.width } : {}),
				...(s.hide ? { hide: true } : {}),
				...(s.sort ? { sort: s.sort, sortIndex: s.sortIndex ?? null } : {})
			})),
			filter: (this.api.getFilterModel() ?? {}) as Record<string, unknown>
		};
		this.#callbacks.onViewChanged?.(this.#view);
		this.#writeViewSoon();
	}

	/**
	 * The view goes to this browser's store once she has stopped changing it for `VIEW_WRITE_MS`
	 * (written at each change, a search wrote it twice a key: 3% of a key's time on a 19,159-row
	 * call list, `bench/calllist.bench.ts`), and at once when the page is hidden or left, or the
	 * grid goes: a reload opens with it.
	 */
	#writeViewSoon() {
		if (this.#viewTimer) clearTimeout(this.#viewTimer);
		this.#viewTimer = setTimeout(() => this.#writeView(), VIEW_WRITE_MS);
	}

	#writeView() {
		if (!this.#viewTimer) return;
		clearTimeout(this.#viewTimer);
		this.#viewTimer = null;
		saveView(this.#storage(), this.#callbacks.viewKey ?? '', this.#view);
	}

	/** Quick search over every column of the sheet (as shown and as stored). */
	setQuickFilter(text: string) {
		this.api.setGridOption('quickFilterText', text);
		this.#view = { ...this.#view, quickFilter: text };
		this.#saveView();
	}

	/**
	 * The grid got lower (a toast under it, the window made lower): the rows area's bottom came up
	 * over its last rows shown. The focused row stays in sight if it was, and a grid scrolled to its
	 * end stays there (found by exploration: a toast hid the operator's row at the bottom).
	 */
	#keepBottomShown(height: number) {
		const lower = this.#height - height;
		this.#height = height;
		const area = lower > 0 ? this.#rowsArea() : null;
		if (!area) return;
		const { scroller } = area;
		if (
			scroller.scrollTop > 0 &&
			scroller.scrollTop + scroller.clientHeight + lower >= scroller.scrollHeight - 1
		) {
			scroller.scrollTop = scroller.scrollHeight;
			return;
		}
		const focused = this.api.getFocusedCell();
		if (!focused || focused.rowPinned) return;
		const row = this.#element
			.querySelector(`.ag-row[row-index="${focused.rowIndex}"]`)
			?.getBoundingClientRect();
		// Above the horizontal scrollbar, drawn over the rows' foot (found by exploration: two
		// notices at once left a third of her row under it).
		const bar = this.#element.querySelector('.ag-body-horizontal-scroll')?.getBoundingClientRect();
		const bottom = bar && bar.height > 0 && bar.top < area.bottom ? bar.top : area.bottom;
		if (row && row.bottom > bottom + 1 && row.bottom <= bottom + lower + 1) {
			scroller.scrollTop += row.bottom - bottom;
		}
	}

	/**
	 * Whether the first column is frozen now: her choice, on a grid wide enough for it (on a
	 * phone, a frozen name would leave a third of the screen for the rest).
	 */
	#pinsFirst(): boolean {
		return this.#view.pinFirst && this.#element.clientWidth >= PIN_MIN_WIDTH;
	}

	/** The frozen column as the order and the width say (a drag or a resize changes it). */
	#repin() {
		const first = this.#sheet.columns()[0]?.id;
		const want = this.#pinsFirst();
		const wrong = this.api
			.getColumnState()
			.some((s) => this.#sheet.column(s.colId) && !!s.pinned !== (want && s.colId === first));
		if (!wrong) return;
		// Not under the operator's typing (new definitions would end her edit): when it ends.
		if (this.api.getEditingCells().length > 0) {
			this.api.addEventListener('cellEditingStopped', this.#repinAfterEdit);
			return;
		}
		this.#resetColumns();
	}

	/** The columns defined anew; the definitions bring back the model's widths: hers again. */
	#resetColumns() {
		this.api.setGridOption('columnDefs', this.#columnDefs());
		this.#applyView();
	}

	readonly #repinAfterEdit = () => {
		this.api.removeEventListener('cellEditingStopped', this.#repinAfterEdit);
		setTimeout(() => {
			if (!this.api.isDestroyed()) this.#repin();
		});
	};

	/** Freeze the first column (or not): this operator's choice, kept in her view. */
	setPinFirst(pin: boolean) {
		this.#view = { ...this.#view, pinFirst: pin };
		this.#resetColumns();
		this.#saveView();
	}

	setShowFilters(show: boolean) {
		this.#view = { ...this.#view, showFilters: show };
		this.api.setGridOption('defaultColDef', {
			...this.api.getGridOption('defaultColDef'),
			floatingFilter: show
		});
		this.#saveView();
	}

	setColumnHidden(colId: string, hidden: boolean) {
		this.api.setColumnsVisible([colId], !hidden);
	}

	hiddenColumns(): string[] {
		return this.#view.columns.filter((c) => c.hide).map((c) => c.colId);
	}

	clearSortAndFilters() {
		this.api.setFilterModel(null);
		this.api.applyColumnState({ defaultState: { sort: null } });
		this.setQuickFilter('');
	}

	// ------------------------------------------------------------ presence

	/** Outlines the cell of each colleague (not this operator) in their colour with their name. */
	setPeers(peers: (Peer & { self?: boolean })[]) {
		this.#peerNames = peers.map((p) => p.name);
		const touched = this.#peers.update(peers.filter((p) => !p.self));
		const rowNodes = [...touched]
			.map((id) => this.api.getRowNode(id))
			.filter((n): n is NonNullable<typeof n> => !!n);
		if (rowNodes.length) this.api.refreshCells({ rowNodes, force: true });
	}

	/** People offered in a person column: those here now and those already in the column. */
	#people(colId: string): string[] {
		const names = new Set(this.#peerNames);
		const ids = this.#sheet.rowIds();
		for (let i = 0; i < ids.length && names.size < 500; i++) {
			const v = this.#sheet.getCell(ids[i], colId);
			if (v) names.add(v);
		}
		return [...names].sort((a, b) => a.localeCompare(b, 'ru'));
	}

	// ------------------------------------------------------------ keyboard and clipboard

	#listen() {
		const on = <K extends keyof DocumentEventMap>(
			target: Window | Document | HTMLElement,
			type: K,
			fn: (e: DocumentEventMap[K]) => void,
			capture = false
		) => {
			target.addEventListener(type, fn as EventListener, capture);
			this.#cleanup.push(() => target.removeEventListener(type, fn as EventListener, capture));
		};
		on(document, 'paste', (e) => this.#onPaste(e));
		// The view waiting to be written goes now: the page may not come back.
		on(document, 'visibilitychange', () => {
			if (document.visibilityState === 'hidden') this.#writeView();
		});
		const leaving = () => this.#writeView();
		window.addEventListener('pagehide', leaving);
		this.#cleanup.push(() => window.removeEventListener('pagehide', leaving));
		on(document, 'copy', (e) => this.#onCopy(e));
		on(document, 'cut', (e) => this.#onCut(e));
		// Capture: a block's keys and Shift+click are ours before AG Grid moves the focus.
		on(this.#element, 'keydown', (e) => this.#onKeyDown(e), true);
		// And the value an editor closes with, before AG Grid closes it (`#noteClosing`).
		on(
			this.#element,
			'keydown',
			(e) => {
				if (e.isComposing) return;
				if (e.key === 'Enter' || e.key === 'Tab') this.noteClosing();
				else if (e.key === 'Escape') this.#forgetClosing();
			},
			true
		);
		on(
			this.#element,
			'focusout',
			(e) => {
				// Out of the editor: to the page, or to another cell (a click on another resident's
				// cell closes the editor too, and AG Grid tells of its value as late; found in
				// review: «Добавить строку» right after such a click dropped the resident just
				// typed, and Ctrl+Z undid the step before). Its own calendar button is the editor.
				const to = e.relatedTarget;
				if (to instanceof Element && to.closest('.ag-cell-inline-editing, .ag-popup-editor'))
					return;
				this.noteClosing();
			},
			true
		);
		// The keyboard leaves the grid (a click on the page, another window): the «+» line's new
		// row ends there.
		// (Looked at after the move: an editor that closes drops the focus for a moment.)
		on(this.#element, 'focusout', () => {
			setTimeout(() => {
				if (this.#element.contains(document.activeElement)) return;
				this.#lineStart = null;
				this.#endDraftSoon();
			});
		});
		// AG Grid focuses a cell on `pointerdown` (or `mousedown` where there are no pointer
		// events); the browser on `mousedown`. A Shift+click stops both from moving the focus,
		// and its `click` from reaching the cell: on a checkbox cell's box it would tick it.
		on(this.#element, 'pointerdown', (e) => this.#onPointerDown(e), true);
		const shiftClick = (e: MouseEvent) => {
			if (e.shiftKey && this.#cellAt(e.target)) {
				e.preventDefault();
				e.stopPropagation();
			}
		};
		on(this.#element, 'mousedown', shiftClick, true);
		on(this.#element, 'click', shiftClick, true);
		on(this.#element, 'mouseover', (e) => this.#onMouseOver(e));
		// Pointer events, not mouse events: a press on the fill handle cancels its `pointerdown`,
		// and the browser then sends no `mousemove` or `mouseup` until the button is let go.
		on(document, 'pointermove', (e) => this.#onDragMove(e));
		on(document, 'pointerup', () => this.#endDrag());
		on(document, 'pointercancel', () => {
			this.#cancelFill();
			this.#endDrag();
		});
		// Another window took the focus: the button may be let go there, unseen. A fill is called
		// off (not written where it happened to be) and the scrolling stops.
		on(window, 'blur', () => {
			this.#cancelFill();
			this.#endDrag();
		});
		// Esc while the handle is dragged calls the fill off, wherever the keyboard focus is (a
		// press on the handle does not move it). The block stays.
		on(
			document,
			'keydown',
			(e) => {
				if (e.key !== 'Escape' || !this.#fill) return;
				e.preventDefault();
				e.stopPropagation();
				this.#cancelFill();
			},
			true
		);
	}

	/** The event is for the grid: its focus is in the grid and no editor is open. */
	#ours(e: Event): boolean {
		const active = document.activeElement;
		const inside =
			(e.target instanceof Node && this.#element.contains(e.target)) ||
			(active !== null && this.#element.contains(active));
		return inside && this.api.getEditingCells().length === 0;
	}

	/** The data columns this operator shows (hidden ones left out), in display order. */
	displayedColumnIds(): string[] {
		return this.api
			.getAllDisplayedColumns()
			.map((c) => c.getColId())
			.filter((id) => !!this.#sheet.column(id));
	}

	/** `rowIds` split into those shown now and those the search or the filters hide. */
	splitShown(rowIds: string[]): { shown: string[]; hidden: string[] } {
		this.flush();
		const displayed = new Set<string>();
		this.api.forEachNodeAfterFilter((n) => {
			if (n.data) displayed.add(n.data.id);
		});
		const shown: string[] = [];
		const hidden: string[] = [];
		for (const id of rowIds) (displayed.has(id) ? shown : hidden).push(id);
		return { shown, hidden };
	}

	/**
	 * Tick these rows, and only these (the residents of the list an import's file did not have),
	 * and bring the first of them shown into view. Rows not yet in the grid are flushed in first.
	 */
	selectRows(rowIds: string[]) {
		this.flush();
		const nodes = rowIds.flatMap((id) => this.api.getRowNode(id) ?? []);
		this.api.deselectAll();
		if (nodes.length) this.api.setNodesSelected({ nodes, newValue: true });
		this.#revealRows(rowIds);
	}

	/**
	 * Ids of the rows of this operator's view (filtered, sorted), every queued row included. A
	 * sort still computed in the worker is finished here, on the page.
	 */
	displayedRowIds(): string[] {
		this.flush();
		this.#sorter.settle();
		const ids: string[] = [];
		this.api.forEachNodeAfterFilterAndSort((n) => {
			if (n.data) ids.push(n.data.id);
		});
		return ids;
	}

	#onPaste(e: ClipboardEvent) {
		// Into an open editor or a filter of this grid: the field takes the text, cleaned.
		if (e.target instanceof Node && this.#element.contains(e.target) && pasteIntoField(e)) return;
		if (!this.#ours(e)) return;
		const text = e.clipboardData?.getData('text/plain') ?? '';
		if (!text) return;
		e.preventDefault();
		this.paste(text);
	}

	/**
	 * Pastes TSV at the focused cell (or the first cell), adding rows as needed: one undo step.
	 * Into a selected block it goes from the block's top-left cell, and one value (or a block
	 * the selection holds a whole number of times) fills the whole selection, as in Excel.
	 */
	paste(text: string) {
		let block = parseTsv(text);
		if (!block.length) return;
		this.settleUntold();
		const columns = this.displayedColumnIds();
		const rowIds = this.displayedRowIds();
		// The rows just handed to the grid may have moved the block's rows.
		this.#showRange();
		const box = this.#rangeBox;
		let from: number;
		let startRow: number;
		if (box) {
			const filled = fillBlock(block, box);
			if (filled !== block && boxCells(box) > MAX_RANGE_WRITE) {
				this.#callbacks.onRangeTooBig?.(boxCells(box), MAX_RANGE_WRITE);
				return;
			}
			block = filled;
			from = box.left;
			startRow = box.top;
		} else {
			const focused = this.api.getFocusedCell();
			const focusedCol = focused?.column.getColId();
			from = Math.max(0, focusedCol ? columns.indexOf(focusedCol) : 0);
			startRow =
				focused && !focused.rowPinned
					? Math.max(0, Math.min(focused.rowIndex, rowIds.length))
					: rowIds.length;
		}
		const before = this.#sheet.rowCount;
		this.#callbacks.stopCapturing?.();
		// One row pasted into the «+» line while a new row is being typed there: into that row.
		if (this.#draftEnding) this.#endDraft();
		const draft = this.#draftRowId;
		// An Enter whose close is not told yet has ended the row: the paste is the next resident,
		// and the row stays for the values still to be told.
		const ending = this.#draftEndsPending > 0;
		const intoDraft =
			!ending &&
			!box &&
			block.length === 1 &&
			!!draft &&
			this.#sheet.hasRow(draft) &&
			!!this.api.getFocusedCell()?.rowPinned;
		// The rows the paste writes, as the sheet tells them (its changes come synchronously).
		const written: string[] = [];
		const unobserve = this.#sheet.observe((change) => {
			for (const id of change.updated) written.push(id);
			for (const id of change.added) written.push(id);
		});
		const kept = new Set(this.#callbacks.keptOnPaste?.() ?? []);
		this.#write(() =>
			intoDraft && draft
				? this.#pasteIntoDraft(draft, block[0], columns.slice(from))
				: pasteBlock(this.#sheet, {
						block,
						rowIds,
						startRow,
						colIds: columns.slice(from),
						// A call's result pasted logs the call, as one typed does.
						also: this.#callbacks.alsoSet?.bind(this.#callbacks),
						// A new request pasted gets its status and date, as one typed does.
						newRow: this.#callbacks.newRow?.bind(this.#callbacks),
						// A call's log (a request's status) is not blanked by the empty cells pasted over it.
						keep: kept.size ? (colId) => kept.has(colId) : undefined
					})
		);
		unobserve();
		if (!intoDraft && !ending) this.#endDraft();
		this.#callbacks.stopCapturing?.();
		// Rows her filters hide (new rows without the filtered value, rows whose value changed)
		// go out of sight at once: found by exploration, a coordinator saw her pasted volunteers
		// vanish and would have pasted them again. Counted only under a filter or a search.
		const hidden = this.api.isAnyFilterPresent() ? this.splitShown(written).hidden.length : 0;
		this.#callbacks.onPasted?.({
			rows: block.length,
			added: this.#sheet.rowCount - before,
			hidden,
			leftOut: leftOutColumns(block, columns.length - from)
		});
	}

	#onCopy(e: ClipboardEvent) {
		if (!this.#ours(e) || !e.clipboardData) return;
		const text = this.copyText();
		if (text === null) return;
		e.preventDefault();
		e.clipboardData.setData('text/plain', text);
	}

	/** Ctrl+X: copies what Ctrl+C would, then empties exactly those cells (one undo step). */
	#onCut(e: ClipboardEvent) {
		if (!this.#ours(e) || !e.clipboardData) return;
		const cells = this.#copiedCells();
		if (!cells) return;
		const count = cells.rowIds.length * cells.colIds.length;
		if (count > MAX_RANGE_WRITE) {
			// Neither copied nor emptied: the clipboard keeps what it had.
			this.#callbacks.onRangeTooBig?.(count, MAX_RANGE_WRITE);
			return;
		}
		e.preventDefault();
		e.clipboardData.setData('text/plain', this.#tsv(cells));
		this.#clear(cells.rowIds, cells.colIds);
	}

	/**
	 * As TSV, values as shown (`+7 (812) 123-45-67`, `05.03.1945`): the selected block of cells;
	 * else the selected rows shown (every visible column); else the focused cell.
	 */
	copyText(): string | null {
		const cells = this.#copiedCells();
		return cells ? this.#tsv(cells) : null;
	}

	#tsv(cells: { rowIds: string[]; colIds: string[] }): string {
		const locale = this.#callbacks.locale ?? 'ru';
		return toTsv(shownCells(this.#sheet, cells.rowIds, cells.colIds, locale));
	}

	/** The cells a copy takes (see `copyText`), or null when there are none. */
	#copiedCells(): { rowIds: string[]; colIds: string[] } | null {
		this.settleUntold();
		this.flush();
		this.#showRange();
		const box = this.#rangeBox;
		if (box) return { rowIds: this.#boxRowIds(box), colIds: this.#rangeColumns };
		// The selected rows shown (a row selected, then hidden by a filter, is neither copied nor
		// emptied by a cut), in the order shown.
		const selected = this.api.getSelectedNodes().filter((n) => n.rowIndex != null && n.data);
		if (selected.length) {
			const ordered = selected.sort((a, b) => (a.rowIndex ?? 0) - (b.rowIndex ?? 0));
			return { rowIds: ordered.map((n) => n.data!.id), colIds: this.displayedColumnIds() };
		}
		const focused = this.api.getFocusedCell();
		if (focused?.rowPinned) return null;
		const node = focused ? this.api.getDisplayedRowAtIndex(focused.rowIndex) : null;
		const colId = focused?.column.getColId();
		if (!node?.data || !colId || !this.#sheet.column(colId)) return null;
		return { rowIds: [node.data.id], colIds: [colId] };
	}

	// ------------------------------------------------------------ a block of cells (range.ts)

	/** The data cell of a row shown under `target` (not the new-row line, not №). */
	/**
	 * The data cell of a row shown under `target`. For a drag (`nearest`), the row's number or
	 * checkbox (left of the data) counts as its first data column, as a drag over a spreadsheet's
	 * row headers selects up to its first column.
	 */
	#cellAt(target: EventTarget | null, nearest = false): CellPos | null {
		if (!(target instanceof Element)) return null;
		const cell = target.closest('.ag-cell');
		const row = cell?.closest('.ag-row');
		if (!cell || !row || !this.#element.contains(cell)) return null;
		// A pinned row's index is `b-0` (the new-row line) or `t-0`: only digits are a row shown.
		const index = row.getAttribute('row-index') ?? '';
		if (!/^\d+$/.test(index)) return null;
		let col = cell.getAttribute('col-id');
		if (!col || !this.#sheet.column(col)) col = nearest ? this.displayedColumnIds()[0] : null;
		return col ? { row: Number(index), col } : null;
	}

	/** The focused cell, when it is a data cell of a row shown. */
	#focusedPos(): CellPos | null {
		const focused = this.api.getFocusedCell();
		if (!focused || focused.rowPinned) return null;
		const col = focused.column.getColId();
		return this.#sheet.column(col) ? { row: focused.rowIndex, col } : null;
	}

	/** The cell at a place in the view, as a corner of a block (its row by id). */
	#corner(pos: CellPos): Corner | null {
		const rowId = this.api.getDisplayedRowAtIndex(pos.row)?.data?.id;
		return rowId ? { rowId, col: pos.col } : null;
	}

	/** Where a corner's row is shown now; null when it is gone (deleted, filtered out). */
	#place(corner: Corner): CellPos | null {
		const node = this.api.getRowNode(corner.rowId);
		if (!node || node.rowPinned || node.rowIndex == null) return null;
		return { row: node.rowIndex, col: corner.col };
	}

	/** Rows one PageUp/PageDown moves the block's corner by: about a screenful. */
	#pageRows(): number {
		const area = this.#rowsArea();
		const rowHeight = this.api.getSizesForCurrentTheme().rowHeight || 32;
		return Math.max(1, Math.floor((area ? area.bottom - area.top : 0) / rowHeight) - 1);
	}

	/**
	 * Where the scrolling rows are drawn (client coordinates) and the element that scrolls them.
	 * AG Grid 36 scrolls one viewport that also holds the header (at its top) and the new-row
	 * line (pinned at its bottom): the rows are between them.
	 */
	#rowsArea(): {
		scroller: Element;
		top: number;
		bottom: number;
		left: number;
		right: number;
	} | null {
		const scroller = this.#element.querySelector('.ag-grid-viewport');
		if (!scroller) return null;
		const rect = scroller.getBoundingClientRect();
		const header = this.#element.querySelector('.ag-header')?.getBoundingClientRect();
		const pinned = this.#element
			.querySelector('.ag-grid-pinned-bottom-rows')
			?.getBoundingClientRect();
		const top =
			header && header.bottom > rect.top ? Math.min(header.bottom, rect.bottom) : rect.top;
		const bottom = pinned && pinned.height > 0 ? Math.max(top, pinned.top) : rect.bottom;
		return { scroller, top, bottom, left: rect.left, right: rect.right };
	}

	#inRange(node: IRowNode<Row> | null, colId: string | undefined): boolean {
		const box = this.#rangeBox;
		if (!box || !node || node.rowPinned || node.rowIndex == null || !colId) return false;
		return (
			node.rowIndex >= box.top && node.rowIndex <= box.bottom && this.#rangeColumns.includes(colId)
		);
	}

	/** The ids of the rows of `box`, top to bottom. */
	#boxRowIds(box: Box): string[] {
		const ids: string[] = [];
		for (let i = box.top; i <= box.bottom; i++) {
			const id = this.api.getDisplayedRowAtIndex(i)?.data?.id;
			if (id) ids.push(id);
		}
		return ids;
	}

	#setRange(anchor: Corner, end: Corner) {
		const from = this.#place(anchor);
		const to = this.#place(end);
		this.#range = { anchor, end, rows: from && to ? Math.abs(from.row - to.row) + 1 : 0 };
		this.#showRange();
	}

	/** Drops the selected block (the focused cell stays). */
	clearRange() {
		if (!this.#range) return;
		this.#range = null;
		this.#showRange();
	}

	/** The selected block's size, or null when one cell or none is selected. */
	get rangeSize(): { rows: number; columns: number } | null {
		const box = this.#rangeBox;
		return box ? { rows: boxRows(box), columns: boxColumns(box) } : null;
	}

	/**
	 * Works out where the block is shown now (its rows may have moved), redraws the rows it
	 * leaves or enters, tells the page. `moved`: rows may have changed places, so every row
	 * drawn is redrawn.
	 */
	#showRange(moved = false) {
		this.#placeRange(moved);
		this.#refreshHandle();
	}

	/** `#showRange` but for the fill handle. */
	#placeRange(moved: boolean) {
		const before = this.#rangeBox;
		const range = this.#range;
		if (!before && !range) return;
		let anchor = range && this.#place(range.anchor);
		const end = range && this.#place(range.end);
		// The block follows its rows when they move together (a colleague's row deleted or added
		// above it). When its own rows change (one of them deleted, one moved in or out of it by
		// a sort) it is dropped, not stretched over rows this operator did not select.
		if (range && (!anchor || !end || Math.abs(anchor.row - end.row) + 1 !== range.rows)) {
			this.#range = null;
			anchor = null;
		}
		const columns = this.displayedColumnIds();
		let box = anchor && end ? boxOf(anchor, end, columns) : null;
		if (box && boxCells(box) < 2) box = null;
		this.#rangeBox = box;
		this.#rangeColumns = box ? columns.slice(box.left, box.right + 1) : [];
		const changed = !sameBox(before, box);
		if (!changed && !(moved && box)) return;
		const touches = (b: Box | null, i: number) => !!b && i >= b.top && i <= b.bottom;
		this.#redrawRows((i) => moved || touches(before, i) || touches(box, i));
		if (changed) this.#callbacks.onRangeChanged?.(this.rangeSize);
	}

	/**
	 * The rows changed (a colleague's added or deleted, an edit that moves a row in a sorted
	 * view): the block stays on its rows (see `#showRange`).
	 */
	#followRows() {
		if (this.#range) this.#showRange(true);
	}

	/**
	 * A colleague's rows came or went above the focused cell (or moved it, in a sorted view): the
	 * focus stays on its resident, and on the block's anchor when there is a block. AG Grid keeps
	 * the focus at its place on screen, so the next keystrokes went into another resident's row.
	 * A sort or filter this operator chose moves nothing: the focus stays where it was shown.
	 */
	#followFocus(modelUpdated = false) {
		const key = this.#orderKey();
		const reordered = this.#ownReorder || key !== this.#lastOrderKey;
		// Only AG Grid's own news of the rows takes a new order as seen: called before it (`#applyNow`,
		// `#applyLater`), a sort or filter of hers not told yet would count as seen, and the news of
		// it then followed the resident (found in review).
		if (modelUpdated) this.#lastOrderKey = key;
		if (reordered) return;
		const focused = this.api.getFocusedCell();
		if (!focused || focused.rowPinned || focused.rowIndex == null) return;
		// The grid has moved the focus (her ↓ presses) and not yet said so (its focus events
		// come later): the row she is on is not known yet, and nothing is followed. Found by
		// exploration: with a colleague's edits arriving, quick ↓ presses were sent back to a
		// row several presses behind, and a call's result went into another resident's row.
		if (focused.rowIndex !== this.#focusIndex) return;
		const anchor = this.#range?.anchor;
		const rowId = anchor ? anchor.rowId : this.#focusRowId;
		if (!rowId || (anchor && anchor.col !== focused.column.getColId())) return;
		const active = document.activeElement;
		if (!active || !this.#element.contains(active)) return;
		const editing = this.api.getEditingCells()[0];
		if (editing) {
			// The editor moved with its row, but the keyboard stayed with the cell where the row was:
			// the rest of what the operator typed was lost. It goes back to the editor.
			const editor = this.#element.querySelector<HTMLElement>(
				'.ag-cell-inline-editing :is(input, textarea)'
			);
			if (editor && active !== editor) editor.focus();
			return;
		}
		const now = this.api.getRowNode(rowId)?.rowIndex;
		if (now == null) {
			// Deleted, or hidden by this operator's search or filter: the focus stays on the row
			// that took its place, and follows that one from now on (found by review: it followed
			// nothing any more, and the next rows moved under it).
			if (!anchor)
				this.#focusRowId = this.api.getDisplayedRowAtIndex(focused.rowIndex)?.data?.id ?? null;
			return;
		}
		if (now === focused.rowIndex) return;
		// Moved far (a colleague's edit of the sorted column): following it would throw the
		// operator's screen thousands of rows away, and staying would put the next keystrokes
		// into another resident's row. The focus is let go instead.
		const first = this.api.getFirstDisplayedRowIndex();
		const last = this.api.getLastDisplayedRowIndex();
		if (now < first - FOLLOW_MARGIN_ROWS || now > last + FOLLOW_MARGIN_ROWS) {
			this.api.clearFocusedCell();
			this.#focusRowId = null;
			// The cell element may keep the browser's focus, and a key would start editing it.
			if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
			return;
		}
		this.api.setFocusedCell(now, focused.column);
	}

	/** What orders and filters the rows this operator sees. */
	#orderKey(): string {
		const sort = this.api
			.getColumnState()
			.filter((c) => c.sort)
			.map((c) => `${c.colId}:${c.sort}:${c.sortIndex ?? ''}`)
			.join(',');
		return `${sort}|${JSON.stringify(this.api.getFilterModel())}|${this.api.getGridOption('quickFilterText') ?? ''}`;
	}

	/**
	 * Ctrl+D, as in a spreadsheet: the block's top row goes into its other rows; a block one row
	 * high, or the focused cell alone, takes the row above it. One undo step.
	 */
	fillDown() {
		this.settleUntold();
		this.flush();
		this.#showRange();
		let box = this.#rangeBox;
		let colIds = this.#rangeColumns;
		if (!box) {
			const focused = this.#focusedPos();
			if (!focused) return;
			box = { top: focused.row, bottom: focused.row, left: 0, right: 0 };
			colIds = [focused.col];
		}
		if (box.top === box.bottom) {
			if (box.top === 0) return;
			box = { ...box, top: box.top - 1 };
		}
		const rowIds = this.#boxRowIds(box);
		const cells = (rowIds.length - 1) * colIds.length;
		if (cells > MAX_RANGE_WRITE) {
			this.#callbacks.onRangeTooBig?.(cells, MAX_RANGE_WRITE);
			return;
		}
		let changed = 0;
		this.#callbacks.stopCapturing?.();
		this.#write(
			() =>
				(changed = fillDown(
					this.#sheet,
					rowIds,
					colIds,
					this.#callbacks.alsoSet?.bind(this.#callbacks)
				))
		);
		this.#callbacks.stopCapturing?.();
		this.#callbacks.onFilled?.(changed);
	}

	/** Empties every cell of the selected block, as one undo step. */
	clearRangeCells() {
		this.settleUntold();
		this.#showRange();
		const box = this.#rangeBox;
		if (!box) return;
		const cells = boxCells(box);
		if (cells > MAX_RANGE_WRITE) {
			this.#callbacks.onRangeTooBig?.(cells, MAX_RANGE_WRITE);
			return;
		}
		this.#clear(this.#boxRowIds(box), this.#rangeColumns);
	}

	/** Empties these cells as one undo step of their own and says how many had a value. */
	#clear(rowIds: string[], colIds: string[]) {
		let cleared = 0;
		this.#callbacks.stopCapturing?.();
		this.#write(() => (cleared = clearCells(this.#sheet, rowIds, colIds)));
		this.#callbacks.stopCapturing?.();
		this.#callbacks.onCleared?.(cleared);
	}

	/**
	 * Ticks every checkbox cell of the block shown (or the focused cell), or unticks them all
	 * when all are ticked: one undo step. False when there is no checkbox cell there.
	 */
	#toggleCheckboxes(): boolean {
		const isCheckbox = (col: string) => this.#sheet.column(col)?.type === 'checkbox';
		this.#showRange();
		const box = this.#rangeBox;
		let rowIds: string[];
		let cols: string[];
		if (box && boxCells(box) > 1) {
			cols = this.#rangeColumns.filter(isCheckbox);
			if (cols.length === 0) return false;
			if (boxCells(box) > MAX_RANGE_WRITE) {
				this.#callbacks.onRangeTooBig?.(boxCells(box), MAX_RANGE_WRITE);
				return true;
			}
			rowIds = this.#boxRowIds(box);
		} else {
			const focused = this.api.getFocusedCell();
			const col = focused?.column.getColId();
			if (!focused || !col || !isCheckbox(col)) return false;
			if (focused.rowPinned) {
				// The «+» line: the new row, ticked (the one being typed in, if any).
				this.#writeNewRow(col, 'true');
				return true;
			}
			const rowId = this.api.getDisplayedRowAtIndex(focused.rowIndex)?.data?.id;
			if (!rowId) return false;
			rowIds = [rowId];
			cols = [col];
		}
		// A cell holding something else (imported text such as «да, позже», shown red) is left as
		// it is: Space would overwrite it unseen.
		const boxes = rowIds.flatMap((rowId) =>
			cols
				.map((colId) => ({ rowId, colId, old: this.#sheet.getCell(rowId, colId) }))
				.filter((c) => c.old === '' || c.old === 'true' || c.old === 'false')
		);
		if (boxes.length === 0) return true;
		const value = boxes.every((c) => c.old === 'true') ? 'false' : 'true';
		this.#callbacks.stopCapturing?.();
		this.#write(() =>
			this.#sheet.setCells(boxes.map(({ rowId, colId }) => ({ rowId, colId, value })))
		);
		this.#callbacks.stopCapturing?.();
		return true;
	}

	/**
	 * Enter ends the new row of the «+» line (`#draftRowId`), but not the Enter that picks in a
	 * choice list or a calendar; so does Tab past the line's last cell. Tab, arrows, Esc and
	 * clicks along the line go on with it.
	 */
	#onDraftKey(e: KeyboardEvent) {
		// Tab past the line's last cell goes on to its first column (`tab-order.ts`): the row is
		// done, as with Enter.
		const past = e.key === 'Tab' && !e.shiftKey && this.#atLineEnd();
		if (e.key !== 'Enter' && !past) return;
		const target = e.target instanceof Element ? e.target : null;
		// The Enter that picks in a choice list or a calendar stores the cell only; Shift+Enter in
		// a long text starts a new line.
		if (!past && target?.closest('.shtab-choice-editor, [role="listbox"], .shtab-date-picker'))
			return;
		if (e.shiftKey && target instanceof HTMLTextAreaElement) return;
		// The row may not be made yet: its first value is told with this one.
		const editing = this.api.getEditingCells().find((c) => c.rowPinned === 'bottom');
		const column = editing?.column?.getColId();
		if (column && !past) this.#backToLineStart(column);
		if (past) this.#lineStart = null;
		if (editing) {
			this.#draftEndKeys.add(e);
			this.#draftEndsPending++;
			// A close never told (none is known) does not hold the line for long.
			if (this.#draftEndsTimer) clearTimeout(this.#draftEndsTimer);
			this.#draftEndsTimer = setTimeout(() => (this.#draftEndsPending = 0), DRAFT_END_TOLD_MS);
		} else this.#endDraftSoon();
	}

	/** The keyboard is on the «+» line's last cell (its editor open or not). */
	#atLineEnd(): boolean {
		const cell = this.api.getFocusedCell();
		const columns = this.api.getAllDisplayedColumns();
		return cell?.rowPinned === 'bottom' && cell.column === columns[columns.length - 1];
	}

	/**
	 * Enter closing an editor of the «+» line: once AG Grid has handled it (it goes down, and
	 * there is no row under the line), the keyboard goes to the column the row began in
	 * (`#lineStart`), unless something else moved it meanwhile.
	 */
	#backToLineStart(from: string) {
		const start = this.#lineStart;
		this.#lineStart = null;
		if (!start || start === from) return;
		setTimeout(() => {
			const cell = this.api.getFocusedCell();
			if (this.api.isDestroyed() || cell?.rowPinned !== 'bottom') return;
			if (cell.column.getColId() !== from || this.api.getEditingCells().length) return;
			const column = this.api.getColumn(start);
			if (!column?.isVisible()) return;
			this.api.ensureColumnVisible(column);
			this.api.setFocusedCell(0, column, 'bottom');
		});
	}

	/** AG Grid tells of an editor's close after its value, with the key that closed it. */
	/**
	 * The open editor of a row is about to close with its value (Enter, Tab, a click away): noted
	 * until AG Grid tells of it, which it does from a timer, and a busy laptop runs the next
	 * click first. Found by a CI run: «Добавить строку» pressed at once took the row just typed
	 * for an untouched one and dropped it with its name; and a page left at once lost the value.
	 */
	noteClosing(): void {
		const cell = this.#editingRowCell();
		if (!cell) return;
		const editor = this.api.getCellEditorInstances()[0] as { getValue?(): unknown } | undefined;
		const value = editor?.getValue?.();
		if (value == null) return;
		this.#untold.set(untoldKey(cell.rowId, cell.colId), { ...cell, value: String(value) });
	}

	/** Esc: the open editor closes on nothing. */
	#forgetClosing() {
		const cell = this.#editingRowCell();
		if (cell) this.#untold.delete(untoldKey(cell.rowId, cell.colId));
	}

	/** The cell of a row (not the «+» line) whose editor is open. */
	#editingRowCell(): { rowId: string; colId: string } | null {
		const cell = this.api.getEditingCells()[0];
		if (!cell || cell.rowPinned || cell.rowIndex == null) return null;
		const rowId = this.api.getDisplayedRowAtIndex(cell.rowIndex)?.data?.id;
		const colId = cell.column?.getColId();
		return rowId && rowId !== NEW_ROW_ID && colId ? { rowId, colId } : null;
	}

	/**
	 * Writes the values editors closed with that AG Grid has not told yet (`noteClosing`), before
	 * something that must come after them: her Ctrl+Z right after Enter undid the step before,
	 * and the value then landed (found by making AG Grid's timer late); the page left at once;
	 * Ctrl+C, Ctrl+X, Ctrl+V, Ctrl+D, Delete on a block and the fill handle read or wrote the
	 * cell before the value typed into it.
	 */
	settleUntold(): void {
		for (const untold of this.#untold.values()) {
			if (untold.written || !this.#sheet.hasRow(untold.rowId)) continue;
			untold.written = true;
			this.#store(untold.rowId, untold.colId, untold.value);
		}
	}

	/** Something was typed into the row, and AG Grid has not told of it yet (`noteClosing`). */
	typedUntold(rowId: string): boolean {
		for (const untold of this.#untold.values())
			if (untold.rowId === rowId && untold.value) return true;
		return false;
	}

	#onEditStopped(e: CellEditingStoppedEvent<Row>) {
		if (e.data) this.#untold.delete(untoldKey(e.data.id, e.column.getColId()));
		if (e.rowPinned !== 'bottom' || !e.event || !this.#draftEndKeys.has(e.event)) return;
		this.#draftEndKeys.delete(e.event);
		this.#draftEndsPending = Math.max(0, this.#draftEndsPending - 1);
		this.#endDraft();
	}

	/**
	 * Ends the «+» line's new row once the value being stored (if any) is in it: AG Grid may store
	 * it after the key or the click that ends the edit. An editor left unchanged stores nothing:
	 * the row ends at the operator's next key or click, or a moment later.
	 */
	#endDraftSoon() {
		const draft = this.#draftRowId;
		if (!draft) return;
		this.#draftEnding = true;
		setTimeout(() => {
			if (this.#draftRowId === draft && this.#draftEnding) this.#endDraft();
		}, DRAFT_END_MS);
	}

	#onKeyDown(e: KeyboardEvent) {
		const key = e.key;
		if (key === 'Shift' || key === 'Control' || key === 'Meta' || key === 'Alt') return;
		if (this.#draftEnding) this.#endDraft();
		this.#onDraftKey(e);
		const mod = e.ctrlKey || e.metaKey;
		const ctrlD = mod && !e.shiftKey && !e.altKey && e.code === 'KeyD';
		const inCell = e.target instanceof Element && !!e.target.closest('.ag-cell');
		if (this.api.getEditingCells().length || !inCell) {
			// Ctrl+D in an open editor (a popup one too) or in a header's filter field does nothing,
			// as in a spreadsheet: the browser would bookmark the page.
			if (ctrlD) e.preventDefault();
			return;
		}
		// Space ticks the checkbox cells of the block (or the focused one), as in Google Sheets;
		// elsewhere it still ticks the row.
		if (key === ' ' && !mod && !e.altKey && !e.shiftKey && this.#toggleCheckboxes()) {
			e.preventDefault();
			e.stopPropagation();
			return;
		}
		if (e.shiftKey && !e.altKey && this.#extendRange(key, mod)) {
			e.preventDefault();
			e.stopPropagation();
			return;
		}
		// Home and End as in a spreadsheet (AG Grid's go to the sheet's corners).
		if ((key === 'Home' || key === 'End') && !e.altKey && this.#homeOrEnd(key, mod)) {
			e.preventDefault();
			e.stopPropagation();
			return;
		}
		this.#showRange();
		// Ctrl+D (by the key's place: the same in the Russian layout), as in a spreadsheet.
		if (ctrlD) {
			e.preventDefault();
			e.stopPropagation();
			this.fillDown();
			return;
		}
		if (!this.#rangeBox) return;
		if (!mod && (key === 'Delete' || key === 'Backspace')) {
			e.preventDefault();
			e.stopPropagation();
			this.clearRangeCells();
			return;
		}
		// Copy, cut and paste keep the block (in either keyboard layout); any other key drops it:
		// a letter (a capital one too: Shift+letter) or `+` edits the focused cell, Enter opens it.
		if (mod && CLIPBOARD_KEYS.has(key.toLowerCase())) return;
		this.clearRange();
	}

	/**
	 * Shift+`key` moves the far corner of the block from the focused cell (see `movedEnd`).
	 * False for a key that does not move it (Shift+letter, Shift+Tab, Shift+Enter).
	 */
	#extendRange(key: string, jump: boolean): boolean {
		const focused = this.#focusedPos();
		const anchor = focused && this.#corner(focused);
		if (!focused || !anchor) return false;
		this.#showRange();
		const range = this.#range;
		const columns = this.displayedColumnIds();
		// From the far corner of this cell's block (while it is shown), else from this cell.
		const far =
			range &&
			this.#rangeBox &&
			range.anchor.rowId === anchor.rowId &&
			range.anchor.col === anchor.col
				? this.#place(range.end)
				: null;
		const end = movedEnd(far ?? focused, key, jump, {
			rowCount: this.api.getDisplayedRowCount(),
			columns,
			page: this.#pageRows()
		});
		const corner = end && this.#corner(end);
		if (!end || !corner) return false;
		this.#setRange(anchor, corner);
		this.api.ensureIndexVisible(end.row);
		this.api.ensureColumnVisible(end.col);
		return true;
	}

	/**
	 * Home and End as in Excel: to the first or last column of the focused cell's row (of the «+»
	 * line too; the frozen first column is the first); with Ctrl (`jump`) to the first cell of the
	 * first row or the last of the last. The block goes, as with any move of the focus.
	 */
	#homeOrEnd(key: 'Home' | 'End', jump: boolean): boolean {
		const focused = this.api.getFocusedCell();
		const columns = this.displayedColumnIds();
		if (!focused || !columns.length) return false;
		const rowCount = this.api.getDisplayedRowCount();
		// From the «+» line, or from a column that is not the sheet's (№, the row's checkbox).
		const from = {
			row: focused.rowPinned ? 0 : focused.rowIndex,
			col: columns.includes(focused.column.getColId()) ? focused.column.getColId() : columns[0]
		};
		const to = movedEnd(from, key, jump, { rowCount, columns, page: 1 });
		if (!to) return false;
		// Along the «+» line, or to a corner of a sheet that has no rows yet: the «+» line.
		const pinned = focused.rowPinned && (!jump || rowCount === 0) ? focused.rowPinned : null;
		this.clearRange();
		if (!pinned) this.api.ensureIndexVisible(to.row);
		// Home shows the columns after a frozen first one from their start.
		const scrollTo = key === 'Home' ? this.api.getDisplayedCenterColumns()[0] : null;
		this.api.ensureColumnVisible(scrollTo ?? to.col);
		this.api.setFocusedCell(to.row, to.col, pinned);
		return true;
	}

	#onPointerDown(e: PointerEvent) {
		if (this.#draftEnding) this.#endDraft();
		if (e.button !== 0 || e.pointerType === 'touch') return;
		const pos = this.#cellAt(e.target);
		const cell = pos && this.#corner(pos);
		if (!cell || this.api.getEditingCells().length) return;
		if (!e.shiftKey && this.#onFillHandle(e, pos)) {
			e.preventDefault();
			e.stopPropagation();
			this.#startFill(pos);
			return;
		}
		if (e.shiftKey) {
			const focused = this.#focusedPos();
			const anchor = focused && this.#corner(focused);
			if (!anchor) return;
			// The focus stays on the anchor, as in a spreadsheet.
			e.preventDefault();
			e.stopPropagation();
			this.#setRange(anchor, cell);
			return;
		}
		// A click focuses this cell (AG Grid); a drag from it selects a block.
		this.#setRange(cell, cell);
		this.#dragging = true;
	}

	#onMouseOver(e: MouseEvent) {
		if (!this.#dragging) return;
		if (!(e.buttons & 1)) {
			this.#endDrag();
			return;
		}
		const pos = this.#cellAt(e.target, true);
		if (pos) this.#dragOver(pos);
	}

	/** A drag reached a cell: the block's far corner (a selection) or the fill's end goes there. */
	#dragOver(pos: CellPos) {
		if (this.#fill) {
			this.#fillOver(pos);
			return;
		}
		const range = this.#range;
		const cell = this.#corner(pos);
		if (!range || !cell || (cell.rowId === range.end.rowId && cell.col === range.end.col)) return;
		this.#setRange(range.anchor, cell);
	}

	#endDrag() {
		this.#dragging = false;
		this.#cancelDragScroll?.();
		this.#cancelDragScroll = null;
		if (this.#fill) this.#commitFill();
	}

	// ------------------------------------------------------------ the fill handle

	/**
	 * The cell with the fill handle follows the block and the focus; its rows are redrawn. Also
	 * after rows moved: AG Grid keeps the focus at its place in the view, while the handle's class
	 * stays on the row it was drawn on.
	 */
	#refreshHandle() {
		// Column events may come while the grid is being made, before `api` is set.
		if (!(this.api as GridApi<Row> | undefined)) return;
		const box = this.#rangeBox;
		const next = box
			? { row: box.bottom, col: this.#rangeColumns[this.#rangeColumns.length - 1] }
			: this.#focusedPos();
		const node = (next && this.api.getDisplayedRowAtIndex(next.row)) || null;
		const was = this.#handleAt;
		const wasNode = this.#handleNode;
		if (was?.row === next?.row && was?.col === next?.col && wasNode === node) return;
		this.#handleAt = next;
		this.#handleNode = node;
		const rowNodes = [wasNode, node].filter((n): n is IRowNode<Row> => !!n);
		if (rowNodes.length) this.api.refreshCells({ rowNodes });
	}

	/** The press is on the fill handle: the bottom-right corner of the handle's cell. */
	#onFillHandle(e: PointerEvent, pos: CellPos): boolean {
		const handle = this.#handleAt;
		if (!handle || handle.row !== pos.row || handle.col !== pos.col) return false;
		const cell = e.target instanceof Element ? e.target.closest('.ag-cell') : null;
		const rect = cell?.getBoundingClientRect();
		return (
			!!rect &&
			e.clientX >= rect.right - FILL_HANDLE_HIT &&
			e.clientY >= rect.bottom - FILL_HANDLE_HIT
		);
	}

	/** A press on the handle of `pos` (the block's bottom-right cell, or the focused cell). */
	#startFill(pos: CellPos) {
		this.flush();
		this.#showRange();
		const box = this.#rangeBox;
		const top = box ? box.top : pos.row;
		const bottom = box ? box.bottom : pos.row;
		const colIds = box ? this.#rangeColumns : [pos.col];
		const rowIds = this.#boxRowIds({ top, bottom, left: 0, right: 0 });
		if (!colIds.length || rowIds.length !== bottom - top + 1) return;
		this.#fill = { rowIds, colIds, reach: 0 };
		this.#fillBox = { top, bottom, to: bottom };
		this.#dragging = true;
	}

	/**
	 * Where the fill's rows are shown now, or null when they no longer lie together (one of them
	 * deleted or filtered out by a colleague's edit, a row come back between them).
	 */
	#placeFill(): { top: number; bottom: number; to: number } | null {
		const fill = this.#fill;
		if (!fill) return null;
		const top = this.api.getRowNode(fill.rowIds[0])?.rowIndex;
		const bottom = this.api.getRowNode(fill.rowIds[fill.rowIds.length - 1])?.rowIndex;
		if (top == null || bottom == null || bottom - top + 1 !== fill.rowIds.length) return null;
		const last = this.api.getDisplayedRowCount() - 1;
		// As far past them as the pointer was: the rows under it may have moved, not the fill's end.
		const reach = fill.reach;
		const to =
			reach > 0 ? Math.min(last, bottom + reach) : reach < 0 ? Math.max(0, top + reach) : bottom;
		return { top, bottom, to };
	}

	/** Rows came, went or moved during a fill: its outline follows its rows, or it is called off. */
	#followFill() {
		if (!this.#fill) return;
		const box = this.#placeFill();
		if (!box) {
			this.#cancelFill();
			return;
		}
		this.#fillBox = box;
		this.#redrawRows(() => true);
	}

	/** The fill is called off (Esc, its rows gone, the window left): nothing is written. */
	#cancelFill() {
		if (!this.#fill) return;
		this.#fill = null;
		this.#fillBox = null;
		this.#dragging = false;
		this.#cancelDragScroll?.();
		this.#cancelDragScroll = null;
		this.#redrawRows(() => true);
	}

	/** The fill outlines row `i` (shown there): it lies past the fill's rows, up to the pointer's. */
	#fillTargets(box: { top: number; bottom: number; to: number } | null, i: number): boolean {
		if (!box) return false;
		return (
			(box.to > box.bottom && i > box.bottom && i <= box.to) ||
			(box.to < box.top && i < box.top && i >= box.to)
		);
	}

	#inFillTarget(node: IRowNode<Row> | null, colId: string | undefined): boolean {
		const fill = this.#fill;
		if (!fill || !node || node.rowPinned || node.rowIndex == null || !colId) return false;
		return this.#fillTargets(this.#fillBox, node.rowIndex) && fill.colIds.includes(colId);
	}

	/** The fill's end follows the pointer up or down; the rows it would write are outlined. */
	#fillOver(pos: CellPos) {
		const fill = this.#fill;
		const box = this.#fillBox;
		if (!fill || !box || pos.row === box.to) return;
		const before = { ...box };
		fill.reach =
			pos.row > box.bottom ? pos.row - box.bottom : pos.row < box.top ? pos.row - box.top : 0;
		box.to = pos.row;
		// Only the rows whose outline changes are drawn again.
		this.#redrawRows((i) => this.#fillTargets(before, i) !== this.#fillTargets(box, i));
	}

	/**
	 * Applies the cells' class rules again (block, fill handle, fill outline) on the rows drawn
	 * whose place in the view passes `test`: without `force`, AG Grid redraws no value.
	 */
	#redrawRows(test: (rowIndex: number) => boolean) {
		const rowNodes = this.api
			.getRenderedNodes()
			.filter((n) => !n.rowPinned && n.rowIndex != null && test(n.rowIndex));
		if (rowNodes.length) this.api.refreshCells({ rowNodes });
	}

	/**
	 * The fill handle let go: the block (or the cell) is copied into the rows it was dragged over,
	 * repeated as needed, in one undo step; the block then covers them too.
	 */
	#commitFill() {
		this.settleUntold();
		const fill = this.#fill;
		const box = this.#placeFill();
		this.#fill = null;
		this.#fillBox = null;
		if (!fill) return;
		this.#redrawRows(() => true);
		if (!box) return;
		const upward = box.to < box.top;
		const targets: string[] = [];
		const target = (i: number) => {
			const id = this.api.getDisplayedRowAtIndex(i)?.data?.id;
			if (id) targets.push(id);
		};
		if (box.to > box.bottom) for (let i = box.bottom + 1; i <= box.to; i++) target(i);
		else for (let i = box.top - 1; i >= box.to; i--) target(i);
		if (!targets.length) return;
		const cells = targets.length * fill.colIds.length;
		if (cells > MAX_RANGE_WRITE) {
			this.#callbacks.onRangeTooBig?.(cells, MAX_RANGE_WRITE);
			return;
		}
		const sources = fillSourceRows(fill.rowIds.length, targets.length, upward);
		const pairs = targets.map((rowId, k): [string, string] => [fill.rowIds[sources[k]], rowId]);
		// The block covers what was copied and where it went, from its top (or bottom) left cell.
		// Set before the write: in a sorted or filtered view the write may move or hide these rows,
		// and the block is then dropped (see `#placeRange`), not left on rows that took their place.
		const first = upward ? box.bottom : box.top;
		const anchor = this.#corner({ row: first, col: fill.colIds[0] });
		const end = { rowId: targets[targets.length - 1], col: fill.colIds[fill.colIds.length - 1] };
		if (anchor) {
			this.api.setFocusedCell(first, fill.colIds[0]);
			this.#setRange(anchor, end);
		}
		let changed = 0;
		this.#callbacks.stopCapturing?.();
		this.#write(
			() =>
				(changed = copyRows(
					this.#sheet,
					pairs,
					fill.colIds,
					this.#callbacks.alsoSet?.bind(this.#callbacks)
				))
		);
		this.#callbacks.stopCapturing?.();
		this.#callbacks.onFilled?.(changed);
	}

	/** A drag that goes past the top or the bottom of the rows scrolls them, as in a spreadsheet. */
	#onDragMove(e: MouseEvent) {
		if (!this.#dragging) return;
		if (!(e.buttons & 1)) {
			this.#endDrag();
			return;
		}
		this.#dragAt = { x: e.clientX, y: e.clientY };
		if (!this.#cancelDragScroll && this.#dragScrollSpeed() !== 0) this.#dragScrollStep();
	}

	/** Pixels to scroll per frame: the farther past the rows' top or bottom edge, the faster. */
	#dragScrollSpeed(): number {
		const area = this.#rowsArea();
		if (!area) return 0;
		const { top, bottom } = area;
		const y = this.#dragAt.y;
		if (y < top + DRAG_SCROLL_EDGE) return -Math.min(DRAG_SCROLL_MAX, 4 + (top - y) / 2);
		if (y > bottom - DRAG_SCROLL_EDGE) return Math.min(DRAG_SCROLL_MAX, 4 + (y - bottom) / 2);
		return 0;
	}

	/**
	 * One frame of a drag past an edge: the block's corner goes to the cell drawn at that edge
	 * (under the pointer's column), then the rows scroll on. The pointer is still, so no
	 * `mouseover` says which cell is there now.
	 */
	#dragScrollStep() {
		this.#cancelDragScroll = null;
		const area = this.#rowsArea();
		const speed = this.#dragScrollSpeed();
		if (!this.#dragging || !area || speed === 0) return;
		const x = Math.max(area.left + 1, Math.min(area.right - 2, this.#dragAt.x));
		// The first row drawn in from that edge (a scrollbar may lie over the rows' bottom).
		let pos: CellPos | null = null;
		for (let inset = 2; !pos && inset < 80; inset += 6) {
			const y = speed < 0 ? area.top + inset : area.bottom - inset;
			pos = this.#cellAt(document.elementFromPoint(x, y), true);
		}
		if (pos) this.#dragOver(pos);
		area.scroller.scrollTop += speed;
		this.#cancelDragScroll = nextFrame(() => this.#dragScrollStep());
	}

	/**
	 * While the list is on its way (the page says it is loading), the grid does not say «Строк
	 * нет» under that notice (found by exploration).
	 */
	setWaiting(waiting: boolean): void {
		this.#pageWaiting = waiting;
		if (this.#opening) return;
		if (!!this.api.getGridOption('activeOverlay') !== waiting)
			this.api.setGridOption('activeOverlay', waiting ? EmptyOverlay : undefined);
	}

	destroy() {
		// Values her editors closed with are written: AG Grid would have told of them a moment
		// later, and drops what it has not told when it goes.
		this.settleUntold();
		this.#untold.clear();
		// A drag still going on is called off: nothing is written by a grid going away (the
		// language switched, the page left).
		this.#cancelFill();
		this.#endDrag();
		this.#sorter.destroy();
		this.#searchTexts.destroy();
		this.#cancelDeferred?.();
		this.#deferred = [];
		this.#clearQueue();
		this.#cancelUpdates?.();
		this.#updates.clear();
		if (this.#batchTimer) clearTimeout(this.#batchTimer);
		// A grid made again (the language switched) reads the view from the store.
		this.#writeView();
		for (const fn of this.#cleanup.splice(0)) fn();
		this.#unobserve();
		this.#peers.destroy();
		this.api.destroy();
	}
}
